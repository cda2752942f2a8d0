//! A workflow's versions: its page, diffs between versions, and moving open items to the
//! current version (preview first) — and its pilot, promoted or dropped.

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use leptos::prelude::*;

use crate::domain::design::StageMap;
use crate::domain::WorkflowId;
use crate::error::AppError;

pub use crate::views::designer::*;

/// `/workflows/<id>`: the workflow with its versions, pilot and RACI.
#[server(endpoint = "get_workflow_page")]
pub async fn get_workflow_page(id: WorkflowId) -> Result<WorkflowPage, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::versions::page(&state.db, &me.user, &id, chrono::Utc::now()).await
    })
    .await
}

/// The changes from version `from` to version `to`, in words.
#[server(endpoint = "version_diff")]
pub async fn version_diff(id: WorkflowId, from: u32, to: u32) -> Result<DiffView, AppError> {
    crate::api::serve(Access::SignedIn, |_, state| async move {
        crate::service::versions::version_diff(&state.db, &id, from, to).await
    })
    .await
}

/// What moving the open items of version `from` to the current version would do.
#[server(endpoint = "preview_migration", input = leptos::server_fn::codec::Json)]
pub async fn preview_migration(
    id: WorkflowId,
    from: u32,
    stage_map: StageMap,
) -> Result<MigrationView, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::versions::preview(&state.db, me.user.id, &id, from, &stage_map, now).await
    })
    .await
}

/// Moves the open items of version `from` to version `to` (still current), in one go;
/// returns how many moved.
#[server(endpoint = "migrate_items", input = leptos::server_fn::codec::Json)]
pub async fn migrate_items(
    id: WorkflowId,
    from: u32,
    to: u32,
    stage_map: StageMap,
) -> Result<u32, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        let now = chrono::Utc::now();
        let moved = crate::service::versions::migrate(
            &state.db, me.user.id, &id, from, to, &stage_map, now,
        )
        .await?;
        for item in &moved {
            state.live.item_changed(item);
        }
        Ok(moved.len() as u32)
    })
    .await
}

/// Ends the running pilot (still on `version`): `promote` makes it everyone's version,
/// otherwise it is dropped. Returns what happened, in a sentence.
#[server(endpoint = "end_pilot")]
pub async fn end_pilot(id: WorkflowId, version: u32, promote: bool) -> Result<String, AppError> {
    crate::api::serve(Access::Manager, |_, state| async move {
        crate::service::pilots::end(&state.db, &id, version, promote, chrono::Utc::now()).await
    })
    .await
}
