//! The calendar on a real SQLite database with the real migrations: a team,
//! items with dates, and what the tests look at.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};

use super::*;
use crate::db::testing;
use crate::domain::{Channel, Schedule, WorkflowId};

/// Friday 4 December 2026, 10:00 UTC.
pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 10, 0, 0).unwrap()
}

pub(super) fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

pub(super) fn hm(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

pub(super) struct Team {
    pub t: testing::TestDb,
    pub sam: CurrentUser,
    pub tom: CurrentUser,
}

pub(super) fn user(id: crate::domain::PersonId, name: &str, role: Role, zone: &str) -> CurrentUser {
    CurrentUser {
        id,
        name: name.into(),
        email: format!("{}@example.com", name.to_lowercase()),
        role,
        time_zone: zone.into(),
    }
}

pub(super) async fn team() -> Team {
    let t = testing::fresh().await;
    let mut conn = t.db.write.acquire().await.unwrap();
    db::workflows::install_builtins(&mut conn, now())
        .await
        .unwrap();
    let sam = db::people::insert(
        &mut conn,
        "Sam",
        "sam@example.com",
        Role::Member,
        &["Content"],
        now(),
    )
    .await
    .unwrap();
    let tom = db::people::insert(
        &mut conn,
        "Tom",
        "tom@example.com",
        Role::Viewer,
        &[],
        now(),
    )
    .await
    .unwrap();
    drop(conn);
    Team {
        t,
        sam: user(sam, "Sam", Role::Member, "UTC"),
        tom: user(tom, "Tom", Role::Viewer, "UTC"),
    }
}

pub(super) async fn post(
    team: &Team,
    title: &str,
    workflow: &str,
    channel: Channel,
    schedule: Option<Schedule>,
) -> Item {
    let owner = team.sam.id;
    crate::service::items::create(
        &team.t.db,
        owner,
        &WorkflowId::new(workflow),
        NewItem {
            owner: Some(owner),
            schedule,
            channel,
            ..NewItem::titled(title)
        },
        now(),
    )
    .await
    .unwrap()
    .item
}

pub(super) fn at(d: u32, h: u32, m: u32) -> Option<Schedule> {
    Some(Schedule {
        at: Utc.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap(),
        all_day: false,
    })
}

pub(super) fn week_of(date: NaiveDate) -> CalendarQuery {
    CalendarQuery {
        view: Some(CalendarView::Week),
        date: Some(date),
        filter: ItemFilter::default(),
    }
}

pub(super) fn entries_on(page: &CalendarData, date: NaiveDate) -> Vec<&EntryView> {
    page.days
        .iter()
        .find(|d| d.date == date)
        .map(|d| d.entries.iter().collect())
        .unwrap_or_default()
}

mod changes;
mod feeds;
mod pages;
