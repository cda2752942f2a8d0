//! Triggers: the one kind of happening a rule waits for, and whether a signal is it.

use super::super::events::CreationSource;
use super::super::ids::{FieldKey, StageKey};
use super::metric::MetricName;
use super::recurrence::Recurrence;
use super::signal::{MetricReading, MomentBase, Origin};
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
            // Imports send no signals (they bring existing work, not new requests); should
            // one ever be seen, it was made by the person who imported it.
            (_, CreationSource::Import) => CreatedVia::Manual,
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
}
