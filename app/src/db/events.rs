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

/// Appends the events an operation produced for `item`, and adds them to its trail
/// ([`super::trails`]): every writer of events goes through here. Returns their ids, in order.
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
    // The compact trail metrics read and the send log change with the events, in the
    // same transaction.
    super::trails::record(conn, item, workflow, events).await?;
    for (event, id) in events.iter().zip(&ids) {
        if let EventKind::SendRecorded(send) = &event.kind {
            super::sends::record(conn, *id, item, event.actor, send).await?;
        }
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

type EventRow = (i64, i64, i64, DateTime<Utc>, String);

fn stored((id, item, actor, at, payload): EventRow) -> Result<StoredEvent, sqlx::Error> {
    Ok(StoredEvent {
        id,
        item: ItemId(item),
        event: Event {
            actor: PersonId(actor),
            at,
            kind: text_json(&payload)?,
        },
    })
}

/// Events since `since`, newest first, at most `limit`.
pub async fn since(
    conn: &mut Conn,
    since: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT id, item_id, actor_id, at, payload FROM item_events WHERE at >= $1 \
         ORDER BY id DESC LIMIT $2",
    )
    .bind(since)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(stored).collect()
}

/// The newest events of a campaign's items, newest first, at most `limit`.
pub async fn of_campaign(
    conn: &mut Conn,
    campaign: crate::domain::CampaignId,
    limit: i64,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT id, item_id, actor_id, at, payload FROM item_events \
         WHERE item_id IN (SELECT id FROM items WHERE campaign_id = $1) \
         ORDER BY id DESC LIMIT $2",
    )
    .bind(campaign.0)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(stored).collect()
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

/// One event of the activity trail with its item's id and title.
#[derive(Debug, Clone)]
pub struct TrailEvent {
    /// The item.
    pub item: ItemId,
    /// Its title now.
    pub title: String,
    /// Its workflow.
    pub workflow: WorkflowId,
    /// The event.
    pub event: Event,
}

/// Every event from `from` to before `to` of items of `workflows` passing `filter`, in the
/// order they were stored.
pub async fn between(
    conn: &mut Conn,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    workflows: &[WorkflowId],
    filter: &crate::domain::metrics::HistoryFilter,
) -> Result<Vec<TrailEvent>, sqlx::Error> {
    if workflows.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = sqlx::QueryBuilder::<super::Backend>::new(
        "SELECT e.item_id, i.title, e.workflow_id, e.actor_id, e.at, e.payload FROM item_events e \
         JOIN items i ON i.id = e.item_id WHERE e.at >= ",
    );
    qb.push_bind(from).push(" AND e.at < ").push_bind(to);
    qb.push(" AND e.workflow_id IN (");
    let mut list = qb.separated(", ");
    for w in workflows {
        list.push_bind(w.as_str().to_owned());
    }
    qb.push(")");
    super::trails::push_filter(&mut qb, filter);
    qb.push(" ORDER BY e.id");
    let rows: Vec<(i64, String, String, i64, DateTime<Utc>, String)> =
        qb.build_query_as().fetch_all(&mut *conn).await?;
    rows.into_iter()
        .map(|(item, title, workflow, actor, at, payload)| {
            Ok(TrailEvent {
                item: ItemId(item),
                title,
                workflow: WorkflowId(workflow),
                event: Event {
                    actor: PersonId(actor),
                    at,
                    kind: text_json::<EventKind>(&payload)?,
                },
            })
        })
        .collect()
}

/// Events with an id above `after`, oldest first, at most `limit`: the activity trail read
/// forward with a cursor.
pub async fn after(
    conn: &mut Conn,
    after: i64,
    limit: i64,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT id, item_id, actor_id, at, payload FROM item_events WHERE id > $1 \
         ORDER BY id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(stored).collect()
}
