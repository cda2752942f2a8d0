//! Outbound webhooks on stored data. Deliveries are queued in the transaction of the change
//! that causes them ([`queue_events`] is called where every item event is recorded); the
//! sender in the server takes what is [`due`], posts it, and [`record`]s each attempt, which
//! moves the delivery along the retry schedule and keeps the endpoint's health.

use chrono::{DateTime, Utc};
use rand_core::RngCore;
use serde_json::json;

use crate::db::webhooks::{Attempt, Delivery, DeliveryState, Endpoint};
use crate::db::{self, Conn, Db};
use crate::domain::automation::{EndpointId, AUTOMATION};
use crate::domain::notify::{Notice, NoticeKind};
use crate::domain::outbound::chat::{self, Flavor};
use crate::domain::outbound::{parse_endpoint, retry, Answer, EventType};
use crate::domain::people::Role;
use crate::domain::{limits, words, Event, Item, PersonId, WorkflowId};
use crate::error::{AppError, AppResult};
use crate::views::webhooks::{
    AttemptView, DeliveryView, EndpointInput, EndpointSecret, EndpointView,
};

/// The event type of "Send a test event".
pub const TEST_EVENT: &str = "baton.test";
/// How many deliveries an endpoint's log shows.
pub const LOG_LENGTH: u32 = 50;
/// How long a description may be.
pub const DESCRIPTION: usize = limits::SHORT;

fn message_id() -> String {
    let mut bytes = [0u8; 12];
    rand_core::OsRng.fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("msg_{hex}")
}

/// The body of a delivery, as Standard Webhooks payloads are shaped.
fn envelope(event_type: &str, at: DateTime<Utc>, data: serde_json::Value) -> String {
    json!({
        "type": event_type,
        "timestamp": at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "data": data,
    })
    .to_string()
}

/// What a payload says about an item.
pub fn item_data(item: &Item) -> serde_json::Value {
    json!({
        "id": item.id.0,
        "title": item.title,
        "workflow": item.workflow_id.as_str(),
        "stage": item.stage.as_str(),
        "channel": item.channel.key(),
        "campaign": item.campaign.map(|c| c.0),
        "schedule": item.schedule.map(|s| s.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        "path": format!("/items/{}", item.id.0),
    })
}

/// Queues a delivery of `event_type` with `data` to every switched-on endpoint receiving
/// it; returns how many were queued.
pub async fn queue(
    conn: &mut Conn,
    event_type: EventType,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    // Endpoints limited to a workflow get only its items' events.
    let workflow = data["item"]["workflow"].as_str().map(WorkflowId::from);
    let endpoints = db::webhooks::receiving(conn, event_type, workflow.as_ref()).await?;
    let body = envelope(event_type.as_str(), now, data);
    for endpoint in &endpoints {
        db::webhooks::enqueue(
            conn,
            *endpoint,
            &message_id(),
            event_type.as_str(),
            &body,
            now,
            None,
        )
        .await?;
    }
    Ok(endpoints.len())
}

/// Queues the deliveries the events just recorded on `item` give rise to.
pub async fn queue_events(
    conn: &mut Conn,
    item: &Item,
    events: &[Event],
    now: DateTime<Utc>,
) -> AppResult<()> {
    for event in events {
        if let Some(event_type) = EventType::of_event(&event.kind) {
            let data = json!({ "item": item_data(item), "event": event });
            queue(conn, event_type, data, now).await?;
        }
    }
    Ok(())
}

/// Queues one delivery to one endpoint (a rule's "call a webhook", a test event); false
/// when the endpoint is switched off or gone.
pub async fn queue_to(
    conn: &mut Conn,
    endpoint: EndpointId,
    event_type: &str,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    match db::webhooks::get(conn, endpoint.0).await? {
        Some(e) if e.enabled => {
            let body = envelope(event_type, now, data);
            db::webhooks::enqueue(conn, e.id, &message_id(), event_type, &body, now, None).await?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// The endpoint as the page shows it, with its workflow's name.
async fn view_of(db: &Db, conn: &mut Conn, e: &Endpoint) -> AppResult<EndpointView> {
    let workflow = match &e.workflow {
        Some(w) => {
            let name = db
                .current_definition(conn, w)
                .await?
                .map_or_else(|| w.to_string(), |d| d.name.clone());
            Some((w.clone(), name))
        }
        None => None,
    };
    Ok(EndpointView {
        workflow,
        ..view(e)
    })
}

fn view(e: &Endpoint) -> EndpointView {
    EndpointView {
        flavor: e.flavor,
        workflow: e.workflow.clone().map(|w| {
            let name = w.to_string();
            (w, name)
        }),
        id: EndpointId(e.id),
        url: e.url.clone(),
        description: e.description.clone(),
        events: e.events.clone(),
        enabled: e.enabled,
        disabled_reason: e.disabled_reason.clone(),
        health: e
            .failing_since
            .filter(|_| e.enabled)
            .map(|since| format!("Failing since {}", words::moment(since))),
        previous_secret_until: e.previous.as_ref().map(|(_, until)| *until),
    }
}

/// Every endpoint.
pub async fn list(db: &Db) -> AppResult<Vec<EndpointView>> {
    let mut conn = db.read.acquire().await?;
    let mut out = Vec::new();
    for e in db::webhooks::list(&mut conn).await? {
        out.push(view_of(db, &mut conn, &e).await?);
    }
    Ok(out)
}

/// The chat channels Baton posts to and what they get (for everyone's notifications page).
pub async fn chat_channels(db: &Db) -> AppResult<Vec<crate::views::webhooks::ChatChannelView>> {
    Ok(list(db)
        .await?
        .into_iter()
        .filter(|e| e.flavor == Flavor::Chat && e.enabled)
        .map(|e| crate::views::webhooks::ChatChannelView {
            name: if e.description.is_empty() {
                "A chat channel".to_owned()
            } else {
                e.description
            },
            workflow: e.workflow.map(|(_, name)| name),
            events: e.events.iter().map(|t| t.label().to_owned()).collect(),
        })
        .collect())
}

/// The names rules show for the endpoints they may call.
pub async fn names(conn: &mut Conn) -> AppResult<std::collections::BTreeMap<EndpointId, String>> {
    Ok(db::webhooks::list(conn)
        .await?
        .into_iter()
        .map(|e| {
            let name = if e.description.is_empty() {
                e.url
            } else {
                e.description
            };
            (EndpointId(e.id), name)
        })
        .collect())
}

/// What an admin typed, checked: the address as it will be stored, the description, the
/// events.
type Checked = (String, String, Vec<EventType>);

/// Checks the workflow an endpoint is limited to exists.
async fn check_workflow(conn: &mut Conn, input: &EndpointInput) -> AppResult<()> {
    if let Some(w) = &input.workflow {
        if !db::workflows::exists(conn, w).await? {
            return Err(AppError::validation(
                "workflow",
                format!(
                    "There is no workflow '{}' to limit this endpoint to.",
                    limits::shortened(w.as_str(), 60)
                ),
            ));
        }
    }
    Ok(())
}

fn fields<'a>(checked: &'a Checked, input: &'a EndpointInput) -> db::webhooks::EndpointFields<'a> {
    db::webhooks::EndpointFields {
        url: &checked.0,
        description: &checked.1,
        events: &checked.2,
        flavor: input.flavor,
        workflow: input.workflow.as_ref(),
    }
}

/// Checks what an admin typed; the address as it will be stored.
fn checked(input: &EndpointInput, allow_private: bool) -> AppResult<Checked> {
    let url = parse_endpoint(&input.url, allow_private)
        .map_err(|p| AppError::validation("url", p.message()))?;
    let description = input.description.trim();
    limits::check("The description", description, DESCRIPTION)
        .map_err(|m| AppError::validation("description", m))?;
    let mut events = input.events.clone();
    events.sort();
    events.dedup();
    if events.is_empty() {
        return Err(AppError::validation(
            "events",
            "Pick at least one event for this endpoint to receive.",
        ));
    }
    Ok((url.to_string(), description.to_owned(), events))
}

fn missing(id: EndpointId) -> AppError {
    AppError::not_found(format!("Webhook endpoint {id}"))
}

/// Adds an endpoint; its secret is in the answer, once.
pub async fn create(
    db: &Db,
    by: PersonId,
    input: &EndpointInput,
    allow_private: bool,
    now: DateTime<Utc>,
) -> AppResult<EndpointSecret> {
    let checked = checked(input, allow_private)?;
    let secret = crate::auth::signature::new_secret();
    let mut tx = db.write.begin().await?;
    check_workflow(&mut tx, input).await?;
    let id = db::webhooks::insert(&mut tx, &fields(&checked, input), &secret, by, now).await?;
    let endpoint = db::webhooks::get(&mut tx, id)
        .await?
        .ok_or(AppError::Internal)?;
    let endpoint = view_of(db, &mut tx, &endpoint).await?;
    tx.commit().await?;
    Ok(EndpointSecret { endpoint, secret })
}

/// Changes an endpoint's address, description or events.
pub async fn update(
    db: &Db,
    id: EndpointId,
    input: &EndpointInput,
    allow_private: bool,
) -> AppResult<EndpointView> {
    let checked = checked(input, allow_private)?;
    let mut tx = db.write.begin().await?;
    check_workflow(&mut tx, input).await?;
    if !db::webhooks::update(&mut tx, id.0, &fields(&checked, input)).await? {
        return Err(missing(id));
    }
    let endpoint = db::webhooks::get(&mut tx, id.0)
        .await?
        .ok_or_else(|| missing(id))?;
    let endpoint = view_of(db, &mut tx, &endpoint).await?;
    tx.commit().await?;
    Ok(endpoint)
}

/// Switches an endpoint on or off; what it had still to send is dropped when it goes off.
pub async fn switch(db: &Db, id: EndpointId, on: bool) -> AppResult<EndpointView> {
    let mut tx = db.write.begin().await?;
    if !db::webhooks::set_enabled(&mut tx, id.0, on, None).await? {
        return Err(missing(id));
    }
    if !on {
        db::webhooks::drop_pending(&mut tx, id.0).await?;
    }
    let endpoint = db::webhooks::get(&mut tx, id.0)
        .await?
        .ok_or_else(|| missing(id))?;
    tx.commit().await?;
    Ok(view(&endpoint))
}

/// Gives an endpoint a new secret; the old one signs too for [`retry::ROTATION_OVERLAP`].
pub async fn rotate(db: &Db, id: EndpointId, now: DateTime<Utc>) -> AppResult<EndpointSecret> {
    let secret = crate::auth::signature::new_secret();
    let mut tx = db.write.begin().await?;
    if !db::webhooks::rotate(&mut tx, id.0, &secret, now + retry::ROTATION_OVERLAP).await? {
        return Err(missing(id));
    }
    let endpoint = db::webhooks::get(&mut tx, id.0)
        .await?
        .ok_or_else(|| missing(id))?;
    tx.commit().await?;
    Ok(EndpointSecret {
        endpoint: view(&endpoint),
        secret,
    })
}

/// Removes an endpoint; its log stays in the database, what it had still to send is dropped.
pub async fn remove(db: &Db, id: EndpointId, now: DateTime<Utc>) -> AppResult<()> {
    let mut tx = db.write.begin().await?;
    if !db::webhooks::remove(&mut tx, id.0, now).await? {
        return Err(missing(id));
    }
    tx.commit().await?;
    Ok(())
}

/// Queues a test event to one endpoint.
pub async fn send_test(db: &Db, id: EndpointId, by: PersonId, now: DateTime<Utc>) -> AppResult<()> {
    let mut tx = db.write.begin().await?;
    let endpoint = db::webhooks::get(&mut tx, id.0)
        .await?
        .ok_or_else(|| missing(id))?;
    if !endpoint.enabled {
        return Err(AppError::Conflict {
            message: "This endpoint is switched off: switch it on to send it a test event.".into(),
        });
    }
    let data = json!({ "message": "A test event from Baton.", "sent_by": by.0 });
    queue_to(&mut tx, id, TEST_EVENT, data, now).await?;
    tx.commit().await?;
    Ok(())
}

fn delivery_view(d: &Delivery, attempts: Vec<AttemptView>) -> DeliveryView {
    DeliveryView {
        id: d.id,
        message_id: d.message_id.clone(),
        event_type: d.event_type.clone(),
        created_at: d.created_at,
        state: match d.state {
            DeliveryState::Pending if d.attempts == 0 => "Queued",
            DeliveryState::Pending => "Retrying",
            DeliveryState::Delivered => "Delivered",
            DeliveryState::Failed => "Failed",
            DeliveryState::Dropped => "Not sent",
        }
        .to_owned(),
        next_attempt_at: d
            .next_attempt_at
            .filter(|_| d.state == DeliveryState::Pending),
        attempts,
        can_replay: matches!(d.state, DeliveryState::Failed | DeliveryState::Dropped),
        replay_of: d.replay_of,
    }
}

/// An endpoint's latest deliveries with their attempts, newest first.
pub async fn deliveries(db: &Db, id: EndpointId) -> AppResult<Vec<DeliveryView>> {
    let mut conn = db.read.acquire().await?;
    if db::webhooks::get(&mut conn, id.0).await?.is_none() {
        return Err(missing(id));
    }
    let list = db::webhooks::recent(&mut conn, id.0, LOG_LENGTH).await?;
    let ids: Vec<i64> = list.iter().map(|d| d.id).collect();
    let mut attempts = db::webhooks::attempts(&mut conn, &ids).await?;
    Ok(list
        .iter()
        .map(|d| {
            let mine = attempts
                .iter()
                .filter(|(of, _)| *of == d.id)
                .map(|(_, a)| AttemptView {
                    attempt: a.attempt,
                    at: a.at,
                    status: a.status,
                    error: a.error.clone(),
                    duration_ms: a.duration_ms,
                })
                .collect();
            attempts.retain(|(of, _)| *of != d.id);
            delivery_view(d, mine)
        })
        .collect())
}

/// Sends a failed (or unsent) delivery again, as a new delivery with the same `webhook-id`
/// and body, so a receiver that took the first after all can drop the repeat.
pub async fn replay(db: &Db, delivery: i64, now: DateTime<Utc>) -> AppResult<()> {
    let mut tx = db.write.begin().await?;
    let d = db::webhooks::delivery(&mut tx, delivery)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Delivery {delivery}")))?;
    if !matches!(d.state, DeliveryState::Failed | DeliveryState::Dropped) {
        return Err(AppError::Conflict {
            message: "Only a delivery that failed or was not sent can be sent again.".into(),
        });
    }
    match db::webhooks::get(&mut tx, d.endpoint).await? {
        Some(e) if e.enabled => {}
        _ => {
            return Err(AppError::Conflict {
                message: "Its endpoint is switched off or removed: switch it on first.".into(),
            })
        }
    }
    db::webhooks::enqueue(
        &mut tx,
        d.endpoint,
        &d.message_id,
        &d.event_type,
        &d.payload,
        now,
        Some(d.id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A delivery ready to go: where, what, and the secrets that sign it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// The delivery.
    pub delivery: i64,
    /// Which attempt this is (1 for the first).
    pub attempt: u32,
    /// Where it goes.
    pub url: String,
    /// The `webhook-id`.
    pub message_id: String,
    /// The body.
    pub body: String,
    /// The secrets to sign with: the current one, and the previous one while it still signs.
    pub secrets: Vec<String>,
    /// A signed webhook, or a chat channel (the body becomes a chat message, unsigned).
    pub flavor: Flavor,
}

/// Takes what is due by `now` (at most `limit`) for this sender, held for
/// [`retry::CLAIM`] so that another server on the same database does not post it too;
/// deliveries of endpoints switched off since they were queued are dropped instead.
pub async fn due(db: &Db, now: DateTime<Utc>, limit: u32) -> AppResult<Vec<Outgoing>> {
    let mut tx = db.write.begin().await?;
    let mut out = Vec::new();
    // A chat channel takes one message at a time, paced (see [`chat::SPACING`]).
    let mut chat_taken: Vec<i64> = Vec::new();
    for d in db::webhooks::due(&mut tx, now, limit).await? {
        match db::webhooks::get(&mut tx, d.endpoint).await? {
            Some(e)
                if e.enabled
                    && e.flavor == Flavor::Chat
                    && (chat_taken.contains(&e.id) || e.next_send_at.is_some_and(|t| t > now)) =>
            {
                continue;
            }
            Some(e) if e.enabled => {
                if e.flavor == Flavor::Chat {
                    if db::webhooks::oldest_pending(&mut tx, e.id).await? != Some(d.id) {
                        continue;
                    }
                    chat_taken.push(e.id);
                }
                if !db::webhooks::hold(&mut tx, d.id, now, now + retry::CLAIM).await? {
                    continue;
                }
                let mut secrets = vec![e.secret.clone()];
                if let Some((old, until)) = &e.previous {
                    if now < *until {
                        secrets.push(old.clone());
                    }
                }
                out.push(Outgoing {
                    delivery: d.id,
                    attempt: d.attempts + 1,
                    url: e.url,
                    message_id: d.message_id,
                    body: d.payload,
                    secrets,
                    flavor: e.flavor,
                });
            }
            _ => db::webhooks::drop_pending(&mut tx, d.endpoint).await?,
        }
    }
    tx.commit().await?;
    Ok(out)
}

/// When the next delivery is due.
pub async fn next_due(db: &Db) -> AppResult<Option<DateTime<Utc>>> {
    let mut conn = db.read.acquire().await?;
    Ok(db::webhooks::next_due(&mut conn).await?)
}

/// How an attempt went, as the sender saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tried {
    /// When it was made.
    pub at: DateTime<Utc>,
    /// The status code, if the receiver answered.
    pub status: Option<u16>,
    /// What went wrong, in words, if something did.
    pub error: Option<String>,
    /// How long it took.
    pub duration_ms: u32,
    /// The receiver's Retry-After, when it answered 429.
    pub retry_after: Option<String>,
}

/// Records an attempt: the delivery is done, retried on the schedule or given up on, and
/// the endpoint is switched off on 410 Gone or after three days of failures (its admins are
/// told). `jitter` (0..1) stretches the next wait. False when another sender already
/// recorded this attempt.
pub async fn record(db: &Db, out: &Outgoing, tried: &Tried, jitter: f64) -> AppResult<bool> {
    let mut tx = db.write.begin().await?;
    let Some(d) = db::webhooks::delivery(&mut tx, out.delivery).await? else {
        return Ok(false);
    };
    let answer = Answer::of(tried.status);
    // A chat channel that says "too many" is left alone as long as it asks.
    let hold = (out.flavor == Flavor::Chat).then(|| match tried.status {
        Some(429) => tried.at + chat::backoff(tried.retry_after.as_deref()),
        _ => tried.at + chat::SPACING,
    });
    let (state, next) = match answer {
        Answer::Delivered => (DeliveryState::Delivered, None),
        Answer::Gone => (DeliveryState::Failed, None),
        Answer::Failed => match retry::next_attempt(out.attempt, tried.at, jitter) {
            // A busy chat channel is retried when it said; anything else on the schedule,
            // and never sooner than a chat channel's pace allows.
            Some(_) if tried.status == Some(429) && hold.is_some() => {
                (DeliveryState::Pending, hold)
            }
            Some(at) => (DeliveryState::Pending, Some(hold.map_or(at, |h| at.max(h)))),
            None => (DeliveryState::Failed, None),
        },
    };
    let attempt = Attempt {
        attempt: out.attempt,
        at: tried.at,
        status: tried.status,
        error: tried.error.clone(),
        duration_ms: tried.duration_ms,
    };
    if !db::webhooks::record_attempt(&mut tx, d.id, &attempt, state, next).await? {
        return Ok(false);
    }
    if let Some(until) = hold {
        db::webhooks::pace(&mut tx, d.endpoint, until).await?;
    }
    match answer {
        Answer::Delivered => db::webhooks::healthy(&mut tx, d.endpoint).await?,
        Answer::Gone => {
            switch_off(
                &mut tx,
                d.endpoint,
                "It answered 410 Gone: the receiver asked for no more.",
                tried.at,
            )
            .await?;
        }
        Answer::Failed => {
            db::webhooks::failing(&mut tx, d.endpoint, tried.at).await?;
            let since = db::webhooks::get(&mut tx, d.endpoint)
                .await?
                .and_then(|e| e.failing_since);
            if retry::should_give_up(since, tried.at) {
                switch_off(
                    &mut tx,
                    d.endpoint,
                    "Its deliveries failed for three days.",
                    tried.at,
                )
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(true)
}

async fn switch_off(
    conn: &mut Conn,
    endpoint: i64,
    why: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let url = db::webhooks::get(conn, endpoint)
        .await?
        .map(|e| e.url)
        .unwrap_or_default();
    db::webhooks::set_enabled(conn, endpoint, false, Some(why)).await?;
    db::webhooks::drop_pending(conn, endpoint).await?;
    let admins: Vec<Notice> = db::people::directory(conn)
        .await?
        .persons
        .into_iter()
        .filter(|p| p.role == Role::Admin)
        .map(|p| Notice {
            person: p.id,
            kind: NoticeKind::Integration,
            message: format!(
                "Baton switched off the webhook to {url}. {why} Fix the receiver, then switch it on under Settings → Integrations."
            ),
        })
        .collect();
    crate::service::mail::notify(conn, None, Some(AUTOMATION), &admins, now).await?;
    Ok(())
}

#[cfg(test)]
#[path = "webhook_tests.rs"]
mod tests;
