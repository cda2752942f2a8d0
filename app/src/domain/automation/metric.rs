//! Measured results: metric names, what is measured, and a value in words.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A metric's name as stored: lowercase words joined by underscores, e.g. `open_rate`.
/// Any name the team uses is fine; a few well-known ones get nicer words and a unit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct MetricName(String);

/// Metrics Baton knows by name: (name, words, is a percentage).
const KNOWN: [(&str, &str, bool); 9] = [
    ("open_rate", "open rate", true),
    ("click_rate", "click rate", true),
    ("ctr", "CTR", true),
    ("cpa", "CPA", false),
    ("cpc", "CPC", false),
    ("unsubscribe_rate", "unsubscribe rate", true),
    ("bounce_rate", "bounce rate", true),
    ("conversion_rate", "conversion rate", true),
    ("lead_score", "lead score", false),
];

impl MetricName {
    /// Normalizes a name: "Open rate", "open-rate" and " OPEN_RATE " are all `open_rate`.
    pub fn new(name: &str) -> Self {
        let mut out = String::new();
        for c in name.trim().chars() {
            if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            } else if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
        }
        while out.ends_with('_') {
            out.pop();
        }
        Self(out)
    }

    /// The stored name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the name is empty (nothing to measure).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The metric in words: "open rate", "CTR", or the name with spaces.
    pub fn words(&self) -> String {
        KNOWN
            .iter()
            .find(|(name, _, _)| *name == self.0)
            .map_or_else(
                || self.0.replace('_', " "),
                |(_, words, _)| (*words).to_owned(),
            )
    }

    /// Whether values are percentages (recorded as 12.5 for 12.5 %).
    pub fn is_percentage(&self) -> bool {
        KNOWN
            .iter()
            .any(|(name, _, percent)| *name == self.0 && *percent)
            || self.0.ends_with("_rate")
    }

    /// A value of this metric in words: "12.5 %", "70".
    pub fn value_words(&self, value: f64) -> String {
        let number = number_words(value);
        if self.is_percentage() {
            format!("{number} %")
        } else {
            number
        }
    }
}

/// A number as people write it: no trailing zeros, at most two decimals.
pub fn number_words(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

impl From<String> for MetricName {
    fn from(name: String) -> Self {
        MetricName::new(&name)
    }
}

impl From<&str> for MetricName {
    fn from(name: &str) -> Self {
        MetricName::new(name)
    }
}

impl From<MetricName> for String {
    fn from(name: MetricName) -> Self {
        name.0
    }
}

impl fmt::Display for MetricName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_normalized_however_they_are_typed() {
        assert_eq!(MetricName::new(" Open rate ").as_str(), "open_rate");
        assert_eq!(MetricName::new("open-rate"), MetricName::new("OPEN_RATE"));
        assert_eq!(MetricName::new("  ").as_str(), "");
        let parsed: MetricName = serde_json::from_str("\"Lead Score\"").unwrap();
        assert_eq!(parsed.as_str(), "lead_score");
    }

    #[test]
    fn known_metrics_get_words_and_units() {
        assert_eq!(MetricName::new("ctr").words(), "CTR");
        assert_eq!(MetricName::new("ctr").value_words(1.25), "1.25 %");
        assert_eq!(MetricName::new("lead_score").value_words(70.0), "70");
        assert_eq!(MetricName::new("demo_requests").words(), "demo requests");
        assert_eq!(MetricName::new("reply_rate").value_words(3.0), "3 %");
        assert_eq!(number_words(0.5), "0.5");
        assert_eq!(number_words(12.0), "12");
        assert_eq!(number_words(-0.001), "0");
    }
}
