//! The inbox's server functions and its live stream, over real HTTP against a server with the
//! demo workspace (whose approvals have been waiting for days, past their SLA).

use serde_json::{json, Value};

use crate::common::{call_status, no_redirects, read_until, signed_in, TestServer};

/// Dana's inbox, as the page loads it.
async fn inbox(server: &TestServer, client: &reqwest::Client) -> Vec<Value> {
    let (status, view) = call_status(server, client, "get_inbox", json!({})).await;
    assert_eq!(status, 200, "{view}");
    view["rows"].as_array().unwrap().clone()
}

#[tokio::test]
async fn the_inbox_lists_what_waits_on_a_person_and_decisions_are_checked_on_the_server() {
    let server = TestServer::start(&["--demo"]).await;
    let dana = signed_in(&server, "dana@northwind.example").await;
    let rows = inbox(&server, &dana).await;
    assert!(!rows.is_empty(), "the demo has approvals waiting on Dana");
    let (_, counts) = call_status(&server, &dana, "get_inbox_counts", json!({})).await;
    assert_eq!(counts["waiting"].as_u64().unwrap() as usize, rows.len());

    // Most urgent first: deadlines never go backwards down the list.
    let deadlines: Vec<&str> = rows.iter().filter_map(|r| r["deadline"].as_str()).collect();
    let mut sorted = deadlines.clone();
    sorted.sort();
    assert_eq!(deadlines, sorted);

    let approval = rows
        .iter()
        .find(|r| r["can_decide"] == json!(true))
        .expect("an approval Dana can give");
    let (id, version) = (approval["item"].clone(), approval["version"].clone());
    let (status, refused) = call_status(
        &server,
        &dana,
        "decide",
        json!({ "id": id, "version": version, "decision": { "decision": "request_changes", "feedback": " " } }),
    )
    .await;
    assert_eq!(status, 422, "{refused}");
    assert!(
        refused.to_string().contains("feedback is required"),
        "{refused}"
    );

    // A member who is not the approver cannot approve it, whatever the UI shows.
    let priya = signed_in(&server, "priya@northwind.example").await;
    let (status, _) = call_status(
        &server,
        &priya,
        "decide",
        json!({ "id": id, "version": version, "decision": { "decision": "approve" } }),
    )
    .await;
    assert_eq!(status, 422);

    let (status, _) = call_status(
        &server,
        &dana,
        "decide",
        json!({ "id": id, "version": version, "decision": { "decision": "approve" } }),
    )
    .await;
    assert_eq!(status, 200);
    let (status, stale) = call_status(
        &server,
        &dana,
        "decide",
        json!({ "id": id, "version": version, "decision": { "decision": "approve" } }),
    )
    .await;
    assert_eq!(status, 409, "{stale}");
    assert!(!inbox(&server, &dana)
        .await
        .iter()
        .any(|r| r["item"] == id && r["reason"] == json!("approval")));
}

#[tokio::test]
async fn open_inboxes_hear_that_something_changed() {
    let server = TestServer::start(&["--demo"]).await;
    let anonymous = no_redirects()
        .get(server.url("/api/inbox-events"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);

    let dana = signed_in(&server, "dana@northwind.example").await;
    let mut stream = dana
        .get(server.url("/api/inbox-events"))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status().as_u16(), 200);
    read_until(&mut stream, "event: hello").await;

    let priya = signed_in(&server, "priya@northwind.example").await;
    let (status, _) = call_status(
        &server,
        &priya,
        "create_card",
        json!({ "workflow": "content-production", "card": { "title": "Something new" } }),
    )
    .await;
    assert_eq!(status, 200);
    read_until(&mut stream, "event: changed").await;
}

#[tokio::test]
async fn working_hours_are_checked_and_only_admins_change_them() {
    let server = TestServer::start(&["--demo"]).await;
    let maya = signed_in(&server, "maya@northwind.example").await;
    let bad = json!({ "hours": { "offset_minutes": 60, "days": [1, 2, 3, 4, 5], "start": "17:00", "end": "09:00" } });
    let (status, error) = call_status(&server, &maya, "save_working_hours", bad).await;
    assert_eq!(status, 422);
    assert!(
        error.to_string().contains("must end after it starts"),
        "{error}"
    );

    let good = json!({ "hours": { "offset_minutes": 60, "days": [1, 2, 3, 4], "start": "08:30", "end": "16:30" } });
    let (status, _) = call_status(&server, &maya, "save_working_hours", good).await;
    assert_eq!(status, 200);
    let dana = signed_in(&server, "dana@northwind.example").await;
    let (_, read) = call_status(&server, &dana, "get_working_hours", json!({})).await;
    assert_eq!(
        read,
        json!({ "offset_minutes": 60, "days": [1, 2, 3, 4], "start": "08:30", "end": "16:30" })
    );
}
