//! Safeguards against floods: a rule that runs too often or keeps failing pauses itself, and
//! a scheduled run works through a bounded number of items.

use super::super::ids::ItemId;
use super::ids::RuleId;
use super::signal::Signal;
use super::step::RunOutcome;
use super::{MAX_FAILURES_IN_A_ROW, MAX_ITEMS_PER_SCHEDULED_RUN, MAX_RUNS_PER_MINUTE};
use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Why a rule pauses itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "pause")]
pub enum PauseReason {
    /// It ran more than `MAX_RUNS_PER_MINUTE` times within a minute.
    Flooding,
    /// Its last `MAX_FAILURES_IN_A_ROW` runs were refused or failed.
    Failing,
}

impl PauseReason {
    /// Why, in words, for the rule's owner.
    pub fn message(self) -> String {
        match self {
            PauseReason::Flooding => {
                format!("ran more than {MAX_RUNS_PER_MINUTE} times in a minute")
            }
            PauseReason::Failing => format!("failed {MAX_FAILURES_IN_A_ROW} times in a row"),
        }
    }
}

/// A rule's recent history, as far as pausing goes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RunHealth {
    /// When it ran (skipped evaluations do not count), in any order; older than a minute
    /// may be left out.
    pub recent_runs: Vec<DateTime<Utc>>,
    /// Runs refused or failed since the last one that was done.
    pub failures_in_a_row: u32,
}

impl RunHealth {
    /// Whether the rule must pause instead of running at `now`: this run would be more
    /// than the allowed runs within the last minute, or it kept failing.
    pub fn pause_before_run(&self, now: DateTime<Utc>) -> Option<PauseReason> {
        let minute_ago = now - TimeDelta::minutes(1);
        let in_last_minute = self
            .recent_runs
            .iter()
            .filter(|at| **at > minute_ago && **at <= now)
            .count();
        if self.failures_in_a_row >= MAX_FAILURES_IN_A_ROW {
            Some(PauseReason::Failing)
        } else if in_last_minute >= MAX_RUNS_PER_MINUTE {
            Some(PauseReason::Flooding)
        } else {
            None
        }
    }

    /// The history after a run at `at` that went as `outcome`.
    pub fn after(&self, at: DateTime<Utc>, outcome: RunOutcome) -> RunHealth {
        let minute_ago = at - TimeDelta::minutes(1);
        let mut recent_runs: Vec<DateTime<Utc>> = self
            .recent_runs
            .iter()
            .copied()
            .filter(|t| *t > minute_ago)
            .collect();
        let failures_in_a_row = match outcome {
            RunOutcome::Skipped => return self.clone(),
            RunOutcome::Done => 0,
            RunOutcome::Refused | RunOutcome::Failed => self.failures_in_a_row + 1,
        };
        recent_runs.push(at);
        RunHealth {
            recent_runs,
            failures_in_a_row,
        }
    }

    /// Whether the rule must pause after this history: it has failed too often in a row.
    pub fn pause_after_run(&self) -> Option<PauseReason> {
        (self.failures_in_a_row >= MAX_FAILURES_IN_A_ROW).then_some(PauseReason::Failing)
    }
}

/// The signals of one slot of a scheduled rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduledRun {
    /// One signal for the whole rule, or one per item worked through.
    pub signals: Vec<Signal>,
    /// Items left out because a scheduled run touches at most `MAX_ITEMS_PER_SCHEDULED_RUN`.
    pub left_out: usize,
}

/// The signals for slot `slot` (at `at` in UTC) of a scheduled rule: one with no item, or,
/// when it works through items, one per item of `items` up to the limit.
pub fn scheduled_run(
    rule: RuleId,
    for_each_item: bool,
    slot: NaiveDateTime,
    at: DateTime<Utc>,
    items: &[ItemId],
) -> ScheduledRun {
    if !for_each_item {
        return ScheduledRun {
            signals: vec![Signal::schedule(rule, slot, None, at)],
            left_out: 0,
        };
    }
    let signals = items
        .iter()
        .take(MAX_ITEMS_PER_SCHEDULED_RUN)
        .map(|item| Signal::schedule(rule, slot, Some(*item), at))
        .collect();
    ScheduledRun {
        signals,
        left_out: items.len().saturating_sub(MAX_ITEMS_PER_SCHEDULED_RUN),
    }
}
