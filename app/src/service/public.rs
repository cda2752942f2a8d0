//! What the public API reads that no page reads the same way: items a page at a time by a
//! cursor, the activity trail forward from a cursor, campaigns and calendar entries as
//! stored. Writes go through the same services the pages use; this module only reads.

use chrono::{DateTime, Utc};

use crate::db::{self, Db};
use crate::domain::{CampaignId, Item, ItemId, WorkflowDefinition};
use crate::error::{AppError, AppResult};

pub use crate::db::campaigns::Campaign;
pub use crate::db::events::StoredEvent;
pub use crate::db::items::ItemPage;

/// The most items or events one page holds.
pub const MAX_PAGE: u32 = 200;

/// One page of items; the cursor for the next page is the last item's id, when the page
/// was full.
pub async fn items(db: &Db, page: &ItemPage) -> AppResult<(Vec<Item>, Option<ItemId>)> {
    let page = ItemPage {
        limit: page.limit.clamp(1, MAX_PAGE),
        ..page.clone()
    };
    let mut conn = db.read.acquire().await?;
    let items = db::items::page(&mut conn, &page).await?;
    let next = (items.len() == page.limit as usize)
        .then(|| items.last().map(|i| i.id))
        .flatten();
    Ok((items, next))
}

/// One item, or 404.
pub async fn item(db: &Db, id: ItemId) -> AppResult<Item> {
    let mut conn = db.read.acquire().await?;
    db::items::load(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Item {id}")))
}

/// The definition an item follows.
pub async fn definition_of(db: &Db, item: &Item) -> AppResult<std::sync::Arc<WorkflowDefinition>> {
    let mut conn = db.read.acquire().await?;
    super::items::definition_of(db, &mut conn, &item.workflow_id, item.workflow_version).await
}

/// The trail's events after `after`, oldest first, at most `limit`.
pub async fn events(db: &Db, after: i64, limit: u32) -> AppResult<Vec<StoredEvent>> {
    let limit = limit.clamp(1, MAX_PAGE);
    let mut conn = db.read.acquire().await?;
    Ok(db::events::after(&mut conn, after, i64::from(limit)).await?)
}

/// Every campaign, open ones first.
pub async fn campaigns(db: &Db) -> AppResult<Vec<Campaign>> {
    let mut conn = db.read.acquire().await?;
    Ok(db::campaigns::all(&mut conn).await?)
}

/// One campaign, or 404.
pub async fn campaign(db: &Db, id: CampaignId) -> AppResult<Campaign> {
    let mut conn = db.read.acquire().await?;
    db::campaigns::get(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Campaign {id}")))
}

/// The most days one calendar read may span.
pub const MAX_CALENDAR_DAYS: i64 = 400;

/// Active items scheduled in `[from, to)`, in time order.
pub async fn scheduled(db: &Db, from: DateTime<Utc>, to: DateTime<Utc>) -> AppResult<Vec<Item>> {
    if to <= from {
        return Err(AppError::validation(
            "to",
            "The period must end after it starts.",
        ));
    }
    if (to - from).num_days() > MAX_CALENDAR_DAYS {
        return Err(AppError::validation(
            "to",
            format!("Ask for at most {MAX_CALENDAR_DAYS} days at a time."),
        ));
    }
    let mut conn = db.read.acquire().await?;
    let filter = crate::domain::filter::ItemFilter::default();
    Ok(db::calendar::scheduled_between(&mut conn, from, to, &filter).await?)
}
