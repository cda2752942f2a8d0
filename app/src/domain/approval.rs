//! Approval policies: who signs off a stage and when the sign-off is complete.

use super::ids::{FieldKey, PersonId};
use super::item::Item;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many of the approvers must approve, and in what order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum ApprovalRule {
    /// Any one approver.
    Single,
    /// Every approver, in any order.
    All,
    /// At least `count` of the approvers ("N of M").
    AtLeast {
        /// Approvals needed.
        count: u32,
    },
    /// Every approver, one after another in list order.
    Sequential,
}

/// Names an approver: a specific person, or whoever is in a person-typed field of the item
/// (e.g. the "Brand account approver" of a social post).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum ApproverRef {
    /// This person.
    Person(PersonId),
    /// The person in this field of the item.
    Field(FieldKey),
}

/// The sign-off a stage needs before the item may leave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalPolicy {
    /// How many must approve.
    pub rule: ApprovalRule,
    /// Who may approve, in order (the order matters for `Sequential`).
    pub approvers: Vec<ApproverRef>,
}

impl ApprovalPolicy {
    /// One approver: whoever is in the given person field of the item.
    pub fn single_from_field(field: &str) -> Self {
        Self {
            rule: ApprovalRule::Single,
            approvers: vec![ApproverRef::Field(FieldKey::new(field))],
        }
    }
}

/// An approver's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "verdict")]
pub enum Verdict {
    /// Approved as it is now.
    Approved,
    /// Changes requested, with the feedback given.
    ChangesRequested {
        /// What should change.
        feedback: String,
    },
}

/// An approver's decision for the current stage and when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Approved or changes requested.
    pub verdict: Verdict,
    /// When.
    pub at: DateTime<Utc>,
}

/// Where the sign-off of an item's current stage stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalProgress {
    /// Everyone who may decide, in policy order, without duplicates.
    pub approvers: Vec<PersonId>,
    /// Approvers who have approved.
    pub approved: Vec<PersonId>,
    /// Approvals needed for the policy to be satisfied.
    pub needed: u32,
    /// Approvers still expected to decide (for sequential, only the one whose turn it is).
    pub waiting_on: Vec<PersonId>,
    /// Approver fields of the item that are still empty.
    pub unfilled_fields: Vec<FieldKey>,
    /// Whether the policy is satisfied.
    pub satisfied: bool,
}

/// Resolves the approvers of `policy` for `item` and counts their approvals.
pub fn approval_progress(policy: &ApprovalPolicy, item: &Item) -> ApprovalProgress {
    let mut approvers: Vec<PersonId> = Vec::new();
    let mut unfilled_fields = Vec::new();
    for approver in &policy.approvers {
        let resolved = match approver {
            ApproverRef::Person(id) => Some(*id),
            ApproverRef::Field(key) => item.fields.get(key).and_then(|v| v.as_person()),
        };
        match (resolved, approver) {
            (Some(id), _) if !approvers.contains(&id) => approvers.push(id),
            (None, ApproverRef::Field(key)) => unfilled_fields.push(key.clone()),
            _ => {}
        }
    }
    let has_approved = |id: &PersonId| {
        matches!(
            item.approvals.get(id),
            Some(Decision {
                verdict: Verdict::Approved,
                ..
            })
        )
    };
    let approved: Vec<PersonId> = approvers
        .iter()
        .copied()
        .filter(|id| has_approved(id))
        .collect();
    let needed = match policy.rule {
        ApprovalRule::Single => 1,
        ApprovalRule::AtLeast { count } => count,
        ApprovalRule::All | ApprovalRule::Sequential => approvers.len() as u32,
    };
    let satisfied = needed > 0 && approved.len() as u32 >= needed;
    let undecided = approvers
        .iter()
        .copied()
        .filter(|id| !item.approvals.contains_key(id));
    let waiting_on = match (satisfied, policy.rule) {
        (true, _) => Vec::new(),
        (false, ApprovalRule::Sequential) => undecided.take(1).collect(),
        (false, _) => undecided.collect(),
    };
    ApprovalProgress {
        approvers,
        approved,
        needed,
        waiting_on,
        unfilled_fields,
        satisfied,
    }
}

impl ApprovalProgress {
    /// Whether this person is one of the approvers.
    pub fn is_approver(&self, person: PersonId) -> bool {
        self.approvers.contains(&person)
    }
}

#[cfg(test)]
mod tests {
    use super::super::fields::FieldValue;
    use super::super::testkit::sample_item;
    use super::*;

    fn approve(item: &mut Item, who: i64) {
        let decision = Decision {
            verdict: Verdict::Approved,
            at: item.created_at,
        };
        item.approvals.insert(PersonId(who), decision);
    }

    fn people_policy(rule: ApprovalRule) -> ApprovalPolicy {
        ApprovalPolicy {
            rule,
            approvers: (1..=3).map(|i| ApproverRef::Person(PersonId(i))).collect(),
        }
    }

    #[test]
    fn two_of_three_is_satisfied_by_any_two() {
        let mut item = sample_item();
        let policy = people_policy(ApprovalRule::AtLeast { count: 2 });
        approve(&mut item, 3);
        let p = approval_progress(&policy, &item);
        assert!(!p.satisfied);
        assert_eq!(p.waiting_on, vec![PersonId(1), PersonId(2)]);
        approve(&mut item, 1);
        assert!(approval_progress(&policy, &item).satisfied);
    }

    #[test]
    fn all_needs_everyone_and_single_needs_one() {
        let mut item = sample_item();
        approve(&mut item, 2);
        assert!(!approval_progress(&people_policy(ApprovalRule::All), &item).satisfied);
        assert!(approval_progress(&people_policy(ApprovalRule::Single), &item).satisfied);
    }

    #[test]
    fn sequential_waits_on_the_first_undecided_in_order() {
        let mut item = sample_item();
        let policy = people_policy(ApprovalRule::Sequential);
        approve(&mut item, 1);
        assert_eq!(
            approval_progress(&policy, &item).waiting_on,
            vec![PersonId(2)]
        );
    }

    #[test]
    fn approver_from_an_empty_field_is_reported_and_blocks() {
        let mut item = sample_item();
        let policy = ApprovalPolicy::single_from_field("brand_account_approver");
        let p = approval_progress(&policy, &item);
        assert_eq!(
            p.unfilled_fields,
            vec![FieldKey::new("brand_account_approver")]
        );
        assert!(!p.satisfied);
        item.fields.insert(
            "brand_account_approver".into(),
            FieldValue::Person(PersonId(5)),
        );
        approve(&mut item, 5);
        assert!(approval_progress(&policy, &item).satisfied);
    }

    #[test]
    fn approvals_from_people_who_are_not_approvers_do_not_count() {
        let mut item = sample_item();
        approve(&mut item, 9);
        assert!(!approval_progress(&people_policy(ApprovalRule::Single), &item).satisfied);
    }
}
