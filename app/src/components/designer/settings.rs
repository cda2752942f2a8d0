//! The workflow as a whole: its name, its kind, how many revision rounds an item gets and
//! what its finished work leaves behind.

use leptos::prelude::*;

use super::widgets::{whole_number, ProblemsAt, SECTION};
use super::Draft;
use crate::components::forms::{HINT, INPUT, LABEL};
use crate::components::item::{from_key, key_of};
use crate::domain::design::DesignEdit;
use crate::domain::limits::NAME;
use crate::domain::{OutcomeKind, OutcomeSpec, WorkflowKind};

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
            <div class="mt-4 grid gap-4 sm:grid-cols-3">
                <div class="sm:col-span-2">
                    <label for="wf-outcome" class=LABEL>"Outcome of finished work"</label>
                    <select id="wf-outcome" class=INPUT disabled=disabled aria-describedby="wf-outcome-hint"
                        on:change=move |ev| {
                            let kind = from_key::<OutcomeKind>(&event_target_value(&ev));
                            let required = draft.def.with_untracked(|d| d.outcome.is_some_and(|o| o.required));
                            draft.apply(DesignEdit::SetOutcome { outcome: kind.map(|kind| OutcomeSpec { kind, required }) });
                        }>
                        <option value="" selected=move || draft.def.with(|d| d.outcome.is_none())>"None asked for"</option>
                        {OutcomeKind::ALL.into_iter().map(|kind| view! {
                            <option value=key_of(&kind) selected=move || draft.def.with(|d| d.outcome.is_some_and(|o| o.kind == kind))>{kind.label()}</option>
                        }).collect_view()}
                    </select>
                    <p id="wf-outcome-hint" class=HINT>"Asked for when an item reaches the last stage, and shown on the item, its campaign and in exports."</p>
                </div>
                <div class="flex items-end pb-2">
                    <label class="flex items-center gap-2 text-sm">
                        <input type="checkbox" class="h-4 w-4" disabled=move || disabled || draft.def.with(|d| d.outcome.is_none())
                            prop:checked=move || draft.def.with(|d| d.outcome.is_some_and(|o| o.required))
                            on:change=move |ev| {
                                let required = event_target_checked(&ev);
                                let kind = draft.def.with_untracked(|d| d.outcome.map(|o| o.kind));
                                draft.apply(DesignEdit::SetOutcome { outcome: kind.map(|kind| OutcomeSpec { kind, required }) });
                            }/>
                        "Required to reach the last stage"
                    </label>
                </div>
            </div>
        </section>
    }
    .into_any()
}
