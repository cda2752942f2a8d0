//! Checking a rule's conditions: fields of the right type, stages, teams and people that exist.

use super::super::fields::FieldType;
use super::super::ids::{FieldKey, PersonId};
use super::condition::{Condition, FieldTest, MaybeOneOf};
use super::validate::Checker;

fn number(c: &mut Checker, path: &str, value: f64) {
    if !value.is_finite() || value < 0.0 {
        c.problem(path, "This must be a number of 0 or more");
    }
}

fn field_test(c: &mut Checker, path: &str, field: &FieldKey, test: &FieldTest) {
    let Some(def) = c.field(path, field) else {
        return;
    };
    let text_like = matches!(
        def.field_type,
        FieldType::Text
            | FieldType::LongText
            | FieldType::Url
            | FieldType::Segment
            | FieldType::Choice { .. }
    );
    let ordered = matches!(
        def.field_type,
        FieldType::Number | FieldType::Money | FieldType::DateTime | FieldType::Choice { .. }
    );
    match test {
        FieldTest::Compare { op, value } => {
            if let Err(problem) = def.check(value, c.catalog.people) {
                c.problem(path, problem);
            } else if op.is_ordering() && !ordered {
                c.problem(
                    path,
                    format!("{} can be equal or not, but not more or less", def.label),
                );
            }
        }
        FieldTest::Contains { text } if text.trim().is_empty() => {
            c.problem(path, "Say what text to look for")
        }
        FieldTest::Contains { .. } if !text_like => c.problem(
            path,
            format!("{} is not text, so it cannot contain anything", def.label),
        ),
        _ => {}
    }
}

fn people_listed(c: &mut Checker, path: &str, test: &MaybeOneOf<PersonId>) {
    for id in test.values() {
        if c.catalog.people.get(*id).is_none() {
            c.problem(path, format!("Person #{id} is not in the team"));
        }
    }
}

pub(super) fn condition(c: &mut Checker, path: &str, condition: &Condition) {
    if condition.needs_item() && !c.has_item() {
        c.problem(
            path,
            "This looks at the item, and a run of this trigger has none",
        );
    }
    let empty = |n: usize, what: &str, c: &mut Checker| {
        if n == 0 {
            c.problem(path, format!("Pick at least one {what}"));
        }
    };
    match condition {
        Condition::Field { field, test } => field_test(c, path, field, test),
        Condition::Stage { stage } => {
            empty(stage.values().len(), "stage", c);
            for s in stage.values() {
                c.stage(path, s);
            }
        }
        Condition::Channel { channel } => empty(channel.values().len(), "channel", c),
        Condition::Campaign { campaign } => {
            if matches!(campaign, MaybeOneOf::Is(_) | MaybeOneOf::IsNot(_)) {
                empty(campaign.values().len(), "campaign", c);
            }
            for id in campaign.values() {
                if !c.catalog.campaigns.contains_key(id) {
                    c.problem(path, format!("There is no campaign #{id}"));
                }
            }
        }
        Condition::Owner { owner } => {
            if matches!(owner, MaybeOneOf::Is(_) | MaybeOneOf::IsNot(_)) {
                empty(owner.values().len(), "person", c);
            }
            people_listed(c, path, owner);
        }
        Condition::OwnerTeam { team, .. } => c.team(path, team),
        Condition::TimeInStage { hours, .. } => number(c, path, *hours),
        Condition::HoursAfterLaunch { hours, .. } => {
            if !c.measures() {
                c.problem(
                    path,
                    "Only a metric trigger records when something was measured",
                );
            }
            number(c, path, *hours);
        }
        Condition::MetricValue { value, .. } => {
            if !c.measures() {
                c.problem(path, "Only a metric trigger measures a value");
            }
            if !value.is_finite() {
                c.problem(path, "The value must be a number");
            }
        }
        Condition::Priority { .. } | Condition::RevisionRound { .. } => {}
    }
}
