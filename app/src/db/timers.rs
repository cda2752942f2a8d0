//! SLA timers: planned with the move that starts a stage visit, fired once by the scheduler.

use crate::db::Conn;
use chrono::{DateTime, Utc};

use super::codec::{enum_text, text_enum};
use crate::domain::timers::{PlannedTimer, TimerKind};
use crate::domain::{ItemId, StageKey};

/// Stores the timers of an item's stage visit; timers already stored for it stay as they are.
pub async fn plan(
    conn: &mut Conn,
    item: ItemId,
    timers: &[PlannedTimer],
) -> Result<(), sqlx::Error> {
    if timers.is_empty() {
        return Ok(());
    }
    // One statement for the visit's timers: this runs inside every stage change's transaction.
    let mut qb = sqlx::QueryBuilder::new(
        "INSERT INTO sla_timers (item_id, entered_at, kind, stage, due_at) ",
    );
    qb.push_values(timers, |mut row, timer| {
        row.push_bind(item.0)
            .push_bind(timer.entered_at)
            .push_bind(enum_text(&timer.kind))
            .push_bind(timer.stage.as_str())
            .push_bind(timer.due_at);
    });
    qb.push(" ON CONFLICT (item_id, stage, entered_at, kind) DO NOTHING");
    qb.build().execute(&mut *conn).await?;
    Ok(())
}

/// A stored timer that has not fired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTimer {
    /// The item.
    pub item: ItemId,
    /// When its stage visit started.
    pub entered_at: DateTime<Utc>,
    /// Reminder or escalation.
    pub kind: TimerKind,
    /// The stage of the visit.
    pub stage: StageKey,
    /// When it comes due.
    pub due_at: DateTime<Utc>,
}

/// item, entered, kind, stage, due.
type DueRow = (i64, DateTime<Utc>, String, String, DateTime<Utc>);

/// Timers due at `now` that have not fired, oldest first.
pub async fn due(
    conn: &mut Conn,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<StoredTimer>, sqlx::Error> {
    let rows: Vec<DueRow> = sqlx::query_as(
        "SELECT item_id, entered_at, kind, stage, due_at FROM sla_timers \
         WHERE fired_at IS NULL AND due_at <= $1 ORDER BY due_at, item_id, kind LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(item, entered_at, kind, stage, due_at)| {
            Ok(StoredTimer {
                item: ItemId(item),
                entered_at,
                kind: text_enum(&kind)?,
                stage: StageKey(stage),
                due_at,
            })
        })
        .collect()
}

/// Whether the same visit's escalation timer is due at `now` (fired or not).
pub async fn escalation_due(
    conn: &mut Conn,
    timer: &StoredTimer,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT CAST(1 AS BIGINT) FROM sla_timers WHERE item_id = $1 AND entered_at = $2 \
         AND stage = $3 AND kind = 'escalation' AND due_at <= $4",
    )
    .bind(timer.item.0)
    .bind(timer.entered_at)
    .bind(timer.stage.as_str())
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// Marks a timer fired with its outcome; false when it had already fired (nothing to do then).
pub async fn mark_fired(
    conn: &mut Conn,
    timer: &StoredTimer,
    now: DateTime<Utc>,
    outcome: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sla_timers SET fired_at = $1, outcome = $2 \
         WHERE item_id = $3 AND entered_at = $4 AND kind = $5 AND stage = $6 AND fired_at IS NULL",
    )
    .bind(now)
    .bind(outcome)
    .bind(timer.item.0)
    .bind(timer.entered_at)
    .bind(enum_text(&timer.kind))
    .bind(timer.stage.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// When a timer fired, if it did.
type Fired = Option<DateTime<Utc>>;

/// A timer as it ended: kind, due, fired, outcome.
pub type TimerRecord = (
    TimerKind,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<String>,
);

/// How an item's timers ended, oldest first — for tests and audits.
pub async fn history(conn: &mut Conn, item: ItemId) -> Result<Vec<TimerRecord>, sqlx::Error> {
    let rows: Vec<(String, DateTime<Utc>, Fired, Option<String>)> =
        sqlx::query_as(
            "SELECT kind, due_at, fired_at, outcome FROM sla_timers WHERE item_id = $1 ORDER BY entered_at, due_at",
        )
        .bind(item.0)
        .fetch_all(&mut *conn)
        .await?;
    rows.into_iter()
        .map(|(kind, due, fired, outcome)| Ok((text_enum(&kind)?, due, fired, outcome)))
        .collect()
}

/// Active items' current stage visits: (id, workflow, version, stage). With `only_missing`,
/// just those without any timer yet (created before timers existed, or by a path that did not
/// plan them).
pub async fn active_visits(
    conn: &mut Conn,
    only_missing: bool,
) -> Result<Vec<(ItemId, String, i64, StageKey)>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, String)> = sqlx::query_as(
        "SELECT i.id, i.workflow_id, i.workflow_version, i.stage FROM items i \
         WHERE i.archived_at IS NULL AND (NOT $1 OR NOT EXISTS \
         (SELECT 1 FROM sla_timers t WHERE t.item_id = i.id AND t.stage = i.stage \
         AND t.entered_at = i.entered_stage_at)) \
         ORDER BY i.id",
    )
    .bind(only_missing)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, wf, v, stage)| (ItemId(id), wf, v, StageKey(stage)))
        .collect())
}

/// Forgets the timers of one stage visit that have not fired (before planning them again
/// when the visit's stage got another SLA in a new version).
pub async fn forget_unfired_of_visit(
    conn: &mut Conn,
    item: ItemId,
    stage: &StageKey,
    entered_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM sla_timers WHERE item_id = $1 AND stage = $2 AND entered_at = $3 AND fired_at IS NULL",
    )
    .bind(item.0)
    .bind(stage.as_str())
    .bind(entered_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Forgets the timers that have not fired (before planning them again with new working hours).
pub async fn forget_unfired(conn: &mut Conn) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sla_timers WHERE fired_at IS NULL")
        .execute(&mut *conn)
        .await?;
    Ok(())
}
