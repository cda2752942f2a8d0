//! The board's server functions: boards, columns, cards, moves, the "new item" form.

pub use crate::views::board::*;
pub use crate::views::tags::*;

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use leptos::prelude::*;

use crate::domain::filter::BoardFilter;
use crate::domain::{ItemId, StageKey, WorkflowId};
use crate::error::AppError;

/// Every workflow's board with its counts and what waits on someone.
#[server(endpoint = "list_boards")]
pub async fn list_boards() -> Result<Vec<BoardSummary>, AppError> {
    crate::api::serve(Access::SignedIn, |_, state| async move {
        crate::service::board::summaries(&state.db, chrono::Utc::now()).await
    })
    .await
}

/// One workflow's board: its columns with the first page of cards matching `filter`.
#[server(endpoint = "get_board", input = leptos::server_fn::codec::Json)]
pub async fn get_board(workflow: WorkflowId, filter: BoardFilter) -> Result<BoardView, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        let seq = state.live.last_seq(&workflow);
        crate::service::board::board(
            &state.db,
            &me.user,
            &workflow,
            &filter,
            seq,
            chrono::Utc::now(),
        )
        .await
    })
    .await
}

/// More cards of one column, from `offset` on.
#[server(endpoint = "board_column", input = leptos::server_fn::codec::Json)]
pub async fn board_column(
    workflow: WorkflowId,
    stage: StageKey,
    filter: BoardFilter,
    offset: u32,
) -> Result<ColumnPage, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::board::column(&state.db, &me.user, &workflow, &stage, &filter, offset, now)
            .await
    })
    .await
}

/// One card as it is now, if it still matches `filter`: what a board fetches when it hears of a change.
#[server(endpoint = "board_card", input = leptos::server_fn::codec::Json)]
pub async fn board_card(id: ItemId, filter: BoardFilter) -> Result<CardUpdate, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::board::card(&state.db, &me.user, id, &filter, chrono::Utc::now()).await
    })
    .await
}

/// Moves a card last seen at `version` to `stage`. A refusal or a conflict is
/// an answer, not an error: it carries the reasons and the card as it is.
#[server(endpoint = "move_card", input = leptos::server_fn::codec::Json)]
pub async fn move_card(id: ItemId, version: u32, stage: StageKey) -> Result<MoveResult, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        let (result, moved_in) = crate::service::board::move_card(
            &state.db,
            &me.user,
            id,
            version,
            stage,
            chrono::Utc::now(),
        )
        .await?;
        if let (MoveResult::Moved { card, .. }, Some(workflow)) = (&result, moved_in) {
            state.live.publish(id, &workflow, card.version);
        }
        Ok(result)
    })
    .await
}

/// People and campaigns for pickers, and who is asking.
#[server(endpoint = "board_directory")]
pub async fn board_directory() -> Result<Directory, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::board::directory(&state.db, &me.user).await
    })
    .await
}

/// Creates an item from the full form: title, owner, dates and the first stage's fields.
#[server(endpoint = "create_card", input = leptos::server_fn::codec::Json)]
pub async fn create_card(workflow: WorkflowId, card: NewCard) -> Result<ItemId, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        let new = crate::domain::NewItem {
            owner: card.owner,
            assignees: card.owner.into_iter().collect(),
            fields: card.fields,
            due: card.due,
            channel: card.channel,
            campaign: card.campaign,
            priority: card.priority,
            ..crate::domain::NewItem::titled(&card.title)
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
        Ok(item.id)
    })
    .await
}
