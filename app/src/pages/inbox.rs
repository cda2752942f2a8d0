use leptos::prelude::*;
use leptos_meta::Title;

use super::PageHeader;

/// `/inbox`: everything waiting on the signed-in person.
#[component]
pub fn InboxPage() -> impl IntoView {
    view! {
        <Title text="Inbox"/>
        <PageHeader
            title="Inbox"
            subtitle="Approvals you owe, items waiting on you, and escalations — most urgent first."
        />
        <section class="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            <p>"Approvals with their SLA countdown arrive with the approval inbox."</p>
        </section>
    }
}
