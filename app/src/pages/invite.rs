use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::account::{invite_details, AcceptInvite, Invitation};
use crate::components::error_view::ErrorView;
use crate::components::forms::{
    role_description, role_label, PasswordRequirements, CARD, INPUT, LABEL, PRIMARY_BUTTON,
};
use crate::components::session::use_session;

/// `/invite/:token`: someone invited sets a password and is signed in.
#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let details = Resource::new(token, invite_details);
    let session = use_session();
    let accept = ServerAction::<AcceptInvite>::new();
    Effect::new(move |_| {
        if matches!(accept.value().get(), Some(Ok(()))) {
            session.refresh();
        }
    });
    view! {
        <Title text="Join Baton"/>
        <div class="mx-auto w-full max-w-md py-4 sm:py-12">
            <Suspense fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match details.await {
                        Ok(invitation) => Either::Left(view! { <AcceptForm invitation token=token() action=accept/> }),
                        Err(error) => Either::Right(view! {
                            <div class=CARD>
                                <h1 class="mb-4 text-xl font-semibold tracking-tight">"This invite link can't be used"</h1>
                                <ErrorView error/>
                                <p class="mt-4 text-sm text-slate-600 dark:text-slate-400">
                                    "Ask the admin who invited you for a new link. If you already set a password, sign in instead."
                                </p>
                                <a href="/login" class=format!("{PRIMARY_BUTTON} mt-4")>"Go to sign in"</a>
                            </div>
                        }),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn AcceptForm(
    invitation: Invitation,
    token: String,
    action: ServerAction<AcceptInvite>,
) -> impl IntoView {
    let pending = action.pending();
    view! {
        <div class=CARD>
            <h1 class="text-xl font-semibold tracking-tight">{format!("Welcome, {}", invitation.name)}</h1>
            <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">
                "You're invited to Baton as "
                <strong class="font-semibold text-slate-900 dark:text-slate-100">{role_label(invitation.role)}</strong>
                {format!(" ({}). You'll sign in with ", role_description(invitation.role))}
                <strong class="font-semibold text-slate-900 dark:text-slate-100">{invitation.email.clone()}</strong>
                "."
            </p>
            <ActionForm action>
                <div class="mt-6 space-y-4">
                    <input type="hidden" name="token" value=token/>
                    // Lets password managers store the new password under the right email.
                    <input type="email" value=invitation.email autocomplete="username" readonly hidden/>
                    <div>
                        <label for="password" class=LABEL>"Password"</label>
                        <input
                            id="password"
                            name="password"
                            type="password"
                            autocomplete="new-password"
                            required
                            aria-describedby="password-rules"
                            class=INPUT
                        />
                        <PasswordRequirements id="password-rules"/>
                    </div>
                    {move || action.value().get().and_then(Result::err).map(|error| view! { <ErrorView error/> })}
                    <button type="submit" class=format!("{PRIMARY_BUTTON} w-full") disabled=move || pending.get()>
                        "Create account"
                    </button>
                </div>
            </ActionForm>
        </div>
    }
}
