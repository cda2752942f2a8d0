//! On-time delivery: the share of finished items that reached their last stage on or
//! before their planned date (or their due date when they have no planned date).
//!
//! Items are judged against the dates they carry now. Items with neither date are left out
//! of the share and counted as such.

use super::super::ids::{ItemId, WorkflowId};
use super::super::item::Channel;
use super::compare::{Measure, MeasureKey};
use super::days::Period;
use super::history::{DeadlineKind, ItemHistory};
use super::words::{percent, Noun};
use chrono::{FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Finished items by whether they were on time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OnTimeCount {
    /// Finished on or before their date.
    pub on_time: u32,
    /// Finished after it.
    pub late: u32,
    /// Finished without a planned or due date (not judged).
    pub without_date: u32,
}

impl OnTimeCount {
    /// Items that had a date.
    pub fn judged(&self) -> u32 {
        self.on_time + self.late
    }

    /// The on-time share of the items that had a date; `None` when none had one.
    pub fn share(&self) -> Option<f64> {
        let judged = self.judged();
        (judged > 0).then(|| f64::from(self.on_time) / f64::from(judged))
    }

    fn add(&mut self, verdict: Option<bool>) {
        match verdict {
            Some(true) => self.on_time += 1,
            Some(false) => self.late += 1,
            None => self.without_date += 1,
        }
    }
}

/// An item that finished after its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateItem {
    /// The item.
    pub item: ItemId,
    /// The date it was judged against.
    pub deadline: NaiveDate,
    /// Planned or due.
    pub kind: DeadlineKind,
    /// The day it finished.
    pub finished: NaiveDate,
    /// Days after the date.
    pub days_late: u32,
}

/// On-time delivery of the items finished in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnTime {
    /// The period.
    pub period: Period,
    /// All items.
    pub overall: OnTimeCount,
    /// Per workflow, by workflow id.
    pub by_workflow: Vec<(WorkflowId, OnTimeCount)>,
    /// Per channel, in the order channels first appear.
    pub by_channel: Vec<(Channel, OnTimeCount)>,
    /// The late items, latest first.
    pub late: Vec<LateItem>,
}

/// On-time delivery of the histories finished in `period`. O(n log n).
pub fn on_time_delivery<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    period: Period,
    offset: FixedOffset,
) -> OnTime {
    let mut report = OnTime {
        period,
        overall: OnTimeCount::default(),
        by_workflow: Vec::new(),
        by_channel: Vec::new(),
        late: Vec::new(),
    };
    for history in histories {
        let Some(finished) = history.finish_day(offset).filter(|d| period.contains(*d)) else {
            continue;
        };
        let deadline = history.deadline(offset);
        let verdict = deadline.map(|d| finished <= d.date);
        report.overall.add(verdict);
        group(&mut report.by_workflow, &history.details.workflow).add(verdict);
        group(&mut report.by_channel, &history.details.channel).add(verdict);
        if let Some(d) = deadline.filter(|d| finished > d.date) {
            report.late.push(LateItem {
                item: history.item,
                deadline: d.date,
                kind: d.kind,
                finished,
                days_late: u32::try_from((finished - d.date).num_days()).unwrap_or(0),
            });
        }
    }
    report.by_workflow.sort_by(|a, b| a.0.cmp(&b.0));
    report
        .late
        .sort_unstable_by_key(|l| (std::cmp::Reverse(l.days_late), l.item));
    report
}

/// The count of `key`, added when first seen (few groups: a linear search is fastest).
fn group<'g, K: PartialEq + Clone>(
    groups: &'g mut Vec<(K, OnTimeCount)>,
    key: &K,
) -> &'g mut OnTimeCount {
    let i = match groups.iter().position(|(k, _)| k == key) {
        Some(i) => i,
        None => {
            groups.push((key.clone(), OnTimeCount::default()));
            groups.len() - 1
        }
    };
    &mut groups[i].1
}

impl OnTime {
    /// "92 % of emails went out on time (23 of 25)."
    pub fn summary(&self, noun: &Noun) -> String {
        let c = self.overall;
        let Some(share) = c.share() else {
            return if c.without_date == 0 {
                format!("No {} finished in this period.", noun.plural)
            } else {
                format!(
                    "None of the {} finished in this period had a planned or due date.",
                    noun.plural
                )
            };
        };
        let mut sentence = format!(
            "{} of {} {} on time ({} of {}).",
            percent(share),
            noun.plural,
            noun.delivered,
            c.on_time,
            c.judged()
        );
        if c.without_date > 0 {
            let verb = if c.without_date == 1 { "has" } else { "have" };
            sentence.push_str(&format!(
                " {} without a planned or due date {verb} been left out.",
                noun.count(u64::from(c.without_date))
            ));
        }
        sentence
    }

    /// The figures to compare with another period.
    pub fn measures(&self) -> Vec<Measure> {
        vec![Measure::new(
            MeasureKey::OnTimeDelivery,
            self.overall.share(),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{at, day, offset, Story};
    use super::*;
    use chrono::TimeZone;

    fn published(id: i64, on: u32) -> Story {
        Story::new(id, at(1, 9))
            .to("draft", at(2, 9))
            .to("published", at(on, 23))
    }

    #[test]
    fn items_are_judged_by_planned_date_else_due_date_and_undated_ones_left_out() {
        let histories = [
            // On the planned day itself: on time (late evening, still the local day).
            published(1, 10).planned(10).history(),
            // A day after the planned date: late, though the due date was later.
            published(2, 11).planned(10).due(at(20, 12)).history(),
            // No planned date: judged by the due date (local day 12 at UTC+2).
            published(3, 12)
                .due(chrono::Utc.with_ymd_and_hms(2024, 6, 11, 23, 0, 0).unwrap())
                .channel(Channel::Email)
                .history(),
            // No dates at all.
            published(4, 12).history(),
            // Finished outside the period.
            published(5, 25).planned(1).history(),
        ];
        let report = on_time_delivery(&histories, Period::new(day(1), day(20)), offset());
        assert_eq!(
            report.overall,
            OnTimeCount {
                on_time: 2,
                late: 1,
                without_date: 1
            }
        );
        assert_eq!(
            report.by_channel,
            vec![
                (
                    Channel::Blog,
                    OnTimeCount {
                        on_time: 1,
                        late: 1,
                        without_date: 1
                    }
                ),
                (
                    Channel::Email,
                    OnTimeCount {
                        on_time: 1,
                        late: 0,
                        without_date: 0
                    }
                ),
            ]
        );
        assert_eq!(report.by_workflow.len(), 1);
        assert_eq!(report.late.len(), 1);
        assert_eq!(
            (report.late[0].item, report.late[0].days_late),
            (ItemId(2), 1)
        );
        assert_eq!(report.late[0].kind, DeadlineKind::Planned);
        let emails = Noun::for_kind(super::super::super::definition::WorkflowKind::Email);
        assert_eq!(
            report.summary(&emails),
            "67 % of emails went out on time (2 of 3). 1 email without a planned or due date has been left out."
        );
    }

    #[test]
    fn a_period_without_dates_says_so() {
        let report = on_time_delivery(
            &[published(1, 3).history()],
            Period::new(day(1), day(5)),
            offset(),
        );
        assert_eq!(report.overall.share(), None);
        assert_eq!(
            report.summary(&Noun::new("post", "posts")),
            "None of the posts finished in this period had a planned or due date."
        );
    }
}
