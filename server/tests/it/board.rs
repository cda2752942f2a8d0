//! The board's server functions and its live event stream, over real HTTP
//! against a server with the demo workspace.

use serde_json::{json, Value};

use crate::common::{call, no_redirects, read_until, signed_in, TestServer};

/// The content-production board as `client` sees it through `filter`.
async fn content_board(server: &TestServer, client: &reqwest::Client, filter: Value) -> Value {
    call(
        server,
        client,
        "get_board",
        json!({ "workflow": "content-production", "filter": filter }),
    )
    .await
}

fn brief_filled() -> Value {
    json!({ "op": "edit_fields", "values": {
        "topic": { "type": "text", "value": "Pricing" },
        "audience": { "type": "segment", "value": "Trial users" },
        "brief": { "type": "text", "value": "Explain the tiers" },
        "reviewer": { "type": "person", "value": 2 }
    } })
}

#[tokio::test]
async fn a_board_lists_its_columns_and_cards_and_pages_through_a_column() {
    let server = TestServer::start(&["--demo"]).await;
    let tom = signed_in(&server, "tom@northwind.example").await;
    let board = content_board(&server, &tom, json!({})).await;
    let names: Vec<&str> = board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
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
    assert_eq!(board["can_work"], false, "a viewer may look, not change");
    let review = &board["columns"][2];
    let first = &review["cards"][0];
    assert!(
        first["title"].is_string() && first["owner"]["initials"] == "PN",
        "{first}"
    );

    let page = call(
        &server,
        &tom,
        "board_column",
        json!({ "workflow": "content-production", "stage": "review", "filter": {}, "offset": 0 }),
    )
    .await;
    assert_eq!(page["matching"], review["matching"]);
    let card = call(
        &server,
        &tom,
        "board_card",
        json!({ "id": first["id"], "filter": {} }),
    )
    .await;
    assert_eq!(card["card"]["title"], first["title"]);
    let by_owner = content_board(&server, &tom, json!({ "owner": 2 })).await;
    assert!(
        by_owner["columns"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["cards"].as_array().unwrap().is_empty()),
        "Dana owns no content items"
    );

    let boards = call(&server, &tom, "list_boards", json!({})).await;
    assert_eq!(boards.as_array().unwrap().len(), 8);
    let directory = call(&server, &tom, "board_directory", json!({})).await;
    assert_eq!(directory["people"].as_array().unwrap().len(), 8);
}

#[tokio::test]
async fn a_move_is_refused_with_its_reasons_then_allowed_and_a_stale_one_conflicts() {
    let server = TestServer::start(&["--demo"]).await;
    let priya = signed_in(&server, "priya@northwind.example").await;
    let id = call(
        &server,
        &priya,
        "create_card",
        json!({ "workflow": "content-production", "card": { "title": "Pricing explained" } }),
    )
    .await;

    let refused = call(
        &server,
        &priya,
        "move_card",
        json!({ "id": id, "version": 1, "stage": "draft" }),
    )
    .await;
    assert_eq!(refused["outcome"], "refused");
    let blockers = refused["blockers"].as_array().unwrap();
    assert!(blockers.iter().any(|b| b["message"] == "Required: Topic"
        && b["fix"]["href"] == format!("/items/{id}#field-topic")));
    assert!(blockers
        .iter()
        .any(|b| b["details"][0] == "Goal and audience agreed with the requester"));

    let ops = json!({ "id": id, "version": 1, "operations": [brief_filled(), { "op": "tick", "line": "goal-agreed" }] });
    let item = call(&server, &priya, "apply_operations", ops).await;
    let version = item["version"].as_u64().unwrap();
    let moved = call(
        &server,
        &priya,
        "move_card",
        json!({ "id": id, "version": version, "stage": "draft" }),
    )
    .await;
    assert_eq!(moved["outcome"], "moved", "{moved}");
    assert_eq!(moved["card"]["stage"], "draft");

    let stale = call(
        &server,
        &priya,
        "move_card",
        json!({ "id": id, "version": version, "stage": "brief" }),
    )
    .await;
    assert_eq!(stale["outcome"], "conflict");
    assert_eq!(
        stale["card"]["stage"], "draft",
        "the conflict sends the card as it is now"
    );

    let tom = signed_in(&server, "tom@northwind.example").await;
    let response = server
        .call_json(
            &tom,
            "move_card",
            &json!({ "id": id, "version": version + 1, "stage": "brief" }),
        )
        .await;
    assert_eq!(response.status().as_u16(), 403, "viewers cannot move cards");
}

/// Reads the event stream until `needle` shows up, or gives up after a few seconds.
#[tokio::test]
async fn open_boards_hear_of_every_change_to_their_workflow() {
    let server = TestServer::start(&["--demo"]).await;
    let anonymous = no_redirects()
        .get(server.url("/api/events?workflow=content-production"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);

    let priya = signed_in(&server, "priya@northwind.example").await;
    let mut stream = priya
        .get(server.url("/api/events?workflow=content-production"))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status().as_u16(), 200);
    read_until(&mut stream, "event: hello").await;

    call(
        &server,
        &priya,
        "create_card",
        json!({ "workflow": "seo", "card": { "title": "Another board" } }),
    )
    .await;
    let id = call(
        &server,
        &priya,
        "create_card",
        json!({ "workflow": "content-production", "card": { "title": "Live one" } }),
    )
    .await;
    let seen = read_until(&mut stream, &format!("\"item\":{id}")).await;
    assert!(
        seen.contains("event: item") && !seen.contains("\"workflow\":\"seo\""),
        "{seen}"
    );
}

#[tokio::test]
async fn a_change_to_the_team_shows_at_once_though_the_directory_is_kept_in_memory() {
    let server = TestServer::start(&["--demo"]).await;
    let maya = signed_in(&server, "maya@northwind.example").await;
    let tom = signed_in(&server, "tom@northwind.example").await;
    let person = |directory: &Value, email_name: &str| -> Value {
        directory["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"].as_str().unwrap().starts_with(email_name))
            .cloned()
            .unwrap_or_else(|| panic!("{email_name} not in {directory}"))
    };
    // Read once, so the directory is in memory before the changes.
    let before = call(&server, &maya, "board_directory", json!({})).await;
    let tom_tag = person(&before, "Tom");
    assert_eq!(tom_tag["role"], "viewer");

    // Maya makes Tom a member: his card moves go through straight away, as him.
    let tom_id = tom_tag["id"].to_string();
    let changed = server
        .call_form(
            &maya,
            "change_role",
            &[("person", &tom_id), ("role", "member")],
        )
        .await;
    assert!(changed.status().is_success());
    assert_eq!(
        person(
            &call(&server, &maya, "board_directory", json!({})).await,
            "Tom"
        )["role"],
        "member"
    );
    let board = content_board(&server, &tom, json!({})).await;
    let card = &board["columns"][5]["cards"][0];
    let moved = call(
        &server,
        &tom,
        "move_card",
        json!({ "id": card["id"], "version": card["version"], "stage": "seo-technical" }),
    )
    .await;
    assert_eq!(moved["outcome"], "moved", "{moved}");

    // Tom renames himself: the next card and picker show the new name.
    let renamed = server
        .call_form(
            &tom,
            "update_profile",
            &[("name", "Thomas Brandt"), ("time_zone", "Europe/Berlin")],
        )
        .await;
    assert!(renamed.status().is_success());
    let after = call(&server, &maya, "board_directory", json!({})).await;
    assert_eq!(person(&after, "Thomas")["id"], tom_tag["id"]);
}
