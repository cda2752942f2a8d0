//! Typed fields: defined once per workflow, filled on the item, validated by type.

use super::ids::{FieldKey, PersonId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The type of a field, which decides how its value is validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum FieldType {
    /// One line of text.
    Text,
    /// Several paragraphs of text.
    LongText,
    /// A web address starting with http:// or https://.
    Url,
    /// A point in time.
    DateTime,
    /// A number such as a CTR threshold.
    Number,
    /// An amount with a currency.
    Money,
    /// One of a fixed list of options.
    Choice {
        /// The allowed options, as shown to people.
        options: Vec<String>,
    },
    /// A person from the team directory.
    Person,
    /// An audience segment, by name.
    Segment,
    /// A share in percent, e.g. a click-through rate of 2.5 %.
    Percent,
    /// A calendar day without a time, e.g. a report's due day.
    Date,
    /// Yes or no.
    YesNo,
}

/// A field defined at workflow level; stages list which keys they require.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDef {
    /// Stable key.
    pub key: FieldKey,
    /// Label shown on forms and in messages ("Required: Landing page URL").
    pub label: String,
    /// How values are validated.
    pub field_type: FieldType,
    /// Help text shown next to the input.
    pub help: String,
}

/// An amount of money in minor units (cents) with an ISO 4217 currency code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Amount in minor units, e.g. 120050 for 1200.50.
    pub amount_minor: i64,
    /// Three-letter currency code, e.g. "EUR".
    pub currency: String,
}

/// A filled-in value of a field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum FieldValue {
    /// Text or long text.
    Text(String),
    /// A web address.
    Url(String),
    /// A point in time.
    DateTime(DateTime<Utc>),
    /// A number.
    Number(f64),
    /// An amount with a currency.
    Money(Money),
    /// The chosen option.
    Choice(String),
    /// A person.
    Person(PersonId),
    /// An audience segment name.
    Segment(String),
    /// A percentage: 2.5 means 2.5 %.
    Percent(f64),
    /// A calendar day.
    Date(NaiveDate),
    /// Yes (`true`) or no.
    YesNo(bool),
}

impl FieldValue {
    /// Whether the value counts as empty (blank text); empty values do not fill a required field.
    pub fn is_blank(&self) -> bool {
        match self {
            FieldValue::Text(s)
            | FieldValue::Url(s)
            | FieldValue::Choice(s)
            | FieldValue::Segment(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The person this value names, if it is a person value.
    pub fn as_person(&self) -> Option<PersonId> {
        match self {
            FieldValue::Person(id) => Some(*id),
            _ => None,
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.amount_minor < 0 { "-" } else { "" };
        let abs = self.amount_minor.unsigned_abs();
        write!(f, "{sign}{}.{:02} {}", abs / 100, abs % 100, self.currency)
    }
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Text(s)
            | FieldValue::Url(s)
            | FieldValue::Choice(s)
            | FieldValue::Segment(s) => f.write_str(s),
            FieldValue::DateTime(t) => write!(f, "{}", t.format("%Y-%m-%d %H:%M UTC")),
            FieldValue::Number(n) => write!(f, "{n}"),
            FieldValue::Money(m) => write!(f, "{m}"),
            FieldValue::Person(id) => write!(f, "person #{id}"),
            FieldValue::Percent(n) => write!(f, "{n}%"),
            FieldValue::Date(day) => write!(f, "{}", day.format("%Y-%m-%d")),
            FieldValue::YesNo(yes) => f.write_str(if *yes { "Yes" } else { "No" }),
        }
    }
}
