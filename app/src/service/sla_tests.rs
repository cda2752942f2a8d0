//! The SLA scheduler on a real database with a clock the test controls.

use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::db::{connect_options, Db};
use crate::domain::{ApprovalRule, EventKind, Party, Sla};
use crate::service::testkit::*;

async fn notifications_of(team: &Team, person: PersonId) -> Vec<(NoticeKind, String)> {
    let mut conn = team.db().read.acquire().await.unwrap();
    db::notifications::recent(&mut conn, person, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|n| (n.kind, n.message))
        .collect()
}

async fn escalations_of(db: &Db, item: ItemId) -> usize {
    let mut conn = db.read.acquire().await.unwrap();
    db::events::for_item(&mut conn, item)
        .await
        .unwrap()
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Escalated { .. }))
        .count()
}

#[tokio::test]
async fn a_reminder_at_three_quarters_then_an_escalation_at_the_breach_each_fire_once() {
    let team = team_with(ApprovalRule::Sequential, calendar(8)).await;
    let item = submitted(&team, "Spring launch post", t0()).await;
    let db = team.db();

    let early = tick(db, t0() + Duration::hours(5)).await.unwrap();
    assert!(early.reminded.is_empty() && early.escalated.is_empty());

    // 6 h of 8: Cy, whose turn it is, is reminded — nobody else.
    let at_six = tick(db, t0() + Duration::hours(6)).await.unwrap();
    assert_eq!(at_six.reminded, vec![(item.id, vec![team.cy])]);
    let cy = notifications_of(&team, team.cy).await;
    assert!(
        cy.iter().any(|(k, m)| *k == NoticeKind::Reminder
            && m.contains("“Spring launch post” is due out of Review in 2 h")),
        "{cy:?}"
    );
    assert!(!notifications_of(&team, team.di)
        .await
        .iter()
        .any(|(k, _)| *k == NoticeKind::Reminder));
    let again = tick(db, t0() + Duration::hours(7)).await.unwrap();
    assert!(again.reminded.is_empty(), "a reminder fires once");

    // 8 h: escalated to the accountable team (Bo), by Baton itself.
    let breach = tick(db, t0() + Duration::hours(8)).await.unwrap();
    assert_eq!(breach.escalated.len(), 1);
    assert!(breach.notified.contains(&team.bo));
    let stored = reload(&team, &item).await;
    let escalation = stored.escalation.expect("escalated");
    assert_eq!(escalation.to, vec![Party::team("Leads")]);
    assert_eq!(escalation.at, t0() + Duration::hours(8));
    let history = super::super::items::load(db, item.id).await.unwrap().events;
    let last = history.last().unwrap();
    let mut conn = db.read.acquire().await.unwrap();
    let baton = db::people::automation(&mut conn).await.unwrap();
    drop(conn);
    assert_eq!(
        last.actor, baton.id,
        "the escalation is Baton's, not a person's"
    );
    assert!(notifications_of(&team, team.bo)
        .await
        .iter()
        .any(|(k, m)| *k == NoticeKind::Escalated && m.contains("escalated to you in Review")));

    tick(db, t0() + Duration::hours(30)).await.unwrap();
    assert_eq!(escalations_of(db, item.id).await, 1, "no second escalation");
}

#[tokio::test]
async fn after_a_restart_what_came_due_meanwhile_fires_once_and_nothing_is_missed() {
    let team = team_with(ApprovalRule::Single, calendar(8)).await;
    let item = submitted(&team, "Webinar invite", t0()).await;
    let other = submitted(&team, "Partner newsletter", t0() + Duration::hours(3)).await;
    let url = crate::db::testing::url_of(team.db()).await;
    // The server stops before anything came due…
    team.db().close().await;

    // …and starts again 9 h later: both timers of the first item are due; the escalation
    // says more than a late reminder would, so only it fires. The second item's reminder
    // (due at 9 h) fires; its escalation (11 h) waits.
    let restarted = Db::open(connect_options(&url).unwrap()).await.unwrap();
    let report = tick(&restarted, t0() + Duration::hours(9)).await.unwrap();
    assert_eq!(report.escalated.len(), 1);
    assert_eq!(report.escalated[0].id, item.id);
    // Any one approver may decide a single approval: all three are reminded.
    assert_eq!(
        report.reminded,
        vec![(other.id, vec![team.cy, team.di, team.ed])]
    );
    restarted.close().await;

    // A second restart at the same moment fires nothing again.
    let again = Db::open(connect_options(&url).unwrap()).await.unwrap();
    let second = tick(&again, t0() + Duration::hours(9)).await.unwrap();
    assert!(second.escalated.is_empty() && second.reminded.is_empty());
    assert_eq!(escalations_of(&again, item.id).await, 1);
    let later = tick(&again, t0() + Duration::hours(11)).await.unwrap();
    assert_eq!(
        later.escalated.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![other.id]
    );
    let mut conn = again.read.acquire().await.unwrap();
    let timers = db::timers::history(&mut conn, item.id).await.unwrap();
    let outcomes: Vec<_> = timers
        .iter()
        .map(|(kind, _, _, outcome)| (*kind, outcome.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            (TimerKind::Reminder, "superseded".to_string()),
            (TimerKind::Escalation, "fired".to_string())
        ]
    );
}

#[tokio::test]
async fn leaving_the_stage_cancels_its_timers_and_coming_back_starts_new_ones() {
    let team = team_with(ApprovalRule::Single, calendar(8)).await;
    let item = in_review(&team, "Case study", t0()).await;
    let db = team.db();
    let back = Operation::MoveTo {
        stage: "brief".into(),
        reason: Some("Needs a new angle".into()),
    };
    let moved = crate::service::items::apply(
        db,
        team.ann,
        item.id,
        item.version,
        &back,
        t0() + Duration::hours(1),
    )
    .await
    .unwrap()
    .item;
    let report = tick(db, t0() + Duration::hours(10)).await.unwrap();
    assert!(report.reminded.is_empty() && report.escalated.is_empty());
    assert_eq!(report.skipped, 2);

    let forward = Operation::MoveTo {
        stage: "review".into(),
        reason: None,
    };
    let returned_at = t0() + Duration::hours(11);
    crate::service::items::apply(db, team.ann, item.id, moved.version, &forward, returned_at)
        .await
        .unwrap();
    let report = tick(db, returned_at + Duration::hours(8)).await.unwrap();
    assert_eq!(report.escalated.len(), 1, "the new visit has its own clock");
    assert_eq!(
        report.skipped, 1,
        "its reminder came due with the escalation"
    );
}

#[tokio::test]
async fn business_hours_slas_do_not_run_over_the_weekend() {
    let sla = Sla {
        hours: 8,
        business_hours: true,
    };
    let team = team_with(ApprovalRule::Single, sla).await;
    let friday_1pm = Utc.with_ymd_and_hms(2026, 11, 6, 13, 0, 0).unwrap();
    let item = submitted(&team, "Black Friday teaser", friday_1pm).await;
    let db = team.db();
    let saturday = tick(db, friday_1pm + Duration::hours(20)).await.unwrap();
    assert!(saturday.reminded.is_empty() && saturday.escalated.is_empty());
    // Friday 13–17 is 4 h; Monday 09:00 + 2 h = 11:00 is the 75 % mark (6 h).
    let monday = Utc.with_ymd_and_hms(2026, 11, 9, 0, 0, 0).unwrap();
    let before = tick(db, monday + Duration::hours(10) + Duration::minutes(59))
        .await
        .unwrap();
    assert!(before.reminded.is_empty());
    let reminder = tick(db, monday + Duration::hours(11)).await.unwrap();
    assert_eq!(
        reminder.reminded,
        vec![(item.id, vec![team.cy, team.di, team.ed])]
    );
    let escalation = tick(db, monday + Duration::hours(13)).await.unwrap();
    assert_eq!(escalation.escalated.len(), 1);
}

#[tokio::test]
async fn new_working_hours_move_the_timers_that_have_not_fired() {
    let sla = Sla {
        hours: 8,
        business_hours: true,
    };
    let team = team_with(ApprovalRule::Single, sla).await;
    let monday_9am = t0();
    submitted(&team, "Pricing FAQ", monday_9am).await;
    let db = team.db();
    // Working days start at 10:00 from now on: the escalation moves from 17:00 to 18:00.
    let hours = WorkingHours {
        start: chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        end: chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        ..WorkingHours::default()
    };
    crate::service::inbox::save_working_hours(db, &hours)
        .await
        .unwrap();
    let at_five = tick(db, monday_9am + Duration::hours(8)).await.unwrap();
    assert!(at_five.escalated.is_empty());
    let at_six = tick(db, monday_9am + Duration::hours(9)).await.unwrap();
    assert_eq!(at_six.escalated.len(), 1);
}

#[tokio::test]
async fn items_from_before_timers_existed_get_them_at_start_up() {
    let team = team_with(ApprovalRule::Single, calendar(8)).await;
    let item = submitted(&team, "Old item", t0()).await;
    let db = team.db();
    {
        let mut conn = db.write.acquire().await.unwrap();
        sqlx::query("DELETE FROM sla_timers")
            .execute(&mut *conn)
            .await
            .unwrap();
    }
    assert!(tick(db, t0() + Duration::hours(9))
        .await
        .unwrap()
        .escalated
        .is_empty());
    assert_eq!(plan_missing(db).await.unwrap(), 1);
    assert_eq!(plan_missing(db).await.unwrap(), 0, "planned once");
    let report = tick(db, t0() + Duration::hours(9)).await.unwrap();
    assert_eq!(report.escalated[0].id, item.id);
}

use crate::domain::WorkingHours;

#[tokio::test]
async fn new_working_hours_are_saved_with_their_timers_or_not_at_all() {
    use chrono::FixedOffset;
    let team = team_with(ApprovalRule::Single, calendar(8)).await;
    let item = submitted(&team, "Webinar invite", t0()).await;
    let url = crate::db::testing::url_of(team.db()).await;
    team.db().close().await;
    // A fresh process whose stored definition of the item's workflow cannot be read:
    // planning the timers again fails after the hours themselves could have been written.
    let db = Db::open(connect_options(&url).unwrap()).await.unwrap();
    let unfired = |db: Db| async move {
        let mut conn = db.read.acquire().await.unwrap();
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sla_timers WHERE item_id = $1 AND fired_at IS NULL",
        )
        .bind(item.id.0)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        let hours = db::workspace::working_hours(&mut conn).await.unwrap();
        (n, hours)
    };
    let before = unfired(db.clone()).await;
    assert_eq!(before.0, 2, "a reminder and an escalation are waiting");
    sqlx::query("UPDATE workflow_versions SET definition = 'unreadable' WHERE workflow_id = $1")
        .bind(item.workflow_id.as_str())
        .execute(&db.write)
        .await
        .unwrap();

    let berlin = WorkingHours::office(FixedOffset::east_opt(3600).unwrap());
    assert!(crate::service::inbox::save_working_hours(&db, &berlin)
        .await
        .is_err());
    assert_eq!(
        unfired(db.clone()).await,
        before,
        "neither the hours nor the timers changed"
    );
}
