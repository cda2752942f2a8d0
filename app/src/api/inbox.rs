//! The approval inbox, decisions made from it, notifications and the working hours.

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use leptos::prelude::*;

use crate::domain::ItemId;
use crate::error::AppError;

pub use crate::views::inbox::*;

/// Everything waiting on the signed-in person, most urgent first.
#[server(endpoint = "get_inbox")]
pub async fn get_inbox() -> Result<InboxView, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::inbox::inbox(&state.db, me.user.id, chrono::Utc::now()).await
    })
    .await
}

/// How many items wait on the signed-in person and how many notifications are unread.
#[server(endpoint = "get_inbox_counts")]
pub async fn get_inbox_counts() -> Result<InboxCounts, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::inbox::counts(&state.db, me.user.id, chrono::Utc::now()).await
    })
    .await
}

/// Approves, or requests changes on, an item last seen at `version`.
#[server(endpoint = "decide", input = leptos::server_fn::codec::Json)]
pub async fn decide(
    id: ItemId,
    version: u32,
    decision: InboxDecision,
) -> Result<InboxView, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        let now = chrono::Utc::now();
        let item = crate::service::inbox::decide(&state.db, me.user.id, id, version, decision, now)
            .await?;
        state.live.item_changed(&item);
        crate::service::inbox::inbox(&state.db, me.user.id, now).await
    })
    .await
}

/// Approves several items, each checked on its own; says what happened to each.
#[server(endpoint = "approve_many", input = leptos::server_fn::codec::Json)]
pub async fn approve_many(items: Vec<(ItemId, u32)>) -> Result<Vec<BulkOutcome>, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        if items.len() > 100 {
            return Err(AppError::validation(
                "items",
                "Approve at most 100 items at a time.",
            ));
        }
        let mut outcomes = Vec::with_capacity(items.len());
        for (id, version) in items {
            let decided = crate::service::inbox::decide(
                &state.db,
                me.user.id,
                id,
                version,
                InboxDecision::Approve,
                chrono::Utc::now(),
            )
            .await;
            outcomes.push(match decided {
                Ok(item) => {
                    state.live.item_changed(&item);
                    BulkOutcome {
                        item: id,
                        title: item.title,
                        refused: None,
                    }
                }
                Err(err) => BulkOutcome {
                    item: id,
                    title: crate::service::inbox::title_of(&state.db, id).await?,
                    refused: Some(err.to_string()),
                },
            });
        }
        Ok(outcomes)
    })
    .await
}

/// The signed-in person's newest notifications.
#[server(endpoint = "list_notifications")]
pub async fn list_notifications() -> Result<NotificationList, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::inbox::notifications(&state.db, me.user.id, chrono::Utc::now()).await
    })
    .await
}

/// Marks one notification (`Some(id)`) or all of them (`None`) read.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read(id: Option<i64>) -> Result<u32, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::inbox::mark_read(&state.db, me.user.id, id, chrono::Utc::now()).await
    })
    .await
}

/// The team's working week.
#[server(endpoint = "get_working_hours")]
pub async fn get_working_hours() -> Result<WorkingHoursForm, AppError> {
    crate::api::serve(Access::SignedIn, |_, state| async move {
        let mut conn = state.db.read.acquire().await?;
        let hours = state.db.working_hours(&mut conn).await?;
        Ok(crate::service::inbox::hours_form(&hours))
    })
    .await
}

/// Saves the team's working week (admins); SLA timers not fired yet follow the new hours.
#[server(endpoint = "save_working_hours", input = leptos::server_fn::codec::Json)]
pub async fn save_working_hours(hours: WorkingHoursForm) -> Result<WorkingHoursForm, AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        let parsed = crate::service::inbox::parse_hours(&hours)?;
        crate::service::inbox::save_working_hours(&state.db, &parsed).await?;
        Ok(crate::service::inbox::hours_form(&parsed))
    })
    .await
}
