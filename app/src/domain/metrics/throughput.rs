//! Throughput: items finished per week (and per day, for forecasts), zero weeks included.

use super::compare::{Measure, MeasureKey};
use super::days::{monday_of, Period};
use super::history::ItemHistory;
use super::words::{counted, decimal, Noun};
use chrono::{Datelike, FixedOffset, NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

/// Items finished in one Monday-to-Sunday week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekCount {
    /// The Monday the week starts.
    pub monday: NaiveDate,
    /// Its ISO 8601 week number (with `monday`'s ISO year, e.g. 2024-W23).
    pub iso_week: u32,
    /// How many of its days are in the period (fewer than 7 for a cut week at either end).
    pub days_in_period: u32,
    /// How many finished (or, for escalations, were raised) in those days.
    pub count: u32,
}

/// Weekly counts over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Throughput {
    /// The period.
    pub period: Period,
    /// Every week the period touches, in order, zero weeks included.
    pub weeks: Vec<WeekCount>,
}

/// Counts the `days` that fall in `period` by Monday week. O(n + weeks).
pub fn weekly_counts(days: impl IntoIterator<Item = NaiveDate>, period: Period) -> Vec<WeekCount> {
    let mut weeks: Vec<WeekCount> = period
        .mondays()
        .map(|monday| {
            let sunday = monday + TimeDelta::days(6);
            let first = monday.max(period.first);
            let last = sunday.min(period.last);
            WeekCount {
                monday,
                iso_week: monday.iso_week().week(),
                days_in_period: super::days::days_counted(first, last),
                count: 0,
            }
        })
        .collect();
    let first_monday = monday_of(period.first);
    for day in days.into_iter().filter(|d| period.contains(*d)) {
        let index = usize::try_from((monday_of(day) - first_monday).num_days() / 7).unwrap_or(0);
        if let Some(week) = weeks.get_mut(index) {
            week.count += 1;
        }
    }
    weeks
}

/// Finishes per day of `period` (day 0 = its first day), zero days included. O(n + days).
pub fn daily_counts<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    period: Period,
    offset: FixedOffset,
) -> Vec<u32> {
    let mut counts = vec![0; period.len_days() as usize];
    for day in histories.into_iter().filter_map(|h| h.finish_day(offset)) {
        if let Some(i) = period.index_of(day) {
            counts[i] += 1;
        }
    }
    counts
}

/// Items finished per week of `period`.
pub fn weekly_throughput<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    period: Period,
    offset: FixedOffset,
) -> Throughput {
    let finishes = histories.into_iter().filter_map(|h| h.finish_day(offset));
    Throughput {
        period,
        weeks: weekly_counts(finishes, period),
    }
}

impl Throughput {
    /// All items finished in the period.
    pub fn total(&self) -> u32 {
        self.weeks.iter().map(|w| w.count).sum()
    }

    /// Average per week: the total over the period's length in weeks (so cut weeks at the
    /// ends weigh by their days).
    pub fn per_week(&self) -> f64 {
        f64::from(self.total()) * 7.0 / f64::from(self.period.len_days().max(1))
    }

    /// "4.5 posts finished per week on average; the busiest week saw 9, and 2 of 8 weeks none."
    pub fn summary(&self, noun: &Noun) -> String {
        let total = self.total();
        if total == 0 {
            return format!("No {} finished in this period.", noun.plural);
        }
        let average = decimal(self.per_week());
        let word = if average == "1" {
            &noun.singular
        } else {
            &noun.plural
        };
        let whole: Vec<&WeekCount> = self
            .weeks
            .iter()
            .filter(|w| w.days_in_period == 7)
            .collect();
        let idle = whole.iter().filter(|w| w.count == 0).count() as u64;
        let busiest = self.weeks.iter().map(|w| w.count).max().unwrap_or(0);
        let mut sentence = format!(
            "{average} {word} finished per week on average; the busiest week saw {busiest}"
        );
        if idle > 0 {
            sentence.push_str(&format!(
                ", and {} of {} had none",
                idle,
                counted(whole.len() as u64, "whole week", "whole weeks")
            ));
        }
        sentence.push('.');
        sentence
    }

    /// The figures to compare with another period.
    pub fn measures(&self) -> Vec<Measure> {
        vec![Measure::new(MeasureKey::Throughput, Some(self.per_week()))]
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{day, finished, offset};
    use super::*;

    #[test]
    fn weeks_without_finishes_count_as_zero() {
        // Period Mon 3 June – Sun 30 June: four weeks; finishes in weeks 1 and 4 only.
        let histories = [
            finished(1, 3, 4),
            finished(2, 3, 5),
            finished(3, 3, 9),
            finished(4, 20, 24),
            finished(5, 1, 2),
        ];
        let report = weekly_throughput(&histories, Period::new(day(3), day(30)), offset());
        let counts: Vec<u32> = report.weeks.iter().map(|w| w.count).collect();
        assert_eq!(counts, vec![3, 0, 0, 1]);
        assert_eq!(report.weeks[0].iso_week, 23);
        assert_eq!(report.per_week(), 1.0);
        assert_eq!(
            report.summary(&Noun::new("post", "posts")),
            "1 post finished per week on average; the busiest week saw 3, and 2 of 4 whole weeks had none."
        );
        assert_eq!(
            daily_counts(&histories, Period::new(day(3), day(5)), offset()),
            vec![0, 1, 1]
        );
    }

    #[test]
    fn weeks_cut_by_the_period_say_how_many_days_they_have() {
        // Wednesday 5 June to Tuesday 11 June.
        let report =
            weekly_throughput(&[finished(1, 3, 4)], Period::new(day(5), day(11)), offset());
        let days: Vec<u32> = report.weeks.iter().map(|w| w.days_in_period).collect();
        assert_eq!(days, vec![5, 2]);
        assert_eq!(report.total(), 0);
        assert_eq!(
            report.summary(&Noun::new("post", "posts")),
            "No posts finished in this period."
        );
    }
}
