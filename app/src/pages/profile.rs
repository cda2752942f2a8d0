use leptos::either::Either;
use leptos::html::Form;
use leptos::prelude::*;
use leptos_meta::Title;

use super::PageHeader;
use crate::api::account::{ChangePassword, UpdateProfile};
use crate::auth::CurrentUser;
use crate::components::avatar::Avatar;
use crate::components::calendar::CalendarFeedSection;
use crate::components::error_view::ErrorView;
use crate::components::forms::role_label;
use crate::components::forms::{
    PasswordRequirements, CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, SUCCESS,
};
use crate::components::session::{signed_in, use_session};
use crate::components::time_zones::offered;
use crate::components::tokens::ApiTokensSection;

/// `/profile`: one's own name, time zone and password, one's calendar subscription and API
/// tokens.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = use_session();
    // Made here, not in the form: the form is redrawn with the saved values.
    let update = ServerAction::<UpdateProfile>::new();
    // What was typed survives the form being redrawn when the session is refreshed.
    let draft = ProfileDraft {
        name: RwSignal::new(None),
        time_zone: RwSignal::new(None),
    };
    Effect::new(move |_| {
        if matches!(update.value().get(), Some(Ok(_))) {
            session.refresh();
        }
    });
    view! {
        <Title text="Your profile"/>
        <PageHeader title="Your profile" subtitle="How your teammates see you, the time zone dates are shown in, your password, and the tokens other tools use Baton with."/>
        <div class="grid max-w-4xl gap-6 lg:grid-cols-2">
            <Transition fallback=|| view! { <div class=CARD>"Loading…"</div> }>
                {move || Suspend::new(async move {
                    match signed_in(&session.status.await) {
                        Some(user) => Either::Left(view! { <ProfileForm user action=update draft/> }),
                        None => Either::Right(view! {
                            <div class=CARD>
                                <p class="text-sm">"You are signed out."</p>
                                <a href="/login?next=/profile" class="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">"Sign in"</a>
                            </div>
                        }),
                    }
                })}
            </Transition>
            <PasswordForm/>
            <CalendarFeedSection/>
            <ApiTokensSection/>
        </div>
    }
}

/// Edits not yet saved; `None` shows the saved value.
#[derive(Debug, Clone, Copy)]
struct ProfileDraft {
    name: RwSignal<Option<String>>,
    time_zone: RwSignal<Option<String>>,
}

#[component]
fn ProfileForm(
    user: CurrentUser,
    action: ServerAction<UpdateProfile>,
    draft: ProfileDraft,
) -> impl IntoView {
    let pending = action.pending();
    let current_zone = draft
        .time_zone
        .get_untracked()
        .unwrap_or_else(|| user.time_zone.clone());
    let zones = offered(&current_zone);
    let name = draft
        .name
        .get_untracked()
        .unwrap_or_else(|| user.name.clone());
    view! {
        <section class=CARD aria-labelledby="profile-heading">
            <div class="flex items-center gap-3">
                <Avatar initials=user.initials() seed=user.id.0 size="h-12 w-12 text-base"/>
                <div class="min-w-0">
                    <h2 id="profile-heading" class="text-lg font-semibold">"Profile"</h2>
                    <p class="truncate text-sm text-slate-600 dark:text-slate-400">
                        {format!("{} · {}", user.email, role_label(user.role))}
                    </p>
                </div>
            </div>
            <ActionForm action>
                <div class="mt-5 space-y-4">
                    <div>
                        <label for="profile-name" class=LABEL>"Name"</label>
                        <input
                            id="profile-name"
                            name="name"
                            type="text"
                            autocomplete="name"
                            required
                            maxlength="100"
                            value=name
                            on:input=move |ev| draft.name.set(Some(event_target_value(&ev)))
                            class=INPUT
                        />
                    </div>
                    <div>
                        <label for="profile-time-zone" class=LABEL>"Time zone"</label>
                        <select
                            id="profile-time-zone"
                            name="time_zone"
                            class=INPUT
                            aria-describedby="time-zone-hint"
                            on:change=move |ev| draft.time_zone.set(Some(event_target_value(&ev)))
                        >
                            {zones
                                .into_iter()
                                .map(|zone| {
                                    let selected = zone == current_zone;
                                    view! { <option value=zone.clone() selected=selected>{zone.replace('_', " ")}</option> }
                                })
                                .collect_view()}
                        </select>
                        <p id="time-zone-hint" class=HINT>"Due dates and the calendar are shown in this time zone."</p>
                    </div>
                    {move || action.value().get().and_then(Result::err).map(|error| view! { <ErrorView error/> })}
                    {move || {
                        matches!(action.value().get(), Some(Ok(_)))
                            .then(|| view! { <p role="status" class=SUCCESS>"Saved. Your profile is up to date."</p> })
                    }}
                    <button type="submit" class=PRIMARY_BUTTON disabled=move || pending.get()>"Save profile"</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let pending = change.pending();
    let form = NodeRef::<Form>::new();
    Effect::new(move |_| {
        if matches!(change.value().get(), Some(Ok(_))) {
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
        }
    });
    view! {
        <section class=CARD aria-labelledby="password-heading">
            <h2 id="password-heading" class="text-lg font-semibold">"Password"</h2>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                "Changing it signs you out everywhere else."
            </p>
            <ActionForm action=change node_ref=form>
                <div class="mt-5 space-y-4">
                    <div>
                        <label for="current-password" class=LABEL>"Current password"</label>
                        <input id="current-password" name="current" type="password" autocomplete="current-password" required class=INPUT/>
                    </div>
                    <div>
                        <label for="new-password" class=LABEL>"New password"</label>
                        <input
                            id="new-password"
                            name="new_password"
                            type="password"
                            autocomplete="new-password"
                            required
                            aria-describedby="new-password-rules"
                            class=INPUT
                        />
                        <PasswordRequirements id="new-password-rules"/>
                    </div>
                    {move || change.value().get().and_then(Result::err).map(|error| view! { <ErrorView error/> })}
                    {move || {
                        change.value().get().and_then(Result::ok).map(|ended| {
                            view! { <p role="status" class=SUCCESS>{password_changed(ended)}</p> }
                        })
                    }}
                    <button type="submit" class=PRIMARY_BUTTON disabled=move || pending.get()>"Change password"</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// What to say once the password is changed.
fn password_changed(other_sessions_ended: u64) -> String {
    match other_sessions_ended {
        0 => "Password changed. You were not signed in anywhere else.".to_string(),
        1 => "Password changed. 1 other session was signed out.".to_string(),
        n => format!("Password changed. {n} other sessions were signed out."),
    }
}

#[cfg(test)]
mod tests {
    use super::password_changed;

    #[test]
    fn the_count_of_ended_sessions_reads_naturally() {
        assert!(password_changed(0).contains("not signed in anywhere else"));
        assert!(password_changed(1).contains("1 other session was"));
        assert!(password_changed(3).contains("3 other sessions were"));
    }
}
