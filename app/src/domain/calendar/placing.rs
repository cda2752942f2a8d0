//! Where an entry falls for a viewer: its local day (and time), and back from a
//! day and time someone picked to the instant that is stored. Generic over the
//! time zone so the browser bundle needs no time-zone database: the server
//! places entries with the viewer's IANA zone and sends the result.

use chrono::{
    DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc,
};
use serde::{Deserialize, Serialize};

use crate::domain::Schedule;

/// An entry as a viewer sees it: a local day, and a local time unless it is all-day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    /// The day it goes out, in the viewer's time zone (all-day: the same for everyone).
    pub date: NaiveDate,
    /// The local time, or `None` for all-day entries.
    pub time: Option<NaiveTime>,
}

/// Places a schedule in `zone`.
pub fn place<Tz: TimeZone>(schedule: &Schedule, zone: &Tz) -> Placed {
    if schedule.all_day {
        Placed {
            date: schedule.at.date_naive(),
            time: None,
        }
    } else {
        let local = schedule.at.with_timezone(zone).naive_local();
        Placed {
            date: local.date(),
            time: Some(local.time()),
        }
    }
}

/// Today's date for someone in `zone`.
pub fn today_in<Tz: TimeZone>(now: DateTime<Utc>, zone: &Tz) -> NaiveDate {
    now.with_timezone(zone).date_naive()
}

/// The schedule for a local day and time picked in `zone` (`None`: all day).
///
/// A time that does not exist on that day (skipped when clocks go forward) is
/// moved forward by the gap; a time that happens twice (clocks go back) is the
/// first of the two.
pub fn schedule_at<Tz: TimeZone>(date: NaiveDate, time: Option<NaiveTime>, zone: &Tz) -> Schedule {
    match time {
        None => Schedule {
            at: date.and_time(NaiveTime::MIN).and_utc(),
            all_day: true,
        },
        Some(time) => Schedule {
            at: local_to_utc(date.and_time(time), zone),
            all_day: false,
        },
    }
}

fn local_to_utc<Tz: TimeZone>(local: NaiveDateTime, zone: &Tz) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.with_timezone(&Utc),
        LocalResult::None => {
            // In a gap: read the clock with the offset in force just before it,
            // which lands as far past the gap's end as the time was past its start.
            let before = (1..=96)
                .map(|quarters| local - TimeDelta::minutes(15 * quarters))
                .find_map(|earlier| zone.from_local_datetime(&earlier).earliest())
                .map(|at| at.offset().fix());
            let offset = before.map_or(0, |o| i64::from(o.local_minus_utc()));
            (local - TimeDelta::seconds(offset)).and_utc()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;
    use proptest::prelude::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn a_late_evening_in_new_york_is_the_next_morning_in_berlin() {
        let new_york = FixedOffset::west_opt(5 * 3600).unwrap();
        let berlin = FixedOffset::east_opt(3600).unwrap();
        let s = schedule_at(
            NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
            NaiveTime::from_hms_opt(23, 30, 0),
            &new_york,
        );
        assert_eq!(s.at, at(2026, 12, 8, 4, 30));
        let seen = place(&s, &berlin);
        assert_eq!(seen.date, NaiveDate::from_ymd_opt(2026, 12, 8).unwrap());
        assert_eq!(seen.time, NaiveTime::from_hms_opt(5, 30, 0));
        assert_eq!(place(&s, &new_york).date.to_string(), "2026-12-07");
    }

    #[test]
    fn all_day_entries_are_on_the_same_date_everywhere() {
        let s = schedule_at(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(), None, &Utc);
        assert!(s.all_day);
        for hours in [-11, -5, 0, 1, 9, 14] {
            let zone = FixedOffset::east_opt(hours * 3600).unwrap();
            assert_eq!(place(&s, &zone).date.to_string(), "2026-12-07");
            assert_eq!(place(&s, &zone).time, None);
        }
    }

    #[test]
    fn today_depends_on_where_you_are() {
        let now = at(2026, 12, 7, 23, 0);
        assert_eq!(today_in(now, &Utc).to_string(), "2026-12-07");
        let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
        assert_eq!(today_in(now, &tokyo).to_string(), "2026-12-08");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn clock_changes_move_a_missing_time_forward_and_take_the_first_of_a_repeated_one() {
        let berlin: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
        // 29 March 2026: 02:00 → 03:00, so 02:30 does not exist.
        let spring = schedule_at(
            NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(),
            NaiveTime::from_hms_opt(2, 30, 0),
            &berlin,
        );
        assert_eq!(spring.at, at(2026, 3, 29, 1, 30));
        assert_eq!(
            place(&spring, &berlin).time,
            NaiveTime::from_hms_opt(3, 30, 0)
        );
        // 25 October 2026: 03:00 → 02:00, so 02:30 happens twice.
        let autumn = schedule_at(
            NaiveDate::from_ymd_opt(2026, 10, 25).unwrap(),
            NaiveTime::from_hms_opt(2, 30, 0),
            &berlin,
        );
        assert_eq!(autumn.at, at(2026, 10, 25, 0, 30));
    }

    proptest! {
        #[test]
        fn a_placed_entry_is_stored_back_at_the_same_instant(
            minutes in 0i64..(100 * 366 * 24 * 60),
            offset_quarters in -48i32..=56,
        ) {
            let zone = FixedOffset::east_opt(offset_quarters * 15 * 60).unwrap();
            let instant = at(2000, 1, 1, 0, 0) + TimeDelta::minutes(minutes);
            let s = Schedule { at: instant, all_day: false };
            let seen = place(&s, &zone);
            prop_assert_eq!(schedule_at(seen.date, seen.time, &zone), s);
            let whole_day = Schedule { at: instant.date_naive().and_time(NaiveTime::MIN).and_utc(), all_day: true };
            let seen = place(&whole_day, &zone);
            prop_assert_eq!(schedule_at(seen.date, seen.time, &zone), whole_day);
        }
    }

    #[cfg(feature = "ssr")]
    proptest! {
        #[test]
        fn in_a_zone_with_clock_changes_the_day_and_time_survive_a_round_trip(
            minutes in 0i64..(30 * 366 * 24 * 60),
            zone in prop::sample::select(vec!["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Pacific/Auckland"]),
        ) {
            let zone: chrono_tz::Tz = zone.parse().unwrap();
            let s = Schedule { at: at(2010, 1, 1, 0, 0) + TimeDelta::minutes(minutes), all_day: false };
            let seen = place(&s, &zone);
            let back = schedule_at(seen.date, seen.time, &zone);
            prop_assert_eq!(place(&back, &zone), seen);
        }
    }
}
