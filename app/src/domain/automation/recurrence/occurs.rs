//! When a schedule comes due: its slots after a moment, and the one slot to run now.

use super::{Frequency, Recurrence};
use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

/// How many periods (days, weeks or months) a search looks through before it concludes
/// that a schedule never comes due, e.g. the 31st in a schedule that only visits February.
const SEARCH_PERIODS: i64 = 1_500;

fn monday(day: NaiveDate) -> NaiveDate {
    day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday()))
}

fn month_number(day: NaiveDate) -> i64 {
    i64::from(day.year()) * 12 + i64::from(day.month0())
}

fn days_in_month(first: NaiveDate) -> u32 {
    let next = first + Months::new(1);
    (next - first).num_days() as u32
}

impl Recurrence {
    /// The number of the period `day` lies in, counted from the anchor's period.
    fn period_of(&self, anchor: NaiveDate, day: NaiveDate) -> i64 {
        match self.freq {
            Frequency::Daily => (day - anchor).num_days(),
            Frequency::Weekly => (monday(day) - monday(anchor)).num_days() / 7,
            Frequency::Monthly => month_number(day) - month_number(anchor),
        }
    }

    /// The days of period `n` (counted from the anchor's) on which the schedule runs.
    fn days_of(&self, anchor: NaiveDate, n: i64) -> Vec<NaiveDate> {
        let weekday_ok = |day: NaiveDate| {
            self.by_day.is_empty() || self.by_day.iter().any(|d| d.weekday == day.weekday())
        };
        let days: Vec<NaiveDate> = match self.freq {
            Frequency::Daily => {
                let day = anchor + TimeDelta::days(n);
                if weekday_ok(day) {
                    vec![day]
                } else {
                    Vec::new()
                }
            }
            Frequency::Weekly => {
                let start = monday(anchor) + TimeDelta::weeks(n);
                (0..7)
                    .map(|i| start + TimeDelta::days(i))
                    .filter(|d| weekday_ok(*d))
                    .collect()
            }
            Frequency::Monthly => {
                let first = anchor.with_day(1).unwrap_or(anchor);
                let Some(first) = u32::try_from(n)
                    .ok()
                    .and_then(|n| first.checked_add_months(Months::new(n)))
                else {
                    return Vec::new();
                };
                let len = days_in_month(first);
                (1..=len)
                    .filter_map(|d| first.with_day(d))
                    .filter(|d| self.month_day_ok(d.day(), len) && self.month_weekday_ok(*d, len))
                    .collect()
            }
        };
        self.pick_positions(days)
    }

    fn month_day_ok(&self, day: u32, len: u32) -> bool {
        let (day, len) = (day as i32, len as i32);
        self.by_month_day.is_empty()
            || self.by_month_day.iter().any(|&md| {
                if md > 0 {
                    md == day
                } else {
                    len + md + 1 == day
                }
            })
    }

    fn month_weekday_ok(&self, day: NaiveDate, len: u32) -> bool {
        let from_start = (day.day() as i32 - 1) / 7 + 1;
        let from_end = (len as i32 - day.day() as i32) / 7 + 1;
        self.by_day.is_empty()
            || self.by_day.iter().any(|d| {
                d.weekday == day.weekday()
                    && match d.position {
                        None => true,
                        Some(p) if p > 0 => p == from_start,
                        Some(p) => -p == from_end,
                    }
            })
    }

    fn pick_positions(&self, days: Vec<NaiveDate>) -> Vec<NaiveDate> {
        if self.by_set_pos.is_empty() {
            return days;
        }
        let len = days.len() as i32;
        let mut picked: Vec<NaiveDate> = self
            .by_set_pos
            .iter()
            .filter_map(|&p| {
                let index = if p > 0 { p - 1 } else { len + p };
                (0..len).contains(&index).then(|| days[index as usize])
            })
            .collect();
        picked.sort();
        picked.dedup();
        picked
    }

    pub(super) fn times(&self) -> Vec<NaiveTime> {
        let mut times: Vec<NaiveTime> = self
            .hours
            .iter()
            .flat_map(|h| {
                self.minutes
                    .iter()
                    .filter_map(move |m| NaiveTime::from_hms_opt(*h, *m, 0))
            })
            .collect();
        times.sort();
        times
    }

    /// The slots of period `n`, earliest first, none before the anchor.
    fn slots_of(&self, anchor: NaiveDateTime, n: i64) -> Vec<NaiveDateTime> {
        if n < 0 || n % i64::from(self.interval) != 0 {
            return Vec::new();
        }
        let times = self.times();
        self.days_of(anchor.date(), n)
            .into_iter()
            .flat_map(|day| times.iter().map(move |t| day.and_time(*t)))
            .filter(|slot| *slot >= anchor)
            .collect()
    }

    /// Whether `at` is a slot of the schedule counted from `anchor`.
    pub fn is_occurrence(&self, anchor: NaiveDateTime, at: NaiveDateTime) -> bool {
        let n = self.period_of(anchor.date(), at.date());
        self.slots_of(anchor, n).contains(&at)
    }

    /// The first slot strictly after `after` (and not before `anchor`), or `None` when the
    /// schedule never comes due again.
    pub fn next_after(&self, anchor: NaiveDateTime, after: NaiveDateTime) -> Option<NaiveDateTime> {
        let interval = i64::from(self.interval);
        let from = after.max(anchor).date();
        let first = self.period_of(anchor.date(), from).max(0);
        let first = (first + interval - 1) / interval * interval;
        (0..SEARCH_PERIODS)
            .map(|i| first + i * interval)
            .find_map(|n| self.slots_of(anchor, n).into_iter().find(|s| *s > after))
    }

    /// The latest slot at or before `at`, if there is one.
    pub fn last_at_or_before(
        &self,
        anchor: NaiveDateTime,
        at: NaiveDateTime,
    ) -> Option<NaiveDateTime> {
        if at < anchor {
            return None;
        }
        let interval = i64::from(self.interval);
        let last = self.period_of(anchor.date(), at.date()) / interval * interval;
        (0..SEARCH_PERIODS)
            .map(|i| last - i * interval)
            .take_while(|n| *n >= 0)
            .find_map(|n| {
                self.slots_of(anchor, n)
                    .into_iter()
                    .rev()
                    .find(|s| *s <= at)
            })
    }

    /// The one slot to run now: the latest slot after `last_run` that is not after `now`.
    /// When the server was down over several slots, only the latest runs. For a rule that
    /// never ran, pass the moment it was switched on as `last_run`.
    pub fn due_slot(
        &self,
        anchor: NaiveDateTime,
        last_run: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> Option<NaiveDateTime> {
        self.last_at_or_before(anchor, now)
            .filter(|slot| last_run.is_none_or(|last| *slot > last))
    }
}
