//! The sets of items the designer works on: the open items of one version of a workflow
//! (to move them to another), how many each version has, and the items of a workflow
//! that changed since a moment (a pilot's comparison).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::items::{with_assignees, ItemRow, COLUMNS};
use super::Conn;
use crate::domain::{Item, WorkflowId};

/// The items of `workflow` on `version` that are not archived, in id order.
pub async fn open_in_version(
    conn: &mut Conn,
    workflow: &WorkflowId,
    version: u32,
) -> Result<Vec<Item>, sqlx::Error> {
    let rows: Vec<ItemRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM items WHERE workflow_id = $1 AND workflow_version = $2 \
         AND archived_at IS NULL ORDER BY id"
    ))
    .bind(workflow.as_str())
    .bind(i64::from(version))
    .fetch_all(&mut *conn)
    .await?;
    with_assignees(conn, rows).await
}

/// How many items that are not archived follow each version of `workflow`.
pub async fn open_per_version(
    conn: &mut Conn,
    workflow: &WorkflowId,
) -> Result<BTreeMap<u32, u32>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT workflow_version, COUNT(*) FROM items WHERE workflow_id = $1 \
         AND archived_at IS NULL GROUP BY workflow_version",
    )
    .bind(workflow.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(v, n)| Some((u32::try_from(v).ok()?, u32::try_from(n).ok()?)))
        .collect())
}

/// How many items that are not archived each workflow has.
pub async fn open_per_workflow(conn: &mut Conn) -> Result<BTreeMap<WorkflowId, u32>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT workflow_id, COUNT(*) FROM items WHERE archived_at IS NULL GROUP BY workflow_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(w, n)| (WorkflowId(w), u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}

/// The items of `workflow` changed at or after `since` (archived ones too), in id order:
/// every item that finished since then is among them.
pub async fn changed_since(
    conn: &mut Conn,
    workflow: &WorkflowId,
    since: DateTime<Utc>,
) -> Result<Vec<Item>, sqlx::Error> {
    let rows: Vec<ItemRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM items WHERE workflow_id = $1 AND updated_at >= $2 ORDER BY id"
    ))
    .bind(workflow.as_str())
    .bind(since)
    .fetch_all(&mut *conn)
    .await?;
    with_assignees(conn, rows).await
}
