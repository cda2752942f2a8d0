//! Every action: what it plans, and what stops a run.

use super::super::super::events::{CreationSource, Event, EventKind};
use super::super::super::fields::FieldValue;
use super::super::super::operations::{create_item, NewItem};
use super::super::super::testkit::{self, t0, DANA, MAX, SAM};
use super::*;

/// A signal that makes an `ItemCreated` rule run for `item`, wherever it is.
pub(super) fn poke(item: &Item) -> Signal {
    let event = Event {
        actor: SAM,
        at: t0(),
        kind: EventKind::Created {
            stage: item.stage.clone(),
            source: CreationSource::Manual,
        },
    };
    Signal::from_event(1, item, event, None)
}

pub(super) fn run(item: &Item, actions: Vec<Action>) -> Evaluation {
    run_with(&World::new().facts(Some(item)), item, actions)
}

pub(super) fn run_with(facts: &Facts, item: &Item, actions: Vec<Action>) -> Evaluation {
    let mut rule = flow_rule(
        Trigger::ItemCreated { via: None },
        Conditions::none(),
        actions,
    );
    rule.scope = Scope::Workflow(item.workflow_id.clone());
    let eval = evaluate(&rule, &poke(item), facts);
    assert!(eval.ran(), "{:?}", eval.skipped);
    eval
}

pub(super) fn failure(eval: &Evaluation) -> String {
    match &eval.steps.last().unwrap().status {
        StepStatus::Failed { reason } => reason.clone(),
        other => panic!("not a failure: {other:?}"),
    }
}

pub(super) fn refusal(eval: &Evaluation) -> Vec<String> {
    match &eval.steps.last().unwrap().status {
        StepStatus::Refused { reasons, .. } => reasons.iter().map(|r| r.message.clone()).collect(),
        other => panic!("not refused: {other:?}"),
    }
}

pub(super) fn notification(eval: &Evaluation) -> Notification {
    match ready(eval).pop() {
        Some(Step::Notify(n)) => n,
        other => panic!("no notification: {other:?}"),
    }
}

pub(super) fn notify(to: Vec<Recipient>) -> Action {
    Action::Notify {
        to,
        message: "“{title}” is in {stage} (topic: {field:topic})".into(),
    }
}

#[test]
fn moves_go_through_the_gate_and_a_refusal_stops_the_run() {
    let moved = run(
        &ready_for_review(),
        vec![
            Action::MoveTo {
                stage: "review".into(),
            },
            notify(vec![Recipient::StageRole {
                role: RaciRole::Accountable,
            }]),
        ],
    );
    assert_eq!(moved.outcome(), RunOutcome::Done);
    assert_eq!(moved.item.as_ref().unwrap().stage.as_str(), "review");
    assert!(matches!(
        moved.events()[0].kind,
        EventKind::MovedForward { .. }
    ));
    let told = notification(&moved);
    assert_eq!(
        told.recipients,
        vec![MAX],
        "later steps see the item where the move left it"
    );
    assert!(told.message.contains("is in Review"), "{}", told.message);
    let held = run(
        &briefed(),
        vec![
            Action::MoveTo {
                stage: "review".into(),
            },
            Action::Comment {
                text: "moved".into(),
            },
        ],
    );
    assert_eq!(
        refusal(&held),
        vec!["Brief checklist: 1 unticked — Goal agreed"]
    );
    assert_eq!(held.steps.len(), 1);
    assert_eq!(held.outcome(), RunOutcome::Refused);
    assert!(held.item.is_none(), "nothing changed");
    let nowhere = run(
        &briefed(),
        vec![Action::MoveTo {
            stage: "launch".into(),
        }],
    );
    assert_eq!(failure(&nowhere), "Flow has no stage “launch”");
}

#[test]
fn set_a_field_from_a_value_a_template_or_another_field() {
    let item = briefed();
    let set = |field: &str, to: Option<FieldSource>| Action::SetField {
        field: field.into(),
        to,
    };
    let text = |t: &str| Some(FieldSource::Text { template: t.into() });
    let eval = run(
        &item,
        vec![
            set("topic", text("{title} — {field:topic}")),
            set("url", None),
        ],
    );
    let after = eval.item.unwrap();
    assert_eq!(
        after.fields.get(&"topic".into()),
        Some(&FieldValue::Text("Spring launch post — Pricing".into()))
    );
    assert!(!after.fields.contains_key(&"url".into()), "cleared");
    let unknown = run(&item, vec![set("budget_code", text("x"))]);
    assert_eq!(failure(&unknown), "Flow has no field “budget_code”");
    let bad_url = run(&item, vec![set("url", text("not a link"))]);
    assert_eq!(
        failure(&bad_url),
        "Landing page URL must be a web address starting with http:// or https://"
    );
    let wrong_type = run(
        &item,
        vec![set(
            "url",
            Some(FieldSource::CopyOf {
                field: "topic".into(),
            }),
        )],
    );
    assert_eq!(
        refusal(&wrong_type),
        vec!["Landing page URL has a value of the wrong type"],
        "the engine checks the value"
    );

    let world = World::new();
    let mut paid = create_item(
        world.def("paid-campaign-launch"),
        NewItem::titled("Ads"),
        &testkit::ctx(&world.people, SAM),
    )
    .unwrap()
    .item;
    paid.id = ItemId(4);
    let number = run(&paid, vec![set("pause_ctr_below", text("0.8"))]);
    assert_eq!(
        number.item.unwrap().fields.get(&"pause_ctr_below".into()),
        Some(&FieldValue::Number(0.8))
    );
    let copied = run(
        &paid,
        vec![set(
            "kpis",
            Some(FieldSource::CopyOf {
                field: "ad_copy".into(),
            }),
        )],
    );
    assert!(
        copied.item.is_none(),
        "copying an empty field into an empty one changes nothing"
    );
}

#[test]
fn comment_submit_and_escalate() {
    let in_review = testkit::ok(
        &testkit::flow(),
        &ready_for_review(),
        super::super::super::operations::Operation::MoveTo {
            stage: "review".into(),
            reason: None,
        },
        SAM,
    );
    let eval = run(
        &in_review,
        vec![
            Action::Comment {
                text: "Ready for {stage} ({rule})".into(),
            },
            Action::SubmitForApproval,
            Action::Escalate {
                reason: "Pause and escalate: {title}".into(),
            },
        ],
    );
    assert_eq!(eval.outcome(), RunOutcome::Done);
    let kinds: Vec<&EventKind> = eval.events().into_iter().map(|e| &e.kind).collect();
    assert!(
        matches!(kinds[0], EventKind::Commented { text } if text == "Ready for Review (Test rule)")
    );
    assert!(matches!(kinds[1], EventKind::SubmittedForApproval { .. }));
    assert!(
        matches!(kinds[2], EventKind::Escalated { reason: Some(r), .. } if r == "Pause and escalate: Spring launch post")
    );
    let after = eval.item.unwrap();
    let again = run(
        &after,
        vec![Action::Escalate {
            reason: String::new(),
        }],
    );
    assert!(
        refusal(&again)[0].starts_with("Already escalated"),
        "{:?}",
        refusal(&again)
    );
    let resubmit = run(&after, vec![Action::SubmitForApproval]);
    assert_eq!(refusal(&resubmit), vec!["Already submitted for approval"]);
    let blank = run(&after, vec![Action::Comment { text: "  ".into() }]);
    assert_eq!(refusal(&blank), vec!["A comment needs some text"]);
}

#[test]
fn create_an_item_in_another_workflow_linked_to_the_campaign() {
    let mut item = briefed();
    item.campaign = Some(SPRING);
    item.owner = Some(DANA);
    let create = |workflow: &str, values: Vec<(&str, FieldSource)>| Action::CreateItem {
        workflow: workflow.into(),
        title: "Follow-up to {title}".into(),
        values: values.into_iter().map(|(k, v)| (k.into(), v)).collect(),
        channel: None,
        link_campaign: true,
    };
    let eval = run(
        &item,
        vec![create(
            "email-campaign",
            vec![
                (
                    "objective",
                    FieldSource::Text {
                        template: "Promote {field:topic}".into(),
                    },
                ),
                (
                    "segment",
                    FieldSource::Value {
                        value: FieldValue::Segment("Customers".into()),
                    },
                ),
            ],
        )],
    );
    let Some(Step::Create(new)) = ready(&eval).pop() else {
        panic!("no item to create")
    };
    assert_eq!(new.workflow.as_str(), "email-campaign");
    assert_eq!(new.title, "Follow-up to Spring launch post");
    assert_eq!(new.campaign, Some(SPRING));
    assert_eq!(new.owner, Some(DANA));
    assert_eq!(new.from_item, Some(item.id));
    assert_eq!(
        new.fields.get(&"objective".into()),
        Some(&FieldValue::Text("Promote Pricing".into()))
    );
    let world = World::new();
    let created = create_item(
        world.def("email-campaign"),
        new.new_item(),
        &testkit::ctx(&world.people, SAM),
    )
    .unwrap();
    assert_eq!(created.item.campaign, Some(SPRING));
    let missing = run(&item, vec![create("press-releases", vec![])]);
    assert_eq!(
        failure(&missing),
        "There is no workflow “press-releases” to create the item in"
    );
    let wrong = run(
        &item,
        vec![create(
            "email-campaign",
            vec![(
                "segment",
                FieldSource::Value {
                    value: FieldValue::Number(3.0),
                },
            )],
        )],
    );
    assert_eq!(
        refusal(&wrong),
        vec!["Segment has a value of the wrong type"]
    );
    let unknown = run(
        &item,
        vec![create(
            "email-campaign",
            vec![(
                "topic",
                FieldSource::Text {
                    template: "x".into(),
                },
            )],
        )],
    );
    assert_eq!(failure(&unknown), "Email campaign has no field “topic”");
}

#[test]
fn call_a_webhook_that_exists() {
    let item = testkit::sample_item();
    let eval = run(&item, vec![Action::CallWebhook { endpoint: CRM }]);
    let Some(Step::Webhook(call)) = ready(&eval).pop() else {
        panic!("no call")
    };
    assert_eq!(
        call,
        WebhookCall {
            endpoint: CRM,
            rule: RuleId(1),
            signal: SignalId::Event { event: 1 },
            item: Some(item.id)
        }
    );
    let gone = run(
        &item,
        vec![Action::CallWebhook {
            endpoint: EndpointId(5),
        }],
    );
    assert_eq!(failure(&gone), "Webhook #5 no longer exists");
}

#[test]
fn item_changes_map_to_engine_operations_and_never_to_ticks_or_approvals() {
    use super::super::super::operations::Operation;
    let changes = [
        ItemChange::Assign {
            assignees: vec![DANA],
        },
        ItemChange::MoveTo {
            stage: "review".into(),
            reason: "By automation".into(),
        },
        ItemChange::SetField {
            field: "topic".into(),
            value: None,
        },
        ItemChange::Comment { text: "Hi".into() },
        ItemChange::Submit,
        ItemChange::Escalate { reason: None },
    ];
    for change in changes {
        let op = change.operation();
        assert!(
            !matches!(
                op,
                Operation::Tick { .. }
                    | Operation::Untick { .. }
                    | Operation::Approve
                    | Operation::RequestChanges { .. }
            ),
            "{op:?}"
        );
    }
}
