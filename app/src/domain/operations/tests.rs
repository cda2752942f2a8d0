//! Unit tests of creating items, editing fields and details, and ticking checklists.

use super::super::events::{CreationSource, EventKind};
use super::super::fields::{FieldValue, Money};
use super::super::ids::PersonId;
use super::super::item::Priority;
use super::super::refusal::ReasonKind;
use super::super::testkit::*;
use super::*;

fn url(u: &str) -> FieldValue {
    FieldValue::Url(u.into())
}

#[test]
fn create_starts_in_the_first_stage_with_one_event() {
    let people = people();
    let mut new = NewItem::titled("  Spring launch post ");
    new.assignees = vec![DANA, DANA, LEE];
    let out = create_item(&flow(), new, &ctx(&people, SAM)).unwrap();
    assert_eq!(out.item.stage.as_str(), "brief");
    assert_eq!(out.item.title, "Spring launch post");
    assert_eq!(out.item.assignees, vec![DANA, LEE]);
    assert_eq!((out.item.version, out.item.entered_stage_at), (1, t0()));
    assert_eq!(out.events.len(), 1);
    assert_eq!(
        out.events[0].kind,
        EventKind::Created {
            stage: "brief".into(),
            source: CreationSource::Manual
        }
    );
}

#[test]
fn create_lists_every_problem() {
    let people = people();
    let mut new = NewItem::titled(" ");
    new.fields.insert("url".into(), url("acme.com"));
    new.fields
        .insert("colour".into(), FieldValue::Text("red".into()));
    new.owner = Some(PersonId(99));
    let refusal = create_item(&flow(), new, &ctx(&people, SAM)).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec![
            "Title is required",
            "Unknown field: colour",
            "Landing page URL must be a web address starting with http:// or https://",
            "Person #99 is not in the team",
        ]
    );
    let viewer = create_item(&flow(), NewItem::titled("x"), &ctx(&people, VIC)).unwrap_err();
    assert!(viewer.has(|k| matches!(k, ReasonKind::Forbidden { .. })));
}

#[test]
fn intake_needs_the_first_stage_fields_and_nothing_else() {
    let people = people();
    let submission = IntakeSubmission {
        title: "Webinar page".into(),
        fields: [(
            "budget".into(),
            FieldValue::Money(Money {
                amount_minor: 100,
                currency: "EUR".into(),
            }),
        )]
        .into(),
    };
    let refusal = create_from_intake(&flow(), &submission, &ctx(&people, SAM)).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec![
            "Budget is not on the intake form",
            "Required: Topic",
            "Required: Landing page URL"
        ]
    );
    let submission = IntakeSubmission {
        title: "Webinar page".into(),
        fields: [
            ("topic".into(), FieldValue::Text("Webinar".into())),
            ("url".into(), url("https://acme.com/w")),
        ]
        .into(),
    };
    let out = create_from_intake(&flow(), &submission, &ctx(&people, SAM)).unwrap();
    assert_eq!(
        out.events[0].kind,
        EventKind::Created {
            stage: "brief".into(),
            source: CreationSource::Intake
        }
    );
    assert_eq!(out.item.fields.len(), 2);
}

#[test]
fn editing_fields_validates_every_value_and_changes_nothing_on_refusal() {
    let item = sample_item();
    let op = fields(&[
        ("url", url("www.acme.com")),
        ("budget", FieldValue::Number(3.0)),
        ("topic", FieldValue::Text("Ok".into())),
    ]);
    let refusal = run(&flow(), &item, op, SAM).unwrap_err();
    assert_eq!(refusal.reasons.len(), 2);
    assert!(
        refusal.has(|k| matches!(k, ReasonKind::InvalidField { field } if field.as_str() == "url"))
    );
    assert!(refusal
        .has(|k| matches!(k, ReasonKind::InvalidField { field } if field.as_str() == "budget")));
}

#[test]
fn editing_logs_from_and_to_and_bumps_the_version_once() {
    let item = sample_item();
    let out = run(
        &flow(),
        &item,
        fields(&[
            ("topic", FieldValue::Text("Pricing".into())),
            ("url", url("https://a.io")),
        ]),
        SAM,
    )
    .unwrap();
    assert_eq!(out.item.version, item.version + 1);
    assert_eq!(out.events.len(), 2);
    let again = run(
        &flow(),
        &out.item,
        fields(&[("topic", FieldValue::Text("Pricing".into()))]),
        SAM,
    )
    .unwrap();
    assert!(again.events.is_empty());
    assert_eq!(again.item.version, out.item.version);
    let cleared = run(
        &flow(),
        &out.item,
        Operation::EditFields {
            values: [("topic".into(), None)].into(),
        },
        SAM,
    )
    .unwrap();
    assert_eq!(
        cleared.events[0].kind,
        EventKind::FieldChanged {
            field: "topic".into(),
            from: Some(FieldValue::Text("Pricing".into())),
            to: None
        }
    );
}

#[test]
fn editing_after_an_approval_resets_it() {
    let def = flow();
    let approved_once = ok(&def, &submitted_in_review(), Operation::Approve, DANA);
    assert_eq!(approved_once.approvals.len(), 1);
    let out = run(
        &def,
        &approved_once,
        fields(&[("topic", FieldValue::Text("New angle".into()))]),
        SAM,
    )
    .unwrap();
    assert!(out.item.approvals.is_empty());
    assert!(out.events.iter().any(
        |e| matches!(&e.kind, EventKind::ApprovalsReset { reason, .. } if reason == "Edited Topic")
    ));
    let renamed = run(
        &def,
        &approved_once,
        Operation::Rename {
            title: "Better title".into(),
        },
        SAM,
    )
    .unwrap();
    assert!(renamed.item.approvals.is_empty());
    // Details that approvers do not judge leave approvals alone.
    let prioritised = ok(
        &def,
        &approved_once,
        Operation::SetPriority {
            priority: Priority::Urgent,
        },
        SAM,
    );
    assert_eq!(prioritised.approvals.len(), 1);
}

#[test]
fn title_owner_and_assignees_are_checked() {
    let item = sample_item();
    assert!(run(
        &flow(),
        &item,
        Operation::Rename { title: "  ".into() },
        SAM
    )
    .unwrap_err()
    .has(|k| *k == ReasonKind::TitleRequired));
    let refusal = run(
        &flow(),
        &item,
        Operation::SetAssignees {
            assignees: vec![DANA, PersonId(42)],
        },
        SAM,
    )
    .unwrap_err();
    assert_eq!(refusal.messages(), vec!["Person #42 is not in the team"]);
    let out = run(
        &flow(),
        &item,
        Operation::SetOwner { owner: Some(DANA) },
        SAM,
    )
    .unwrap();
    assert_eq!(
        out.events[0].kind,
        EventKind::OwnerChanged {
            from: None,
            to: Some(DANA)
        }
    );
}

#[test]
fn checklist_ticks_record_who_and_when_and_only_exist_in_the_stage() {
    let item = sample_item();
    let refusal = run(&flow(), &item, Operation::Tick { line: "seo".into() }, SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["Brief has no checklist line \"seo\""]
    );
    let ticked = ok(
        &flow(),
        &item,
        Operation::Tick {
            line: "goal".into(),
        },
        DANA,
    );
    let tick = ticked.checklist[&"brief".into()][&"goal".into()];
    assert_eq!((tick.by, tick.at), (DANA, t0()));
    let twice = run(
        &flow(),
        &ticked,
        Operation::Tick {
            line: "goal".into(),
        },
        SAM,
    )
    .unwrap();
    assert!(twice.events.is_empty());
    let unticked = ok(
        &flow(),
        &ticked,
        Operation::Untick {
            line: "goal".into(),
        },
        SAM,
    );
    assert!(!unticked.is_ticked(&"brief".into(), &"goal".into()));
}
