//! Evaluating a rule: why it did not run, the loop guard, and the identity of a run.

use super::super::super::events::EventKind;
use super::super::super::fields::FieldValue;
use super::super::super::item::Channel;
use super::super::super::operations::Operation;
use super::super::super::testkit::{self, fields, SAM};
use super::*;

fn comment_rule(trigger: Trigger) -> Rule {
    flow_rule(
        trigger,
        Conditions::none(),
        vec![Action::Comment {
            text: "Seen {title}".into(),
        }],
    )
}

fn topic_changed() -> (Item, Signal) {
    let world = World::new();
    let out = world.change(
        &testkit::sample_item(),
        fields(&[("topic", FieldValue::Text("Pricing".into()))]),
        SAM,
    );
    let signal = signals(&out, 10).remove(0);
    (out.item, signal)
}

#[test]
fn a_matching_signal_runs_the_rule_and_says_what_it_did() {
    let world = World::new();
    let (item, signal) = topic_changed();
    let rule = comment_rule(Trigger::FieldChanged {
        field: Some("topic".into()),
    });
    let eval = world.run(&rule, &signal, Some(&item));
    assert!(eval.ran());
    assert_eq!(
        eval.run,
        RunKey {
            rule: RuleId(1),
            signal: SignalId::Event { event: 10 }
        }
    );
    assert_eq!(eval.rule_version, 3);
    assert_eq!(eval.trigger, "When a Flow item's Topic changes");
    assert_eq!(eval.steps.len(), 1);
    assert_eq!(eval.steps[0].path, "actions.0");
    assert_eq!(eval.steps[0].summary, "add a comment");
    assert_eq!(eval.outcome(), RunOutcome::Done);
    let events = eval.events();
    assert!(
        matches!(&events[0].kind, EventKind::Commented { text } if text == "Seen Spring launch post")
    );
    let json = serde_json::to_string(&eval).unwrap();
    assert_eq!(
        serde_json::from_str::<Evaluation>(&json).unwrap(),
        eval,
        "the run log stores it as JSON"
    );
}

#[test]
fn each_reason_not_to_run_is_told_apart() {
    let world = World::new();
    let (item, signal) = topic_changed();
    let rule = comment_rule(Trigger::FieldChanged { field: None });
    let skip =
        |rule: &Rule, signal: &Signal, item: Option<&Item>| world.run(rule, signal, item).skipped;
    let paused = Rule {
        enabled: false,
        ..rule.clone()
    };
    assert_eq!(skip(&paused, &signal, Some(&item)), Some(Skip::Paused));
    let other = Rule {
        scope: Scope::Workflow("email-campaign".into()),
        ..rule.clone()
    };
    assert_eq!(skip(&other, &signal, Some(&item)), Some(Skip::OutOfScope));
    let everywhere = Rule {
        scope: Scope::Workspace,
        ..rule.clone()
    };
    assert_eq!(skip(&everywhere, &signal, Some(&item)), None);
    assert_eq!(skip(&rule, &signal, None), Some(Skip::ItemGone));
    let created = comment_rule(Trigger::ItemCreated { via: None });
    assert_eq!(
        skip(&created, &signal, Some(&item)),
        Some(Skip::NotTriggered)
    );
    let email_only = Rule {
        conditions: Conditions::all(vec![Condition::Channel {
            channel: OneOf::Is(vec![Channel::Email]),
        }]),
        ..rule.clone()
    };
    let eval = world.run(&email_only, &signal, Some(&item));
    assert_eq!(eval.skipped, Some(Skip::ConditionsNotMet));
    assert_eq!(
        eval.conditions[0].sentence,
        "Channel is Email — no: it is Other"
    );
    assert!(eval.steps.is_empty() && eval.outcome() == RunOutcome::Skipped);
    assert_eq!(
        Skip::ConditionsNotMet.message(),
        "Not run: the conditions do not hold"
    );
}

#[test]
fn the_loop_guard_stops_chains_three_rules_deep() {
    let world = World::new();
    let (item, signal) = topic_changed();
    let rule = comment_rule(Trigger::FieldChanged { field: None });
    let mut depth = 0;
    let mut current = signal;
    loop {
        let eval = world.run(&rule, &current, Some(&item));
        if !eval.ran() {
            assert_eq!(eval.skipped, Some(Skip::TooDeep { depth: MAX_DEPTH }));
            assert_eq!(
                eval.skipped.unwrap().message(),
                "Not run: this change was made by automation 3 levels deep, and chains stop at 3"
            );
            break;
        }
        depth += 1;
        // What the run changed is signalled one level deeper, as the service would.
        let event = eval.events()[0].clone();
        current = Signal::from_event(100 + depth, &item, event, Some((rule.id, eval.depth)));
        assert_eq!(current.depth, eval.depth + 1);
        assert_eq!(current.origin, Origin::Rule(rule.id));
        // Keep the signal a field change so the rule would match again.
        current.kind = signals(
            &world.change(
                &item,
                fields(&[("topic", FieldValue::Text(format!("T{depth}")))]),
                SAM,
            ),
            0,
        )[0]
        .kind
        .clone();
    }
    assert_eq!(
        depth,
        i64::from(MAX_DEPTH),
        "a person's change sets off at most three runs in a chain"
    );
}

#[test]
fn a_run_is_known_by_its_rule_and_signal_however_often_it_is_delivered() {
    let world = World::new();
    let (item, signal) = topic_changed();
    let rule = comment_rule(Trigger::FieldChanged { field: None });
    let again = Signal::from_event(
        10,
        &item,
        match &signal.kind {
            SignalKind::ItemEvent { event, .. } => event.clone(),
            _ => unreachable!(),
        },
        None,
    );
    let first = world.run(&rule, &signal, Some(&item)).run;
    let second = world.run(&rule, &again, Some(&item)).run;
    assert_eq!(first, second, "the same stored event is the same signal");
    assert_eq!(first.to_string(), "rule:1/event:10");
    let other_rule = Rule {
        id: RuleId(2),
        ..rule
    };
    assert_ne!(world.run(&other_rule, &signal, Some(&item)).run, first);
}

#[test]
fn baton_acts_as_a_member_with_id_zero() {
    let account = automation_account();
    assert_eq!(account.id, AUTOMATION);
    assert!(account.role.can_work());
    let world = World::new();
    let out = world.change(
        &testkit::sample_item(),
        Operation::Comment { text: "x".into() },
        SAM,
    );
    let by_clock = Signal::from_event(
        1,
        &out.item,
        super::super::super::events::Event {
            actor: AUTOMATION,
            ..out.events[0].clone()
        },
        None,
    );
    assert_eq!(
        (by_clock.origin, by_clock.depth),
        (Origin::Clock, 0),
        "an SLA escalation is the clock's, not a rule's"
    );
}
