//! Imports on a real SQLite database with the real migrations: the Trello fixture checked
//! item by item, a spreadsheet with bad rows, all-or-nothing, and the workspace export.

use chrono::{TimeZone, Utc};

use super::*;
use crate::db::testing;
use crate::domain::exchange::workspace::WorkspaceExport;
use crate::domain::{Channel, ChecklistKey, CreationSource, EventKind, PersonId, Role, StageKey};

const FIXTURE: &str = include_str!("../../tests/fixtures/trello-spring-launch.json");

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap()
}

struct Team {
    t: testing::TestDb,
    max: CurrentUser,
    sam: CurrentUser,
    dana: PersonId,
    vic: CurrentUser,
}

async fn user(db: &Db, name: &str, email: &str, role: Role) -> CurrentUser {
    let mut conn = db.write.acquire().await.unwrap();
    let id = db::people::insert(&mut conn, name, email, role, &[], now())
        .await
        .unwrap();
    db::accounts::user(&mut conn, id).await.unwrap().unwrap()
}

async fn team() -> Team {
    let t = testing::fresh().await;
    let mut conn = t.db.write.acquire().await.unwrap();
    db::workflows::install_builtins(&mut conn, now())
        .await
        .unwrap();
    drop(conn);
    let max = user(&t.db, "Max Manager", "max@example.com", Role::Manager).await;
    let sam = user(&t.db, "Sam", "sam@example.com", Role::Member).await;
    let dana = user(&t.db, "Dana", "dana@example.com", Role::Member)
        .await
        .id;
    let vic = user(&t.db, "Vic", "vic@example.com", Role::Viewer).await;
    Team {
        t,
        max,
        sam,
        dana,
        vic,
    }
}

fn trello() -> UploadRequest {
    UploadRequest {
        kind: ImportKind::Trello,
        file_name: "spring.json".into(),
        text: FIXTURE.into(),
    }
}

fn csv(text: &str) -> UploadRequest {
    UploadRequest {
        kind: ImportKind::Csv,
        file_name: "plan.csv".into(),
        text: text.into(),
    }
}

async fn count(db: &Db, sql: &str) -> i64 {
    let mut conn = db.read.acquire().await.unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut *conn).await.unwrap()
}

#[tokio::test]
async fn a_trello_board_comes_in_as_a_workflow_card_by_card() {
    let team = team().await;
    let db = &team.t.db;
    let up = upload(db, &team.max, &trello(), now()).await.unwrap();
    let preview = trello_preview(db, &team.max, up.id, None, now())
        .await
        .unwrap();
    assert_eq!(preview.board, "Spring launch content");
    let lists: Vec<&str> = preview.lists.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        lists,
        [
            "Ideas",
            "Writing",
            "In review",
            "Ready to publish",
            "Old campaign"
        ]
    );
    let summary = preview.summary.clone().unwrap();
    assert_eq!(
        (summary.items, summary.left_out, summary.archived),
        (4, 2, 0)
    );
    assert_eq!(
        (summary.comments, summary.comments_unmatched, summary.ticks),
        (3, 1, 3)
    );
    assert!(summary.refused.is_empty(), "{:?}", summary.refused);
    assert_eq!(summary.stages[1].lists, vec!["Writing"]);
    assert_eq!(summary.stages[1].items, 2);

    let done = import_trello(db, &team.max, up.id, &preview.mapping, now())
        .await
        .unwrap();
    assert_eq!(done.items, 4);
    assert_eq!(done.workflow.as_str(), "spring-launch-content");
    assert_eq!(
        done.message,
        "Spring launch content is imported as the workflow Spring launch content, with 4 items."
    );

    let def = crate::service::workflows::current(db, &done.workflow)
        .await
        .unwrap();
    let stages: Vec<&str> = def.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        stages,
        ["Ideas", "Writing", "In review", "Ready to publish"]
    );
    let mut conn = db.read.acquire().await.unwrap();
    let items = db::items::list_for_workflow(&mut conn, &done.workflow, true)
        .await
        .unwrap();
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Customer story ideas",
            "Spring launch blog post",
            "Second blog post",
            "Launch announcement email"
        ]
    );

    let ideas = &items[0];
    assert_eq!(ideas.stage, StageKey::new("ideas"));
    assert_eq!(ideas.owner, None);
    let post = &items[1];
    assert_eq!(post.stage, StageKey::new("writing"));
    assert_eq!(post.owner, Some(team.sam.id));
    assert_eq!(post.assignees, vec![team.dana]);
    assert_eq!(
        post.due,
        Some(Utc.with_ymd_and_hms(2026, 3, 20, 16, 0, 0).unwrap())
    );
    assert_eq!(post.channel, Channel::Blog);
    assert_eq!(
        post.fields.get(&FieldKey::new("labels")),
        Some(&FieldValue::Text("Urgent".into()))
    );
    assert!(post.is_ticked(&post.stage, &ChecklistKey::new("outline-agreed")));
    assert!(!post.is_ticked(&post.stage, &ChecklistKey::new("images-sourced")));
    let second = &items[2];
    assert_eq!(
        second.due,
        Some(Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap())
    );
    assert_eq!(
        second.fields.get(&FieldKey::new("labels")),
        Some(&FieldValue::Text("purple".into()))
    );
    let email = &items[3];
    assert_eq!(
        (email.stage.as_str(), email.channel),
        ("in-review", Channel::Email)
    );
    assert_eq!(email.owner, Some(team.dana));
    assert_eq!(email.checklist.get(&email.stage).map(|t| t.len()), Some(2));

    let events = db::events::for_item(&mut conn, post.id).await.unwrap();
    assert!(matches!(
        &events[0].kind,
        EventKind::Created { stage, source: CreationSource::Import } if stage.as_str() == "writing"
    ));
    let comments: Vec<(PersonId, DateTime<Utc>, &str)> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Commented { text } => Some((e.actor, e.at, text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        comments,
        vec![
            (
                team.sam.id,
                Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).unwrap(),
                "Can we lead with the new colours?"
            ),
            (
                team.dana,
                Utc.with_ymd_and_hms(2026, 3, 2, 10, 15, 0).unwrap(),
                "Draft is in the doc, second half still rough."
            ),
        ]
    );
    let agency = db::events::for_item(&mut conn, ideas.id).await.unwrap();
    assert!(matches!(
        &agency[1].kind,
        EventKind::Commented { text } if text.starts_with("Outside Agency wrote on Trello:")
    ));
    assert_eq!(
        agency[1].actor, team.max.id,
        "kept under the importer's name"
    );
    drop(conn);

    assert_eq!(
        count(db, "SELECT COUNT(*) FROM automation_signals").await,
        0,
        "an import sets off no rules"
    );
    let gone = trello_preview(db, &team.max, up.id, None, now())
        .await
        .unwrap_err();
    assert_eq!(gone.status(), 404, "the upload is let go once imported");
}

#[tokio::test]
async fn an_import_that_fails_part_way_leaves_nothing_behind() {
    let team = team().await;
    let db = &team.t.db;
    let workflows = count(db, "SELECT COUNT(*) FROM workflows").await;
    let up = upload(db, &team.max, &trello(), now()).await.unwrap();
    let preview = trello_preview(db, &team.max, up.id, None, now())
        .await
        .unwrap();
    let mut mapping = preview.mapping.clone();
    // Someone who left the team meanwhile: the last card's owner can't be stored.
    mapping
        .members
        .insert("65f1a0c0e4b0a1b2c3d4e901".into(), Some(PersonId(9_999)));
    let err = import_trello(db, &team.max, up.id, &mapping, now())
        .await
        .unwrap_err();
    assert_eq!(err.status(), 422);
    assert!(err.to_string().contains("Nothing was imported"), "{err}");
    assert_eq!(count(db, "SELECT COUNT(*) FROM workflows").await, workflows);
    assert_eq!(count(db, "SELECT COUNT(*) FROM items").await, 0);
    assert_eq!(count(db, "SELECT COUNT(*) FROM item_events").await, 0);
    let again = trello_preview(db, &team.max, up.id, Some(mapping), now())
        .await
        .unwrap();
    assert!(
        !again.summary.unwrap().refused.is_empty(),
        "the preview shows what the import refused"
    );
}

#[tokio::test]
async fn who_may_import_what_and_whose_uploads_they_see() {
    let team = team().await;
    let db = &team.t.db;
    let err = upload(db, &team.sam, &trello(), now()).await.unwrap_err();
    assert_eq!(
        err.status(),
        403,
        "a Trello board makes a workflow: managers only"
    );
    let mine = upload(db, &team.sam, &csv("title\nA\n"), now())
        .await
        .unwrap();
    let theirs = csv_preview(db, &team.max, mine.id, None, None, now())
        .await
        .unwrap_err();
    assert_eq!(theirs.status(), 404, "nobody else sees an upload");
    let again = upload(db, &team.sam, &csv("title\nB\n"), now())
        .await
        .unwrap();
    assert_eq!(
        csv_preview(db, &team.sam, mine.id, None, None, now())
            .await
            .unwrap_err()
            .status(),
        404,
        "a new upload lets the older one of its kind go"
    );
    discard(db, &team.sam, again.id).await.unwrap();
    assert_eq!(count(db, "SELECT COUNT(*) FROM import_uploads").await, 0);

    let not_json = upload(
        db,
        &team.max,
        &UploadRequest {
            text: "title\nA\n".into(),
            ..trello()
        },
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(not_json.status(), 422);
    assert!(
        not_json.to_string().starts_with("This file is not JSON"),
        "{not_json}"
    );
    let big = "x".repeat(crate::domain::exchange::imported::MAX_FILE_BYTES + 1);
    let too_big = upload(db, &team.sam, &csv(&big), now()).await.unwrap_err();
    assert!(too_big.to_string().contains("at most 10.0 MB"), "{too_big}");
    assert_eq!(count(db, "SELECT COUNT(*) FROM import_uploads").await, 0);
}

const PLAN: &str = "Title,Stage,Owner,Due,Channel,Topic,Reviewer\n\
Spring post,Draft,sam@example.com,2026-03-14,blog,Launch,dana@example.com\n\
Bad owner,Brief,nobody@example.com,,,,\n\
Launch email,,,2026-03-20 09:30,Email,,\n\
Wrong stage,Launch,,,,,\n";

#[tokio::test]
async fn a_spreadsheet_brings_its_good_rows_and_lists_the_bad_ones() {
    let team = team().await;
    let db = &team.t.db;
    let content = WorkflowId::new("content-production");
    let up = upload(db, &team.sam, &csv(PLAN), now()).await.unwrap();
    let preview = csv_preview(db, &team.sam, up.id, Some(content.clone()), None, now())
        .await
        .unwrap();
    assert_eq!(preview.columns[0].header, "Title");
    assert_eq!(preview.columns[0].example, "Spring post");
    assert_eq!(preview.mapping[5], Column::Field(FieldKey::new("topic")));
    assert_eq!(preview.mapping[6], Column::Field(FieldKey::new("reviewer")));
    let summary = preview.summary.clone().unwrap();
    assert_eq!((summary.valid, summary.invalid), (2, 2));
    let bad: Vec<(usize, Vec<String>)> = summary
        .rows
        .iter()
        .filter(|r| !r.errors.is_empty())
        .map(|r| (r.line, r.errors.clone()))
        .collect();
    assert_eq!(
        bad,
        vec![
            (
                3,
                vec!["Owner: nobody in the team has the email nobody@example.com".to_string()]
            ),
            (
                5,
                vec!["Stage: Content production has no stage “Launch”".to_string()]
            ),
        ]
    );

    let stale = import_csv(
        db,
        &team.sam,
        up.id,
        &content,
        preview.mapping.clone(),
        3,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        stale.status(),
        409,
        "the person imports what they saw, or looks again"
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM items").await, 0);

    let done = import_csv(db, &team.sam, up.id, &content, preview.mapping, 2, now())
        .await
        .unwrap();
    assert_eq!(done.message, "2 items are imported from plan.csv.");
    let mut conn = db.read.acquire().await.unwrap();
    let items = db::items::list_for_workflow(&mut conn, &content, false)
        .await
        .unwrap();
    let got: Vec<(&str, &str, Option<PersonId>, Channel)> = items
        .iter()
        .map(|i| (i.title.as_str(), i.stage.as_str(), i.owner, i.channel))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Spring post", "draft", Some(team.sam.id), Channel::Blog),
            ("Launch email", "brief", None, Channel::Email),
        ]
    );
    assert_eq!(
        items[0].fields.get(&FieldKey::new("reviewer")),
        Some(&FieldValue::Person(team.dana))
    );
    assert_eq!(
        items[1].due,
        Some(Utc.with_ymd_and_hms(2026, 3, 20, 9, 30, 0).unwrap())
    );
    drop(conn);

    let next = upload(db, &team.sam, &csv(PLAN), now()).await.unwrap();
    let refused = import_csv(db, &team.sam, next.id, &content, Vec::new(), 0, now())
        .await
        .unwrap_err();
    assert_eq!(
        refused.status(),
        422,
        "a mapping that doesn't fit the file is refused in words"
    );
    let viewer = import_csv(db, &team.vic, next.id, &content, Vec::new(), 2, now())
        .await
        .unwrap_err();
    assert_eq!(
        viewer.status(),
        404,
        "someone else's upload is not there for them"
    );
}

#[tokio::test]
async fn the_workspace_export_reads_back_and_holds_no_secrets() {
    let team = team().await;
    let db = &team.t.db;
    let up = upload(db, &team.max, &trello(), now()).await.unwrap();
    let preview = trello_preview(db, &team.max, up.id, None, now())
        .await
        .unwrap();
    import_trello(db, &team.max, up.id, &preview.mapping, now())
        .await
        .unwrap();
    let mut conn = db.write.acquire().await.unwrap();
    db::accounts::set_password_hash(&mut conn, team.sam.id, "$argon2id$v=19$secret-digest")
        .await
        .unwrap();
    drop(conn);
    let admin = user(db, "Ada", "ada@example.com", Role::Admin).await;

    let refused = crate::service::workspace_export::workspace_json(db, &team.max, now())
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 403);
    let (name, text) = crate::service::workspace_export::workspace_json(db, &admin, now())
        .await
        .unwrap();
    assert_eq!(name, "baton-workspace-2026-12-02.json");
    assert!(!text.contains("argon2"), "no password digest");
    let back = WorkspaceExport::read(&text).unwrap();
    assert_eq!(back.items.len(), 4);
    assert_eq!(
        back.events.len(),
        4 + 3,
        "four creations and three comments"
    );
    assert_eq!(back.people.len(), 5);
    let imported = back
        .workflows
        .iter()
        .find(|w| w.id.as_str() == "spring-launch-content")
        .unwrap();
    assert_eq!(imported.versions.len(), 1);
    assert_eq!(imported.versions[0].stages.len(), 4);
    assert!(back.workflows.iter().any(|w| w.builtin));
    let again = serde_json::to_string_pretty(&back).unwrap();
    assert_eq!(again, text, "what is read back is what was written");
}
