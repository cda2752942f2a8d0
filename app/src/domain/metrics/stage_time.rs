//! Where items wait: the time finished items spent in each stage between starting and
//! finishing, split into waiting for approval and working, and the stage that holds the
//! most of it (the bottleneck).

use super::super::ids::StageKey;
use super::compare::{Measure, MeasureKey};
use super::days::Period;
use super::flow::FlowSettings;
use super::history::ItemHistory;
use super::stats::nearest_rank;
use super::words::{percent, share, Noun};
use chrono::FixedOffset;
use serde::{Deserialize, Serialize};

/// The median and P85 of a set of durations, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Spread {
    /// Half are at or below this.
    pub median_secs: i64,
    /// 85 % are at or below this.
    pub p85_secs: i64,
}

impl Spread {
    fn of(mut values: Vec<i64>) -> Self {
        values.sort_unstable();
        Self {
            median_secs: nearest_rank(&values, 50).unwrap_or(0),
            p85_secs: nearest_rank(&values, 85).unwrap_or(0),
        }
    }
}

/// The time items spent in one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageTime {
    /// The stage.
    pub stage: StageKey,
    /// Its name.
    pub name: String,
    /// Visits counted (an item that came back counts each visit).
    pub visits: u32,
    /// Duration of one visit.
    pub total: Spread,
    /// The part of a visit spent waiting for an approval decision.
    pub waiting: Spread,
    /// The rest of a visit.
    pub working: Spread,
    /// All seconds spent in the stage.
    pub total_secs: i64,
    /// All seconds spent in it waiting for approval.
    pub waiting_secs: i64,
    /// Its share of all the cycle time (0 to 1).
    pub share_of_cycle_time: f64,
    /// Its share of all the time spent waiting for approval (0 to 1).
    pub share_of_waiting: f64,
}

/// The stage holding the most cycle time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bottleneck {
    /// The stage.
    pub stage: StageKey,
    /// Its name.
    pub name: String,
    /// Its share of cycle time (0 to 1).
    pub share: f64,
    /// How much of its time was waiting for approval (0 to 1).
    pub waiting_share: f64,
}

/// Time in stage for the items finished in a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageTimes {
    /// The period.
    pub period: Period,
    /// Items counted.
    pub items: u32,
    /// Stages in board order, those with no visits left out.
    pub stages: Vec<StageTime>,
    /// The stage holding the most cycle time.
    pub bottleneck: Option<Bottleneck>,
    /// The stage holding the most waiting for approval.
    pub most_waiting: Option<Bottleneck>,
}

/// Time in each stage of the `flow` items finished in `period`: every visit from the start
/// of work up to entering the last stage for good (stages visited before work started are
/// not cycle time). O(visits log visits).
pub fn stage_times<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    flow: &FlowSettings,
    period: Period,
    offset: FixedOffset,
) -> StageTimes {
    let retired = flow.stages.len();
    let mut totals: Vec<Vec<i64>> = vec![Vec::new(); retired + 1];
    let mut waits: Vec<Vec<i64>> = vec![Vec::new(); retired + 1];
    let mut items = 0;
    for history in histories.into_iter().filter(|h| {
        h.details.workflow == flow.workflow
            && h.finish_day(offset).is_some_and(|d| period.contains(d))
    }) {
        let (Some(started), Some(finished)) = (history.started, history.finished) else {
            continue;
        };
        items += 1;
        for visit in history
            .visits
            .iter()
            .filter(|v| v.entered >= started && v.entered < finished)
        {
            let band = flow.position(&visit.stage).unwrap_or(retired);
            let total = visit.duration(finished).num_seconds();
            totals[band].push(total);
            waits[band].push(visit.approval_wait(finished).num_seconds().min(total));
        }
    }
    let all: i64 = totals.iter().flatten().sum();
    let all_waiting: i64 = waits.iter().flatten().sum();
    let names = flow
        .stages
        .iter()
        .map(|s| (s.key.clone(), s.name.clone()))
        .chain(std::iter::once((
            StageKey::new("retired"),
            super::cfd::RETIRED_STAGES.to_owned(),
        )));
    let stages: Vec<StageTime> = names
        .zip(totals.into_iter().zip(waits))
        .filter(|(_, (t, _))| !t.is_empty())
        .map(|((stage, name), (total, waiting))| {
            let total_secs: i64 = total.iter().sum();
            let waiting_secs: i64 = waiting.iter().sum();
            let working: Vec<i64> = total.iter().zip(&waiting).map(|(t, w)| t - w).collect();
            StageTime {
                stage,
                name,
                visits: total.len() as u32,
                total: Spread::of(total),
                waiting: Spread::of(waiting),
                working: Spread::of(working),
                total_secs,
                waiting_secs,
                share_of_cycle_time: share(total_secs.unsigned_abs(), all.unsigned_abs()),
                share_of_waiting: share(waiting_secs.unsigned_abs(), all_waiting.unsigned_abs()),
            }
        })
        .collect();
    let top = |waiting: bool| {
        let held = |s: &StageTime| {
            if waiting {
                s.waiting_secs
            } else {
                s.total_secs
            }
        };
        stages
            .iter()
            .filter(|s| held(s) > 0)
            .max_by_key(|s| held(s))
            .map(|s| Bottleneck {
                stage: s.stage.clone(),
                name: s.name.clone(),
                share: if waiting {
                    s.share_of_waiting
                } else {
                    s.share_of_cycle_time
                },
                waiting_share: share(s.waiting_secs.unsigned_abs(), s.total_secs.unsigned_abs()),
            })
    };
    let bottleneck = top(false);
    let most_waiting = top(true);
    StageTimes {
        period,
        items,
        stages,
        bottleneck,
        most_waiting,
    }
}

impl StageTimes {
    /// The stage's time, if items spent any there.
    pub fn stage(&self, key: &StageKey) -> Option<&StageTime> {
        self.stages.iter().find(|s| &s.stage == key)
    }

    /// "80 % of cycle time is in Review, most of it waiting for approval. Review holds 90 %
    /// of the time posts spend waiting for approval."
    pub fn summary(&self, noun: &Noun) -> String {
        let Some(b) = &self.bottleneck else {
            return format!("No {} finished in this period.", noun.plural);
        };
        let mut sentence = format!("{} of cycle time is in {}", percent(b.share), b.name);
        if b.waiting_share > 0.5 {
            sentence.push_str(", most of it waiting for approval");
        }
        sentence.push('.');
        if let Some(w) = &self.most_waiting {
            sentence.push_str(&format!(
                " {} holds {} of the time {} spend waiting for approval.",
                w.name,
                percent(w.share),
                noun.plural
            ));
        }
        sentence
    }

    /// The figures to compare with another period.
    pub fn measures(&self) -> Vec<Measure> {
        vec![Measure::new(
            MeasureKey::BottleneckShare,
            self.bottleneck.as_ref().map(|b| b.share),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{at, day, flow, offset, Story};
    use super::*;

    const H: i64 = 3600;

    #[test]
    fn time_is_split_into_waiting_for_approval_and_working_and_the_bottleneck_named() {
        let histories = [
            // Draft 3rd 9:00 → Review 4th 9:00 (24 h); submitted 4th 10:00, approved 6th 10:00
            // (48 h waiting), published: 49 h in Review.
            Story::new(1, at(3, 8))
                .to("draft", at(3, 9))
                .to("review", at(4, 9))
                .submit(at(4, 10))
                .approve_to("published", at(6, 10))
                .history(),
            // Draft 12 h, Review 12 h with no approval; then back to Draft for 12 h, Review
            // again 12 h, published. The Brief time before starting does not count.
            Story::new(2, at(2, 8))
                .to("draft", at(3, 9))
                .to("review", at(3, 21))
                .back("draft", at(4, 9))
                .to("review", at(4, 21))
                .to("published", at(5, 9))
                .history(),
            // Unfinished: left out.
            Story::new(3, at(3, 8)).to("draft", at(3, 9)).history(),
        ];
        let report = stage_times(&histories, &flow(), Period::new(day(1), day(9)), offset());
        assert_eq!(report.items, 2);
        let draft = report.stage(&"draft".into()).unwrap();
        assert_eq!(draft.visits, 3);
        assert_eq!(draft.total_secs, 48 * H);
        assert_eq!(
            draft.total,
            Spread {
                median_secs: 12 * H,
                p85_secs: 24 * H
            }
        );
        let review = report.stage(&"review".into()).unwrap();
        assert_eq!(review.total_secs, 73 * H);
        assert_eq!(review.waiting_secs, 48 * H);
        assert_eq!(
            review.waiting,
            Spread {
                median_secs: 0,
                p85_secs: 48 * H
            }
        );
        assert_eq!(
            review.working,
            Spread {
                median_secs: 12 * H,
                p85_secs: 12 * H
            }
        );
        assert!(report.stage(&"brief".into()).is_none());
        let b = report.bottleneck.as_ref().unwrap();
        assert_eq!(b.name, "Review");
        assert!((b.share - 73.0 / 121.0).abs() < 1e-9);
        assert_eq!(
            report.summary(&Noun::new("post", "posts")),
            "60 % of cycle time is in Review, most of it waiting for approval. \
             Review holds 100 % of the time posts spend waiting for approval."
        );
    }

    #[test]
    fn no_finished_items_means_no_bottleneck() {
        let report = stage_times(
            &[Story::new(1, at(3, 8)).history()],
            &flow(),
            Period::new(day(1), day(9)),
            offset(),
        );
        assert!(report.bottleneck.is_none());
        assert_eq!(
            report.summary(&Noun::new("post", "posts")),
            "No posts finished in this period."
        );
        assert_eq!(report.measures()[0].value, None);
    }
}
