//! "Forgot your password?": `/forgot` asks for the address and emails a one-time link;
//! `/reset/:token` sets a new password through it and signs in.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::mail::{reset_details, RequestPasswordReset, ResetPassword};
use crate::components::error_view::ErrorView;
use crate::components::forms::{PasswordRequirements, CARD, INPUT, LABEL, PRIMARY_BUTTON, SUCCESS};
use crate::components::session::use_session;
use crate::views::mail::ResetLink;

/// `/forgot`.
#[component]
pub fn ForgotPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    let pending = request.pending();
    view! {
        <Title text="Forgot your password?"/>
        <div class="mx-auto w-full max-w-md py-4 sm:py-12">
            <div class=CARD>
                <h1 class="text-xl font-semibold tracking-tight">"Forgot your password?"</h1>
                <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                    "Enter the email address you sign in with. If it has an account, Baton emails it a link to choose a new password; the link works once, for one hour."
                </p>
                <ActionForm action=request>
                    <div class="mt-6 space-y-4">
                        <div>
                            <label for="email" class=LABEL>"Email"</label>
                            <input id="email" name="email" type="email" autocomplete="username" required maxlength="254" class=INPUT/>
                        </div>
                        {move || match request.value().get() {
                            Some(Ok(())) => Some(view! {
                                <p class=SUCCESS role="status">
                                    "If that address has an account, a reset link is on its way. Check your inbox (and the spam folder) in a minute."
                                </p>
                            }.into_any()),
                            Some(Err(error)) => Some(view! { <ErrorView error/> }.into_any()),
                            None => None,
                        }}
                        <button type="submit" class=format!("{PRIMARY_BUTTON} w-full") disabled=move || pending.get()>
                            "Email me a reset link"
                        </button>
                        <p class="text-sm"><a href="/login" class="text-indigo-700 hover:underline dark:text-indigo-300">"Back to sign in"</a></p>
                    </div>
                </ActionForm>
            </div>
        </div>
    }
}

/// `/reset/:token`.
#[component]
pub fn ResetPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let details = Resource::new(token, reset_details);
    let session = use_session();
    let reset = ServerAction::<ResetPassword>::new();
    Effect::new(move |_| {
        if matches!(reset.value().get(), Some(Ok(()))) {
            session.refresh();
        }
    });
    view! {
        <Title text="Choose a new password"/>
        <div class="mx-auto w-full max-w-md py-4 sm:py-12">
            <Suspense fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match details.await {
                        Ok(link) => view! { <ResetForm link token=token() action=reset/> }.into_any(),
                        Err(error) => view! {
                            <div class=CARD>
                                <h1 class="mb-4 text-xl font-semibold tracking-tight">"This reset link can't be used"</h1>
                                <ErrorView error/>
                                <a href="/forgot" class=format!("{PRIMARY_BUTTON} mt-4")>"Ask for a new link"</a>
                            </div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn ResetForm(link: ResetLink, token: String, action: ServerAction<ResetPassword>) -> impl IntoView {
    let pending = action.pending();
    view! {
        <div class=CARD>
            <h1 class="text-xl font-semibold tracking-tight">"Choose a new password"</h1>
            <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">
                "For "
                <strong class="font-semibold text-slate-900 dark:text-slate-100">{link.email.clone()}</strong>
                ". Every place you are signed in is signed out."
            </p>
            <ActionForm action>
                <div class="mt-6 space-y-4">
                    <input type="hidden" name="token" value=token/>
                    <input type="email" value=link.email autocomplete="username" readonly hidden/>
                    <div>
                        <label for="password" class=LABEL>"New password"</label>
                        <input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-rules" class=INPUT/>
                        <PasswordRequirements id="password-rules"/>
                    </div>
                    {move || action.value().get().and_then(Result::err).map(|error| view! { <ErrorView error/> })}
                    <button type="submit" class=format!("{PRIMARY_BUTTON} w-full") disabled=move || pending.get()>
                        "Set password and sign in"
                    </button>
                </div>
            </ActionForm>
        </div>
    }
}
