//! Every trigger: which signals are its happening and which are not.

use super::super::super::events::{CreationSource, EventKind};
use super::super::super::fields::FieldValue;
use super::super::super::item::Schedule;
use super::super::super::operations::{create_item, NewItem, Operation};
use super::super::super::testkit::{self, fields, t0, DANA, LEE, SAM};
use super::super::super::timers::TimerKind;
use super::*;

fn matches(trigger: Trigger, signal: &Signal, item: &Item) -> bool {
    let world = World::new();
    trigger.matches(
        signal,
        Some(item),
        Some(world.def(item.workflow_id.as_str())),
    )
}

fn created(source: CreationSource, origin: Origin) -> (Item, Signal) {
    let world = World::new();
    let new = NewItem {
        source,
        ..NewItem::titled("Webinar invite")
    };
    let mut out = create_item(world.def("flow"), new, &testkit::ctx(&world.people, SAM)).unwrap();
    out.item.id = ItemId(5);
    let signal = signals(&out, 1).remove(0);
    let signal = match origin {
        Origin::Hook(hook) => signal.by_hook(hook),
        other => Signal {
            origin: other,
            ..signal
        },
    };
    (out.item, signal)
}

#[test]
fn item_created_can_ask_how_the_item_came_to_be() {
    let (item, manual) = created(CreationSource::Manual, Origin::Person(SAM));
    let (_, intake) = created(CreationSource::Intake, Origin::Person(SAM));
    let (_, hook) = created(CreationSource::Manual, Origin::Hook(HookId(2)));
    let (_, by_rule) = created(CreationSource::Template, Origin::Rule(RuleId(4)));
    let via = |via| Trigger::ItemCreated { via };
    assert!(matches(via(None), &manual, &item));
    assert!(matches(via(Some(CreatedVia::Manual)), &manual, &item));
    assert!(!matches(via(Some(CreatedVia::Intake)), &manual, &item));
    assert!(matches(via(Some(CreatedVia::Intake)), &intake, &item));
    assert!(matches(via(Some(CreatedVia::Hook)), &hook, &item));
    assert!(
        !matches(via(Some(CreatedVia::Manual)), &hook, &item),
        "a hook is not a person"
    );
    assert!(matches(via(Some(CreatedVia::Automation)), &by_rule, &item));
    assert!(!matches(via(Some(CreatedVia::Template)), &by_rule, &item));
    assert!(
        matches(
            Trigger::EnteredStage {
                stage: Some("brief".into())
            },
            &manual,
            &item
        ),
        "created in Brief = entered Brief"
    );
}

#[test]
fn entering_and_leaving_a_stage_by_any_move() {
    let world = World::new();
    let out = world.change(
        &ready_for_review(),
        Operation::MoveTo {
            stage: "review".into(),
            reason: None,
        },
        SAM,
    );
    let moved = signal_of(&out.item, &out.events[0]);
    let entered = |stage: Option<&str>| Trigger::EnteredStage {
        stage: stage.map(Into::into),
    };
    let left = |stage: Option<&str>| Trigger::LeftStage {
        stage: stage.map(Into::into),
    };
    assert!(matches(entered(Some("review")), &moved, &out.item));
    assert!(matches(entered(None), &moved, &out.item));
    assert!(!matches(entered(Some("publish")), &moved, &out.item));
    assert!(matches(left(Some("brief")), &moved, &out.item));
    assert!(!matches(left(Some("review")), &moved, &out.item));
    let back = world.change(
        &out.item,
        Operation::MoveTo {
            stage: "brief".into(),
            reason: Some("Rethink".into()),
        },
        SAM,
    );
    let back = signal_of(&back.item, &back.events[0]);
    assert!(
        matches(left(Some("review")), &back, &out.item),
        "moving back leaves a stage too"
    );
    let edit = world.change(&out.item, Operation::Comment { text: "Hi".into() }, SAM);
    assert!(!matches(
        entered(None),
        &signal_of(&out.item, &edit.events[0]),
        &out.item
    ));
}

#[test]
fn a_named_field_or_any_field_changing() {
    let world = World::new();
    let out = world.change(
        &testkit::sample_item(),
        fields(&[("topic", FieldValue::Text("Pricing".into()))]),
        SAM,
    );
    let changed = signal_of(&out.item, &out.events[0]);
    assert!(matches(
        Trigger::FieldChanged {
            field: Some("topic".into())
        },
        &changed,
        &out.item
    ));
    assert!(matches(
        Trigger::FieldChanged { field: None },
        &changed,
        &out.item
    ));
    assert!(!matches(
        Trigger::FieldChanged {
            field: Some("url".into())
        },
        &changed,
        &out.item
    ));
}

#[test]
fn an_approval_is_decided_when_the_stage_is_signed_off_or_changes_are_requested() {
    let world = World::new();
    let decided = |outcome| Trigger::ApprovalDecided { outcome };
    let submitted = testkit::submitted_in_review();
    // Review needs 2 of Dana, Lee and Max: the first approval decides nothing yet.
    let first = world.change(&submitted, Operation::Approve, DANA);
    let half = signal_of(&first.item, &first.events[0]);
    assert!(matches!(
        first.events[0].kind,
        EventKind::Approved {
            approved: 1,
            needed: 2,
            ..
        }
    ));
    assert!(!matches(decided(None), &half, &first.item));
    let second = world.change(&first.item, Operation::Approve, LEE);
    let done = signal_of(&second.item, &second.events[0]);
    assert!(matches(
        decided(Some(ApprovalOutcome::Approved)),
        &done,
        &second.item
    ));
    assert!(matches(decided(None), &done, &second.item));
    assert!(!matches(
        decided(Some(ApprovalOutcome::ChangesRequested)),
        &done,
        &second.item
    ));
    let rejected = world.change(
        &submitted,
        Operation::RequestChanges {
            feedback: "Tighten".into(),
        },
        DANA,
    );
    let rejected = signal_of(&rejected.item, &rejected.events[0]);
    assert!(matches(
        decided(Some(ApprovalOutcome::ChangesRequested)),
        &rejected,
        &submitted
    ));
    assert!(!matches(
        decided(Some(ApprovalOutcome::Approved)),
        &rejected,
        &submitted
    ));
}

#[test]
fn a_checklist_completes_when_its_last_required_line_is_ticked() {
    let world = World::new();
    let completed = |stage: Option<&str>| Trigger::ChecklistCompleted {
        stage: stage.map(Into::into),
    };
    // Brief: "goal" must be ticked, "refs" is optional.
    let optional = world.change(
        &briefed(),
        Operation::Tick {
            line: "refs".into(),
        },
        SAM,
    );
    assert!(!matches(
        completed(None),
        &signal_of(&optional.item, &optional.events[0]),
        &optional.item
    ));
    let last = world.change(
        &optional.item,
        Operation::Tick {
            line: "goal".into(),
        },
        SAM,
    );
    let signal = signal_of(&last.item, &last.events[0]);
    assert!(matches(completed(None), &signal, &last.item));
    assert!(matches(completed(Some("brief")), &signal, &last.item));
    assert!(!matches(completed(Some("review")), &signal, &last.item));
    let untick = world.change(
        &last.item,
        Operation::Untick {
            line: "goal".into(),
        },
        SAM,
    );
    assert!(
        !matches(completed(None), &signal, &untick.item),
        "no longer complete when the run looks"
    );
    let without_item = Trigger::ChecklistCompleted { stage: None };
    assert!(
        !without_item.matches(&signal, None, None),
        "it cannot tell without the item"
    );
}

#[test]
fn moments_around_the_due_and_publish_dates() {
    let mut item = testkit::sample_item();
    assert!(
        Signal::moment(&item, MomentBase::Due, -24).is_none(),
        "no due date, no moment"
    );
    item.due = Some(t0() + TimeDelta::days(2));
    item.schedule = Some(Schedule {
        at: t0() + TimeDelta::days(3),
        all_day: false,
    });
    let day_before = Signal::moment(&item, MomentBase::Due, -24).unwrap();
    assert_eq!(day_before.at, t0() + TimeDelta::days(1));
    assert!(matches(
        Trigger::DueWithin { hours: 24 },
        &day_before,
        &item
    ));
    assert!(!matches(
        Trigger::DueWithin { hours: 12 },
        &day_before,
        &item
    ));
    assert!(!matches(
        Trigger::OverdueBy { hours: 24 },
        &day_before,
        &item
    ));
    let late = Signal::moment(&item, MomentBase::Due, 4).unwrap();
    assert!(matches(Trigger::OverdueBy { hours: 4 }, &late, &item));
    let after = Signal::moment(&item, MomentBase::Publish, 48).unwrap();
    assert!(matches(Trigger::AfterPublish { hours: 48 }, &after, &item));
    assert!(!matches(Trigger::OverdueBy { hours: 48 }, &after, &item));
    let mut moved = item.clone();
    moved.due = Some(t0() + TimeDelta::days(5));
    assert!(
        !matches(Trigger::DueWithin { hours: 24 }, &day_before, &moved),
        "the due date changed since"
    );
    assert_eq!(
        Trigger::DueWithin { hours: 24 }.moment(),
        Some((MomentBase::Due, -24))
    );
}

#[test]
fn sla_reminders_and_breaches_of_the_current_visit() {
    let item = testkit::submitted_in_review();
    let reminder = Signal::sla(&item, TimerKind::Reminder, t0());
    let breach = Signal::sla(&item, TimerKind::Escalation, t0());
    assert!(matches(
        Trigger::SlaReminder { stage: None },
        &reminder,
        &item
    ));
    assert!(matches(
        Trigger::SlaReminder {
            stage: Some("review".into())
        },
        &reminder,
        &item
    ));
    assert!(!matches(
        Trigger::SlaReminder {
            stage: Some("brief".into())
        },
        &reminder,
        &item
    ));
    assert!(!matches(
        Trigger::SlaBreached { stage: None },
        &reminder,
        &item
    ));
    assert!(matches(
        Trigger::SlaBreached {
            stage: Some("review".into())
        },
        &breach,
        &item
    ));
    let mut moved = item.clone();
    moved.stage = "publish".into();
    assert!(
        !matches(Trigger::SlaBreached { stage: None }, &breach, &moved),
        "the visit is over"
    );
}

#[test]
fn a_metric_fires_when_it_crosses_the_threshold_not_while_it_stays_beyond() {
    let item = testkit::sample_item();
    let below_15 = || {
        Trigger::MetricCrossed(Threshold {
            metric: "open_rate".into(),
            bound: Bound::Below,
            value: 15.0,
            within_hours_of_launch: None,
        })
    };
    let check = |value, previous| {
        matches(
            below_15(),
            &reading(&item, "open_rate", value, previous),
            &item,
        )
    };
    assert!(check(12.0, None), "first reading below");
    assert!(check(12.0, Some(18.0)), "crossed from above");
    assert!(!check(11.0, Some(12.0)), "12 % then 11 % fires once");
    assert!(!check(15.0, None), "15 is not below 15");
    assert!(!check(16.0, Some(12.0)), "back above");
    assert!(
        !matches(below_15(), &reading(&item, "ctr", 1.0, None), &item),
        "another metric"
    );
    let at_least = |bound| {
        Trigger::MetricCrossed(Threshold {
            metric: "lead_score".into(),
            bound,
            value: 70.0,
            within_hours_of_launch: None,
        })
    };
    assert!(matches(
        at_least(Bound::AtLeast),
        &reading(&item, "lead_score", 70.0, Some(65.0)),
        &item
    ));
    assert!(!matches(
        at_least(Bound::Above),
        &reading(&item, "lead_score", 70.0, Some(65.0)),
        &item
    ));
    assert!(matches(
        at_least(Bound::AtMost),
        &reading(&item, "lead_score", 70.0, Some(71.0)),
        &item
    ));
}

#[test]
fn a_metric_window_counts_hours_after_launch() {
    let item = testkit::sample_item();
    let ctr = Trigger::MetricCrossed(Threshold {
        metric: "ctr".into(),
        bound: Bound::Below,
        value: 1.0,
        within_hours_of_launch: Some(48),
    });
    let at = |hours: Option<f64>| {
        let mut signal = reading(&item, "ctr", 0.6, None);
        if let SignalKind::Metric(r) = &mut signal.kind {
            r.hours_since_launch = hours;
        }
        signal
    };
    assert!(matches(ctr.clone(), &at(Some(20.0)), &item));
    assert!(matches(ctr.clone(), &at(Some(48.0)), &item));
    assert!(
        !matches(ctr.clone(), &at(Some(49.0)), &item),
        "after the first 48 h"
    );
    assert!(
        !matches(ctr.clone(), &at(Some(-2.0)), &item),
        "before launch"
    );
    assert!(!matches(ctr, &at(None), &item), "launch unknown");
}

#[test]
fn a_schedule_slot_belongs_to_its_own_rule() {
    let world = World::new();
    let recurrence = Recurrence::parse("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9").unwrap();
    let starts = NaiveDate::from_ymd_opt(2024, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let trigger = Trigger::Schedule {
        recurrence,
        starts,
        for_each_item: false,
    };
    let rule = flow_rule(
        trigger,
        Conditions::none(),
        vec![Action::CallWebhook { endpoint: CRM }],
    );
    let slot = NaiveDate::from_ymd_opt(2024, 6, 3)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let mine = Signal::schedule(rule.id, slot, None, t0());
    let theirs = Signal::schedule(RuleId(99), slot, None, t0());
    assert!(world.run(&rule, &mine, None).ran());
    assert_eq!(
        world.run(&rule, &theirs, None).skipped,
        Some(Skip::OutOfScope)
    );
}
