//! The workflow as a whole: its name, its kind and how many revision rounds an item gets.

use leptos::prelude::*;

use super::widgets::{whole_number, ProblemsAt, SECTION};
use super::Draft;
use crate::components::forms::{HINT, INPUT, LABEL};
use crate::components::item::{from_key, key_of};
use crate::domain::design::DesignEdit;
use crate::domain::limits::NAME;
use crate::domain::WorkflowKind;

/// Every kind, as the kind picker lists them.
pub const KINDS: [(WorkflowKind, &str); 9] = [
    (WorkflowKind::Content, "Content"),
    (WorkflowKind::Paid, "Paid media"),
    (WorkflowKind::Email, "Email"),
    (WorkflowKind::Social, "Social"),
    (WorkflowKind::Reporting, "Reporting"),
    (WorkflowKind::Seo, "SEO"),
    (WorkflowKind::Nurture, "Nurture"),
    (WorkflowKind::IntegratedCampaign, "Integrated campaign"),
    (WorkflowKind::Custom, "Other (the team's own)"),
];

/// How a kind is named on screen.
pub fn kind_label(kind: WorkflowKind) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("Other", |(_, label)| label)
}

/// Name, kind, revision rounds.
#[component]
pub fn WorkflowSettings(draft: Draft) -> impl IntoView {
    let disabled = !draft.editable;
    let rounds = RwSignal::new(draft.def.with_untracked(|d| d.revision_limit.to_string()));
    let rounds_problem = RwSignal::new(None::<String>);
    view! {
        <section aria-labelledby="workflow-heading" class=SECTION>
            <h2 id="workflow-heading" class="text-lg font-semibold">"The workflow"</h2>
            <div class="mt-3 grid gap-4 sm:grid-cols-3">
                <div class="sm:col-span-3">
                    <label for="wf-name" class=LABEL>"Name"</label>
                    <input id="wf-name" type="text" class=INPUT disabled=disabled maxlength=NAME.to_string()
                        prop:value=move || draft.def.with(|d| d.name.clone())
                        on:input=move |ev| draft.apply(DesignEdit::SetName { name: event_target_value(&ev) })/>
                    <ProblemsAt draft path="name"/>
                </div>
                <div>
                    <label for="wf-kind" class=LABEL>"Kind of work"</label>
                    <select id="wf-kind" class=INPUT disabled=disabled
                        on:change=move |ev| {
                            if let Some(kind) = from_key::<WorkflowKind>(&event_target_value(&ev)) {
                                draft.apply(DesignEdit::SetKind { kind });
                            }
                        }>
                        {KINDS.into_iter().map(|(kind, label)| view! {
                            <option value=key_of(&kind) selected=move || draft.def.with(|d| d.kind == kind)>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="sm:col-span-2">
                    <label for="wf-rounds" class=LABEL>"Revision rounds before the brief is revisited"</label>
                    <input id="wf-rounds" type="number" min="0" inputmode="numeric" class=INPUT disabled=disabled
                        aria-describedby="wf-rounds-hint"
                        prop:value=move || rounds.get()
                        on:input=move |ev| {
                            let raw = event_target_value(&ev);
                            rounds.set(raw.clone());
                            match whole_number(&raw, "The number of rounds") {
                                Ok(n) => {
                                    rounds_problem.set(None);
                                    draft.apply(DesignEdit::SetRevisionLimit { limit: n.unwrap_or(0) });
                                }
                                Err(p) => rounds_problem.set(Some(p)),
                            }
                        }/>
                    <p id="wf-rounds-hint" class=HINT>"How many times \"changes requested\" sends an item back for revision; after that it goes back to the first stage."</p>
                    <p class="mt-1 text-xs text-red-700 dark:text-red-300">{move || rounds_problem.get()}</p>
                    <ProblemsAt draft path="revision_limit"/>
                </div>
            </div>
            <ProblemsAt draft path="kind"/>
        </section>
    }
    .into_any()
}
