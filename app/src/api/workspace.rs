//! The workspace itself: its name and settings.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use crate::error::AppError;

pub use crate::views::workspace::*;

/// The workspace's name and settings.
#[server(endpoint = "get_workspace")]
pub async fn get_workspace() -> Result<WorkspaceInfo, AppError> {
    crate::api::serve(Access::SignedIn, |_, state| async move {
        crate::service::workflows::workspace(&state.db).await
    })
    .await
}
