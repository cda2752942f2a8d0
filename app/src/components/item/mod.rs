//! One item in full: its fields, checklist, approvals and RACI, comments and
//! feedback, history, moves and archive — on its own page or in the board's drawer.

mod activity;
mod brand;
pub mod fields;
mod fixes;
mod form;
mod outcome;
mod results;
mod sends;
mod work;

pub use fields::{parse_raw, raw_of, FieldInput};
pub use form::{from_key, key_of, parse_due};

use activity::Activity;
use fixes::PostLaunchFixes;
use form::ItemForm;
use work::{parties, Approvals, Checklist, Comments, RaciView};

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

use crate::api::board::{board_directory, Directory};
use crate::api::items::{apply_operations, get_item, ItemDetail};
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, SECONDARY_BUTTON, SUCCESS, WARNING};
use crate::domain::{ItemId, MoveKind, Operation};
use crate::error::AppError;

/// Runs operations on the item and reloads it; shared by every part of the panel.
#[derive(Debug, Clone, Copy)]
pub struct Control {
    id: ItemId,
    version: StoredValue<u32>,
    reload: RwSignal<u32>,
    error: RwSignal<Option<AppError>>,
    status: RwSignal<String>,
    /// What to keep in mind after a change went through (an over-contact warning).
    warnings: RwSignal<Vec<String>>,
    busy: RwSignal<bool>,
}

impl Control {
    /// Applies `ops` (all or nothing) and says `done` when they went through.
    pub fn run(self, ops: Vec<Operation>, done: impl Into<String>) {
        let done = done.into();
        self.busy.set(true);
        self.error.set(None);
        self.status.set(String::new());
        self.warnings.set(Vec::new());
        spawn_local(async move {
            match apply_operations(self.id, self.version.get_value(), ops).await {
                Ok(item) => {
                    self.version.set_value(item.version);
                    self.status.set(done);
                    self.reload.update(|n| *n += 1);
                }
                Err(error) => self.error.set(Some(error)),
            }
            self.busy.set(false);
        });
    }
}

/// The item panel: loads the item and the team, then shows everything.
#[component]
pub fn ItemDetailPanel(id: ItemId, #[prop(optional)] page: bool) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let detail = Resource::new(move || reload.get(), move |_| get_item(id));
    let directory = Resource::new(|| (), |_| board_directory());
    let control = Control {
        id,
        version: StoredValue::new(0),
        reload,
        error: RwSignal::new(None),
        status: RwSignal::new(String::new()),
        warnings: RwSignal::new(Vec::new()),
        busy: RwSignal::new(false),
    };
    view! {
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading the item…"</p> }>
            {move || Suspend::new(async move {
                match (detail.await, directory.await) {
                    (Ok(detail), Ok(dir)) => {
                        control.version.set_value(detail.item.version);
                        view! { <Detail detail dir control page/> }.into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Detail(detail: ItemDetail, dir: Directory, control: Control, page: bool) -> impl IntoView {
    let ItemDetail {
        item,
        definition: def,
        events,
        moves,
        approval,
        brand,
        waiting_on,
    } = detail;
    let stage = def.stage(&item.stage).cloned();
    let stage_keeps_sends = stage.as_ref().is_some_and(|s| s.records_sends);
    let stage_name = stage
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_else(|| item.stage.to_string());
    let can_work = dir.can_work && !item.is_archived();
    let heading = item.title.clone();
    let board = format!("/board/{}", item.workflow_id);
    let archived = item.is_archived();
    let finished = def.stages.last().is_some_and(|s| s.key == item.stage);
    let forward = moves
        .iter()
        .find(|m| m.kind == Some(MoveKind::Forward))
        .cloned();
    let backward: Vec<_> = moves
        .iter()
        .filter(|m| m.kind == Some(MoveKind::Back))
        .cloned()
        .collect();
    view! {
        {page.then(|| view! { <Title text=heading.clone()/> })}
        <header class="mb-4">
            <p class="text-sm text-slate-600 dark:text-slate-400">
                <a href=board class="text-indigo-700 hover:underline dark:text-indigo-300">{def.name.clone()}</a>
                {format!(" · in {stage_name}")}
                {archived.then_some(" · archived")}
            </p>
            {if page {
                view! { <h1 class="text-2xl font-semibold tracking-tight">{heading.clone()}</h1> }.into_any()
            } else {
                view! { <h2 class="text-xl font-semibold tracking-tight">{heading.clone()}</h2> }.into_any()
            }}
        </header>
        <Attention item=item.clone() events=events.clone() people=dir.people.clone()/>
        <div class="space-y-2" aria-live="polite">
            {move || control.error.get().map(|error| view! { <ErrorView error/> })}
            {move || (!control.status.get().is_empty()).then(|| view! { <p role="status" class=SUCCESS>{control.status.get()}</p> })}
            {move || control.warnings.get().into_iter().map(|w| view! { <p role="note" class=WARNING>{w}</p> }).collect_view()}
        </div>
        <div class="mt-4 space-y-4">
            {(can_work && (forward.is_some() || !backward.is_empty())).then(|| view! {
                <section aria-labelledby="moves-heading" class=CARD>
                    <h3 id="moves-heading" class="font-semibold">"Move"</h3>
                    <div class="mt-2 flex flex-wrap gap-2">
                        {forward.clone().map(|m| {
                            let to = m.stage.clone();
                            view! {
                                <button type="button" class="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
                                    disabled=!m.allowed
                                    on:click=move |_| control.run(vec![Operation::MoveTo { stage: to.clone(), reason: None }], "Moved.")>
                                    {format!("Move to {}", m.name)}
                                </button>
                            }
                        })}
                        {backward.into_iter().map(|m| {
                            let to = m.stage.clone();
                            view! {
                                <button type="button" class=SECONDARY_BUTTON
                                    on:click=move |_| control.run(vec![Operation::MoveTo { stage: to.clone(), reason: None }], "Moved back.")>
                                    {format!("Back to {}", m.name)}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                    {forward.filter(|m| !m.allowed).map(|m| view! {
                        <div class="mt-3 text-sm">
                            <p class="font-medium">{format!("Before it can go to {}:", m.name)}</p>
                            <ul class="mt-1 list-disc pl-5 text-slate-700 dark:text-slate-300">
                                {m.reasons.into_iter().map(|r| view! { <li>{r.message}</li> }).collect_view()}
                            </ul>
                        </div>
                    })}
                    <WaitingOn items=waiting_on.clone()/>
                </section>
            })}
            <ItemForm item=item.clone() def=def.clone() dir=dir.clone() control can_work brand/>
            {stage.clone().map(|s| view! { <Checklist item=item.clone() stage=s control can_work/> })}
            {stage.clone().zip(approval).map(|(s, progress)| view! { <Approvals item=item.clone() stage=s progress dir=dir.clone() control/> })}
            {stage.map(|s| view! { <RaciView stage=s people=dir.people.clone()/> })}
            <Comments events=events.clone() def=def.clone() people=dir.people.clone() control can_work=dir.can_work/>
            <outcome::OutcomeSection item=item.clone() def=def.clone() control can_work/>
            {(def.kind == crate::domain::WorkflowKind::Reporting).then(|| view! {
                <crate::components::campaigns::decisions::ActionLogSection report=item.id/>
            })}
            {stage_keeps_sends.then(|| view! { <sends::SendLog item=item.clone() events=events.clone() control can_work/> })}
            <results::Results id=item.id can_work=dir.can_work/>
            {finished.then(|| view! { <PostLaunchFixes id=item.id/> })}
            <section aria-labelledby="activity-heading" class=CARD>
                <h3 id="activity-heading" class="font-semibold">"Activity"</h3>
                <div class="mt-2"><Activity events def people=dir.people.clone()/></div>
            </section>
            <section id="archive" aria-label="Archive" class=CARD>
                {if !dir.can_work {
                    view! { <p class="text-sm text-slate-600 dark:text-slate-400">"Viewers can look but not change items."</p> }.into_any()
                } else if archived {
                    view! { <button type="button" class=SECONDARY_BUTTON on:click=move |_| control.run(vec![Operation::Restore], "Restored.")>"Restore"</button> }.into_any()
                } else {
                    view! { <button type="button" class=SECONDARY_BUTTON on:click=move |_| control.run(vec![Operation::Archive], "Archived.")>"Archive"</button> }.into_any()
                }}
            </section>
        </div>
    }
}

/// The campaign items a stage's gate waits on ("every linked item done"), with links.
#[component]
fn WaitingOn(items: Vec<(ItemId, String)>) -> impl IntoView {
    (!items.is_empty()).then(|| view! {
        <div class="mt-3 text-sm">
            <p class="font-medium">"Waiting on these campaign items:"</p>
            <ul class="mt-1 list-disc pl-5" aria-label="Campaign items not done yet">
                {items.into_iter().map(|(id, title)| view! {
                    <li><a href=format!("/items/{id}") class="text-indigo-700 hover:underline dark:text-indigo-300">{title}</a></li>
                }).collect_view()}
            </ul>
        </div>
    })
}

/// What needs attention first: an escalation, and feedback not yet acted on.
#[component]
fn Attention(
    item: crate::domain::Item,
    events: Vec<crate::domain::Event>,
    people: Vec<crate::api::board::PersonTag>,
) -> impl IntoView {
    let escalation = item.escalation.as_ref().map(|e| {
        format!(
            "Escalated to {} on {} — it has waited too long in this stage.",
            parties(&e.to, &people),
            crate::domain::words::moment(e.at)
        )
    });
    let feedback = (!item.is_submitted())
        .then(|| {
            events.iter().rev().find_map(|e| match &e.kind {
                crate::domain::EventKind::ChangesRequested { feedback, .. }
                    if e.at >= item.entered_stage_at =>
                {
                    Some((activity::name_of(&people, e.actor), feedback.clone()))
                }
                _ => None,
            })
        })
        .flatten();
    view! {
        {escalation.map(|text| view! {
            <p role="note" class="mb-3 rounded-lg border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
                {text}
            </p>
        })}
        {feedback.map(|(by, text)| view! {
            <section aria-label="Feedback to act on" class="mb-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
                <p class="font-semibold">{format!("{by} asked for changes:")}</p>
                <p class="mt-1 whitespace-pre-line">{text}</p>
                <p class="mt-1 text-xs">"Revise, then submit for approval again."</p>
            </section>
        })}
    }
}
