//! Conditions: what must also be true of the item (or the measurement) for a rule to act.

use super::super::fields::FieldValue;
use super::super::ids::{CampaignId, FieldKey, PersonId, StageKey};
use super::super::item::{Channel, Priority};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// How a value compares with another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// = (text ignores case and surrounding spaces)
    Equal,
    /// ≠
    NotEqual,
    /// <
    Below,
    /// ≤
    AtMost,
    /// >
    Above,
    /// ≥
    AtLeast,
}

impl Comparison {
    /// Whether an ordering of actual against expected satisfies the comparison.
    pub fn holds(self, ordering: Ordering) -> bool {
        match self {
            Comparison::Equal => ordering == Ordering::Equal,
            Comparison::NotEqual => ordering != Ordering::Equal,
            Comparison::Below => ordering == Ordering::Less,
            Comparison::AtMost => ordering != Ordering::Greater,
            Comparison::Above => ordering == Ordering::Greater,
            Comparison::AtLeast => ordering != Ordering::Less,
        }
    }

    /// Compares two numbers (never true for NaN).
    pub fn numbers(self, actual: f64, expected: f64) -> bool {
        actual.partial_cmp(&expected).is_some_and(|o| self.holds(o))
    }

    /// Whether this asks for an order (<, ≤, >, ≥) rather than (in)equality.
    pub fn is_ordering(self) -> bool {
        !matches!(self, Comparison::Equal | Comparison::NotEqual)
    }

    /// The comparison in words: "is", "is not", "is below", "is at most", …
    pub fn words(self) -> &'static str {
        match self {
            Comparison::Equal => "is",
            Comparison::NotEqual => "is not",
            Comparison::Below => "is below",
            Comparison::AtMost => "is at most",
            Comparison::Above => "is above",
            Comparison::AtLeast => "is at least",
        }
    }
}

/// A test of an item field, read by the field's type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "test")]
pub enum FieldTest {
    /// Compares the field's value with a value of its type. Numbers, money (in the same
    /// currency), dates and choices (by their order in the list) can be ordered; text,
    /// links, segments and people can only be equal or not.
    Compare {
        /// How.
        op: Comparison,
        /// With what.
        value: FieldValue,
    },
    /// The text of the field contains this (ignoring case).
    Contains {
        /// The text looked for.
        text: String,
    },
    /// The field is empty.
    IsEmpty,
    /// The field is filled.
    IsNotEmpty,
}

/// Whether a value is (or is not) one of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OneOf<T> {
    /// Is one of these.
    Is(Vec<T>),
    /// Is none of these.
    IsNot(Vec<T>),
}

impl<T: PartialEq> OneOf<T> {
    /// Whether `value` passes.
    pub fn admits(&self, value: &T) -> bool {
        match self {
            OneOf::Is(list) => list.contains(value),
            OneOf::IsNot(list) => !list.contains(value),
        }
    }

    /// The values listed.
    pub fn values(&self) -> &[T] {
        match self {
            OneOf::Is(list) | OneOf::IsNot(list) => list,
        }
    }
}

/// A test of something an item may or may not have (an owner, a campaign).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaybeOneOf<T> {
    /// Has one.
    IsSet,
    /// Has none.
    IsNotSet,
    /// Is one of these.
    Is(Vec<T>),
    /// Is none of these (or none at all).
    IsNot(Vec<T>),
}

impl<T: PartialEq> MaybeOneOf<T> {
    /// Whether `value` passes.
    pub fn admits(&self, value: Option<&T>) -> bool {
        match self {
            MaybeOneOf::IsSet => value.is_some(),
            MaybeOneOf::IsNotSet => value.is_none(),
            MaybeOneOf::Is(list) => value.is_some_and(|v| list.contains(v)),
            MaybeOneOf::IsNot(list) => !value.is_some_and(|v| list.contains(v)),
        }
    }

    /// The values listed, if any.
    pub fn values(&self) -> &[T] {
        match self {
            MaybeOneOf::Is(list) | MaybeOneOf::IsNot(list) => list,
            _ => &[],
        }
    }
}

/// Something that must be true for the rule to act.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Condition {
    /// A field of the item.
    Field {
        /// The field.
        field: FieldKey,
        /// The test.
        test: FieldTest,
    },
    /// The item's current stage.
    Stage {
        /// Which stages.
        stage: OneOf<StageKey>,
    },
    /// The item's channel.
    Channel {
        /// Which channels.
        channel: OneOf<Channel>,
    },
    /// The item's campaign.
    Campaign {
        /// Which campaigns.
        campaign: MaybeOneOf<CampaignId>,
    },
    /// The item's priority.
    Priority {
        /// How it compares.
        op: Comparison,
        /// With which priority.
        priority: Priority,
    },
    /// The item's owner.
    Owner {
        /// Who.
        owner: MaybeOneOf<PersonId>,
    },
    /// The item's owner belongs (or does not belong) to a team.
    OwnerTeam {
        /// The team.
        team: String,
        /// True for "is not in the team".
        negate: bool,
    },
    /// Hours since the item entered its current stage (calendar hours).
    TimeInStage {
        /// How it compares.
        op: Comparison,
        /// With how many hours.
        hours: f64,
    },
    /// The item's revision round ("changes requested" rounds used).
    RevisionRound {
        /// How it compares.
        op: Comparison,
        /// With which round.
        round: u32,
    },
    /// The value of the metric that triggered the rule.
    MetricValue {
        /// How it compares.
        op: Comparison,
        /// With what.
        value: f64,
    },
    /// How many hours after the launch the metric was recorded.
    HoursAfterLaunch {
        /// How it compares.
        op: Comparison,
        /// With how many hours.
        hours: f64,
    },
}

impl Condition {
    /// Whether the condition looks at the item (rather than the measurement).
    pub fn needs_item(&self) -> bool {
        !matches!(
            self,
            Condition::MetricValue { .. } | Condition::HoursAfterLaunch { .. }
        )
    }
}
