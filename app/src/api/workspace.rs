//! The workspace itself: its name and settings.

use leptos::prelude::*;

use crate::error::AppError;

pub use crate::views::workspace::*;

/// The workspace's name and settings.
#[server(endpoint = "get_workspace")]
pub async fn get_workspace() -> Result<WorkspaceInfo, AppError> {
    if let Err(e) = crate::api::guard::require(crate::api::guard::Access::SignedIn) {
        return crate::api::finish(Err(e));
    }
    let state = crate::state::app_state()?;
    let result = crate::db::workspace::get(&state.db.read)
        .await
        .map(|w| WorkspaceInfo { name: w.name })
        .map_err(AppError::from);
    crate::api::finish(result)
}
