//! Business-hours arithmetic in a fixed UTC offset (no daylight-saving rules on purpose:
//! the module must stay small enough for the browser bundle).

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc,
    Weekday,
};
use serde::{Deserialize, Serialize};

/// The team's working week, e.g. Monday to Friday, 09:00–17:00 at UTC+02:00.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingHours {
    /// The team's offset from UTC.
    #[serde(with = "offset_seconds")]
    pub offset: FixedOffset,
    /// Working days.
    pub days: Vec<Weekday>,
    /// Start of the working day (local time).
    pub start: NaiveTime,
    /// End of the working day (local time); must be after `start`.
    pub end: NaiveTime,
}

impl Default for WorkingHours {
    fn default() -> Self {
        Self::office(FixedOffset::east_opt(0).expect("zero offset is valid"))
    }
}

impl WorkingHours {
    /// Monday to Friday, 09:00–17:00 at the given offset.
    pub fn office(offset: FixedOffset) -> Self {
        use Weekday::*;
        Self {
            offset,
            days: vec![Mon, Tue, Wed, Thu, Fri],
            start: NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"),
            end: NaiveTime::from_hms_opt(17, 0, 0).expect("valid time"),
        }
    }

    /// Whether there is any working time at all; when not, arithmetic falls back to calendar time.
    pub fn is_usable(&self) -> bool {
        !self.days.is_empty() && self.start < self.end
    }

    fn local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(&self.offset).naive_local()
    }

    fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        Utc.from_utc_datetime(
            &(local - TimeDelta::seconds(i64::from(self.offset.local_minus_utc()))),
        )
    }

    /// The working window of a local date, if it is a working day.
    fn window(&self, day: NaiveDate) -> Option<(NaiveDateTime, NaiveDateTime)> {
        self.days
            .contains(&day.weekday())
            .then(|| (day.and_time(self.start), day.and_time(self.end)))
    }

    /// The instant reached after `amount` of working time from `from`, skipping nights and days off.
    pub fn add(&self, from: DateTime<Utc>, amount: TimeDelta) -> DateTime<Utc> {
        if !self.is_usable() {
            return from + amount;
        }
        if amount <= TimeDelta::zero() {
            return from;
        }
        let mut remaining = amount;
        let mut cursor = self.local(from);
        loop {
            let day = cursor.date();
            if let Some((open, close)) = self.window(day) {
                let begin = cursor.max(open);
                if begin < close {
                    let available = close - begin;
                    if remaining <= available {
                        return self.to_utc(begin + remaining);
                    }
                    remaining -= available;
                }
            }
            cursor = (day + TimeDelta::days(1)).and_time(NaiveTime::MIN);
        }
    }

    /// The instant reached after `hours` working hours from `from`.
    pub fn add_hours(&self, from: DateTime<Utc>, hours: u32) -> DateTime<Utc> {
        self.add(from, TimeDelta::hours(i64::from(hours)))
    }

    /// Working time between two instants (zero when `to` is not after `from`).
    pub fn between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> TimeDelta {
        if to <= from {
            return TimeDelta::zero();
        }
        if !self.is_usable() {
            return to - from;
        }
        let (start, end) = (self.local(from), self.local(to));
        let mut total = TimeDelta::zero();
        let mut day = start.date();
        while day <= end.date() {
            if let Some((open, close)) = self.window(day) {
                let (a, b) = (start.max(open), end.min(close));
                if a < b {
                    total += b - a;
                }
            }
            day += TimeDelta::days(1);
        }
        total
    }

    /// Working hours between two instants, as a decimal number of hours.
    pub fn hours_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
        self.between(from, to).num_seconds() as f64 / 3600.0
    }
}

/// Stores a `FixedOffset` as seconds east of UTC.
mod offset_seconds {
    use chrono::FixedOffset;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(offset: &FixedOffset, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(offset.local_minus_utc())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<FixedOffset, D::Error> {
        let secs = i32::deserialize(d)?;
        FixedOffset::east_opt(secs).ok_or_else(|| D::Error::custom("offset out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// 2024-06-07 is a Friday.
    fn utc(day: u32, h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 6, day, h, m, 0).unwrap()
    }

    #[test]
    fn friday_afternoon_plus_two_hours_lands_on_monday_morning() {
        let wh = WorkingHours::default();
        assert_eq!(wh.add_hours(utc(7, 16, 0), 2), utc(10, 10, 0));
    }

    #[test]
    fn weekend_and_night_starts_begin_counting_at_next_opening() {
        let wh = WorkingHours::default();
        assert_eq!(wh.add_hours(utc(8, 12, 0), 1), utc(10, 10, 0));
        assert_eq!(wh.add_hours(utc(6, 22, 30), 1), utc(7, 10, 0));
        assert_eq!(wh.add_hours(utc(7, 17, 0), 8), utc(10, 17, 0));
    }

    #[test]
    fn forty_eight_working_hours_span_a_weekend() {
        let wh = WorkingHours::default();
        // Monday 3rd 09:00 + 40 h = Friday 17:00; 8 more = Monday 10th 17:00.
        assert_eq!(wh.add_hours(utc(3, 9, 0), 48), utc(10, 17, 0));
    }

    #[test]
    fn counts_working_hours_across_a_weekend() {
        let wh = WorkingHours::default();
        assert_eq!(
            wh.between(utc(7, 16, 0), utc(10, 10, 0)),
            TimeDelta::hours(2)
        );
        assert_eq!(wh.between(utc(8, 0, 0), utc(9, 23, 0)), TimeDelta::zero());
        assert_eq!(wh.between(utc(10, 10, 0), utc(7, 16, 0)), TimeDelta::zero());
        assert_eq!(wh.hours_between(utc(3, 8, 0), utc(4, 9, 30)), 8.5);
    }

    #[test]
    fn offset_shifts_the_working_day() {
        let wh = WorkingHours::office(FixedOffset::east_opt(2 * 3600).unwrap());
        // Friday 15:00 UTC is 17:00 local: the hour is worked Monday 09:00–10:00 local.
        assert_eq!(wh.add_hours(utc(7, 15, 0), 1), utc(10, 8, 0));
        let json = serde_json::to_string(&wh).unwrap();
        assert!(json.contains("7200"));
        assert_eq!(serde_json::from_str::<WorkingHours>(&json).unwrap(), wh);
    }

    #[test]
    fn unusable_hours_fall_back_to_calendar_time() {
        let wh = WorkingHours {
            days: vec![],
            ..WorkingHours::default()
        };
        assert_eq!(wh.add_hours(utc(8, 12, 0), 1), utc(8, 13, 0));
    }

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn adding_then_counting_gives_back_the_hours(start_min in 0i64..60 * 24 * 21, minutes in 1i64..60 * 200) {
            let wh = WorkingHours::office(FixedOffset::west_opt(5 * 3600).unwrap());
            let from = utc(1, 0, 0) + TimeDelta::minutes(start_min);
            let to = wh.add(from, TimeDelta::minutes(minutes));
            prop_assert_eq!(wh.between(from, to), TimeDelta::minutes(minutes));
            let local = to.with_timezone(&wh.offset);
            prop_assert!(wh.days.contains(&local.weekday()));
        }
    }
}
