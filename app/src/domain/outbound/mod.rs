//! What Baton sends out of itself — signed webhooks, chat messages and email — as pure rules,
//! so the sender in the server only moves bytes:
//!
//! - [`address`]: which web addresses an outbound webhook may call (no loopback, private or
//!   link-local targets unless a server is set up to allow them), with the refusal in words.
//! - [`chat`]: endpoints that are chat channels (Slack-compatible incoming webhooks): the
//!   message an event becomes, one a second, and how long a 429 makes them wait.
//! - [`retry`]: the Standard Webhooks retry schedule, what an answer means, when an endpoint
//!   is given up on, and the 24 hours in which a rotated secret still signs.
//! - [`event_type`]: the event types a webhook can subscribe to, and which item events and
//!   notices give rise to them.
//! - [`prefs`]: each person's choice per kind of notice (at once, in the digest, off), what is
//!   urgent enough to go out alone, the batching window and the daily digest's time.
//! - [`mail`]: reading the SMTP address, what each email says in both its parts, and what a
//!   one-click unsubscribe link turns off.

pub mod address;
pub mod chat;
pub mod event_type;
pub mod mail;
pub mod prefs;
pub mod retry;

pub use address::{check_resolved, parse_endpoint, Reach, UrlProblem};
pub use event_type::EventType;
pub use prefs::{Delivery, Prefs};
pub use retry::Answer;
