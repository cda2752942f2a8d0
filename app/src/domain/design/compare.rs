//! A pilot side by side with the baseline: cycle time, time waiting in review, on-time
//! delivery and post-launch fixes of the items each finished in the same period, with the
//! flow metrics' own definitions (see `metrics`).

use super::super::metrics::stats::nearest_rank;
use super::super::metrics::words::{days, duration, percent};
use super::super::metrics::{
    cycle_times, error_rate, on_time_delivery, stage_times, FlowSettings, ItemHistory, Period,
};
use chrono::FixedOffset;
use serde::{Deserialize, Serialize};

/// Finished items each side needs before a difference means much.
pub const ENOUGH_FINISHED: u32 = 5;

/// Which side a figure favours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The pilot's version does better.
    Pilot,
    /// The current version does better.
    Baseline,
}

/// One measure for both groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparisonRow {
    /// What is measured, e.g. "Cycle time, median".
    pub measure: String,
    /// The pilot's figure in words ("—" without data).
    pub pilot: String,
    /// The baseline's figure in words.
    pub baseline: String,
    /// Which is better, when both have data and they differ.
    pub better: Option<Side>,
}

/// The pilot against the baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PilotComparison {
    /// The days compared.
    pub period: Period,
    /// Pilot items finished in the period.
    pub pilot_finished: u32,
    /// Baseline items finished in the period.
    pub baseline_finished: u32,
    /// The measures, in the order the playbook names them.
    pub rows: Vec<ComparisonRow>,
    /// What to make of it, in a sentence.
    pub summary: String,
}

/// One group's figures, `None` where it has no data.
struct Figures {
    finished: u32,
    p50: Option<u32>,
    p85: Option<u32>,
    waiting: Option<i64>,
    on_time: Option<f64>,
    fixes: Option<f64>,
}

fn figures(
    histories: &[ItemHistory],
    flow: &FlowSettings,
    period: Period,
    offset: FixedOffset,
) -> Figures {
    let cycle = cycle_times(histories, period, offset);
    // Each item's own waiting, counted as the stage-time measure counts it.
    let mut waits: Vec<i64> = histories
        .iter()
        .map(|h| stage_times(std::iter::once(h), flow, period, offset))
        .filter(|t| t.items > 0)
        .map(|t| t.stages.iter().map(|s| s.waiting_secs).sum())
        .collect();
    waits.sort_unstable();
    Figures {
        finished: cycle.points.len() as u32,
        p50: cycle.percentiles.map(|p| p.p50),
        p85: cycle.percentiles.map(|p| p.p85),
        waiting: nearest_rank(&waits, 50),
        on_time: on_time_delivery(histories, period, offset).overall.share(),
        fixes: error_rate(histories, flow, period, offset).share(),
    }
}

fn row<T: PartialOrd + Copy>(
    measure: &str,
    pilot: Option<T>,
    baseline: Option<T>,
    lower_is_better: bool,
    say: impl Fn(T) -> String,
) -> ComparisonRow {
    let words = |v: Option<T>| v.map_or_else(|| "—".to_owned(), &say);
    let better = match (pilot, baseline) {
        (Some(p), Some(b)) if say(p) != say(b) => {
            let pilot_lower = p < b;
            Some(if pilot_lower == lower_is_better {
                Side::Pilot
            } else {
                Side::Baseline
            })
        }
        _ => None,
    };
    ComparisonRow {
        measure: measure.to_owned(),
        pilot: words(pilot),
        baseline: words(baseline),
        better,
    }
}

/// Compares the items of the pilot and of the baseline that finished in `period`
/// (local days at `offset`); `flow` names stages in the post-launch fixes.
pub fn compare_pilot(
    pilot: &[ItemHistory],
    baseline: &[ItemHistory],
    flow: &FlowSettings,
    period: Period,
    offset: FixedOffset,
) -> PilotComparison {
    let p = figures(pilot, flow, period, offset);
    let b = figures(baseline, flow, period, offset);
    let rows = vec![
        row("Cycle time, median", p.p50, b.p50, true, days),
        row("Cycle time, 85th percentile", p.p85, b.p85, true, days),
        row(
            "Time waiting for approval, median",
            p.waiting,
            b.waiting,
            true,
            duration,
        ),
        row("On-time delivery", p.on_time, b.on_time, false, percent),
        row("Needed a post-launch fix", p.fixes, b.fixes, true, percent),
    ];
    let summary = if p.finished < ENOUGH_FINISHED || b.finished < ENOUGH_FINISHED {
        format!(
            "Too early to tell: {} and {} finished so far; wait for at least {ENOUGH_FINISHED} on each side.",
            finished_words(p.finished, "in the pilot"),
            finished_words(b.finished, "on the current version"),
        )
    } else {
        let (wins, losses) = rows.iter().fold((0, 0), |(w, l), r| match r.better {
            Some(Side::Pilot) => (w + 1, l),
            Some(Side::Baseline) => (w, l + 1),
            None => (w, l),
        });
        match (wins, losses) {
            (0, 0) => "The pilot and the current version perform alike so far.".to_owned(),
            (w, 0) => format!(
                "The pilot does better on {w} of {} measures and worse on none.",
                rows.len()
            ),
            (0, l) => format!(
                "The pilot does worse on {l} of {} measures and better on none.",
                rows.len()
            ),
            (w, l) => format!("The pilot does better on {w} measures and worse on {l}."),
        }
    };
    PilotComparison {
        period,
        pilot_finished: p.finished,
        baseline_finished: b.finished,
        rows,
        summary,
    }
}

fn finished_words(n: u32, where_: &str) -> String {
    match n {
        0 => format!("none {where_}"),
        1 => format!("1 item {where_}"),
        n => format!("{n} items {where_}"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::definition::{Stage, WorkflowDefinition, WorkflowKind};
    use super::super::super::events::{CreationSource, Event, EventKind};
    use super::super::super::ids::{ItemId, PersonId};
    use super::super::super::item::Item;
    use super::*;
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    fn def() -> WorkflowDefinition {
        WorkflowDefinition {
            outcome: None,
            id: "flow".into(),
            name: "Flow".into(),
            kind: WorkflowKind::Custom,
            version: 1,
            based_on: None,
            revision_limit: 1,
            fields: vec![],
            stages: vec![
                Stage::new("brief", "Brief", ""),
                Stage::new("review", "Review", ""),
                Stage::new("done", "Done", ""),
            ],
        }
    }

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
    }

    /// Created on day 1, in Review from `start`, waiting `wait_h` hours for approval,
    /// done on `done`; due on `due`.
    fn finished(id: i64, start: u32, wait_h: u32, done: u32, due: u32) -> ItemHistory {
        let item = Item {
            id: ItemId(id),
            due: Some(at(due, 17)),
            ..crate::domain::testkit::sample_item()
        };
        let actor = PersonId(1);
        let event = |at, kind| Event { actor, at, kind };
        let events = [
            event(
                at(1, 9),
                EventKind::Created {
                    stage: "brief".into(),
                    source: CreationSource::Manual,
                },
            ),
            event(
                at(start, 9),
                EventKind::MovedForward {
                    from: "brief".into(),
                    to: "review".into(),
                },
            ),
            event(
                at(start, 10),
                EventKind::SubmittedForApproval {
                    stage: "review".into(),
                    approvers: vec![actor],
                },
            ),
            event(
                at(start, 10 + wait_h),
                EventKind::Approved {
                    stage: "review".into(),
                    approved: 1,
                    needed: 1,
                },
            ),
            event(
                at(done, 16),
                EventKind::AdvancedOnApproval {
                    from: "review".into(),
                    to: "done".into(),
                },
            ),
        ];
        let flow = FlowSettings::from_definition(&def());
        ItemHistory::from_events(&item, &events, &flow)
    }

    fn period() -> Period {
        Period::new(
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        )
    }

    #[test]
    fn the_pilot_is_compared_measure_by_measure_in_words() {
        let pilot: Vec<ItemHistory> = (1..=5).map(|i| finished(i, 2, 2, 3, 10)).collect();
        let baseline: Vec<ItemHistory> = (11..=15).map(|i| finished(i, 2, 8, 7, 5)).collect();
        let flow = FlowSettings::from_definition(&def());
        let compared = compare_pilot(
            &pilot,
            &baseline,
            &flow,
            period(),
            FixedOffset::east_opt(0).unwrap(),
        );
        assert_eq!(
            (compared.pilot_finished, compared.baseline_finished),
            (5, 5)
        );
        let cells: Vec<(&str, &str, &str, Option<Side>)> = compared
            .rows
            .iter()
            .map(|r| {
                (
                    r.measure.as_str(),
                    r.pilot.as_str(),
                    r.baseline.as_str(),
                    r.better,
                )
            })
            .collect();
        assert_eq!(
            cells,
            [
                ("Cycle time, median", "2 days", "6 days", Some(Side::Pilot)),
                (
                    "Cycle time, 85th percentile",
                    "2 days",
                    "6 days",
                    Some(Side::Pilot)
                ),
                (
                    "Time waiting for approval, median",
                    "2 hours",
                    "8 hours",
                    Some(Side::Pilot)
                ),
                ("On-time delivery", "100 %", "0 %", Some(Side::Pilot)),
                ("Needed a post-launch fix", "0 %", "0 %", None),
            ]
        );
        assert_eq!(
            compared.summary,
            "The pilot does better on 4 of 5 measures and worse on none."
        );
    }

    #[test]
    fn too_few_finished_items_are_said_to_be_too_early() {
        let pilot = vec![finished(1, 2, 2, 3, 10)];
        let flow = FlowSettings::from_definition(&def());
        let compared = compare_pilot(
            &pilot,
            &[],
            &flow,
            period(),
            FixedOffset::east_opt(0).unwrap(),
        );
        assert_eq!(
            compared.summary,
            "Too early to tell: 1 item in the pilot and none on the current version finished so far; wait for at least 5 on each side."
        );
        assert!(compared.rows.iter().all(|r| r.better.is_none()));
        assert_eq!(compared.rows[0].baseline, "—");
    }
}
