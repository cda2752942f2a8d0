//! Stage SLAs: when an item is due out of its stage, when to remind, when to escalate.

use super::definition::Stage;
use super::item::Item;
use super::people::{Party, People, Role};
use super::working_hours::WorkingHours;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Where an item stands against its stage's SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum SlaStatus {
    /// The stage has no SLA (or the item is archived).
    None,
    /// Less than 75% of the time used.
    OnTrack {
        /// When the SLA ends.
        due: DateTime<Utc>,
    },
    /// At least 75% of the time used.
    DueSoon {
        /// When the SLA ends.
        due: DateTime<Utc>,
    },
    /// Past the SLA.
    Breached {
        /// When the SLA ended.
        due: DateTime<Utc>,
    },
}

fn advance(
    from: DateTime<Utc>,
    amount: TimeDelta,
    business: bool,
    hours: &WorkingHours,
) -> DateTime<Utc> {
    if business {
        hours.add(from, amount)
    } else {
        from + amount
    }
}

/// When the item's time in `stage` runs out.
pub fn sla_due_at(stage: &Stage, item: &Item, hours: &WorkingHours) -> Option<DateTime<Utc>> {
    let sla = stage.sla?;
    Some(advance(
        item.entered_stage_at,
        TimeDelta::hours(i64::from(sla.hours)),
        sla.business_hours,
        hours,
    ))
}

/// When 75% of the stage's SLA has been used: the moment to remind the responsible people.
pub fn reminder_due_at(stage: &Stage, item: &Item, hours: &WorkingHours) -> Option<DateTime<Utc>> {
    let sla = stage.sla?;
    let three_quarters = TimeDelta::seconds(i64::from(sla.hours) * 2700);
    Some(advance(
        item.entered_stage_at,
        three_quarters,
        sla.business_hours,
        hours,
    ))
}

/// When the item should be escalated: after the stage's escalation rule's delay when it
/// gives one, else when the SLA is breached; never for a stage with neither.
pub fn escalation_due_at(
    stage: &Stage,
    item: &Item,
    hours: &WorkingHours,
) -> Option<DateTime<Utc>> {
    let business = stage.sla.is_some_and(|s| s.business_hours);
    let after = stage
        .escalation
        .as_ref()
        .and_then(|rule| rule.after_hours)
        .or(stage.sla.map(|s| s.hours))?;
    Some(advance(
        item.entered_stage_at,
        TimeDelta::hours(i64::from(after)),
        business,
        hours,
    ))
}

/// Who an escalation of this stage alerts: the rule's parties, else the stage's accountable
/// ones, else the workspace's managers (so an escalation always lands on someone who can act).
pub fn escalation_targets(stage: &Stage, people: &People) -> Vec<Party> {
    match &stage.escalation {
        Some(rule) if !rule.to.is_empty() => rule.to.clone(),
        _ if !stage.raci.accountable.is_empty() => stage.raci.accountable.clone(),
        _ => people
            .persons
            .iter()
            .filter(|p| p.role == Role::Manager)
            .map(|p| Party::Person(p.id))
            .collect(),
    }
}

/// Whether a scheduler should escalate the item now (active, not yet escalated, past the delay).
pub fn needs_escalation(
    stage: &Stage,
    item: &Item,
    now: DateTime<Utc>,
    hours: &WorkingHours,
) -> bool {
    !item.is_archived()
        && item.escalation.is_none()
        && escalation_due_at(stage, item, hours).is_some_and(|due| now >= due)
}

/// The item's SLA status in `stage` (its current stage) at `now`.
pub fn sla_status(
    stage: &Stage,
    item: &Item,
    now: DateTime<Utc>,
    hours: &WorkingHours,
) -> SlaStatus {
    let (Some(due), Some(remind)) = (
        sla_due_at(stage, item, hours),
        reminder_due_at(stage, item, hours),
    ) else {
        return SlaStatus::None;
    };
    if item.is_archived() {
        SlaStatus::None
    } else if now >= due {
        SlaStatus::Breached { due }
    } else if now >= remind {
        SlaStatus::DueSoon { due }
    } else {
        SlaStatus::OnTrack { due }
    }
}

#[cfg(test)]
mod tests {
    use super::super::definition::{EscalationRule, Sla};
    use super::super::testkit::sample_item;
    use super::*;
    use chrono::TimeZone;

    fn review(hours: u32, business_hours: bool) -> Stage {
        let mut stage = Stage::new("review", "Review", "");
        stage.sla = Some(Sla {
            hours,
            business_hours,
        });
        stage.raci.accountable = vec![Party::team("Content lead")];
        stage
    }

    fn at(day: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 6, day, h, 0, 0).unwrap()
    }

    #[test]
    fn status_moves_from_on_track_to_due_soon_at_75_percent_then_breached() {
        let mut item = sample_item();
        item.entered_stage_at = at(3, 0);
        let stage = review(48, false);
        let wh = WorkingHours::default();
        let due = at(5, 0);
        assert_eq!(
            sla_status(&stage, &item, at(4, 11), &wh),
            SlaStatus::OnTrack { due }
        );
        assert_eq!(reminder_due_at(&stage, &item, &wh), Some(at(4, 12)));
        assert_eq!(
            sla_status(&stage, &item, at(4, 12), &wh),
            SlaStatus::DueSoon { due }
        );
        assert_eq!(
            sla_status(&stage, &item, at(5, 0), &wh),
            SlaStatus::Breached { due }
        );
        item.archived_at = Some(at(4, 0));
        assert_eq!(sla_status(&stage, &item, at(9, 0), &wh), SlaStatus::None);
    }

    #[test]
    fn business_hours_sla_skips_the_weekend() {
        let mut item = sample_item();
        item.entered_stage_at = at(7, 13); // Friday 13:00
        let stage = review(8, true);
        let wh = WorkingHours::default();
        assert_eq!(sla_due_at(&stage, &item, &wh), Some(at(10, 13)));
        assert_eq!(reminder_due_at(&stage, &item, &wh), Some(at(10, 11)));
        // Sunday noon: a calendar SLA would be breached, a business-hours one is on track.
        assert_eq!(
            sla_status(&stage, &item, at(9, 12), &wh),
            SlaStatus::OnTrack { due: at(10, 13) }
        );
        let calendar = review(8, false);
        assert_eq!(
            sla_status(&calendar, &item, at(9, 12), &wh),
            SlaStatus::Breached { due: at(7, 21) }
        );
    }

    #[test]
    fn no_sla_means_no_status() {
        let stage = Stage::new("draft", "Draft", "");
        assert_eq!(
            sla_status(&stage, &sample_item(), at(9, 0), &WorkingHours::default()),
            SlaStatus::None
        );
    }

    #[test]
    fn escalation_defaults_to_the_sla_and_the_accountable_team() {
        let mut item = sample_item();
        item.entered_stage_at = at(3, 0);
        let mut stage = review(48, false);
        assert_eq!(
            escalation_due_at(&stage, &item, &WorkingHours::default()),
            Some(at(5, 0)),
            "without a rule, a breached SLA escalates"
        );
        stage.escalation = Some(EscalationRule::default());
        assert_eq!(
            escalation_due_at(&stage, &item, &WorkingHours::default()),
            Some(at(5, 0))
        );
        let people = People::default();
        assert_eq!(
            escalation_targets(&stage, &people),
            vec![Party::team("Content lead")]
        );
        assert_eq!(
            escalation_due_at(
                &Stage::new("draft", "Draft", ""),
                &item,
                &WorkingHours::default()
            ),
            None,
            "no SLA and no rule: nothing to escalate"
        );
        assert!(!needs_escalation(
            &stage,
            &item,
            at(4, 23),
            &WorkingHours::default()
        ));
        assert!(needs_escalation(
            &stage,
            &item,
            at(5, 0),
            &WorkingHours::default()
        ));
        stage.escalation = Some(EscalationRule {
            to: vec![Party::team("Head of marketing")],
            after_hours: Some(24),
        });
        assert_eq!(
            escalation_due_at(&stage, &item, &WorkingHours::default()),
            Some(at(4, 0))
        );
        assert_eq!(
            escalation_targets(&stage, &people),
            vec![Party::team("Head of marketing")]
        );
    }

    #[test]
    fn a_stage_with_nobody_accountable_escalates_to_the_managers() {
        let stage = Stage::new("review", "Review", "");
        let person = |id: i64, role: Role| crate::domain::Person {
            id: crate::domain::PersonId(id),
            name: format!("P{id}"),
            email: format!("p{id}@example.com"),
            role,
            teams: vec![],
        };
        let people = People::new(vec![
            person(1, Role::Admin),
            person(2, Role::Manager),
            person(3, Role::Member),
            person(4, Role::Manager),
        ]);
        assert_eq!(
            escalation_targets(&stage, &people),
            vec![
                Party::Person(crate::domain::PersonId(2)),
                Party::Person(crate::domain::PersonId(4))
            ]
        );
        assert!(escalation_targets(&stage, &People::default()).is_empty());
    }
}
