//! Items: reading one with its history and allowed moves, creating, operating on it.

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use leptos::prelude::*;

use crate::domain::{Item, ItemId, Operation, WorkflowId};
use crate::error::AppError;

pub use crate::views::items::*;

/// One item with its definition, history and the moves open to the caller.
#[server(endpoint = "get_item")]
pub async fn get_item(id: ItemId) -> Result<ItemDetail, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::items::detail(&state.db, me.user.id, id, chrono::Utc::now()).await
    })
    .await
}

/// Creates an item with a title in the first stage of a workflow.
#[server(endpoint = "create_item")]
pub async fn create_item(workflow: WorkflowId, title: String) -> Result<Item, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        let owner = me.user.id;
        let new = crate::domain::NewItem {
            owner: Some(owner),
            ..crate::domain::NewItem::titled(&title)
        };
        let item = crate::service::items::create(
            &state.db,
            me.user.id,
            &workflow,
            new,
            chrono::Utc::now(),
        )
        .await?
        .item;
        state.live.item_changed(&item);
        Ok(item)
    })
    .await
}

/// Applies one operation to an item last seen at `version`.
#[server(endpoint = "apply_operation", input = leptos::server_fn::codec::Json)]
pub async fn apply_operation(
    id: ItemId,
    version: u32,
    operation: Operation,
) -> Result<Item, AppError> {
    save_operations(id, version, vec![operation]).await
}

/// Applies several operations to an item last seen at `version`, all or nothing (one form save).
#[server(endpoint = "apply_operations", input = leptos::server_fn::codec::Json)]
pub async fn apply_operations(
    id: ItemId,
    version: u32,
    operations: Vec<Operation>,
) -> Result<Item, AppError> {
    save_operations(id, version, operations).await
}

/// What both server functions above do: members and up, saved together, boards told.
#[cfg(feature = "ssr")]
async fn save_operations(
    id: ItemId,
    version: u32,
    operations: Vec<Operation>,
) -> crate::error::AppResult<Item> {
    crate::api::serve(Access::Worker, |me, state| async move {
        let now = chrono::Utc::now();
        let outcome =
            crate::service::items::try_apply(&state.db, me.user.id, id, version, &operations, now)
                .await?
                .map_err(AppError::from)?;
        state.live.item_changed(&outcome.item);
        Ok(outcome.item)
    })
    .await
}

/// The item's workflow id, for links.
pub fn board_link(workflow: &WorkflowId) -> String {
    format!("/board/{workflow}")
}
