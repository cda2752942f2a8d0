//! The look of Baton's forms, and the pieces several forms share.

use leptos::prelude::*;

use crate::auth::MIN_PASSWORD_LENGTH;
use crate::domain::Role;

/// A white panel around a form or a list.
pub const CARD: &str = "rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6 \
    dark:border-slate-800 dark:bg-slate-900";
/// A field's label.
pub const LABEL: &str = "block text-sm font-medium text-slate-700 dark:text-slate-300";
/// Text inputs and selects.
pub const INPUT: &str = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm \
    text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none \
    focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100";
/// Help text under a field.
pub const HINT: &str = "mt-1 text-xs text-slate-500 dark:text-slate-400";
/// The main button of a form.
pub const PRIMARY_BUTTON: &str = "inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 \
    text-sm font-medium text-white shadow-sm hover:bg-indigo-500 disabled:cursor-wait disabled:opacity-60 \
    dark:bg-indigo-500 dark:hover:bg-indigo-400";
/// A quieter button.
pub const SECONDARY_BUTTON: &str =
    "inline-flex items-center justify-center rounded-md border border-slate-300 \
    px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-700 \
    dark:text-slate-200 dark:hover:bg-slate-800";
/// A success message after a form was saved.
/// A note of something to keep in mind (a warning that did not stop the change).
pub const WARNING: &str =
    "rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 \
    dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100";
pub const SUCCESS: &str =
    "rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900 \
    dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100";

/// What Baton asks of a new password, said before anyone types one.
#[component]
pub fn PasswordRequirements(
    /// The id the password input points at with `aria-describedby`.
    id: &'static str,
) -> impl IntoView {
    view! {
        <p id=id class=HINT>
            {format!(
                "At least {MIN_PASSWORD_LENGTH} characters; a short phrase of several words works well. \
                 Don't use your email address or a common password."
            )}
        </p>
    }
}

/// Every role, in order of what it may do.
pub const ROLES: [Role; 4] = [Role::Admin, Role::Manager, Role::Member, Role::Viewer];

/// The value a role has in forms (the server reads it with serde).
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Manager => "manager",
        Role::Member => "member",
        Role::Viewer => "viewer",
    }
}

/// Reads a role back from a form value.
pub fn role_from_key(key: &str) -> Option<Role> {
    ROLES.into_iter().find(|r| role_key(*r) == key)
}

/// How a role is named on screen.
pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::Admin => "Admin",
        Role::Manager => "Manager",
        Role::Member => "Member",
        Role::Viewer => "Viewer",
    }
}

/// What a role may do, in a few words.
pub fn role_description(role: Role) -> &'static str {
    match role {
        Role::Admin => "runs the workspace: people, roles and settings",
        Role::Manager => "leads a team and works on items",
        Role::Member => "works on items",
        Role::Viewer => "sees everything, changes nothing",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_keys_match_what_the_server_reads() {
        for role in ROLES {
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role_key(role)));
            assert_eq!(role_from_key(role_key(role)), Some(role));
        }
        assert_eq!(role_from_key("owner"), None);
    }
}
