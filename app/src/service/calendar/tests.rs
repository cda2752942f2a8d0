//! The calendar on a real SQLite database with the real migrations.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};

use super::*;
use crate::db::testing;
use crate::domain::{Channel, EventKind, FieldValue, Schedule, WorkflowId};

/// Friday 4 December 2026, 10:00 UTC.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 10, 0, 0).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn hm(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

struct Team {
    t: testing::TestDb,
    sam: CurrentUser,
    tom: CurrentUser,
}

fn user(id: crate::domain::PersonId, name: &str, role: Role, zone: &str) -> CurrentUser {
    CurrentUser {
        id,
        name: name.into(),
        email: format!("{}@example.com", name.to_lowercase()),
        role,
        time_zone: zone.into(),
    }
}

async fn team() -> Team {
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

async fn post(
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
        move |id| NewItem {
            owner: Some(owner),
            schedule,
            channel,
            ..NewItem::titled(id, title)
        },
        now(),
    )
    .await
    .unwrap()
    .item
}

fn at(d: u32, h: u32, m: u32) -> Option<Schedule> {
    Some(Schedule {
        at: Utc.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap(),
        all_day: false,
    })
}

fn week_of(date: NaiveDate) -> CalendarQuery {
    CalendarQuery {
        view: Some(CalendarView::Week),
        date: Some(date),
        filter: CalendarFilter::default(),
    }
}

fn entries_on(page: &CalendarData, date: NaiveDate) -> Vec<&EntryView> {
    page.days
        .iter()
        .find(|d| d.date == date)
        .map(|d| d.entries.iter().collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn an_entry_late_in_the_evening_in_one_zone_is_on_the_next_day_in_another() {
    let team = team().await;
    // 23:30 on Monday 7 December in New York is 04:30 UTC on Tuesday.
    let item = post(
        &team,
        "Evening send",
        "content-production",
        Channel::Blog,
        at(8, 4, 30),
    )
    .await;
    let new_york = CurrentUser {
        time_zone: "America/New_York".into(),
        ..team.sam.clone()
    };
    let berlin = CurrentUser {
        time_zone: "Europe/Berlin".into(),
        ..team.sam.clone()
    };

    let seen = calendar(&team.t.db, &new_york, &week_of(day(7)), now())
        .await
        .unwrap();
    let monday = entries_on(&seen, day(7));
    assert_eq!(monday.len(), 1);
    assert_eq!((monday[0].id, monday[0].time), (item.id, hm(23, 30)));
    assert!(entries_on(&seen, day(8)).is_empty());
    assert_eq!(seen.time_zone, "America/New_York");

    let seen = calendar(&team.t.db, &berlin, &week_of(day(7)), now())
        .await
        .unwrap();
    assert!(entries_on(&seen, day(7)).is_empty());
    let tuesday = entries_on(&seen, day(8));
    assert_eq!((tuesday[0].id, tuesday[0].time), (item.id, hm(5, 30)));
    assert_eq!(seen.days[1].label, "Tuesday 8 December 2026");
}

#[tokio::test]
async fn a_month_shows_whole_weeks_marks_today_and_an_unreadable_zone_counts_as_utc() {
    let team = team().await;
    let odd = CurrentUser {
        time_zone: "Mars/Olympus".into(),
        ..team.sam.clone()
    };
    let page = calendar(&team.t.db, &odd, &CalendarQuery::default(), now())
        .await
        .unwrap();
    assert_eq!(
        (page.view, page.anchor, page.today),
        (CalendarView::Month, day(4), day(4))
    );
    assert_eq!(page.title, "December 2026");
    assert_eq!(page.days.len(), 35);
    assert_eq!(
        page.days
            .iter()
            .filter(|d| d.today)
            .map(|d| d.date)
            .collect::<Vec<_>>(),
        [day(4)]
    );
    assert!(!page.days[0].in_period, "30 November is outside December");
    assert!(page.days.iter().filter(|d| d.past).all(|d| d.date < day(4)));
    assert_eq!(page.time_zone, "UTC");
    assert_eq!(
        (page.previous, page.next),
        (
            day(1) - TimeDelta::days(30),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        )
    );
}

#[tokio::test]
async fn filters_narrow_the_entries_and_the_tray_but_not_the_warnings() {
    let team = team().await;
    let blog = post(
        &team,
        "Blog post",
        "content-production",
        Channel::Blog,
        at(9, 9, 0),
    )
    .await;
    let email = post(
        &team,
        "Newsletter",
        "email-campaign",
        Channel::Email,
        at(9, 11, 0),
    )
    .await;
    let loose = post(&team, "Some day", "content-production", Channel::Blog, None).await;
    let loose_email = post(&team, "Some send", "email-campaign", Channel::Email, None).await;

    let everything = calendar(&team.t.db, &team.sam, &week_of(day(9)), now())
        .await
        .unwrap();
    let ids: Vec<_> = entries_on(&everything, day(9))
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, [blog.id, email.id], "in time order");
    let tray: Vec<_> = everything.unscheduled.iter().map(|e| e.id).collect();
    assert!(tray.contains(&loose.id) && tray.contains(&loose_email.id));

    let mut query = week_of(day(9));
    query.filter.channel = Some(Channel::Email);
    let emails = calendar(&team.t.db, &team.sam, &query, now())
        .await
        .unwrap();
    let ids: Vec<_> = entries_on(&emails, day(9)).iter().map(|e| e.id).collect();
    assert_eq!(ids, [email.id]);
    assert_eq!(
        emails.unscheduled.iter().map(|e| e.id).collect::<Vec<_>>(),
        [loose_email.id]
    );
    assert_eq!(emails.warnings, everything.warnings);

    query.filter = CalendarFilter {
        workflow: Some(WorkflowId::new("content-production")),
        owner: Some(team.sam.id),
        ..CalendarFilter::default()
    };
    let mine = calendar(&team.t.db, &team.sam, &query, now())
        .await
        .unwrap();
    assert_eq!(
        entries_on(&mine, day(9))
            .iter()
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        [blog.id]
    );
}

#[tokio::test]
async fn entries_show_owner_workflow_and_a_status_that_flags_work_not_ready_in_time() {
    let team = team().await;
    // Created in Brief and going out tomorrow: at risk.
    post(
        &team,
        "Rushed post",
        "content-production",
        Channel::Blog,
        at(5, 9, 0),
    )
    .await;
    let page = calendar(&team.t.db, &team.sam, &week_of(day(5)), now())
        .await
        .unwrap();
    let entry = entries_on(&page, day(5))[0];
    assert_eq!(entry.owner.as_ref().map(|o| o.name.as_str()), Some("Sam"));
    assert_eq!(entry.workflow, "Content production");
    assert_eq!(entry.status, "Brief");
    assert_eq!(
        entry.risk.as_deref(),
        Some("goes out tomorrow, still in Brief")
    );
    assert_eq!(entry.channel, Channel::Blog);
}

#[tokio::test]
async fn close_sends_to_one_segment_and_crowded_platform_days_are_warned_about() {
    let team = team().await;
    for (title, d) in [("Invite", 8), ("Reminder", 10)] {
        let item = post(&team, title, "email-campaign", Channel::Email, at(d, 9, 0)).await;
        let values = [(
            "segment".into(),
            Some(FieldValue::Segment("Trial users".into())),
        )]
        .into();
        crate::service::items::apply(
            &team.t.db,
            team.sam.id,
            item.id,
            item.version,
            &Operation::EditFields { values },
            now(),
        )
        .await
        .unwrap();
    }
    for n in 0..4 {
        post(
            &team,
            &format!("Story {n}"),
            "social-publishing",
            Channel::Instagram,
            at(9, 8 + n, 0),
        )
        .await;
    }
    let page = calendar(&team.t.db, &team.sam, &week_of(day(7)), now())
        .await
        .unwrap();
    let messages: Vec<&str> = page.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        messages.contains(&"Over-contact: “Trial users” gets two emails 2 days apart (Invite on 8 Dec, Reminder on 10 Dec)"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"4 Instagram posts on Wednesday 9 December 2026 (more than 3)"),
        "{messages:?}"
    );
    let wednesday = page.days.iter().find(|d| d.date == day(9)).unwrap();
    assert_eq!(wednesday.warnings.len(), 1);

    // A stricter rule set by an admin changes what is flagged.
    save_rules(
        &team.t.db,
        PlanningRules {
            over_contact_days: 1,
            max_posts_per_platform_day: 4,
        },
    )
    .await
    .unwrap();
    let page = calendar(&team.t.db, &team.sam, &week_of(day(7)), now())
        .await
        .unwrap();
    assert!(page.warnings.iter().all(|w| !matches!(
        w.kind,
        crate::domain::calendar::WarningKind::OverContact { .. }
            | crate::domain::calendar::WarningKind::TooManyPosts { .. }
    )));
    let refused = save_rules(
        &team.t.db,
        PlanningRules {
            over_contact_days: 0,
            max_posts_per_platform_day: 4,
        },
    )
    .await;
    assert!(
        matches!(refused, Err(AppError::Validation { ref field, .. }) if field == "over_contact_days")
    );
}

#[tokio::test]
async fn a_quiet_channel_is_one_in_use_with_nothing_in_the_coming_week() {
    let team = team().await;
    post(
        &team,
        "Later post",
        "content-production",
        Channel::Blog,
        at(20, 9, 0),
    )
    .await;
    post(
        &team,
        "Soon send",
        "email-campaign",
        Channel::Email,
        at(6, 9, 0),
    )
    .await;
    let page = calendar(&team.t.db, &team.sam, &CalendarQuery::default(), now())
        .await
        .unwrap();
    let quiet: Vec<&str> = page
        .warnings
        .iter()
        .filter(|w| w.date.is_none())
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(quiet, ["Nothing planned for Blog in the next 7 days"]);
}

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
        move |id| NewItem {
            owner: Some(owner),
            campaign: Some(campaign),
            schedule: at(8, 9, 0),
            ..NewItem::titled(id, "Sale post")
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

#[tokio::test]
async fn finished_items_stay_out_of_the_tray() {
    let team = team().await;
    let open = post(
        &team,
        "Open idea",
        "content-production",
        Channel::Blog,
        None,
    )
    .await;
    let mut done = post(
        &team,
        "Finished idea",
        "content-production",
        Channel::Blog,
        None,
    )
    .await;
    let mut conn = team.t.db.write.acquire().await.unwrap();
    done.stage = crate::domain::StageKey::new("scheduled");
    done.version += 1;
    assert!(db::items::update(&mut conn, &done, done.version - 1)
        .await
        .unwrap());
    drop(conn);
    let page = calendar(&team.t.db, &team.sam, &CalendarQuery::default(), now())
        .await
        .unwrap();
    let tray: Vec<_> = page.unscheduled.iter().map(|e| e.id).collect();
    assert_eq!(tray, [open.id]);
}

#[tokio::test]
async fn a_feed_opens_only_with_its_current_token_and_holds_every_scheduled_entry() {
    let team = team().await;
    post(
        &team,
        "Launch, part 1; intro",
        "content-production",
        Channel::Blog,
        at(8, 9, 0),
    )
    .await;
    post(
        &team,
        "No date yet",
        "content-production",
        Channel::Blog,
        None,
    )
    .await;
    let request = |token: &'static str| FeedRequest {
        token,
        filter: Box::leak(Box::new(CalendarFilter::default())),
        origin: "https://baton.example",
        host: "baton.example",
    };
    assert_eq!(
        ics_feed(&team.t.db, request("nothing"), now())
            .await
            .unwrap(),
        None
    );
    let first = renew_feed(&team.t.db, team.sam.id, now()).await.unwrap();
    let token: &'static str = Box::leak(
        first
            .path
            .trim_start_matches("/calendar.ics?token=")
            .to_string()
            .into_boxed_str(),
    );
    assert!(token.len() >= 43);
    let text = ics_feed(&team.t.db, request(token), now())
        .await
        .unwrap()
        .expect("a feed");
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
    assert!(text.contains("SUMMARY:Launch\\, part 1\\; intro\r\n"));
    assert!(text.contains("UID:item-1@baton.example\r\n"));
    assert!(feed_status(&team.t.db, team.sam.id)
        .await
        .unwrap()
        .last_used_at
        .is_some());

    renew_feed(&team.t.db, team.sam.id, now()).await.unwrap();
    assert_eq!(
        ics_feed(&team.t.db, request(token), now()).await.unwrap(),
        None,
        "regenerating ends the old address"
    );
    revoke_feed(&team.t.db, team.sam.id).await.unwrap();
    assert_eq!(
        feed_status(&team.t.db, team.sam.id)
            .await
            .unwrap()
            .created_at,
        None
    );
}
