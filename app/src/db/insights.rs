//! What /insights stores besides the trails: post-launch fixes, each workflow's start
//! stage, and each day's forecast for open campaigns.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::codec::{json_text, text_json};
use super::Conn;
use crate::domain::{CampaignId, ItemId, PersonId, StageKey, WorkflowId};

/// A post-launch fix as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FixRow {
    /// Its id.
    pub id: i64,
    /// The item.
    pub item_id: i64,
    /// What went wrong.
    pub what: String,
    /// The stage that should have caught it.
    pub stage: Option<String>,
    /// Who recorded it.
    pub recorded_by: i64,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

/// Records a post-launch fix.
pub async fn insert_fix(
    conn: &mut Conn,
    item: ItemId,
    what: &str,
    stage: Option<&StageKey>,
    by: PersonId,
    at: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO post_launch_fixes (item_id, what, stage, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(item.0)
    .bind(what)
    .bind(stage.map(|s| s.as_str().to_owned()))
    .bind(by.0)
    .bind(at)
    .fetch_one(&mut *conn)
    .await
}

/// An item's fixes, oldest first.
pub async fn fixes_of_item(conn: &mut Conn, item: ItemId) -> Result<Vec<FixRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, item_id, what, stage, recorded_by, recorded_at FROM post_launch_fixes \
         WHERE item_id = $1 ORDER BY id",
    )
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await
}

/// Every workflow's chosen start stage.
pub async fn start_stages(conn: &mut Conn) -> Result<BTreeMap<WorkflowId, StageKey>, sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT workflow_id, start_stage FROM flow_settings")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(w, s)| (WorkflowId(w), StageKey(s)))
        .collect())
}

/// Sets the stage where a workflow's work starts.
pub async fn set_start_stage(
    conn: &mut Conn,
    workflow: &WorkflowId,
    stage: &StageKey,
    by: PersonId,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO flow_settings (workflow_id, start_stage, updated_by, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (workflow_id) DO UPDATE SET start_stage = excluded.start_stage, \
         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(workflow.as_str())
    .bind(stage.as_str())
    .bind(by.0)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One day's forecast for a campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastRow {
    /// The campaign.
    pub campaign: CampaignId,
    /// The local day it was made.
    pub made_on: NaiveDate,
    /// The open items it forecast.
    pub items: Vec<ItemId>,
    /// Half of the trials were done by this day.
    pub p50: Option<NaiveDate>,
    /// 85 % were.
    pub p85: Option<NaiveDate>,
    /// 95 % were.
    pub p95: Option<NaiveDate>,
    /// Whether it rested on enough history.
    pub enough_data: bool,
}

/// Stores a forecast unless the campaign already has one for that day. Returns whether it
/// was stored.
pub async fn keep_forecast(
    conn: &mut Conn,
    row: &ForecastRow,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let ids: Vec<i64> = row.items.iter().map(|i| i.0).collect();
    let done = sqlx::query(
        "INSERT INTO campaign_forecasts (campaign_id, made_on, items, p50, p85, p95, enough_data, made_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (campaign_id, made_on) DO NOTHING",
    )
    .bind(row.campaign.0)
    .bind(row.made_on)
    .bind(json_text(&ids)?)
    .bind(row.p50)
    .bind(row.p85)
    .bind(row.p95)
    .bind(row.enough_data)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Whether any forecast was stored for `day`.
pub async fn forecasts_made_on(conn: &mut Conn, day: NaiveDate) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM campaign_forecasts WHERE made_on = $1")
        .bind(day)
        .fetch_one(&mut *conn)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Every stored forecast made on or after `since`, by campaign and day.
pub async fn forecasts_since(
    conn: &mut Conn,
    since: NaiveDate,
) -> Result<Vec<ForecastRow>, sqlx::Error> {
    type Row = (
        i64,
        NaiveDate,
        String,
        Option<NaiveDate>,
        Option<NaiveDate>,
        Option<NaiveDate>,
        bool,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT campaign_id, made_on, items, p50, p85, p95, enough_data FROM campaign_forecasts \
         WHERE made_on >= $1 ORDER BY campaign_id, made_on",
    )
    .bind(since)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(campaign, made_on, items, p50, p85, p95, enough_data)| {
            let ids: Vec<i64> = text_json(&items)?;
            Ok(ForecastRow {
                campaign: CampaignId(campaign),
                made_on,
                items: ids.into_iter().map(ItemId).collect(),
                p50,
                p85,
                p95,
                enough_data,
            })
        })
        .collect()
}

/// When each item reached its workflow's last stage for good, if it has: the stage and
/// entry time of its current visit, for items whose trails are stored.
pub async fn current_stages(
    conn: &mut Conn,
    items: &[ItemId],
) -> Result<BTreeMap<ItemId, (WorkflowId, StageKey, DateTime<Utc>, bool)>, sqlx::Error> {
    let mut found = BTreeMap::new();
    for chunk in items.chunks(500) {
        let mut qb = sqlx::QueryBuilder::<super::Backend>::new(
            "SELECT t.item_id, t.workflow_id, t.stage, t.stage_entered_at, i.archived_at IS NOT NULL \
             FROM item_trails t JOIN items i ON i.id = t.item_id WHERE t.item_id IN (",
        );
        let mut list = qb.separated(", ");
        for id in chunk {
            list.push_bind(id.0);
        }
        qb.push(")");
        let rows: Vec<(i64, String, String, DateTime<Utc>, bool)> =
            qb.build_query_as().fetch_all(&mut *conn).await?;
        for (id, workflow, stage, at, archived) in rows {
            found.insert(
                ItemId(id),
                (WorkflowId(workflow), StageKey(stage), at, archived),
            );
        }
    }
    Ok(found)
}

/// When each version of a workflow was saved, oldest first.
pub async fn version_dates(
    conn: &mut Conn,
    workflow: &WorkflowId,
) -> Result<Vec<(u32, DateTime<Utc>)>, sqlx::Error> {
    let rows: Vec<(i64, DateTime<Utc>)> = sqlx::query_as(
        "SELECT version, created_at FROM workflow_versions WHERE workflow_id = $1 ORDER BY version",
    )
    .bind(workflow.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(v, at)| Some((u32::try_from(v).ok()?, at)))
        .collect())
}

/// The latest value of each result (metric) recorded on each of `items`.
pub async fn latest_results(
    conn: &mut Conn,
    items: &[ItemId],
) -> Result<BTreeMap<ItemId, BTreeMap<String, f64>>, sqlx::Error> {
    let mut found: BTreeMap<ItemId, BTreeMap<String, f64>> = BTreeMap::new();
    for chunk in items.chunks(500) {
        let mut qb = sqlx::QueryBuilder::<super::Backend>::new(
            "SELECT item_id, metric, value FROM metric_readings WHERE item_id IN (",
        );
        let mut list = qb.separated(", ");
        for id in chunk {
            list.push_bind(id.0);
        }
        qb.push(") ORDER BY recorded_at, id");
        let rows: Vec<(i64, String, f64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
        for (item, metric, value) in rows {
            found.entry(ItemId(item)).or_default().insert(metric, value);
        }
    }
    Ok(found)
}

/// A result recorded on an item in a period, for the activity export.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    /// The item.
    pub item: ItemId,
    /// Its title.
    pub title: String,
    /// Its workflow.
    pub workflow: WorkflowId,
    /// The metric.
    pub metric: String,
    /// Its value.
    pub value: f64,
    /// When it was measured.
    pub at: DateTime<Utc>,
    /// Who recorded it (none when a hook did).
    pub by: Option<PersonId>,
}

/// Results recorded from `from` to before `to` on items of `workflows` passing `filter`,
/// oldest first.
pub async fn results_between(
    conn: &mut Conn,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    workflows: &[WorkflowId],
    filter: &crate::domain::metrics::HistoryFilter,
) -> Result<Vec<ResultRow>, sqlx::Error> {
    if workflows.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = sqlx::QueryBuilder::<super::Backend>::new(
        "SELECT r.item_id, i.title, i.workflow_id, r.metric, r.value, r.recorded_at, r.recorded_by \
         FROM metric_readings r JOIN items i ON i.id = r.item_id WHERE r.recorded_at >= ",
    );
    qb.push_bind(from)
        .push(" AND r.recorded_at < ")
        .push_bind(to);
    qb.push(" AND i.workflow_id IN (");
    let mut list = qb.separated(", ");
    for w in workflows {
        list.push_bind(w.as_str().to_owned());
    }
    qb.push(")");
    super::trails::push_filter(&mut qb, filter);
    qb.push(" ORDER BY r.recorded_at, r.id");
    type Row = (i64, String, String, String, f64, DateTime<Utc>, Option<i64>);
    let rows: Vec<Row> = qb.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(item, title, workflow, metric, value, at, by)| ResultRow {
            item: ItemId(item),
            title,
            workflow: WorkflowId(workflow),
            metric,
            value,
            at,
            by: by.map(PersonId),
        })
        .collect())
}
