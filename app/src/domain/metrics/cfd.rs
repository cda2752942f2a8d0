//! Cumulative flow: how many items were in each stage at the end of each day, and from
//! it the WIP of each stage against its limit.
//!
//! An item counts on a day when, at the last moment of that day (local time), it existed and
//! was not dropped (in the archive without having finished); it counts in the stage it
//! was in at that moment. So every day's bands add up to the items that existed then.

use super::super::ids::StageKey;
use super::days::{local_day, Period};
use super::flow::FlowSettings;
use super::history::ItemHistory;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use serde::{Deserialize, Serialize};

/// The name of the band for stages the workflow no longer has.
pub const RETIRED_STAGES: &str = "Stages no longer in the workflow";

/// One stage's band: its item count on each day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowBand {
    /// The stage; `None` for the band of stages the workflow no longer has.
    pub stage: Option<StageKey>,
    /// Its name.
    pub name: String,
    /// Its WIP limit.
    pub wip_limit: Option<u32>,
    /// Items in it at the end of each day of the period.
    pub counts: Vec<u32>,
}

/// Items per stage per day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CumulativeFlow {
    /// The period; band counts are indexed by its days.
    pub period: Period,
    /// One band per stage in board order (the last stage is "finished"), plus a band for
    /// stages the workflow no longer has when items were in one.
    pub bands: Vec<FlowBand>,
}

/// The cumulative flow of `flow`'s items over `period` (histories of other workflows are
/// skipped). O(visits + days × stages).
pub fn cumulative_flow<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    flow: &FlowSettings,
    period: Period,
    offset: FixedOffset,
) -> CumulativeFlow {
    let days = period.len_days() as usize;
    let retired = flow.stages.len();
    // Difference arrays: +1 on the first day an item counts in a band, −1 on the first
    // day it no longer does.
    let mut deltas = vec![vec![0i64; days + 1]; retired + 1];
    let mut add = |band: usize, from: DateTime<Utc>, to: Option<DateTime<Utc>>| {
        let first = local_day(from, offset);
        let end = to.map(|t| local_day(t, offset));
        if end.is_some_and(|e| e <= first) || end.is_some_and(|e| e <= period.first) {
            return;
        }
        if first > period.last {
            return;
        }
        let start = index(period, first.max(period.first));
        deltas[band][start] += 1;
        if let Some(end) = end.filter(|e| *e <= period.last) {
            deltas[band][index(period, end)] -= 1;
        }
    };
    for history in histories
        .into_iter()
        .filter(|h| h.details.workflow == flow.workflow)
    {
        for (i, visit) in history.visits.iter().enumerate() {
            let band = flow.position(&visit.stage).unwrap_or(retired);
            let to = history
                .visits
                .get(i + 1)
                .map(|next| next.entered)
                .or(visit.left);
            if band == flow.last().unwrap_or(usize::MAX) || history.archived.is_empty() {
                add(band, visit.entered, to);
                continue;
            }
            // Cut the visit where it was in the archive: a dropped item does not count.
            let mut from = Some(visit.entered);
            for span in &history.archived {
                let Some(start) = from else { break };
                if to.is_some_and(|t| span.from >= t) {
                    break;
                }
                if span.to.is_some_and(|end| end <= start) {
                    continue;
                }
                if span.from > start {
                    add(band, start, Some(span.from));
                }
                from = span.to.map(|end| end.max(start));
            }
            if let Some(start) = from.filter(|start| to.is_none_or(|t| *start < t)) {
                add(band, start, to);
            }
        }
    }
    let mut bands: Vec<FlowBand> = flow
        .stages
        .iter()
        .zip(&deltas)
        .map(|(stage, delta)| FlowBand {
            stage: Some(stage.key.clone()),
            name: stage.name.clone(),
            wip_limit: stage.wip_limit,
            counts: running_sum(&delta[..days]),
        })
        .collect();
    let others = running_sum(&deltas[retired][..days]);
    if others.iter().any(|c| *c > 0) {
        bands.push(FlowBand {
            stage: None,
            name: RETIRED_STAGES.to_owned(),
            wip_limit: None,
            counts: others,
        });
    }
    CumulativeFlow { period, bands }
}

fn index(period: Period, day: NaiveDate) -> usize {
    period.index_of(day).unwrap_or(0)
}

fn running_sum(deltas: &[i64]) -> Vec<u32> {
    let mut total = 0i64;
    deltas
        .iter()
        .map(|d| {
            total += d;
            u32::try_from(total).unwrap_or(0)
        })
        .collect()
}

impl CumulativeFlow {
    /// Items that existed at the end of each day (the bands added up).
    pub fn totals(&self) -> Vec<u32> {
        let mut totals = vec![0; self.period.len_days() as usize];
        for band in &self.bands {
            for (total, count) in totals.iter_mut().zip(&band.counts) {
                *total += count;
            }
        }
        totals
    }

    /// WIP of each stage over the period against its limit.
    pub fn wip(&self) -> WipReport {
        let stages = self
            .bands
            .iter()
            .filter(|b| b.stage.is_some())
            .map(|band| {
                let peak = band.counts.iter().copied().max().unwrap_or(0);
                let days = band.counts.len().max(1) as f64;
                StageWip {
                    stage: band.stage.clone().unwrap_or_default(),
                    name: band.name.clone(),
                    limit: band.wip_limit,
                    daily: band.counts.clone(),
                    peak,
                    average: f64::from(band.counts.iter().sum::<u32>()) / days,
                    days_over_limit: band.wip_limit.map_or(0, |limit| {
                        band.counts.iter().filter(|c| **c > limit).count() as u32
                    }),
                }
            })
            .collect();
        WipReport {
            period: self.period,
            stages,
        }
    }
}

/// One stage's work in progress over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageWip {
    /// The stage.
    pub stage: StageKey,
    /// Its name.
    pub name: String,
    /// Its WIP limit.
    pub limit: Option<u32>,
    /// Items in it at the end of each day.
    pub daily: Vec<u32>,
    /// The most on any day.
    pub peak: u32,
    /// The average per day.
    pub average: f64,
    /// Days it ended above its limit.
    pub days_over_limit: u32,
}

/// WIP per stage per day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WipReport {
    /// The period.
    pub period: Period,
    /// One entry per stage in board order (the last stage included, though it is done).
    pub stages: Vec<StageWip>,
}

impl WipReport {
    /// "Draft was over its WIP limit of 2 on 3 days of 28." or "No stage went over its WIP limit."
    pub fn summary(&self) -> String {
        let days = self.period.len_days();
        let over: Vec<String> = self
            .stages
            .iter()
            .filter(|s| s.days_over_limit > 0)
            .filter_map(|s| {
                Some(format!(
                    "{} was over its WIP limit of {} on {} of {}",
                    s.name,
                    s.limit?,
                    super::words::days(s.days_over_limit),
                    days
                ))
            })
            .collect();
        if over.is_empty() {
            if self.stages.iter().any(|s| s.limit.is_some()) {
                "No stage went over its WIP limit.".to_owned()
            } else {
                "No stage has a WIP limit.".to_owned()
            }
        } else {
            format!("{}.", over.join("; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{at, day, flow, offset, Story};
    use super::*;

    fn counts(cfd: &CumulativeFlow) -> Vec<Vec<u32>> {
        cfd.bands.iter().map(|b| b.counts.clone()).collect()
    }

    #[test]
    fn items_count_in_the_stage_they_end_each_day_in() {
        let histories = [
            // Brief on the 3rd, Draft on the 4th and 5th, Review on the 6th, published the 7th.
            Story::new(1, at(3, 9))
                .to("draft", at(4, 9))
                .to("review", at(6, 9))
                .to("published", at(7, 9))
                .history(),
            // Through Draft within the 4th; moved back from Review to Draft on the 6th.
            Story::new(2, at(4, 8))
                .to("draft", at(4, 9))
                .to("review", at(4, 12))
                .back("draft", at(6, 10))
                .history(),
            // Dropped on the 5th, restored on the 7th.
            Story::new(3, at(3, 9))
                .archive(at(5, 9))
                .restore(at(7, 9))
                .history(),
        ];
        let cfd = cumulative_flow(&histories, &flow(), Period::new(day(3), day(7)), offset());
        assert_eq!(
            counts(&cfd),
            vec![
                vec![2, 1, 0, 0, 1], // Brief
                vec![0, 1, 1, 1, 1], // Draft
                vec![0, 1, 1, 1, 0], // Review
                vec![0, 0, 0, 0, 1], // Published
            ]
        );
        assert_eq!(cfd.totals(), vec![2, 3, 2, 2, 3]);
        let wip = cfd.wip();
        assert_eq!(wip.stages[1].peak, 1);
        assert_eq!(wip.stages[1].days_over_limit, 0);
        assert_eq!(wip.summary(), "No stage went over its WIP limit.");
    }

    #[test]
    fn finished_items_stay_in_the_last_band_when_archived_and_wip_limits_are_checked() {
        let histories: Vec<ItemHistory> = (1..=3)
            .map(|id| {
                Story::new(id, at(3, 9))
                    .to("draft", at(3, 10))
                    .to("review", at(4, 10))
                    .to("published", at(5, 10))
                    .archive(at(6, 10))
                    .history()
            })
            .collect();
        let cfd = cumulative_flow(&histories, &flow(), Period::new(day(2), day(6)), offset());
        assert_eq!(cfd.bands[3].counts, vec![0, 0, 0, 3, 3]);
        assert_eq!(cfd.bands[1].counts, vec![0, 3, 0, 0, 0]);
        assert_eq!(
            cfd.wip().summary(),
            "Draft was over its WIP limit of 2 on 1 day of 5."
        );
    }

    #[test]
    fn stages_the_workflow_no_longer_has_get_a_band_of_their_own() {
        let history = Story::new(1, at(3, 9)).to("legal", at(4, 9)).history();
        let cfd = cumulative_flow([&history], &flow(), Period::new(day(3), day(5)), offset());
        assert_eq!(cfd.bands.len(), 5);
        assert_eq!(cfd.bands[4].name, RETIRED_STAGES);
        assert_eq!(cfd.bands[4].counts, vec![0, 1, 1]);
        assert_eq!(cfd.totals(), vec![1, 1, 1]);
        let other_workflow = {
            let mut h = history.clone();
            h.details.workflow = "email".into();
            h
        };
        let cfd = cumulative_flow(
            [&other_workflow],
            &flow(),
            Period::new(day(3), day(5)),
            offset(),
        );
        assert_eq!(cfd.totals(), vec![0, 0, 0]);
    }
}
