//! The activity trail, out: every event of a period as CSV rows ([`events`]), and one
//! summary row per item — created, each stage entered and left, finished, on time, fixes,
//! results ([`summary`]).
//!
//! Times are RFC 3339 in the team's offset ("2024-06-03T11:00:00+02:00"); text people typed
//! is defused against spreadsheet formulas; channels and priorities are their stored keys.

pub mod events;
pub mod summary;

pub use events::{event_columns, events_csv, EventColumns, EventRow, EVENT_HEADER};
pub use summary::item_summary_csv;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde::Serialize;

/// An instant in the team's offset, to the second.
fn time(at: DateTime<Utc>, offset: FixedOffset) -> String {
    at.with_timezone(&offset)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A value's stored key ("paid_search", "high").
fn key_of(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
