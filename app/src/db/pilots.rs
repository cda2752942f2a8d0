//! Pilots: a version tried by one group's new items before everyone's.

use chrono::{DateTime, Utc};

use super::codec::{json_text, text_json};
use super::Conn;
use crate::domain::design::PilotGroup;
use crate::domain::{PersonId, WorkflowId};

/// A pilot as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PilotRow {
    /// Its id.
    pub id: i64,
    /// The workflow.
    pub workflow: WorkflowId,
    /// The version the group's new items get.
    pub version: u32,
    /// The current version when it started: what it is compared with.
    pub baseline_version: u32,
    /// Whose new items get it.
    pub group: PilotGroup,
    /// Who started it.
    pub started_by: Option<PersonId>,
    /// When.
    pub started_at: DateTime<Utc>,
    /// When it was promoted or dropped.
    pub ended_at: Option<DateTime<Utc>>,
    /// "promoted" or "dropped", once ended.
    pub outcome: Option<String>,
}

type Row = (
    i64,
    String,
    i64,
    i64,
    String,
    Option<i64>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<String>,
);

const COLUMNS: &str = "id, workflow_id, version, baseline_version, pilot_group, started_by, \
    started_at, ended_at, outcome";

fn number(n: i64) -> Result<u32, sqlx::Error> {
    u32::try_from(n).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

fn pilot(row: Row) -> Result<PilotRow, sqlx::Error> {
    let (id, workflow, version, baseline, group, by, started_at, ended_at, outcome) = row;
    Ok(PilotRow {
        id,
        workflow: WorkflowId(workflow),
        version: number(version)?,
        baseline_version: number(baseline)?,
        group: text_json(&group)?,
        started_by: by.map(PersonId),
        started_at,
        ended_at,
        outcome,
    })
}

/// The pilot running on a workflow, if any.
pub async fn running(
    conn: &mut Conn,
    workflow: &WorkflowId,
) -> Result<Option<PilotRow>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM workflow_pilots WHERE workflow_id = $1 AND ended_at IS NULL"
    ))
    .bind(workflow.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(pilot).transpose()
}

/// Every pilot running now, on any workflow (for the list of workflows).
pub async fn all_running(conn: &mut Conn) -> Result<Vec<PilotRow>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM workflow_pilots WHERE ended_at IS NULL ORDER BY workflow_id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(pilot).collect()
}

/// Every pilot a workflow has had, newest first.
pub async fn history(conn: &mut Conn, workflow: &WorkflowId) -> Result<Vec<PilotRow>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM workflow_pilots WHERE workflow_id = $1 ORDER BY id DESC"
    ))
    .bind(workflow.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(pilot).collect()
}

/// Starts a pilot of `version` for `group`, compared with `baseline_version`.
pub async fn start(
    conn: &mut Conn,
    workflow: &WorkflowId,
    version: u32,
    baseline_version: u32,
    group: &PilotGroup,
    by: PersonId,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO workflow_pilots (workflow_id, version, baseline_version, pilot_group, started_by, started_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(workflow.as_str())
    .bind(i64::from(version))
    .bind(i64::from(baseline_version))
    .bind(json_text(group)?)
    .bind(by.0)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// Moves a running pilot on to a newer version (saved while it ran).
pub async fn set_version(conn: &mut Conn, pilot: i64, version: u32) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE workflow_pilots SET version = $1 WHERE id = $2 AND ended_at IS NULL")
        .bind(i64::from(version))
        .bind(pilot)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Ends a running pilot with its outcome ("promoted" or "dropped"); false when it had
/// already ended.
pub async fn end(
    conn: &mut Conn,
    pilot: i64,
    outcome: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE workflow_pilots SET ended_at = $1, outcome = $2 WHERE id = $3 AND ended_at IS NULL",
    )
    .bind(now)
    .bind(outcome)
    .bind(pilot)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
