//! Recording what happened so rules can react: every event appended to the activity trail is
//! queued as a signal in the same transaction — and so is each webhook delivery it gives rise
//! to — so a crash loses nothing and nothing is queued for a change that did not commit.

use chrono::{DateTime, Utc};

use crate::db::{self, Conn};
use crate::domain::automation::{HookId, RuleId, Signal};
use crate::domain::{Event, Item};
use crate::error::AppResult;

/// What caused a change, for the signals it sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// A person (or Baton's clock: an SLA escalation).
    Person,
    /// A rule run at this depth.
    Rule {
        /// The rule.
        rule: RuleId,
        /// How deep its run was.
        depth: u32,
    },
    /// An inbound hook.
    Hook(HookId),
}

/// Appends `events` (made on `item`, as it is after them) to its activity and queues a
/// signal for each.
pub async fn record_events(
    conn: &mut Conn,
    item: &Item,
    events: &[Event],
    cause: Cause,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let ids = db::events::append(conn, item.id, &item.workflow_id, events).await?;
    for (id, event) in ids.into_iter().zip(events) {
        let caused_by = match cause {
            Cause::Rule { rule, depth } => Some((rule, depth)),
            _ => None,
        };
        let mut signal = Signal::from_event(id, item, event.clone(), caused_by);
        if let Cause::Hook(hook) = cause {
            signal = signal.by_hook(hook);
        }
        db::automation::enqueue(conn, &signal, now).await?;
    }
    crate::service::webhooks::queue_events(conn, item, events, now).await?;
    Ok(())
}

/// Queues a signal that is not an item event (an SLA timer, a date, a schedule slot, a
/// result); true when it was new.
pub async fn queue(conn: &mut Conn, signal: &Signal, now: DateTime<Utc>) -> AppResult<bool> {
    Ok(db::automation::enqueue(conn, signal, now).await?)
}
