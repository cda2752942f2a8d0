//! Signals: what happened that may make rules run, with who (or what) caused it and how deep
//! in a chain of automation it is.

use super::super::events::Event;
use super::super::ids::{CampaignId, ItemId, PersonId, StageKey, WorkflowId};
use super::super::item::Item;
use super::super::timers::TimerKind;
use super::ids::{HookId, ReadingId, RuleId, SignalId};
use super::metric::MetricName;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who or what caused a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "id")]
pub enum Origin {
    /// A person, on the board or in a form.
    Person(PersonId),
    /// A run of this rule.
    Rule(RuleId),
    /// A call to this inbound hook.
    Hook(HookId),
    /// The clock: a timer, a due date or a schedule.
    Clock,
}

/// Which date of an item a moment is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MomentBase {
    /// The due date.
    Due,
    /// The publish/send/launch date.
    Publish,
}

/// What a metric value was recorded for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum MetricTarget {
    /// An item, e.g. one email's open rate.
    Item {
        /// The item.
        item: ItemId,
        /// Its workflow.
        workflow: WorkflowId,
    },
    /// A campaign as a whole.
    Campaign {
        /// The campaign.
        campaign: CampaignId,
    },
}

/// A metric value as it was recorded, with the one before it for the same target and metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricReading {
    /// What it measures.
    pub target: MetricTarget,
    /// Which metric.
    pub metric: MetricName,
    /// The value (rates in percent: 12.5 means 12.5 %).
    pub value: f64,
    /// The value recorded before this one for the same target and metric, if any.
    pub previous: Option<f64>,
    /// When it was measured.
    pub recorded_at: DateTime<Utc>,
    /// Hours between the launch (publish/send date) and `recorded_at`, when the launch is known.
    pub hours_since_launch: Option<f64>,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum SignalKind {
    /// An item changed: one event of the engine's activity log.
    ItemEvent {
        /// The item.
        item: ItemId,
        /// Its workflow.
        workflow: WorkflowId,
        /// What happened to it.
        event: Event,
    },
    /// A moment relative to an item's due or publish date came.
    Moment {
        /// The item.
        item: ItemId,
        /// Its workflow.
        workflow: WorkflowId,
        /// The date it is counted from.
        base: MomentBase,
        /// That date's value.
        base_at: DateTime<Utc>,
        /// Hours after it (negative: before).
        offset_hours: i64,
    },
    /// An SLA timer of a stage visit fired: the reminder at 75 % of the time, or the
    /// escalation timer when the time (or the stage's escalation delay) ran out.
    Sla {
        /// The item.
        item: ItemId,
        /// Its workflow.
        workflow: WorkflowId,
        /// The stage.
        stage: StageKey,
        /// Which timer.
        timer: TimerKind,
    },
    /// A slot of a rule's schedule came.
    Schedule {
        /// The rule whose schedule it is; no other rule runs for it.
        rule: RuleId,
        /// The slot, in the workspace's local time.
        slot: NaiveDateTime,
        /// The item, when the schedule works through items.
        item: Option<ItemId>,
    },
    /// A metric value was recorded.
    Metric(MetricReading),
}

/// Something that happened, as rules see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// Its stable identity (see `RunKey`).
    pub id: SignalId,
    /// 0 when a person or the clock caused it; n + 1 when a rule run at depth n did.
    pub depth: u32,
    /// Who or what caused it.
    pub origin: Origin,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: SignalKind,
}

impl Signal {
    /// The signal of a stored activity event. `caused_by` is the rule run (its rule and
    /// depth) that made the change, `None` when a person or the clock did.
    pub fn from_event(
        event_id: i64,
        item: &Item,
        event: Event,
        caused_by: Option<(RuleId, u32)>,
    ) -> Self {
        let (origin, depth) = match caused_by {
            Some((rule, depth)) => (Origin::Rule(rule), depth + 1),
            None if event.actor == super::AUTOMATION => (Origin::Clock, 0),
            None => (Origin::Person(event.actor), 0),
        };
        Signal {
            id: SignalId::Event { event: event_id },
            depth,
            origin,
            at: event.at,
            kind: SignalKind::ItemEvent {
                item: item.id,
                workflow: item.workflow_id.clone(),
                event,
            },
        }
    }

    /// The signal of an SLA timer of the item's current visit firing at `at`.
    pub fn sla(item: &Item, timer: TimerKind, at: DateTime<Utc>) -> Self {
        Signal {
            id: SignalId::Timer {
                item: item.id,
                stage: item.stage.clone(),
                entered_at: item.entered_stage_at,
                kind: timer,
            },
            depth: 0,
            origin: Origin::Clock,
            at,
            kind: SignalKind::Sla {
                item: item.id,
                workflow: item.workflow_id.clone(),
                stage: item.stage.clone(),
                timer,
            },
        }
    }

    /// The signal of the moment `offset_hours` after the item's due or publish date, if the
    /// item has that date.
    pub fn moment(item: &Item, base: MomentBase, offset_hours: i64) -> Option<Self> {
        let base_at = match base {
            MomentBase::Due => item.due?,
            MomentBase::Publish => item.schedule?.at,
        };
        Some(Signal {
            id: SignalId::Moment {
                item: item.id,
                base: base_at,
                offset_hours,
            },
            depth: 0,
            origin: Origin::Clock,
            at: base_at + chrono::TimeDelta::hours(offset_hours),
            kind: SignalKind::Moment {
                item: item.id,
                workflow: item.workflow_id.clone(),
                base,
                base_at,
                offset_hours,
            },
        })
    }

    /// The signal of a schedule slot of `rule` (for one item when it works through items);
    /// `at` is the slot converted to UTC by the caller.
    pub fn schedule(
        rule: RuleId,
        slot: NaiveDateTime,
        item: Option<ItemId>,
        at: DateTime<Utc>,
    ) -> Self {
        Signal {
            id: SignalId::Schedule { rule, slot, item },
            depth: 0,
            origin: Origin::Clock,
            at,
            kind: SignalKind::Schedule { rule, slot, item },
        }
    }

    /// The signal of a recorded metric value, recorded by a person, a hook or a rule run
    /// (then at that run's depth + 1).
    pub fn reading(id: ReadingId, reading: MetricReading, origin: Origin, depth: u32) -> Self {
        Signal {
            id: SignalId::Reading { reading: id },
            depth,
            origin,
            at: reading.recorded_at,
            kind: SignalKind::Metric(reading),
        }
    }

    /// The same signal, caused by a call to an inbound hook (which created the item or
    /// recorded the value), so `CreatedVia::Hook` can tell it from a person's.
    pub fn by_hook(mut self, hook: HookId) -> Self {
        self.origin = Origin::Hook(hook);
        self
    }

    /// The item the signal concerns, if any.
    pub fn item(&self) -> Option<ItemId> {
        match &self.kind {
            SignalKind::ItemEvent { item, .. }
            | SignalKind::Moment { item, .. }
            | SignalKind::Sla { item, .. } => Some(*item),
            SignalKind::Schedule { item, .. } => *item,
            SignalKind::Metric(reading) => match &reading.target {
                MetricTarget::Item { item, .. } => Some(*item),
                MetricTarget::Campaign { .. } => None,
            },
        }
    }

    /// The workflow of the item the signal concerns, when the signal itself says.
    pub fn workflow(&self) -> Option<&WorkflowId> {
        match &self.kind {
            SignalKind::ItemEvent { workflow, .. }
            | SignalKind::Moment { workflow, .. }
            | SignalKind::Sla { workflow, .. } => Some(workflow),
            SignalKind::Metric(MetricReading {
                target: MetricTarget::Item { workflow, .. },
                ..
            }) => Some(workflow),
            _ => None,
        }
    }

    /// The metric reading, for metric signals.
    pub fn reading_of(&self) -> Option<&MetricReading> {
        match &self.kind {
            SignalKind::Metric(reading) => Some(reading),
            _ => None,
        }
    }
}
