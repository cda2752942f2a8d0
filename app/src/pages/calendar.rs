use leptos::prelude::*;
use leptos_meta::Title;

use super::PageHeader;

/// `/calendar`: what goes out when.
#[component]
pub fn CalendarPage() -> impl IntoView {
    view! {
        <Title text="Calendar"/>
        <PageHeader
            title="Calendar"
            subtitle="The content calendar: one source of truth for what is published, sent and launched, and when."
        />
        <section class="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            <p>"Month, week and agenda views of every scheduled item arrive with the calendar."</p>
        </section>
    }
}
