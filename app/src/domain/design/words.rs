//! The designer's shared phrasing: lists, approvers, SLAs and field types in plain words.

use super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use super::super::definition::{EscalationRule, Sla, WorkflowDefinition};
use super::super::fields::FieldType;
use super::super::ids::StageKey;
use super::super::people::{Party, People};

/// "A", "A and B", "A, B and C".
pub(super) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A stage's name, or its key when it is not in `def`.
pub(super) fn stage_name(def: &WorkflowDefinition, key: &StageKey) -> String {
    def.stage(key)
        .map_or_else(|| key.to_string(), |s| s.name.clone())
}

/// The names of parties, in order.
pub(super) fn parties(parties: &[Party], people: &People) -> Vec<String> {
    parties.iter().map(|p| p.describe(people)).collect()
}

/// One approver in words: "Dana", "the item's Reviewer", "someone from Legal".
pub(super) fn approver(
    approver: &ApproverRef,
    def: &WorkflowDefinition,
    people: &People,
) -> String {
    match approver {
        ApproverRef::Person(id) => people.name_of(*id),
        ApproverRef::Field(key) => format!("the item's {}", def.field_label(key)),
        ApproverRef::Team(team) => format!("someone from {}", team.trim()),
    }
}

/// The approvers of a policy in words, in order.
pub(super) fn approvers(
    policy: &ApprovalPolicy,
    def: &WorkflowDefinition,
    people: &People,
) -> Vec<String> {
    policy
        .approvers
        .iter()
        .map(|a| approver(a, def, people))
        .collect()
}

/// The rule of a policy, short: "single", "all of 3", "2 of 3", "sequential, 3 in turn".
pub(super) fn rule(policy: &ApprovalPolicy) -> String {
    let m = policy.approvers.len();
    match policy.rule {
        ApprovalRule::Single => "single".to_owned(),
        ApprovalRule::All => format!("all of {m}"),
        ApprovalRule::AtLeast { count } => format!("{count} of {m}"),
        ApprovalRule::Sequential => format!("sequential, {m} in turn"),
    }
}

/// "48 h" or "24 business hours".
pub(super) fn sla(sla: &Sla) -> String {
    if sla.business_hours {
        format!("{} business hours", sla.hours)
    } else {
        format!("{} h", sla.hours)
    }
}

/// Where and when an escalation goes: "to Dana after 24 h", "to the accountable people
/// when the SLA runs out".
pub(super) fn escalation(rule: &EscalationRule, people: &People) -> String {
    let to = if rule.to.is_empty() {
        "the accountable people".to_owned()
    } else {
        join_and(&parties(&rule.to, people))
    };
    match rule.after_hours {
        Some(hours) => format!("to {to} after {hours} h"),
        None => format!("to {to} when the SLA runs out"),
    }
}

/// A field type in words: "text", "choice (Leads, Sales)".
pub(super) fn field_type(field_type: &FieldType) -> String {
    match field_type {
        FieldType::Text => "text".to_owned(),
        FieldType::LongText => "long text".to_owned(),
        FieldType::Url => "web address".to_owned(),
        FieldType::DateTime => "date and time".to_owned(),
        FieldType::Number => "number".to_owned(),
        FieldType::Money => "money".to_owned(),
        FieldType::Choice { options } => format!("choice ({})", options.join(", ")),
        FieldType::Person => "person".to_owned(),
        FieldType::Segment => "audience segment".to_owned(),
        FieldType::Percent => "percent".to_owned(),
        FieldType::Date => "date".to_owned(),
        FieldType::YesNo => "yes/no".to_owned(),
    }
}

/// The text with its first letter in capitals, to start a sentence with a generated name.
pub(super) fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "1 item", "3 items".
pub(super) fn count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
