//! Unit tests of approvals: submission, designated approvers, policies, revision rounds.

use crate::domain::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use crate::domain::definition::WorkflowKind;
use crate::domain::events::EventKind;
use crate::domain::fields::FieldValue;
use crate::domain::operations::flow_helpers::*;
use crate::domain::operations::*;
use crate::domain::refusal::ReasonKind;
use crate::domain::templates::builtin_template;
use crate::domain::testkit::*;

#[test]
fn leaving_an_approval_stage_waits_for_the_policy() {
    let def = flow();
    let mut item = submitted_in_review();
    item.submitted_at = None;
    let refusal = run(&def, &scheduled(&item), move_to("publish"), SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["Not submitted for approval yet (Dana, Lee, Max to approve)"]
    );
    let once = ok(
        &def,
        &scheduled(&submitted_in_review()),
        Operation::Approve,
        LEE,
    );
    let refusal = run(&def, &once, move_to("publish"), SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["Waiting on approval from Dana, Max (1 of 2 approved)"]
    );
    assert!(refusal.has(|k| matches!(
        k,
        ReasonKind::PendingApproval {
            approved: 1,
            needed: 2,
            ..
        }
    )));
}

#[test]
fn submitting_needs_complete_work_and_only_once() {
    let mut def = flow();
    def.stages[1]
        .checklist
        .push(line("facts", "Facts checked", false));
    let mut item = submitted_in_review();
    item.submitted_at = None;
    let refusal = run(&def, &item, Operation::Submit, SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["Review checklist: 1 unticked — Facts checked"]
    );
    let refusal = run(&flow(), &submitted_in_review(), Operation::Submit, SAM).unwrap_err();
    assert!(refusal.has(|k| *k == ReasonKind::AlreadySubmitted));
    let refusal = run(&flow(), &sample_item(), Operation::Submit, SAM).unwrap_err();
    assert_eq!(refusal.messages(), vec!["Brief has no approval step"]);
}

#[test]
fn only_designated_approvers_decide_whatever_their_role() {
    let def = flow();
    let item = submitted_in_review();
    for outsider in [ADA, SAM] {
        let refusal = run(&def, &item, Operation::Approve, outsider).unwrap_err();
        assert_eq!(
            refusal.messages(),
            vec!["Only Dana, Lee, Max can decide on Review"]
        );
        assert!(run(&def, &item, changes("No"), outsider)
            .unwrap_err()
            .has(|k| *k == ReasonKind::NotAnApprover));
    }
    let mut unsubmitted = item.clone();
    unsubmitted.submitted_at = None;
    let refusal = run(&def, &unsubmitted, Operation::Approve, DANA).unwrap_err();
    assert_eq!(refusal.messages(), vec!["Not submitted for approval yet"]);
}

#[test]
fn approval_completing_moves_the_item_on_by_itself() {
    let def = flow();
    let once = ok(
        &def,
        &scheduled(&submitted_in_review()),
        Operation::Approve,
        DANA,
    );
    assert_eq!(once.stage.as_str(), "review");
    let out = run(&def, &once, Operation::Approve, MAX).unwrap();
    assert_eq!(out.item.stage.as_str(), "publish");
    let kinds: Vec<_> = out.events.iter().map(|e| &e.kind).collect();
    assert_eq!(
        kinds,
        vec![
            &EventKind::Approved {
                stage: "review".into(),
                approved: 2,
                needed: 2
            },
            &EventKind::AdvancedOnApproval {
                from: "review".into(),
                to: "publish".into()
            },
        ]
    );
}

#[test]
fn approval_complete_but_held_by_the_next_gate_stays_until_moved() {
    let def = flow();
    let once = ok(&def, &submitted_in_review(), Operation::Approve, DANA);
    let out = run(&def, &once, Operation::Approve, LEE).unwrap();
    assert_eq!(out.item.stage.as_str(), "review");
    assert_eq!(
        out.events[1].kind,
        EventKind::AdvanceHeld {
            to: "publish".into(),
            reasons: vec!["Set the publish date before moving to Publish".into()]
        }
    );
    let refusal = run(&def, &out.item, Operation::Approve, MAX).unwrap_err();
    assert_eq!(refusal.messages(), vec!["Review is already approved"]);
    let twice = run(&def, &out.item, Operation::Approve, DANA).unwrap_err();
    assert_eq!(
        twice.messages(),
        vec!["You have already decided on this stage"]
    );
    let moved = ok(&def, &scheduled(&out.item), move_to("publish"), SAM);
    assert_eq!(moved.stage.as_str(), "publish");
}

#[test]
fn sequential_approval_goes_in_order() {
    let mut def = flow();
    def.stages[1].approval = Some(ApprovalPolicy {
        rule: ApprovalRule::Sequential,
        approvers: vec![ApproverRef::Person(LEE), ApproverRef::Person(DANA)],
    });
    let item = scheduled(&submitted_in_review());
    let refusal = run(&def, &item, Operation::Approve, DANA).unwrap_err();
    assert_eq!(refusal.messages(), vec!["Waiting on Lee to decide first"]);
    assert!(refusal.has(|k| *k == ReasonKind::NotYourTurn { waiting_on: LEE }));
    assert!(run(&def, &item, changes("Too long"), DANA)
        .unwrap_err()
        .has(|k| matches!(k, ReasonKind::NotYourTurn { .. })));
    let lee = ok(&def, &item, Operation::Approve, LEE);
    let dana = ok(&def, &lee, Operation::Approve, DANA);
    assert_eq!(dana.stage.as_str(), "publish");
}

#[test]
fn any_member_of_the_team_whose_turn_it_is_may_decide() {
    let mut def = flow();
    def.stages[1].approval = Some(ApprovalPolicy {
        rule: ApprovalRule::Sequential,
        approvers: vec![
            ApproverRef::Person(LEE),
            ApproverRef::Team("content".into()),
        ],
    });
    let item = scheduled(&submitted_in_review());
    let refusal = run(&def, &item, Operation::Approve, SAM).unwrap_err();
    assert_eq!(refusal.messages(), vec!["Waiting on Lee to decide first"]);
    let lee = ok(&def, &item, Operation::Approve, LEE);
    assert_eq!(lee.stage.as_str(), "review");
    let refusal = run(&def, &lee, move_to("publish"), SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["Waiting on approval from Ada, Max, Dana, Sam (1 of 2 approved)"]
    );
    let sam = ok(&def, &lee, Operation::Approve, SAM);
    assert_eq!(sam.stage.as_str(), "publish");
}

#[test]
fn one_revision_round_then_back_to_the_brief() {
    let def = flow();
    let item = submitted_in_review();
    assert!(run(&def, &item, changes("  "), DANA)
        .unwrap_err()
        .has(|k| *k == ReasonKind::FeedbackRequired));
    let first = run(&def, &item, changes("Shorter intro"), DANA).unwrap();
    assert_eq!(
        (first.item.stage.as_str(), first.item.revision_round),
        ("revisions", 1)
    );
    assert_eq!(
        first.events[1].kind,
        EventKind::ReturnedForRevision {
            from: "review".into(),
            to: "revisions".into(),
            round: 1
        }
    );
    let back_in_review = ok(&def, &first.item, move_to("review"), SAM);
    let resubmitted = ok(&def, &back_in_review, Operation::Submit, SAM);
    let second = run(&def, &resubmitted, changes("Still off brief"), LEE).unwrap();
    assert_eq!(
        (second.item.stage.as_str(), second.item.revision_round),
        ("brief", 0)
    );
    assert_eq!(
        second.events[1].kind,
        EventKind::SentBackToBrief {
            from: "review".into(),
            to: "brief".into(),
            feedback: "Still off brief".into()
        }
    );
}

#[test]
fn the_revision_limit_is_configurable() {
    let mut def = flow();
    def.revision_limit = 0;
    let out = run(&def, &submitted_in_review(), changes("Start over"), DANA).unwrap();
    assert_eq!(out.item.stage.as_str(), "brief");
}

#[test]
fn an_approver_named_by_a_field_is_the_only_one_who_decides() {
    let def = builtin_template(WorkflowKind::Social).unwrap();
    let people = people();
    let c = ctx(&people, SAM);
    let mut item = create_item(&def, NewItem::titled("Launch teaser"), &c)
        .unwrap()
        .item;
    item.stage = "approval".into();
    item.fields
        .insert("brand_account_approver".into(), FieldValue::Person(LEE));
    let submitted = ok(&def, &item, Operation::Submit, SAM);
    assert_eq!(
        run(&def, &submitted, Operation::Approve, ADA)
            .unwrap_err()
            .messages(),
        vec!["Only Lee can decide on Approval"]
    );
    let approved = run(&def, &submitted, Operation::Approve, LEE).unwrap();
    assert_eq!(
        approved.events[1].kind,
        EventKind::AdvanceHeld {
            to: "scheduled".into(),
            reasons: vec!["Set the publish date before moving to Scheduled".into()]
        }
    );
}

#[test]
fn an_empty_approver_field_blocks_submission_by_name() {
    let def = builtin_template(WorkflowKind::Social).unwrap();
    let people = people();
    let mut item = create_item(&def, NewItem::titled("Teaser"), &ctx(&people, SAM))
        .unwrap()
        .item;
    item.stage = "approval".into();
    let refusal = run(&def, &item, Operation::Submit, SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["Required: Brand account approver (approves Approval)"]
    );
}
