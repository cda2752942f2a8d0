//! How Baton writes durations and dates, everywhere: one formatter for each, so a card,
//! a calendar entry, an inbox row and a reminder say the same thing the same way.
//!
//! Dates are day first ("14 Mar 2026"); the year is left out where it is this year's.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};

/// Text made safe inside HTML or SVG markup (the charts and the emails Baton writes itself).
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A span of time in a few words, for reminders, countdowns and badges: "45 min", "6 h",
/// "3 days" (the sign is ignored; at least a minute).
pub fn duration(delta: TimeDelta) -> String {
    let minutes = delta.num_minutes().abs().max(1);
    if minutes < 90 {
        format!("{minutes} min")
    } else if minutes < 48 * 60 {
        format!("{} h", (minutes + 30) / 60)
    } else {
        let days = (minutes + 720) / (24 * 60);
        format!("{days} days")
    }
}

/// The same span in the two largest units, where there is little room (a card's badge):
/// "2d 3h", "5h", "20m".
pub fn duration_short(delta: TimeDelta) -> String {
    let minutes = delta.num_minutes().abs().max(1);
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins}m"),
        (0, h) => format!("{h}h"),
        (d, 0) => format!("{d}d"),
        (d, h) => format!("{d}d {h}h"),
    }
}

/// A day: "14 Mar 2026".
pub fn day(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// A day near `today`: "14 Mar", with the year when it is not this year's ("14 Mar 2027").
pub fn day_near(date: NaiveDate, today: NaiveDate) -> String {
    if date.year() == today.year() {
        date.format("%-d %b").to_string()
    } else {
        day(date)
    }
}

/// A moment, in UTC: "14 Mar 2026, 09:30 UTC".
pub fn moment(at: DateTime<Utc>) -> String {
    at.format("%-d %b %Y, %H:%M UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn markup_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(
            escape_markup("Q&A <b>\"Tom's\"</b> — ok"),
            "Q&amp;A &lt;b&gt;&quot;Tom&#39;s&quot;&lt;/b&gt; — ok"
        );
    }

    #[test]
    fn durations_read_in_the_unit_that_matters() {
        assert_eq!(duration(TimeDelta::seconds(5)), "1 min");
        assert_eq!(duration(TimeDelta::minutes(45)), "45 min");
        assert_eq!(duration(TimeDelta::minutes(-45)), "45 min");
        assert_eq!(duration(TimeDelta::hours(6)), "6 h");
        assert_eq!(duration(TimeDelta::hours(47)), "47 h");
        assert_eq!(duration(TimeDelta::hours(72)), "3 days");
    }

    #[test]
    fn short_durations_use_the_two_largest_units() {
        assert_eq!(duration_short(TimeDelta::minutes(20)), "20m");
        assert_eq!(duration_short(TimeDelta::seconds(5)), "1m");
        assert_eq!(duration_short(TimeDelta::hours(5)), "5h");
        assert_eq!(duration_short(TimeDelta::hours(51)), "2d 3h");
        assert_eq!(duration_short(TimeDelta::days(3)), "3d");
        assert_eq!(duration_short(TimeDelta::hours(-51)), "2d 3h");
    }

    #[test]
    fn days_are_written_day_first_with_the_year_only_when_needed() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let march = NaiveDate::from_ymd_opt(2026, 3, 14).unwrap();
        assert_eq!(day(march), "14 Mar 2026");
        assert_eq!(day_near(march, today), "14 Mar");
        let next_year = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        assert_eq!(day_near(next_year, today), "4 Jan 2027");
        let at = Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap();
        assert_eq!(moment(at), "14 Mar 2026, 09:30 UTC");
    }
}
