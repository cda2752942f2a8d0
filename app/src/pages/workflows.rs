//! `/workflows`: every workflow — built-in and the team's own — with its stages, active
//! items and current version; a new one (blank or from any workflow), "Copy to customize"
//! for built-ins, and archiving.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use super::PageHeader;
use crate::api::designer::{archive_workflow, list_workflow_cards, WorkflowCard};
use crate::api::workflows::copy_workflow;
use crate::components::designer::kind_label;
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON};
use crate::domain::limits::NAME;
use crate::domain::WorkflowId;
use crate::error::AppError;

/// The blank designer's address for a workflow called `name`.
pub fn blank_href(name: &str) -> String {
    let query = crate::domain::filter::query_string(&[("name", name.trim().to_owned())]);
    // Spaces as %20: every reader of a query decodes that the same way.
    format!("/workflows/new{}", query.replace('+', "%20"))
}

/// `/workflows`.
#[component]
pub fn WorkflowsPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let list = Resource::new(move || reload.get(), |_| list_workflow_cards());
    view! {
        <Title text="Workflows"/>
        <PageHeader
            title="Workflows"
            subtitle="How each kind of work runs: its stages, who does what, its gates and SLAs. Built-in workflows are read-only; copy one to make it your own."
        />
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading workflows…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        let sources: Vec<(WorkflowId, String)> = list
                            .workflows
                            .iter()
                            .filter(|w| !w.archived)
                            .map(|w| (w.id.clone(), w.name.clone()))
                            .collect();
                        let manage = list.can_manage;
                        view! {
                            {manage.then(|| view! { <NewWorkflow sources/> })}
                            <ul aria-label="Workflows" class="mt-6 grid gap-4 md:grid-cols-2">
                                {list.workflows.into_iter().map(|w| view! { <WorkflowItem w manage reload/> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

/// "New workflow": a name, and blank or a copy of any workflow to start from.
#[component]
fn NewWorkflow(sources: Vec<(WorkflowId, String)>) -> impl IntoView {
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = name.get_untracked().trim().to_owned();
        if text.is_empty() {
            error.set(Some(AppError::validation(
                "name",
                "Give the workflow a name.",
            )));
            return;
        }
        let source = from.get_untracked();
        if source.is_empty() {
            navigate(&blank_href(&text), Default::default());
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match copy_workflow(WorkflowId(source), text).await {
                Ok(copy) => navigate(&format!("/workflows/{}/edit", copy.id), Default::default()),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form on:submit=submit class=format!("{CARD} space-y-3") aria-labelledby="new-workflow-heading">
            <h2 id="new-workflow-heading" class="text-lg font-semibold">"New workflow"</h2>
            <div class="grid gap-3 sm:grid-cols-[2fr_2fr_auto] sm:items-end">
                <div>
                    <label for="new-workflow-name" class=LABEL>"Name"</label>
                    <input id="new-workflow-name" type="text" class=INPUT maxlength=NAME.to_string()
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div>
                    <label for="new-workflow-from" class=LABEL>"Start from"</label>
                    <select id="new-workflow-from" class=INPUT on:change=move |ev| from.set(event_target_value(&ev))>
                        <option value="" selected>"Blank"</option>
                        {sources.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{format!("A copy of {name}")}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class=PRIMARY_BUTTON disabled=move || busy.get()>"Create and design"</button>
            </div>
            {move || error.get().map(|error| view! { <ErrorView error/> })}
        </form>
    }
    .into_any()
}

/// One workflow on the list.
#[component]
fn WorkflowItem(w: WorkflowCard, manage: bool, reload: RwSignal<u32>) -> impl IntoView {
    let navigate = use_navigate();
    let error = RwSignal::new(None::<AppError>);
    let copying = RwSignal::new(false);
    let copy_name = RwSignal::new(format!("{} (ours)", w.name));
    let id = w.id.clone();
    let archived = w.archived;
    let set_archived = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            spawn_local(async move {
                match archive_workflow(id, !archived).await {
                    Ok(()) => reload.update(|n| *n += 1),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let copy = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (id, name, navigate) = (id.clone(), copy_name.get_untracked(), navigate.clone());
            spawn_local(async move {
                match copy_workflow(id, name).await {
                    Ok(copy) => {
                        navigate(&format!("/workflows/{}/edit", copy.id), Default::default())
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let heading = format!("workflow-{}-name", w.id);
    let copy_id = format!("copy-{}", w.id);
    view! {
        <li aria-labelledby=heading.clone() class=format!("{CARD} flex flex-col gap-2")
            class:opacity-70=archived>
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id=heading.clone() class="text-lg font-semibold">
                    <a href=format!("/workflows/{id}") class="hover:underline">{w.name.clone()}</a>
                </h2>
                <span class="flex flex-wrap gap-1 text-xs">
                    {w.builtin.then(|| view! { <span class="rounded bg-slate-200 px-1.5 py-0.5 dark:bg-slate-800">"Built-in"</span> })}
                    {archived.then(|| view! { <span class="rounded bg-slate-300 px-1.5 py-0.5 dark:bg-slate-700">"Archived"</span> })}
                    {w.pilot.is_some().then(|| view! { <span class="rounded bg-violet-100 px-1.5 py-0.5 text-violet-900 dark:bg-violet-950 dark:text-violet-200">"Pilot running"</span> })}
                </span>
            </div>
            <p class="text-sm text-slate-600 dark:text-slate-400">
                {format!("{} · version {} · {} active {}", kind_label(w.kind), w.version, w.active, if w.active == 1 { "item" } else { "items" })}
            </p>
            {w.pilot.clone().map(|p| view! { <p class="text-sm text-violet-800 dark:text-violet-200">{p}</p> })}
            <ol class="flex flex-wrap gap-1 text-xs" aria-label=format!("{} stages", w.name)>
                {w.stages.iter().map(|s| view! { <li class="rounded bg-slate-100 px-1.5 py-0.5 dark:bg-slate-800">{s.clone()}</li> }).collect_view()}
            </ol>
            <div class="mt-1 flex flex-wrap gap-2 text-sm">
                {(!archived).then(|| view! { <a class=SECONDARY_BUTTON href=format!("/board/{id}")>"Board"</a> })}
                {if manage && !w.builtin && !archived {
                    view! { <a class=SECONDARY_BUTTON href=format!("/workflows/{id}/edit")>"Edit in the designer"</a> }.into_any()
                } else {
                    view! { <a class=SECONDARY_BUTTON href=format!("/workflows/{id}/edit")>"View the design"</a> }.into_any()
                }}
                {(manage && w.builtin).then(|| view! {
                    <button type="button" class=SECONDARY_BUTTON aria-expanded=move || copying.get().to_string()
                        on:click=move |_| copying.update(|c| *c = !*c)>"Copy to customize"</button>
                })}
                {manage.then(|| view! {
                    <button type="button" class=SECONDARY_BUTTON on:click=set_archived>
                        {if archived { "Restore" } else { "Archive" }}
                    </button>
                })}
            </div>
            <Show when=move || copying.get()>
                <form on:submit=copy.clone() class="flex flex-wrap items-end gap-2">
                    <div class="min-w-0 flex-1">
                        <label for=copy_id.clone() class=LABEL>"Name of your copy"</label>
                        <input id=copy_id.clone() type="text" class=INPUT maxlength=NAME.to_string()
                            prop:value=move || copy_name.get() on:input=move |ev| copy_name.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class=PRIMARY_BUTTON>"Copy and design"</button>
                </form>
            </Show>
            {move || error.get().map(|error| view! { <ErrorView error/> })}
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::blank_href;

    #[test]
    fn the_blank_designer_is_addressed_by_the_name() {
        assert_eq!(
            blank_href(" Q3 launch & more "),
            "/workflows/new?name=Q3%20launch%20%26%20more"
        );
    }
}
