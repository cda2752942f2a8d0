//! The spreadsheet import: which workflow, what each column is, every row's check, and
//! the import of the rows that pass.

use leptos::prelude::*;

use super::{DiscardButton, ImportOutcome, UploadProblem, TD, TH};
use crate::api::imports::{import_csv, preview_csv, CsvPreview, CsvSummary, ImportDone};
use crate::components::forms::{CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, WARNING};
use crate::domain::exchange::rows::Column;
use crate::domain::{limits, WorkflowId};
use crate::error::AppError;

/// What the person has chosen: the workflow, and a mapping once they changed one.
type Choice = (Option<WorkflowId>, Option<Vec<Column>>);

/// The spreadsheet import of upload `upload`, starting with `workflow` when given.
#[component]
pub fn CsvImport(upload: i64, workflow: Option<WorkflowId>) -> impl IntoView {
    let choice = RwSignal::new((workflow, None::<Vec<Column>>));
    let preview = Resource::new(
        move || choice.get(),
        move |(workflow, mapping)| preview_csv(upload, workflow, mapping),
    );
    let import = Action::new(
        move |(workflow, mapping, expected): &(WorkflowId, Vec<Column>, usize)| {
            import_csv(upload, workflow.clone(), mapping.clone(), *expected)
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Reading the file…"</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(p) => view! { <CsvForm preview=p choice import/> }.into_any(),
                    Err(error) => view! { <UploadProblem error/> }.into_any(),
                }
            })}
        </Transition>
        {move || import.value().get().map(|done| view! { <ImportOutcome done/> })}
    }
}

#[component]
fn CsvForm(
    preview: CsvPreview,
    choice: RwSignal<Choice>,
    import: Action<(WorkflowId, Vec<Column>, usize), Result<ImportDone, AppError>>,
) -> impl IntoView {
    let workflow = preview.workflow.clone();
    let mapping = preview.mapping.clone();
    let choices = preview.choices.clone();
    let choose_workflow = move |ev| {
        let id = WorkflowId(event_target_value(&ev));
        // Another workflow has other fields: its columns are guessed afresh.
        choice.set((Some(id), None));
    };
    view! {
        <div class="space-y-6">
            <section class=CARD aria-labelledby="columns-heading">
                <h2 id="columns-heading" class="text-lg font-semibold">{format!("Columns of {}", preview.file_name)}</h2>
                <label for="import-workflow" class=format!("{LABEL} mt-3")>"Workflow"</label>
                <select id="import-workflow" class=INPUT on:change=choose_workflow>
                    {preview.workflows.iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=*id == workflow>{name.clone()}</option>
                    }).collect_view()}
                </select>
                <p class=HINT>"Rows go to this workflow unless a Workflow column names another. An empty Stage cell means the first stage; people are matched by email."</p>
                <div class="mt-4 overflow-x-auto">
                    <table class="min-w-full text-sm">
                        <thead><tr class="border-b border-slate-200 dark:border-slate-800"><th class=TH>"Column"</th><th class=TH>"First row"</th><th class=TH>"Is"</th></tr></thead>
                        <tbody>
                            {preview.columns.iter().enumerate().map(|(i, column)| {
                                let aria = format!("What the column {} is", column.header);
                                let current = mapping.get(i).cloned().unwrap_or(Column::Leave);
                                let options = choices.clone();
                                let picks = choices.clone();
                                let workflow = workflow.clone();
                                let base = mapping.clone();
                                let set = move |ev| {
                                    let picked: usize = event_target_value(&ev).parse().unwrap_or(0);
                                    let mut next = base.clone();
                                    if let (Some(slot), Some((column, _))) = (next.get_mut(i), picks.get(picked)) {
                                        *slot = column.clone();
                                    }
                                    choice.set((Some(workflow.clone()), Some(next)));
                                };
                                view! {
                                    <tr class="border-b border-slate-100 dark:border-slate-800">
                                        <td class=TD>{column.header.clone()}</td>
                                        <td class=format!("{TD} text-slate-600 dark:text-slate-400")>{column.example.clone()}</td>
                                        <td class=TD>
                                            <select aria-label=aria class=INPUT on:change=set>
                                                {options.iter().enumerate().map(|(n, (c, label))| view! {
                                                    <option value=n.to_string() selected=*c == current>{label.clone()}</option>
                                                }).collect_view()}
                                            </select>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <section class=CARD aria-labelledby="rows-heading" aria-live="polite">
                <h2 id="rows-heading" class="text-lg font-semibold">"Preview"</h2>
                {match preview.summary {
                    Ok(summary) => view! { <Rows summary workflow=preview.workflow.clone() mapping=preview.mapping.clone() import/> }.into_any(),
                    Err(problem) => view! { <p class=format!("{WARNING} mt-3") role="alert">{problem}</p> }.into_any(),
                }}
                <div class="mt-4 flex flex-wrap gap-3">
                    <DiscardButton upload=preview.upload/>
                </div>
            </section>
        </div>
    }
}

#[component]
fn Rows(
    summary: CsvSummary,
    workflow: WorkflowId,
    mapping: Vec<Column>,
    import: Action<(WorkflowId, Vec<Column>, usize), Result<ImportDone, AppError>>,
) -> impl IntoView {
    let valid = summary.valid;
    let said = if summary.invalid == 0 {
        format!("All {} rows can be imported.", limits::grouped(valid))
    } else {
        format!(
            "{} rows can be imported; {} have problems and will be left out unless you fix them in the file and upload it again.",
            limits::grouped(valid),
            limits::grouped(summary.invalid)
        )
    };
    let done = move || import.value().get().is_some_and(|r| r.is_ok());
    view! {
        <p class="mt-2 text-sm" data-testid="csv-summary">{said}</p>
        <div class="mt-3 overflow-x-auto">
            <table class="min-w-full text-sm">
                <caption class="sr-only">"Rows with problems first, then the first rows that can be imported"</caption>
                <thead><tr class="border-b border-slate-200 dark:border-slate-800"><th class=TH>"Line"</th><th class=TH>"Title"</th><th class=TH>"Goes to"</th><th class=TH>"Problems"</th></tr></thead>
                <tbody>
                    {summary.rows.into_iter().map(|row| {
                        let ok = row.errors.is_empty();
                        view! {
                            <tr class="border-b border-slate-100 dark:border-slate-800">
                                <td class=TD>{row.line}</td>
                                <td class=TD>{row.title}</td>
                                <td class=TD>{row.lands_in}</td>
                                <td class=TD>
                                    {if ok {
                                        view! { <span class="text-emerald-800 dark:text-emerald-300">"Ready"</span> }.into_any()
                                    } else {
                                        view! { <ul class="list-disc pl-4 text-red-800 dark:text-red-300">{row.errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul> }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <button
            type="button"
            class=format!("{PRIMARY_BUTTON} mt-4")
            disabled=move || valid == 0 || import.pending().get() || done()
            on:click=move |_| { import.dispatch((workflow.clone(), mapping.clone(), valid)); }
        >
            {move || if import.pending().get() { "Importing…".to_string() } else { format!("Import {} {}", limits::grouped(valid), if valid == 1 { "row" } else { "rows" }) }}
        </button>
    }
}
