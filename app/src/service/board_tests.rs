//! The board on a real database: columns, badges, filters, pages, and moves
//! refused, allowed and in conflict.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::db::testing;
use crate::domain::filter::{BoardFilter, ItemFilter};
use crate::domain::{FieldValue, NewItem, PersonId, Role};
use crate::views::board::MoveResult;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

struct Fixture {
    t: testing::TestDb,
    sam: CurrentUser,
    dana: PersonId,
}

async fn fixture() -> Fixture {
    let t = testing::fresh().await;
    let mut conn = t.db.write.acquire().await.unwrap();
    db::workflows::install_builtins(&mut conn, t0())
        .await
        .unwrap();
    let dana = db::people::insert(
        &mut conn,
        "Dana Reviewer",
        "dana@example.com",
        Role::Manager,
        &["Content lead"],
        t0(),
    )
    .await
    .unwrap();
    let sam = db::people::insert(
        &mut conn,
        "Sam Writer",
        "sam@example.com",
        Role::Member,
        &["Content"],
        t0(),
    )
    .await
    .unwrap();
    drop(conn);
    let sam = CurrentUser {
        id: sam,
        name: "Sam Writer".into(),
        email: "sam@example.com".into(),
        role: Role::Member,
        time_zone: "UTC".into(),
    };
    Fixture { t, sam, dana }
}

fn content() -> WorkflowId {
    WorkflowId::new("content-production")
}

async fn post(f: &Fixture, title: &str, owner: Option<PersonId>) -> Item {
    let new = NewItem {
        owner,
        ..NewItem::titled(title)
    };
    super::super::items::create(&f.t.db, f.sam.id, &content(), new, t0())
        .await
        .unwrap()
        .item
}

/// Fills the brief and ticks its checklist, so the gate to Draft is met.
async fn ready(f: &Fixture, item: &Item) -> Item {
    let mut values = BTreeMap::new();
    values.insert("topic".into(), Some(FieldValue::Text("Pricing".into())));
    values.insert(
        "audience".into(),
        Some(FieldValue::Segment("Trial users".into())),
    );
    values.insert(
        "brief".into(),
        Some(FieldValue::Text("Explain the tiers".into())),
    );
    values.insert("reviewer".into(), Some(FieldValue::Person(f.dana)));
    let ops = [
        Operation::EditFields { values },
        Operation::Tick {
            line: "goal-agreed".into(),
        },
    ];
    super::super::items::try_apply(&f.t.db, f.sam.id, item.id, item.version, &ops, t0())
        .await
        .unwrap()
        .unwrap()
        .item
}

async fn to_draft(f: &Fixture, item: &Item) -> MoveResult {
    move_card(&f.t.db, &f.sam, item.id, item.version, "draft".into(), t0())
        .await
        .unwrap()
        .0
}

async fn view(f: &Fixture, filter: &BoardFilter) -> BoardView {
    board(
        &f.t.db,
        &f.sam,
        &content(),
        filter,
        0,
        t0() + Duration::hours(1),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn a_board_has_a_column_per_stage_and_cards_carry_their_badges() {
    let f = fixture().await;
    post(&f, "Pricing explained", Some(f.sam.id)).await;
    let b = view(&f, &BoardFilter::default()).await;
    let names: Vec<&str> = b.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Brief",
            "Draft",
            "Review",
            "Revisions",
            "SEO & technical",
            "Scheduled"
        ]
    );
    let brief = &b.columns[0];
    assert_eq!(
        (
            brief.count,
            brief.matching,
            brief.next.as_ref().map(StageKey::as_str)
        ),
        (1, 1, Some("draft"))
    );
    assert_eq!(b.columns[1].wip_limit, Some(5));
    let card = &brief.cards[0];
    assert_eq!(card.title, "Pricing explained");
    assert_eq!(card.owner.as_ref().map(|o| o.initials.as_str()), Some("SW"));
    assert_eq!(card.checklist, Some((0, 1)));
    assert!(
        card.sla
            .as_ref()
            .is_some_and(|s| s.label.starts_with("SLA on track")),
        "{:?}",
        card.sla
    );
    assert!(b.can_work);
}

#[tokio::test]
async fn a_gated_move_is_refused_with_every_reason_and_a_link_to_fix_each() {
    let f = fixture().await;
    let item = post(&f, "Pricing explained", None).await;
    let MoveResult::Refused { card, blockers } = to_draft(&f, &item).await else {
        panic!("should be refused")
    };
    assert_eq!(card.stage.as_str(), "brief");
    let messages: Vec<&str> = blockers.iter().map(|b| b.message.as_str()).collect();
    for field in ["Topic", "Audience", "Brief", "Reviewer"] {
        assert!(
            messages.contains(&format!("Required: {field}").as_str()),
            "{messages:?}"
        );
    }
    let topic = blockers
        .iter()
        .find(|b| b.message == "Required: Topic")
        .unwrap();
    assert_eq!(
        topic.fix.as_ref().unwrap().href,
        format!("/items/{}#field-topic", item.id)
    );
    let checklist = blockers
        .iter()
        .find(|b| {
            b.fix
                .as_ref()
                .is_some_and(|x| x.href.ends_with("#checklist"))
        })
        .unwrap();
    assert_eq!(
        checklist.details,
        ["Goal and audience agreed with the requester"]
    );
}

#[tokio::test]
async fn once_the_gate_is_met_the_same_move_goes_through() {
    let f = fixture().await;
    let item = ready(&f, &post(&f, "Pricing explained", None).await).await;
    let MoveResult::Moved { card } = to_draft(&f, &item).await else {
        panic!("should move")
    };
    assert_eq!(card.stage.as_str(), "draft");
}

#[tokio::test]
async fn a_move_from_a_stale_card_is_a_conflict_that_sends_the_card_as_it_is() {
    let f = fixture().await;
    let old = post(&f, "Pricing explained", None).await;
    let now = ready(&f, &old).await;
    let MoveResult::Conflict { message, card } = to_draft(&f, &old).await else {
        panic!("should conflict")
    };
    assert!(message.contains("changed by someone else"), "{message}");
    assert_eq!(
        card.map(|c| (c.version, c.stage.0)),
        Some((now.version, "brief".to_string()))
    );
}

#[tokio::test]
async fn a_full_stage_refuses_one_more_and_marks_the_cards_waiting_for_it() {
    let f = fixture().await;
    for n in 0..5 {
        let item = ready(&f, &post(&f, &format!("Post {n}"), None).await).await;
        assert!(matches!(
            to_draft(&f, &item).await,
            MoveResult::Moved { .. }
        ));
    }
    let sixth = ready(&f, &post(&f, "One too many", None).await).await;
    let MoveResult::Refused { card, blockers } = to_draft(&f, &sixth).await else {
        panic!("should be refused")
    };
    assert_eq!(blockers[0].message, "WIP limit 5 reached in Draft");
    assert_eq!(
        card.blocked.as_deref(),
        Some("WIP limit 5 reached in Draft")
    );
}

#[tokio::test]
async fn filters_narrow_the_board_and_columns_load_a_page_at_a_time() {
    let f = fixture().await;
    for n in 0..(PAGE + 5) {
        post(&f, &format!("Sam's post {n}"), Some(f.sam.id)).await;
    }
    post(&f, "Dana's launch plan", Some(f.dana)).await;
    let all = view(&f, &BoardFilter::default()).await;
    assert_eq!(
        (all.columns[0].cards.len() as u32, all.columns[0].matching),
        (PAGE, PAGE + 6)
    );

    let danas = view(
        &f,
        &BoardFilter {
            facets: ItemFilter {
                owner: Some(f.dana),
                ..ItemFilter::default()
            },
            ..BoardFilter::default()
        },
    )
    .await;
    let titles: Vec<&str> = danas.columns[0]
        .cards
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(titles, ["Dana's launch plan"]);
    let by_text = view(
        &f,
        &BoardFilter {
            text: "LAUNCH".into(),
            ..BoardFilter::default()
        },
    )
    .await;
    assert_eq!(by_text.columns[0].matching, 1);

    let brief = StageKey::new("brief");
    let rest = column(
        &f.t.db,
        &f.sam,
        &content(),
        &brief,
        &BoardFilter::default(),
        PAGE,
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(rest.cards.len(), 6);
    let shown: std::collections::BTreeSet<_> = all.columns[0]
        .cards
        .iter()
        .chain(&rest.cards)
        .map(|c| c.id)
        .collect();
    assert_eq!(
        shown.len() as u32,
        PAGE + 6,
        "pages neither repeat nor skip cards"
    );
}

#[tokio::test]
async fn cards_finished_long_ago_and_archived_ones_stay_off_unless_asked_for() {
    let f = fixture().await;
    let done = post(&f, "Shipped in spring", None).await;
    let gone = post(&f, "Cancelled idea", None).await;
    sqlx::query("UPDATE items SET stage = 'scheduled', entered_stage_at = $1 WHERE id = $2")
        .bind(t0() - Duration::days(DONE_DAYS + 1))
        .bind(done.id.0)
        .execute(&f.t.db.write)
        .await
        .unwrap();
    super::super::items::apply(
        &f.t.db,
        f.sam.id,
        gone.id,
        gone.version,
        &Operation::Archive,
        t0(),
    )
    .await
    .unwrap();
    let b = view(&f, &BoardFilter::default()).await;
    assert_eq!(b.hidden_done, 1);
    assert!(b.columns.iter().all(|c| c.cards.is_empty()));
    let everything = view(
        &f,
        &BoardFilter {
            all_done: true,
            archived: true,
            ..BoardFilter::default()
        },
    )
    .await;
    let titles: Vec<&str> = everything
        .columns
        .iter()
        .flat_map(|c| &c.cards)
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    let update = card(&f.t.db, &f.sam, gone.id, &BoardFilter::default(), t0())
        .await
        .unwrap();
    assert_eq!(update.card, None, "an archived card leaves a default board");
}

#[tokio::test]
async fn the_list_of_boards_counts_cards_per_stage() {
    let f = fixture().await;
    post(&f, "One", None).await;
    post(&f, "Two", None).await;
    let all = summaries(&f.t.db, t0()).await.unwrap();
    let blog = all.iter().find(|s| s.workflow == content()).unwrap();
    assert_eq!(
        (blog.total, blog.stages[0].clone()),
        (2, ("Brief".to_string(), 2))
    );
    assert!(all
        .iter()
        .filter(|s| s.workflow != content())
        .all(|s| s.total == 0));
}
