//! What an entry says about its work: the stage and its SLA ("In review — SLA
//! breached"), and why it is at risk of not going out on its day.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{sla_status, Item, SlaStatus, WorkflowDefinition, WorkingHours};

/// Entries going out within this many days must be ready, or they are at risk.
pub const READY_BY_DAYS: i64 = 2;

/// Work stuck past its SLA puts an entry at risk when it goes out within this many days.
pub const STUCK_WITHIN_DAYS: i64 = 7;

/// The status line of an entry and, when it is at risk, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryStatus {
    /// Stage and SLA, e.g. "In review — SLA breached".
    pub label: String,
    /// Why the entry may not go out as planned, e.g. "goes out tomorrow, still in Draft".
    pub risk: Option<String>,
}

/// Where an item counts as ready to go out: the first stage that needs a
/// publish date (e.g. "Scheduled"), or else the last stage.
fn ready_index(def: &WorkflowDefinition) -> usize {
    def.stages
        .iter()
        .position(|s| s.requires_schedule)
        .unwrap_or(def.stages.len().saturating_sub(1))
}

/// The status of `item` (following `def`) going out on `date`, seen on `today` at `now`.
///
/// An entry is at risk when it is not ready (before the stage that needs a
/// publish date) and its day has passed or is at most [`READY_BY_DAYS`] away,
/// or when its stage's SLA is breached and its day is at most
/// [`STUCK_WITHIN_DAYS`] away. Ready entries and entries without a date never are.
pub fn entry_status(
    def: &WorkflowDefinition,
    item: &Item,
    date: Option<NaiveDate>,
    now: DateTime<Utc>,
    today: NaiveDate,
    hours: &WorkingHours,
) -> EntryStatus {
    let Some(stage) = def.stage(&item.stage) else {
        return EntryStatus {
            label: item.stage.to_string(),
            risk: None,
        };
    };
    if item.is_archived() {
        return EntryStatus {
            label: "Archived".into(),
            risk: None,
        };
    }
    let sla = sla_status(stage, item, now, hours);
    let label = match sla {
        SlaStatus::Breached { .. } => format!("{} — SLA breached", stage.name),
        SlaStatus::DueSoon { .. } => format!("{} — SLA due soon", stage.name),
        SlaStatus::OnTrack { .. } | SlaStatus::None => stage.name.clone(),
    };
    let breached = matches!(sla, SlaStatus::Breached { .. });
    let ready = def
        .stage_index(&item.stage)
        .is_some_and(|i| i >= ready_index(def));
    let risk = match date.filter(|_| !ready).map(|d| (d - today).num_days()) {
        None => None,
        Some(..0) => Some(format!("its date has passed, still in {}", stage.name)),
        Some(days) if days <= READY_BY_DAYS => {
            let when = match days {
                0 => "goes out today".to_string(),
                1 => "goes out tomorrow".to_string(),
                n => format!("goes out in {n} days"),
            };
            let sla = if breached { "; SLA breached" } else { "" };
            Some(format!("{when}, still in {}{sla}", stage.name))
        }
        Some(days) if days <= STUCK_WITHIN_DAYS && breached => {
            Some(format!("SLA breached, goes out in {days} days"))
        }
        Some(_) => None,
    };
    EntryStatus { label, risk }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::templates::builtin_template;
    use crate::domain::testkit::sample_item;
    use crate::domain::{StageKey, WorkflowKind};
    use chrono::{TimeDelta, TimeZone};

    fn content() -> WorkflowDefinition {
        builtin_template(WorkflowKind::Content).unwrap()
    }

    fn item_in(def: &WorkflowDefinition, stage: &str, entered: DateTime<Utc>) -> Item {
        let mut item = sample_item();
        item.workflow_id = def.id.clone();
        item.workflow_version = def.version;
        item.stage = StageKey::new(stage);
        item.entered_stage_at = entered;
        item
    }

    #[test]
    fn a_review_past_its_sla_says_so_and_is_at_risk() {
        let def = content();
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let today = now.date_naive();
        let item = item_in(&def, "review", now - TimeDelta::days(10));
        let hours = WorkingHours::default();
        let at = |days: i64| Some(today + TimeDelta::days(days));
        let name = &def.stage(&"review".into()).unwrap().name;
        let soon = entry_status(&def, &item, at(5), now, today, &hours);
        assert_eq!(soon.label, format!("{name} — SLA breached"));
        assert_eq!(
            soon.risk.as_deref(),
            Some("SLA breached, goes out in 5 days")
        );
        let tomorrow = entry_status(&def, &item, at(1), now, today, &hours);
        assert_eq!(
            tomorrow.risk,
            Some(format!("goes out tomorrow, still in {name}; SLA breached"))
        );
        // Weeks away, a late review is the board's worry, not the calendar's.
        let later = entry_status(&def, &item, at(9), now, today, &hours);
        assert_eq!(later.label, format!("{name} — SLA breached"));
        assert_eq!(later.risk, None);
        assert_eq!(
            entry_status(&def, &item, None, now, today, &hours).risk,
            None
        );
    }

    #[test]
    fn work_not_ready_shortly_before_its_day_is_at_risk_and_ready_work_is_not() {
        let def = content();
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let today = now.date_naive();
        let hours = WorkingHours::default();
        let draft = item_in(&def, "draft", now);
        let tomorrow = Some(today + TimeDelta::days(1));
        let status = entry_status(&def, &draft, tomorrow, now, today, &hours);
        assert_eq!(
            status.risk.as_deref(),
            Some("goes out tomorrow, still in Draft")
        );
        assert_eq!(status.label, "Draft");
        let later = entry_status(
            &def,
            &draft,
            Some(today + TimeDelta::days(5)),
            now,
            today,
            &hours,
        );
        assert_eq!(later.risk, None);
        let scheduled = item_in(&def, "scheduled", now);
        assert_eq!(
            entry_status(&def, &scheduled, tomorrow, now, today, &hours).risk,
            None
        );
        let passed = entry_status(
            &def,
            &draft,
            Some(today - TimeDelta::days(1)),
            now,
            today,
            &hours,
        );
        assert_eq!(
            passed.risk.as_deref(),
            Some("its date has passed, still in Draft")
        );
    }
}
