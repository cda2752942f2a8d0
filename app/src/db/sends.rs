//! The send log as a table to search: one row per "send recorded" event, written beside
//! the event by [`super::events::append`].

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::sends::{segment_key, LoggedSend};
use crate::domain::{CampaignId, ItemId, PersonId, SendRecord};

/// Adds the row of a send just recorded as event `event`.
pub async fn record(
    conn: &mut Conn,
    event: i64,
    item: ItemId,
    by: PersonId,
    send: &SendRecord,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sends (event_id, item_id, subject, segment, segment_key, recipients, sent_at, recorded_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(event)
    .bind(item.0)
    .bind(&send.what)
    .bind(&send.segment)
    .bind(segment_key(&send.segment))
    .bind(send.recipients.map(|n| i64::try_from(n).unwrap_or(i64::MAX)))
    .bind(send.sent_at)
    .bind(by.0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Which sends to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendQuery {
    /// Only this segment (matched as [`segment_key`] does).
    pub segment: Option<String>,
    /// Sent at or after.
    pub from: Option<DateTime<Utc>>,
    /// Sent before.
    pub until: Option<DateTime<Utc>>,
    /// Only items of this campaign.
    pub campaign: Option<CampaignId>,
    /// Only this item.
    pub item: Option<ItemId>,
}

/// A send as the log lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendRow {
    /// The send.
    pub send: LoggedSend,
    /// The campaign of its item.
    pub campaign: Option<CampaignId>,
    /// Who recorded it.
    pub by: PersonId,
}

type Row = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    DateTime<Utc>,
    i64,
    Option<i64>,
);

/// The sends matching `query`, newest first, at most `limit`.
pub async fn list(
    conn: &mut Conn,
    query: &SendQuery,
    limit: i64,
) -> Result<Vec<SendRow>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.item_id, i.title, s.subject, s.segment, s.recipients, s.sent_at, s.recorded_by, i.campaign_id \
         FROM sends s JOIN items i ON i.id = s.item_id \
         WHERE ($1 IS NULL OR s.segment_key = $1) AND ($2 IS NULL OR s.sent_at >= $2) \
         AND ($3 IS NULL OR s.sent_at < $3) AND ($4 IS NULL OR i.campaign_id = $4) \
         AND ($5 IS NULL OR s.item_id = $5) \
         ORDER BY s.sent_at DESC, s.id DESC LIMIT $6",
    )
    .bind(query.segment.as_deref().map(segment_key))
    .bind(query.from)
    .bind(query.until)
    .bind(query.campaign.map(|c| c.0))
    .bind(query.item.map(|i| i.0))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(item, title, subject, segment, recipients, sent_at, by, campaign)| SendRow {
                send: LoggedSend {
                    item: ItemId(item),
                    title,
                    subject,
                    segment,
                    sent_at,
                    recipients: recipients.and_then(|n| u64::try_from(n).ok()),
                },
                campaign: campaign.map(CampaignId),
                by: PersonId(by),
            },
        )
        .collect())
}

/// Every segment sends went to, by name.
pub async fn segments(conn: &mut Conn) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT MIN(segment) FROM sends GROUP BY segment_key ORDER BY segment_key")
        .fetch_all(&mut *conn)
        .await
}
