//! Actions about people: who is notified, and who an item is assigned to.

use super::super::super::fields::FieldValue;
use super::super::super::operations::{create_item, NewItem};
use super::super::super::testkit::{self, DANA, LEE, MAX, SAM};
use super::actions::{failure, notification, notify, run, run_with};
use super::*;
#[test]
fn notify_resolves_people_teams_roles_owner_and_assignees() {
    let mut item = testkit::submitted_in_review();
    item.owner = Some(SAM);
    item.assignees = vec![LEE];
    let to = |r: Recipient| notification(&run(&item, vec![notify(vec![r])])).recipients;
    assert_eq!(to(Recipient::Person { person: DANA }), vec![DANA]);
    assert_eq!(
        to(Recipient::Team {
            team: "Design".into()
        }),
        vec![DANA, LEE, super::VIC],
        "everyone in the team is told"
    );
    assert_eq!(
        to(Recipient::StageRole {
            role: RaciRole::Accountable
        }),
        vec![MAX],
        "Review is accountable to the Content lead"
    );
    assert_eq!(to(Recipient::Owner), vec![SAM]);
    assert_eq!(to(Recipient::Assignees), vec![LEE]);
    let both = notification(&run(
        &item,
        vec![notify(vec![
            Recipient::Owner,
            Recipient::Assignees,
            Recipient::Person { person: SAM },
        ])],
    ));
    assert_eq!(both.recipients, vec![SAM, LEE], "nobody twice");
    assert_eq!(
        both.message,
        "“Spring launch post” is in Review (topic: Pricing)"
    );
    assert_eq!(both.item, Some(item.id));
}

#[test]
fn notify_a_person_field_and_fail_when_nobody_is_left() {
    let world = World::new();
    let new = NewItem {
        fields: [("approver".into(), FieldValue::Person(DANA))].into(),
        ..NewItem::titled("Ads")
    };
    let mut paid = create_item(
        world.def("paid-campaign-launch"),
        new,
        &testkit::ctx(&world.people, SAM),
    )
    .unwrap()
    .item;
    paid.id = ItemId(8);
    let eval = run(
        &paid,
        vec![notify(vec![Recipient::FieldPerson {
            field: "approver".into(),
        }])],
    );
    assert_eq!(notification(&eval).recipients, vec![DANA]);
    let nobody = run(
        &paid,
        vec![
            notify(vec![
                Recipient::Owner,
                Recipient::FieldPerson {
                    field: "creative_url".into(),
                },
            ]),
            Action::Comment {
                text: "never reached".into(),
            },
        ],
    );
    assert_eq!(
        failure(&nobody),
        "Nobody to notify (Creative assets link is empty)"
    );
    assert_eq!(
        nobody.steps.len(),
        1,
        "a step that cannot be planned stops the rest"
    );
    assert_eq!(nobody.outcome(), RunOutcome::Failed);
    let empty_team = run(
        &paid,
        vec![notify(vec![Recipient::Team {
            team: "Legal".into(),
        }])],
    );
    assert_eq!(
        failure(&empty_team),
        "Nobody to notify (nobody is in team Legal)"
    );
}

fn assign(to: Assignee) -> Action {
    Action::Assign {
        to,
        keep_others: false,
    }
}

fn assignees(eval: &Evaluation) -> Vec<PersonId> {
    eval.item.as_ref().expect("changed").assignees.clone()
}

#[test]
fn assign_a_person_or_the_person_in_a_field() {
    let item = testkit::sample_item();
    let eval = run(&item, vec![assign(Assignee::Person { person: DANA })]);
    assert_eq!(assignees(&eval), vec![DANA]);
    assert!(
        eval.events().iter().all(|e| e.actor == AUTOMATION),
        "automation acts as Baton"
    );
    let mut item = item;
    item.assignees = vec![SAM];
    let kept = run(
        &item,
        vec![Action::Assign {
            to: Assignee::Person { person: DANA },
            keep_others: true,
        }],
    );
    assert_eq!(assignees(&kept), vec![SAM, DANA]);
    let unknown = run(
        &item,
        vec![assign(Assignee::Person {
            person: PersonId(77),
        })],
    );
    assert_eq!(failure(&unknown), "Person #77 is not in the team");
    let field = run(
        &item,
        vec![assign(Assignee::FieldPerson {
            field: "topic".into(),
        })],
    );
    assert_eq!(failure(&field), "Topic is empty");
}

#[test]
fn round_robin_takes_turns_among_people_who_can_work() {
    let world = World::new();
    let item = testkit::sample_item();
    let design = || {
        assign(Assignee::RoundRobin {
            team: "Design".into(),
        })
    };
    let with_cursor = |last: Option<PersonId>| {
        let mut facts = world.facts(Some(&item));
        if let Some(last) = last {
            facts.round_robin.insert(team_key("design"), last);
        }
        run_with(&facts, &item, vec![design()])
    };
    let first = with_cursor(None);
    assert_eq!(assignees(&first), vec![DANA]);
    assert_eq!(
        first.round_robin,
        vec![RoundRobinTurn {
            team: "Design".into(),
            person: DANA
        }]
    );
    assert_eq!(assignees(&with_cursor(Some(DANA))), vec![LEE]);
    assert_eq!(
        assignees(&with_cursor(Some(LEE))),
        vec![DANA],
        "Vic is a viewer, so the turn wraps round"
    );
    let twice = run(
        &item,
        vec![
            design(),
            Action::Assign {
                to: Assignee::RoundRobin {
                    team: "design".into(),
                },
                keep_others: true,
            },
        ],
    );
    assert_eq!(
        assignees(&twice),
        vec![DANA, LEE],
        "one run takes two turns"
    );
    let nobody = run(
        &item,
        vec![assign(Assignee::RoundRobin {
            team: "Legal".into(),
        })],
    );
    assert_eq!(failure(&nobody), "Nobody in team Legal can take the item");
}

#[test]
fn fewest_open_items_wins_and_ties_go_to_the_first() {
    let world = World::new();
    let item = testkit::sample_item();
    let mut facts = world.facts(Some(&item));
    facts.open_items = [(DANA, 5), (LEE, 2)].into();
    let least = run_with(
        &facts,
        &item,
        vec![assign(Assignee::FewestOpen {
            team: "Design".into(),
        })],
    );
    assert_eq!(assignees(&least), vec![LEE]);
    facts.open_items = [(DANA, 2), (LEE, 2)].into();
    let tie = run_with(
        &facts,
        &item,
        vec![assign(Assignee::FewestOpen {
            team: "Design".into(),
        })],
    );
    assert_eq!(assignees(&tie), vec![DANA]);
}
