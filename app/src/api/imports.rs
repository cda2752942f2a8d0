//! Imports' server functions: upload a file, preview it under a mapping, import it, or let
//! it go. A Trello board makes a workflow, so it takes a manager; a spreadsheet's rows are
//! items, so anyone who works on items may bring them in.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use crate::domain::exchange::rows::Column;
use crate::domain::exchange::trello::Mapping;
use crate::domain::WorkflowId;
use crate::error::AppError;

pub use crate::views::imports::*;

/// The address of [`upload_import`]: the one request allowed a body as large as an
/// import's file (see the server's body limit).
pub const UPLOAD_PATH: &str = "/api/upload_import";

/// Keeps a file the browser read, after checking it is what it says it is.
#[server(endpoint = "upload_import", input = leptos::server_fn::codec::Json)]
pub async fn upload_import(request: UploadRequest) -> Result<Uploaded, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        crate::service::imports::upload(&state.db, &me.user, &request, chrono::Utc::now()).await
    })
    .await
}

/// The Trello import page under `mapping` (the suggestion when there is none).
#[server(endpoint = "preview_trello", input = leptos::server_fn::codec::Json)]
pub async fn preview_trello(
    upload: i64,
    mapping: Option<Mapping>,
) -> Result<TrelloPreview, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::imports::trello_preview(&state.db, &me.user, upload, mapping, now).await
    })
    .await
}

/// Imports the Trello board as a new workflow.
#[server(endpoint = "import_trello", input = leptos::server_fn::codec::Json)]
pub async fn import_trello(upload: i64, mapping: Mapping) -> Result<ImportDone, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::imports::import_trello(&state.db, &me.user, upload, &mapping, now).await
    })
    .await
}

/// The CSV import page for `workflow` under `mapping` (suggestions when absent).
#[server(endpoint = "preview_csv", input = leptos::server_fn::codec::Json)]
pub async fn preview_csv(
    upload: i64,
    workflow: Option<WorkflowId>,
    mapping: Option<Vec<Column>>,
) -> Result<CsvPreview, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::imports::csv_preview(&state.db, &me.user, upload, workflow, mapping, now)
            .await
    })
    .await
}

/// Imports the spreadsheet's good rows; `expected` is how many the preview showed.
#[server(endpoint = "import_csv", input = leptos::server_fn::codec::Json)]
pub async fn import_csv(
    upload: i64,
    workflow: WorkflowId,
    mapping: Vec<Column>,
    expected: usize,
) -> Result<ImportDone, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::imports::import_csv(
            &state.db, &me.user, upload, &workflow, mapping, expected, now,
        )
        .await
    })
    .await
}

/// Lets go of an upload without importing it.
#[server(endpoint = "discard_import", input = leptos::server_fn::codec::Json)]
pub async fn discard_import(upload: i64) -> Result<(), AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        crate::service::imports::discard(&state.db, &me.user, upload).await
    })
    .await
}
