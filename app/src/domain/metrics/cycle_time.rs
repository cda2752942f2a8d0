//! Cycle time: calendar days from start to finish of the items finished in a period, as
//! scatter points with the P50 / P70 / P85 / P95 lines.

use super::super::ids::ItemId;
use super::compare::{Measure, MeasureKey};
use super::days::Period;
use super::history::ItemHistory;
use super::stats::Percentiles;
use super::words::{days, Noun};
use chrono::{FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// One dot of the scatter plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CyclePoint {
    /// The item.
    pub item: ItemId,
    /// The day it finished.
    pub finished: NaiveDate,
    /// Its cycle time in days.
    pub days: u32,
}

/// Cycle times of the items finished in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleTimes {
    /// The period.
    pub period: Period,
    /// One point per finished item, by finish day then item.
    pub points: Vec<CyclePoint>,
    /// The percentile lines; `None` when nothing finished.
    pub percentiles: Option<Percentiles<u32>>,
}

/// Cycle times of the histories finished in `period` (dropped items never finish).
/// O(n log n).
pub fn cycle_times<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    period: Period,
    offset: FixedOffset,
) -> CycleTimes {
    let mut points: Vec<CyclePoint> = histories
        .into_iter()
        .filter_map(|h| {
            let finished = h.finish_day(offset).filter(|d| period.contains(*d))?;
            Some(CyclePoint {
                item: h.item,
                finished,
                days: h.cycle_days(offset)?,
            })
        })
        .collect();
    points.sort_unstable_by_key(|p| (p.finished, p.item));
    let mut sorted: Vec<u32> = points.iter().map(|p| p.days).collect();
    sorted.sort_unstable();
    CycleTimes {
        period,
        percentiles: Percentiles::of_sorted(&sorted),
        points,
    }
}

impl CycleTimes {
    /// The items behind one dot (or several dots on the same spot).
    pub fn items_at(&self, finished: NaiveDate, days: u32) -> Vec<ItemId> {
        self.points
            .iter()
            .filter(|p| p.finished == finished && p.days == days)
            .map(|p| p.item)
            .collect()
    }

    /// The cycle times, shortest first (for percentiles of other reports).
    pub fn sorted_days(&self) -> Vec<u32> {
        let mut sorted: Vec<u32> = self.points.iter().map(|p| p.days).collect();
        sorted.sort_unstable();
        sorted
    }

    /// "Half of the posts finish within 6 days; 85 % within 11."
    pub fn summary(&self, noun: &Noun) -> String {
        let Some(p) = self.percentiles else {
            return format!("No {} finished in this period.", noun.plural);
        };
        match self.points.len() {
            1 => format!(
                "Only 1 {} finished in this period; it took {}.",
                noun.singular,
                days(p.p50)
            ),
            _ if p.p50 == p.p85 => format!(
                "Half of the {} finish within {}; 85 % do too.",
                noun.plural,
                days(p.p50)
            ),
            _ => format!(
                "Half of the {} finish within {}; 85 % within {}.",
                noun.plural,
                days(p.p50),
                p.p85
            ),
        }
    }

    /// The figures to compare with another period.
    pub fn measures(&self) -> Vec<Measure> {
        let p = self.percentiles;
        vec![
            Measure::new(MeasureKey::CycleTimeP50, p.map(|p| f64::from(p.p50))),
            Measure::new(MeasureKey::CycleTimeP85, p.map(|p| f64::from(p.p85))),
            Measure::new(MeasureKey::CycleTimeP95, p.map(|p| f64::from(p.p95))),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{at, day, finished, offset, Story};
    use super::*;

    #[test]
    fn cycle_time_counts_start_and_finish_days_and_its_percentiles_by_nearest_rank() {
        // Started on day 3; finished days 3..=12 → 1..=10 days.
        let histories: Vec<ItemHistory> = (0..10).map(|i| finished(i, 3, 3 + i as u32)).collect();
        let report = cycle_times(&histories, Period::new(day(3), day(30)), offset());
        assert_eq!(report.points.len(), 10);
        assert_eq!(report.points[0].days, 1);
        assert_eq!(report.points[9].days, 10);
        let p = report.percentiles.unwrap();
        assert_eq!((p.p50, p.p70, p.p85, p.p95), (5, 7, 9, 10));
        assert_eq!(
            report.summary(&Noun::for_kind(
                super::super::super::definition::WorkflowKind::Content
            )),
            "Half of the posts finish within 5 days; 85 % within 9."
        );
        assert_eq!(report.items_at(day(7), 5), vec![ItemId(4)]);
    }

    #[test]
    fn only_items_finished_in_the_period_count_and_backward_moves_restart_the_finish() {
        let in_period = finished(1, 3, 5);
        let before = finished(2, 1, 2);
        // Published on the 6th, pulled back to Review on the 7th, published again on the 10th.
        let reopened = Story::new(3, at(3, 8))
            .to("draft", at(4, 9))
            .to("review", at(5, 9))
            .to("published", at(6, 9))
            .back("review", at(7, 9))
            .to("published", at(10, 9))
            .history();
        // Pulled back and still out of the last stage: not finished.
        let pulled = Story::new(4, at(3, 8))
            .to("draft", at(3, 9))
            .to("published", at(4, 9))
            .back("draft", at(5, 9))
            .history();
        let histories = [in_period, before, reopened, pulled];
        let report = cycle_times(&histories, Period::new(day(3), day(16)), offset());
        let got: Vec<(i64, u32)> = report.points.iter().map(|p| (p.item.0, p.days)).collect();
        assert_eq!(got, vec![(1, 3), (3, 7)]);
    }

    #[test]
    fn archived_items_only_count_when_they_finished_first() {
        let tidied = Story::new(1, at(3, 8))
            .to("draft", at(3, 9))
            .to("published", at(4, 9))
            .archive(at(5, 9))
            .history();
        let dropped = Story::new(2, at(3, 8))
            .to("draft", at(3, 9))
            .archive(at(4, 9))
            .history();
        let report = cycle_times([&tidied, &dropped], Period::new(day(3), day(9)), offset());
        assert_eq!(report.points.len(), 1);
        assert_eq!(report.points[0].item, ItemId(1));
        assert_eq!(
            report.summary(&Noun::new("ad", "ads")),
            "Only 1 ad finished in this period; it took 2 days."
        );
        let empty = cycle_times([&dropped], Period::new(day(3), day(9)), offset());
        assert_eq!(
            empty.summary(&Noun::new("ad", "ads")),
            "No ads finished in this period."
        );
    }
}
