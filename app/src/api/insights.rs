//! Insights: the /insights page, each workflow's start stage, and post-launch fixes.

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use leptos::prelude::*;

use crate::domain::{ItemId, StageKey, WorkflowId};
use crate::error::AppError;

pub use crate::views::insights::*;

/// The /insights page for a query: every chart with its summary, figure and numbers.
#[server(endpoint = "get_insights", input = leptos::server_fn::codec::Json)]
pub async fn get_insights(query: InsightsQuery) -> Result<InsightsView, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::insights::insights(&state.db, &me.user, &query, chrono::Utc::now()).await
    })
    .await
}

/// Sets the stage where a workflow's work starts (managers and admins).
#[server(endpoint = "set_start_stage")]
pub async fn set_start_stage(
    workflow: WorkflowId,
    stage: StageKey,
) -> Result<StartStageView, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        crate::service::insights::settings::set_start_stage(
            &state.db,
            &me.user,
            &workflow,
            &stage,
            chrono::Utc::now(),
        )
        .await
    })
    .await
}

/// An item's post-launch fixes.
#[server(endpoint = "get_item_fixes")]
pub async fn get_item_fixes(id: ItemId) -> Result<ItemFixes, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::insights::settings::item_fixes(&state.db, &me.user, id).await
    })
    .await
}

/// Records a post-launch fix on a finished item: what went wrong, and the stage that
/// should have caught it.
#[server(endpoint = "record_fix")]
pub async fn record_fix(
    id: ItemId,
    what: String,
    stage: Option<StageKey>,
) -> Result<ItemFixes, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        crate::service::insights::settings::record_fix(
            &state.db,
            &me.user,
            id,
            &what,
            stage.filter(|s| !s.as_str().is_empty()),
            chrono::Utc::now(),
        )
        .await
    })
    .await
}
