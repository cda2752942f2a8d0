//! `/imports`: bring a Trello board or a spreadsheet in, or take the whole workspace out;
//! `/imports/trello/<upload>` and `/imports/csv/<upload>`: map and preview, then import.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::PageHeader;
use crate::api::imports::ImportKind;
use crate::components::forms::CARD;
use crate::components::imports::csv::CsvImport;
use crate::components::imports::trello::TrelloImport;
use crate::components::imports::UploadForm;
use crate::components::session::{signed_in, use_session};
use crate::domain::{Role, WorkflowId};

const LINK: &str = "font-medium text-indigo-700 hover:underline dark:text-indigo-300";

/// `/imports`.
#[component]
pub fn ImportsPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let workflow = move || {
        query
            .with_untracked(|q| q.get("workflow"))
            .filter(|w| !w.is_empty())
    };
    view! {
        <Title text="Import and export"/>
        <PageHeader
            title="Import and export"
            subtitle="Bring work in from Trello or a spreadsheet, or take it out. Nothing is imported until you have chosen what becomes of what and seen the preview."
        />
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let user = signed_in(&session.status.await);
                let role = user.map(|u| u.role);
                let manager = role.is_some_and(|r| r.can_manage());
                let worker = role.is_some_and(|r| r.can_work());
                view! {
                    <div class="grid gap-6 lg:grid-cols-2">
                        <section class=CARD aria-labelledby="trello-heading">
                            <h2 id="trello-heading" class="text-lg font-semibold">"From Trello"</h2>
                            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                                "A board becomes a new workflow: its lists become stages, its cards items, with their labels, members, due dates, checklists and comments. On Trello, open the board's menu, then Print, export and share, then Export as JSON."
                            </p>
                            {if manager {
                                view! { <UploadForm kind=ImportKind::Trello label="Trello board export (.json)" accept=".json,application/json" button="Preview the board"/> }.into_any()
                            } else {
                                view! { <p class="mt-4 text-sm">"Importing a board makes a new workflow, so it takes a manager or an admin."</p> }.into_any()
                            }}
                        </section>
                        <section class=CARD aria-labelledby="csv-heading">
                            <h2 id="csv-heading" class="text-lg font-semibold">"From a spreadsheet"</h2>
                            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                                "Each row becomes an item of a workflow you choose. Save the sheet as CSV; its first row names the columns (title, stage, owner's email, due date, channel, campaign, any workflow field). A board's Export CSV reads back in as it is."
                            </p>
                            {if worker {
                                view! { <UploadForm kind=ImportKind::Csv label="Spreadsheet (.csv)" accept=".csv,text/csv" button="Preview the spreadsheet" workflow=workflow().unwrap_or_default()/> }.into_any()
                            } else {
                                view! { <p class="mt-4 text-sm">"Importing items takes a member account; viewers can look but not add."</p> }.into_any()
                            }}
                        </section>
                        <section class=format!("{CARD} lg:col-span-2") aria-labelledby="export-heading">
                            <h2 id="export-heading" class="text-lg font-semibold">"Export"</h2>
                            <ul class="mt-2 list-disc space-y-1 pl-5 text-sm">
                                <li>"A board's items, as it is filtered: Export CSV on the "<a href="/board" class=LINK>"board"</a>"."</li>
                                <li>"The activity trail and each chart's numbers: the CSV links on "<a href="/insights" class=LINK>"Insights"</a>"."</li>
                                {if role == Some(Role::Admin) {
                                    view! { <li><a href="/exports/workspace.json" rel="external" download class=LINK>"Download the whole workspace (JSON)"</a>": people, every workflow version, campaigns, items, the trail, results and rules; never passwords or secrets."</li> }.into_any()
                                } else {
                                    view! { <li>"The whole workspace as JSON: an admin can download it here."</li> }.into_any()
                                }}
                            </ul>
                        </section>
                    </div>
                }
            })}
        </Transition>
    }
}

/// The upload id of `/imports/<kind>/<id>`.
fn upload_id() -> Option<i64> {
    use_params_map()
        .with_untracked(|p| p.get("id"))
        .and_then(|id| id.parse().ok())
}

#[component]
fn GoneUpload() -> impl IntoView {
    view! {
        <p class="text-sm">"That upload is not there. "<a href="/imports" class=LINK>"Upload the file again"</a>"."</p>
    }
}

/// `/imports/trello/<upload>`.
#[component]
pub fn TrelloImportPage() -> impl IntoView {
    view! {
        <Title text="Import a Trello board"/>
        <PageHeader title="Import a Trello board" subtitle="Choose what becomes of each list, label and member; the preview follows your choices. Nothing is imported until you press Import."/>
        <p class="mb-4 text-sm"><a href="/imports" class=LINK>"← Import and export"</a></p>
        {match upload_id() {
            Some(upload) => view! { <TrelloImport upload/> }.into_any(),
            None => view! { <GoneUpload/> }.into_any(),
        }}
    }
}

/// `/imports/csv/<upload>`.
#[component]
pub fn CsvImportPage() -> impl IntoView {
    let workflow = use_query_map()
        .with_untracked(|q| q.get("workflow"))
        .filter(|w| !w.is_empty())
        .map(WorkflowId);
    view! {
        <Title text="Import a spreadsheet"/>
        <PageHeader title="Import a spreadsheet" subtitle="Say what each column is; every row is checked as it would be imported. Only the rows without problems come in, and only when you press Import."/>
        <p class="mb-4 text-sm"><a href="/imports" class=LINK>"← Import and export"</a></p>
        {match upload_id() {
            Some(upload) => view! { <CsvImport upload workflow/> }.into_any(),
            None => view! { <GoneUpload/> }.into_any(),
        }}
    }
}
