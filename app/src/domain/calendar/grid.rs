//! Which days a view of the calendar shows, and how they are named.

use chrono::{Datelike, Months, NaiveDate, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};

/// How the calendar is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarView {
    /// A month as a grid of weeks.
    #[default]
    Month,
    /// One week, Monday to Sunday, with times.
    Week,
    /// A list of the coming days that have entries.
    Agenda,
}

/// Days the agenda lists from its first day.
pub const AGENDA_DAYS: i64 = 28;

impl CalendarView {
    /// Every view, in the order the switch shows them.
    pub const ALL: [CalendarView; 3] = [
        CalendarView::Month,
        CalendarView::Week,
        CalendarView::Agenda,
    ];

    /// Its name in URLs (`?view=week`).
    pub fn key(self) -> &'static str {
        match self {
            CalendarView::Month => "month",
            CalendarView::Week => "week",
            CalendarView::Agenda => "agenda",
        }
    }

    /// Its name on screen.
    pub fn label(self) -> &'static str {
        match self {
            CalendarView::Month => "Month",
            CalendarView::Week => "Week",
            CalendarView::Agenda => "Agenda",
        }
    }

    /// Reads a view back from its URL name.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.key() == key.trim())
    }

    /// The days this view shows around `anchor`.
    pub fn span(self, anchor: NaiveDate) -> Span {
        match self {
            CalendarView::Month => {
                let first = anchor.with_day(1).unwrap_or(anchor);
                let last = first
                    .checked_add_months(Months::new(1))
                    .map_or(first, |next| next - TimeDelta::days(1));
                Span {
                    first: monday_of(first),
                    last: monday_of(last) + TimeDelta::days(6),
                }
            }
            CalendarView::Week => {
                let first = monday_of(anchor);
                Span {
                    first,
                    last: first + TimeDelta::days(6),
                }
            }
            CalendarView::Agenda => Span {
                first: anchor,
                last: anchor + TimeDelta::days(AGENDA_DAYS - 1),
            },
        }
    }

    /// The anchor of the previous page: a month, a week or an agenda's length earlier.
    pub fn previous(self, anchor: NaiveDate) -> NaiveDate {
        match self {
            CalendarView::Month => first_of_month(anchor)
                .checked_sub_months(Months::new(1))
                .unwrap_or(anchor),
            CalendarView::Week => anchor - TimeDelta::days(7),
            CalendarView::Agenda => anchor - TimeDelta::days(AGENDA_DAYS),
        }
    }

    /// The anchor of the next page.
    pub fn next(self, anchor: NaiveDate) -> NaiveDate {
        match self {
            CalendarView::Month => first_of_month(anchor)
                .checked_add_months(Months::new(1))
                .unwrap_or(anchor),
            CalendarView::Week => anchor + TimeDelta::days(7),
            CalendarView::Agenda => anchor + TimeDelta::days(AGENDA_DAYS),
        }
    }

    /// The heading of the page, e.g. "December 2026" or "7 – 13 December 2026".
    pub fn title(self, anchor: NaiveDate) -> String {
        match self {
            CalendarView::Month => anchor.format("%B %Y").to_string(),
            _ => {
                let span = self.span(anchor);
                range_label(span.first, span.last)
            }
        }
    }
}

/// The first and last day a view shows (both included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First day shown.
    pub first: NaiveDate,
    /// Last day shown.
    pub last: NaiveDate,
}

impl Span {
    /// Every day of the span, in order.
    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.first.iter_days().take_while(move |d| *d <= self.last)
    }

    /// Whether `day` is shown.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last
    }
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday()))
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// Reads a date from the URL (`2026-12-07`); anything else is `None`, and the caller uses today.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

/// A day named in full, as day cells are labelled: "Monday 7 December 2026".
pub fn full_date(day: NaiveDate) -> String {
    day.format("%A %-d %B %Y").to_string()
}

/// Two days as a range, sharing the month and year when they can: "7 – 13 December 2026".
pub fn range_label(first: NaiveDate, last: NaiveDate) -> String {
    if first.year() != last.year() {
        format!(
            "{} – {}",
            first.format("%-d %B %Y"),
            last.format("%-d %B %Y")
        )
    } else if first.month() != last.month() {
        format!("{} – {}", first.format("%-d %B"), last.format("%-d %B %Y"))
    } else {
        format!("{} – {}", first.format("%-d"), last.format("%-d %B %Y"))
    }
}

/// Weekday names for the month grid's header, Monday first.
pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_month_is_shown_in_whole_weeks_from_monday() {
        // December 2026 starts on a Tuesday and ends on a Thursday.
        let span = CalendarView::Month.span(d(2026, 12, 17));
        assert_eq!(span.first, d(2026, 11, 30));
        assert_eq!(span.last, d(2027, 1, 3));
        assert_eq!(span.days().count(), 35);
        assert_eq!(CalendarView::Month.title(d(2026, 12, 17)), "December 2026");
    }

    #[test]
    fn a_week_runs_monday_to_sunday_and_is_named_as_a_range() {
        let span = CalendarView::Week.span(d(2026, 12, 10));
        assert_eq!((span.first, span.last), (d(2026, 12, 7), d(2026, 12, 13)));
        assert_eq!(
            CalendarView::Week.title(d(2026, 12, 10)),
            "7 – 13 December 2026"
        );
        assert_eq!(
            CalendarView::Week.title(d(2026, 12, 31)),
            "28 December 2026 – 3 January 2027"
        );
        assert_eq!(
            CalendarView::Week.title(d(2026, 12, 1)),
            "30 November – 6 December 2026"
        );
    }

    #[test]
    fn paging_moves_by_the_view_and_months_land_on_the_first() {
        let day = d(2026, 1, 31);
        assert_eq!(CalendarView::Month.next(day), d(2026, 2, 1));
        assert_eq!(CalendarView::Month.previous(day), d(2025, 12, 1));
        assert_eq!(CalendarView::Week.next(day), d(2026, 2, 7));
        assert_eq!(CalendarView::Agenda.previous(day), d(2026, 1, 3));
    }

    #[test]
    fn days_are_named_in_full_and_bad_dates_are_refused() {
        assert_eq!(full_date(d(2026, 12, 7)), "Monday 7 December 2026");
        assert_eq!(parse_date(" 2026-12-07 "), Some(d(2026, 12, 7)));
        for bad in ["", "2026-13-01", "2026-02-30", "tomorrow", "07/12/2026"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(CalendarView::from_key("week"), Some(CalendarView::Week));
        assert_eq!(CalendarView::from_key("year"), None);
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (1990i32..2100, 1u32..=366)
            .prop_filter_map("a real day", |(y, o)| NaiveDate::from_yo_opt(y, o))
    }

    proptest! {
        #[test]
        fn every_view_holds_its_anchor_and_pages_without_gaps(day in any_day()) {
            for view in CalendarView::ALL {
                let span = view.span(day);
                prop_assert!(span.contains(day));
                prop_assert!(view.span(view.previous(day)).first < span.first);
                prop_assert!(view.span(view.next(day)).last > span.last);
            }
            let month = CalendarView::Month.span(day);
            prop_assert_eq!(month.first.weekday(), Weekday::Mon);
            prop_assert_eq!(month.last.weekday(), Weekday::Sun);
            let n = month.days().count();
            prop_assert!(n.is_multiple_of(7) && (28..=42).contains(&n));
            let in_month = month.days().filter(|d| d.month() == day.month()).count();
            prop_assert_eq!(in_month as u32, days_in_month(day));
            // A week and the next one meet exactly.
            let week = CalendarView::Week.span(day);
            let next = CalendarView::Week.span(CalendarView::Week.next(day));
            prop_assert_eq!(week.last.succ_opt().unwrap(), next.first);
        }
    }

    fn days_in_month(day: NaiveDate) -> u32 {
        let first = day.with_day(1).unwrap();
        let next = first.checked_add_months(Months::new(1)).unwrap();
        (next - first).num_days() as u32
    }
}
