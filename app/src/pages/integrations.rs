//! `/settings/integrations` (admins): how Baton talks to other tools — email through an SMTP
//! server, inbound hooks they post to, and outbound webhooks Baton posts to.

use leptos::prelude::*;
use leptos_meta::Title;

use super::PageHeader;
use crate::components::automation::hooks::HooksSection;
use crate::components::mail::EmailSection;
use crate::components::session::{signed_in, use_session};
use crate::components::webhooks::WebhooksSection;
use crate::domain::Role;

/// `/settings/integrations`.
#[component]
pub fn IntegrationsPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Title text="Integrations"/>
        <PageHeader
            title="Integrations"
            subtitle="Baton emails people through your SMTP server; other tools post results and requests to Baton's hooks; Baton tells other tools what happens through signed webhooks."
        />
        <p class="mb-4 text-sm"><a href="/settings" class="text-indigo-700 hover:underline dark:text-indigo-300">"← Settings"</a></p>
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let admin = signed_in(&session.status.await).is_some_and(|u| u.role == Role::Admin);
                if admin {
                    view! {
                        <div class="space-y-6">
                            <EmailSection/>
                            <WebhooksSection/>
                            <HooksSection/>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <p class="text-sm text-slate-600 dark:text-slate-400">"Only admins manage integrations: ask one of them to add a hook or a webhook."</p>
                    }.into_any()
                }
            })}
        </Transition>
    }
}
