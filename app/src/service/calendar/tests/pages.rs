//! A page of the calendar: days, placement in time zones, filters, the tray, warnings.

use chrono::NaiveDate;

use super::super::*;
use super::*;
use crate::domain::{Channel, FieldValue, WorkflowId};

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

    query.filter = ItemFilter {
        workflow: Some(WorkflowId::new("content-production")),
        owner: Some(team.sam.id),
        ..ItemFilter::default()
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
    let before = done.clone();
    done.stage = crate::domain::StageKey::new("scheduled");
    done.version += 1;
    assert!(db::items::update(&mut conn, &done, &before).await.unwrap());
    drop(conn);
    let page = calendar(&team.t.db, &team.sam, &CalendarQuery::default(), now())
        .await
        .unwrap();
    let tray: Vec<_> = page.unscheduled.iter().map(|e| e.id).collect();
    assert_eq!(tray, [open.id]);
}

#[tokio::test]
async fn the_calendar_counts_a_business_hours_sla_in_the_teams_week_as_the_board_does() {
    use crate::domain::filter::BoardFilter;
    use crate::domain::WorkingHours;
    use crate::views::board::SlaLevel;
    use chrono::{FixedOffset, NaiveTime, TimeZone, Utc};
    let team = team().await;
    // The team works every day around the clock, so the Brief's 24 business hours ran out
    // on Friday 06:00; an office week (Mon–Fri 9–17) would have used only 9 of them.
    let always = WorkingHours {
        offset: FixedOffset::east_opt(0).unwrap(),
        days: crate::domain::calendar::grid::WEEKDAYS.to_vec(),
        start: NaiveTime::MIN,
        end: NaiveTime::from_hms_opt(23, 59, 0).unwrap(),
    };
    crate::service::inbox::save_working_hours(&team.t.db, &always)
        .await
        .unwrap();
    let thursday_early = Utc.with_ymd_and_hms(2026, 12, 3, 6, 0, 0).unwrap();
    let item = crate::service::items::create(
        &team.t.db,
        team.sam.id,
        &WorkflowId::new("content-production"),
        NewItem {
            schedule: at(10, 9, 0),
            ..NewItem::titled("Pricing explainer")
        },
        thursday_early,
    )
    .await
    .unwrap()
    .item;

    let board = crate::service::board::board(
        &team.t.db,
        &team.sam,
        &WorkflowId::new("content-production"),
        &BoardFilter::default(),
        0,
        now(),
    )
    .await
    .unwrap();
    let card = board.columns[0]
        .cards
        .iter()
        .find(|c| c.id == item.id)
        .unwrap();
    assert_eq!(card.sla.as_ref().map(|s| s.level), Some(SlaLevel::Breached));

    let page = calendar(&team.t.db, &team.sam, &week_of(day(10)), now())
        .await
        .unwrap();
    let entry = entries_on(&page, day(10))
        .into_iter()
        .find(|e| e.id == item.id)
        .unwrap();
    assert_eq!(entry.status, "Brief — SLA breached");
}
