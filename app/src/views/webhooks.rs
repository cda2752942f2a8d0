//! What the integrations page shows of outbound webhooks: endpoints, their secrets (once),
//! and each endpoint's delivery log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::automation::EndpointId;
use crate::domain::outbound::chat::Flavor;
use crate::domain::outbound::EventType;
use crate::domain::WorkflowId;

/// An endpoint on the integrations page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndpointView {
    /// Its id.
    pub id: EndpointId,
    /// Where deliveries go.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// The event types it receives.
    pub events: Vec<EventType>,
    /// Whether deliveries go out.
    pub enabled: bool,
    /// Why Baton switched it off, if it did ("It answered 410 Gone.").
    pub disabled_reason: Option<String>,
    /// How its deliveries are going, in words ("Failing since 1 Dec, 09:00").
    pub health: Option<String>,
    /// Until when the secret it had before its last rotation still signs.
    pub previous_secret_until: Option<DateTime<Utc>>,
    /// A signed webhook or a chat channel.
    pub flavor: Flavor,
    /// Only this workflow's items, when set (with its name).
    pub workflow: Option<(WorkflowId, String)>,
}

/// What an admin types for an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EndpointInput {
    /// The address.
    pub url: String,
    /// What it is for (may be empty).
    pub description: String,
    /// The event types it should receive.
    pub events: Vec<EventType>,
    /// A signed webhook (the default) or a chat channel.
    #[serde(default)]
    pub flavor: Flavor,
    /// Only this workflow's items (none: every workflow).
    #[serde(default)]
    pub workflow: Option<WorkflowId>,
}

/// A secret just made (a new endpoint, or a rotation): shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndpointSecret {
    /// The endpoint.
    pub endpoint: EndpointView,
    /// The `whsec_…` secret receivers verify signatures with.
    pub secret: String,
}

/// One attempt at a delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptView {
    /// Which attempt (1 for the first).
    pub attempt: u32,
    /// When.
    pub at: DateTime<Utc>,
    /// The receiver's status code, when it answered.
    pub status: Option<u16>,
    /// What went wrong, when something did.
    pub error: Option<String>,
    /// How long it took, in milliseconds.
    pub duration_ms: u32,
}

/// A delivery in an endpoint's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryView {
    /// Its id.
    pub id: i64,
    /// The `webhook-id` header.
    pub message_id: String,
    /// The event type (`item.created`, `baton.test`).
    pub event_type: String,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// Where it stands, in a word: "Delivered", "Retrying", "Failed", "Not sent".
    pub state: String,
    /// When it goes next, while it is still to go.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Every attempt so far, the first first.
    pub attempts: Vec<AttemptView>,
    /// Whether an admin may send it again (it failed or was not sent).
    pub can_replay: bool,
    /// The delivery it replays, if it is a replay.
    pub replay_of: Option<i64>,
}

/// A chat channel as everyone may see it (not its address, which lets anyone post there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatChannelView {
    /// What it is for ("#marketing").
    pub name: String,
    /// The workflow it is limited to, by name; `None`: every workflow.
    pub workflow: Option<String>,
    /// What it gets, in words.
    pub events: Vec<String>,
}
