//! Identities of automation records, and of one run: a rule meeting a signal.

use super::super::ids::{ItemId, StageKey};
use super::super::timers::TimerKind;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

record_id!(
    /// A stored automation rule.
    RuleId
);
record_id!(
    /// An inbound hook: a secret URL that records a metric or creates an item.
    HookId
);
record_id!(
    /// An outbound webhook endpoint a rule can call.
    EndpointId
);
record_id!(
    /// A recorded metric value (a row of an item's or a campaign's results).
    ReadingId
);

/// What a signal is, stably: the same happening always gets the same id, however often it is
/// delivered, so a run of a rule for it can be recorded once (see [`RunKey`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum SignalId {
    /// A stored activity event of an item, by its row id.
    Event {
        /// The event's row id.
        event: i64,
    },
    /// An SLA timer of one stage visit coming due.
    Timer {
        /// The item.
        item: ItemId,
        /// The stage visited.
        stage: StageKey,
        /// When the visit started (it identifies the visit).
        entered_at: DateTime<Utc>,
        /// Reminder or escalation.
        kind: TimerKind,
    },
    /// A moment relative to an item's due or publish date (see `Trigger::moment`).
    Moment {
        /// The item.
        item: ItemId,
        /// The due or publish date it is relative to: a new date is a new moment.
        base: DateTime<Utc>,
        /// Hours after `base` (negative: before).
        offset_hours: i64,
    },
    /// A slot of a rule's schedule, for the whole rule or for one item it works through.
    Schedule {
        /// The scheduled rule.
        rule: RuleId,
        /// The slot, in the workspace's local time.
        slot: NaiveDateTime,
        /// The item, when the schedule works through items.
        item: Option<ItemId>,
    },
    /// A metric value being recorded.
    Reading {
        /// The reading.
        reading: ReadingId,
    },
}

impl SignalId {
    /// The id as one line of text, for a unique key in storage.
    pub fn key(&self) -> String {
        match self {
            SignalId::Event { event } => format!("event:{event}"),
            SignalId::Timer {
                item,
                stage,
                entered_at,
                kind,
            } => {
                let kind = match kind {
                    TimerKind::Reminder => "reminder",
                    TimerKind::Escalation => "escalation",
                };
                format!("timer:{item}:{stage}:{}:{kind}", entered_at.to_rfc3339())
            }
            SignalId::Moment {
                item,
                base,
                offset_hours,
            } => format!("moment:{item}:{}:{offset_hours:+}", base.to_rfc3339()),
            SignalId::Schedule { rule, slot, item } => {
                let slot = slot.format("%Y-%m-%dT%H:%M");
                match item {
                    Some(item) => format!("schedule:{rule}:{slot}:{item}"),
                    None => format!("schedule:{rule}:{slot}"),
                }
            }
            SignalId::Reading { reading } => format!("reading:{reading}"),
        }
    }
}

impl fmt::Display for SignalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// One run of one rule for one signal. Storage keeps it as a unique key, so a signal
/// delivered twice (a retry, a restart mid-way) never runs a rule twice.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RunKey {
    /// The rule.
    pub rule: RuleId,
    /// The signal it ran for.
    pub signal: SignalId,
}

impl fmt::Display for RunKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rule:{}/{}", self.rule, self.signal.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    #[test]
    fn signal_keys_are_stable_and_tell_happenings_apart() {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let timer = |kind| SignalId::Timer {
            item: ItemId(4),
            stage: "review".into(),
            entered_at: at,
            kind,
        };
        assert_eq!(
            timer(TimerKind::Reminder).key(),
            "timer:4:review:2026-03-02T09:00:00+00:00:reminder"
        );
        assert_ne!(
            timer(TimerKind::Reminder).key(),
            timer(TimerKind::Escalation).key()
        );
        let slot = NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let whole = SignalId::Schedule {
            rule: RuleId(7),
            slot,
            item: None,
        };
        let one = SignalId::Schedule {
            rule: RuleId(7),
            slot,
            item: Some(ItemId(3)),
        };
        assert_eq!(whole.key(), "schedule:7:2026-03-02T09:00");
        assert_eq!(one.key(), "schedule:7:2026-03-02T09:00:3");
        let before = SignalId::Moment {
            item: ItemId(1),
            base: at,
            offset_hours: -24,
        };
        assert_eq!(before.key(), "moment:1:2026-03-02T09:00:00+00:00:-24");
        let run = RunKey {
            rule: RuleId(7),
            signal: SignalId::Event { event: 12 },
        };
        assert_eq!(run.to_string(), "rule:7/event:12");
    }

    #[test]
    fn signal_ids_round_trip_through_json() {
        let id = SignalId::Reading {
            reading: ReadingId(5),
        };
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, r#"{"type":"reading","reading":5}"#);
        assert_eq!(serde_json::from_str::<SignalId>(&json).unwrap(), id);
    }
}
