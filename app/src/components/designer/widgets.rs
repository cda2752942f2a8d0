//! Small pieces every part of the designer uses: the problems at a place, a labelled
//! switch, and the look of the designer's sections.

use leptos::prelude::*;

use super::{anchor, Draft};

/// A section of the designer.
pub const SECTION: &str = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5 \
    dark:border-slate-800 dark:bg-slate-900";
/// A small button inside a section.
pub const SMALL_BUTTON: &str =
    "inline-flex items-center justify-center rounded-md border border-slate-300 \
    px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed \
    disabled:opacity-40 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800";
/// A small button that removes something.
pub const DANGER_BUTTON: &str =
    "inline-flex items-center justify-center rounded-md border border-red-300 \
    px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 dark:border-red-800 \
    dark:text-red-300 dark:hover:bg-red-950";

/// The problems placed exactly at `path`, in red, where they belong (tracked).
#[component]
pub fn ProblemsAt(draft: Draft, #[prop(into)] path: String) -> impl IntoView {
    let id = anchor(&path);
    let messages = move || draft.messages_at(&path);
    view! {
        <ul id=id class="mt-1 space-y-0.5 text-xs text-red-700 empty:hidden dark:text-red-300">
            {move || messages().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A checkbox with its label that reports its new state.
#[component]
pub fn Switch(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
    disabled: bool,
) -> impl IntoView {
    view! {
        <label for=id.clone() class="flex items-center gap-2 text-sm">
            <input id=id.clone() type="checkbox" class="h-4 w-4" disabled=disabled
                prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))/>
            {label}
        </label>
    }
    .into_any()
}

/// A whole number typed into a box: `Ok(None)` when empty, `Err` with a sentence when it
/// is not a whole number.
pub fn whole_number(raw: &str, what: &str) -> Result<Option<u32>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<u32>()
        .map(Some)
        .map_err(|_| format!("{what} must be a whole number, like 24."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_read_or_explained() {
        assert_eq!(whole_number(" 24 ", "The SLA"), Ok(Some(24)));
        assert_eq!(whole_number("", "The SLA"), Ok(None));
        assert_eq!(
            whole_number("1.5", "The SLA"),
            Err("The SLA must be a whole number, like 24.".into())
        );
    }
}
