//! Unit tests of moves: gates, skipping, moving back, WIP limits, linked items, allowed moves.

use crate::domain::context::Ctx;
use crate::domain::definition::WorkflowKind;
use crate::domain::events::EventKind;
use crate::domain::fields::FieldValue;
use crate::domain::ids::CampaignId;
use crate::domain::operations::flow_helpers::*;
use crate::domain::operations::*;
use crate::domain::refusal::ReasonKind;
use crate::domain::templates::builtin_template;
use crate::domain::testkit::*;

#[test]
fn leaving_a_stage_lists_every_missing_piece() {
    let refusal = run(&flow(), &sample_item(), move_to("review"), SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec![
            "Required: Topic",
            "Required: Landing page URL",
            "Brief checklist: 1 unticked — Goal agreed"
        ]
    );
    assert!(refusal.has(
        |k| matches!(k, ReasonKind::UncheckedChecklist { items, .. } if items == &["goal".into()])
    ));
}

#[test]
fn a_complete_stage_moves_forward_and_restarts_the_clock() {
    let item = submitted_in_review();
    assert_eq!(item.stage.as_str(), "review");
    assert_eq!(item.entered_stage_at, t0());
    assert_eq!(item.version, 5);
}

#[test]
fn stages_cannot_be_skipped() {
    let refusal = run(&flow(), &sample_item(), move_to("publish"), SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["Can't move to Publish: the next stage is Review"]
    );
    let in_review = submitted_in_review();
    let refusal = run(&flow(), &in_review, move_to("revisions"), SAM).unwrap_err();
    assert!(refusal
        .has(|k| matches!(k, ReasonKind::SkipsStages { next } if next.as_str() == "publish")));
    assert!(run(&flow(), &in_review, move_to("nowhere"), SAM)
        .unwrap_err()
        .has(|k| matches!(k, ReasonKind::UnknownStage { .. })));
    assert!(run(&flow(), &in_review, move_to("review"), SAM)
        .unwrap_err()
        .has(|k| *k == ReasonKind::SameStage));
}

#[test]
fn moving_back_is_ungated_and_clears_the_stage_state() {
    let def = flow();
    let approved_once = ok(&def, &submitted_in_review(), Operation::Approve, DANA);
    let out = run(
        &def,
        &approved_once,
        Operation::MoveTo {
            stage: "brief".into(),
            reason: Some("Wrong angle".into()),
        },
        SAM,
    )
    .unwrap();
    assert_eq!(
        out.events[0].kind,
        EventKind::MovedBack {
            from: "review".into(),
            to: "brief".into(),
            reason: Some("Wrong angle".into())
        }
    );
    assert!(out.item.approvals.is_empty() && out.item.submitted_at.is_none());
    // Fields filled in the brief stay on the item.
    assert!(out.item.filled(&"topic".into()).is_some());
}

#[test]
fn the_wip_limit_of_the_target_stage_holds_the_move() {
    let def = flow();
    let mut item = submitted_in_review();
    item = ok(
        &def,
        &item,
        Operation::MoveTo {
            stage: "brief".into(),
            reason: None,
        },
        SAM,
    );
    let people = people();
    let full = ctx(&people, SAM).with_stage_counts([("review".into(), 2)].into());
    let refusal = apply(&def, &item, &move_to("review"), &full).unwrap_err();
    assert_eq!(refusal.messages(), vec!["WIP limit 2 reached in Review"]);
    assert!(refusal.has(|k| *k
        == ReasonKind::WipLimit {
            stage: "review".into(),
            limit: 2
        }));
}

#[test]
fn channel_production_waits_for_linked_items() {
    let def = builtin_template(WorkflowKind::IntegratedCampaign).unwrap();
    let people = people();
    let mut item = create_item(&def, NewItem::titled("Autumn campaign"), &ctx(&people, SAM))
        .unwrap()
        .item;
    item.stage = "channel-production".into();
    item = ok(
        &def,
        &item,
        Operation::Tick {
            line: "items-linked".into(),
        },
        SAM,
    );
    let refusal = run(&def, &item, move_to("launch"), SAM).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["Link this item to a campaign first"]
    );
    item = ok(
        &def,
        &item,
        Operation::SetCampaign {
            campaign: Some(CampaignId(8)),
        },
        SAM,
    );
    let busy: Ctx = ctx(&people, SAM).with_open_linked_items(2);
    let refusal = apply(&def, &item, &move_to("launch"), &busy).unwrap_err();
    assert_eq!(
        refusal.messages(),
        vec!["2 linked campaign items are not done yet"]
    );
    assert!(apply(&def, &item, &move_to("launch"), &ctx(&people, SAM)).is_ok());
}

#[test]
fn allowed_moves_explains_every_stage_like_apply_does() {
    let def = flow();
    let people = people();
    let item = submitted_in_review();
    let options = allowed_moves(&def, &item, &ctx(&people, SAM));
    let summary: Vec<_> = options
        .iter()
        .map(|o| (o.stage.as_str(), o.current, o.kind, o.allowed))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("brief", false, Some(MoveKind::Back), true),
            ("review", true, None, false),
            ("revisions", false, None, false),
            ("publish", false, Some(MoveKind::Forward), false),
        ]
    );
    assert_eq!(
        options[3]
            .reasons
            .iter()
            .map(|r| r.message.as_str())
            .collect::<Vec<_>>(),
        vec![
            "Waiting on approval from Dana, Lee, Max (0 of 2 approved)",
            "Set the publish date before moving to Publish"
        ]
    );
    let viewer = allowed_moves(&def, &item, &ctx(&people, VIC));
    assert!(viewer.iter().all(|o| !o.allowed));
}

#[test]
fn content_production_runs_end_to_end() {
    let def = builtin_template(WorkflowKind::Content).unwrap();
    let people = people();
    let c = ctx(&people, SAM);
    let mut item = create_item(&def, NewItem::titled("Pricing guide"), &c)
        .unwrap()
        .item;
    let text = |s: &str| FieldValue::Text(s.into());
    item = ok(
        &def,
        &item,
        fields(&[
            ("topic", text("Pricing")),
            ("audience", FieldValue::Segment("CFOs".into())),
            ("brief", text("Explain tiers")),
            ("reviewer", FieldValue::Person(DANA)),
        ]),
        SAM,
    );
    item = ok(
        &def,
        &item,
        Operation::Tick {
            line: "goal-agreed".into(),
        },
        SAM,
    );
    item = ok(&def, &item, move_to("draft"), SAM);
    item = ok(
        &def,
        &item,
        fields(&[(
            "draft_url",
            FieldValue::Url("https://docs.acme.com/d/1".into()),
        )]),
        SAM,
    );
    item = ok(
        &def,
        &item,
        Operation::Tick {
            line: "follows-brief".into(),
        },
        SAM,
    );
    item = ok(&def, &item, move_to("review"), SAM);
    item = ok(&def, &item, Operation::Submit, SAM);
    item = ok(&def, &item, changes("Add an example"), DANA);
    assert_eq!(item.stage.as_str(), "revisions");
    item = ok(&def, &item, move_to("review"), SAM);
    item = ok(&def, &item, Operation::Submit, SAM);
    item = ok(&def, &item, Operation::Approve, DANA);
    assert_eq!(item.stage.as_str(), "seo-technical");
    let refusal = run(&def, &item, move_to("scheduled"), SAM).unwrap_err();
    assert_eq!(refusal.reasons.len(), 5);
    assert!(refusal.messages().contains(&"SEO & technical checklist: 4 unticked — Metadata set (title, description, canonical), Internal links added, Alt text on every image, Header structure (one H1, logical H2/H3)".to_owned()));
    item = ok(
        &def,
        &item,
        fields(&[
            ("target_keyword", text("pricing tiers")),
            ("meta_title", text("Pricing")),
            ("meta_description", text("How pricing works")),
        ]),
        SAM,
    );
    for line in ["metadata", "internal-links", "alt-text", "header-structure"] {
        item = ok(&def, &item, Operation::Tick { line: line.into() }, SAM);
    }
    item = scheduled_in(&def, &item);
    item = ok(&def, &item, move_to("scheduled"), SAM);
    assert_eq!((item.stage.as_str(), item.revision_round), ("scheduled", 1));
}
