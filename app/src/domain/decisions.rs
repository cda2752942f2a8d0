//! The reporting workflow's action log: decisions taken because of a report ("Pause the
//! retargeting ad set"), who owns them, by when and their status — so a team can later
//! see which optimizations moved the numbers.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{limits, Item, PersonId, WorkflowDefinition, WorkflowId, WorkflowKind};

/// The longest decision.
pub const DECISION: usize = 500;

/// Where a decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    /// To do.
    Open,
    /// Done.
    Done,
    /// Decided against after all.
    Dropped,
}

impl DecisionStatus {
    /// Every status, in order.
    pub const ALL: [DecisionStatus; 3] = [Self::Open, Self::Done, Self::Dropped];

    /// "Open".
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Done => "Done",
            Self::Dropped => "Dropped",
        }
    }

    /// The stored word.
    pub fn key(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Done => "done",
            Self::Dropped => "dropped",
        }
    }

    /// The status a stored word names.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A decision as the report's form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DecisionInput {
    /// What was decided.
    pub decision: String,
    /// Who owns it.
    pub owner: Option<PersonId>,
    /// By when.
    pub due_on: Option<NaiveDate>,
    /// The workflow of the item it creates, if it creates one.
    #[serde(default)]
    pub creates_in: Option<WorkflowId>,
}

/// Whether decisions are recorded on `item` now: on a report (a reporting workflow's item)
/// at its last stage, the action log.
pub fn logs_decisions(def: &WorkflowDefinition, item: &Item) -> bool {
    def.kind == WorkflowKind::Reporting && def.stages.last().is_some_and(|s| s.key == item.stage)
}

impl DecisionInput {
    /// The trimmed decision, or the field at fault and why.
    pub fn checked(&self) -> Result<String, (&'static str, String)> {
        let decision = self.decision.trim();
        if decision.is_empty() {
            return Err(("decision", "Say what was decided.".into()));
        }
        limits::check("The decision", decision, DECISION).map_err(|m| ("decision", m))?;
        if self
            .due_on
            .is_some_and(|d| !(2000..=2100).contains(&d.year()))
        {
            return Err(("due_on", "The date must fall between 2000 and 2100.".into()));
        }
        Ok(decision.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_needs_words_within_the_limit_and_a_sensible_date() {
        let ok = DecisionInput {
            decision: "  Pause the retargeting ad set ".into(),
            ..DecisionInput::default()
        };
        assert_eq!(ok.checked().unwrap(), "Pause the retargeting ad set");
        let blank = DecisionInput::default();
        assert_eq!(blank.checked().unwrap_err().0, "decision");
        let long = DecisionInput {
            decision: "x".repeat(DECISION + 1),
            ..DecisionInput::default()
        };
        assert_eq!(long.checked().unwrap_err().0, "decision");
        let far = DecisionInput {
            due_on: NaiveDate::from_ymd_opt(2200, 1, 1),
            ..ok.clone()
        };
        assert_eq!(far.checked().unwrap_err().0, "due_on");
        for status in DecisionStatus::ALL {
            assert_eq!(DecisionStatus::from_key(status.key()), Some(status));
        }
    }
}
