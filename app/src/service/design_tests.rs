//! The designer on a real SQLite database: saving versions (and the conflict of two saves
//! from one version), built-ins staying read-only, archiving, pilots taking their group's
//! new items, moving open items to a new version, the stored style guide at the gate.

use std::collections::BTreeMap;

use chrono::Duration;

use crate::db;
use crate::domain::brand::BannedPhrase;
use crate::domain::design::{apply_edit, DesignEdit, PilotGroup, StageMap};
use crate::domain::{
    ApprovalRule, FieldType, FieldValue, Item, NewItem, Operation, StyleGuide, WorkflowDefinition,
    WorkflowId,
};
use crate::error::AppError;
use crate::service::testkit::{calendar, review_flow, t0, team_with, Team};

async fn team() -> Team {
    team_with(ApprovalRule::Single, calendar(24)).await
}

async fn current(team: &Team) -> WorkflowDefinition {
    crate::service::workflows::current(team.db(), &review_flow())
        .await
        .unwrap()
}

fn edited(mut def: WorkflowDefinition, edits: &[DesignEdit]) -> WorkflowDefinition {
    for edit in edits {
        apply_edit(&mut def, edit).unwrap();
    }
    def
}

async fn new_item(team: &Team, title: &str, owner: crate::domain::PersonId) -> Item {
    crate::service::items::create(
        team.db(),
        owner,
        &review_flow(),
        NewItem {
            owner: Some(owner),
            ..NewItem::titled(title)
        },
        t0(),
    )
    .await
    .unwrap()
    .item
}

async fn stored(team: &Team, item: &Item) -> Item {
    crate::service::testkit::reload(team, item).await
}

#[tokio::test]
async fn a_save_makes_the_next_version_and_the_second_save_from_the_same_version_conflicts() {
    let team = team().await;
    let base = current(&team).await;
    let sla = |hours| DesignEdit::SetSla {
        stage: "review".into(),
        sla: Some(calendar(hours)),
    };
    let mine = edited(base.clone(), &[sla(12)]);
    let theirs = edited(base.clone(), &[sla(48)]);
    let saved = crate::service::design::save(team.db(), team.bo, &mine, Some(1), None, t0())
        .await
        .unwrap();
    assert_eq!(saved.version, 2);
    assert!(saved.message.contains("version 2"), "{}", saved.message);
    let err = crate::service::design::save(team.db(), team.bo, &theirs, Some(1), None, t0())
        .await
        .unwrap_err();
    let AppError::Conflict { message } = &err else {
        panic!("expected a conflict, got {err:?}")
    };
    assert!(message.contains("changed by someone else"), "{message}");
    assert!(message.contains("reload"), "{message}");
    let now = current(&team).await;
    assert_eq!(now.version, 2);
    assert_eq!(now.stage(&"review".into()).unwrap().sla, Some(calendar(12)));
    // Reloaded, the second manager's change goes on top of the first one's.
    crate::service::design::save(
        team.db(),
        team.bo,
        &edited(now, &[sla(48)]),
        Some(2),
        None,
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(current(&team).await.version, 3);
}

#[tokio::test]
async fn a_definition_that_does_not_validate_is_refused_in_the_designers_words() {
    let team = team().await;
    let broken = edited(
        current(&team).await,
        &[DesignEdit::SetWipLimit {
            stage: "review".into(),
            limit: Some(0),
        }],
    );
    let err = crate::service::design::save(team.db(), team.bo, &broken, Some(1), None, t0())
        .await
        .unwrap_err();
    assert_eq!(err.status(), 422);
    assert!(
        err.to_string()
            .contains("Stage \"review\" has a WIP limit of 0"),
        "{err}"
    );
    assert_eq!(current(&team).await.version, 1);
}

#[tokio::test]
async fn built_in_workflows_stay_read_only_and_are_copied_to_be_changed() {
    let team = team().await;
    let mut conn = team.db().write.acquire().await.unwrap();
    db::workflows::install_builtins(&mut conn, t0())
        .await
        .unwrap();
    drop(conn);
    let builtin = WorkflowId::new("content-production");
    let def = crate::service::workflows::current(team.db(), &builtin)
        .await
        .unwrap();
    let renamed = edited(
        def.clone(),
        &[DesignEdit::SetName {
            name: "Our content".into(),
        }],
    );
    let err = crate::service::design::save(team.db(), team.bo, &renamed, Some(1), None, t0())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("built-in"), "{err}");
    let copy = crate::service::workflows::copy(team.db(), team.bo, &builtin, "Our content", t0())
        .await
        .unwrap();
    assert_eq!(copy.based_on, Some(builtin.clone()));
    let design = crate::service::design::save(team.db(), team.bo, &copy, Some(1), None, t0())
        .await
        .unwrap();
    assert_eq!(design.version, 2);
    assert_eq!(
        crate::service::workflows::current(team.db(), &builtin)
            .await
            .unwrap()
            .version,
        1
    );
}

#[tokio::test]
async fn a_new_workflow_saves_once_it_has_stages_under_an_id_made_from_its_name() {
    let team = team().await;
    let mut draft = crate::domain::design::blank_workflow("Review flow");
    let err = crate::service::design::save(team.db(), team.bo, &draft, None, None, t0())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("at least one stage"), "{err}");
    for name in ["Brief", "Ship"] {
        apply_edit(
            &mut draft,
            &DesignEdit::AddStage {
                name: name.into(),
                after: None,
            },
        )
        .unwrap();
    }
    let saved = crate::service::design::save(team.db(), team.bo, &draft, None, None, t0())
        .await
        .unwrap();
    assert_eq!(
        saved.id.as_str(),
        "review-flow-2",
        "the name's slug was taken"
    );
    assert_eq!(saved.version, 1);
    let item = crate::service::items::create(
        team.db(),
        team.ann,
        &saved.id,
        NewItem::titled("First one"),
        t0(),
    )
    .await
    .unwrap()
    .item;
    assert_eq!(item.stage.as_str(), "brief");
}

#[tokio::test]
async fn an_archived_workflow_leaves_the_boards_and_takes_no_new_items_but_keeps_its_own() {
    let team = team().await;
    let item = new_item(&team, "Kept", team.ann).await;
    crate::service::design::set_archived(team.db(), &review_flow(), true, t0())
        .await
        .unwrap();
    let boards = crate::service::board::summaries(team.db(), t0())
        .await
        .unwrap();
    assert!(boards.iter().all(|b| b.workflow != review_flow()));
    let err = crate::service::items::create(
        team.db(),
        team.ann,
        &review_flow(),
        NewItem::titled("Another"),
        t0(),
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("archived"), "{err}");
    assert_eq!(stored(&team, &item).await.title, "Kept");
    crate::service::design::set_archived(team.db(), &review_flow(), false, t0())
        .await
        .unwrap();
    new_item(&team, "Back again", team.ann).await;
}

#[tokio::test]
async fn a_pilot_gives_its_groups_new_items_the_new_version_and_everyone_else_the_current_one() {
    let team = team().await;
    let next = edited(
        current(&team).await,
        &[DesignEdit::AddChecklistLine {
            stage: "review".into(),
            label: "Alt text on every image".into(),
            optional: false,
        }],
    );
    let group = PilotGroup::Team("Writers".into());
    let saved = crate::service::design::save(team.db(), team.bo, &next, Some(1), Some(group), t0())
        .await
        .unwrap();
    assert_eq!(saved.version, 2);
    assert_eq!(current(&team).await.version, 1, "everyone else stays on 1");
    // Ann is a writer; Bo leads.
    let annes = new_item(&team, "Ann's post", team.ann).await;
    let bos = new_item(&team, "Bo's post", team.bo).await;
    assert_eq!(annes.workflow_version, 2);
    assert_eq!(bos.workflow_version, 1);

    // Saving during the pilot moves the pilot on; the base is the pilot's version.
    let again = edited(
        crate::service::design::design(team.db(), &viewer(&team), &review_flow())
            .await
            .unwrap()
            .definition,
        &[DesignEdit::SetWipLimit {
            stage: "review".into(),
            limit: Some(8),
        }],
    );
    let err = crate::service::design::save(team.db(), team.bo, &again, Some(1), None, t0())
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Conflict { .. }), "{err:?}");
    let saved = crate::service::design::save(team.db(), team.bo, &again, Some(2), None, t0())
        .await
        .unwrap();
    assert_eq!(saved.version, 3);
    assert_eq!(
        new_item(&team, "Ann's next", team.ann)
            .await
            .workflow_version,
        3
    );

    // Dropped: new items go to the current version; the pilot's items keep theirs.
    let said = crate::service::pilots::end(team.db(), &review_flow(), 3, false, t0())
        .await
        .unwrap();
    assert!(said.contains("dropped"), "{said}");
    assert_eq!(new_item(&team, "After", team.ann).await.workflow_version, 1);
    assert_eq!(stored(&team, &annes).await.workflow_version, 2);
}

#[tokio::test]
async fn a_pilot_for_chosen_people_and_its_promotion() {
    let team = team().await;
    let next = edited(
        current(&team).await,
        &[DesignEdit::SetName {
            name: "Review flow, tighter".into(),
        }],
    );
    let group = PilotGroup::People(vec![team.cy]);
    crate::service::design::save(team.db(), team.bo, &next, Some(1), Some(group), t0())
        .await
        .unwrap();
    assert_eq!(new_item(&team, "Cy's", team.cy).await.workflow_version, 2);
    assert_eq!(new_item(&team, "Di's", team.di).await.workflow_version, 1);
    let err = crate::service::pilots::end(team.db(), &review_flow(), 1, true, t0())
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Conflict { .. }), "{err:?}");
    crate::service::pilots::end(team.db(), &review_flow(), 2, true, t0())
        .await
        .unwrap();
    let now = current(&team).await;
    assert_eq!(
        (now.version, now.name.as_str()),
        (2, "Review flow, tighter")
    );
    assert_eq!(
        new_item(&team, "Di's next", team.di).await.workflow_version,
        2
    );

    // A group nobody is in is refused before anything is saved.
    let err = crate::service::design::save(
        team.db(),
        team.bo,
        &now,
        Some(2),
        Some(PilotGroup::Team("Nobody here".into())),
        t0(),
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("Nobody is in the team"), "{err}");
    assert_eq!(current(&team).await.version, 2);
}

fn viewer(team: &Team) -> crate::auth::CurrentUser {
    crate::auth::CurrentUser {
        id: team.bo,
        name: "Bo".into(),
        email: "bo@example.com".into(),
        role: crate::domain::Role::Manager,
        time_zone: "UTC".into(),
    }
}

#[tokio::test]
async fn the_pilot_comparison_reads_both_groups_from_their_trails() {
    let team = team().await;
    let next = edited(current(&team).await, &[]);
    crate::service::design::save(
        team.db(),
        team.bo,
        &next,
        Some(1),
        Some(PilotGroup::Team("Writers".into())),
        t0(),
    )
    .await
    .unwrap();
    for (title, owner) in [("Pilot post", team.ann), ("Baseline post", team.bo)] {
        let item = new_item(&team, title, owner).await;
        let steps = [
            (
                owner,
                Operation::MoveTo {
                    stage: "review".into(),
                    reason: None,
                },
                t0(),
            ),
            (owner, Operation::Submit, t0()),
            (team.cy, Operation::Approve, t0() + Duration::hours(3)),
        ];
        for (who, op, at) in steps {
            let latest = stored(&team, &item).await;
            crate::service::items::apply(team.db(), who, item.id, latest.version, &op, at)
                .await
                .unwrap();
        }
        assert_eq!(stored(&team, &item).await.stage.as_str(), "publish");
    }
    let page = crate::service::versions::page(
        team.db(),
        &viewer(&team),
        &review_flow(),
        t0() + Duration::days(1),
    )
    .await
    .unwrap();
    let compared = page.comparison.expect("a pilot runs");
    assert_eq!(
        (compared.pilot_finished, compared.baseline_finished),
        (1, 1)
    );
    let waiting = &compared.rows[2];
    assert_eq!(waiting.measure, "Time waiting for approval, median");
    assert_eq!(
        (waiting.pilot.as_str(), waiting.baseline.as_str()),
        ("3 hours", "3 hours")
    );
    assert!(
        compared.summary.starts_with("Too early to tell"),
        "{}",
        compared.summary
    );
    assert_eq!(page.pilot.unwrap().group_words, "the Writers team");
    assert!(page.versions.iter().any(|v| v.pilot && v.version == 2));
}

#[tokio::test]
async fn open_items_move_to_a_new_version_with_their_removed_stage_mapped_in_one_go() {
    let team = team().await;
    // Brief → Review → Publish; two items wait in Review, one in Brief.
    let first = crate::service::testkit::in_review(&team, "In review", t0()).await;
    let second = crate::service::testkit::submitted(&team, "Submitted", t0()).await;
    let brief = new_item(&team, "Still a brief", team.ann).await;
    let v1 = current(&team).await;
    // Version 2: Review is gone; a Legal stage with a longer SLA replaces it.
    let mut v2 = edited(
        v1.clone(),
        &[
            DesignEdit::AddStage {
                name: "Legal".into(),
                after: Some("brief".into()),
            },
            DesignEdit::SetSla {
                stage: "legal".into(),
                sla: Some(calendar(72)),
            },
            DesignEdit::RemoveStage {
                stage: "review".into(),
            },
        ],
    );
    apply_edit(
        &mut v2,
        &DesignEdit::SetSla {
            stage: "brief".into(),
            sla: Some(calendar(10)),
        },
    )
    .unwrap();
    crate::service::design::save(team.db(), team.bo, &v2, Some(1), None, t0())
        .await
        .unwrap();
    let later = t0() + Duration::hours(1);

    // The preview asks where Review's items go before anything can move.
    let unmapped = crate::service::versions::preview(
        team.db(),
        team.bo,
        &review_flow(),
        1,
        &StageMap::new(),
        later,
    )
    .await
    .unwrap();
    assert_eq!(unmapped.preview.unmapped.len(), 1);
    assert_eq!(unmapped.preview.unmapped[0].items, 2);
    let err = crate::service::versions::migrate(
        team.db(),
        team.bo,
        &review_flow(),
        1,
        2,
        &StageMap::new(),
        later,
    )
    .await
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("Choose where the items of removed stages go"),
        "{err}"
    );
    assert_eq!(
        stored(&team, &first).await.workflow_version,
        1,
        "nothing moved"
    );

    let map: StageMap = BTreeMap::from([("review".into(), "legal".into())]);
    let ready =
        crate::service::versions::preview(team.db(), team.bo, &review_flow(), 1, &map, later)
            .await
            .unwrap();
    assert!(ready.preview.ready());
    assert_eq!(ready.preview.moving().count(), 2);
    assert!(ready
        .stages
        .iter()
        .any(|(k, n)| k.as_str() == "legal" && n == "Legal"));
    // A stale "to" version is a conflict, not a silent move to something else.
    let err =
        crate::service::versions::migrate(team.db(), team.bo, &review_flow(), 1, 7, &map, later)
            .await
            .unwrap_err();
    assert!(matches!(err, AppError::Conflict { .. }), "{err:?}");

    let moved =
        crate::service::versions::migrate(team.db(), team.bo, &review_flow(), 1, 2, &map, later)
            .await
            .unwrap();
    assert_eq!(moved.len(), 3);
    for item in [&first, &second] {
        let now = stored(&team, item).await;
        assert_eq!((now.workflow_version, now.stage.as_str()), (2, "legal"));
        assert!(
            now.submitted_at.is_none(),
            "approvals start over in a new stage"
        );
        let events = crate::service::items::load(team.db(), item.id)
            .await
            .unwrap()
            .events;
        assert!(events.iter().any(|e| matches!(
            &e.kind,
            crate::domain::EventKind::MovedToVersion { from_version: 1, to_version: 2, to, .. } if to.as_str() == "legal"
        )));
        // The new stage visit has its own timers, from the new version's SLA.
        let mut conn = team.db().read.acquire().await.unwrap();
        let timers = db::timers::history(&mut conn, item.id).await.unwrap();
        assert!(
            timers
                .iter()
                .any(|(_, due, fired, _)| fired.is_none() && *due == later + Duration::hours(72)),
            "{timers:?}"
        );
    }
    // The brief stays in Brief, on version 2, and its SLA timers follow the new 10 h.
    let now = stored(&team, &brief).await;
    assert_eq!((now.workflow_version, now.stage.as_str()), (2, "brief"));
    let mut conn = team.db().read.acquire().await.unwrap();
    let timers = db::timers::history(&mut conn, brief.id).await.unwrap();
    assert!(
        timers.iter().any(|(_, due, fired, _)| fired.is_none()
            && *due == brief.entered_stage_at + Duration::hours(10)),
        "{timers:?}"
    );
    drop(conn);
    // Nothing is left on version 1.
    let again =
        crate::service::versions::preview(team.db(), team.bo, &review_flow(), 1, &map, later)
            .await
            .unwrap();
    assert!(again.preview.items.is_empty());
}

#[tokio::test]
async fn the_stored_style_guide_is_what_a_brand_checked_stage_enforces() {
    let team = team().await;
    let next = edited(
        current(&team).await,
        &[
            DesignEdit::AddField {
                label: "Post copy".into(),
                field_type: FieldType::LongText,
            },
            DesignEdit::SetBrandCheck {
                stage: "brief".into(),
                on: true,
            },
        ],
    );
    crate::service::design::save(team.db(), team.bo, &next, Some(1), None, t0())
        .await
        .unwrap();
    let item = new_item(&team, "Copy", team.ann).await;
    let copy = BTreeMap::from([(
        "post_copy".into(),
        Some(FieldValue::Text("Our synergy story".into())),
    )]);
    let item = crate::service::items::apply(
        team.db(),
        team.ann,
        item.id,
        item.version,
        &Operation::EditFields { values: copy },
        t0(),
    )
    .await
    .unwrap()
    .item;
    let to_review = Operation::MoveTo {
        stage: "review".into(),
        reason: None,
    };
    // The default guide bans nothing: the move goes through.
    let moved =
        crate::service::items::apply(team.db(), team.ann, item.id, item.version, &to_review, t0())
            .await
            .unwrap()
            .item;
    let back = Operation::MoveTo {
        stage: "brief".into(),
        reason: None,
    };
    let item =
        crate::service::items::apply(team.db(), team.ann, moved.id, moved.version, &back, t0())
            .await
            .unwrap()
            .item;

    let mut guide = StyleGuide::default();
    guide.banned.push(BannedPhrase {
        phrase: " synergy ".into(),
        instead: "working together".into(),
    });
    let saved = crate::service::brand::save_style_guide(team.db(), &guide)
        .await
        .unwrap();
    assert_eq!(saved.banned[0].phrase, "synergy", "stored trimmed");
    assert_eq!(
        crate::service::brand::style_guide(team.db()).await.unwrap(),
        saved
    );
    let err =
        crate::service::items::apply(team.db(), team.ann, item.id, item.version, &to_review, t0())
            .await
            .unwrap_err();
    assert!(
        err.to_string()
            .contains("Post copy: “synergy” is on the banned list — write “working together”"),
        "{err}"
    );

    let mut broken = saved.clone();
    broken.banned.push(BannedPhrase {
        phrase: "!!".into(),
        instead: String::new(),
    });
    let err = crate::service::brand::save_style_guide(team.db(), &broken)
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("needs at least one letter or digit"),
        "{err}"
    );
    assert_eq!(
        crate::service::brand::style_guide(team.db()).await.unwrap(),
        saved
    );
}

#[tokio::test]
async fn the_item_detail_resolves_team_approvers_through_the_directory() {
    let team = team().await;
    let next = edited(
        current(&team).await,
        &[DesignEdit::SetApproval {
            stage: "review".into(),
            approval: Some(crate::domain::ApprovalPolicy {
                rule: ApprovalRule::Single,
                approvers: vec![crate::domain::ApproverRef::Team("Leads".into())],
            }),
        }],
    );
    crate::service::design::save(team.db(), team.bo, &next, Some(1), None, t0())
        .await
        .unwrap();
    let item = crate::service::testkit::submitted(&team, "Needs a lead", t0()).await;
    let detail = crate::service::items::detail(team.db(), team.ann, item.id, t0())
        .await
        .unwrap();
    let progress = detail.approval.expect("review needs approval");
    assert_eq!(progress.approvers, vec![team.bo]);
    assert_eq!(progress.waiting_on, vec![team.bo]);
}
