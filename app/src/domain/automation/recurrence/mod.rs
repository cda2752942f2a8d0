//! Recurring schedules: a subset of the iCalendar RRULE (RFC 5545) evaluated on the
//! workspace's local date-times. The server converts to and from the workspace's time zone,
//! so no time-zone data is needed here.
//!
//! Supported: `FREQ` (DAILY, WEEKLY, MONTHLY), `INTERVAL`, `BYDAY` (with positions such as
//! `1MO` or `-1FR` in monthly schedules), `BYMONTHDAY`, `BYSETPOS`, `BYHOUR`, `BYMINUTE`
//! and `WKST=MO`. Two deliberate differences from RFC 5545: missing `BYHOUR`/`BYMINUTE`
//! mean 00, not the start's time, so the text alone says when a schedule runs; and
//! `BYSETPOS` picks among the days of a period, the times then apply to the days picked.

mod occurs;
mod parse;
#[cfg(test)]
mod tests;
mod words;

pub(super) use words::join_words;

use chrono::Weekday;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How often a schedule's period comes round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every day (or every few days).
    Daily,
    /// Every week, Monday to Sunday.
    Weekly,
    /// Every month.
    Monthly,
}

/// A weekday of `BYDAY`, with its position in the month when it has one (`1MO`, `-1FR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DaySpec {
    /// 1 to 5 from the start of the month, -1 to -5 from its end; `None` for every one.
    pub position: Option<i32>,
    /// The weekday.
    pub weekday: Weekday,
}

/// A parsed schedule. Stored and shown as its RRULE text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Recurrence {
    freq: Frequency,
    interval: u32,
    by_day: Vec<DaySpec>,
    by_month_day: Vec<i32>,
    by_set_pos: Vec<i32>,
    hours: Vec<u32>,
    minutes: Vec<u32>,
}

/// Why a schedule's text cannot be read, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RecurrenceError(pub String);

impl Recurrence {
    /// Reads RRULE text such as `FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0`.
    pub fn parse(text: &str) -> Result<Self, RecurrenceError> {
        parse::parse(text)
    }

    /// How often the period comes round.
    pub fn frequency(&self) -> Frequency {
        self.freq
    }

    /// Every how many periods it runs (1 = every one).
    pub fn interval(&self) -> u32 {
        self.interval
    }
}

const DAY_CODES: [(Weekday, &str); 7] = [
    (Weekday::Mon, "MO"),
    (Weekday::Tue, "TU"),
    (Weekday::Wed, "WE"),
    (Weekday::Thu, "TH"),
    (Weekday::Fri, "FR"),
    (Weekday::Sat, "SA"),
    (Weekday::Sun, "SU"),
];

fn day_code(day: Weekday) -> &'static str {
    DAY_CODES
        .iter()
        .find(|(d, _)| *d == day)
        .map_or("MO", |(_, code)| code)
}

fn list<T: fmt::Display>(values: &[T]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

impl fmt::Display for Recurrence {
    /// The schedule as canonical RRULE text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let freq = match self.freq {
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
        };
        write!(f, "FREQ={freq}")?;
        if self.interval > 1 {
            write!(f, ";INTERVAL={}", self.interval)?;
        }
        if !self.by_day.is_empty() {
            let days: Vec<String> = self
                .by_day
                .iter()
                .map(|d| match d.position {
                    Some(n) => format!("{n}{}", day_code(d.weekday)),
                    None => day_code(d.weekday).to_owned(),
                })
                .collect();
            write!(f, ";BYDAY={}", days.join(","))?;
        }
        if !self.by_month_day.is_empty() {
            write!(f, ";BYMONTHDAY={}", list(&self.by_month_day))?;
        }
        if !self.by_set_pos.is_empty() {
            write!(f, ";BYSETPOS={}", list(&self.by_set_pos))?;
        }
        write!(
            f,
            ";BYHOUR={};BYMINUTE={}",
            list(&self.hours),
            list(&self.minutes)
        )
    }
}

impl std::str::FromStr for Recurrence {
    type Err = RecurrenceError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Recurrence::parse(text)
    }
}

impl TryFrom<String> for Recurrence {
    type Error = RecurrenceError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Recurrence::parse(&text)
    }
}

impl From<Recurrence> for String {
    fn from(recurrence: Recurrence) -> Self {
        recurrence.to_string()
    }
}
