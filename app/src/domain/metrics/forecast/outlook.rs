//! Each open item's chance of reaching the last stage by its date, and the trending-late
//! flag (chance under 50 %) with its reason in words — raised before the date is missed.
//!
//! The chance comes from finished items: of those that had been in the item's current
//! stage at least as long as it has (counting from their last entry into that stage), the
//! share that finished within the days the item has left. With fewer than
//! [`MIN_FINISHED_ITEMS`](super::MIN_FINISHED_ITEMS) such items it falls back to the whole
//! cycle-time distribution, conditioned the same way on the item's age. Conditioning on
//! the time already spent is what makes an old item's chance fall.

use super::super::days::{days_counted, local_day, Period};
use super::super::flow::FlowSettings;
use super::super::history::{Deadline, DeadlineKind, ItemHistory};
use super::super::stats::{count_between, nearest_rank};
use super::super::words::{counted, durations_alike, Noun};
use super::{Confidence, MIN_FINISHED_ITEMS};
use crate::domain::ids::{ItemId, StageKey};
use crate::domain::words::day as short_date;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What finished items say about how long the rest of the work takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinishReference {
    /// Cycle times of the finished items, in days, shortest first.
    pub cycle_days: Vec<u32>,
    /// Per stage in board order: days from an item's last entry into the stage to its
    /// finish (both counted), shortest first.
    pub from_stage_days: Vec<Vec<u32>>,
    /// Per stage in board order: the P85 of one visit's length, in seconds.
    pub visit_p85_secs: Vec<Option<i64>>,
    /// Whether there are enough finished items to judge by.
    pub confidence: Confidence,
}

impl FinishReference {
    /// The reference of `flow`'s items finished in `period` (typically the last 90 days).
    /// O(visits log visits).
    pub fn build<'a>(
        histories: impl IntoIterator<Item = &'a ItemHistory>,
        flow: &FlowSettings,
        period: Period,
        offset: FixedOffset,
        noun: &Noun,
    ) -> Self {
        let stages = flow.stages.len();
        let mut cycle_days = Vec::new();
        let mut from_stage_days = vec![Vec::new(); stages];
        let mut visits = vec![Vec::new(); stages];
        let mut finish_days = BTreeSet::new();
        for history in histories
            .into_iter()
            .filter(|h| h.details.workflow == flow.workflow)
        {
            let Some(finish_day) = history.finish_day(offset).filter(|d| period.contains(*d))
            else {
                continue;
            };
            let Some(finished) = history.finished else {
                continue;
            };
            finish_days.insert(finish_day);
            cycle_days.extend(history.cycle_days(offset));
            let mut seen = vec![false; stages];
            for visit in history.visits.iter().rev().filter(|v| v.entered < finished) {
                let Some(p) = flow.position(&visit.stage) else {
                    continue;
                };
                visits[p].push(visit.duration(finished).num_seconds());
                if !seen[p] {
                    seen[p] = true;
                    from_stage_days[p]
                        .push(days_counted(local_day(visit.entered, offset), finish_day));
                }
            }
        }
        cycle_days.sort_unstable();
        from_stage_days.iter_mut().for_each(|d| d.sort_unstable());
        let visit_p85_secs = visits
            .into_iter()
            .map(|mut v| {
                v.sort_unstable();
                nearest_rank(&v, 85)
            })
            .collect();
        let confidence = Confidence::judge(cycle_days.len() as u32, finish_days.len() as u32, noun);
        Self {
            cycle_days,
            from_stage_days,
            visit_p85_secs,
            confidence,
        }
    }
}

/// Where an open item stands against its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutlookStatus {
    /// At least an even chance of making it.
    OnTrack,
    /// Less than an even chance, and the date has not passed yet.
    TrendingLate,
    /// The date has passed.
    Overdue,
    /// It has no planned or due date.
    NoDeadline,
    /// Too few finished items to judge by.
    NotEnoughData,
}

/// One open item's outlook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemOutlook {
    /// The item.
    pub item: ItemId,
    /// The stage it is in.
    pub stage: StageKey,
    /// The date it is judged against.
    pub deadline: Option<Deadline>,
    /// Its chance of making it (0 to 1), when one can be given.
    pub chance: Option<f64>,
    /// Where it stands.
    pub status: OutlookStatus,
    /// Why, in words, for trending-late, overdue and not-enough-data items.
    pub reason: Option<String>,
}

impl ItemOutlook {
    /// Whether it should be flagged as trending late.
    pub fn is_trending_late(&self) -> bool {
        self.status == OutlookStatus::TrendingLate
    }
}

/// The outlook of every open (unfinished, not dropped) item of `flow` at `now`, started or
/// not. O(n log n).
pub fn item_outlooks<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    flow: &FlowSettings,
    reference: &FinishReference,
    now: DateTime<Utc>,
    offset: FixedOffset,
    noun: &Noun,
) -> Vec<ItemOutlook> {
    let today = local_day(now, offset);
    histories
        .into_iter()
        .filter(|h| h.details.workflow == flow.workflow && h.finished.is_none() && !h.is_archived())
        .filter_map(|h| {
            let visit = h.current()?;
            let deadline = h.deadline(offset);
            let mut outlook = ItemOutlook {
                item: h.item,
                stage: visit.stage.clone(),
                deadline,
                chance: None,
                status: OutlookStatus::NoDeadline,
                reason: None,
            };
            let Some(deadline) = deadline else {
                return Some(outlook);
            };
            if deadline.date < today {
                outlook.status = OutlookStatus::Overdue;
                outlook.chance = Some(0.0);
                outlook.reason = Some(super::super::words::capitalised(&format!(
                    "{}, and it is not done.",
                    date_words(deadline, today)
                )));
                return Some(outlook);
            }
            if !reference.confidence.enough {
                outlook.status = OutlookStatus::NotEnoughData;
                outlook.reason = reference.confidence.note.clone();
                return Some(outlook);
            }
            let ctx = Judged {
                history: h,
                flow,
                reference,
                deadline,
                today,
                now,
                offset,
                noun,
            };
            let (chance, reason) = ctx.judge();
            outlook.chance = Some(chance);
            if chance < 0.5 {
                outlook.status = OutlookStatus::TrendingLate;
                outlook.reason = Some(reason);
            } else {
                outlook.status = OutlookStatus::OnTrack;
            }
            Some(outlook)
        })
        .collect()
}

struct Judged<'a> {
    history: &'a ItemHistory,
    flow: &'a FlowSettings,
    reference: &'a FinishReference,
    deadline: Deadline,
    today: NaiveDate,
    now: DateTime<Utc>,
    offset: FixedOffset,
    noun: &'a Noun,
}

impl Judged<'_> {
    /// The chance, and the reason it is low.
    fn judge(&self) -> (f64, String) {
        let Some(visit) = self.history.current() else {
            return (0.0, String::new());
        };
        let position = self.flow.position(&visit.stage);
        let by_stage = position
            .map(|p| &self.reference.from_stage_days[p])
            .filter(|d| d.len() >= MIN_FINISHED_ITEMS as usize);
        // Counting from the day the clock started (stage entry, else start of work, else today).
        let (samples, since) = match (by_stage, self.history.start_day(self.offset)) {
            (Some(days), _) => (days, local_day(visit.entered, self.offset)),
            (None, Some(started)) => (&self.reference.cycle_days, started),
            (None, None) => (&self.reference.cycle_days, self.today),
        };
        let so_far = days_counted(since, self.today).max(1);
        let allowed = days_counted(since, self.deadline.date);
        let alive = &samples[samples.partition_point(|d| *d < so_far)..];
        let chance = if alive.is_empty() {
            0.0
        } else {
            count_between(alive, &so_far, &allowed) as f64 / alive.len() as f64
        };
        let stage_name = self.flow.stage_name(&visit.stage);
        let in_stage = visit.duration(self.now).num_seconds();
        let p85_visit = position.and_then(|p| self.reference.visit_p85_secs[p]);
        let reason = match p85_visit.filter(|p85| in_stage > *p85) {
            Some(p85) => {
                let (stay, usual) = durations_alike(in_stage, p85);
                format!(
                    "in {stage_name} for {stay}; 85 % of {} leave {stage_name} within {usual}.",
                    self.noun.plural
                )
            }
            None if alive.is_empty() => {
                let days = counted(u64::from(so_far), "day", "days");
                let one = &self.noun.singular;
                if by_stage.is_some() {
                    format!(
                        "{days} in {stage_name} so far; no finished {one} stayed there that long."
                    )
                } else {
                    format!("{days} since work started; no finished {one} took that long.")
                }
            }
            None => {
                let more = nearest_rank(alive, 85)
                    .unwrap_or(so_far)
                    .saturating_sub(so_far);
                let more = counted(u64::from(more), "more day", "more days");
                let date = date_words(self.deadline, self.today);
                let plural = &self.noun.plural;
                match (by_stage.is_some(), self.history.started.is_some()) {
                    (true, _) => format!("{date}; from this point in {stage_name}, 85 % of {plural} take up to {more}."),
                    (false, true) => format!("{date}; at this age, 85 % of {plural} take up to {more}."),
                    (false, false) => format!(
                        "{date} and not started; 85 % of {plural} take up to {} once started.",
                        counted(u64::from(nearest_rank(alive, 85).unwrap_or(0)), "day", "days")
                    ),
                }
            }
        };
        (chance, super::super::words::capitalised(&reason))
    }
}

/// "planned for today", "due tomorrow", "planned for 14 Jun 2024 (in 5 days)", "due
/// 3 Jun 2024 (2 days ago)".
fn date_words(deadline: Deadline, today: NaiveDate) -> String {
    let lead = match deadline.kind {
        DeadlineKind::Planned => "planned for",
        DeadlineKind::Due => "due",
    };
    let away = (deadline.date - today).num_days();
    match away {
        0 => format!("{lead} today"),
        1 => format!("{lead} tomorrow"),
        -1 => format!("{lead} yesterday"),
        n if n > 1 => format!("{lead} {} (in {n} days)", short_date(deadline.date)),
        n => format!("{lead} {} ({} days ago)", short_date(deadline.date), -n),
    }
}
