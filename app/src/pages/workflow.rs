//! `/workflows/<id>`: one workflow — its current version at a glance, its pilot and how the
//! pilot compares, its versions and their diffs, moving open items, and who does what.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::versions::{get_workflow_page, WorkflowPage};
use crate::components::designer::{kind_label, RaciTable};
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, SECONDARY_BUTTON, SUCCESS};
use crate::components::workflow::{MoveItems, PilotSection, VersionsSection};
use crate::domain::WorkflowId;

/// `/workflows/<id>`.
#[component]
pub fn WorkflowPageView() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| WorkflowId(params.read().get("id").unwrap_or_default()));
    let again = RwSignal::new(0u32);
    let page = Resource::new(
        move || (id.get(), again.get()),
        |(id, _)| get_workflow_page(id),
    );
    let reload = Callback::new(move |_| again.update(|n| *n += 1));
    let notice = RwSignal::new(String::new());
    view! {
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading the workflow…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Overview page reload notice/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Overview(page: WorkflowPage, reload: Callback<()>, notice: RwSignal<String>) -> impl IntoView {
    let def = page.definition.clone();
    let id = def.id.clone();
    let editable = page.can_manage && !page.builtin && !page.archived;
    let badge = if page.builtin {
        "Built-in, read-only"
    } else if page.archived {
        "Archived"
    } else {
        "The team's own"
    };
    let pilot_version = page.pilot.as_ref().map(|p| p.version);
    view! {
        <Title text=def.name.clone()/>
        <div class="mb-6 space-y-1">
            <p class="text-sm"><a href="/workflows" class="text-indigo-700 hover:underline dark:text-indigo-300">"All workflows"</a></p>
            <h1 class="text-2xl font-semibold tracking-tight">{def.name.clone()}</h1>
            <p class="text-sm text-slate-600 dark:text-slate-400">
                {format!("{} · version {} is current · {badge}", kind_label(def.kind), def.version)}
            </p>
            <div class="flex flex-wrap gap-2 pt-2 text-sm">
                <a class=SECONDARY_BUTTON href=format!("/board/{id}")>"Board"</a>
                <a class=SECONDARY_BUTTON href=format!("/workflows/{id}/edit")>{if editable { "Edit in the designer" } else { "View the design" }}</a>
                <a class=SECONDARY_BUTTON href=format!("/workflows/{id}/how-it-runs")>"How this workflow runs (printable)"</a>
            </div>
        </div>
        <div class="space-y-6">
            <div aria-live="polite">{move || (!notice.get().is_empty()).then(|| view! { <p role="status" class=SUCCESS>{notice.get()}</p> })}</div>
            {page.pilot.clone().map(|pilot| view! {
                <PilotSection id=id.clone() pilot comparison=page.comparison.clone() can_manage=page.can_manage reload notice/>
            })}
            <VersionsSection id=id.clone() versions=page.versions.clone()/>
            <MoveItems id=id.clone() versions=page.versions.clone() current=def.version can_manage=page.can_manage reload notice/>
            <section aria-labelledby="raci-heading" class=CARD>
                <h2 id="raci-heading" class="text-lg font-semibold">"Who does what (RACI)"</h2>
                <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                    {match pilot_version {
                        Some(v) => format!("As in the current version; the pilot's version {v} may differ."),
                        None => "R does the work, A owns the outcome, C gives input, I is kept informed.".to_string(),
                    }}
                </p>
                <div class="mt-3"><RaciTable def=def.clone() people=page.people.clone()/></div>
            </section>
        </div>
    }
    .into_any()
}
