use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::account::{AuthState, SignIn};
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, INPUT, LABEL, PRIMARY_BUTTON};
use crate::components::session::use_session;

/// `/login`: signing in — or, before anyone can, how to create the first admin.
#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let sign_in = ServerAction::<SignIn>::new();
    // The server sets the cookie and sends the browser on; the header must catch up.
    Effect::new(move |_| {
        if matches!(sign_in.value().get(), Some(Ok(()))) {
            session.refresh();
        }
    });
    view! {
        <Title text="Sign in"/>
        <div class="mx-auto w-full max-w-md py-4 sm:py-12">
            <Suspense fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match session.status.await {
                        Ok(AuthState::NoAccounts) => EitherOf3::A(view! { <FirstRun/> }),
                        Ok(AuthState::SignedIn(user)) => EitherOf3::B(view! {
                            <div class=CARD>
                                <h1 class="text-xl font-semibold tracking-tight">"You're signed in"</h1>
                                <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">
                                    {format!("Signed in as {} ({}).", user.name, user.email)}
                                </p>
                                <a href="/board" class=format!("{PRIMARY_BUTTON} mt-4")>"Go to the board"</a>
                            </div>
                        }),
                        _ => EitherOf3::C(view! { <SignInForm action=sign_in/> }),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn SignInForm(action: ServerAction<SignIn>) -> impl IntoView {
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let pending = action.pending();
    view! {
        <div class=CARD>
            <h1 class="text-xl font-semibold tracking-tight">"Sign in to Baton"</h1>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                "Use the email address your admin invited you with."
            </p>
            <ActionForm action>
                <div class="mt-6 space-y-4">
                    {move || action.value().get().and_then(Result::err).map(|error| view! { <ErrorView error/> })}
                    <input type="hidden" name="next" value=next/>
                    <div>
                        <label for="email" class=LABEL>"Email"</label>
                        <input
                            id="email"
                            name="email"
                            type="email"
                            autocomplete="username"
                            required
                            class=INPUT
                        />
                    </div>
                    <div>
                        <label for="password" class=LABEL>"Password"</label>
                        <input
                            id="password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required
                            class=INPUT
                        />
                    </div>
                    <button type="submit" class=format!("{PRIMARY_BUTTON} w-full") disabled=move || pending.get()>
                        "Sign in"
                    </button>
                    <p class="text-sm">
                        <a href="/forgot" class="text-indigo-700 hover:underline dark:text-indigo-300">"Forgot your password?"</a>
                    </p>
                </div>
            </ActionForm>
        </div>
    }
}

/// What a fresh installation shows: nobody can sign in until an admin exists.
#[component]
fn FirstRun() -> impl IntoView {
    view! {
        <div class=CARD>
            <h1 class="text-xl font-semibold tracking-tight">"No accounts yet"</h1>
            <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">
                "Baton has no accounts yet, so nobody can sign in. Create the first admin on the server, \
                 in the folder Baton runs from; it asks for a password:"
            </p>
            <pre class="mt-4 whitespace-pre-wrap break-words rounded-md bg-slate-900 p-3 text-xs text-slate-100 dark:bg-slate-950 dark:ring-1 dark:ring-slate-800"><code>
                "baton user add --email you@example.com --name \"Your Name\" --admin"
            </code></pre>
            <p class="mt-4 text-sm text-slate-600 dark:text-slate-400">
                "Then reload this page and sign in. The admin invites everyone else from the People page."
            </p>
            <p class="mt-4 text-sm text-slate-600 dark:text-slate-400">
                "Just looking around? "
                <code class="rounded bg-slate-100 px-1 py-0.5 text-xs dark:bg-slate-800">"make run"</code>
                " starts Baton with a demo workspace that already has accounts to sign in with."
            </p>
        </div>
    }
}
