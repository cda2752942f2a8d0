//! What the inbox reads: the items that may wait on a person, and their latest feedback.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::codec::text_json;
use crate::domain::inbox::Feedback;
use crate::domain::{EventKind, ItemId, PersonId, StageKey, WorkflowId};

/// Active items that may wait on `person` whatever the workflow says: submitted for approval,
/// escalated, or theirs (owned or assigned).
pub async fn direct_candidates(
    conn: &mut SqliteConnection,
    person: PersonId,
) -> Result<Vec<ItemId>, sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM items WHERE archived_at IS NULL AND (submitted_at IS NOT NULL \
         OR escalation IS NOT NULL OR owner_id = $1 \
         OR id IN (SELECT item_id FROM item_assignees WHERE person_id = $1)) ORDER BY id",
    )
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(ItemId).collect())
}

/// The stages active items are in, per workflow version: (workflow, version, stage).
pub async fn occupied_stages(
    conn: &mut SqliteConnection,
) -> Result<Vec<(WorkflowId, u32, StageKey)>, sqlx::Error> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT DISTINCT workflow_id, workflow_version, stage FROM items WHERE archived_at IS NULL \
         ORDER BY workflow_id, workflow_version, stage",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(w, v, s)| (WorkflowId(w), u32::try_from(v).unwrap_or(0), StageKey(s)))
        .collect())
}

/// Active, unassigned items waiting in a stage (not submitted): work for the stage's responsible people.
pub async fn unassigned_in_stage(
    conn: &mut SqliteConnection,
    workflow: &WorkflowId,
    version: u32,
    stage: &StageKey,
) -> Result<Vec<ItemId>, sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM items WHERE workflow_id = $1 AND workflow_version = $2 AND stage = $3 \
         AND archived_at IS NULL AND submitted_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM item_assignees a WHERE a.item_id = items.id) ORDER BY id",
    )
    .bind(workflow.as_str())
    .bind(i64::from(version))
    .bind(stage.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(ItemId).collect())
}

/// The latest "changes requested" on an item, if any.
pub async fn latest_feedback(
    conn: &mut SqliteConnection,
    item: ItemId,
) -> Result<Option<Feedback>, sqlx::Error> {
    let row: Option<(i64, DateTime<Utc>, String)> = sqlx::query_as(
        "SELECT actor_id, at, payload FROM item_events WHERE item_id = $1 AND kind = 'changes_requested' \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(item.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((actor, at, payload)) = row else {
        return Ok(None);
    };
    Ok(match text_json::<EventKind>(&payload)? {
        EventKind::ChangesRequested { feedback, .. } => Some(Feedback {
            by: PersonId(actor),
            at,
            text: feedback,
        }),
        _ => None,
    })
}
