//! The designer's server functions: every workflow, a design to edit, saving a version
//! (optionally to a pilot group), archiving.

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use leptos::prelude::*;

use crate::domain::design::PilotGroup;
use crate::domain::{WorkflowDefinition, WorkflowId};
use crate::error::AppError;

pub use crate::views::designer::*;

/// Every workflow, built-in and the team's own, archived ones last.
#[server(endpoint = "list_workflow_cards")]
pub async fn list_workflow_cards() -> Result<WorkflowList, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::design::list(&state.db, &me.user).await
    })
    .await
}

/// A workflow as the designer shows it (read-only unless the viewer may change it).
#[server(endpoint = "get_design")]
pub async fn get_design(id: WorkflowId) -> Result<DesignView, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::design::design(&state.db, &me.user, &id).await
    })
    .await
}

/// A new, empty workflow to design; nothing is stored until it is saved.
#[server(endpoint = "blank_design")]
pub async fn blank_design(name: String) -> Result<DesignView, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        crate::service::design::blank(&state.db, &me.user, &name).await
    })
    .await
}

/// Saves a draft started from `base_version` (`None` for a new workflow) as the next
/// version; a conflict when someone saved meanwhile. With `pilot`, the version goes to that
/// group's new items first.
#[server(endpoint = "save_design", input = leptos::server_fn::codec::Json)]
pub async fn save_design(
    definition: WorkflowDefinition,
    base_version: Option<u32>,
    pilot: Option<PilotGroup>,
) -> Result<SavedDesign, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::design::save(&state.db, me.user.id, &definition, base_version, pilot, now)
            .await
    })
    .await
}

/// Archives a workflow (its board leaves the lists; items and history stay) or restores it.
#[server(endpoint = "archive_workflow")]
pub async fn archive_workflow(id: WorkflowId, archived: bool) -> Result<(), AppError> {
    crate::api::serve(Access::Manager, |_, state| async move {
        crate::service::design::set_archived(&state.db, &id, archived, chrono::Utc::now()).await
    })
    .await
}
