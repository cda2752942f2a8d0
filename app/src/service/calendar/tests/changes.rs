//! Moving an entry and starting an item on a day.

use chrono::{TimeZone, Utc};

use super::super::*;
use super::*;
use crate::domain::{Channel, EventKind, Schedule, WorkflowId};

async fn activity(team: &Team, item: ItemId) -> Vec<EventKind> {
    let mut conn = team.t.db.read.acquire().await.unwrap();
    db::events::for_item(&mut conn, item)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

#[tokio::test]
async fn a_reschedule_keeps_the_local_time_is_recorded_and_shows_in_the_viewers_zone() {
    let team = team().await;
    let item = post(
        &team,
        "Launch post",
        "content-production",
        Channel::Blog,
        at(8, 22, 30),
    )
    .await;
    let berlin = CurrentUser {
        time_zone: "Europe/Berlin".into(),
        ..team.sam.clone()
    };
    // Berlin sees 23:30 on the 8th; moving it to the 10th keeps 23:30 Berlin time.
    let (answer, saved) = reschedule(
        &team.t.db,
        &berlin,
        item.id,
        item.version,
        day(10),
        hm(23, 30),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(saved.schedule, at(10, 22, 30));
    assert_eq!(saved.version, item.version + 1);
    assert_eq!(
        (answer.entry.date, answer.entry.time),
        (Some(day(10)), hm(23, 30))
    );
    assert!(answer.warnings.is_empty());
    let events = activity(&team, item.id).await;
    assert!(matches!(
        events.last(),
        Some(EventKind::ScheduleChanged { from, to }) if *from == item.schedule && *to == saved.schedule
    ));

    // All day on the 11th.
    let (answer, saved) = reschedule(
        &team.t.db,
        &berlin,
        item.id,
        saved.version,
        day(11),
        None,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        saved.schedule,
        Some(Schedule {
            at: Utc.with_ymd_and_hms(2026, 12, 11, 0, 0, 0).unwrap(),
            all_day: true
        })
    );
    assert_eq!(
        (answer.entry.date, answer.entry.time),
        (Some(day(11)), None)
    );
}

#[tokio::test]
async fn a_date_gone_by_is_refused_with_the_reason_and_changes_nothing() {
    let team = team().await;
    let item = post(
        &team,
        "Launch post",
        "content-production",
        Channel::Blog,
        at(8, 9, 0),
    )
    .await;
    let refused = reschedule(
        &team.t.db,
        &team.sam,
        item.id,
        item.version,
        day(3),
        None,
        now(),
    )
    .await;
    assert_eq!(
        refused.unwrap_err(),
        AppError::validation("date", "Can't schedule in the past: 3 Dec 2026 has gone by")
    );
    let earlier_today = reschedule(
        &team.t.db,
        &team.sam,
        item.id,
        item.version,
        day(4),
        hm(9, 0),
        now(),
    )
    .await;
    assert!(earlier_today
        .unwrap_err()
        .to_string()
        .contains("09:00 today has gone by"));
    let mut conn = team.t.db.read.acquire().await.unwrap();
    let stored = db::items::load(&mut conn, item.id).await.unwrap().unwrap();
    assert_eq!(
        (stored.schedule, stored.version),
        (item.schedule, item.version)
    );
}

#[tokio::test]
async fn a_move_past_the_campaign_end_is_saved_with_a_warning() {
    let team = team().await;
    let mut conn = team.t.db.write.acquire().await.unwrap();
    let campaign =
        db::campaigns::insert(&mut conn, "Winter sale", Some(day(1)), Some(day(20)), now())
            .await
            .unwrap();
    drop(conn);
    let owner = team.sam.id;
    let item = crate::service::items::create(
        &team.t.db,
        owner,
        &WorkflowId::new("content-production"),
        NewItem {
            owner: Some(owner),
            campaign: Some(campaign),
            schedule: at(8, 9, 0),
            ..NewItem::titled("Sale post")
        },
        now(),
    )
    .await
    .unwrap()
    .item;
    let (answer, saved) = reschedule(
        &team.t.db,
        &team.sam,
        item.id,
        item.version,
        day(22),
        hm(9, 0),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(answer.warnings, ["After the campaign ends (20 Dec)"]);
    assert_eq!(answer.entry.campaign.as_deref(), Some("Winter sale"));
    assert_eq!(saved.schedule, at(22, 9, 0));
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_and_a_viewer_cannot_reschedule() {
    let team = team().await;
    let item = post(
        &team,
        "Launch post",
        "content-production",
        Channel::Blog,
        at(8, 9, 0),
    )
    .await;
    reschedule(
        &team.t.db,
        &team.sam,
        item.id,
        item.version,
        day(9),
        hm(9, 0),
        now(),
    )
    .await
    .unwrap();
    let stale = reschedule(
        &team.t.db,
        &team.sam,
        item.id,
        item.version,
        day(10),
        hm(9, 0),
        now(),
    )
    .await;
    assert!(matches!(stale, Err(AppError::Conflict { .. })), "{stale:?}");
    let viewer = reschedule(
        &team.t.db,
        &team.tom,
        item.id,
        item.version + 1,
        day(10),
        hm(9, 0),
        now(),
    )
    .await;
    assert!(
        matches!(&viewer, Err(AppError::InvalidMove { reasons }) if reasons[0].contains("Viewers can look")),
        "{viewer:?}"
    );
}

#[tokio::test]
async fn an_item_started_on_a_day_is_owned_by_its_maker_and_scheduled_there() {
    let team = team().await;
    let new = NewEntry {
        workflow: WorkflowId::new("email-campaign"),
        title: "  December newsletter ".into(),
        channel: Channel::Email,
        campaign: None,
        date: day(14),
        time: None,
    };
    let (answer, item) = create(&team.t.db, &team.sam, new.clone(), now())
        .await
        .unwrap();
    assert_eq!(item.title, "December newsletter");
    assert_eq!(item.owner, Some(team.sam.id));
    assert_eq!(
        item.schedule.map(|s| (s.at.date_naive(), s.all_day)),
        Some((day(14), true))
    );
    assert_eq!(answer.entry.date, Some(day(14)));
    let page = calendar(&team.t.db, &team.sam, &week_of(day(14)), now())
        .await
        .unwrap();
    assert_eq!(entries_on(&page, day(14))[0].id, item.id);

    let past = create(
        &team.t.db,
        &team.sam,
        NewEntry {
            date: day(1),
            ..new.clone()
        },
        now(),
    )
    .await;
    assert!(past
        .unwrap_err()
        .to_string()
        .starts_with("Can't schedule in the past"));
    let blank = create(
        &team.t.db,
        &team.sam,
        NewEntry {
            title: " ".into(),
            ..new
        },
        now(),
    )
    .await;
    assert!(matches!(blank, Err(AppError::Validation { ref field, .. }) if field == "title"));
}
