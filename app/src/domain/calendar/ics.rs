//! iCalendar (RFC 5545) text for calendar subscriptions: one VEVENT per
//! scheduled item. Times are written in UTC (`…Z`), which every client turns
//! into its own zone and which needs no VTIMEZONE block; all-day entries are
//! plain dates. Lines end in CRLF and are folded at 75 octets without
//! splitting a UTF-8 character.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

/// The longest a content line may be, in octets, before it is folded.
pub const MAX_LINE_OCTETS: usize = 75;

/// How long a timed entry appears in a calendar app: a publish moment has no
/// length, but a zero-length event is easy to miss.
pub const TIMED_LENGTH: TimeDelta = TimeDelta::minutes(30);

/// When an event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventStart {
    /// All day on this date.
    Date(NaiveDate),
    /// At this instant.
    At(DateTime<Utc>),
}

/// One calendar event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    /// Stable across feeds and edits, e.g. `item-42@baton.example`.
    pub uid: String,
    /// When.
    pub start: EventStart,
    /// The title.
    pub summary: String,
    /// Free text: stage, owner, channel.
    pub description: String,
    /// Where to open the item.
    pub url: String,
    /// Categories (the channel).
    pub categories: Vec<String>,
    /// When the item last changed.
    pub last_modified: DateTime<Utc>,
    /// Increases with every change of the item.
    pub sequence: u32,
}

/// A whole calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsCalendar {
    /// Its name in calendar apps.
    pub name: String,
    /// The subscriber's IANA zone, as a display hint.
    pub time_zone: Option<String>,
    /// The events.
    pub events: Vec<IcsEvent>,
}

/// Escapes TEXT values: backslash, semicolon, comma and line breaks.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line (no line ending yet) into CRLF-terminated physical
/// lines of at most [`MAX_LINE_OCTETS`] octets, continuation lines starting
/// with a space.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// The whole calendar as iCalendar text, stamped `now`.
pub fn render(calendar: &IcsCalendar, now: DateTime<Utc>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Baton//Content calendar//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", escape_text(&calendar.name)),
    ];
    if let Some(zone) = &calendar.time_zone {
        lines.push(format!("X-WR-TIMEZONE:{}", escape_text(zone)));
    }
    for event in &calendar.events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", escape_text(&event.uid)));
        lines.push(format!("DTSTAMP:{}", stamp(now)));
        match event.start {
            EventStart::Date(day) => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", date(day)));
                let next = day.succ_opt().unwrap_or(day);
                lines.push(format!("DTEND;VALUE=DATE:{}", date(next)));
                lines.push("TRANSP:TRANSPARENT".into());
            }
            EventStart::At(at) => {
                lines.push(format!("DTSTART:{}", stamp(at)));
                lines.push(format!("DTEND:{}", stamp(at + TIMED_LENGTH)));
                lines.push("TRANSP:TRANSPARENT".into());
            }
        }
        lines.push(format!("SUMMARY:{}", escape_text(&event.summary)));
        lines.push(format!("DESCRIPTION:{}", escape_text(&event.description)));
        lines.push(format!("URL;VALUE=URI:{}", event.url));
        if !event.categories.is_empty() {
            let categories: Vec<String> = event.categories.iter().map(|c| escape_text(c)).collect();
            lines.push(format!("CATEGORIES:{}", categories.join(",")));
        }
        lines.push(format!("LAST-MODIFIED:{}", stamp(event.last_modified)));
        lines.push(format!("SEQUENCE:{}", event.sequence));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') | Some('N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(
            escape_text("Q1; plans, notes\\draft\nline two\r\nthree"),
            "Q1\\; plans\\, notes\\\\draft\\nline two\\nthree"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= MAX_LINE_OCTETS, "{physical:?}");
        }
        assert!(folded.ends_with("\r\n"));
        assert_eq!(unfold(&folded), format!("{line}\r\n"));
        assert_eq!(fold("SHORT:yes"), "SHORT:yes\r\n");
    }

    #[test]
    fn a_calendar_has_one_event_per_entry_with_dates_or_utc_times() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        let event = |uid: &str, start| IcsEvent {
            uid: uid.into(),
            start,
            summary: "Launch, day one".into(),
            description: "Stage: Draft".into(),
            url: "https://baton.example/items/1".into(),
            categories: vec!["Blog".into()],
            last_modified: now,
            sequence: 3,
        };
        let text = render(
            &IcsCalendar {
                name: "Baton".into(),
                time_zone: Some("Europe/Berlin".into()),
                events: vec![
                    event(
                        "item-1@baton",
                        EventStart::Date(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()),
                    ),
                    event(
                        "item-2@baton",
                        EventStart::At(Utc.with_ymd_and_hms(2026, 12, 7, 22, 30, 0).unwrap()),
                    ),
                ],
            },
            now,
        );
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
        assert!(text.contains("DTSTART;VALUE=DATE:20261207\r\nDTEND;VALUE=DATE:20261208\r\n"));
        assert!(text.contains("DTSTART:20261207T223000Z\r\nDTEND:20261207T230000Z\r\n"));
        assert!(text.contains("SUMMARY:Launch\\, day one\r\n"));
        assert!(text.contains("DTSTAMP:20261201T080000Z\r\n"));
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "only CRLF line ends"
        );
    }

    proptest! {
        #[test]
        fn folding_and_escaping_lose_nothing(text in r"(\PC|[;,\\\n\r]){0,200}") {
            let line = format!("DESCRIPTION:{}", escape_text(&text));
            prop_assert!(!line.contains('\n') && !line.contains('\r'));
            let folded = fold(&line);
            for physical in folded.split_terminator("\r\n") {
                prop_assert!(physical.len() <= MAX_LINE_OCTETS);
            }
            let back = unfold(&folded);
            prop_assert_eq!(back.trim_end_matches("\r\n"), line.as_str());
            let value = &line["DESCRIPTION:".len()..];
            let cleaned: String = text.replace("\r\n", "\n").replace('\r', "\n").chars()
                .filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect();
            prop_assert_eq!(unescape(value), cleaned);
        }
    }
}
