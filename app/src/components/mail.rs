//! The integrations page's email section: is an SMTP server set up, how the outbox stands,
//! and "Send a test email".

use leptos::prelude::*;

use crate::api::mail::{mail_status, SendTestEmail};
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, HINT, SECONDARY_BUTTON, SUCCESS};
use crate::views::mail::MailStatusView;

/// Email, for admins.
#[component]
pub fn EmailSection() -> impl IntoView {
    let test = ServerAction::<SendTestEmail>::new();
    let status = Resource::new(move || test.version().get(), |_| mail_status());
    view! {
        <section class=CARD aria-labelledby="email-heading">
            <h2 id="email-heading" class="text-lg font-semibold">"Email"</h2>
            <p class=HINT>"Approvals, changes requested, escalations and mentions go out at once; the rest is folded into one email every few minutes, or kept for each person's daily digest. People choose for themselves in Settings → Notifications."</p>
            <Transition fallback=|| view! { <p class="mt-3 text-sm text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(view) => view! { <Status view test/> }.into_any(),
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Status(view: MailStatusView, test: ServerAction<SendTestEmail>) -> impl IntoView {
    let Some(server) = view.server.clone() else {
        return view! {
            <p class="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" role="status">
                "Email is not set up, so Baton only notifies people inside Baton, and invites and password resets can't be emailed. To turn it on, start Baton with "
                <code>"BATON_SMTP_URL"</code>" (for example smtp://user:password@smtp.example.com:587), "
                <code>"BATON_MAIL_FROM"</code>" and "<code>"BATON_PUBLIC_URL"</code>"."
            </p>
        }
        .into_any();
    };
    let pending = test.pending();
    view! {
        <dl class="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt class="text-slate-500 dark:text-slate-400">"Server"</dt><dd>{server}</dd>
            <dt class="text-slate-500 dark:text-slate-400">"From"</dt><dd>{view.from.clone()}</dd>
            <dt class="text-slate-500 dark:text-slate-400">"Links point to"</dt><dd>{view.public_url.clone()}</dd>
            <dt class="text-slate-500 dark:text-slate-400">"Sent in 24 hours"</dt><dd>{view.sent_today}</dd>
            <dt class="text-slate-500 dark:text-slate-400">"Waiting to go"</dt>
            <dd>{if view.retrying > 0 { format!("{} ({} being retried)", view.pending, view.retrying) } else { view.pending.to_string() }}</dd>
            <dt class="text-slate-500 dark:text-slate-400">"Given up on"</dt><dd>{view.failed}</dd>
        </dl>
        {view.last_error.clone().map(|error| view! {
            <p class="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-200" role="status">
                {format!("The SMTP server's latest refusal: {error}. Baton keeps retrying for about a day; nothing is lost meanwhile.")}
            </p>
        })}
        <div class="mt-4 flex flex-wrap items-center gap-3">
            <button type="button" class=SECONDARY_BUTTON disabled=move || pending.get() on:click=move |_| { test.dispatch(SendTestEmail {}); }>
                "Send a test email"
            </button>
            {move || match test.value().get() {
                Some(Ok(to)) => Some(view! { <p class=SUCCESS role="status">{format!("A test email is on its way to {to}.")}</p> }.into_any()),
                Some(Err(error)) => Some(view! { <ErrorView error/> }.into_any()),
                None => None,
            }}
        </div>
    }
    .into_any()
}
