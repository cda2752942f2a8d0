//! "Test on one item": the signal a rule's trigger would have sent had it just happened to
//! the item, so a trial shows the conditions and actions as they would run now.

use chrono::{DateTime, Utc};

use crate::domain::automation::{
    ApprovalOutcome, MetricReading, MetricTarget, ReadingId, RuleId, Signal, Trigger,
};
use crate::domain::timers::TimerKind;
use crate::domain::{CreationSource, Event, EventKind, Item};

/// The signal, or `None` when the trigger cannot happen to this item (no due date for a
/// date trigger).
pub fn as_if_triggered(
    rule: RuleId,
    trigger: &Trigger,
    item: &Item,
    now: DateTime<Utc>,
) -> Option<Signal> {
    let event = |kind| Event {
        actor: crate::domain::automation::AUTOMATION,
        at: now,
        kind,
    };
    let here = item.stage.clone();
    let kind = match trigger {
        Trigger::ItemCreated { .. } => EventKind::Created {
            stage: here,
            source: CreationSource::Manual,
        },
        Trigger::EnteredStage { stage } => EventKind::MovedForward {
            from: here.clone(),
            to: stage.clone().unwrap_or(here),
        },
        Trigger::LeftStage { stage } => EventKind::MovedForward {
            from: stage.clone().unwrap_or_else(|| here.clone()),
            to: here,
        },
        Trigger::FieldChanged { field } => {
            let field = field
                .clone()
                .or_else(|| item.fields.keys().next().cloned())?;
            EventKind::FieldChanged {
                to: item.fields.get(&field).cloned(),
                field,
                from: None,
            }
        }
        Trigger::ApprovalDecided {
            outcome: Some(ApprovalOutcome::ChangesRequested),
        } => EventKind::ChangesRequested {
            stage: here,
            feedback: "A trial run".into(),
        },
        Trigger::ApprovalDecided { .. } => EventKind::Approved {
            stage: here,
            approved: 1,
            needed: 1,
        },
        Trigger::ChecklistCompleted { stage } => EventKind::ChecklistTicked {
            stage: stage.clone().unwrap_or(here),
            line: Default::default(),
        },
        Trigger::SlaReminder { .. } => return Some(Signal::sla(item, TimerKind::Reminder, now)),
        Trigger::SlaBreached { .. } => {
            return Some(Signal::sla(item, TimerKind::Escalation, now));
        }
        Trigger::DueWithin { .. } | Trigger::OverdueBy { .. } | Trigger::AfterPublish { .. } => {
            let (base, offset) = trigger.moment()?;
            return Signal::moment(item, base, offset);
        }
        Trigger::Schedule { .. } => {
            return Some(Signal::schedule(rule, now.naive_utc(), Some(item.id), now));
        }
        Trigger::MetricCrossed(threshold) => {
            let nudge = if matches!(
                threshold.bound,
                crate::domain::automation::Bound::Below | crate::domain::automation::Bound::AtMost
            ) {
                -1.0
            } else {
                1.0
            };
            let reading = MetricReading {
                target: MetricTarget::Item {
                    item: item.id,
                    workflow: item.workflow_id.clone(),
                },
                metric: threshold.metric.clone(),
                value: threshold.value + nudge,
                previous: None,
                recorded_at: now,
                hours_since_launch: Some(0.0),
            };
            return Some(Signal::reading(
                ReadingId(0),
                reading,
                crate::domain::automation::Origin::Clock,
                0,
            ));
        }
    };
    Some(Signal::from_event(0, item, event(kind), None))
}
