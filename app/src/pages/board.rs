use leptos::prelude::*;
use leptos_meta::Title;

use super::PageHeader;

/// `/board`: the team's boards, one per workflow.
#[component]
pub fn BoardPage() -> impl IntoView {
    view! {
        <Title text="Board"/>
        <PageHeader
            title="Board"
            subtitle="Every workflow as a Kanban board: cards move stage by stage, and a gate that is not met says why."
        />
        <section class="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            <p>"Boards arrive with the workflow engine: one column per stage, cards with owners, due dates, checklists and approvals."</p>
        </section>
    }
}
