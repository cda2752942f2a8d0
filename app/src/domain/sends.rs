//! The email send log across items: what "the same segment" means, and the over-contact
//! warning when a segment is emailed again within the planning rules' days.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ItemId;

/// A segment as sends are matched by: trimmed, lower case ("Newsletter " = "newsletter").
pub fn segment_key(segment: &str) -> String {
    segment.trim().to_lowercase()
}

/// The most recipients a send may have: a typo guard, not a policy.
pub const MAX_RECIPIENTS: u64 = 1_000_000_000;

/// A send from the log, with the item it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedSend {
    /// The item.
    pub item: ItemId,
    /// The item's title.
    pub title: String,
    /// What was sent (the subject line).
    pub subject: String,
    /// The segment, as written.
    pub segment: String,
    /// When it went out.
    pub sent_at: DateTime<Utc>,
    /// How many recipients.
    pub recipients: Option<u64>,
}

/// The sends of `log` to `segment` within `days` days of `at`, either side, oldest first:
/// the ones a send at `at` would over-contact. Days are the reader's (`day` gives a
/// moment's local date), as the calendar's over-contact rule counts them.
pub fn contacted_within<'a>(
    segment: &str,
    at: DateTime<Utc>,
    days: u32,
    log: &'a [LoggedSend],
    day: impl Fn(DateTime<Utc>) -> chrono::NaiveDate,
) -> Vec<&'a LoggedSend> {
    let key = segment_key(segment);
    let on = day(at);
    let mut near: Vec<&LoggedSend> = log
        .iter()
        .filter(|s| {
            segment_key(&s.segment) == key
                && (day(s.sent_at) - on).num_days().abs() <= i64::from(days)
        })
        .collect();
    near.sort_by_key(|s| s.sent_at);
    near
}

/// The warning for a send to `segment` when `earlier` sends reached it within `days`
/// days; `day` writes a moment in the reader's time zone.
pub fn over_contact_warning(
    segment: &str,
    days: u32,
    earlier: &[&LoggedSend],
    day: impl Fn(DateTime<Utc>) -> String,
) -> Option<String> {
    if earlier.is_empty() {
        return None;
    }
    let listed: Vec<String> = earlier
        .iter()
        .map(|s| {
            let to = s
                .recipients
                .map(|n| format!(", {} recipients", super::limits::grouped_u64(n)))
                .unwrap_or_default();
            format!("“{}” on {}{to}", s.subject, day(s.sent_at))
        })
        .collect();
    let within = if days == 1 {
        "1 day".to_owned()
    } else {
        format!("{days} days")
    };
    Some(format!(
        "Over-contact: “{}” was emailed within {within} of this send: {}",
        segment.trim(),
        listed.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, day, hour, 0, 0).unwrap()
    }

    fn send(item: i64, segment: &str, sent_at: DateTime<Utc>) -> LoggedSend {
        LoggedSend {
            item: ItemId(item),
            title: format!("Item {item}"),
            subject: format!("Offer {item}"),
            segment: segment.into(),
            sent_at,
            recipients: Some(1200),
        }
    }

    #[test]
    fn only_the_same_segment_within_the_days_counts() {
        let log = [
            send(1, "Newsletter ", at(1, 9)),
            send(2, "newsletter", at(3, 9)),
            send(3, "Customers", at(4, 9)),
            send(4, "Newsletter", at(9, 9)),
        ];
        let utc = |t: DateTime<Utc>| t.date_naive();
        let near = contacted_within("NEWSLETTER", at(4, 23), 3, &log, utc);
        let items: Vec<i64> = near.iter().map(|s| s.item.0).collect();
        assert_eq!(items, [1, 2]);
        assert!(contacted_within("Newsletter", at(20, 9), 3, &log, utc).is_empty());
        // Days, not hours: 1 Dec 09:00 and 4 Dec 23:00 are three days apart.
        assert_eq!(
            contacted_within("Newsletter", at(4, 23), 2, &log, utc).len(),
            1
        );
        let warning =
            over_contact_warning("Newsletter", 3, &near, |t| t.format("%-d %b").to_string());
        assert_eq!(
            warning.as_deref(),
            Some("Over-contact: “Newsletter” was emailed within 3 days of this send: “Offer 1” on 1 Dec, 1,200 recipients; “Offer 2” on 3 Dec, 1,200 recipients")
        );
        assert_eq!(
            over_contact_warning("Newsletter", 3, &[], |_| String::new()),
            None
        );
    }
}
