//! Insights on a real database, on a controlled clock: trails kept by the event
//! transaction, fixes, filters, CSV contents, stored forecasts across a restart, and the
//! trending-late flag where people see it.

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::auth::CurrentUser;
use crate::db::{self, testing, Db};
use crate::domain::calendar::CalendarView;
use crate::domain::filter::{BoardFilter, CalendarQuery};
use crate::domain::inbox::InboxReason;
use crate::domain::metrics::{FlowSettings, ItemHistory};
use crate::domain::{
    CampaignId, Channel, Item, ItemId, NewItem, Operation, Party, Raci, Role, Schedule, Sla, Stage,
    WorkflowDefinition, WorkflowId, WorkflowKind,
};
use crate::error::AppError;
use crate::service::{self, items};
use crate::views::insights::InsightsQuery;

/// Monday 1 June 2026, 09:00 UTC: "now" in these tests.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap()
}

fn posts() -> WorkflowId {
    WorkflowId::new("posts")
}

/// Brief → Draft → Review (SLA 24 h) → Published, no gates: work starts at Draft.
fn definition() -> WorkflowDefinition {
    let review = Stage {
        sla: Some(Sla {
            hours: 24,
            business_hours: false,
        }),
        raci: Raci {
            responsible: vec![Party::team("Leads")],
            ..Raci::default()
        },
        ..Stage::new("review", "Review", "Check it")
    };
    WorkflowDefinition {
        outcome: None,
        id: posts(),
        name: "Posts".into(),
        kind: WorkflowKind::Content,
        version: 1,
        based_on: None,
        revision_limit: 1,
        fields: vec![],
        stages: vec![
            Stage::new("brief", "Brief", "Say what"),
            Stage::new("draft", "Draft", "Write it"),
            review,
            Stage::new("published", "Published", "Out"),
        ],
    }
}

struct World {
    t: testing::TestDb,
    ann: CurrentUser,
    bo: CurrentUser,
    campaign: CampaignId,
}

impl World {
    fn db(&self) -> &Db {
        &self.t.db
    }
}

fn user(id: crate::domain::PersonId, name: &str, role: Role) -> CurrentUser {
    CurrentUser {
        id,
        name: name.into(),
        email: format!("{}@example.com", name.to_lowercase()),
        role,
        time_zone: "UTC".into(),
    }
}

async fn world() -> World {
    let t = testing::fresh().await;
    let start = now() - Duration::days(400);
    let mut conn = t.db.write.acquire().await.unwrap();
    let ann = db::people::insert(
        &mut conn,
        "Ann",
        "ann@example.com",
        Role::Member,
        &["Writers"],
        start,
    )
    .await
    .unwrap();
    let bo = db::people::insert(
        &mut conn,
        "Bo",
        "bo@example.com",
        Role::Manager,
        &["Leads"],
        start,
    )
    .await
    .unwrap();
    let campaign = db::campaigns::insert(&mut conn, "Summer", None, None, start)
        .await
        .unwrap();
    db::workflows::save(&mut conn, &definition(), false, None, start)
        .await
        .unwrap();
    drop(conn);
    World {
        t,
        ann: user(ann, "Ann", Role::Member),
        bo: user(bo, "Bo", Role::Manager),
        campaign,
    }
}

async fn create(w: &World, title: &str, at: DateTime<Utc>, campaign: bool) -> Item {
    let new = NewItem {
        owner: Some(w.ann.id),
        campaign: campaign.then_some(w.campaign),
        ..NewItem::titled(title)
    };
    items::create(w.db(), w.ann.id, &posts(), new, at)
        .await
        .unwrap()
        .item
}

async fn apply(w: &World, item: &Item, op: Operation, at: DateTime<Utc>) -> Item {
    items::apply(w.db(), w.ann.id, item.id, item.version, &op, at)
        .await
        .unwrap()
        .item
}

async fn move_to(w: &World, item: &Item, stage: &str, at: DateTime<Utc>) -> Item {
    let op = Operation::MoveTo {
        stage: stage.into(),
        reason: None,
    };
    apply(w, item, op, at).await
}

/// A post started (into Draft) at `start`, in Review `review_after` later, published
/// `publish_after` after that.
async fn finished(
    w: &World,
    title: &str,
    start: DateTime<Utc>,
    review_after: Duration,
    publish_after: Duration,
    campaign: bool,
) -> Item {
    let item = create(w, title, start - Duration::hours(1), campaign).await;
    let item = move_to(w, &item, "draft", start).await;
    let item = move_to(w, &item, "review", start + review_after).await;
    move_to(w, &item, "published", start + review_after + publish_after).await
}

/// The stored trail of an item against one built from all its events.
async fn assert_trail_matches(w: &World, id: ItemId) {
    let mut conn = w.db().read.acquire().await.unwrap();
    let item = db::items::load(&mut conn, id).await.unwrap().unwrap();
    let events = db::events::for_item(&mut conn, id).await.unwrap();
    let flow = FlowSettings::from_definition(&definition());
    let replayed = ItemHistory::from_events(&item, &events, &flow);
    let stored = db::trails::of_items(&mut conn, &[id])
        .await
        .unwrap()
        .remove(0);
    assert_eq!(stored.created, replayed.created);
    assert_eq!(stored.visits, replayed.visits);
    assert_eq!(stored.archived, replayed.archived);
    assert_eq!(stored.escalations, replayed.escalations);
    assert_eq!(
        stored.details.title, item.title,
        "details come from the item as it is"
    );
}

fn query() -> InsightsQuery {
    InsightsQuery {
        workflow: Some(posts()),
        ..InsightsQuery::default()
    }
}

#[tokio::test]
async fn trails_follow_every_event_in_the_transaction_that_writes_it() {
    let w = world().await;
    let t = now() - Duration::days(10);
    let item = create(&w, "Launch post", t, false).await;
    assert_trail_matches(&w, item.id).await;
    let item = move_to(&w, &item, "draft", t + Duration::hours(2)).await;
    let item = move_to(&w, &item, "review", t + Duration::days(1)).await;
    assert_trail_matches(&w, item.id).await;
    let item = apply(&w, &item, Operation::Archive, t + Duration::days(2)).await;
    let item = apply(&w, &item, Operation::Restore, t + Duration::days(3)).await;
    let item = move_to(&w, &item, "draft", t + Duration::days(3)).await;
    let item = apply(
        &w,
        &item,
        Operation::Comment {
            text: "Tighter intro".into(),
        },
        t + Duration::days(4),
    )
    .await;
    let item = move_to(&w, &item, "review", t + Duration::days(4)).await;
    let item = move_to(&w, &item, "published", t + Duration::days(5)).await;
    assert_trail_matches(&w, item.id).await;

    // A refused change (someone else's change came first) writes no event and no trail.
    let stale = items::apply(
        w.db(),
        w.ann.id,
        item.id,
        item.version - 1,
        &Operation::MoveTo {
            stage: "draft".into(),
            reason: None,
        },
        t + Duration::days(6),
    )
    .await;
    assert!(matches!(stale, Err(AppError::Conflict { .. })));
    assert_trail_matches(&w, item.id).await;
    {
        let mut conn = w.db().read.acquire().await.unwrap();
        let trail = db::trails::of_items(&mut conn, &[item.id]).await.unwrap();
        assert_eq!(trail[0].visits.len(), 6);
        assert_eq!(trail[0].archived.len(), 1);
    }

    // A database from before trails were kept gets them at start-up, the same.
    let mut conn = w.db().write.acquire().await.unwrap();
    db::trails::forget_all(&mut conn).await.unwrap();
    drop(conn);
    assert_eq!(super::backfill(w.db()).await.unwrap(), 1);
    assert_eq!(super::backfill(w.db()).await.unwrap(), 0);
    assert_trail_matches(&w, item.id).await;
}

#[tokio::test]
async fn a_report_reads_cycle_time_and_fixes_from_the_trail_through_its_filters() {
    let w = world().await;
    // 25 posts started 30 days ago; the n-th took n days (started and finished the same
    // day counts as 1).
    let start = now() - Duration::days(30);
    let mut done = Vec::new();
    for n in 1..=25i64 {
        let total = Duration::days(n - 1);
        let item = finished(
            &w,
            &format!("Post {n}"),
            start,
            total / 2,
            total - total / 2,
            false,
        )
        .await;
        done.push(item);
    }
    let open = create(&w, "Still a brief", now() - Duration::days(1), false).await;

    let report = super::insights(w.db(), &w.ann, &query(), now())
        .await
        .unwrap();
    assert_eq!(report.period.last, now().date_naive());
    let cycle = &report.flow[0];
    assert_eq!(cycle.key, "cycle-time");
    assert_eq!(
        cycle.summary,
        "Half of the posts finish within 13 days; 85 % within 22."
    );
    assert_eq!(cycle.table.rows.len(), 25);
    assert!(cycle.figure.is_some());
    let keys: Vec<&str> = report.flow.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "cycle-time",
            "throughput",
            "cfd",
            "wip",
            "aging",
            "stage-time"
        ]
    );

    // Fixes only go on delivered work, and count in the error rate.
    let refused = super::settings::record_fix(w.db(), &w.ann, open.id, "Typo", None, now()).await;
    assert!(
        matches!(refused, Err(AppError::Validation { ref field, .. }) if field == "item"),
        "{refused:?}"
    );
    let blank = super::settings::record_fix(w.db(), &w.ann, done[0].id, "  ", None, now()).await;
    assert!(matches!(blank, Err(AppError::Validation { .. })));
    let fixes = super::settings::record_fix(
        w.db(),
        &w.ann,
        done[0].id,
        "Broken link to the pricing page",
        Some("review".into()),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(fixes.fixes.len(), 1);
    assert_eq!(fixes.fixes[0].stage.as_deref(), Some("Review"));
    let report = super::insights(w.db(), &w.ann, &query(), now())
        .await
        .unwrap();
    let errors = report
        .delivery
        .iter()
        .find(|c| c.key == "error-rate")
        .unwrap();
    assert_eq!(
        errors.summary,
        "1 of 25 posts (4 %) needed a post-launch fix; 1 fix names Review as the stage that should have caught it."
    );

    // Filters narrow every chart the same way.
    let email = InsightsQuery {
        channel: Some(Channel::Email),
        ..query()
    };
    let report = super::insights(w.db(), &w.ann, &email, now())
        .await
        .unwrap();
    assert_eq!(report.flow[0].summary, "No posts finished in this period.");
    let writers = InsightsQuery {
        team: Some("Writers".into()),
        ..query()
    };
    let report = super::insights(w.db(), &w.ann, &writers, now())
        .await
        .unwrap();
    assert_eq!(report.flow[0].table.rows.len(), 25);
    let bos = InsightsQuery {
        owner: Some(w.bo.id),
        ..query()
    };
    let report = super::insights(w.db(), &w.ann, &bos, now()).await.unwrap();
    assert!(report.flow[0].table.rows.is_empty());
    let everything = InsightsQuery {
        workflow: Some(WorkflowId::new("all")),
        ..query()
    };
    let report = super::insights(w.db(), &w.ann, &everything, now())
        .await
        .unwrap();
    assert_eq!(report.flow.last().unwrap().key, "by-workflow");
    assert!(report.start.is_none());

    // The same numbers, as CSV.
    let (name, csv) = super::chart_csv(w.db(), &w.ann, &query(), "cycle-time", now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(name, "baton-cycle-time-20260310-20260601.csv");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "Item,Workflow,Finished,Cycle time (days)");
    assert_eq!(lines.len(), 27, "a header, 25 rows and the last line end");
    assert!(
        lines[1].starts_with("Post 25,Posts,2026-05-26,25"),
        "{}",
        lines[1]
    );
    let (_, events) = super::chart_csv(w.db(), &w.ann, &query(), "events", now())
        .await
        .unwrap()
        .unwrap();
    assert!(events
        .starts_with("Item,Title,Workflow,When,Who,What,Stage,To stage,Field,From,To,Details\r\n"));
    assert!(events.contains(",Post 3,Posts,"));
    assert!(events.contains(",Moved forward,Review,Published,"));
    let (_, summary) = super::chart_csv(w.db(), &w.ann, &query(), "items", now())
        .await
        .unwrap()
        .unwrap();
    assert!(summary.starts_with(
        "Item,Title,Workflow,Channel,Campaign,Owner,Created,Brief entered,Brief left,Draft entered"
    ));
    assert!(summary.contains("Broken link to the pricing page (should have been caught in Review)"));
    assert_eq!(
        summary.split("\r\n").count(),
        28,
        "25 finished, 1 open, header, end"
    );
    assert!(
        super::chart_csv(w.db(), &w.ann, &query(), "nonsense", now())
            .await
            .unwrap()
            .is_none()
    );

    // Managers move where work starts, and cycle time follows.
    let refused =
        super::settings::set_start_stage(w.db(), &w.bo, &posts(), &"published".into(), now()).await;
    assert!(matches!(refused, Err(AppError::Validation { .. })));
    super::settings::set_start_stage(w.db(), &w.bo, &posts(), &"review".into(), now())
        .await
        .unwrap();
    let report = super::insights(w.db(), &w.ann, &query(), now())
        .await
        .unwrap();
    assert_eq!(report.start.unwrap().current.as_str(), "review");
    assert_eq!(
        report.flow[0].summary,
        "Half of the posts finish within 7 days; 85 % within 12."
    );
}

#[tokio::test]
async fn each_day_keeps_one_forecast_per_open_campaign_across_a_restart() {
    let w = world().await;
    // Twenty-five campaign posts finished over the last 50 days, one every two days.
    for n in 0..25i64 {
        let start = now() - Duration::days(52) + Duration::days(2 * n);
        finished(
            &w,
            &format!("Summer post {n}"),
            start,
            Duration::hours(20),
            Duration::hours(20),
            true,
        )
        .await;
    }
    let a = create(&w, "Summer wrap-up", now() - Duration::days(2), true).await;
    let b = create(&w, "Summer lookbook", now() - Duration::days(1), true).await;

    let forecasts = super::forecasts::record_daily;
    assert_eq!(forecasts(w.db(), now()).await.unwrap(), 1);
    assert_eq!(
        forecasts(w.db(), now() + Duration::hours(3)).await.unwrap(),
        0
    );
    let restarted = w.t.reopen().await;
    assert_eq!(
        forecasts(&restarted, now() + Duration::hours(5))
            .await
            .unwrap(),
        0,
        "a restart does not record the day again"
    );
    assert_eq!(
        forecasts(&restarted, now() + Duration::days(1))
            .await
            .unwrap(),
        1
    );
    let mut conn = restarted.read.acquire().await.unwrap();
    let stored = db::insights::forecasts_since(&mut conn, now().date_naive())
        .await
        .unwrap();
    drop(conn);
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].items, vec![a.id, b.id]);
    assert!(stored[0].enough_data);
    let p85 = stored[0].p85.unwrap();
    assert!(p85 >= now().date_naive());

    // Both done on the third day: the forecasts held if that was by their P85 date.
    let at = now() + Duration::days(2);
    for item in [a, b] {
        let item = move_to(&w, &item, "draft", at).await;
        let item = move_to(&w, &item, "review", at + Duration::minutes(30)).await;
        move_to(&w, &item, "published", at + Duration::hours(1)).await;
    }
    let report = super::insights(&restarted, &w.ann, &query(), at + Duration::hours(2))
        .await
        .unwrap();
    let held = report
        .forecasts
        .iter()
        .find(|c| c.key == "forecasts-held")
        .unwrap();
    assert_eq!(held.table.rows.len(), 1);
    assert_eq!(held.table.rows[0][0].text, "Summer");
    let expected = if (at.date_naive()) <= p85 { "2" } else { "0" };
    assert_eq!(
        held.table.rows[0][3].text, expected,
        "{:?}",
        held.table.rows[0]
    );
}

#[tokio::test]
async fn an_item_stuck_in_review_is_flagged_before_its_date_on_its_card_calendar_and_inbox() {
    let w = world().await;
    // Twenty-five posts over the last 60 days: a day in Draft, a day in Review.
    for n in 0..25i64 {
        let start = now() - Duration::days(60) + Duration::days(2 * n);
        finished(
            &w,
            &format!("Quick post {n}"),
            start,
            Duration::days(1),
            Duration::days(1),
            false,
        )
        .await;
    }
    let planned = Schedule {
        at: now() + Duration::days(2),
        all_day: false,
    };
    let stuck = create(&w, "Stuck in review", now() - Duration::days(7), false).await;
    let stuck = apply(
        &w,
        &stuck,
        Operation::SetSchedule {
            schedule: Some(planned),
        },
        now() - Duration::days(7),
    )
    .await;
    let stuck = move_to(&w, &stuck, "draft", now() - Duration::days(6)).await;
    let stuck = move_to(&w, &stuck, "review", now() - Duration::days(5)).await;
    let fresh = create(&w, "Fresh draft", now() - Duration::hours(2), false).await;
    let fresh = apply(
        &w,
        &fresh,
        Operation::SetSchedule {
            schedule: Some(Schedule {
                at: now() + Duration::days(10),
                all_day: false,
            }),
        },
        now() - Duration::hours(2),
    )
    .await;
    let fresh = move_to(&w, &fresh, "draft", now() - Duration::hours(1)).await;

    // On the day it entered Review it was on track; five days on, it is trending late.
    let then = now() - Duration::days(5) + Duration::hours(1);
    let board = service::board::board(w.db(), &w.ann, &posts(), &BoardFilter::default(), 0, then)
        .await
        .unwrap();
    let card = |board: &crate::views::board::BoardView, id: ItemId| {
        board
            .columns
            .iter()
            .flat_map(|c| &c.cards)
            .find(|c| c.id == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(card(&board, stuck.id).trending_late, None);

    let board = service::board::board(w.db(), &w.ann, &posts(), &BoardFilter::default(), 0, now())
        .await
        .unwrap();
    let why = card(&board, stuck.id).trending_late.expect("flagged");
    assert_eq!(
        why,
        "In Review for 5 days; 85 % of posts leave Review within 24 hours."
    );
    assert_eq!(card(&board, fresh.id).trending_late, None);

    let week = CalendarQuery {
        view: Some(CalendarView::Week),
        date: Some(planned.at.date_naive()),
        ..CalendarQuery::default()
    };
    let calendar = service::calendar::calendar(w.db(), &w.ann, &week, now())
        .await
        .unwrap();
    let entry = calendar
        .days
        .iter()
        .flat_map(|d| &d.entries)
        .find(|e| e.id == stuck.id)
        .unwrap();
    assert_eq!(entry.trending_late.as_deref(), Some(why.as_str()));

    let inbox = service::inbox::inbox(w.db(), w.ann.id, now())
        .await
        .unwrap();
    let row = inbox
        .rows
        .iter()
        .find(|r| r.item == stuck.id)
        .expect("in Ann's inbox");
    assert_eq!(row.reason, InboxReason::TrendingLate);
    assert_eq!(row.late.as_deref(), Some(why.as_str()));
    let fresh_row = inbox.rows.iter().find(|r| r.item == fresh.id).unwrap();
    assert_eq!(
        (fresh_row.reason, fresh_row.late.as_deref()),
        (InboxReason::Responsible, None)
    );
    let counts = service::inbox::counts(w.db(), w.ann.id, now())
        .await
        .unwrap();
    assert_eq!(counts.waiting, 2);
    assert_eq!(
        service::inbox::counts(w.db(), w.ann.id, then)
            .await
            .unwrap()
            .waiting,
        1,
        "on another day the count is worked out again: it was not late then"
    );

    let report = super::insights(w.db(), &w.ann, &query(), now())
        .await
        .unwrap();
    let late = report
        .forecasts
        .iter()
        .find(|c| c.key == "trending-late")
        .unwrap();
    assert!(
        late.summary.starts_with("1 post is trending late"),
        "{}",
        late.summary
    );
    assert_eq!(late.table.rows[0][0].text, "Stuck in review");
    assert_eq!(late.table.rows[0][5].text, "Trending late");
    assert_eq!(late.table.rows[0][6].text, why);
}
