//! The Trello import: what becomes of each list, label and member, and a preview of what
//! the import brings in, kept up to date as the person chooses.

use leptos::prelude::*;

use super::{DiscardButton, ImportOutcome, UploadProblem, TD, TH};
use crate::api::imports::{import_trello, preview_trello, TrelloPreview, TrelloSummary};
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, WARNING};
use crate::domain::exchange::trello::{LabelPlan, ListPlan, Mapping};
use crate::domain::{limits, Channel, PersonId};
use crate::error::AppError;

/// The Trello import of upload `upload`.
#[component]
pub fn TrelloImport(upload: i64) -> impl IntoView {
    let first = Resource::new(|| (), move |_| preview_trello(upload, None));
    view! {
        <Suspense fallback=|| view! { <p class="text-sm text-slate-500">"Reading the board…"</p> }>
            {move || Suspend::new(async move {
                match first.await {
                    Ok(preview) => view! { <TrelloForm preview/> }.into_any(),
                    Err(error) => view! { <UploadProblem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TrelloForm(preview: TrelloPreview) -> impl IntoView {
    let upload = preview.upload;
    let mapping = RwSignal::new(preview.mapping.clone());
    let latest = Resource::new(
        move || mapping.get(),
        move |m| preview_trello(upload, Some(m)),
    );
    let import = Action::new(move |m: &Mapping| import_trello(upload, m.clone()));
    let lists = preview.lists.clone();
    let list_choices: Vec<(String, String)> = lists
        .iter()
        .map(|l| (l.id.clone(), l.name.clone()))
        .collect();
    let people = preview.people.clone();
    view! {
        <div class="space-y-6">
            <section class=CARD aria-labelledby="workflow-heading">
                <h2 id="workflow-heading" class="text-lg font-semibold">"The new workflow"</h2>
                <p class=HINT>{format!("From {} ({}).", preview.board, preview.file_name)}</p>
                <label for="workflow-name" class=format!("{LABEL} mt-3")>"Name of the new workflow"</label>
                <input
                    id="workflow-name"
                    class=INPUT
                    maxlength=limits::NAME
                    prop:value=move || mapping.with(|m| m.workflow_name.clone())
                    on:change=move |ev| mapping.update(|m| m.workflow_name = event_target_value(&ev))
                />
                <label class="mt-4 flex min-h-11 items-center gap-2 text-sm">
                    <input
                        type="checkbox"
                        class="h-5 w-5"
                        prop:checked=move || mapping.with(|m| m.archived_cards)
                        on:change=move |ev| mapping.update(|m| m.archived_cards = event_target_checked(&ev))
                    />
                    "Bring archived cards in too (they arrive archived)"
                </label>
            </section>

            <section class=CARD aria-labelledby="lists-heading">
                <h2 id="lists-heading" class="text-lg font-semibold">"Lists become stages"</h2>
                <p class=HINT>"Each list you keep becomes a stage, left to right. Put a list into another's stage to merge them, or leave it behind with its cards."</p>
                <div class="mt-3 overflow-x-auto">
                    <table class="min-w-full text-sm">
                        <thead><tr class="border-b border-slate-200 dark:border-slate-800"><th class=TH>"List"</th><th class=TH>"Cards"</th><th class=TH>"Becomes"</th></tr></thead>
                        <tbody>
                            {lists.into_iter().map(|list| {
                                let id = list.id.clone();
                                let label = format!("What becomes of the list {}", list.name);
                                let others: Vec<(String, String)> = list_choices.iter().filter(|(other, _)| *other != id).cloned().collect();
                                let current = {
                                    let id = id.clone();
                                    move || mapping.with(|m| list_value(m.lists.get(&id)))
                                };
                                let set = {
                                    let id = id.clone();
                                    move |ev| {
                                        let plan = list_plan(&event_target_value(&ev));
                                        mapping.update(|m| { m.lists.insert(id.clone(), plan); });
                                    }
                                };
                                view! {
                                    <tr class="border-b border-slate-100 dark:border-slate-800">
                                        <td class=TD>{list.name.clone()}{list.closed.then(|| view! { <span class="ml-2 rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">"archived"</span> })}</td>
                                        <td class=TD>{list.cards}</td>
                                        <td class=TD>
                                            <select aria-label=label class=INPUT prop:value=current on:change=set>
                                                <option value="stage">"A stage of its own"</option>
                                                {others.into_iter().map(|(other, name)| view! { <option value=format!("into:{other}")>{format!("Into {name}")}</option> }).collect_view()}
                                                <option value="leave">"Leave behind"</option>
                                            </select>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>

            {(!preview.labels.is_empty()).then(|| view! {
                <section class=CARD aria-labelledby="labels-heading">
                    <h2 id="labels-heading" class="text-lg font-semibold">"Labels"</h2>
                    <p class=HINT>"A label can set the item's channel, or be kept as a tag in the item's Labels field."</p>
                    <div class="mt-3 overflow-x-auto">
                        <table class="min-w-full text-sm">
                            <thead><tr class="border-b border-slate-200 dark:border-slate-800"><th class=TH>"Label"</th><th class=TH>"Cards"</th><th class=TH>"Becomes"</th></tr></thead>
                            <tbody>
                                {preview.labels.iter().map(|label| {
                                    let id = label.id.clone();
                                    let aria = format!("What becomes of the label {}", label.name);
                                    let current = {
                                        let id = id.clone();
                                        move || mapping.with(|m| label_value(m.labels.get(&id)))
                                    };
                                    let set = move |ev| {
                                        let plan = label_plan(&event_target_value(&ev));
                                        mapping.update(|m| { m.labels.insert(id.clone(), plan); });
                                    };
                                    view! {
                                        <tr class="border-b border-slate-100 dark:border-slate-800">
                                            <td class=TD>{label.name.clone()}{label.color.clone().map(|c| view! { <span class="ml-2 text-xs text-slate-600 dark:text-slate-400">{c}</span> })}</td>
                                            <td class=TD>{label.cards}</td>
                                            <td class=TD>
                                                <select aria-label=aria class=INPUT prop:value=current on:change=set>
                                                    <option value="tag">"A tag"</option>
                                                    {Channel::ALL.iter().map(|c| view! { <option value=format!("channel:{}", c.key())>{format!("Channel: {}", c.label())}</option> }).collect_view()}
                                                    <option value="leave">"Leave out"</option>
                                                </select>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </section>
            })}

            {(!preview.members.is_empty()).then(|| view! {
                <section class=CARD aria-labelledby="members-heading">
                    <h2 id="members-heading" class="text-lg font-semibold">"Members"</h2>
                    <p class=HINT>"A card's first member becomes its owner and the others its assignees. Comments keep their author when the member is someone here; otherwise they are kept under your name, saying who wrote them."</p>
                    <div class="mt-3 overflow-x-auto">
                        <table class="min-w-full text-sm">
                            <thead><tr class="border-b border-slate-200 dark:border-slate-800"><th class=TH>"Member"</th><th class=TH>"Cards"</th><th class=TH>"Is"</th></tr></thead>
                            <tbody>
                                {preview.members.iter().map(|member| {
                                    let id = member.id.clone();
                                    let aria = format!("Who {} is in Baton", member.name);
                                    let current = {
                                        let id = id.clone();
                                        move || mapping.with(|m| m.members.get(&id).copied().flatten().map(|p| p.0.to_string()).unwrap_or_default())
                                    };
                                    let set = move |ev| {
                                        let person = event_target_value(&ev).parse::<i64>().ok().map(PersonId);
                                        mapping.update(|m| { m.members.insert(id.clone(), person); });
                                    };
                                    view! {
                                        <tr class="border-b border-slate-100 dark:border-slate-800">
                                            <td class=TD>{member.name.clone()}<span class="ml-2 text-xs text-slate-600 dark:text-slate-400">{format!("@{}", member.username)}</span></td>
                                            <td class=TD>{member.cards}</td>
                                            <td class=TD>
                                                <select aria-label=aria class=INPUT prop:value=current on:change=set>
                                                    <option value="">"Nobody here"</option>
                                                    {people.iter().map(|p| view! { <option value=p.id.0.to_string()>{p.label.clone()}</option> }).collect_view()}
                                                </select>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </section>
            })}

            <section class=CARD aria-labelledby="preview-heading" aria-live="polite">
                <h2 id="preview-heading" class="text-lg font-semibold">"Preview"</h2>
                <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Working it out…"</p> }>
                    {move || Suspend::new(async move {
                        match latest.await {
                            Ok(p) => view! { <Summary summary=p.summary mapping import/> }.into_any(),
                            Err(error) => view! { <ErrorView error/> }.into_any(),
                        }
                    })}
                </Transition>
                {move || import.value().get().map(|done| view! { <ImportOutcome done/> })}
                <div class="mt-4 flex flex-wrap gap-3">
                    <DiscardButton upload/>
                </div>
            </section>
        </div>
    }
}

#[component]
fn Summary(
    summary: Result<TrelloSummary, String>,
    mapping: RwSignal<Mapping>,
    import: Action<Mapping, Result<crate::api::imports::ImportDone, AppError>>,
) -> impl IntoView {
    let summary = match summary {
        Ok(s) => s,
        Err(problem) => {
            return view! { <p class=format!("{WARNING} mt-3") role="alert">{problem}</p> }
                .into_any()
        }
    };
    let blocked = !summary.refused.is_empty();
    let items = summary.items;
    let mut facts = vec![format!(
        "{} {} in {} {}",
        limits::grouped(items),
        if items == 1 { "item" } else { "items" },
        summary.stages.len(),
        if summary.stages.len() == 1 {
            "stage"
        } else {
            "stages"
        }
    )];
    if summary.archived > 0 {
        facts.push(format!(
            "{} of them archived",
            limits::grouped(summary.archived)
        ));
    }
    if summary.left_out > 0 {
        facts.push(format!(
            "{} cards stay behind",
            limits::grouped(summary.left_out)
        ));
    }
    facts.push(format!(
        "{} comments ({} kept under your name)",
        limits::grouped(summary.comments),
        limits::grouped(summary.comments_unmatched)
    ));
    facts.push(format!(
        "{} checklist lines ticked",
        limits::grouped(summary.ticks)
    ));
    let done = move || import.value().get().is_some_and(|r| r.is_ok());
    view! {
        <p class="mt-2 text-sm" data-testid="trello-summary">{format!("{}.", facts.join(", "))}</p>
        <div class="mt-3 overflow-x-auto">
            <table class="min-w-full text-sm">
                <caption class="sr-only">"The stages the import makes"</caption>
                <thead><tr class="border-b border-slate-200 dark:border-slate-800"><th class=TH>"Stage"</th><th class=TH>"From"</th><th class=TH>"Items"</th><th class=TH>"Checklist lines"</th></tr></thead>
                <tbody>
                    {summary.stages.into_iter().map(|s| view! {
                        <tr class="border-b border-slate-100 dark:border-slate-800"><td class=TD>{s.name}</td><td class=TD>{s.lists.join(", ")}</td><td class=TD>{s.items}</td><td class=TD>{s.lines}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(!summary.warnings.is_empty()).then(|| view! {
            <div class=format!("{WARNING} mt-3")>
                <p class="font-medium">"Changed to fit:"</p>
                <ul class="ml-5 list-disc">{summary.warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </div>
        })}
        {blocked.then(|| view! {
            <div class=format!("{WARNING} mt-3") role="alert">
                <p class="font-medium">"These cards can't be imported as mapped; change the mapping:"</p>
                <ul class="ml-5 list-disc">{summary.refused.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </div>
        })}
        <h3 class="mt-4 text-base font-semibold">{format!("The first {} items", summary.sample.len())}</h3>
        <div class="mt-2 overflow-x-auto">
            <table class="min-w-full text-sm">
                <thead><tr class="border-b border-slate-200 dark:border-slate-800"><th class=TH>"Title"</th><th class=TH>"Stage"</th><th class=TH>"Owner"</th><th class=TH>"Channel"</th><th class=TH>"Tags"</th><th class=TH>"Comments"</th></tr></thead>
                <tbody>
                    {summary.sample.into_iter().map(|i| view! {
                        <tr class="border-b border-slate-100 dark:border-slate-800">
                            <td class=TD>{i.title}{i.archived.then(|| view! { <span class="ml-2 rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">"archived"</span> })}</td>
                            <td class=TD>{i.stage}</td>
                            <td class=TD>{i.owner.unwrap_or_else(|| "—".into())}</td>
                            <td class=TD>{i.channel}</td>
                            <td class=TD>{i.tags}</td>
                            <td class=TD>{i.comments}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <button
            type="button"
            class=format!("{PRIMARY_BUTTON} mt-4")
            disabled=move || blocked || import.pending().get() || done()
            on:click=move |_| { import.dispatch(mapping.get_untracked()); }
        >
            {move || if import.pending().get() { "Importing…".to_string() } else { format!("Import {} {}", limits::grouped(items), if items == 1 { "item" } else { "items" }) }}
        </button>
    }
    .into_any()
}

fn list_value(plan: Option<&ListPlan>) -> String {
    match plan {
        Some(ListPlan::Stage) | None => "stage".into(),
        Some(ListPlan::Into(other)) => format!("into:{other}"),
        Some(ListPlan::Leave) => "leave".into(),
    }
}

fn list_plan(value: &str) -> ListPlan {
    match value.strip_prefix("into:") {
        Some(other) => ListPlan::Into(other.to_owned()),
        None if value == "leave" => ListPlan::Leave,
        None => ListPlan::Stage,
    }
}

fn label_value(plan: Option<&LabelPlan>) -> String {
    match plan {
        Some(LabelPlan::Tag) | None => "tag".into(),
        Some(LabelPlan::Channel(c)) => format!("channel:{}", c.key()),
        Some(LabelPlan::Leave) => "leave".into(),
    }
}

fn label_plan(value: &str) -> LabelPlan {
    match value.strip_prefix("channel:").and_then(Channel::from_key) {
        Some(channel) => LabelPlan::Channel(channel),
        None if value == "leave" => LabelPlan::Leave,
        None => LabelPlan::Tag,
    }
}
