//! Whether a signal is a trigger's happening.

use super::super::definition::{ChecklistItem, WorkflowDefinition};
use super::super::events::EventKind;
use super::super::ids::{ChecklistKey, StageKey};
use super::super::item::Item;
use super::super::timers::TimerKind;
use super::signal::{MomentBase, Origin, Signal, SignalKind};
use super::trigger::{ApprovalOutcome, CreatedVia, Trigger};

impl Trigger {
    /// Whether the signal is this trigger's happening. The checklist needs the item as it
    /// is now and its definition; other triggers read the signal alone. A schedule signal
    /// is checked against the rule's id by `evaluate`.
    pub fn matches(
        &self,
        signal: &Signal,
        item: Option<&Item>,
        def: Option<&WorkflowDefinition>,
    ) -> bool {
        let named =
            |want: &Option<StageKey>, got: &StageKey| want.as_ref().is_none_or(|w| w == got);
        let current = |i: &Item| !i.is_archived();
        match (self, &signal.kind) {
            (Trigger::MetricCrossed(threshold), SignalKind::Metric(reading)) => {
                threshold.crossed_by(reading)
            }
            (Trigger::Schedule { .. }, SignalKind::Schedule { .. }) => item.is_none_or(current),
            (
                Trigger::SlaReminder { stage } | Trigger::SlaBreached { stage },
                SignalKind::Sla {
                    stage: at, timer, ..
                },
            ) => {
                let wanted = match self {
                    Trigger::SlaReminder { .. } => TimerKind::Reminder,
                    _ => TimerKind::Escalation,
                };
                *timer == wanted
                    && named(stage, at)
                    && item.is_none_or(|i| current(i) && &i.stage == at)
            }
            (
                Trigger::DueWithin { .. }
                | Trigger::OverdueBy { .. }
                | Trigger::AfterPublish { .. },
                SignalKind::Moment {
                    base,
                    base_at,
                    offset_hours,
                    ..
                },
            ) => {
                // A moment of a date that has since changed belongs to the old date.
                let still = |i: &Item| match base {
                    MomentBase::Due => i.due == Some(*base_at),
                    MomentBase::Publish => i.schedule.map(|s| s.at) == Some(*base_at),
                };
                self.moment() == Some((*base, *offset_hours))
                    && item.is_none_or(|i| current(i) && still(i))
            }
            (_, SignalKind::ItemEvent { event, .. }) => {
                self.matches_event(&event.kind, signal.origin, item, def)
            }
            _ => false,
        }
    }

    fn matches_event(
        &self,
        kind: &EventKind,
        origin: Origin,
        item: Option<&Item>,
        def: Option<&WorkflowDefinition>,
    ) -> bool {
        let named =
            |want: &Option<StageKey>, got: &StageKey| want.as_ref().is_none_or(|w| w == got);
        match self {
            Trigger::ItemCreated { via } => match kind {
                EventKind::Created { source, .. } => {
                    via.is_none_or(|v| v == CreatedVia::of(*source, origin))
                }
                _ => false,
            },
            Trigger::EnteredStage { stage } => entered(kind).is_some_and(|s| named(stage, s)),
            Trigger::LeftStage { stage } => left(kind).is_some_and(|s| named(stage, s)),
            Trigger::FieldChanged { field } => match kind {
                EventKind::FieldChanged { field: changed, .. } => {
                    field.as_ref().is_none_or(|f| f == changed)
                }
                _ => false,
            },
            Trigger::ApprovalDecided { outcome } => {
                decided(kind).is_some_and(|d| outcome.is_none_or(|o| o == d))
            }
            Trigger::ChecklistCompleted { stage } => match kind {
                EventKind::ChecklistTicked { stage: at, line } => {
                    named(stage, at) && completes(def, item, at, line)
                }
                _ => false,
            },
            _ => false,
        }
    }
}

/// The stage an event puts the item in; creation counts as entering the first stage.
fn entered(kind: &EventKind) -> Option<&StageKey> {
    match kind {
        EventKind::Created { stage, .. } => Some(stage),
        other => other.moved_to(),
    }
}

/// The stage an event takes the item out of.
fn left(kind: &EventKind) -> Option<&StageKey> {
    match kind {
        EventKind::MovedForward { from, .. }
        | EventKind::MovedBack { from, .. }
        | EventKind::AdvancedOnApproval { from, .. }
        | EventKind::ReturnedForRevision { from, .. }
        | EventKind::SentBackToBrief { from, .. } => Some(from),
        _ => None,
    }
}

/// The decision an event records: a single approval counts only when it completes the
/// stage's approval ("2 of 2"), since that is when the stage is decided.
fn decided(kind: &EventKind) -> Option<ApprovalOutcome> {
    match kind {
        EventKind::Approved {
            approved, needed, ..
        } if approved >= needed => Some(ApprovalOutcome::Approved),
        EventKind::ChangesRequested { .. } => Some(ApprovalOutcome::ChangesRequested),
        _ => None,
    }
}

/// Whether ticking `line` completed the stage's checklist: the line is one that must be
/// ticked, and every such line of the stage is ticked on the item now.
fn completes(
    def: Option<&WorkflowDefinition>,
    item: Option<&Item>,
    stage: &StageKey,
    line: &ChecklistKey,
) -> bool {
    let (Some(def), Some(item)) = (def, item) else {
        return false;
    };
    let Some(stage) = def.stage(stage) else {
        return false;
    };
    let required = |l: &&ChecklistItem| !l.optional;
    stage
        .checklist
        .iter()
        .filter(required)
        .any(|l| &l.key == line)
        && stage
            .checklist
            .iter()
            .filter(required)
            .all(|l| item.is_ticked(&stage.key, &l.key))
}
