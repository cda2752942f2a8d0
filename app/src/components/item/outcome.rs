//! The item's outcome: what its finished work left behind (a published URL, a live
//! campaign, a sent email's reach, a report, leads handed over), asked for at the stage
//! before the last — where it goes with the move that finishes the item — and kept,
//! correctable, at the last.

use leptos::prelude::*;

use super::Control;
use crate::components::forms::{CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON};
use crate::domain::{limits, Item, Operation, OutcomeKind, OutcomeRecord, WorkflowDefinition};
use crate::error::AppError;

/// The outcome section, when the workflow asks for one and the item is at its last stage
/// or the one before.
#[component]
pub fn OutcomeSection(
    item: Item,
    def: WorkflowDefinition,
    control: Control,
    can_work: bool,
) -> impl IntoView {
    section(item, def, control, can_work)
}

fn section(
    item: Item,
    def: WorkflowDefinition,
    control: Control,
    can_work: bool,
) -> Option<impl IntoView> {
    let spec = def.outcome?;
    let last = def.stages.last()?.clone();
    let at_last = item.stage == last.key;
    let next_is_last = def
        .next_stage(&item.stage)
        .is_some_and(|s| s.key == last.key);
    if !at_last && !next_is_last {
        return None;
    }
    let saved = item.outcome.clone();
    let url = RwSignal::new(
        saved
            .as_ref()
            .and_then(|o| o.url.clone())
            .unwrap_or_default(),
    );
    let count = RwSignal::new(
        saved
            .as_ref()
            .and_then(|o| o.count)
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    let segment = RwSignal::new(
        saved
            .as_ref()
            .and_then(|o| o.segment.clone())
            .or_else(|| item.segment())
            .unwrap_or_default(),
    );
    let note = RwSignal::new(saved.as_ref().map(|o| o.note.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<AppError>);
    let kind = spec.kind;
    let record = move || -> Option<Operation> {
        let raw = count.get_untracked().trim().replace([',', ' '], "");
        let count = if raw.is_empty() {
            None
        } else {
            match raw.parse::<u64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    error.set(Some(AppError::validation(
                        "count",
                        "The count must be a whole number.",
                    )));
                    return None;
                }
            }
        };
        let text = |s: RwSignal<String>| Some(s.get_untracked()).filter(|t| !t.trim().is_empty());
        Some(Operation::RecordOutcome {
            outcome: OutcomeRecord {
                kind,
                url: text(url),
                count,
                segment: text(segment),
                note: note.get_untracked(),
            },
        })
    };
    let last_key = last.key.clone();
    let finish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let Some(op) = record() else { return };
        if at_last {
            control.run(vec![op], "Outcome saved.");
        } else {
            let to = Operation::MoveTo {
                stage: last_key.clone(),
                reason: None,
            };
            control.run(vec![op, to], "Outcome recorded and the item finished.");
        }
    };
    let asks = if spec.required {
        format!("{} — required to reach {}.", spec.kind.label(), last.name)
    } else {
        format!(
            "{} — asked for when it reaches {}.",
            spec.kind.label(),
            last.name
        )
    };
    let button = if at_last {
        "Save outcome".to_owned()
    } else {
        format!("Record outcome and move to {}", last.name)
    };
    Some(view! {
        <section aria-labelledby="outcome-heading" class=CARD>
            <h3 id="outcome-heading" class="font-semibold">"Outcome"</h3>
            <p class=HINT>{asks}</p>
            {match &saved {
                Some(outcome) => view! {
                    <p class="mt-2 text-sm" data-outcome="">{outcome.words()}</p>
                    {outcome.url.clone().map(|href| view! {
                        <p class="text-sm"><a href=href.clone() class="break-all text-indigo-700 hover:underline dark:text-indigo-300" rel="noopener noreferrer">"Open it"</a></p>
                    })}
                }.into_any(),
                None if at_last => view! { <p class="mt-2 text-sm text-amber-800 dark:text-amber-200">"No outcome recorded yet."</p> }.into_any(),
                None => ().into_any(),
            }}
            {can_work.then(|| view! {
                <form class="mt-3 grid gap-2 sm:grid-cols-2" on:submit=finish aria-label="Record the outcome">
                    {kind.needs_url().then(|| view! {
                        <div class="sm:col-span-2">
                            <label for="outcome-url" class=LABEL>{match kind {
                                OutcomeKind::LiveCampaign => "Where it runs (address)",
                                OutcomeKind::Report => "Where the report is (address)",
                                _ => "Published at (address)",
                            }}</label>
                            <input id="outcome-url" type="url" class=INPUT required maxlength=limits::URL.to_string() placeholder="https://"
                                prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
                        </div>
                    })}
                    {(kind == OutcomeKind::SentEmail).then(|| view! {
                        <div>
                            <label for="outcome-segment" class=LABEL>"Segment"</label>
                            <input id="outcome-segment" class=INPUT required maxlength=limits::SHORT.to_string()
                                prop:value=move || segment.get() on:input=move |ev| segment.set(event_target_value(&ev))/>
                        </div>
                    })}
                    {kind.needs_count().then(|| view! {
                        <div>
                            <label for="outcome-count" class=LABEL>{if kind == OutcomeKind::SentEmail { "Recipients reached" } else { "Leads handed to sales" }}</label>
                            <input id="outcome-count" class=INPUT required inputmode="numeric"
                                prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev))/>
                        </div>
                    })}
                    <div class="sm:col-span-2">
                        <label for="outcome-note" class=LABEL>"Note (optional)"</label>
                        <input id="outcome-note" class=INPUT maxlength=limits::TEXT_FIELD.to_string()
                            prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                    </div>
                    <div class="sm:col-span-2">
                        <button type="submit" class=if at_last { SECONDARY_BUTTON } else { PRIMARY_BUTTON } disabled=move || control.busy.get()>{button.clone()}</button>
                    </div>
                </form>
                <div aria-live="polite">{move || error.get().map(|error| view! { <crate::components::error_view::ErrorView error/> })}</div>
            })}
        </section>
    })
}
