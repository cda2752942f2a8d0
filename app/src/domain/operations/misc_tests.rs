//! Unit tests of permissions, escalation, archiving, comments, the send log and batches.

use crate::domain::context::Ctx;
use crate::domain::events::EventKind;
use crate::domain::item::{Priority, Schedule};
use crate::domain::limits;
use crate::domain::operations::*;
use crate::domain::people::{Party, Role};
use crate::domain::refusal::ReasonKind;
use crate::domain::testkit::*;

#[test]
fn viewers_change_nothing() {
    let refusal = run(
        &flow(),
        &sample_item(),
        Operation::Comment { text: "hi".into() },
        VIC,
    )
    .unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["Viewers can look but not change items"]
    );
}

#[test]
fn escalation_goes_to_the_accountable_party_once_per_stage() {
    let def = flow();
    let item = submitted_in_review();
    let out = run(
        &def,
        &item,
        Operation::Escalate {
            reason: Some("Stuck".into()),
        },
        SAM,
    )
    .unwrap();
    assert_eq!(
        out.item.escalation.as_ref().unwrap().to,
        vec![Party::team("Content lead")]
    );
    let again = run(&def, &out.item, Operation::Escalate { reason: None }, SAM).unwrap_err();
    assert_eq!(again.messages(), vec!["Already escalated to Content lead"]);
    let back = ok(
        &def,
        &out.item,
        Operation::MoveTo {
            stage: "brief".into(),
            reason: None,
        },
        SAM,
    );
    assert!(back.escalation.is_none());
    // Nobody accountable for the brief: the managers get it.
    let managers = ok(&def, &back, Operation::Escalate { reason: None }, SAM);
    assert_eq!(
        managers.escalation.as_ref().unwrap().to,
        vec![Party::Person(MAX)]
    );
    // With no manager in the team either, there is nobody to escalate to.
    let mut people = people();
    people.persons.retain(|p| p.role != Role::Manager);
    let ctx = Ctx::new(people.get(SAM).unwrap(), &people, t0());
    let nobody = apply(&def, &back, &Operation::Escalate { reason: None }, &ctx).unwrap_err();
    assert!(nobody.has(|k| *k == ReasonKind::NoEscalationTarget));
}

#[test]
fn archived_items_refuse_everything_but_restore() {
    let def = flow();
    let archived = ok(&def, &sample_item(), Operation::Archive, SAM);
    let refusal = run(
        &def,
        &archived,
        Operation::Rename { title: "x".into() },
        SAM,
    )
    .unwrap_err();
    assert_eq!(refusal.messages(), vec!["Archived — restore it first"]);
    let restored = run(&def, &archived, Operation::Restore, SAM).unwrap();
    assert_eq!(restored.events[0].kind, EventKind::Restored);
    assert!(!restored.item.is_archived());
    assert!(run(&def, &restored.item, Operation::Restore, SAM)
        .unwrap_err()
        .has(|k| *k == ReasonKind::NotArchived));
}

#[test]
fn comments_need_text_and_do_not_bump_the_version() {
    let item = sample_item();
    assert!(
        run(&flow(), &item, Operation::Comment { text: " ".into() }, SAM)
            .unwrap_err()
            .has(|k| *k == ReasonKind::CommentRequired)
    );
    let out = run(
        &flow(),
        &item,
        Operation::Comment {
            text: "Looks good".into(),
        },
        SAM,
    )
    .unwrap();
    assert_eq!(
        out.events[0].kind,
        EventKind::Commented {
            text: "Looks good".into()
        }
    );
    assert_eq!(out.item, item);
}

#[test]
fn sends_are_recorded_only_where_a_send_log_is_kept() {
    let mut def = flow();
    let item = sample_item();
    let send = |what: &str| Operation::RecordSend {
        what: what.into(),
        segment: "Newsletter".into(),
        sent_at: None,
        recipients: Some(1200),
    };
    let refusal = run(&def, &item, send(""), SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec![
            "Brief does not keep a send log",
            "A send needs what was sent and the segment it went to"
        ]
    );
    def.stages[0].records_sends = true;
    let out = run(&def, &item, send("Spring offer"), SAM).unwrap();
    let EventKind::SendRecorded(record) = &out.events[0].kind else {
        panic!("no send record")
    };
    assert_eq!(
        (record.segment.as_str(), record.sent_at, record.recipients),
        ("Newsletter", t0(), Some(1200))
    );
}

#[test]
fn the_definition_must_be_the_one_the_item_follows() {
    let mut def = flow();
    def.version = 2;
    let refusal = run(&def, &sample_item(), Operation::Archive, SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["This item follows flow v1, not flow v2"]
    );
}

#[test]
fn apply_all_is_all_or_nothing() {
    let def = flow();
    let item = sample_item();
    let good = Operation::SetSchedule {
        schedule: Some(Schedule {
            at: t0(),
            all_day: true,
        }),
    };
    let bad = Operation::Rename {
        title: String::new(),
    };
    let people = people();
    assert!(apply_all(&def, &item, &[good.clone(), bad], &ctx(&people, SAM)).is_err());
    let both = apply_all(
        &def,
        &item,
        &[
            good,
            Operation::SetPriority {
                priority: Priority::High,
            },
        ],
        &ctx(&people, SAM),
    )
    .unwrap();
    assert_eq!(
        (both.item.version, both.events.len()),
        (item.version + 2, 2)
    );
}

#[test]
fn a_send_to_nobody_or_in_the_future_is_refused() {
    let mut def = flow();
    def.stages[0].records_sends = true;
    let item = sample_item();
    let send = |recipients, sent_at| Operation::RecordSend {
        what: "Spring offer".into(),
        segment: "Newsletter".into(),
        sent_at,
        recipients,
    };
    let refusal = run(&def, &item, send(Some(0), None), SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["A send goes to at least one recipient: give how many it went to"]
    );
    let tomorrow = t0() + chrono::Duration::days(1);
    let refusal = run(&def, &item, send(Some(10), Some(tomorrow)), SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["A send is recorded once it has gone out: its time can't be in the future"]
    );
    let long = Operation::RecordSend {
        what: "x".repeat(limits::SHORT + 1),
        segment: "Newsletter".into(),
        sent_at: None,
        recipients: Some(3),
    };
    assert!(run(&def, &item, long, SAM).unwrap_err().messages()[0]
        .starts_with("What was sent is too long"));
    assert!(run(&def, &item, send(Some(10), Some(t0())), SAM).is_ok());
}

/// Brief → Make → Live, asking for a published URL at Live (`required` or not).
fn finishing(required: bool) -> WorkflowDefinition {
    use crate::domain::{OutcomeKind, OutcomeSpec, Stage};
    WorkflowDefinition {
        outcome: Some(OutcomeSpec {
            kind: OutcomeKind::PublishedUrl,
            required,
        }),
        stages: vec![
            Stage::new("brief", "Brief", ""),
            Stage::new("make", "Make", ""),
            Stage::new("live", "Live", ""),
        ],
        ..flow()
    }
}

fn published(url: &str) -> Operation {
    Operation::RecordOutcome {
        outcome: crate::domain::OutcomeRecord {
            kind: crate::domain::OutcomeKind::PublishedUrl,
            url: Some(url.into()),
            count: None,
            segment: None,
            note: " Launch post ".into(),
        },
    }
}

fn to(stage: &str) -> Operation {
    Operation::MoveTo {
        stage: stage.into(),
        reason: None,
    }
}

#[test]
fn a_required_outcome_gates_the_last_stage_and_goes_with_the_finishing_move() {
    let def = finishing(true);
    let people = people();
    let brief = create_item(
        &def,
        crate::domain::NewItem::titled("Post"),
        &ctx(&people, SAM),
    )
    .unwrap()
    .item;
    // Too early: the outcome is recorded when the work is finished.
    let early = run(&def, &brief, published("https://example.com/p"), SAM).unwrap_err();
    assert_eq!(
        early.messages(),
        ["The outcome is recorded when the work is finished: at Live"]
    );
    let make = run(&def, &brief, to("make"), SAM).unwrap().item;
    let refused = run(&def, &make, to("live"), SAM).unwrap_err();
    assert_eq!(
        refused.messages(),
        ["Record the outcome before moving to Live: a published url"]
    );
    assert!(matches!(
        refused.reasons[0].kind,
        ReasonKind::OutcomeRequired
    ));
    // Not an address: refused with why, nothing changes.
    let bad = run(&def, &make, published("example dot com"), SAM).unwrap_err();
    assert_eq!(
        bad.messages(),
        ["The outcome's address must be a web address starting with http:// or https://"]
    );
    // Recorded with the move, in one batch: finished, with the outcome on the item.
    let ops = [published("https://example.com/p"), to("live")];
    let done = apply_all(&def, &make, &ops, &ctx(&people, SAM)).unwrap();
    assert_eq!(done.item.stage.as_str(), "live");
    let outcome = done.item.outcome.clone().unwrap();
    assert_eq!(
        outcome.words(),
        "Published at https://example.com/p — Launch post"
    );
    assert!(matches!(&done.events[0].kind, EventKind::OutcomeRecorded(o) if o == &outcome));
    // Recording the same again changes nothing; a correction is a new event.
    let same = run(&def, &done.item, published("https://example.com/p"), SAM).unwrap();
    assert_eq!(same.item, done.item);
    assert!(same.events.is_empty());
    let fixed = run(&def, &done.item, published("https://example.com/post"), SAM).unwrap();
    assert_eq!(
        fixed.item.outcome.unwrap().url.as_deref(),
        Some("https://example.com/post")
    );
}

#[test]
fn an_optional_outcome_does_not_gate_and_a_wrong_kind_or_workflow_is_refused() {
    let def = finishing(false);
    let people = people();
    let brief = create_item(
        &def,
        crate::domain::NewItem::titled("Post"),
        &ctx(&people, SAM),
    )
    .unwrap()
    .item;
    let make = run(&def, &brief, to("make"), SAM).unwrap().item;
    assert!(run(&def, &make, to("live"), SAM).is_ok());
    let email = Operation::RecordOutcome {
        outcome: crate::domain::OutcomeRecord {
            kind: crate::domain::OutcomeKind::SentEmail,
            url: None,
            count: Some(10),
            segment: Some("All".into()),
            note: String::new(),
        },
    };
    assert_eq!(
        run(&def, &make, email, SAM).unwrap_err().messages(),
        ["Flow asks for a published url, not a sent email"]
    );
    let none = WorkflowDefinition {
        outcome: None,
        ..def.clone()
    };
    assert_eq!(
        run(&none, &make, published("https://example.com"), SAM)
            .unwrap_err()
            .messages(),
        ["Flow doesn't ask for an outcome"]
    );
}
