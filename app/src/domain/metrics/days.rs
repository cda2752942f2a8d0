//! Local days and periods: every metric counts the team's calendar days in a fixed offset.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// The team's calendar day of an instant.
pub fn local_day(at: DateTime<Utc>, offset: FixedOffset) -> NaiveDate {
    at.with_timezone(&offset).date_naive()
}

/// The instant a local day begins (local midnight).
pub fn day_start(day: NaiveDate, offset: FixedOffset) -> DateTime<Utc> {
    (day.and_time(NaiveTime::MIN) - TimeDelta::seconds(i64::from(offset.local_minus_utc())))
        .and_utc()
}

/// Calendar days from `first` to `last`, both counted (the ActionableAgile convention:
/// the same day is 1 day); 0 when `last` is before `first`.
pub fn days_counted(first: NaiveDate, last: NaiveDate) -> u32 {
    u32::try_from((last - first).num_days() + 1).unwrap_or(0)
}

/// The Monday starting the week of `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday()))
}

/// A run of local days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// First day.
    pub first: NaiveDate,
    /// Last day.
    pub last: NaiveDate,
}

impl Period {
    /// The days from `first` to `last` (swapped if given the wrong way round).
    pub fn new(first: NaiveDate, last: NaiveDate) -> Self {
        Self {
            first: first.min(last),
            last: first.max(last),
        }
    }

    /// The `days` days ending with `last`, e.g. the last 28 days up to today.
    pub fn days_ending(last: NaiveDate, days: u32) -> Self {
        let back = i64::from(days.max(1) - 1);
        Self::new(last - TimeDelta::days(back), last)
    }

    /// `weeks` whole Monday-to-Sunday weeks, the last of them the week of `day`.
    pub fn weeks_ending(day: NaiveDate, weeks: u32) -> Self {
        let last = monday_of(day) + TimeDelta::days(6);
        Self::days_ending(last, weeks.max(1) * 7)
    }

    /// Whether `day` is in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last
    }

    /// How many days it has.
    pub fn len_days(&self) -> u32 {
        days_counted(self.first, self.last)
    }

    /// Position of `day` in the period (0 for the first day).
    pub fn index_of(&self, day: NaiveDate) -> Option<usize> {
        self.contains(day)
            .then(|| usize::try_from((day - self.first).num_days()).unwrap_or(0))
    }

    /// The days in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        self.first.iter_days().take_while({
            let last = self.last;
            move |d| *d <= last
        })
    }

    /// The instant the period ends: midnight after its last day, in `offset`.
    pub fn end(&self, offset: FixedOffset) -> DateTime<Utc> {
        day_start(self.last + TimeDelta::days(1), offset)
    }

    /// The Mondays of the weeks the period touches, in order.
    pub fn mondays(&self) -> impl Iterator<Item = NaiveDate> {
        let last = self.last;
        monday_of(self.first)
            .iter_weeks()
            .take_while(move |m| *m <= last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    #[test]
    fn a_late_evening_in_utc_is_the_next_day_east_of_it() {
        let plus2 = FixedOffset::east_opt(2 * 3600).unwrap();
        let at = Utc.with_ymd_and_hms(2024, 6, 3, 22, 30, 0).unwrap();
        assert_eq!(local_day(at, plus2), d(6, 4));
        assert_eq!(local_day(at, FixedOffset::east_opt(0).unwrap()), d(6, 3));
        assert_eq!(
            day_start(d(6, 4), plus2),
            Utc.with_ymd_and_hms(2024, 6, 3, 22, 0, 0).unwrap()
        );
    }

    #[test]
    fn the_same_day_counts_as_one_day() {
        assert_eq!(days_counted(d(6, 3), d(6, 3)), 1);
        assert_eq!(days_counted(d(6, 3), d(6, 10)), 8);
        assert_eq!(days_counted(d(6, 10), d(6, 3)), 0);
    }

    #[test]
    fn weeks_ending_covers_whole_monday_weeks() {
        // 2024-06-05 is a Wednesday.
        let p = Period::weeks_ending(d(6, 5), 2);
        assert_eq!((p.first, p.last), (d(5, 27), d(6, 9)));
        assert_eq!(p.len_days(), 14);
        assert_eq!(p.mondays().collect::<Vec<_>>(), vec![d(5, 27), d(6, 3)]);
        let odd = Period::new(d(6, 9), d(6, 5));
        assert_eq!(odd.first, d(6, 5));
        assert_eq!(odd.mondays().collect::<Vec<_>>(), vec![d(6, 3)]);
        assert_eq!(odd.days().count(), 5);
        assert_eq!(odd.index_of(d(6, 6)), Some(1));
        assert_eq!(odd.index_of(d(6, 10)), None);
    }
}
