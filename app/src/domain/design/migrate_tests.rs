//! Tests of moving open items to a new version.

use super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use super::super::definition::WorkflowDefinition;
use super::super::events::EventKind;
use super::super::fields::FieldType;
use super::super::ids::{ItemId, StageKey};
use super::super::item::Item;
use super::super::refusal::ReasonKind;
use super::super::testkit::{
    ctx, flow, people, sample_item, submitted_in_review, DANA, LEE, MAX, SAM,
};
use super::*;

fn next_version(edits: Vec<DesignEdit>) -> WorkflowDefinition {
    let mut def = flow();
    def.version = 2;
    apply_edits(&mut def, &edits).unwrap();
    def
}

fn in_stage(id: i64, stage: &str) -> Item {
    let mut item = sample_item();
    item.id = ItemId(id);
    item.stage = stage.into();
    item
}

#[test]
fn removed_stages_need_a_destination_before_anything_moves() {
    let new = next_version(vec![DesignEdit::RemoveStage {
        stage: "revisions".into(),
    }]);
    let items = vec![
        in_stage(1, "revisions"),
        in_stage(2, "revisions"),
        in_stage(3, "brief"),
    ];
    let people = people();
    let ctx = ctx(&people, MAX);
    let preview = migration_preview(&flow(), &new, &items, &StageMap::new(), &ctx);
    assert!(!preview.ready());
    assert_eq!(
        preview.unmapped,
        vec![UnmappedStage {
            stage: "revisions".into(),
            name: "Revisions".into(),
            items: 2
        }]
    );
    let error = migrate(&flow(), &new, &items, &StageMap::new(), &ctx).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Choose where the items of removed stages go: Revisions (2 items)"
    );
    let map = StageMap::from([(StageKey::new("revisions"), StageKey::new("review"))]);
    let preview = migration_preview(&flow(), &new, &items, &map, &ctx);
    assert!(preview.ready());
    let moving: Vec<ItemId> = preview.moving().map(|p| p.item).collect();
    assert_eq!(moving, vec![ItemId(1), ItemId(2)]);
    assert_eq!(
        preview.items[0].sentences()[0],
        "“Spring launch post” moves from Revisions to Review."
    );
    assert_eq!(
        preview.items[2].sentences(),
        vec!["“Spring launch post” stays in Brief."]
    );
}

#[test]
fn migrated_items_get_the_new_version_their_new_stage_and_an_event() {
    let new = next_version(vec![DesignEdit::RemoveStage {
        stage: "revisions".into(),
    }]);
    let mut item = in_stage(1, "revisions");
    item.checklist
        .entry("revisions".into())
        .or_default()
        .insert(
            "old-line".into(),
            super::super::item::Tick {
                by: SAM,
                at: item.created_at,
            },
        );
    let people = people();
    let ctx = ctx(&people, MAX);
    let map = StageMap::from([(StageKey::new("revisions"), StageKey::new("review"))]);
    let out = migrate(&flow(), &new, &[item.clone()], &map, &ctx).unwrap();
    let moved = &out[0].item;
    assert_eq!(
        (moved.workflow_version, moved.stage.as_str()),
        (2, "review")
    );
    assert_eq!(moved.version, item.version + 1);
    assert_eq!(moved.entered_stage_at, ctx.now);
    assert!(
        moved.checklist.is_empty(),
        "ticks of a removed stage are dropped"
    );
    assert_eq!(
        out[0].events[0].kind,
        EventKind::MovedToVersion {
            from_version: 1,
            to_version: 2,
            from: "revisions".into(),
            to: "review".into(),
        }
    );
    assert_eq!(
        out[0].events[0].kind.moved_to(),
        Some(&StageKey::new("review"))
    );
    assert_eq!(
        (out[0].events[0].actor, out[0].events[0].at),
        (MAX, ctx.now)
    );
    let json = serde_json::to_string(&out[0].events[0]).unwrap();
    assert!(json.contains(r#""type":"moved_to_version""#), "{json}");
    // The moved item follows the new version: the engine accepts operations on it.
    let op = super::super::operations::Operation::Comment { text: "Hi".into() };
    assert!(super::super::operations::apply(&new, moved, &op, &ctx).is_ok());
}

#[test]
fn a_new_gate_in_the_item_s_stage_is_reported_as_the_engine_would_refuse() {
    let new = next_version(vec![
        DesignEdit::AddChecklistLine {
            stage: "review".into(),
            label: "Alt text on every image".into(),
            optional: false,
        },
        DesignEdit::AddField {
            label: "Subject line".into(),
            field_type: FieldType::Text,
        },
        DesignEdit::SetRequired {
            stage: "review".into(),
            field: "subject_line".into(),
            required: true,
        },
    ]);
    let item = submitted_in_review();
    let people = people();
    let ctx = ctx(&people, MAX);
    let preview = migration_preview(
        &flow(),
        &new,
        std::slice::from_ref(&item),
        &StageMap::new(),
        &ctx,
    );
    let messages: Vec<&str> = preview.items[0]
        .new_blockers
        .iter()
        .map(|r| r.message.as_str())
        .collect();
    assert_eq!(
        messages,
        vec![
            "Required: Subject line",
            "Review checklist: 1 unticked — Alt text on every image"
        ]
    );
    assert_eq!(preview.newly_blocked().count(), 1);
    // Still waiting on approval is not new: it held the item before too.
    assert!(preview.items[0]
        .new_blockers
        .iter()
        .all(|r| !matches!(r.kind, ReasonKind::PendingApproval { .. })));
    let out = migrate(&flow(), &new, &[item], &StageMap::new(), &ctx).unwrap();
    let moved = &out[0].item;
    let stage = new.stage(&moved.stage).unwrap();
    let gate = super::super::gates::leave_reasons(&new, stage, moved, &ctx);
    assert_eq!(
        gate.iter()
            .filter(|r| !matches!(r.kind, ReasonKind::PendingApproval { .. }))
            .count(),
        2
    );
}

#[test]
fn approvals_start_over_only_where_the_approval_step_changed() {
    let people = people();
    let ctx = ctx(&people, MAX);
    let approved = super::super::testkit::ok(
        &flow(),
        &submitted_in_review(),
        super::super::operations::Operation::Approve,
        DANA,
    );
    assert_eq!(approved.approvals.len(), 1);
    let same = next_version(vec![DesignEdit::SetDescription {
        stage: "review".into(),
        description: "Read it twice".into(),
    }]);
    let kept = migrate(
        &flow(),
        &same,
        std::slice::from_ref(&approved),
        &StageMap::new(),
        &ctx,
    )
    .unwrap();
    assert_eq!(kept[0].item.approvals.len(), 1);
    assert_eq!(kept[0].events.len(), 1);
    let stricter = next_version(vec![DesignEdit::SetApproval {
        stage: "review".into(),
        approval: Some(ApprovalPolicy {
            rule: ApprovalRule::All,
            approvers: vec![ApproverRef::Person(DANA), ApproverRef::Person(LEE)],
        }),
    }]);
    let preview = migration_preview(
        &flow(),
        &stricter,
        std::slice::from_ref(&approved),
        &StageMap::new(),
        &ctx,
    );
    assert!(preview.items[0].approvals_reset);
    assert_eq!(
        preview.items[0].sentences()[1],
        "Its approvals start over: the approval step changed."
    );
    let reset = migrate(&flow(), &stricter, &[approved], &StageMap::new(), &ctx).unwrap();
    assert!(reset[0].item.approvals.is_empty());
    assert!(
        reset[0].item.is_submitted(),
        "still waiting, now on the new approvers"
    );
    assert!(matches!(
        &reset[0].events[1].kind,
        EventKind::ApprovalsReset { stage, reason }
            if stage.as_str() == "review" && reason == "the approval step changed in version 2"
    ));
}

#[test]
fn a_new_approval_step_holds_items_that_were_ready_to_move() {
    let people = people();
    let ctx = ctx(&people, MAX);
    let mut ready = sample_item();
    ready.fields.insert(
        "topic".into(),
        super::super::fields::FieldValue::Text("Pricing".into()),
    );
    ready.fields.insert(
        "url".into(),
        super::super::fields::FieldValue::Url("https://acme.com/p".into()),
    );
    ready.checklist.entry("brief".into()).or_default().insert(
        "goal".into(),
        super::super::item::Tick {
            by: SAM,
            at: ready.created_at,
        },
    );
    let stage = flow().stages[0].clone();
    assert!(super::super::gates::leave_reasons(&flow(), &stage, &ready, &ctx).is_empty());
    let gated = next_version(vec![DesignEdit::SetApproval {
        stage: "brief".into(),
        approval: Some(ApprovalPolicy {
            rule: ApprovalRule::Single,
            approvers: vec![ApproverRef::Person(DANA)],
        }),
    }]);
    let preview = migration_preview(&flow(), &gated, &[ready], &StageMap::new(), &ctx);
    assert_eq!(
        preview.items[0].sentences(),
        vec![
            "“Spring launch post” stays in Brief.",
            "Newly blocked: Not submitted for approval yet (Dana to approve).",
        ]
    );
    assert!(preview.items[0].new_blockers[0].kind == ReasonKind::NotSubmitted);
}

#[test]
fn ticks_of_removed_lines_are_dropped_and_archived_or_foreign_items_skipped() {
    let people = people();
    let ctx = ctx(&people, MAX);
    let mut item = super::super::testkit::ok(
        &flow(),
        &sample_item(),
        super::super::operations::Operation::Tick {
            line: "goal".into(),
        },
        SAM,
    );
    item = super::super::testkit::ok(
        &flow(),
        &item,
        super::super::operations::Operation::Tick {
            line: "refs".into(),
        },
        SAM,
    );
    let new = next_version(vec![DesignEdit::RemoveChecklistLine {
        stage: "brief".into(),
        line: "refs".into(),
    }]);
    let mut archived = in_stage(2, "brief");
    archived.archived_at = Some(archived.created_at);
    let mut newer = in_stage(3, "brief");
    newer.workflow_version = 2;
    let items = [item, archived, newer];
    let preview = migration_preview(&flow(), &new, &items, &StageMap::new(), &ctx);
    assert_eq!(preview.skipped, vec![ItemId(2), ItemId(3)]);
    assert_eq!(
        preview.items[0].dropped_ticks,
        vec![(StageKey::new("brief"), "refs".into())]
    );
    let out = migrate(&flow(), &new, &items, &StageMap::new(), &ctx).unwrap();
    assert_eq!(out.len(), 1);
    let ticks = &out[0].item.checklist[&StageKey::new("brief")];
    assert_eq!(
        ticks.keys().map(|k| k.as_str()).collect::<Vec<_>>(),
        vec!["goal"]
    );
}

#[test]
fn entering_a_mapped_stage_warns_about_its_entry_gate() {
    let new = next_version(vec![DesignEdit::RemoveStage {
        stage: "revisions".into(),
    }]);
    let people = people();
    let ctx = ctx(&people, MAX);
    let map = StageMap::from([(StageKey::new("revisions"), StageKey::new("publish"))]);
    let preview = migration_preview(&flow(), &new, &[in_stage(1, "revisions")], &map, &ctx);
    let warnings: Vec<&str> = preview.items[0]
        .entry_warnings
        .iter()
        .map(|r| r.message.as_str())
        .collect();
    assert_eq!(
        warnings,
        vec!["Set the publish date before moving to Publish"]
    );
    let mut other = flow();
    other.id = "other".into();
    assert_eq!(
        migrate(&flow(), &other, &[], &map, &ctx).unwrap_err(),
        MigrationError::DifferentWorkflow
    );
}
