//! The content calendar over real HTTP against a server with the demo
//! workspace: its server functions, time zones, planning warnings, and the
//! subscription feed checked with an independent iCalendar parser.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike};
use serde_json::{json, Value};

use crate::common::{call, no_redirects, read_until, signed_in, TestServer};

async fn refused(
    server: &TestServer,
    client: &reqwest::Client,
    endpoint: &str,
    body: Value,
) -> (u16, String) {
    let response = server.call_json(client, endpoint, &body).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// Today as the calendar sees it for this person.
async fn today(server: &TestServer, client: &reqwest::Client) -> NaiveDate {
    let page = call(server, client, "get_calendar", json!({ "query": {} })).await;
    page["today"].as_str().unwrap().parse().unwrap()
}

async fn agenda(
    server: &TestServer,
    client: &reqwest::Client,
    from: NaiveDate,
    filter: Value,
) -> Value {
    call(
        server,
        client,
        "get_calendar",
        json!({ "query": { "view": "agenda", "date": iso(from), "filter": filter } }),
    )
    .await
}

/// The entries of one day of a calendar page.
fn on_day(page: &Value, day: NaiveDate) -> Vec<Value> {
    page["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == iso(day))
        .map(|d| d["entries"].as_array().unwrap().clone())
        .unwrap_or_default()
}

#[tokio::test]
async fn an_evening_in_new_york_is_the_next_day_for_someone_in_utc() {
    let server = TestServer::start(&["--demo"]).await;
    let sam = signed_in(&server, "sam@northwind.example").await;
    let moved = server
        .call_form(
            &sam,
            "update_profile",
            &[("name", "Sam Rivera"), ("time_zone", "America/New_York")],
        )
        .await;
    assert!(moved.status().is_success());
    let day = today(&server, &sam).await + TimeDelta::days(10);
    let created = call(
        &server,
        &sam,
        "create_calendar_item",
        json!({ "entry": { "workflow": "social-publishing", "title": "Late-night LinkedIn post", "channel": "linkedin", "date": iso(day), "time": "23:30:00" } }),
    )
    .await;
    let id = created["entry"]["id"].clone();

    let for_sam = agenda(&server, &sam, day, json!({})).await;
    assert_eq!(for_sam["time_zone"], "America/New_York");
    let entry = on_day(&for_sam, day)
        .into_iter()
        .find(|e| e["id"] == id)
        .expect("on Sam's day");
    assert_eq!(entry["time"], "23:30:00");
    assert_eq!(entry["owner"]["name"], "Sam Rivera");

    let maya = signed_in(&server, "maya@northwind.example").await;
    let for_maya = agenda(&server, &maya, day, json!({})).await;
    assert_eq!(for_maya["time_zone"], "UTC");
    assert!(on_day(&for_maya, day).iter().all(|e| e["id"] != id));
    let next = on_day(&for_maya, day + TimeDelta::days(1));
    let entry = next
        .iter()
        .find(|e| e["id"] == id)
        .expect("on the next day in UTC");
    // 04:30 UTC in winter, 03:30 in summer.
    assert!(
        ["03:30:00", "04:30:00"].contains(&entry["time"].as_str().unwrap()),
        "{entry}"
    );
}

/// Reads the event stream until `needle` shows up, or gives up after a few seconds.
#[tokio::test]
async fn a_reschedule_is_checked_recorded_and_heard_by_other_calendars() {
    let server = TestServer::start(&["--demo"]).await;
    let sam = signed_in(&server, "sam@northwind.example").await;
    let today = today(&server, &sam).await;
    // "Customer stories" (campaign 2) ends 30 days from the demo's start.
    let created = call(
        &server,
        &sam,
        "create_calendar_item",
        json!({ "entry": { "workflow": "content-production", "title": "Story: Alder", "channel": "blog", "campaign": 2, "date": iso(today + TimeDelta::days(3)) } }),
    )
    .await;
    let id = created["entry"]["id"].as_i64().unwrap();
    assert_eq!(created["entry"]["campaign"], "Customer stories");

    let dana = signed_in(&server, "dana@northwind.example").await;
    let mut stream = dana.get(server.url("/api/events")).send().await.unwrap();
    read_until(&mut stream, "event: hello").await;

    let moved = call(
        &server,
        &sam,
        "reschedule_item",
        json!({ "id": id, "version": 1, "date": iso(today + TimeDelta::days(5)), "time": null }),
    )
    .await;
    assert_eq!(moved["entry"]["date"], iso(today + TimeDelta::days(5)));
    assert_eq!(moved["warnings"], json!([]));
    read_until(&mut stream, &format!("\"item\":{id}")).await;

    let end = today + TimeDelta::days(30);
    let late = call(
        &server,
        &sam,
        "reschedule_item",
        json!({ "id": id, "version": 2, "date": iso(today + TimeDelta::days(35)), "time": "10:00:00" }),
    )
    .await;
    assert_eq!(
        late["warnings"],
        json!([format!(
            "After the campaign ends ({})",
            // The year is said only when the end falls in another year than today.
            if end.year() == today.year() {
                end.format("%-d %b").to_string()
            } else {
                end.format("%-d %b %Y").to_string()
            }
        )])
    );
    assert_eq!(late["entry"]["time"], "10:00:00");

    let yesterday = today - TimeDelta::days(1);
    let (status, text) = refused(
        &server,
        &sam,
        "reschedule_item",
        json!({ "id": id, "version": 3, "date": iso(yesterday), "time": null }),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        text.contains(&format!(
            "Can't schedule in the past: {} has gone by",
            yesterday.format("%-d %b %Y")
        )),
        "{text}"
    );
    let (status, _) = refused(
        &server,
        &sam,
        "reschedule_item",
        json!({ "id": id, "version": 1, "date": iso(today + TimeDelta::days(6)), "time": null }),
    )
    .await;
    assert_eq!(status, 409, "a stale entry conflicts");
    let tom = signed_in(&server, "tom@northwind.example").await;
    let (status, _) = refused(
        &server,
        &tom,
        "reschedule_item",
        json!({ "id": id, "version": 3, "date": iso(today + TimeDelta::days(6)), "time": null }),
    )
    .await;
    assert_eq!(status, 403, "viewers cannot reschedule");

    let detail = server
        .call_form(&tom, "get_item", &[("id", &id.to_string())])
        .await;
    let detail: Value = detail.json().await.unwrap();
    let changes = detail["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"]["type"] == "schedule_changed")
        .count();
    assert_eq!(changes, 2, "both moves are in the activity");
    assert_eq!(detail["item"]["version"], 3);
}

#[tokio::test]
async fn close_sends_to_one_segment_are_warned_about_by_the_rules_an_admin_sets() {
    let server = TestServer::start(&["--demo"]).await;
    let aisha = signed_in(&server, "aisha@northwind.example").await;
    let first = today(&server, &aisha).await + TimeDelta::days(20);
    for (n, title) in ["VIP preview", "VIP reminder"].iter().enumerate() {
        let created = call(
            &server,
            &aisha,
            "create_calendar_item",
            json!({ "entry": { "workflow": "email-campaign", "title": title, "channel": "email", "date": iso(first + TimeDelta::days(2 * n as i64)) } }),
        )
        .await;
        let segment = json!({ "op": "edit_fields", "values": { "segment": { "type": "segment", "value": "VIP customers" } } });
        call(
            &server,
            &aisha,
            "apply_operation",
            json!({ "id": created["entry"]["id"], "version": 1, "operation": segment }),
        )
        .await;
    }
    let over_contact = |page: &Value| {
        page["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["message"].as_str().unwrap().contains("“VIP customers”"))
            .map(|w| w["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let page = agenda(&server, &aisha, first, json!({})).await;
    assert_eq!(
        over_contact(&page),
        [format!(
            "Over-contact: “VIP customers” gets two emails 2 days apart (VIP preview on {}, VIP reminder on {})",
            first.format("%-d %b"),
            (first + TimeDelta::days(2)).format("%-d %b")
        )]
    );
    let day = &page["days"].as_array().unwrap()[2];
    assert_eq!(
        day["warnings"].as_array().unwrap().len(),
        1,
        "shown on the later send's day"
    );

    let rules = [
        ("over_contact_days", "1"),
        ("max_posts_per_platform_day", "3"),
    ];
    let response = server
        .call_form(&aisha, "save_planning_rules", &rules)
        .await;
    assert_eq!(
        response.status().as_u16(),
        403,
        "members cannot change the rules"
    );
    let maya = signed_in(&server, "maya@northwind.example").await;
    let bad = server
        .call_form(
            &maya,
            "save_planning_rules",
            &[
                ("over_contact_days", "0"),
                ("max_posts_per_platform_day", "3"),
            ],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    let saved = server.call_form(&maya, "save_planning_rules", &rules).await;
    assert!(saved.status().is_success());
    let page = agenda(&server, &aisha, first, json!({})).await;
    assert!(
        over_contact(&page).is_empty(),
        "two days apart is fine with a one-day rule"
    );
    assert_eq!(page["rules"]["over_contact_days"], 1);
}

#[tokio::test]
async fn a_calendar_page_with_a_date_it_cannot_read_shows_today() {
    let server = TestServer::start(&["--demo"]).await;
    let maya = signed_in(&server, "maya@northwind.example").await;
    let today = today(&server, &maya).await;
    for path in [
        "/calendar?date=2026-02-30",
        "/calendar?view=week&date=yesterday",
        "/calendar?view=year",
    ] {
        let response = maya.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let html = response.text().await.unwrap();
        let label = app::domain::calendar::full_date(today);
        assert!(
            html.contains(&format!("aria-label=\"{label}\"")),
            "{path}: today's cell is shown"
        );
    }
}

/// Every scheduled, active item of the database, by id.
async fn scheduled_items(
    server: &TestServer,
) -> Vec<(app::domain::Item, app::domain::WorkflowDefinition)> {
    let db = app::db::Db::open(app::db::connect_options(&server.database_url).unwrap())
        .await
        .unwrap();
    let mut conn = db.read.acquire().await.unwrap();
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM items WHERE archived_at IS NULL AND scheduled_at IS NOT NULL ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let mut found = Vec::new();
    for id in ids {
        let item = app::db::items::load(&mut conn, app::domain::ItemId(id))
            .await
            .unwrap()
            .unwrap();
        let def = db
            .definition(&mut conn, &item.workflow_id, item.workflow_version)
            .await
            .unwrap()
            .unwrap();
        found.push((item, def.as_ref().clone()));
    }
    drop(conn);
    db.close().await;
    found
}

async fn feed(url: &str) -> reqwest::Response {
    no_redirects().get(url).send().await.unwrap()
}

#[tokio::test]
async fn the_feed_is_valid_icalendar_with_one_event_per_scheduled_item() {
    let server = TestServer::start(&["--demo"]).await;
    let maya = signed_in(&server, "maya@northwind.example").await;
    let status: Value = server
        .call_form(&maya, "calendar_feed_status", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["created_at"], Value::Null, "off until turned on");
    let new: Value = server
        .call_form(&maya, "renew_calendar_feed", &[])
        .await
        .json()
        .await
        .unwrap();
    let path = new["path"].as_str().unwrap().to_string();
    assert!(
        path.starts_with("/calendar.ics?token=") && path.len() > 60,
        "{path}"
    );

    // Calendar apps have no session.
    let response = feed(&server.url(&path)).await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let text = response.text().await.unwrap();
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }

    let calendar: icalendar::Calendar = text.parse().expect("parses as iCalendar");
    assert_eq!(calendar.property_value("VERSION"), Some("2.0"));
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let stored = scheduled_items(&server).await;
    assert!(stored.len() > 20, "the demo schedules plenty");
    assert_eq!(events.len(), stored.len(), "one event per scheduled item");
    for (item, def) in &stored {
        let uid = format!("item-{}@127.0.0.1", item.id);
        let event = events
            .iter()
            .find(|e| e.get_uid() == Some(uid.as_str()))
            .unwrap_or_else(|| panic!("no event {uid}"));
        assert_eq!(event.get_summary(), Some(item.title.as_str()));
        let schedule = item.schedule.unwrap();
        match event.get_start() {
            Some(DatePerhapsTime::Date(day)) => {
                assert!(schedule.all_day, "{uid}");
                assert_eq!(day, schedule.at.date_naive());
            }
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at))) => {
                assert!(!schedule.all_day, "{uid}");
                assert_eq!(at.timestamp(), schedule.at.timestamp());
            }
            other => panic!("{uid}: start {other:?}"),
        }
        assert!(event.get_timestamp().is_some(), "{uid}: DTSTAMP");
        assert_eq!(event.get_sequence(), Some(item.version));
        assert_eq!(
            event.get_url(),
            Some(format!("{}/items/{}", server.base, item.id).as_str())
        );
        let channel = item.channel.label();
        assert_eq!(event.get_categories(), Some(vec![channel.to_string()]));
        let description = event.get_description().unwrap();
        let stage = &def.stage(&item.stage).unwrap().name;
        assert!(
            description.contains(&format!("Status: {stage}")),
            "{uid}: {description}"
        );
        assert!(
            description.contains(&format!("Channel: {channel}")),
            "{uid}: {description}"
        );
    }

    // Filters in the address narrow the feed.
    let emails = feed(&server.url(&format!("{path}&channel=email")))
        .await
        .text()
        .await
        .unwrap();
    let emails: icalendar::Calendar = emails.parse().unwrap();
    let expected = stored
        .iter()
        .filter(|(i, _)| i.channel == app::domain::Channel::Email)
        .count();
    assert!(expected > 0);
    assert_eq!(emails.components.len(), expected);

    let used: Value = server
        .call_form(&maya, "calendar_feed_status", &[])
        .await
        .json()
        .await
        .unwrap();
    let last_used: DateTime<Utc> = serde_json::from_value(used["last_used_at"].clone()).unwrap();
    assert!(Utc::now() - last_used < TimeDelta::minutes(1));
}

#[tokio::test]
async fn an_unknown_or_revoked_feed_address_gets_404_and_no_data() {
    let server = TestServer::start(&["--demo"]).await;
    let maya = signed_in(&server, "maya@northwind.example").await;
    for path in [
        "/calendar.ics",
        "/calendar.ics?token=",
        "/calendar.ics?token=not-a-real-token",
    ] {
        let response = feed(&server.url(path)).await;
        assert_eq!(response.status().as_u16(), 404, "{path}");
        assert!(!response.text().await.unwrap().contains("VCALENDAR"));
    }
    let first: Value = server
        .call_form(&maya, "renew_calendar_feed", &[])
        .await
        .json()
        .await
        .unwrap();
    let first = server.url(first["path"].as_str().unwrap());
    assert_eq!(feed(&first).await.status().as_u16(), 200);

    let second: Value = server
        .call_form(&maya, "renew_calendar_feed", &[])
        .await
        .json()
        .await
        .unwrap();
    let second = server.url(second["path"].as_str().unwrap());
    assert_ne!(first, second);
    assert_eq!(
        feed(&first).await.status().as_u16(),
        404,
        "regenerating ends the old address"
    );
    assert_eq!(feed(&second).await.status().as_u16(), 200);

    let revoked = server.call_form(&maya, "revoke_calendar_feed", &[]).await;
    assert!(revoked.status().is_success());
    let response = feed(&second).await;
    assert_eq!(response.status().as_u16(), 404);
    assert!(!response.text().await.unwrap().contains("VEVENT"));
}
