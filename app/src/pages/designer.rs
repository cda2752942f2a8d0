//! `/workflows/<id>/edit` and `/workflows/new?name=…`: the workflow designer. Managers and
//! admins change the team's own workflows; everyone else (and everyone, for built-ins) reads
//! the same page with nothing to change.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::designer::{blank_design, get_design, DesignView};
use crate::components::designer::Designer;
use crate::components::error_view::ErrorView;
use crate::domain::WorkflowId;
use crate::error::AppError;

/// `/workflows/<id>/edit`.
#[component]
pub fn DesignerPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| WorkflowId(params.read().get("id").unwrap_or_default()));
    loaded(
        Resource::new(move || id.get(), get_design),
        "Loading the design…",
    )
}

/// `/workflows/new?name=…`: a blank workflow, stored on its first save.
#[component]
pub fn NewDesignPage() -> impl IntoView {
    let query = use_query_map();
    let name = Memo::new(move |_| query.read().get("name").unwrap_or_default());
    loaded(
        Resource::new(move || name.get(), blank_design),
        "Loading the designer…",
    )
}

/// The design page once `design` has loaded, or why it could not be.
fn loaded(design: Resource<Result<DesignView, AppError>>, loading: &'static str) -> AnyView {
    view! {
        <Transition fallback=move || view! { <p class="text-sm text-slate-500">{loading}</p> }>
            {move || Suspend::new(async move {
                match design.await {
                    Ok(view) => view! { <DesignPage view/> }.into_any(),
                    Err(error) => view! { <Title text="Workflow designer"/><ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn DesignPage(view: DesignView) -> impl IntoView {
    let def = &view.definition;
    let title = if def.name.trim().is_empty() {
        "New workflow".to_owned()
    } else {
        def.name.clone()
    };
    let status = match (view.base_version, &view.pilot) {
        (None, _) => "A new workflow: not saved yet.".to_owned(),
        (Some(v), Some(p)) => format!(
            "Editing version {v}, the pilot's (with {}); everyone else is on version {}.",
            p.group_words, view.current_version
        ),
        (Some(v), None) => format!("Version {v} is current."),
    };
    let note = if view.builtin {
        Some("This is one of Baton's built-in workflows: it is read-only. Copy it on the Workflows page to make your own version.")
    } else if view.archived {
        Some("This workflow is archived: restore it on the Workflows page to change it.")
    } else if !view.can_manage {
        Some("Only managers and admins change workflows; you can read everything here.")
    } else {
        None
    };
    let links = view.base_version.map(|_| {
        let id = def.id.clone();
        view! {
            <p class="text-sm">
                <a href=format!("/workflows/{id}") class="text-indigo-700 hover:underline dark:text-indigo-300">"Versions and pilot"</a>
                " · "
                <a href=format!("/workflows/{id}/how-it-runs") class="text-indigo-700 hover:underline dark:text-indigo-300">"How this workflow runs"</a>
                " · "
                <a href=format!("/board/{id}") class="text-indigo-700 hover:underline dark:text-indigo-300">"Board"</a>
            </p>
        }
    });
    view! {
        <Title text=format!("Design: {title}")/>
        <div class="mb-6 space-y-1">
            <p class="text-sm"><a href="/workflows" class="text-indigo-700 hover:underline dark:text-indigo-300">"All workflows"</a></p>
            <h1 class="text-2xl font-semibold tracking-tight">{format!("Design: {title}")}</h1>
            <p class="text-sm text-slate-600 dark:text-slate-400">{status}</p>
            {links}
            {note.map(|n| view! { <p role="note" class="rounded-md border border-slate-300 bg-slate-100 p-3 text-sm dark:border-slate-700 dark:bg-slate-900">{n}</p> })}
        </div>
        <Designer view/>
    }
    .into_any()
}
