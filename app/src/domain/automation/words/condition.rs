//! Conditions in words: "Channel is Email", "Subject line contains “sale”".

use super::super::super::fields::{FieldType, FieldValue};
use super::super::condition::{Comparison, Condition, FieldTest, MaybeOneOf, OneOf};
use super::super::metric::number_words;
use super::{join_or, labels, Names};

fn one_of(subject: &str, test: &OneOf<String>) -> String {
    match test {
        OneOf::Is(list) => format!("{subject} is {}", join_or(list)),
        OneOf::IsNot(list) if list.len() > 1 => {
            format!("{subject} is none of {}", list.join(", "))
        }
        OneOf::IsNot(list) => format!("{subject} is not {}", join_or(list)),
    }
}

fn names_of<T>(test: &OneOf<T>, name: impl Fn(&T) -> String) -> OneOf<String> {
    match test {
        OneOf::Is(list) => OneOf::Is(list.iter().map(name).collect()),
        OneOf::IsNot(list) => OneOf::IsNot(list.iter().map(name).collect()),
    }
}

fn maybe<T>(subject: &str, has: &str, test: &MaybeOneOf<T>, name: impl Fn(&T) -> String) -> String {
    match test {
        MaybeOneOf::IsSet => format!("The item has {has}"),
        MaybeOneOf::IsNotSet => format!(
            "The item has no {}",
            has.trim_start_matches("a ").trim_start_matches("an ")
        ),
        MaybeOneOf::Is(list) => one_of(subject, &OneOf::Is(list.iter().map(&name).collect())),
        MaybeOneOf::IsNot(list) => one_of(subject, &OneOf::IsNot(list.iter().map(&name).collect())),
    }
}

/// The comparison for a field of this type: dates are before or after.
fn op_words(op: Comparison, field_type: Option<&FieldType>) -> &'static str {
    match (field_type, op) {
        (Some(FieldType::DateTime), Comparison::Below) => "is before",
        (Some(FieldType::DateTime), Comparison::AtMost) => "is on or before",
        (Some(FieldType::DateTime), Comparison::Above) => "is after",
        (Some(FieldType::DateTime), Comparison::AtLeast) => "is on or after",
        _ => op.words(),
    }
}

fn field_test(
    label: &str,
    field_type: Option<&FieldType>,
    test: &FieldTest,
    names: &Names,
) -> String {
    match test {
        FieldTest::Compare { op, value } => {
            let shown = match value {
                FieldValue::Text(_) | FieldValue::Person(_) | FieldValue::Number(_) => {
                    labels::value(value, names)
                }
                other => other.to_string(),
            };
            format!("{label} {} {shown}", op_words(*op, field_type))
        }
        FieldTest::Contains { text } => format!("{label} contains “{}”", text.trim()),
        FieldTest::IsEmpty => format!("{label} is empty"),
        FieldTest::IsNotEmpty => format!("{label} is filled in"),
    }
}

/// Hours in words after a comparison: "at least 24 h".
fn hours(op: Comparison, hours: f64) -> String {
    let op = match op {
        Comparison::Equal => "exactly",
        Comparison::NotEqual => "not exactly",
        other => other.words().trim_start_matches("is "),
    };
    format!("{op} {} h", number_words(hours))
}

/// The condition in words, without its result.
pub(in super::super) fn words(condition: &Condition, names: &Names) -> String {
    match condition {
        Condition::Field { field, test } => {
            let field_type = names
                .def
                .and_then(|d| d.field(field))
                .map(|f| &f.field_type);
            field_test(&names.field(field), field_type, test, names)
        }
        Condition::Stage { stage } => one_of("Stage", &names_of(stage, |s| names.stage(s))),
        Condition::Channel { channel } => {
            one_of("Channel", &names_of(channel, |c| c.label().to_owned()))
        }
        Condition::Campaign { campaign } => maybe("Campaign", "a campaign", campaign, |c| {
            names.catalog.campaign_name(*c)
        }),
        Condition::Priority { op, priority } => {
            format!("Priority {} {}", op.words(), labels::priority(*priority))
        }
        Condition::Owner { owner } => maybe("Owner", "an owner", owner, |p| {
            names.catalog.people.name_of(*p)
        }),
        Condition::OwnerTeam { team, negate } => {
            let not = if *negate { "not " } else { "" };
            format!("Owner is {not}in team {}", team.trim())
        }
        Condition::TimeInStage { op, hours: h } => {
            format!("Time in the stage is {}", hours(*op, *h))
        }
        Condition::RevisionRound { op, round } => format!("Revision round {} {round}", op.words()),
        Condition::MetricValue { op, value } => {
            let shown = names
                .metric
                .map_or_else(|| number_words(*value), |m| m.value_words(*value));
            let what = names.metric.map_or_else(
                || "The measured value".to_owned(),
                |m| {
                    let words = m.words();
                    let mut chars = words.chars();
                    chars
                        .next()
                        .map_or(words.clone(), |c| c.to_uppercase().chain(chars).collect())
                },
            );
            format!("{what} {} {shown}", op.words())
        }
        Condition::HoursAfterLaunch { op, hours: h } => {
            format!("Measured {} after launch", hours(*op, *h))
        }
    }
}
