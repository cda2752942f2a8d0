//! The engine on a real SQLite database with the real migrations.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::db::{self, testing};
use crate::domain::{FieldValue, NewItem, Operation, Person, Role, StageKey, WorkflowId};
use crate::error::AppError;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

struct Team {
    t: testing::TestDb,
    dana: Person,
    sam: Person,
}

async fn team() -> Team {
    let t = testing::fresh().await;
    let mut conn = t.db.write.acquire().await.unwrap();
    db::workflows::install_builtins(&mut conn, t0())
        .await
        .unwrap();
    db::people::insert(
        &mut conn,
        "Dana Reviewer",
        "dana@example.com",
        Role::Manager,
        &["Content lead"],
        t0(),
    )
    .await
    .unwrap();
    db::people::insert(
        &mut conn,
        "Sam Writer",
        "sam@example.com",
        Role::Member,
        &["Content"],
        t0(),
    )
    .await
    .unwrap();
    let people = db::people::directory(&mut conn).await.unwrap();
    drop(conn);
    let find = |name: &str| {
        people
            .persons
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .clone()
    };
    Team {
        dana: find("Dana Reviewer"),
        sam: find("Sam Writer"),
        t,
    }
}

fn content() -> WorkflowId {
    WorkflowId::new("content-production")
}

async fn new_post(team: &Team, title: &str) -> crate::domain::Item {
    super::items::create(
        &team.t.db,
        team.sam.id,
        &content(),
        NewItem::titled(title),
        t0(),
    )
    .await
    .unwrap()
    .item
}

fn brief_fields(reviewer: &Person) -> Operation {
    let mut values = BTreeMap::new();
    values.insert(
        "topic".into(),
        Some(FieldValue::Text("Pricing page refresh".into())),
    );
    values.insert(
        "audience".into(),
        Some(FieldValue::Segment("Trial users".into())),
    );
    values.insert(
        "brief".into(),
        Some(FieldValue::Text("Explain the new tiers".into())),
    );
    values.insert("reviewer".into(), Some(FieldValue::Person(reviewer.id)));
    Operation::EditFields { values }
}

#[tokio::test]
async fn built_in_workflows_are_installed_once() {
    let team = team().await;
    let mut conn = team.t.db.write.acquire().await.unwrap();
    assert_eq!(
        db::workflows::install_builtins(&mut conn, t0())
            .await
            .unwrap(),
        0
    );
    let all = team.t.db.current_definitions(&mut conn).await.unwrap();
    assert_eq!(all.len(), crate::domain::builtin_templates().len());
    assert!(all.iter().all(|d| d.version == 1));
}

#[tokio::test]
async fn an_item_is_created_in_the_first_stage_and_every_change_is_recorded() {
    let team = team().await;
    let item = new_post(&team, "Pricing page refresh").await;
    assert_eq!(item.stage, StageKey::new("brief"));
    let db = &team.t.db;
    let edited = super::items::apply(
        db,
        team.sam.id,
        item.id,
        item.version,
        &brief_fields(&team.dana),
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(edited.item.version, item.version + 1);

    let stored = super::items::load(db, item.id).await.unwrap();
    assert_eq!(
        stored.item, edited.item,
        "what is read back is what was written"
    );
    // Created + one event per field changed.
    assert_eq!(stored.events.len(), 1 + edited.events.len());
    assert!(edited.events.len() >= 4);
}

#[tokio::test]
async fn a_refused_move_lists_every_reason_and_changes_nothing() {
    let team = team().await;
    let item = new_post(&team, "Launch recap").await;
    let db = &team.t.db;
    let before = super::items::load(db, item.id).await.unwrap();
    let err = super::items::apply(
        db,
        team.sam.id,
        item.id,
        item.version,
        &Operation::MoveTo {
            stage: "draft".into(),
            reason: None,
        },
        t0(),
    )
    .await
    .unwrap_err();
    let AppError::InvalidMove { reasons } = err else {
        panic!("expected a refusal, got {err:?}")
    };
    let all = reasons.join(" | ");
    for expected in [
        "Topic",
        "Audience",
        "Brief",
        "Reviewer",
        "Goal and audience agreed",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in {all}");
    }
    let after = super::items::load(db, item.id).await.unwrap();
    assert_eq!(after.item, before.item);
    assert_eq!(after.events.len(), before.events.len());
}

#[tokio::test]
async fn the_second_of_two_edits_from_the_same_version_gets_a_conflict() {
    let team = team().await;
    let item = new_post(&team, "Webinar invite").await;
    let db = &team.t.db;
    let rename = |title: &str| Operation::Rename {
        title: title.into(),
    };
    super::items::apply(
        db,
        team.sam.id,
        item.id,
        item.version,
        &rename("Webinar invite v2"),
        t0(),
    )
    .await
    .unwrap();
    let err = super::items::apply(
        db,
        team.dana.id,
        item.id,
        item.version,
        &rename("Webinar: save the date"),
        t0(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AppError::Conflict { .. }), "{err:?}");
    assert!(err.to_string().contains("reload"));
    let stored = super::items::load(db, item.id).await.unwrap();
    assert_eq!(
        stored.item.title, "Webinar invite v2",
        "the first edit is kept, the second not applied"
    );
}

#[tokio::test]
async fn concurrent_edits_of_one_card_give_one_winner_and_never_a_locked_database() {
    let team = team().await;
    let item = new_post(&team, "Q1 newsletter").await;
    let mut tasks = Vec::new();
    for n in 0..20 {
        let db = team.t.db.clone();
        let actor = if n % 2 == 0 {
            team.sam.clone()
        } else {
            team.dana.clone()
        };
        let version = item.version;
        tasks.push(tokio::spawn(async move {
            let op = Operation::Rename {
                title: format!("Q1 newsletter (take {n})"),
            };
            super::items::apply(&db, actor.id, item.id, version, &op, t0()).await
        }));
    }
    let mut wins = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => wins += 1,
            Err(AppError::Conflict { .. }) => {}
            Err(other) => panic!("expected success or conflict, got {other:?}"),
        }
    }
    assert_eq!(wins, 1);
    let stored = super::items::load(&team.t.db, item.id).await.unwrap();
    assert_eq!(stored.item.version, item.version + 1);
}

#[tokio::test]
async fn editing_a_workflow_leaves_items_in_flight_on_their_version() {
    let team = team().await;
    let db = &team.t.db;
    let custom = super::workflows::copy(db, team.dana.id, &content(), "Thought leadership", t0())
        .await
        .unwrap();
    assert_eq!(custom.version, 1);
    let in_flight = super::items::create(
        db,
        team.sam.id,
        &custom.id,
        NewItem::titled("CEO op-ed"),
        t0(),
    )
    .await
    .unwrap()
    .item;

    // Version 2 renames the first stage and drops its checklist.
    let mut v2 = custom.clone();
    v2.stages[0].name = "Pitch".into();
    v2.stages[0].checklist.clear();
    let saved = super::workflows::save(db, team.dana.id, &v2, t0() + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(saved.version, 2);

    // The item in flight still follows version 1: its checklist still gates it.
    let stored = super::items::load(db, in_flight.id).await.unwrap();
    assert_eq!(stored.item.workflow_version, 1);
    assert_eq!(stored.definition.stages[0].name, "Brief");
    let filled = super::items::apply(
        db,
        team.sam.id,
        in_flight.id,
        in_flight.version,
        &brief_fields(&team.dana),
        t0(),
    )
    .await
    .unwrap()
    .item;
    let refused = super::items::apply(
        db,
        team.sam.id,
        filled.id,
        filled.version,
        &Operation::MoveTo {
            stage: "draft".into(),
            reason: None,
        },
        t0(),
    )
    .await
    .unwrap_err();
    assert!(
        refused.to_string().contains("Goal and audience agreed"),
        "{refused}"
    );

    // A new item gets version 2, where the brief has no checklist.
    let fresh = super::items::create(
        db,
        team.sam.id,
        &custom.id,
        NewItem::titled("CFO op-ed"),
        t0(),
    )
    .await
    .unwrap()
    .item;
    assert_eq!(fresh.workflow_version, 2);
    let fresh = super::items::apply(
        db,
        team.sam.id,
        fresh.id,
        fresh.version,
        &brief_fields(&team.dana),
        t0(),
    )
    .await
    .unwrap()
    .item;
    let moved = super::items::apply(
        db,
        team.sam.id,
        fresh.id,
        fresh.version,
        &Operation::MoveTo {
            stage: "draft".into(),
            reason: None,
        },
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(moved.item.stage, StageKey::new("draft"));
}

#[tokio::test]
async fn built_in_workflows_cannot_be_edited_in_place_and_invalid_definitions_are_explained() {
    let team = team().await;
    let db = &team.t.db;
    let mut conn = db.read.acquire().await.unwrap();
    let builtin = db
        .current_definition(&mut conn, &content())
        .await
        .unwrap()
        .unwrap()
        .as_ref()
        .clone();
    drop(conn);
    let err = super::workflows::save(db, team.dana.id, &builtin, t0())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("copy it"), "{err}");

    let mut broken = builtin.copy_as("Broken");
    broken.stages[2].transitions.on_changes_requested = Some("nowhere".into());
    let err = super::workflows::save(db, team.dana.id, &broken, t0())
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Validation { .. }));
    assert!(err.to_string().contains("nowhere"), "{err}");
}

#[tokio::test]
async fn only_the_named_reviewer_may_approve_even_when_asked_directly() {
    let team = team().await;
    let db = &team.t.db;
    let item = new_post(&team, "Case study: Acme").await;
    let mut current = super::items::apply(
        db,
        team.sam.id,
        item.id,
        item.version,
        &brief_fields(&team.dana),
        t0(),
    )
    .await
    .unwrap()
    .item;
    let steps = [
        Operation::Tick {
            line: "goal-agreed".into(),
        },
        Operation::MoveTo {
            stage: "draft".into(),
            reason: None,
        },
        Operation::EditFields {
            values: [(
                "draft_url".into(),
                Some(FieldValue::Url("https://docs.example.com/acme".into())),
            )]
            .into(),
        },
        Operation::Tick {
            line: "follows-brief".into(),
        },
        Operation::MoveTo {
            stage: "review".into(),
            reason: None,
        },
        Operation::Submit,
    ];
    for op in steps {
        current = super::items::apply(db, team.sam.id, current.id, current.version, &op, t0())
            .await
            .unwrap()
            .item;
    }
    let err = super::items::apply(
        db,
        team.sam.id,
        current.id,
        current.version,
        &Operation::Approve,
        t0(),
    )
    .await
    .unwrap_err();
    let AppError::InvalidMove { reasons } = &err else {
        panic!("{err:?}")
    };
    assert!(reasons.iter().any(|r| r.contains("Dana")), "{reasons:?}");
    let approved = super::items::apply(
        db,
        team.dana.id,
        current.id,
        current.version,
        &Operation::Approve,
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(
        approved.item.stage,
        StageKey::new("seo-technical"),
        "approval moves the item on"
    );
}

#[tokio::test]
async fn two_cards_racing_for_the_last_wip_slot_never_overfill_the_stage() {
    let team = team().await;
    let db = &team.t.db;
    // Six briefs ready to move into Draft, whose WIP limit is 5.
    let mut ready = Vec::new();
    for n in 0..6 {
        let item = new_post(&team, &format!("Post {n}")).await;
        let item = super::items::apply(
            db,
            team.sam.id,
            item.id,
            item.version,
            &brief_fields(&team.dana),
            t0(),
        )
        .await
        .unwrap()
        .item;
        let tick = Operation::Tick {
            line: "goal-agreed".into(),
        };
        ready.push(
            super::items::apply(db, team.sam.id, item.id, item.version, &tick, t0())
                .await
                .unwrap()
                .item,
        );
    }
    let to_draft = Operation::MoveTo {
        stage: "draft".into(),
        reason: None,
    };
    for item in &ready[..4] {
        super::items::apply(db, team.sam.id, item.id, item.version, &to_draft, t0())
            .await
            .unwrap();
    }
    let racers: Vec<_> = ready[4..]
        .iter()
        .map(|item| {
            let (db, item, op, actor) = (db.clone(), item.clone(), to_draft.clone(), team.sam.id);
            tokio::spawn(async move {
                super::items::apply(&db, actor, item.id, item.version, &op, t0()).await
            })
        })
        .collect();
    let mut moved = 0;
    for racer in racers {
        match racer.await.unwrap() {
            Ok(_) => moved += 1,
            Err(AppError::InvalidMove { reasons }) => {
                assert!(
                    reasons.iter().any(|r| r.contains("WIP limit 5")),
                    "{reasons:?}"
                )
            }
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(moved, 1, "exactly one card gets the last slot");
    let mut conn = db.read.acquire().await.unwrap();
    let counts = db::items::stage_counts(&mut conn, &content())
        .await
        .unwrap();
    assert_eq!(counts.get(&StageKey::new("draft")), Some(&5));
}
