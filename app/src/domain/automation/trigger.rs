//! Triggers: the one kind of happening a rule waits for, and whether a signal is it.

use super::super::definition::WorkflowDefinition;
use super::super::events::{CreationSource, EventKind};
use super::super::ids::{FieldKey, StageKey};
use super::super::item::Item;
use super::super::timers::TimerKind;
use super::metric::MetricName;
use super::recurrence::Recurrence;
use super::signal::{MetricReading, MomentBase, Origin, Signal, SignalKind};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// How an item came to be, as a trigger can ask for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreatedVia {
    /// By hand on the board.
    Manual,
    /// From a workflow template.
    Template,
    /// From an intake-form submission.
    Intake,
    /// By a call to an inbound hook.
    Hook,
    /// By a rule's "create an item" action.
    Automation,
}

impl CreatedVia {
    /// How the item of a `Created` event came to be; the signal's origin tells hooks and
    /// rules apart from people.
    pub fn of(source: CreationSource, origin: Origin) -> Self {
        match (origin, source) {
            (Origin::Hook(_), _) => CreatedVia::Hook,
            (Origin::Rule(_), _) => CreatedVia::Automation,
            (_, CreationSource::Manual) => CreatedVia::Manual,
            (_, CreationSource::Template) => CreatedVia::Template,
            (_, CreationSource::Intake) => CreatedVia::Intake,
        }
    }
}

/// Which decision on an approval a trigger waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalOutcome {
    /// The stage's approval is complete.
    Approved,
    /// An approver requested changes.
    ChangesRequested,
}

/// On which side of a threshold a value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// Less than the threshold.
    Below,
    /// The threshold or less.
    AtMost,
    /// More than the threshold.
    Above,
    /// The threshold or more.
    AtLeast,
}

impl Bound {
    /// Whether `value` is on this side of `threshold`.
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Bound::Below => value < threshold,
            Bound::AtMost => value <= threshold,
            Bound::Above => value > threshold,
            Bound::AtLeast => value >= threshold,
        }
    }

    /// The bound in words: "below", "at most", "above", "at least".
    pub fn words(self) -> &'static str {
        match self {
            Bound::Below => "below",
            Bound::AtMost => "at most",
            Bound::Above => "above",
            Bound::AtLeast => "at least",
        }
    }
}

/// When a metric trigger fires: a recorded value crossing a threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    /// The metric, e.g. `open_rate`.
    pub metric: MetricName,
    /// Which side of the threshold.
    pub bound: Bound,
    /// The threshold (rates in percent: 15 means 15 %).
    pub value: f64,
    /// Only values recorded within this many hours after the launch count.
    pub within_hours_of_launch: Option<u32>,
}

impl Threshold {
    /// Whether the reading crosses the threshold: it is on the bound's side and the value
    /// before it for the same target was not (or there was none), so a value that stays
    /// beyond the threshold fires once, not at every reading.
    pub fn crossed_by(&self, reading: &MetricReading) -> bool {
        let holds = |v: f64| self.bound.holds(v, self.value);
        let in_window = match self.within_hours_of_launch {
            None => true,
            Some(hours) => reading
                .hours_since_launch
                .is_some_and(|h| (0.0..=f64::from(hours)).contains(&h)),
        };
        reading.metric == self.metric
            && holds(reading.value)
            && !reading.previous.is_some_and(holds)
            && in_window
    }
}

/// The happening a rule waits for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Trigger {
    /// An item is created (in any way, or only in one).
    ItemCreated {
        /// Only items created this way; `None` for any.
        via: Option<CreatedVia>,
    },
    /// An item enters a stage (by any move, or by being created in it).
    EnteredStage {
        /// Only this stage; `None` for any.
        stage: Option<StageKey>,
    },
    /// An item leaves a stage (by any move).
    LeftStage {
        /// Only this stage; `None` for any.
        stage: Option<StageKey>,
    },
    /// A field of an item changes.
    FieldChanged {
        /// Only this field; `None` for any.
        field: Option<FieldKey>,
    },
    /// An approval is decided: a stage's approval completes, or changes are requested.
    ApprovalDecided {
        /// Only this decision; `None` for either.
        outcome: Option<ApprovalOutcome>,
    },
    /// A stage's checklist is complete: its last non-optional line is ticked.
    ChecklistCompleted {
        /// Only this stage's checklist; `None` for any.
        stage: Option<StageKey>,
    },
    /// An item is due within this many hours.
    DueWithin {
        /// Hours before the due date.
        hours: u32,
    },
    /// An item is this many hours past its due date.
    OverdueBy {
        /// Hours after the due date.
        hours: u32,
    },
    /// This many hours after an item's publish/send/launch date.
    AfterPublish {
        /// Hours after the publish date.
        hours: u32,
    },
    /// 75 % of a stage's SLA is used.
    SlaReminder {
        /// Only this stage; `None` for any.
        stage: Option<StageKey>,
    },
    /// A stage's SLA (or its escalation delay) ran out.
    SlaBreached {
        /// Only this stage; `None` for any.
        stage: Option<StageKey>,
    },
    /// A schedule, in the workspace's time zone.
    Schedule {
        /// When it comes due.
        recurrence: Recurrence,
        /// The local moment the schedule counts from (its first possible slot).
        starts: NaiveDateTime,
        /// Run once per slot for each active item of the rule's workflow (at most
        /// `MAX_ITEMS_PER_SCHEDULED_RUN`), instead of once with no item.
        for_each_item: bool,
    },
    /// A recorded metric value crosses a threshold.
    MetricCrossed(Threshold),
}

impl Trigger {
    /// For triggers counted from an item's date: that date and the offset in hours.
    pub fn moment(&self) -> Option<(MomentBase, i64)> {
        match self {
            Trigger::DueWithin { hours } => Some((MomentBase::Due, -i64::from(*hours))),
            Trigger::OverdueBy { hours } => Some((MomentBase::Due, i64::from(*hours))),
            Trigger::AfterPublish { hours } => Some((MomentBase::Publish, i64::from(*hours))),
            _ => None,
        }
    }

    /// Whether every run of this trigger has an item (a schedule without items and a
    /// campaign's metric have none).
    pub fn always_has_item(&self) -> bool {
        match self {
            Trigger::Schedule { for_each_item, .. } => *for_each_item,
            Trigger::MetricCrossed(_) => false,
            _ => true,
        }
    }

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
    line: &super::super::ids::ChecklistKey,
) -> bool {
    let (Some(def), Some(item)) = (def, item) else {
        return false;
    };
    let Some(stage) = def.stage(stage) else {
        return false;
    };
    let required = |l: &&super::super::definition::ChecklistItem| !l.optional;
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
