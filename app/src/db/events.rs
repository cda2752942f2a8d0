//! The activity trail: every change an operation made, appended, never edited.

use crate::db::Conn;
use chrono::{DateTime, Utc};

use super::codec::{json_text, text_json};
use crate::domain::{Event, EventKind, ItemId, PersonId, WorkflowId};

/// The newest event's id (0 when there are none). Every change to an item appends an event
/// in the same transaction, so an unchanged id means no item changed.
pub async fn latest(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM item_events")
        .fetch_one(&mut *conn)
        .await
}

/// When the oldest event happened, if there is one.
pub async fn oldest(conn: &mut Conn) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    sqlx::query_scalar("SELECT MIN(at) FROM item_events")
        .fetch_one(&mut *conn)
        .await
}

/// Appends the events an operation produced for `item`; returns their ids, in order.
pub async fn append(
    conn: &mut Conn,
    item: ItemId,
    workflow: &WorkflowId,
    events: &[Event],
) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids = Vec::with_capacity(events.len());
    for event in events {
        let payload = json_text(&event.kind)?;
        let kind = serde_json::from_str::<serde_json::Value>(&payload)
            .ok()
            .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_string))
            .unwrap_or_default();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO item_events (item_id, workflow_id, actor_id, at, kind, to_stage, payload) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(item.0)
        .bind(workflow.as_str())
        .bind(event.actor.0)
        .bind(event.at)
        .bind(kind)
        .bind(event.kind.moved_to().map(|s| s.as_str().to_string()))
        .bind(payload)
        .fetch_one(&mut *conn)
        .await?;
        ids.push(id);
    }
    Ok(ids)
}

/// A stored event with where it belongs.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    /// Its id.
    pub id: i64,
    /// The item.
    pub item: ItemId,
    /// The event.
    pub event: Event,
}

/// Events since `since`, newest first, at most `limit`.
pub async fn since(
    conn: &mut Conn,
    since: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64, DateTime<Utc>, String)> = sqlx::query_as(
        "SELECT id, item_id, actor_id, at, payload FROM item_events WHERE at >= $1 \
         ORDER BY id DESC LIMIT $2",
    )
    .bind(since)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, item, actor, at, payload)| {
            Ok(StoredEvent {
                id,
                item: ItemId(item),
                event: Event {
                    actor: PersonId(actor),
                    at,
                    kind: text_json(&payload)?,
                },
            })
        })
        .collect()
}

/// An item's activity, oldest first.
pub async fn for_item(conn: &mut Conn, item: ItemId) -> Result<Vec<Event>, sqlx::Error> {
    let rows: Vec<(i64, DateTime<Utc>, String)> = sqlx::query_as(
        "SELECT actor_id, at, payload FROM item_events WHERE item_id = $1 ORDER BY id",
    )
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(actor, at, payload)| {
            Ok(Event {
                actor: PersonId(actor),
                at,
                kind: text_json::<EventKind>(&payload)?,
            })
        })
        .collect()
}
