//! Aging work in progress: every open item at its stage by its age, coloured against the
//! cycle times of finished items — what is getting old now.

use super::super::ids::{ItemId, StageKey};
use super::days::{days_counted, local_day};
use super::flow::FlowSettings;
use super::history::ItemHistory;
use super::stats::Percentiles;
use super::words::{days, Noun};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How an open item's age compares with the cycle times of finished items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBand {
    /// No older than half of the finished items took (at or below P50).
    WithinMedian,
    /// Older than P50, not older than P85.
    WithinP85,
    /// Older than 85 % of finished items took: the early warning.
    BeyondP85,
    /// Nothing has finished to compare with.
    Unrated,
}

/// One open item on the aging chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgingItem {
    /// The item.
    pub item: ItemId,
    /// The stage it is in.
    pub stage: StageKey,
    /// Its board position (`None` for a stage the workflow no longer has).
    pub position: Option<usize>,
    /// Days since it started, today included.
    pub age_days: u32,
    /// Seconds in its current stage so far.
    pub in_stage_secs: i64,
    /// Its colour band.
    pub band: AgeBand,
}

/// The open items of a workflow by age.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgingWip {
    /// Today, in the team's offset.
    pub today: NaiveDate,
    /// The lines the bands are drawn against (from finished items).
    pub reference: Option<Percentiles<u32>>,
    /// Open items by board position, oldest first within a stage.
    pub items: Vec<AgingItem>,
}

/// Every started, unfinished and not dropped item of `flow` at `now`, against `reference`
/// (typically [`super::CycleTimes::percentiles`] of a recent period). O(n log n).
pub fn aging_wip<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    flow: &FlowSettings,
    reference: Option<Percentiles<u32>>,
    now: DateTime<Utc>,
    offset: FixedOffset,
) -> AgingWip {
    let today = local_day(now, offset);
    let mut items: Vec<AgingItem> = histories
        .into_iter()
        .filter(|h| h.details.workflow == flow.workflow && h.in_progress())
        .filter_map(|h| {
            let visit = h.current()?;
            let age_days = days_counted(h.start_day(offset)?, today).max(1);
            Some(AgingItem {
                item: h.item,
                stage: visit.stage.clone(),
                position: flow.position(&visit.stage),
                age_days,
                in_stage_secs: visit.duration(now).num_seconds(),
                band: band_of(age_days, reference),
            })
        })
        .collect();
    items.sort_unstable_by_key(|i| {
        (
            i.position.unwrap_or(usize::MAX),
            std::cmp::Reverse(i.age_days),
            i.item,
        )
    });
    AgingWip {
        today,
        reference,
        items,
    }
}

fn band_of(age: u32, reference: Option<Percentiles<u32>>) -> AgeBand {
    match reference {
        None => AgeBand::Unrated,
        Some(p) if age <= p.p50 => AgeBand::WithinMedian,
        Some(p) if age <= p.p85 => AgeBand::WithinP85,
        Some(_) => AgeBand::BeyondP85,
    }
}

impl AgingWip {
    /// "3 of 12 posts in progress are older than 11 days, the time 85 % of posts finish within."
    pub fn summary(&self, noun: &Noun) -> String {
        let open = self.items.len() as u64;
        if open == 0 {
            return format!("No {} are in progress.", noun.plural);
        }
        let Some(p) = self.reference else {
            return format!(
                "{} in progress; none have finished yet to compare their age with.",
                super::words::capitalised(&noun.count(open))
            );
        };
        let old = self
            .items
            .iter()
            .filter(|i| i.band == AgeBand::BeyondP85)
            .count() as u64;
        let limit = days(p.p85);
        if old == 0 {
            format!(
                "None of the {} in progress is older than {}, the time 85 % of {} finish within.",
                noun.count(open),
                limit,
                noun.plural
            )
        } else {
            let verb = if old == 1 { "is" } else { "are" };
            format!(
                "{old} of {} in progress {verb} older than {limit}, the time 85 % of {} finish within.",
                noun.count(open),
                noun.plural
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{at, day, finished, flow, offset, Story};
    use super::*;

    #[test]
    fn open_items_are_aged_from_their_start_and_banded_against_finished_ones() {
        let reference = Some(Percentiles {
            p50: 3,
            p70: 4,
            p85: 6,
            p95: 8,
        });
        let histories = [
            // Started on the 3rd; today is the 10th: 8 days.
            Story::new(1, at(1, 9))
                .to("draft", at(3, 9))
                .to("review", at(9, 9))
                .history(),
            // Started on the 6th: 5 days.
            Story::new(2, at(1, 9)).to("draft", at(6, 9)).history(),
            // Started today: 1 day.
            Story::new(3, at(10, 8)).to("draft", at(10, 9)).history(),
            // Moved back to Brief after starting: still in progress, 6 days.
            Story::new(4, at(1, 9))
                .to("draft", at(5, 9))
                .back("brief", at(6, 9))
                .history(),
            // Not started, finished and dropped items are not work in progress.
            Story::new(5, at(1, 9)).history(),
            finished(6, 2, 4),
            Story::new(7, at(1, 9))
                .to("draft", at(2, 9))
                .archive(at(4, 9))
                .history(),
        ];
        let now = at(10, 12);
        let report = aging_wip(&histories, &flow(), reference, now, offset());
        let got: Vec<(i64, u32, AgeBand)> = report
            .items
            .iter()
            .map(|i| (i.item.0, i.age_days, i.band))
            .collect();
        assert_eq!(
            got,
            vec![
                (4, 6, AgeBand::WithinP85),
                (2, 5, AgeBand::WithinP85),
                (3, 1, AgeBand::WithinMedian),
                (1, 8, AgeBand::BeyondP85),
            ]
        );
        assert_eq!(report.today, day(10));
        assert_eq!(report.items[3].in_stage_secs, 27 * 3600);
        assert_eq!(
            report.summary(&Noun::new("post", "posts")),
            "1 of 4 posts in progress is older than 6 days, the time 85 % of posts finish within."
        );
        let unrated = aging_wip(&histories, &flow(), None, now, offset());
        assert!(unrated.items.iter().all(|i| i.band == AgeBand::Unrated));
        assert_eq!(
            unrated.summary(&Noun::new("post", "posts")),
            "4 posts in progress; none have finished yet to compare their age with."
        );
    }
}
