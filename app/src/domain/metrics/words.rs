//! English for the summary sentences: nouns with their plurals, shares, days and durations.

use super::super::definition::WorkflowKind;
use serde::{Deserialize, Serialize};

/// What a workflow's items are called in sentences ("post"/"posts"), and how delivering
/// them is said ("were published").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Noun {
    /// One item: "post".
    pub singular: String,
    /// Several items: "posts".
    pub plural: String,
    /// Past tense of delivering several of them: "were published", "went out".
    pub delivered: String,
}

impl Noun {
    /// A noun given by the caller, e.g. `Noun::new("ad set", "ad sets")`.
    pub fn new(singular: &str, plural: &str) -> Self {
        Self {
            singular: singular.to_owned(),
            plural: plural.to_owned(),
            delivered: "were delivered".to_owned(),
        }
    }

    /// The same noun with another way of saying it was delivered, e.g. "went live".
    pub fn delivered_as(mut self, delivered: &str) -> Self {
        self.delivered = delivered.to_owned();
        self
    }

    /// The noun for a workflow kind; "items" for a team's own workflow.
    pub fn for_kind(kind: WorkflowKind) -> Self {
        let (one, many, delivered) = match kind {
            WorkflowKind::Content => ("post", "posts", "were published"),
            WorkflowKind::Paid => ("paid campaign", "paid campaigns", "launched"),
            WorkflowKind::Email => ("email", "emails", "went out"),
            WorkflowKind::Social => ("social post", "social posts", "went out"),
            WorkflowKind::Reporting => ("report", "reports", "were delivered"),
            WorkflowKind::Seo => ("SEO task", "SEO tasks", "were done"),
            WorkflowKind::Nurture => ("lead", "leads", "were handed off"),
            WorkflowKind::IntegratedCampaign => ("campaign", "campaigns", "launched"),
            WorkflowKind::Custom => ("item", "items", "were done"),
        };
        Self::new(one, many).delivered_as(delivered)
    }

    /// The noun for work across several workflows.
    pub fn items() -> Self {
        Self::for_kind(WorkflowKind::Custom)
    }

    /// The form for `n` of them.
    pub fn of(&self, n: u64) -> &str {
        if n == 1 {
            &self.singular
        } else {
            &self.plural
        }
    }

    /// `n` of them in words: "1 post", "23 posts".
    pub fn count(&self, n: u64) -> String {
        format!("{n} {}", self.of(n))
    }
}

/// A share as a whole percentage, "92 %". Never rounds to 0 % or 100 % when that is not
/// exactly true: "under 1 %", "99 %".
pub fn percent(share: f64) -> String {
    if share.is_nan() || share <= 0.0 {
        return "0 %".to_owned();
    }
    if share >= 1.0 {
        return "100 %".to_owned();
    }
    let rounded = (share * 100.0).round();
    if rounded < 1.0 {
        "under 1 %".to_owned()
    } else {
        format!("{} %", rounded.min(99.0))
    }
}

/// `part` of `whole` as a share (0 when `whole` is 0).
pub fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// A number of days: "1 day", "6 days".
pub fn days(n: u32) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// A count with a plural noun: "1 escalation", "3 escalations".
pub fn counted(n: u64, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// A decimal with at most one digit after the point and no trailing ".0": "4.5", "3".
pub fn decimal(value: f64) -> String {
    let tenths = (value * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// The unit a duration is said in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationUnit {
    /// Shorter than an hour.
    UnderAnHour,
    /// Hours (up to a day and a half).
    Hours,
    /// Days.
    Days,
}

/// A duration as a number and its unit: under 36 hours in hours, else in days (rounded).
pub fn duration_parts(seconds: i64) -> (i64, DurationUnit) {
    let seconds = seconds.max(0);
    if seconds < 3600 {
        (0, DurationUnit::UnderAnHour)
    } else if seconds < 36 * 3600 {
        ((seconds + 1800) / 3600, DurationUnit::Hours)
    } else {
        ((seconds + 43_200) / 86_400, DurationUnit::Days)
    }
}

/// A duration in words: "under an hour", "1 hour", "5 hours", "2 days".
pub fn duration(seconds: i64) -> String {
    match duration_parts(seconds) {
        (_, DurationUnit::UnderAnHour) => "under an hour".to_owned(),
        (n, DurationUnit::Hours) => counted(n.unsigned_abs(), "hour", "hours"),
        (n, DurationUnit::Days) => counted(n.unsigned_abs(), "day", "days"),
    }
}

/// Two durations where the second repeats the first's unit, so it may drop it:
/// ("4 days", "2") — as in "in Review for 4 days; 85 % leave within 2". The second keeps
/// its unit when the units differ ("30 hours", "2 days").
pub fn durations_alike(first: i64, second: i64) -> (String, String) {
    let (a, unit_a) = duration_parts(first);
    let (b, unit_b) = duration_parts(second);
    let second_words =
        if unit_a == unit_b && unit_a != DurationUnit::UnderAnHour && a != 1 && b != 1 {
            b.to_string()
        } else {
            duration(second)
        };
    (duration(first), second_words)
}

/// The text with its first letter in capitals, for a noun that opens a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_do_not_round_to_all_or_nothing() {
        assert_eq!(percent(23.0 / 25.0), "92 %");
        assert_eq!(percent(0.004), "under 1 %");
        assert_eq!(percent(0.996), "99 %");
        assert_eq!(percent(1.0), "100 %");
        assert_eq!(percent(0.0), "0 %");
        assert_eq!(percent(share(1, 3)), "33 %");
        assert_eq!(share(1, 0), 0.0);
    }

    #[test]
    fn nouns_agree_with_their_number() {
        let emails = Noun::for_kind(WorkflowKind::Email);
        assert_eq!(emails.count(1), "1 email");
        assert_eq!(emails.count(0), "0 emails");
        assert_eq!(emails.delivered, "went out");
        assert_eq!(Noun::new("ad set", "ad sets").count(2), "2 ad sets");
        assert_eq!(days(1), "1 day");
        assert_eq!(days(11), "11 days");
        assert_eq!(capitalised("posts"), "Posts");
    }

    #[test]
    fn durations_pick_hours_or_days() {
        assert_eq!(duration(20 * 60), "under an hour");
        assert_eq!(duration(3600), "1 hour");
        assert_eq!(duration(30 * 3600), "30 hours");
        assert_eq!(duration(4 * 86_400), "4 days");
        assert_eq!(
            durations_alike(4 * 86_400, 2 * 86_400),
            ("4 days".into(), "2".into())
        );
        assert_eq!(
            durations_alike(4 * 86_400, 86_400),
            ("4 days".into(), "24 hours".into())
        );
        assert_eq!(
            durations_alike(30 * 3600, 20 * 3600),
            ("30 hours".into(), "20".into())
        );
        assert_eq!(decimal(4.5), "4.5");
        assert_eq!(decimal(3.0), "3");
        assert_eq!(decimal(2.04), "2");
    }
}
