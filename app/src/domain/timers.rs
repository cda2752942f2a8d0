//! SLA timers: what to schedule when an item enters a stage, and what to do when one comes due.
//!
//! A stage visit (an item entering a stage at a moment) gets at most two timers: a reminder at
//! 75 % of the SLA and an escalation when the SLA (or the stage's escalation delay) runs out.
//! Storage keeps them; the scheduler asks [`on_due`] what firing one means *now*, so a timer
//! that outlived its visit (the item moved on, was archived, or was escalated by hand) does
//! nothing.

use super::approval::approval_progress_among;
use super::definition::Stage;
use super::ids::{PersonId, StageKey};
use super::item::Item;
use super::people::People;
use super::sla::{escalation_due_at, reminder_due_at};
use super::working_hours::WorkingHours;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The two timers of a stage visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimerKind {
    /// Tell the people the item waits on that 75 % of the time is used.
    Reminder,
    /// Hand the item to the escalation target.
    Escalation,
}

/// A timer to store for the visit that started at `entered_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedTimer {
    /// Reminder or escalation.
    pub kind: TimerKind,
    /// The stage visited.
    pub stage: StageKey,
    /// When the visit started (it identifies the visit).
    pub entered_at: DateTime<Utc>,
    /// When it fires.
    pub due_at: DateTime<Utc>,
}

/// The timers of the item's current stage visit (none for archived items or stages without SLA).
pub fn plan(stage: &Stage, item: &Item, hours: &WorkingHours) -> Vec<PlannedTimer> {
    if item.is_archived() || stage.key != item.stage {
        return Vec::new();
    }
    let timer = |kind, due_at| PlannedTimer {
        kind,
        stage: stage.key.clone(),
        entered_at: item.entered_stage_at,
        due_at,
    };
    let mut timers = Vec::new();
    if let Some(due) = reminder_due_at(stage, item, hours) {
        timers.push(timer(TimerKind::Reminder, due));
    }
    if let Some(due) = escalation_due_at(stage, item, hours) {
        timers.push(timer(TimerKind::Escalation, due));
    }
    timers
}

/// A stored timer that has come due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueTimer {
    /// Reminder or escalation.
    pub kind: TimerKind,
    /// The stage of the visit.
    pub stage: StageKey,
    /// When the visit started.
    pub entered_at: DateTime<Utc>,
    /// Whether the visit's escalation is also due (then a reminder would only be noise).
    pub escalation_also_due: bool,
}

/// Why a due timer does nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Skip {
    /// The item left the stage (or was archived) before the timer came due.
    LeftStage,
    /// The escalation of the same visit is due too: it says more than the reminder.
    Superseded,
    /// Someone escalated the item by hand already.
    AlreadyEscalated,
}

impl Skip {
    /// The word stored with the timer.
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::LeftStage => "left_stage",
            Skip::Superseded => "superseded",
            Skip::AlreadyEscalated => "already_escalated",
        }
    }
}

/// What firing a due timer does now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Firing {
    /// Remind these people (never empty).
    Remind(Vec<PersonId>),
    /// Apply the escalate operation to the item.
    Escalate,
    /// Nothing, and why.
    Skip(Skip),
}

/// Decides what a due timer does to the item as it is now.
pub fn on_due(timer: &DueTimer, stage: &Stage, item: &Item, people: &People) -> Firing {
    let same_visit = !item.is_archived()
        && item.stage == timer.stage
        && stage.key == timer.stage
        && item.entered_stage_at == timer.entered_at;
    if !same_visit {
        return Firing::Skip(Skip::LeftStage);
    }
    match timer.kind {
        TimerKind::Escalation if item.escalation.is_some() => Firing::Skip(Skip::AlreadyEscalated),
        TimerKind::Escalation => Firing::Escalate,
        TimerKind::Reminder if timer.escalation_also_due => Firing::Skip(Skip::Superseded),
        TimerKind::Reminder => {
            let waiting = waiting_on(stage, item, people);
            if waiting.is_empty() {
                Firing::Skip(Skip::LeftStage)
            } else {
                Firing::Remind(waiting)
            }
        }
    }
}

/// Who the item waits on in its stage: the approvers whose decision is awaited once it is
/// submitted; before that its assignees, else the stage's responsible people, else its owner.
pub fn waiting_on(stage: &Stage, item: &Item, people: &People) -> Vec<PersonId> {
    if item.is_submitted() {
        if let Some(policy) = &stage.approval {
            return approval_progress_among(policy, item, people).waiting_on;
        }
    }
    if !item.assignees.is_empty() {
        return item.assignees.clone();
    }
    let responsible: Vec<PersonId> = people
        .persons
        .iter()
        .filter(|p| stage.raci.responsible.iter().any(|party| party.includes(p)))
        .map(|p| p.id)
        .collect();
    if !responsible.is_empty() {
        return responsible;
    }
    item.owner.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
    use super::super::definition::Sla;
    use super::super::item::EscalationState;
    use super::super::people::Party;
    use super::super::testkit::{people, sample_item, DANA, LEE, MAX, SAM};
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 6, day, h, 0, 0).unwrap()
    }

    fn review() -> Stage {
        let mut stage = Stage::new("review", "Review", "");
        stage.sla = Some(Sla {
            hours: 24,
            business_hours: false,
        });
        stage.raci.responsible = vec![Party::Person(SAM)];
        stage.approval = Some(ApprovalPolicy {
            rule: ApprovalRule::Sequential,
            approvers: vec![ApproverRef::Person(DANA), ApproverRef::Person(LEE)],
        });
        stage
    }

    fn in_review() -> Item {
        let mut item = sample_item();
        item.stage = "review".into();
        item.entered_stage_at = at(3, 9);
        item
    }

    fn due(kind: TimerKind, item: &Item) -> DueTimer {
        DueTimer {
            kind,
            stage: item.stage.clone(),
            entered_at: item.entered_stage_at,
            escalation_also_due: false,
        }
    }

    #[test]
    fn a_visit_to_a_stage_with_an_sla_plans_a_reminder_and_an_escalation() {
        let item = in_review();
        let timers = plan(&review(), &item, &WorkingHours::default());
        let kinds: Vec<_> = timers.iter().map(|t| (t.kind, t.due_at)).collect();
        assert_eq!(
            kinds,
            vec![
                (TimerKind::Reminder, at(3, 9) + chrono::TimeDelta::hours(18)),
                (TimerKind::Escalation, at(4, 9)),
            ]
        );
        assert!(timers.iter().all(|t| t.entered_at == at(3, 9)));
        assert!(plan(
            &Stage::new("review", "Review", ""),
            &item,
            &WorkingHours::default()
        )
        .is_empty());
        let mut archived = item.clone();
        archived.archived_at = Some(at(3, 10));
        assert!(plan(&review(), &archived, &WorkingHours::default()).is_empty());
    }

    #[test]
    fn a_reminder_goes_to_the_approver_whose_turn_it_is_once_submitted() {
        let mut item = in_review();
        let stage = review();
        let people = people();
        assert_eq!(
            on_due(&due(TimerKind::Reminder, &item), &stage, &item, &people),
            Firing::Remind(vec![SAM]),
            "before submission the responsible person is reminded"
        );
        item.submitted_at = Some(at(3, 10));
        assert_eq!(
            on_due(&due(TimerKind::Reminder, &item), &stage, &item, &people),
            Firing::Remind(vec![DANA])
        );
    }

    #[test]
    fn timers_of_a_visit_that_ended_do_nothing() {
        let item = in_review();
        let timer = due(TimerKind::Escalation, &item);
        let mut moved = item.clone();
        moved.stage = "publish".into();
        let people = people();
        assert_eq!(
            on_due(&timer, &review(), &moved, &people),
            Firing::Skip(Skip::LeftStage)
        );
        let mut back_again = item.clone();
        back_again.entered_stage_at = at(3, 15);
        assert_eq!(
            on_due(&timer, &review(), &back_again, &people),
            Firing::Skip(Skip::LeftStage),
            "a later visit to the same stage has its own timers"
        );
        assert_eq!(on_due(&timer, &review(), &item, &people), Firing::Escalate);
        let mut escalated = item.clone();
        escalated.escalation = Some(EscalationState {
            to: vec![Party::Person(MAX)],
            at: at(3, 12),
        });
        assert_eq!(
            on_due(&timer, &review(), &escalated, &people),
            Firing::Skip(Skip::AlreadyEscalated)
        );
    }

    #[test]
    fn a_reminder_caught_up_after_its_escalation_is_skipped() {
        let item = in_review();
        let mut timer = due(TimerKind::Reminder, &item);
        timer.escalation_also_due = true;
        assert_eq!(
            on_due(&timer, &review(), &item, &people()),
            Firing::Skip(Skip::Superseded)
        );
    }

    #[test]
    fn waiting_on_prefers_assignees_then_responsible_then_owner() {
        let mut stage = review();
        let mut item = in_review();
        item.owner = Some(MAX);
        let people = people();
        item.assignees = vec![LEE];
        assert_eq!(waiting_on(&stage, &item, &people), vec![LEE]);
        item.assignees.clear();
        assert_eq!(waiting_on(&stage, &item, &people), vec![SAM]);
        stage.raci.responsible.clear();
        assert_eq!(waiting_on(&stage, &item, &people), vec![MAX]);
    }
}
