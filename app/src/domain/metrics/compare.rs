//! Period A against period B: the same figures side by side, and the change in words
//! ("Cycle time P85 fell from 11 to 7 days.").

use super::words::{days, decimal, percent, Noun};
use serde::{Deserialize, Serialize};

/// A figure that can be compared between periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKey {
    /// Median cycle time, days.
    CycleTimeP50,
    /// 85th percentile cycle time, days.
    CycleTimeP85,
    /// 95th percentile cycle time, days.
    CycleTimeP95,
    /// Items finished per week.
    Throughput,
    /// Share of finished items on time.
    OnTimeDelivery,
    /// Share of finished items that needed a post-launch fix.
    ErrorRate,
    /// Share of stage visits inside their SLA.
    SlaPerformance,
    /// Escalations per week.
    Escalations,
    /// Share of cycle time spent in the bottleneck stage.
    BottleneckShare,
}

impl MeasureKey {
    /// Its name at the start of a sentence.
    pub fn label(self) -> &'static str {
        match self {
            MeasureKey::CycleTimeP50 => "Cycle time P50",
            MeasureKey::CycleTimeP85 => "Cycle time P85",
            MeasureKey::CycleTimeP95 => "Cycle time P95",
            MeasureKey::Throughput => "Throughput",
            MeasureKey::OnTimeDelivery => "On-time delivery",
            MeasureKey::ErrorRate => "The share needing a post-launch fix",
            MeasureKey::SlaPerformance => "The share of stage visits within their SLA",
            MeasureKey::Escalations => "Escalations",
            MeasureKey::BottleneckShare => "The bottleneck's share of cycle time",
        }
    }

    /// Whether a lower value is the better one.
    pub fn lower_is_better(self) -> bool {
        !matches!(
            self,
            MeasureKey::Throughput | MeasureKey::OnTimeDelivery | MeasureKey::SlaPerformance
        )
    }

    /// The value in words; without its unit for the first number of "from 11 to 7 days"
    /// (shares keep their "%").
    fn say(self, value: f64, with_unit: bool, noun: &Noun) -> String {
        match self {
            MeasureKey::CycleTimeP50 | MeasureKey::CycleTimeP85 | MeasureKey::CycleTimeP95 => {
                let n = value.round().max(0.0) as u32;
                if with_unit {
                    days(n)
                } else {
                    n.to_string()
                }
            }
            MeasureKey::Throughput | MeasureKey::Escalations => {
                let number = decimal(value);
                if !with_unit {
                    return number;
                }
                if self == MeasureKey::Escalations {
                    return format!("{number} a week");
                }
                let word = if number == "1" {
                    &noun.singular
                } else {
                    &noun.plural
                };
                format!("{number} {word} a week")
            }
            MeasureKey::OnTimeDelivery
            | MeasureKey::ErrorRate
            | MeasureKey::SlaPerformance
            | MeasureKey::BottleneckShare => percent(value),
        }
    }
}

/// One figure of one period; `None` when the period has no data for it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// Which figure.
    pub key: MeasureKey,
    /// Its value (days, items a week, escalations a week, or a share from 0 to 1).
    pub value: Option<f64>,
}

impl Measure {
    /// A figure.
    pub fn new(key: MeasureKey, value: Option<f64>) -> Self {
        Self { key, value }
    }
}

/// Which way a figure went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// It went up.
    Rose,
    /// It went down.
    Fell,
    /// Within rounding, it stayed the same.
    Same,
    /// One of the periods has no data.
    NotComparable,
}

/// A figure in both periods and the change in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Which figure.
    pub key: MeasureKey,
    /// Its value before.
    pub before: Option<f64>,
    /// Its value after.
    pub after: Option<f64>,
    /// Which way it went.
    pub trend: Trend,
    /// Whether the change is for the better; `None` when it stayed or cannot be compared.
    pub improved: Option<bool>,
    /// The change in words.
    pub sentence: String,
}

/// Each figure of `before` against the same figure of `after`, in the order of `before`;
/// figures missing from `after` cannot be compared.
pub fn compare(before: &[Measure], after: &[Measure], noun: &Noun) -> Vec<Change> {
    before
        .iter()
        .map(|b| {
            let a = after.iter().find(|a| a.key == b.key).and_then(|a| a.value);
            change(b.key, b.value, a, noun)
        })
        .collect()
}

fn change(key: MeasureKey, before: Option<f64>, after: Option<f64>, noun: &Noun) -> Change {
    let label = key.label();
    let (trend, improved, sentence) = match (before, after) {
        (Some(b), Some(a)) => {
            let (said_b, said_a) = (key.say(b, true, noun), key.say(a, true, noun));
            if said_b == said_a {
                (Trend::Same, None, format!("{label} stayed at {said_a}."))
            } else {
                let trend = if a > b { Trend::Rose } else { Trend::Fell };
                let verb = if trend == Trend::Rose { "rose" } else { "fell" };
                let improved = (trend == Trend::Fell) == key.lower_is_better();
                let sentence = format!(
                    "{label} {verb} from {} to {said_a}.",
                    key.say(b, false, noun)
                );
                (trend, Some(improved), sentence)
            }
        }
        (None, Some(_)) => (
            Trend::NotComparable,
            None,
            format!("{label} cannot be compared: there was no data before."),
        ),
        (Some(_), None) => (
            Trend::NotComparable,
            None,
            format!("{label} cannot be compared: there is no data after."),
        ),
        (None, None) => (
            Trend::NotComparable,
            None,
            format!("{label} cannot be compared: there is no data in either period."),
        ),
    };
    Change {
        key,
        before,
        after,
        trend,
        improved,
        sentence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(key: MeasureKey, b: Option<f64>, a: Option<f64>) -> Change {
        let noun = Noun::new("post", "posts");
        compare(&[Measure::new(key, b)], &[Measure::new(key, a)], &noun).remove(0)
    }

    #[test]
    fn changes_are_said_with_their_direction_and_judged() {
        let c = one(MeasureKey::CycleTimeP85, Some(11.0), Some(7.0));
        assert_eq!(c.sentence, "Cycle time P85 fell from 11 to 7 days.");
        assert_eq!((c.trend, c.improved), (Trend::Fell, Some(true)));
        let c = one(MeasureKey::OnTimeDelivery, Some(0.8), Some(0.92));
        assert_eq!(c.sentence, "On-time delivery rose from 80 % to 92 %.");
        assert_eq!(c.improved, Some(true));
        let c = one(MeasureKey::Throughput, Some(4.5), Some(1.0));
        assert_eq!(c.sentence, "Throughput fell from 4.5 to 1 post a week.");
        assert_eq!(c.improved, Some(false));
        let c = one(MeasureKey::CycleTimeP50, Some(6.2), Some(5.9));
        assert_eq!(c.sentence, "Cycle time P50 stayed at 6 days.");
        assert_eq!((c.trend, c.improved), (Trend::Same, None));
        let c = one(MeasureKey::CycleTimeP50, Some(2.0), Some(1.0));
        assert_eq!(c.sentence, "Cycle time P50 fell from 2 to 1 day.");
    }

    #[test]
    fn missing_data_is_said_instead_of_compared() {
        let c = one(MeasureKey::ErrorRate, None, Some(0.1));
        assert_eq!(c.trend, Trend::NotComparable);
        assert_eq!(
            c.sentence,
            "The share needing a post-launch fix cannot be compared: there was no data before."
        );
        let noun = Noun::new("post", "posts");
        let c = compare(
            &[Measure::new(MeasureKey::Escalations, Some(2.0))],
            &[],
            &noun,
        );
        assert_eq!(
            c[0].sentence,
            "Escalations cannot be compared: there is no data after."
        );
    }
}
