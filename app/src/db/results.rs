//! Measured results of items and campaigns: open rate, CTR, CPA, leads — any number a team
//! names, kept with the time it was measured.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::automation::{MetricName, MetricTarget, ReadingId};
use crate::domain::{CampaignId, ItemId, PersonId};

/// One recorded result.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Its id.
    pub id: ReadingId,
    /// The metric.
    pub metric: MetricName,
    /// The value.
    pub value: f64,
    /// When it was measured.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it (none when a hook did).
    pub recorded_by: Option<PersonId>,
    /// The hook that recorded it, if one did.
    pub hook: Option<i64>,
}

fn target_ids(target: &MetricTarget) -> (Option<i64>, Option<i64>) {
    match target {
        MetricTarget::Item { item, .. } => (Some(item.0), None),
        MetricTarget::Campaign { campaign } => (None, Some(campaign.0)),
    }
}

/// The latest value of `metric` for the target measured before `at`, if any: what a new
/// reading is compared with to tell whether it crossed a threshold.
pub async fn previous(
    conn: &mut Conn,
    target: &MetricTarget,
    metric: &MetricName,
    at: DateTime<Utc>,
) -> Result<Option<f64>, sqlx::Error> {
    let (item, campaign) = target_ids(target);
    sqlx::query_scalar(
        "SELECT value FROM metric_readings WHERE item_id IS NOT DISTINCT FROM $1 \
         AND campaign_id IS NOT DISTINCT FROM $2 AND metric = $3 \
         AND recorded_at <= $4 ORDER BY recorded_at DESC, id DESC LIMIT 1",
    )
    .bind(item)
    .bind(campaign)
    .bind(metric.as_str())
    .bind(at)
    .fetch_optional(&mut *conn)
    .await
}

/// Stores a reading and returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    conn: &mut Conn,
    target: &MetricTarget,
    metric: &MetricName,
    value: f64,
    recorded_at: DateTime<Utc>,
    recorded_by: Option<PersonId>,
    hook: Option<i64>,
    now: DateTime<Utc>,
) -> Result<ReadingId, sqlx::Error> {
    let (item, campaign) = target_ids(target);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO metric_readings (item_id, campaign_id, metric, value, recorded_at, recorded_by, hook_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(item)
    .bind(campaign)
    .bind(metric.as_str())
    .bind(value)
    .bind(recorded_at)
    .bind(recorded_by.map(|p| p.0))
    .bind(hook)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(ReadingId(id))
}

type Row = (i64, String, f64, DateTime<Utc>, Option<i64>, Option<i64>);

fn reading_of((id, metric, value, recorded_at, by, hook): Row) -> Reading {
    Reading {
        id: ReadingId(id),
        metric: MetricName::new(&metric),
        value,
        recorded_at,
        recorded_by: by.map(PersonId),
        hook,
    }
}

/// An item's results, newest first.
pub async fn of_item(conn: &mut Conn, item: ItemId) -> Result<Vec<Reading>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, metric, value, recorded_at, recorded_by, hook_id FROM metric_readings \
         WHERE item_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT 200",
    )
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(reading_of).collect())
}

/// Every result, oldest first, with the item or campaign it was recorded on: the
/// workspace export.
pub async fn all(
    conn: &mut Conn,
) -> Result<Vec<(Option<ItemId>, Option<CampaignId>, Reading)>, sqlx::Error> {
    type Targeted = (
        Option<i64>,
        Option<i64>,
        i64,
        String,
        f64,
        DateTime<Utc>,
        Option<i64>,
        Option<i64>,
    );
    let rows: Vec<Targeted> = sqlx::query_as(
        "SELECT item_id, campaign_id, id, metric, value, recorded_at, recorded_by, hook_id \
             FROM metric_readings ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(item, campaign, id, metric, value, at, by, hook)| {
            (
                item.map(ItemId),
                campaign.map(CampaignId),
                reading_of((id, metric, value, at, by, hook)),
            )
        })
        .collect())
}

/// A campaign's results, newest first.
pub async fn of_campaign(
    conn: &mut Conn,
    campaign: CampaignId,
) -> Result<Vec<Reading>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, metric, value, recorded_at, recorded_by, hook_id FROM metric_readings \
         WHERE campaign_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT 200",
    )
    .bind(campaign.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(reading_of).collect())
}
