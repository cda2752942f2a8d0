//! Outbound webhooks on a real database with the real migrations, on a controlled clock.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::Value;

use super::*;
use crate::db;
use crate::domain::outbound::chat::{self, Flavor};
use crate::domain::outbound::retry::WAITS;
use crate::domain::{Operation, Role, WorkflowId};
use crate::service::testkit::{calendar, in_review, t0, team_with, Team};

fn input(url: &str, events: &[EventType]) -> EndpointInput {
    EndpointInput {
        url: url.into(),
        description: "CRM".into(),
        events: events.to_vec(),
        ..EndpointInput::default()
    }
}

async fn team() -> Team {
    team_with(crate::domain::ApprovalRule::Single, calendar(24)).await
}

async fn admin(team: &Team) -> PersonId {
    let mut conn = team.db().write.acquire().await.unwrap();
    let id = db::people::insert(&mut conn, "Ada", "ada@example.com", Role::Admin, &[], t0())
        .await
        .unwrap();
    drop(conn);
    team.db().team_changed();
    id
}

async fn endpoint(team: &Team, events: &[EventType]) -> EndpointSecret {
    create(
        team.db(),
        team.bo,
        &input("https://crm.example.com/in", events),
        false,
        t0(),
    )
    .await
    .unwrap()
}

fn ok(at: DateTime<Utc>) -> Tried {
    Tried {
        at,
        status: Some(204),
        error: None,
        duration_ms: 12,
        retry_after: None,
    }
}

fn failed(at: DateTime<Utc>, status: Option<u16>) -> Tried {
    Tried {
        at,
        status,
        error: Some("It answered badly.".into()),
        duration_ms: 30,
        retry_after: None,
    }
}

#[tokio::test]
async fn a_move_queues_a_signed_delivery_to_endpoints_that_receive_it_and_no_others() {
    let team = team().await;
    let moves = endpoint(&team, &[EventType::ItemStageChanged]).await;
    let created_only = endpoint(&team, &[EventType::ItemCreated]).await;
    let off = endpoint(&team, &[EventType::ItemStageChanged]).await;
    switch(team.db(), off.endpoint.id, false).await.unwrap();

    let item = in_review(&team, "Spring launch post", t0()).await;

    let due_now = due(team.db(), t0(), 50).await.unwrap();
    let to_moves: Vec<_> = due_now
        .iter()
        .filter(|o| o.url.ends_with("/in") && o.secrets == [moves.secret.clone()])
        .collect();
    assert_eq!(
        to_moves.len(),
        1,
        "one stage change, one delivery: {due_now:?}"
    );
    let body: Value = serde_json::from_str(&to_moves[0].body).unwrap();
    assert_eq!(body["type"], "item.stage_changed");
    assert_eq!(body["data"]["item"]["id"], item.id.0);
    assert_eq!(body["data"]["item"]["title"], "Spring launch post");
    assert_eq!(body["data"]["item"]["stage"], "review");
    assert_eq!(
        body["data"]["item"]["path"],
        format!("/items/{}", item.id.0)
    );
    assert_eq!(body["data"]["event"]["kind"]["type"], "moved_forward");
    assert!(to_moves[0].message_id.starts_with("msg_"));
    assert_eq!(to_moves[0].attempt, 1);

    let to_created: Vec<_> = due_now
        .iter()
        .filter(|o| o.secrets == [created_only.secret.clone()])
        .collect();
    assert_eq!(to_created.len(), 1);
    assert!(to_created[0].body.contains("\"item.created\""));
    assert!(
        due_now.iter().all(|o| o.secrets != [off.secret.clone()]),
        "a switched-off endpoint gets nothing"
    );
}

#[tokio::test]
async fn a_change_that_is_refused_queues_nothing() {
    let team = team().await;
    endpoint(
        &team,
        &[EventType::ItemStageChanged, EventType::ItemCreated],
    )
    .await;
    let item = in_review(&team, "Webinar invite", t0()).await;
    let before = due(team.db(), t0(), 50).await.unwrap().len();
    // Publishing without the approval is refused by the engine: no event, no delivery.
    let refused = crate::service::items::apply(
        team.db(),
        team.ann,
        item.id,
        item.version,
        &Operation::MoveTo {
            stage: "publish".into(),
            reason: None,
        },
        t0(),
    )
    .await;
    assert!(refused.is_err());
    assert_eq!(before, 2, "the item's creation and its move to review");
    assert!(
        due(team.db(), t0(), 50).await.unwrap().is_empty(),
        "nothing new is due"
    );
}

#[tokio::test]
async fn failures_are_retried_on_the_specifications_schedule_then_given_up() {
    let team = team().await;
    let e = endpoint(&team, &[EventType::ItemCreated]).await;
    send_test(team.db(), e.endpoint.id, team.bo, t0())
        .await
        .unwrap();

    let mut now = t0();
    for (n, wait) in WAITS.iter().enumerate() {
        let out = due(team.db(), now, 10).await.unwrap();
        assert_eq!(out.len(), 1, "attempt {} is due at {now}", n + 1);
        assert_eq!(out[0].attempt, n as u32 + 1);
        assert!(record(team.db(), &out[0], &failed(now, Some(503)), 0.0)
            .await
            .unwrap());
        // Nothing is due a second before the next attempt.
        let almost = now + *wait - TimeDelta::seconds(1);
        assert!(
            due(team.db(), almost, 10).await.unwrap().is_empty(),
            "attempt {} waits",
            n + 2
        );
        now += *wait;
    }
    let last = due(team.db(), now, 10).await.unwrap();
    assert_eq!(last[0].attempt, 8);
    record(team.db(), &last[0], &failed(now, None), 0.0)
        .await
        .unwrap();
    assert!(
        due(team.db(), now + TimeDelta::days(2), 10)
            .await
            .unwrap()
            .is_empty(),
        "eight attempts, no ninth"
    );

    let log = deliveries(team.db(), e.endpoint.id).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].state, "Failed");
    assert_eq!(log[0].event_type, TEST_EVENT);
    assert_eq!(log[0].attempts.len(), 8);
    assert_eq!(log[0].attempts[0].status, Some(503));
    assert_eq!(log[0].attempts[7].status, None);
    assert!(log[0].can_replay);
    // 27 hours of failures do not yet switch it off.
    assert!(list(team.db()).await.unwrap()[0].enabled);
}

#[tokio::test]
async fn an_attempt_recorded_twice_counts_once() {
    let team = team().await;
    let e = endpoint(&team, &[EventType::ItemCreated]).await;
    send_test(team.db(), e.endpoint.id, team.bo, t0())
        .await
        .unwrap();
    let out = due(team.db(), t0(), 10).await.unwrap().remove(0);
    assert!(record(team.db(), &out, &ok(t0()), 0.0).await.unwrap());
    assert!(!record(team.db(), &out, &ok(t0()), 0.0).await.unwrap());
    let log = deliveries(team.db(), e.endpoint.id).await.unwrap();
    assert_eq!(log[0].state, "Delivered");
    assert_eq!(log[0].attempts.len(), 1);
    assert!(!log[0].can_replay);
}

#[tokio::test]
async fn gone_switches_the_endpoint_off_drops_what_waits_and_tells_the_admins() {
    let team = team().await;
    let ada = admin(&team).await;
    let e = endpoint(&team, &[EventType::ItemCreated]).await;
    send_test(team.db(), e.endpoint.id, team.bo, t0())
        .await
        .unwrap();
    send_test(team.db(), e.endpoint.id, team.bo, t0())
        .await
        .unwrap();
    let out = due(team.db(), t0(), 1).await.unwrap().remove(0);
    record(team.db(), &out, &failed(t0(), Some(410)), 0.0)
        .await
        .unwrap();

    let view = &list(team.db()).await.unwrap()[0];
    assert!(!view.enabled);
    assert_eq!(
        view.disabled_reason.as_deref(),
        Some("It answered 410 Gone: the receiver asked for no more.")
    );
    let log = deliveries(team.db(), e.endpoint.id).await.unwrap();
    let states: Vec<&str> = log.iter().map(|d| d.state.as_str()).collect();
    assert_eq!(states, ["Not sent", "Failed"]);
    assert!(due(team.db(), t0() + TimeDelta::hours(1), 10)
        .await
        .unwrap()
        .is_empty());
    let mut conn = team.db().read.acquire().await.unwrap();
    assert_eq!(
        db::notifications::unread_count(&mut conn, ada)
            .await
            .unwrap(),
        1
    );
    drop(conn);

    // Replaying needs it on again; then the same message goes out under the same id.
    let refused = replay(team.db(), log[1].id, t0()).await.unwrap_err();
    assert!(
        refused.to_string().contains("switch it on first"),
        "{refused}"
    );
    switch(team.db(), e.endpoint.id, true).await.unwrap();
    replay(team.db(), log[1].id, t0()).await.unwrap();
    let again = due(team.db(), t0(), 10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].message_id, log[1].message_id);
    assert_eq!(again[0].attempt, 1);
}

#[tokio::test]
async fn three_days_of_failures_switch_an_endpoint_off_and_a_success_resets_the_count() {
    let team = team().await;
    admin(&team).await;
    let e = endpoint(&team, &[EventType::ItemCreated]).await;
    let fail_at = |at: DateTime<Utc>| {
        let db = team.db().clone();
        let id = e.endpoint.id;
        async move {
            send_test(&db, id, PersonId(2), at).await.unwrap();
            let out = due(&db, at, 10).await.unwrap().remove(0);
            record(&db, &out, &failed(at, Some(500)), 0.0)
                .await
                .unwrap();
        }
    };
    fail_at(t0()).await;
    fail_at(t0() + TimeDelta::days(2)).await;
    assert!(list(team.db()).await.unwrap()[0].enabled);
    assert!(list(team.db()).await.unwrap()[0]
        .health
        .as_deref()
        .unwrap()
        .starts_with("Failing since"));
    fail_at(t0() + TimeDelta::days(3)).await;
    let view = &list(team.db()).await.unwrap()[0];
    assert!(!view.enabled);
    assert_eq!(
        view.disabled_reason.as_deref(),
        Some("Its deliveries failed for three days.")
    );

    // Switched on again it starts counting afresh, and a delivery clears the failures.
    switch(team.db(), e.endpoint.id, true).await.unwrap();
    let later = t0() + TimeDelta::days(4);
    send_test(team.db(), e.endpoint.id, team.bo, later)
        .await
        .unwrap();
    let out = due(team.db(), later, 10).await.unwrap().remove(0);
    record(team.db(), &out, &ok(later), 0.0).await.unwrap();
    assert_eq!(list(team.db()).await.unwrap()[0].health, None);
}

#[tokio::test]
async fn a_rotated_secret_signs_beside_the_new_one_for_a_day() {
    let team = team().await;
    let e = endpoint(&team, &[EventType::ItemCreated]).await;
    let rotated = rotate(team.db(), e.endpoint.id, t0()).await.unwrap();
    assert_ne!(rotated.secret, e.secret);
    assert!(rotated.secret.starts_with("whsec_"));
    send_test(team.db(), e.endpoint.id, team.bo, t0())
        .await
        .unwrap();
    let out = due(team.db(), t0() + TimeDelta::hours(23), 10)
        .await
        .unwrap();
    assert_eq!(out[0].secrets, [rotated.secret.clone(), e.secret.clone()]);
    let out = due(team.db(), t0() + TimeDelta::hours(24), 10)
        .await
        .unwrap();
    assert_eq!(out[0].secrets, std::slice::from_ref(&rotated.secret));
}

#[tokio::test]
async fn bad_endpoints_are_refused_in_words_and_nothing_is_saved() {
    let team = team().await;
    for (url, events, field) in [
        (
            "http://127.0.0.1:9000/hook",
            vec![EventType::ItemCreated],
            "url",
        ),
        (
            "ftp://crm.example.com/",
            vec![EventType::ItemCreated],
            "url",
        ),
        ("https://crm.example.com/", vec![], "events"),
    ] {
        let err = create(team.db(), team.bo, &input(url, &events), false, t0())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, AppError::Validation { field: f, .. } if f == field),
            "{url}: {err:?}"
        );
    }
    let long = EndpointInput {
        description: "x".repeat(DESCRIPTION + 1),
        ..input("https://crm.example.com/", &[EventType::ItemCreated])
    };
    let err = create(team.db(), team.bo, &long, false, t0())
        .await
        .unwrap_err();
    assert!(
        err.to_string().starts_with("The description is too long"),
        "{err}"
    );
    assert!(list(team.db()).await.unwrap().is_empty());
    // A server set up to allow private receivers takes loopback.
    assert!(create(
        team.db(),
        team.bo,
        &input("http://127.0.0.1:9000/hook", &[EventType::ItemCreated]),
        true,
        t0()
    )
    .await
    .is_ok());
}

#[tokio::test]
async fn a_removed_endpoint_sends_nothing_more_and_rules_no_longer_offer_it() {
    let team = team().await;
    let e = endpoint(&team, &[EventType::ItemCreated]).await;
    let mut conn = team.db().read.acquire().await.unwrap();
    assert_eq!(
        names(&mut conn)
            .await
            .unwrap()
            .get(&e.endpoint.id)
            .map(String::as_str),
        Some("CRM")
    );
    drop(conn);
    send_test(team.db(), e.endpoint.id, team.bo, t0())
        .await
        .unwrap();
    remove(team.db(), e.endpoint.id, t0()).await.unwrap();
    assert!(due(team.db(), t0(), 10).await.unwrap().is_empty());
    assert!(list(team.db()).await.unwrap().is_empty());
    let mut conn = team.db().read.acquire().await.unwrap();
    assert!(names(&mut conn).await.unwrap().is_empty());
    drop(conn);
    assert!(matches!(
        remove(team.db(), e.endpoint.id, t0()).await,
        Err(AppError::NotFound { .. })
    ));
}

fn chat(url: &str, workflow: Option<&str>) -> EndpointInput {
    EndpointInput {
        flavor: Flavor::Chat,
        workflow: workflow.map(WorkflowId::from),
        ..input(url, &[EventType::ItemCreated, EventType::ItemStageChanged])
    }
}

#[tokio::test]
async fn an_endpoint_limited_to_a_workflow_gets_only_its_items() {
    let team = team().await;
    let only_review = create(
        team.db(),
        team.bo,
        &chat("https://chat.example.com/review", Some("review-flow")),
        false,
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(
        only_review
            .endpoint
            .workflow
            .as_ref()
            .map(|(_, name)| name.as_str()),
        Some("Review flow")
    );
    let elsewhere = create(
        team.db(),
        team.bo,
        &chat("https://chat.example.com/other", Some("content-production")),
        false,
        t0(),
    )
    .await;
    // The built-ins aren't installed in this workspace: limiting to one is refused.
    assert!(
        matches!(&elsewhere, Err(AppError::Validation { field, .. }) if field == "workflow"),
        "{elsewhere:?}"
    );
    // Everyone sees the channel's name and what it gets, never its address.
    let seen = chat_channels(team.db()).await.unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].name, "CRM");
    assert_eq!(seen[0].workflow.as_deref(), Some("Review flow"));
    assert!(!format!("{seen:?}").contains("chat.example.com"));
    in_review(&team, "Spring launch post", t0()).await;
    let due_now = due(team.db(), t0(), 50).await.unwrap();
    assert!(!due_now.is_empty());
    assert!(due_now.iter().all(|o| o.flavor == Flavor::Chat));
}

#[tokio::test]
async fn a_chat_channel_gets_one_message_a_second_and_waits_as_long_as_a_429_asks() {
    let team = team().await;
    let made = create(
        team.db(),
        team.bo,
        &chat("https://chat.example.com/in", None),
        false,
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(made.endpoint.flavor, Flavor::Chat);
    // Created, then moved: two messages, in order, one at a time.
    in_review(&team, "Spring launch post", t0()).await;
    let first = due(team.db(), t0(), 50).await.unwrap();
    assert_eq!(first.len(), 1, "one message at a time: {first:?}");
    assert!(first[0].body.contains("item.created"));
    record(team.db(), &first[0], &ok(t0()), 0.0).await.unwrap();
    assert!(
        due(team.db(), t0(), 50).await.unwrap().is_empty(),
        "not within the second"
    );
    let t1 = t0() + chat::SPACING;
    let second = due(team.db(), t1, 50).await.unwrap();
    assert_eq!(second.len(), 1);
    assert!(second[0].body.contains("item.stage_changed"));

    // "Too many requests, come back in 20 s": nothing goes to it before then.
    let busy = Tried {
        retry_after: Some("20".into()),
        ..failed(t1, Some(429))
    };
    record(team.db(), &second[0], &busy, 0.0).await.unwrap();
    assert!(due(team.db(), t1 + TimeDelta::seconds(19), 50)
        .await
        .unwrap()
        .is_empty());
    let again = due(team.db(), t1 + TimeDelta::seconds(20), 50)
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempt, 2);
}

/// Takes and posts what is due through `db` until nothing is left, as one server's sender
/// does (every receiver answers 204); returns the deliveries it posted.
async fn post_all(db: Db, now: DateTime<Utc>) -> Vec<i64> {
    let mut posted = Vec::new();
    loop {
        let taken = due(&db, now, 4).await.unwrap();
        if taken.is_empty() {
            return posted;
        }
        for out in taken {
            tokio::task::yield_now().await;
            assert!(record(&db, &out, &ok(now), 0.0).await.unwrap());
            posted.push(out.delivery);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_database_post_each_delivery_once() {
    // Several servers share a PostgreSQL database; an SQLite file belongs to one server,
    // whose senders take turns on its one write connection.
    if !<crate::db::Backend as crate::db::Dialect>::POSTGRES {
        return;
    }
    let team = team().await;
    let e = endpoint(&team, &[EventType::ItemCreated]).await;
    for n in 0..30 {
        send_test(
            team.db(),
            e.endpoint.id,
            team.bo,
            t0() + TimeDelta::seconds(n),
        )
        .await
        .unwrap();
    }
    let url = crate::db::testing::url_of(team.db()).await;
    let other = Db::open(crate::db::connect_options(&url).unwrap())
        .await
        .unwrap();
    let now = t0() + TimeDelta::minutes(1);
    let (a, b) = tokio::join!(
        tokio::spawn(post_all(team.db().clone(), now)),
        tokio::spawn(post_all(other.clone(), now))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let mut all: Vec<i64> = a.iter().chain(&b).copied().collect();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), a.len() + b.len(), "no delivery was posted twice");
    let log = deliveries(team.db(), e.endpoint.id).await.unwrap();
    assert_eq!(log.len(), 30);
    assert!(log
        .iter()
        .all(|d| d.state == "Delivered" && d.attempts.len() == 1));
    other.close().await;
}
