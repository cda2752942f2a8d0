//! Approval policies: who signs off a stage and when the sign-off is complete.

use super::ids::{FieldKey, PersonId};
use super::item::Item;
use super::people::People;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

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

/// Names an approver: a specific person, whoever is in a person-typed field of the item
/// (e.g. the "Brand account approver" of a social post), or anyone in a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum ApproverRef {
    /// This person.
    Person(PersonId),
    /// The person in this field of the item.
    Field(FieldKey),
    /// Anyone in this team (see `Person::teams`) except viewers; one member's approval
    /// signs for the team.
    Team(String),
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
    /// Approver teams nobody in the directory belongs to: their sign-off cannot come.
    #[serde(default)]
    pub empty_teams: Vec<String>,
    /// Whether the policy is satisfied.
    pub satisfied: bool,
}

/// Resolves the approvers of `policy` for `item` (teams through `people`) and counts their
/// approvals.
///
/// Every approver of the policy is a place to fill: a person or a person field fills it
/// with that person, a team with any one of its members. One person's approval fills one
/// place only, so "all of Legal and Dana" needs someone from Legal besides Dana.
pub fn approval_progress_among(
    policy: &ApprovalPolicy,
    item: &Item,
    people: &People,
) -> ApprovalProgress {
    let places = resolve(policy, item, people);
    let mut approvers: Vec<PersonId> = Vec::new();
    for id in places.slots.iter().flatten() {
        if !approvers.contains(id) {
            approvers.push(*id);
        }
    }
    let approved_set: BTreeSet<PersonId> = approvers
        .iter()
        .copied()
        .filter(|id| {
            matches!(
                item.approvals.get(id),
                Some(Decision {
                    verdict: Verdict::Approved,
                    ..
                })
            )
        })
        .collect();
    let slots: Vec<&[PersonId]> = places.slots.iter().map(Vec::as_slice).collect();
    let holders = fill(&slots, &approved_set);
    let approved: Vec<PersonId> = approvers
        .iter()
        .copied()
        .filter(|id| holders.contains_key(id))
        .collect();
    let needed = match policy.rule {
        ApprovalRule::Single => 1,
        ApprovalRule::AtLeast { count } => count,
        ApprovalRule::All | ApprovalRule::Sequential => slots.len() as u32,
    };
    let satisfied = needed > 0 && approved.len() as u32 >= needed;
    let undecided: Vec<PersonId> = approvers
        .iter()
        .copied()
        .filter(|id| !item.approvals.contains_key(id))
        .collect();
    let helps = |active: &[&[PersonId]], target: usize, id: PersonId| {
        let mut with = approved_set.clone();
        with.insert(id);
        fill(active, &with).len() >= target
    };
    let waiting_on = if satisfied {
        Vec::new()
    } else if policy.rule == ApprovalRule::Sequential {
        sequential_turn(&slots, &approved_set, &undecided, helps)
    } else {
        let target = approved.len() + 1;
        undecided
            .iter()
            .copied()
            .filter(|id| helps(&slots, target, *id))
            .collect()
    };
    ApprovalProgress {
        approvers,
        approved,
        needed,
        waiting_on,
        unfilled_fields: places.unfilled_fields,
        empty_teams: places.empty_teams,
        satisfied,
    }
}

/// The places of a policy, each with the people who may fill it.
struct Places {
    slots: Vec<Vec<PersonId>>,
    unfilled_fields: Vec<FieldKey>,
    empty_teams: Vec<String>,
}

fn resolve(policy: &ApprovalPolicy, item: &Item, people: &People) -> Places {
    let mut places = Places {
        slots: Vec::new(),
        unfilled_fields: Vec::new(),
        empty_teams: Vec::new(),
    };
    let mut singles: Vec<PersonId> = Vec::new();
    let mut teams: Vec<&str> = Vec::new();
    for approver in &policy.approvers {
        let single = match approver {
            ApproverRef::Person(id) => Some(*id),
            ApproverRef::Field(key) => {
                let id = item.fields.get(key).and_then(|v| v.as_person());
                if id.is_none() {
                    places.unfilled_fields.push(key.clone());
                }
                id
            }
            ApproverRef::Team(team) => {
                if !teams
                    .iter()
                    .any(|t| t.trim().eq_ignore_ascii_case(team.trim()))
                {
                    teams.push(team);
                    let members: Vec<PersonId> = people
                        .persons
                        .iter()
                        // Viewers may not change anything, so they cannot sign for a team.
                        .filter(|p| p.in_team(team) && p.role.can_work())
                        .map(|p| p.id)
                        .collect();
                    if members.is_empty() {
                        places.empty_teams.push(team.clone());
                    }
                    places.slots.push(members);
                }
                None
            }
        };
        // A person named twice (directly and through a field) is one place, as before teams.
        if let Some(id) = single.filter(|id| !singles.contains(id)) {
            singles.push(id);
            places.slots.push(vec![id]);
        }
    }
    places
}

/// Who holds which place when each approval fills at most one: a largest assignment of
/// approvers to places (augmenting paths; policies name a handful of places).
fn fill(slots: &[&[PersonId]], approved: &BTreeSet<PersonId>) -> BTreeMap<PersonId, usize> {
    fn augment(
        slot: usize,
        slots: &[&[PersonId]],
        approved: &BTreeSet<PersonId>,
        holders: &mut BTreeMap<PersonId, usize>,
        seen: &mut BTreeSet<PersonId>,
    ) -> bool {
        for id in slots[slot].iter().filter(|id| approved.contains(id)) {
            if !seen.insert(*id) {
                continue;
            }
            let free = match holders.get(id).copied() {
                None => true,
                Some(other) => augment(other, slots, approved, holders, seen),
            };
            if free {
                holders.insert(*id, slot);
                return true;
            }
        }
        false
    }
    let mut holders = BTreeMap::new();
    for slot in 0..slots.len() {
        augment(slot, slots, approved, &mut holders, &mut BTreeSet::new());
    }
    holders
}

/// Whose turn it is in a sequence: the undecided approvers who would complete the first
/// place, in order, that cannot be filled yet. A place nobody undecided can fill (its
/// person already asked for changes) is passed over, as it always was.
fn sequential_turn(
    slots: &[&[PersonId]],
    approved: &BTreeSet<PersonId>,
    undecided: &[PersonId],
    helps: impl Fn(&[&[PersonId]], usize, PersonId) -> bool,
) -> Vec<PersonId> {
    let mut active: Vec<&[PersonId]> = Vec::new();
    for slot in slots {
        active.push(slot);
        if fill(&active, approved).len() == active.len() {
            continue;
        }
        let turn: Vec<PersonId> = undecided
            .iter()
            .copied()
            .filter(|id| helps(&active, active.len(), *id))
            .collect();
        if !turn.is_empty() {
            return turn;
        }
        active.pop();
    }
    Vec::new()
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

    /// Policies of people and fields only need no directory.
    fn approval_progress(policy: &ApprovalPolicy, item: &Item) -> ApprovalProgress {
        approval_progress_among(policy, item, &People::default())
    }

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
