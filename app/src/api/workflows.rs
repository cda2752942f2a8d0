//! Workflow definitions: reading them, copying a built-in, saving a new version.

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use leptos::prelude::*;

use crate::domain::{WorkflowDefinition, WorkflowId};
use crate::error::AppError;

pub use crate::views::workflows::*;

/// Every workflow of the workspace.
#[server(endpoint = "list_workflows")]
pub async fn list_workflows() -> Result<Vec<WorkflowSummary>, AppError> {
    crate::api::serve(Access::SignedIn, |_, state| async move {
        crate::service::workflows::summaries(&state.db).await
    })
    .await
}

/// The current definition of one workflow.
#[server(endpoint = "get_workflow")]
pub async fn get_workflow(id: WorkflowId) -> Result<WorkflowDefinition, AppError> {
    crate::api::serve(Access::SignedIn, |_, state| async move {
        crate::service::workflows::current(&state.db, &id).await
    })
    .await
}

/// Copies a workflow (e.g. a built-in) under a new name, to be changed.
#[server(endpoint = "copy_workflow")]
pub async fn copy_workflow(from: WorkflowId, name: String) -> Result<WorkflowDefinition, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        crate::service::workflows::copy(&state.db, me.user.id, &from, &name, chrono::Utc::now())
            .await
    })
    .await
}

/// Saves a changed definition as the next version; items in flight keep theirs.
#[server(endpoint = "save_workflow", input = leptos::server_fn::codec::Json)]
pub async fn save_workflow(definition: WorkflowDefinition) -> Result<WorkflowDefinition, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        crate::service::workflows::save(&state.db, me.user.id, &definition, chrono::Utc::now())
            .await
    })
    .await
}
