//! Reading RRULE text, with a message naming what is wrong when it cannot be read.

use super::{DaySpec, Frequency, Recurrence, RecurrenceError, DAY_CODES};
use std::collections::BTreeSet;

const PARTS: &str = "FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYSETPOS, BYHOUR, BYMINUTE";

fn fail<T>(message: impl Into<String>) -> Result<T, RecurrenceError> {
    Err(RecurrenceError(message.into()))
}

/// Reads a comma-separated list of whole numbers in `range` (zero excluded when `signed`,
/// which also allows the negated range).
fn numbers(
    key: &str,
    value: &str,
    range: std::ops::RangeInclusive<i32>,
    signed: bool,
    what: &str,
) -> Result<Vec<i32>, RecurrenceError> {
    let mut out = BTreeSet::new();
    for raw in value.split(',').map(str::trim) {
        let n = raw.strip_prefix('+').unwrap_or(raw).parse::<i32>().ok();
        let ok = n.filter(|n| range.contains(n) || (signed && range.contains(&-n)));
        match ok {
            Some(n) => out.insert(n),
            None => return fail(format!("{key}: '{raw}' is not {what}")),
        };
    }
    Ok(out.into_iter().collect())
}

fn weekday(key: &str, raw: &str) -> Result<DaySpec, RecurrenceError> {
    let split = raw.len().saturating_sub(2);
    let (number, code) = raw.split_at(if raw.is_char_boundary(split) {
        split
    } else {
        0
    });
    let Some((day, _)) = DAY_CODES.iter().find(|(_, c)| *c == code) else {
        return fail(format!(
            "{key}: '{raw}' is not a weekday (MO, TU, WE, TH, FR, SA, SU)"
        ));
    };
    if number.is_empty() {
        return Ok(DaySpec {
            position: None,
            weekday: *day,
        });
    }
    match number.strip_prefix('+').unwrap_or(number).parse::<i32>() {
        Ok(n) if (1..=5).contains(&n.abs()) => Ok(DaySpec {
            position: Some(n),
            weekday: *day,
        }),
        Ok(_) => fail(format!(
            "{key}: '{raw}' asks for a week a month does not have (use 1 to 5, or -1 to -5 from the end)"
        )),
        Err(_) => fail(format!(
            "{key}: '{raw}' is not a weekday (MO, TU, WE, TH, FR, SA, SU)"
        )),
    }
}

/// Reads RRULE text; keys and values are read case-insensitively and an `RRULE:` prefix
/// is allowed.
pub(super) fn parse(text: &str) -> Result<Recurrence, RecurrenceError> {
    let upper = text.trim().to_ascii_uppercase();
    let body = upper.strip_prefix("RRULE:").unwrap_or(&upper);
    let mut seen = BTreeSet::new();
    let mut freq = None;
    let mut rule = Recurrence {
        freq: Frequency::Daily,
        interval: 1,
        by_day: Vec::new(),
        by_month_day: Vec::new(),
        by_set_pos: Vec::new(),
        hours: vec![0],
        minutes: vec![0],
    };
    for part in body.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            return fail(format!(
                "'{part}' should be a NAME=VALUE pair, e.g. FREQ=WEEKLY"
            ));
        };
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            return fail(format!("{key} needs a value"));
        }
        if !seen.insert(key.to_owned()) {
            return fail(format!("{key} is given twice"));
        }
        match key {
            "FREQ" => {
                freq = Some(match value {
                    "DAILY" => Frequency::Daily,
                    "WEEKLY" => Frequency::Weekly,
                    "MONTHLY" => Frequency::Monthly,
                    _ => {
                        return fail(format!(
                            "FREQ: '{value}' is not supported (DAILY, WEEKLY, MONTHLY)"
                        ))
                    }
                })
            }
            "INTERVAL" => {
                let n = numbers(key, value, 1..=999, false, "a whole number from 1 to 999")?;
                match n.as_slice() {
                    [n] => rule.interval = *n as u32,
                    _ => return fail("INTERVAL takes one number, e.g. INTERVAL=2"),
                }
            }
            "BYDAY" => {
                let mut days: Vec<DaySpec> = Vec::new();
                for raw in value.split(',').map(str::trim) {
                    let day = weekday(key, raw)?;
                    if !days.contains(&day) {
                        days.push(day);
                    }
                }
                rule.by_day = days;
            }
            "BYMONTHDAY" => {
                let what = "a day of the month (1 to 31, or -1 to -31 from the end)";
                rule.by_month_day = numbers(key, value, 1..=31, true, what)?;
            }
            "BYSETPOS" => {
                let what = "a position (1 to 31, or -1 to -31 from the end)";
                rule.by_set_pos = numbers(key, value, 1..=31, true, what)?;
            }
            "BYHOUR" => {
                let hours = numbers(key, value, 0..=23, false, "an hour (0 to 23)")?;
                rule.hours = hours.into_iter().map(|h| h as u32).collect();
            }
            "BYMINUTE" => {
                let minutes = numbers(key, value, 0..=59, false, "a minute (0 to 59)")?;
                rule.minutes = minutes.into_iter().map(|m| m as u32).collect();
            }
            "WKST" if value == "MO" => {}
            "WKST" => return fail("WKST: weeks start on Monday here, so only WKST=MO is allowed"),
            "COUNT" | "UNTIL" => {
                return fail(format!(
                    "{key} is not supported: a schedule runs until its rule is paused"
                ))
            }
            "BYSECOND" | "BYYEARDAY" | "BYWEEKNO" | "BYMONTH" | "DTSTART" => {
                return fail(format!("{key} is not supported here ({PARTS})"))
            }
            _ => return fail(format!("'{key}' is not part of a schedule ({PARTS})")),
        }
    }
    let Some(freq) = freq else {
        return fail("FREQ is missing: say how often, e.g. FREQ=WEEKLY");
    };
    rule.freq = freq;
    check_combination(&rule)?;
    Ok(rule)
}

fn check_combination(rule: &Recurrence) -> Result<(), RecurrenceError> {
    if rule.freq != Frequency::Monthly {
        if let Some(day) = rule.by_day.iter().find(|d| d.position.is_some()) {
            let code = super::day_code(day.weekday);
            let n = day.position.unwrap_or_default();
            return fail(format!(
                "BYDAY: '{n}{code}' has a position in the month, which only a monthly schedule (FREQ=MONTHLY) can use"
            ));
        }
        if !rule.by_month_day.is_empty() {
            return fail("BYMONTHDAY only applies to a monthly schedule (FREQ=MONTHLY)");
        }
    }
    match rule.freq {
        Frequency::Daily if !rule.by_set_pos.is_empty() => {
            fail("BYSETPOS only applies to weekly and monthly schedules")
        }
        Frequency::Weekly if rule.by_day.is_empty() => {
            fail("A weekly schedule needs BYDAY, e.g. BYDAY=MO")
        }
        Frequency::Monthly if rule.by_day.is_empty() && rule.by_month_day.is_empty() => fail(
            "A monthly schedule needs BYMONTHDAY (e.g. BYMONTHDAY=1) or BYDAY (e.g. BYDAY=1MO)",
        ),
        _ => Ok(()),
    }
}
