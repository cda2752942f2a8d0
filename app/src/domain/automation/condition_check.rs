//! Checking conditions against the item and the measurement, with a sentence for the run log.

use super::super::definition::WorkflowDefinition;
use super::super::fields::{FieldType, FieldValue};
use super::super::item::Item;
use super::condition::{Comparison, Condition, FieldTest};
use super::metric::number_words;
use super::rule::Conditions;
use super::signal::MetricReading;
use super::words::{self, labels, Names};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// One condition's result, for the run log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionResult {
    /// Where it is in the rule, e.g. `conditions.0.1`.
    pub path: String,
    /// Whether it held.
    pub held: bool,
    /// The condition and its result in words: "Channel is Email — yes".
    pub sentence: String,
}

/// What conditions are checked against.
pub(super) struct Subject<'a> {
    pub item: Option<&'a Item>,
    pub def: Option<&'a WorkflowDefinition>,
    pub reading: Option<&'a MetricReading>,
    pub now: DateTime<Utc>,
}

fn text_of(value: &FieldValue) -> Option<&str> {
    match value {
        FieldValue::Text(s)
        | FieldValue::Url(s)
        | FieldValue::Choice(s)
        | FieldValue::Segment(s) => Some(s.trim()),
        _ => None,
    }
}

/// The order of two values of a field, where the type has one.
fn order(
    field_type: Option<&FieldType>,
    actual: &FieldValue,
    expected: &FieldValue,
) -> Option<Ordering> {
    match (actual, expected) {
        (FieldValue::Number(a), FieldValue::Number(b)) => a.partial_cmp(b),
        (FieldValue::Money(a), FieldValue::Money(b)) if a.currency == b.currency => {
            Some(a.amount_minor.cmp(&b.amount_minor))
        }
        (FieldValue::DateTime(a), FieldValue::DateTime(b)) => Some(a.cmp(b)),
        (FieldValue::Percent(a), FieldValue::Percent(b)) => a.partial_cmp(b),
        (FieldValue::Date(a), FieldValue::Date(b)) => Some(a.cmp(b)),
        (FieldValue::YesNo(a), FieldValue::YesNo(b)) => Some(a.cmp(b)),
        (FieldValue::Choice(a), FieldValue::Choice(b)) => match field_type {
            Some(FieldType::Choice { options }) => {
                let at = |c: &str| {
                    options
                        .iter()
                        .position(|o| o.eq_ignore_ascii_case(c.trim()))
                };
                Some(at(a)?.cmp(&at(b)?))
            }
            _ => None,
        },
        _ => None,
    }
}

fn equal(field_type: Option<&FieldType>, actual: &FieldValue, expected: &FieldValue) -> bool {
    match (actual, expected) {
        (FieldValue::Person(a), FieldValue::Person(b)) => a == b,
        _ => match (text_of(actual), text_of(expected)) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b) || a.to_lowercase() == b.to_lowercase(),
            _ => order(field_type, actual, expected) == Some(Ordering::Equal),
        },
    }
}

fn field_holds(
    field_type: Option<&FieldType>,
    actual: Option<&FieldValue>,
    test: &FieldTest,
) -> bool {
    match test {
        FieldTest::IsEmpty => actual.is_none(),
        FieldTest::IsNotEmpty => actual.is_some(),
        FieldTest::Contains { text } => actual
            .and_then(text_of)
            .is_some_and(|t| t.to_lowercase().contains(&text.trim().to_lowercase())),
        FieldTest::Compare { op, value } => {
            let same = actual.is_some_and(|a| equal(field_type, a, value));
            match op {
                Comparison::Equal => same,
                Comparison::NotEqual => !same,
                ordering => actual
                    .and_then(|a| order(field_type, a, value))
                    .is_some_and(|o| ordering.holds(o)),
            }
        }
    }
}

/// Whether the condition holds, and what was found when it did not.
fn check(condition: &Condition, s: &Subject, names: &Names) -> (bool, Option<String>) {
    let Some(item) = s.item.filter(|_| condition.needs_item()) else {
        return match (condition, s.reading) {
            (Condition::MetricValue { op, value }, Some(r)) => {
                let held = op.numbers(r.value, *value);
                (
                    held,
                    Some(format!("it is {}", r.metric.value_words(r.value))),
                )
            }
            (Condition::HoursAfterLaunch { op, hours }, Some(r)) => match r.hours_since_launch {
                Some(h) => (
                    op.numbers(h, *hours),
                    Some(format!("it was {} h", number_words(h))),
                ),
                None => (false, Some("the launch time is not known".to_owned())),
            },
            (Condition::MetricValue { .. } | Condition::HoursAfterLaunch { .. }, None) => {
                (false, Some("nothing was measured".to_owned()))
            }
            _ => (false, Some("this run has no item".to_owned())),
        };
    };
    let found = |held: bool, what: String| (held, (!held).then_some(what));
    match condition {
        Condition::Field { field, test } => {
            let field_type = s.def.and_then(|d| d.field(field)).map(|f| &f.field_type);
            let actual = item.filled(field);
            let shown = actual.map_or_else(
                || "it is empty".to_owned(),
                |v| format!("it is {}", labels::value(v, names)),
            );
            found(field_holds(field_type, actual, test), shown)
        }
        Condition::Stage { stage } => found(
            stage.admits(&item.stage),
            format!("it is in {}", names.stage(&item.stage)),
        ),
        Condition::Channel { channel } => found(
            channel.admits(&item.channel),
            format!("it is {}", item.channel.label()),
        ),
        Condition::Campaign { campaign } => found(
            campaign.admits(item.campaign.as_ref()),
            item.campaign.map_or_else(
                || "it is in no campaign".to_owned(),
                |c| format!("it is in {}", names.catalog.campaign_name(c)),
            ),
        ),
        Condition::Priority { op, priority } => found(
            op.holds(item.priority.cmp(priority)),
            format!("it is {}", labels::priority(item.priority)),
        ),
        Condition::Owner { owner } => found(
            owner.admits(item.owner.as_ref()),
            item.owner.map_or_else(
                || "it has no owner".to_owned(),
                |o| format!("it is {}", names.catalog.people.name_of(o)),
            ),
        ),
        Condition::OwnerTeam { team, negate } => {
            let owner = item.owner.and_then(|o| names.catalog.people.get(o));
            let member = owner.is_some_and(|p| p.in_team(team));
            let shown = owner.map_or_else(
                || "it has no owner".to_owned(),
                |p| format!("{} is {}in it", p.name, if member { "" } else { "not " }),
            );
            found(member != *negate, shown)
        }
        Condition::TimeInStage { op, hours } => {
            let spent = (s.now - item.entered_stage_at).num_minutes() as f64 / 60.0;
            found(
                op.numbers(spent, *hours),
                format!("it has been {} h", number_words(spent)),
            )
        }
        Condition::RevisionRound { op, round } => found(
            op.holds(item.revision_round.cmp(round)),
            format!("it is round {}", item.revision_round),
        ),
        Condition::MetricValue { .. } | Condition::HoursAfterLaunch { .. } => {
            unreachable!("measurement conditions are checked without the item")
        }
    }
}

/// Checks every condition (none is skipped, so the log shows them all) and combines them.
pub(super) fn check_all(
    conditions: &Conditions,
    s: &Subject,
    names: &Names,
) -> (bool, Vec<ConditionResult>) {
    let mut results = Vec::new();
    let mut groups = Vec::new();
    for (g, group) in conditions.groups.iter().enumerate() {
        let mut held = Vec::new();
        for (c, condition) in group.conditions.iter().enumerate() {
            let (ok, found) = check(condition, s, names);
            let answer = match (ok, found) {
                (true, _) => "yes".to_owned(),
                (false, Some(found)) => format!("no: {found}"),
                (false, None) => "no".to_owned(),
            };
            results.push(ConditionResult {
                path: format!("conditions.{g}.{c}"),
                held: ok,
                sentence: format!("{} — {answer}", words::condition::words(condition, names)),
            });
            held.push(ok);
        }
        groups.push(group.combine.over(held));
    }
    (conditions.combine.over(groups), results)
}
