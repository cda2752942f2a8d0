//! Decisions taken because of a report: the list (on the report and its campaign) and, on
//! a report at its action log, the form that records one — optionally creating the item
//! that carries it out.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::campaigns::{get_action_log, record_decision, set_decision_status, DecisionLine};
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, HINT, INPUT, LABEL, SECONDARY_BUTTON};
use crate::domain::decisions::{DecisionInput, DecisionStatus, DECISION};
use crate::domain::{words, ItemId, PersonId, WorkflowId};
use crate::error::AppError;

/// A list of decisions; with `can_update`, each with its status to change.
#[component]
pub fn DecisionList(
    decisions: Vec<DecisionLine>,
    show_report: bool,
    can_update: bool,
    #[prop(optional)] changed: Option<RwSignal<u32>>,
) -> impl IntoView {
    let error = RwSignal::new(None::<AppError>);
    view! {
        <ul class="space-y-2 text-sm" aria-label="Decisions">
            {decisions.into_iter().map(|d| {
                let id = d.id;
                let select_id = format!("decision-{id}-status");
                view! {
                    <li class="border-l-2 border-slate-200 pl-3 dark:border-slate-700">
                        <p class="font-medium">{d.decision.clone()}</p>
                        <p class="text-xs text-slate-600 dark:text-slate-400">
                            {format!("{} · {}{} · decided {}",
                                d.status.label(),
                                d.owner.clone().map_or_else(|| "no owner".to_owned(), |o| format!("owned by {o}")),
                                d.due.clone().map(|due| format!(", by {due}")).unwrap_or_default(),
                                words::moment(d.at))}
                        </p>
                        {show_report.then(|| view! {
                            <p class="text-xs">"From "<a href=format!("/items/{}", d.report.0) class="text-indigo-700 hover:underline dark:text-indigo-300">{d.report.1.clone()}</a></p>
                        })}
                        {d.created_item.clone().map(|(item, title)| view! {
                            <p class="text-xs">"Carried out by "<a href=format!("/items/{item}") class="text-indigo-700 hover:underline dark:text-indigo-300">{title}</a></p>
                        })}
                        {can_update.then(|| view! {
                            <label for=select_id.clone() class="sr-only">{format!("Status of “{}”", d.decision)}</label>
                            <select id=select_id.clone() class="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-900"
                                on:change=move |ev| {
                                    let Some(status) = DecisionStatus::from_key(&event_target_value(&ev)) else { return };
                                    error.set(None);
                                    spawn_local(async move {
                                        match set_decision_status(id, status).await {
                                            Ok(()) => if let Some(changed) = changed { changed.update(|n| *n += 1) },
                                            Err(e) => error.set(Some(e)),
                                        }
                                    });
                                }>
                                {DecisionStatus::ALL.into_iter().map(|s| view! {
                                    <option value=s.key() selected=s == d.status>{s.label()}</option>
                                }).collect_view()}
                            </select>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        <div aria-live="polite">{move || error.get().map(|error| view! { <ErrorView error/> })}</div>
    }
}

/// A report's action log: its decisions and, at the action log stage, the form.
#[component]
pub fn ActionLogSection(report: ItemId) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let log = Resource::new(move || reload.get(), move |_| get_action_log(report));
    let decision = RwSignal::new(String::new());
    let owner = RwSignal::new(None::<PersonId>);
    let due = RwSignal::new(String::new());
    let creates = RwSignal::new(None::<WorkflowId>);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = DecisionInput {
            decision: decision.get_untracked(),
            owner: owner.get_untracked(),
            due_on: chrono::NaiveDate::parse_from_str(due.get_untracked().trim(), "%Y-%m-%d").ok(),
            creates_in: creates.get_untracked(),
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match record_decision(report, input).await {
                Ok(_) => {
                    decision.set(String::new());
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="action-log-heading" class=CARD>
            <h3 id="action-log-heading" class="font-semibold">"Action log"</h3>
            <p class=HINT>"Decisions taken because of this report, who owns them and by when — so the team can see later which changes moved the numbers."</p>
            <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match log.await {
                        Ok(log) => view! {
                            {if log.decisions.is_empty() {
                                view! { <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">"No decisions recorded yet."</p> }.into_any()
                            } else {
                                view! { <div class="mt-2"><DecisionList decisions=log.decisions.clone() show_report=false can_update=log.can_update changed=reload/></div> }.into_any()
                            }}
                            {log.can_record.then(|| view! {
                                <form class="mt-3 grid gap-2 sm:grid-cols-2" on:submit=submit aria-label="Record a decision">
                                    <div class="sm:col-span-2">
                                        <label for="decision-text" class=LABEL>"Decision"</label>
                                        <input id="decision-text" class=INPUT required maxlength=DECISION.to_string() placeholder="Pause the retargeting ad set"
                                            prop:value=move || decision.get() on:input=move |ev| decision.set(event_target_value(&ev))/>
                                    </div>
                                    <div>
                                        <label for="decision-owner" class=LABEL>"Owner"</label>
                                        <select id="decision-owner" class=INPUT on:change=move |ev| owner.set(event_target_value(&ev).parse::<i64>().ok().map(PersonId))>
                                            <option value="">"Nobody yet"</option>
                                            {log.people.iter().filter(|p| p.role.can_work()).map(|p| view! { <option value=p.id.0.to_string()>{p.name.clone()}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <div>
                                        <label for="decision-due" class=LABEL>"By"</label>
                                        <input id="decision-due" type="date" class=INPUT prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev))/>
                                    </div>
                                    <div class="sm:col-span-2">
                                        <label for="decision-creates" class=LABEL>"Create an item for it in"</label>
                                        <select id="decision-creates" class=INPUT on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            creates.set((!v.is_empty()).then(|| WorkflowId::new(v)));
                                        }>
                                            <option value="">"No item"</option>
                                            {log.workflows.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                                        </select>
                                        <p class=HINT>"The item goes into this report's campaign, owned by the decision's owner."</p>
                                    </div>
                                    <div class="sm:col-span-2">
                                        <button type="submit" class=SECONDARY_BUTTON disabled=move || busy.get()>"Record decision"</button>
                                    </div>
                                </form>
                            })}
                        }.into_any(),
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })}
            </Transition>
            <div aria-live="polite">{move || error.get().map(|error| view! { <ErrorView error/> })}</div>
        </section>
    }
}
