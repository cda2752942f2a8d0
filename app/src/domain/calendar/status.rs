//! What an entry says about its work: the stage and its SLA ("In review — SLA
//! breached"), and why it is at risk of not going out on its day.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{sla_status, Item, SlaStatus, WorkflowDefinition, WorkingHours};

/// Entries going out within this many days must be ready, or they are at risk.
pub const READY_BY_DAYS: i64 = 2;

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
    let mut risks = Vec::new();
    if matches!(sla, SlaStatus::Breached { .. }) {
        risks.push("SLA breached".to_string());
    }
    let ready = def
        .stage_index(&item.stage)
        .is_some_and(|i| i >= ready_index(def));
    if let Some(date) = date.filter(|_| !ready) {
        let days = (date - today).num_days();
        let when = match days {
            ..0 => Some("its date has passed".to_string()),
            0 => Some("goes out today".to_string()),
            1 => Some("goes out tomorrow".to_string()),
            n if n <= READY_BY_DAYS => Some(format!("goes out in {n} days")),
            _ => None,
        };
        if let Some(when) = when {
            risks.push(format!("{when}, still in {}", stage.name));
        }
    }
    EntryStatus {
        label,
        risk: (!risks.is_empty()).then(|| risks.join("; ")),
    }
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
        let status = entry_status(
            &def,
            &item,
            Some(today + TimeDelta::days(9)),
            now,
            today,
            &WorkingHours::default(),
        );
        let name = &def.stage(&"review".into()).unwrap().name;
        assert_eq!(status.label, format!("{name} — SLA breached"));
        assert_eq!(status.risk.as_deref(), Some("SLA breached"));
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
