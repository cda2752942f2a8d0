use super::*;
use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike};
use proptest::prelude::*;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn rule(text: &str) -> Recurrence {
    Recurrence::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn error(text: &str) -> String {
    Recurrence::parse(text).unwrap_err().to_string()
}

#[test]
fn weekly_on_monday_at_nine() {
    let r = rule("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0");
    let anchor = at(2026, 1, 1, 0, 0); // a Thursday
                                       // 2 March 2026 is a Monday.
    assert_eq!(
        r.next_after(anchor, at(2026, 2, 27, 12, 0)),
        Some(at(2026, 3, 2, 9, 0))
    );
    assert_eq!(
        r.next_after(anchor, at(2026, 3, 2, 9, 0)),
        Some(at(2026, 3, 9, 9, 0))
    );
    assert_eq!(
        r.next_after(anchor, at(2026, 3, 2, 8, 59)),
        Some(at(2026, 3, 2, 9, 0))
    );
    assert_eq!(r.to_words(), "every Monday at 09:00");
}

#[test]
fn first_working_day_of_the_month() {
    let r = rule("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1;BYHOUR=9");
    let anchor = at(2026, 1, 1, 0, 0);
    // 1 March 2026 is a Sunday, 1 August 2026 a Saturday, 1 May 2026 a Friday.
    assert_eq!(
        r.next_after(anchor, at(2026, 2, 15, 0, 0)),
        Some(at(2026, 3, 2, 9, 0))
    );
    assert_eq!(
        r.next_after(anchor, at(2026, 7, 15, 0, 0)),
        Some(at(2026, 8, 3, 9, 0))
    );
    assert_eq!(
        r.next_after(anchor, at(2026, 4, 30, 0, 0)),
        Some(at(2026, 5, 1, 9, 0))
    );
    assert_eq!(r.to_words(), "on the first weekday of every month at 09:00");
}

#[test]
fn every_other_week_counts_from_the_start() {
    let r = rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9");
    let anchor = at(2026, 3, 2, 0, 0); // a Monday: its week is the first
    let first = r.next_after(anchor, anchor).unwrap();
    assert_eq!(first, at(2026, 3, 2, 9, 0));
    assert_eq!(r.next_after(anchor, first), Some(at(2026, 3, 16, 9, 0)));
    assert!(!r.is_occurrence(anchor, at(2026, 3, 9, 9, 0)));
    assert_eq!(r.to_words(), "every 2 weeks on Monday at 09:00");
}

#[test]
fn monthly_positions_and_month_days() {
    let anchor = at(2026, 1, 1, 0, 0);
    let last_friday = rule("FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=16;BYMINUTE=30");
    assert_eq!(
        last_friday.next_after(anchor, at(2026, 1, 1, 0, 0)),
        Some(at(2026, 1, 30, 16, 30))
    );
    assert_eq!(
        last_friday.to_words(),
        "on the last Friday of every month at 16:30"
    );
    let first_monday = rule("FREQ=MONTHLY;BYDAY=1MO;BYHOUR=9");
    assert_eq!(
        first_monday.next_after(anchor, at(2026, 1, 10, 0, 0)),
        Some(at(2026, 2, 2, 9, 0))
    );
    let thirty_first = rule("FREQ=MONTHLY;BYMONTHDAY=31;BYHOUR=9");
    assert_eq!(
        thirty_first.next_after(anchor, at(2026, 1, 31, 12, 0)),
        Some(at(2026, 3, 31, 9, 0)),
        "months without a 31st are skipped"
    );
    let month_end = rule("FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=17");
    assert_eq!(
        month_end.next_after(anchor, at(2026, 2, 1, 0, 0)),
        Some(at(2026, 2, 28, 17, 0))
    );
    assert_eq!(
        month_end.to_words(),
        "on the last day of every month at 17:00"
    );
    assert_eq!(
        rule("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1,15;BYHOUR=8").to_words(),
        "on the 1st and 15th of every 3 months at 08:00"
    );
}

#[test]
fn daily_schedules() {
    let anchor = at(2026, 3, 6, 0, 0); // a Friday
    let weekdays = rule("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8,17;BYMINUTE=30");
    assert_eq!(
        weekdays.next_after(anchor, at(2026, 3, 6, 18, 0)),
        Some(at(2026, 3, 9, 8, 30))
    );
    assert_eq!(weekdays.to_words(), "every weekday at 08:30 and 17:30");
    assert_eq!(rule("FREQ=DAILY").to_words(), "every day at 00:00");
    assert_eq!(
        rule("FREQ=DAILY;INTERVAL=3;BYHOUR=7").to_words(),
        "every 3 days at 07:00"
    );
    assert_eq!(
        rule("FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9").to_words(),
        "every Monday and Thursday at 09:00"
    );
}

#[test]
fn a_server_down_over_several_slots_runs_the_latest_once() {
    let r = rule("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9");
    let anchor = at(2026, 1, 1, 0, 0);
    let last_run = at(2026, 2, 9, 9, 0);
    let now = at(2026, 3, 4, 12, 0); // three Mondays missed: 16 Feb, 23 Feb, 2 Mar
    let slot = r.due_slot(anchor, Some(last_run), now);
    assert_eq!(slot, Some(at(2026, 3, 2, 9, 0)));
    assert_eq!(
        r.due_slot(anchor, slot, now),
        None,
        "it ran; nothing more is due"
    );
    assert_eq!(
        r.due_slot(anchor, slot, at(2026, 3, 9, 9, 0)),
        Some(at(2026, 3, 9, 9, 0))
    );
    assert_eq!(
        r.due_slot(anchor, None, at(2025, 12, 1, 0, 0)),
        None,
        "not started yet"
    );
}

#[test]
fn unreadable_schedules_say_what_is_wrong() {
    assert_eq!(
        error("FREQ=WEEKLY;BYDAY=MOX"),
        "BYDAY: 'MOX' is not a weekday (MO, TU, WE, TH, FR, SA, SU)"
    );
    assert_eq!(
        error("BYDAY=MO"),
        "FREQ is missing: say how often, e.g. FREQ=WEEKLY"
    );
    assert_eq!(
        error("FREQ=YEARLY"),
        "FREQ: 'YEARLY' is not supported (DAILY, WEEKLY, MONTHLY)"
    );
    assert_eq!(
        error("FREQ=DAILY;BYHOUR=25"),
        "BYHOUR: '25' is not an hour (0 to 23)"
    );
    assert_eq!(
        error("FREQ=DAILY;INTERVAL=0"),
        "INTERVAL: '0' is not a whole number from 1 to 999"
    );
    assert_eq!(
        error("FREQ=WEEKLY;BYHOUR=9"),
        "A weekly schedule needs BYDAY, e.g. BYDAY=MO"
    );
    assert_eq!(
        error("FREQ=WEEKLY;BYDAY=1MO"),
        "BYDAY: '1MO' has a position in the month, which only a monthly schedule (FREQ=MONTHLY) can use"
    );
    assert_eq!(
        error("FREQ=MONTHLY;BYDAY=6MO"),
        "BYDAY: '6MO' asks for a week a month does not have (use 1 to 5, or -1 to -5 from the end)"
    );
    assert_eq!(
        error("FREQ=DAILY;COUNT=3"),
        "COUNT is not supported: a schedule runs until its rule is paused"
    );
    assert_eq!(error("FREQ=DAILY;FREQ=WEEKLY"), "FREQ is given twice");
    assert_eq!(
        error("FREQ=DAILY;EVERY"),
        "'EVERY' should be a NAME=VALUE pair, e.g. FREQ=WEEKLY"
    );
    assert!(error("FREQ=DAILY;COLOR=RED").starts_with("'COLOR' is not part of a schedule"));
    assert_eq!(
        error(""),
        "FREQ is missing: say how often, e.g. FREQ=WEEKLY"
    );
    assert_eq!(
        error("FREQ=MONTHLY;BYMONTHDAY=0"),
        "BYMONTHDAY: '0' is not a day of the month (1 to 31, or -1 to -31 from the end)"
    );
}

#[test]
fn schedules_are_stored_as_canonical_text() {
    let r = rule("rrule:freq=weekly;byday=mo;byhour=9");
    assert_eq!(r.to_string(), "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0");
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(json, "\"FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0\"");
    assert_eq!(serde_json::from_str::<Recurrence>(&json).unwrap(), r);
    let bad = serde_json::from_str::<Recurrence>("\"FREQ=WEEKLY;BYDAY=MOX\"").unwrap_err();
    assert!(bad.to_string().contains("'MOX' is not a weekday"), "{bad}");
    assert_eq!(rule(&r.to_string()), r);
}

/// An independent reading of the schedule: counts weekdays of the month instead of
/// dividing, and picks positions from a list built day by day.
fn oracle(r: &Recurrence, anchor: NaiveDateTime, t: NaiveDateTime) -> bool {
    if t < anchor
        || t.second() != 0
        || !r.hours.contains(&t.hour())
        || !r.minutes.contains(&t.minute())
    {
        return false;
    }
    let (a, d) = (anchor.date(), t.date());
    let interval = i64::from(r.interval);
    let (period, candidates): (i64, Vec<NaiveDate>) = match r.freq {
        Frequency::Daily => ((d - a).num_days(), vec![d]),
        Frequency::Weekly => {
            let offset = i64::from(a.weekday().num_days_from_monday());
            let period = ((d - a).num_days() + offset).div_euclid(7);
            let start = d - TimeDelta::days(i64::from(d.weekday().num_days_from_monday()));
            (period, (0..7).map(|i| start + TimeDelta::days(i)).collect())
        }
        Frequency::Monthly => {
            let period =
                i64::from(d.year() - a.year()) * 12 + i64::from(d.month()) - i64::from(a.month());
            let month: Vec<NaiveDate> = (1..=31)
                .filter_map(|day| NaiveDate::from_ymd_opt(d.year(), d.month(), day))
                .collect();
            (period, month)
        }
    };
    if period < 0 || period % interval != 0 {
        return false;
    }
    let chosen: Vec<NaiveDate> = candidates
        .iter()
        .copied()
        .filter(|x| {
            let same: Vec<&NaiveDate> = candidates
                .iter()
                .filter(|y| y.weekday() == x.weekday())
                .collect();
            let nth = same.iter().position(|y| *y == x).unwrap() as i32 + 1;
            let nth_from_end = same.len() as i32 - nth + 1;
            let day_ok = r.by_day.is_empty()
                || r.by_day.iter().any(|s| {
                    s.weekday == x.weekday()
                        && s.position.is_none_or(|p| p == nth || -p == nth_from_end)
                });
            let len = candidates.len() as i32;
            let md_ok = r.by_month_day.is_empty()
                || r.by_month_day
                    .iter()
                    .any(|&m| m == x.day() as i32 || len + 1 + m == x.day() as i32);
            day_ok && md_ok
        })
        .collect();
    let picked = if r.by_set_pos.is_empty() {
        chosen
    } else {
        let n = chosen.len() as i32;
        r.by_set_pos
            .iter()
            .filter_map(|&p| {
                let i = if p > 0 { p - 1 } else { n + p };
                chosen.get(usize::try_from(i).ok()?).copied()
            })
            .collect()
    };
    picked.contains(&d)
}

/// Oracle slots in `(from, to)` (both open), scanning day by day.
fn oracle_slots_between(
    r: &Recurrence,
    anchor: NaiveDateTime,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Vec<NaiveDateTime> {
    let mut found = Vec::new();
    let mut day = from.date();
    while day <= to.date() {
        for h in &r.hours {
            for m in &r.minutes {
                let t = day.and_hms_opt(*h, *m, 0).unwrap();
                if t > from && t < to && oracle(r, anchor, t) {
                    found.push(t);
                }
            }
        }
        day += TimeDelta::days(1);
    }
    found
}

fn rrule_text() -> impl Strategy<Value = String> {
    let day = prop::sample::select(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"]);
    let position = prop_oneof![3 => Just(String::new()), 1 => prop::sample::select(vec!["1", "2", "-1", "4", "-2", "5"]).prop_map(String::from)];
    (
        0..3usize,
        1..4u32,
        prop::collection::vec((position, day), 0..4),
        prop::collection::vec(
            prop::sample::select(vec![1, 2, 15, 28, 29, 30, 31, -1, -3]),
            0..3,
        ),
        prop::collection::vec(prop::sample::select(vec![1, 2, -1, 3]), 0..2),
        prop::collection::vec(0..24u32, 1..3),
        prop::collection::vec(prop::sample::select(vec![0u32, 15, 30, 45]), 1..3),
    )
        .prop_map(
            |(freq, interval, days, month_days, set_pos, hours, minutes)| {
                let freq = ["DAILY", "WEEKLY", "MONTHLY"][freq];
                let monthly = freq == "MONTHLY";
                let mut text = format!("FREQ={freq};INTERVAL={interval}");
                let days: Vec<String> = days
                    .into_iter()
                    .map(|(p, d)| {
                        if monthly {
                            format!("{p}{d}")
                        } else {
                            d.to_owned()
                        }
                    })
                    .collect();
                if !days.is_empty() || freq == "WEEKLY" {
                    let days = if days.is_empty() {
                        vec!["MO".to_owned()]
                    } else {
                        days
                    };
                    text += &format!(";BYDAY={}", days.join(","));
                }
                if monthly && (!month_days.is_empty() || !text.contains("BYDAY")) {
                    let md = if month_days.is_empty() {
                        vec![1]
                    } else {
                        month_days
                    };
                    text += &format!(";BYMONTHDAY={}", list(&md));
                }
                if freq != "DAILY" && !set_pos.is_empty() {
                    text += &format!(";BYSETPOS={}", list(&set_pos));
                }
                text + &format!(";BYHOUR={};BYMINUTE={}", list(&hours), list(&minutes))
            },
        )
}

fn moment() -> impl Strategy<Value = NaiveDateTime> {
    (0..1500i64, 0..24u32, 0..60u32).prop_map(|(days, h, m)| {
        at(2024, 1, 1, 0, 0)
            + TimeDelta::days(days)
            + TimeDelta::hours(i64::from(h))
            + TimeDelta::minutes(i64::from(m))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 250, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn next_after_is_the_very_next_slot(text in rrule_text(), anchor in moment(), ahead in -200..400i64) {
        let r = Recurrence::parse(&text).unwrap();
        let after = anchor + TimeDelta::days(ahead) + TimeDelta::minutes(7 * ahead);
        match r.next_after(anchor, after) {
            Some(next) => {
                prop_assert!(next > after && next >= anchor, "{text}: {next} not after {after}");
                prop_assert!(oracle(&r, anchor, next), "{text}: {next} is not a slot");
                prop_assert!(r.is_occurrence(anchor, next));
                let between = oracle_slots_between(&r, anchor, after, next);
                prop_assert!(between.is_empty(), "{text}: {between:?} lie between {after} and {next}");
            }
            None => {
                let ahead = after.max(anchor) + TimeDelta::days(400);
                let missed = oracle_slots_between(&r, anchor, after, ahead);
                prop_assert!(missed.is_empty(), "{text}: no next slot, but {missed:?}");
            }
        }
    }

    #[test]
    fn due_slot_is_the_latest_missed_slot_and_only_once(
        text in rrule_text(), anchor in moment(), since in -30..200i64, down in 0..(60 * 24i64)
    ) {
        let r = Recurrence::parse(&text).unwrap();
        let last_run = anchor + TimeDelta::days(since);
        let now = last_run + TimeDelta::minutes(down * 60);
        let slot = r.due_slot(anchor, Some(last_run), now);
        let missed = oracle_slots_between(&r, anchor, last_run, now + TimeDelta::seconds(1));
        prop_assert_eq!(slot, missed.last().copied(), "{}", text);
        if let Some(slot) = slot {
            prop_assert!(slot <= now && slot > last_run);
            prop_assert_eq!(r.due_slot(anchor, Some(slot), now), None, "ran twice: {}", text);
        }
    }

    #[test]
    fn words_and_text_survive_a_round_trip(text in rrule_text()) {
        let r = Recurrence::parse(&text).unwrap();
        prop_assert_eq!(Recurrence::parse(&r.to_string()).unwrap(), r.clone());
        let words = r.to_words();
        prop_assert!(words.contains(" at ") || words.contains("times a day"), "{}", words);
        prop_assert!(!words.contains("  ") && !words.ends_with(' '), "{}", words);
    }
}
