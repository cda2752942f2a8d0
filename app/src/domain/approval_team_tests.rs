//! Tests of team approvers: any member signs for the team, one approval fills one place.

use super::approval::{
    approval_progress_among, ApprovalPolicy, ApprovalRule, ApproverRef, Decision, Verdict,
};
use super::ids::PersonId;
use super::item::Item;
use super::people::People;
use super::testkit::sample_item;

fn approve(item: &mut Item, who: i64) {
    let decision = Decision {
        verdict: Verdict::Approved,
        at: item.created_at,
    };
    item.approvals.insert(PersonId(who), decision);
}

/// Ada, Max and Dana are Legal; Dana and Lee are Brand; Sam is in no team.
fn teams() -> People {
    let mut people = super::testkit::people();
    for person in &mut people.persons {
        person.teams = match person.id.0 {
            1 | 2 => vec!["Legal".into()],
            3 => vec!["Legal".into(), "Brand".into()],
            4 => vec!["brand".into()],
            _ => vec![],
        };
    }
    people
}

fn team(name: &str) -> ApproverRef {
    ApproverRef::Team(name.into())
}

#[test]
fn any_member_signs_for_a_team() {
    let people = teams();
    let mut item = sample_item();
    let policy = ApprovalPolicy {
        rule: ApprovalRule::Single,
        approvers: vec![team("Legal")],
    };
    let p = approval_progress_among(&policy, &item, &people);
    assert_eq!(p.approvers, vec![PersonId(1), PersonId(2), PersonId(3)]);
    assert_eq!(p.waiting_on, p.approvers);
    assert!(!p.satisfied);
    approve(&mut item, 2);
    let p = approval_progress_among(&policy, &item, &people);
    assert!(p.satisfied && p.waiting_on.is_empty());
    assert_eq!(p.approved, vec![PersonId(2)]);
}

#[test]
fn one_approval_fills_one_place_only() {
    let people = teams();
    let mut item = sample_item();
    // Dana is in Legal, but Legal still needs someone besides her.
    let policy = ApprovalPolicy {
        rule: ApprovalRule::All,
        approvers: vec![team("Legal"), ApproverRef::Person(PersonId(3))],
    };
    approve(&mut item, 3);
    let p = approval_progress_among(&policy, &item, &people);
    assert_eq!((p.approved.len(), p.needed, p.satisfied), (1, 2, false));
    assert_eq!(p.waiting_on, vec![PersonId(1), PersonId(2)]);
    approve(&mut item, 1);
    assert!(approval_progress_among(&policy, &item, &people).satisfied);
}

#[test]
fn two_of_three_teams_counts_teams_not_people() {
    let people = teams();
    let mut item = sample_item();
    let policy = ApprovalPolicy {
        rule: ApprovalRule::AtLeast { count: 2 },
        approvers: vec![
            team("Legal"),
            team("Brand"),
            ApproverRef::Person(PersonId(5)),
        ],
    };
    approve(&mut item, 1);
    approve(&mut item, 2);
    let p = approval_progress_among(&policy, &item, &people);
    assert_eq!((p.approved.len(), p.satisfied), (1, false));
    // Dana could sign for Brand, Lee for Brand, Sam for himself; Ada's colleagues not.
    assert_eq!(p.waiting_on, vec![PersonId(3), PersonId(4), PersonId(5)]);
    approve(&mut item, 3);
    assert!(approval_progress_among(&policy, &item, &people).satisfied);
}

#[test]
fn a_sequence_waits_on_the_whole_team_whose_turn_it_is() {
    let people = teams();
    let mut item = sample_item();
    let policy = ApprovalPolicy {
        rule: ApprovalRule::Sequential,
        approvers: vec![ApproverRef::Person(PersonId(5)), team("Brand")],
    };
    assert_eq!(
        approval_progress_among(&policy, &item, &people).waiting_on,
        vec![PersonId(5)]
    );
    approve(&mut item, 5);
    let p = approval_progress_among(&policy, &item, &people);
    assert_eq!(p.waiting_on, vec![PersonId(3), PersonId(4)]);
    approve(&mut item, 4);
    assert!(approval_progress_among(&policy, &item, &people).satisfied);
}

#[test]
fn a_team_nobody_is_in_is_reported_and_blocks() {
    let people = teams();
    let policy = ApprovalPolicy {
        rule: ApprovalRule::All,
        approvers: vec![team("Finance"), ApproverRef::Person(PersonId(5))],
    };
    let mut item = sample_item();
    approve(&mut item, 5);
    let p = approval_progress_among(&policy, &item, &people);
    assert_eq!(p.empty_teams, vec!["Finance".to_string()]);
    assert_eq!((p.needed, p.satisfied), (2, false));
    // Without the directory a team resolves to nobody.
    assert!(
        approval_progress_among(&policy, &item, &People::default())
            .empty_teams
            .len()
            == 1
    );
}
