//! Outbound webhook endpoints, their deliveries and each delivery's attempts.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::outbound::chat::Flavor;
use crate::domain::outbound::event_type::{parse_list, write_list};
use crate::domain::outbound::EventType;
use crate::domain::{PersonId, WorkflowId};

/// An endpoint as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// Its id.
    pub id: i64,
    /// Where deliveries go.
    pub url: String,
    /// What it is for, in the admin's words.
    pub description: String,
    /// The event types it receives.
    pub events: Vec<EventType>,
    /// The signing secret.
    pub secret: String,
    /// The secret before the last rotation, and until when it still signs.
    pub previous: Option<(String, DateTime<Utc>)>,
    /// Whether deliveries go out.
    pub enabled: bool,
    /// Why Baton switched it off, if it did.
    pub disabled_reason: Option<String>,
    /// The first failure since its last success.
    pub failing_since: Option<DateTime<Utc>>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// A signed webhook or a chat channel.
    pub flavor: Flavor,
    /// Only this workflow's items, when set.
    pub workflow: Option<WorkflowId>,
    /// A chat channel's next message goes no earlier than this.
    pub next_send_at: Option<DateTime<Utc>>,
}

type Row = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<DateTime<Utc>>,
    bool,
    Option<String>,
    Option<DateTime<Utc>>,
    DateTime<Utc>,
    String,
    Option<String>,
    Option<DateTime<Utc>>,
);

const COLUMNS: &str = "id, url, description, events, secret, previous_secret, previous_until, \
     enabled, disabled_reason, failing_since, created_at, flavor, workflow_id, next_send_at";

fn endpoint_of(row: Row) -> Endpoint {
    let (
        id,
        url,
        description,
        events,
        secret,
        previous,
        until,
        enabled,
        reason,
        failing,
        at,
        flavor,
        workflow,
        next_send_at,
    ) = row;
    Endpoint {
        id,
        url,
        description,
        events: parse_list(&events),
        secret,
        previous: previous.zip(until),
        enabled,
        disabled_reason: reason,
        failing_since: failing,
        created_at: at,
        flavor: Flavor::parse(&flavor),
        workflow: workflow.map(WorkflowId),
        next_send_at,
    }
}

/// What an endpoint is, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointFields<'a> {
    /// Where deliveries go.
    pub url: &'a str,
    /// What it is for.
    pub description: &'a str,
    /// The events it receives.
    pub events: &'a [EventType],
    /// A signed webhook or a chat channel.
    pub flavor: Flavor,
    /// Only this workflow's items, when set.
    pub workflow: Option<&'a WorkflowId>,
}

/// Stores a new endpoint, switched on; returns its id.
pub async fn insert(
    conn: &mut Conn,
    fields: &EndpointFields<'_>,
    secret: &str,
    by: PersonId,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO webhook_endpoints (url, description, events, flavor, workflow_id, secret, \
         enabled, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $8) RETURNING id",
    )
    .bind(fields.url)
    .bind(fields.description)
    .bind(write_list(fields.events))
    .bind(fields.flavor.as_str())
    .bind(fields.workflow.map(|w| w.as_str()))
    .bind(secret)
    .bind(by.0)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// Every endpoint not removed, oldest first.
pub async fn list(conn: &mut Conn) -> Result<Vec<Endpoint>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM webhook_endpoints WHERE removed_at IS NULL ORDER BY id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(endpoint_of).collect())
}

/// One endpoint not removed.
pub async fn get(conn: &mut Conn, id: i64) -> Result<Option<Endpoint>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM webhook_endpoints WHERE id = $1 AND removed_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(endpoint_of))
}

/// The switched-on endpoints that receive `event` about an item of `workflow` (endpoints
/// limited to a workflow receive only its items' events).
pub async fn receiving(
    conn: &mut Conn,
    event: EventType,
    workflow: Option<&WorkflowId>,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, events, workflow_id FROM webhook_endpoints WHERE enabled AND removed_at IS NULL ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, events, _)| parse_list(events).contains(&event))
        .filter(|(_, _, only)| {
            only.as_deref()
                .is_none_or(|only| workflow.is_some_and(|w| w.as_str() == only))
        })
        .map(|(id, _, _)| id)
        .collect())
}

/// The oldest delivery of an endpoint still waiting to go (a chat channel's messages keep
/// their order: none overtakes an earlier one being retried).
pub async fn oldest_pending(conn: &mut Conn, endpoint: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MIN(id) FROM webhook_deliveries WHERE endpoint_id = $1 AND state = 'pending'",
    )
    .bind(endpoint)
    .fetch_one(&mut *conn)
    .await
}

/// Holds a chat endpoint's next message until `until`.
pub async fn pace(conn: &mut Conn, id: i64, until: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE webhook_endpoints SET next_send_at = $1 WHERE id = $2")
        .bind(until)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Changes what an endpoint is and receives.
pub async fn update(
    conn: &mut Conn,
    id: i64,
    fields: &EndpointFields<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE webhook_endpoints SET url = $1, description = $2, events = $3, flavor = $4, \
         workflow_id = $5 WHERE id = $6 AND removed_at IS NULL",
    )
    .bind(fields.url)
    .bind(fields.description)
    .bind(write_list(fields.events))
    .bind(fields.flavor.as_str())
    .bind(fields.workflow.map(|w| w.as_str()))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Switches an endpoint on (clearing its failures) or off, with Baton's reason when Baton
/// switched it off.
pub async fn set_enabled(
    conn: &mut Conn,
    id: i64,
    enabled: bool,
    reason: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE webhook_endpoints SET enabled = $1, disabled_reason = $2, failing_since = NULL \
         WHERE id = $3 AND removed_at IS NULL",
    )
    .bind(enabled)
    .bind(reason)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the secret; the old one signs too until `previous_until`.
pub async fn rotate(
    conn: &mut Conn,
    id: i64,
    secret: &str,
    previous_until: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE webhook_endpoints SET previous_secret = secret, previous_until = $1, secret = $2 \
         WHERE id = $3 AND removed_at IS NULL",
    )
    .bind(previous_until)
    .bind(secret)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes an endpoint (its delivery log stays); what it had pending is dropped.
pub async fn remove(conn: &mut Conn, id: i64, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE webhook_endpoints SET removed_at = $1, enabled = FALSE WHERE id = $2 AND removed_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    drop_pending(conn, id).await?;
    Ok(done.rows_affected() == 1)
}

/// Drops what an endpoint still had to send.
pub async fn drop_pending(conn: &mut Conn, endpoint: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE webhook_deliveries SET state = 'dropped', next_attempt_at = NULL \
         WHERE endpoint_id = $1 AND state = 'pending'",
    )
    .bind(endpoint)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Notes a failed attempt's time as the start of the endpoint's failures, if none is noted.
pub async fn failing(conn: &mut Conn, id: i64, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $1) WHERE id = $2",
    )
    .bind(at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Clears an endpoint's failures after a delivery went through.
pub async fn healthy(conn: &mut Conn, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    /// Still to go (again).
    Pending,
    /// The receiver took it.
    Delivered,
    /// Given up on.
    Failed,
    /// Not sent: the endpoint was switched off or removed.
    Dropped,
}

impl DeliveryState {
    fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Failed => "failed",
            DeliveryState::Dropped => "dropped",
        }
    }

    fn parse(text: &str) -> DeliveryState {
        match text {
            "delivered" => DeliveryState::Delivered,
            "failed" => DeliveryState::Failed,
            "dropped" => DeliveryState::Dropped,
            _ => DeliveryState::Pending,
        }
    }
}

/// Queues a delivery to go at `now`; returns its id.
pub async fn enqueue(
    conn: &mut Conn,
    endpoint: i64,
    message_id: &str,
    event_type: &str,
    payload: &str,
    now: DateTime<Utc>,
    replay_of: Option<i64>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO webhook_deliveries \
         (endpoint_id, message_id, event_type, payload, created_at, state, attempts, next_attempt_at, replay_of) \
         VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $7) RETURNING id",
    )
    .bind(endpoint)
    .bind(message_id)
    .bind(event_type)
    .bind(payload)
    .bind(now)
    .bind(now)
    .bind(replay_of)
    .fetch_one(&mut *conn)
    .await
}

/// A delivery as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// Its id.
    pub id: i64,
    /// Its endpoint.
    pub endpoint: i64,
    /// The `webhook-id`.
    pub message_id: String,
    /// The event type (as stored).
    pub event_type: String,
    /// The body.
    pub payload: String,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// Where it stands.
    pub state: DeliveryState,
    /// Attempts made.
    pub attempts: u32,
    /// When it goes next, while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The delivery it replays.
    pub replay_of: Option<i64>,
}

type DeliveryRow = (
    i64,
    i64,
    String,
    String,
    String,
    DateTime<Utc>,
    String,
    i64,
    Option<DateTime<Utc>>,
    Option<i64>,
);

const DELIVERY_COLUMNS: &str = "id, endpoint_id, message_id, event_type, payload, created_at, \
     state, attempts, next_attempt_at, replay_of";

fn delivery_of(row: DeliveryRow) -> Delivery {
    let (id, endpoint, message_id, event_type, payload, created_at, state, attempts, next, replay) =
        row;
    Delivery {
        id,
        endpoint,
        message_id,
        event_type,
        payload,
        created_at,
        state: DeliveryState::parse(&state),
        attempts: u32::try_from(attempts).unwrap_or(0),
        next_attempt_at: next,
        replay_of: replay,
    }
}

/// Pending deliveries due by `now`, the longest waiting first. On PostgreSQL they are
/// locked for the transaction, and rows another sender has locked are skipped: two servers
/// look at different deliveries instead of waiting for each other.
pub async fn due(
    conn: &mut Conn,
    now: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<Delivery>, sqlx::Error> {
    let lock = if <super::Backend as super::Dialect>::POSTGRES {
        "FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let rows: Vec<DeliveryRow> = sqlx::query_as(&format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries \
         WHERE state = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2 \
         {lock}"
    ))
    .bind(now)
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(delivery_of).collect())
}

/// Holds a due delivery for one sender until `until`, so no other sender takes it too;
/// false when it is no longer due (another sender holds it, or it moved on).
pub async fn hold(
    conn: &mut Conn,
    id: i64,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let held = sqlx::query(
        "UPDATE webhook_deliveries SET next_attempt_at = $1 \
         WHERE id = $2 AND state = 'pending' AND next_attempt_at <= $3",
    )
    .bind(until)
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(held.rows_affected() == 1)
}

/// When the next pending delivery is due, if any is.
pub async fn next_due(conn: &mut Conn) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MIN(next_attempt_at) FROM webhook_deliveries WHERE state = 'pending'",
    )
    .fetch_one(&mut *conn)
    .await
}

/// One delivery.
pub async fn delivery(conn: &mut Conn, id: i64) -> Result<Option<Delivery>, sqlx::Error> {
    let row: Option<DeliveryRow> = sqlx::query_as(&format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(delivery_of))
}

/// An endpoint's latest deliveries, newest first.
pub async fn recent(
    conn: &mut Conn,
    endpoint: i64,
    limit: u32,
) -> Result<Vec<Delivery>, sqlx::Error> {
    let rows: Vec<DeliveryRow> = sqlx::query_as(&format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY id DESC LIMIT $2"
    ))
    .bind(endpoint)
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(delivery_of).collect())
}

/// One attempt at a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// Which attempt (1 for the first).
    pub attempt: u32,
    /// When it was made.
    pub at: DateTime<Utc>,
    /// The receiver's status code, if it answered.
    pub status: Option<u16>,
    /// What went wrong, if something did.
    pub error: Option<String>,
    /// How long it took.
    pub duration_ms: u32,
}

/// Records an attempt and where the delivery stands after it; false when the delivery had
/// already moved on (another sender recorded this attempt first).
pub async fn record_attempt(
    conn: &mut Conn,
    delivery: i64,
    attempt: &Attempt,
    state: DeliveryState,
    next_attempt_at: Option<DateTime<Utc>>,
) -> Result<bool, sqlx::Error> {
    let moved = sqlx::query(
        "UPDATE webhook_deliveries SET state = $1, attempts = $2, next_attempt_at = $3 \
         WHERE id = $4 AND state = 'pending' AND attempts = $5",
    )
    .bind(state.as_str())
    .bind(i64::from(attempt.attempt))
    .bind(next_attempt_at)
    .bind(delivery)
    .bind(i64::from(attempt.attempt.saturating_sub(1)))
    .execute(&mut *conn)
    .await?;
    if moved.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO webhook_attempts (delivery_id, attempt, at, status, error, duration_ms) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(delivery)
    .bind(i64::from(attempt.attempt))
    .bind(attempt.at)
    .bind(attempt.status.map(i64::from))
    .bind(attempt.error.as_deref())
    .bind(i64::from(attempt.duration_ms))
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

/// Every attempt at the given deliveries, by delivery then attempt.
pub async fn attempts(
    conn: &mut Conn,
    deliveries: &[i64],
) -> Result<Vec<(i64, Attempt)>, sqlx::Error> {
    if deliveries.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = sqlx::QueryBuilder::<super::Backend>::new(
        "SELECT delivery_id, attempt, at, status, error, duration_ms FROM webhook_attempts WHERE delivery_id IN (",
    );
    let mut list = qb.separated(", ");
    for id in deliveries {
        list.push_bind(*id);
    }
    qb.push(") ORDER BY delivery_id, attempt");
    type AttemptRow = (i64, i64, DateTime<Utc>, Option<i64>, Option<String>, i64);
    let rows: Vec<AttemptRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(delivery, attempt, at, status, error, duration)| {
            (
                delivery,
                Attempt {
                    attempt: u32::try_from(attempt).unwrap_or(0),
                    at,
                    status: status.and_then(|s| u16::try_from(s).ok()),
                    error,
                    duration_ms: u32::try_from(duration).unwrap_or(u32::MAX),
                },
            )
        })
        .collect())
}
