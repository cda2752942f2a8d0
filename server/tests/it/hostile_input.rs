//! What a hostile or broken client gets: requests that cannot be read, bodies that are too
//! big and text that is too long are answered 4xx with a plain sentence; nothing is stored,
//! and nothing answers 5xx (a 5xx means Baton is broken).

use serde_json::{json, Value};

use crate::common::{signed_in, TestServer};

async fn raw(
    server: &TestServer,
    client: &reqwest::Client,
    endpoint: &str,
    content_type: &str,
    body: impl Into<reqwest::Body>,
) -> (u16, String) {
    let response = client
        .post(server.url(&format!("/api/{endpoint}")))
        .header("origin", &server.base)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

#[tokio::test]
async fn requests_that_cannot_be_read_get_400_in_plain_words() {
    let server = TestServer::start(&["--demo"]).await;
    let priya = signed_in(&server, "priya@northwind.example").await;
    let broken: [(&str, &str); 6] = [
        ("move_card", "{"),
        ("move_card", "[]"),
        ("move_card", "null"),
        (
            "move_card",
            r#"{"id": "one", "version": 1, "stage": "draft"}"#,
        ),
        (
            "apply_operation",
            r#"{"id": 1, "version": 1, "operation": {"op": "teleport"}}"#,
        ),
        ("get_board", r#"{"workflow": 7, "filter": {}}"#),
    ];
    for (endpoint, body) in broken {
        let (status, text) = raw(&server, &priya, endpoint, "application/json", body).await;
        assert_eq!(status, 400, "{endpoint} {body}: {text}");
        let error: Value = serde_json::from_str(&text).unwrap();
        let message = error["BadRequest"]["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with("The request could not be read"),
            "{endpoint} {body}: {text}"
        );
        for parser_words in [
            "EOF",
            "expected",
            "line 1",
            "invalid type",
            "unknown variant",
        ] {
            assert!(
                !text.contains(parser_words),
                "{endpoint} {body} leaks: {text}"
            );
        }
    }
    // A form post missing its arguments is unreadable too.
    let (status, text) = raw(
        &server,
        &priya,
        "create_item",
        "application/x-www-form-urlencoded",
        "title=No+workflow",
    )
    .await;
    assert_eq!(status, 400, "{text}");
}

#[tokio::test]
async fn a_body_over_a_megabyte_is_refused_with_413_before_it_is_read() {
    let server = TestServer::start(&["--demo"]).await;
    let priya = signed_in(&server, "priya@northwind.example").await;
    let huge = json!({ "workflow": "content-production", "card": { "title": "x".repeat(2 * 1024 * 1024) } });
    let (status, text) = raw(
        &server,
        &priya,
        "create_card",
        "application/json",
        huge.to_string(),
    )
    .await;
    assert_eq!(status, 413, "{text}");
    assert!(
        text.contains("more than Baton takes in one request"),
        "{text}"
    );
}

#[tokio::test]
async fn only_an_imports_upload_may_be_larger_than_a_megabyte() {
    let server = TestServer::start(&["--demo"]).await;
    let priya = signed_in(&server, "priya@northwind.example").await;
    // A 3 MB spreadsheet: over every other request's limit, within an upload's.
    let mut csv = String::from("title,stage\n");
    while csv.len() < 3 * 1024 * 1024 {
        csv.push_str(&format!("{},brief\n", "Launch post ".repeat(30)));
    }
    let upload = |text: String| json!({ "request": { "kind": "csv", "file_name": "big.csv", "text": text } });
    let (status, text) = raw(
        &server,
        &priya,
        "upload_import",
        "application/json",
        upload(csv.clone()).to_string(),
    )
    .await;
    assert_eq!(
        status, 422,
        "read, and refused for its rows in words: {text}"
    );
    assert!(
        text.contains("rows, and an import takes at most 5,000"),
        "{text}"
    );

    let few: String = csv.lines().take(4_000).collect::<Vec<_>>().join("\n");
    assert!(few.len() > 1024 * 1024);
    let (status, text) = raw(
        &server,
        &priya,
        "upload_import",
        "application/json",
        upload(few).to_string(),
    )
    .await;
    assert_eq!(status, 200, "{text}");
    assert!(text.contains(r#""kind":"csv""#), "{text}");

    let (status, text) = raw(
        &server,
        &priya,
        "discard_import",
        "application/json",
        // Just over the megabyte: a much larger body can break the client's pipe, as the
        // server answers 413 before reading it.
        format!("{{\"upload\": \"{}\"}}", "x".repeat(1024 * 1024 + 16)),
    )
    .await;
    assert_eq!(
        status, 413,
        "every other request keeps its megabyte: {text}"
    );
}

#[tokio::test]
async fn the_workspace_export_is_for_admins_and_never_answers_5xx() {
    let server = TestServer::start(&["--demo"]).await;
    let priya = signed_in(&server, "priya@northwind.example").await;
    let refused = priya
        .get(server.url("/exports/workspace.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    let maya = signed_in(&server, "maya@northwind.example").await;
    let answer = maya
        .get(server.url("/exports/workspace.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    assert_eq!(answer.headers()["content-type"], "application/json");
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["format"], "baton.workspace");
    assert!(body["items"].as_array().unwrap().len() > 100);
    let signed_out = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let status = signed_out
        .get(server.url("/exports/workspace.json"))
        .send()
        .await
        .unwrap()
        .status();
    assert!(
        status.is_redirection() || status.as_u16() == 401,
        "{status}"
    );
}

#[tokio::test]
async fn text_longer_than_baton_takes_is_refused_and_nothing_is_saved() {
    let server = TestServer::start(&["--demo"]).await;
    let priya = signed_in(&server, "priya@northwind.example").await;
    let long_title = "Launch ".repeat(100).trim_end().to_string(); // 699 characters, well under a megabyte
    let (status, text) = raw(
        &server,
        &priya,
        "create_card",
        "application/json",
        json!({ "workflow": "content-production", "card": { "title": long_title } }).to_string(),
    )
    .await;
    assert_eq!(status, 422, "{text}");
    assert!(
        text.contains("Title is too long: 699 characters, and the most is 200"),
        "{text}"
    );

    let board = |client: reqwest::Client| {
        let server = &server;
        async move {
            let (_, text) = raw(
                server,
                &client,
                "get_board",
                "application/json",
                json!({ "workflow": "content-production", "filter": { "text": "Launch Launch" } })
                    .to_string(),
            )
            .await;
            text
        }
    };
    let found: Value = serde_json::from_str(&board(priya.clone()).await).unwrap();
    let matching: u64 = found["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["matching"].as_u64().unwrap())
        .sum();
    assert_eq!(matching, 0, "nothing was stored");

    let (_, detail) = raw(
        &server,
        &priya,
        "get_item",
        "application/x-www-form-urlencoded",
        "id=1",
    )
    .await;
    let detail: Value = serde_json::from_str(&detail).unwrap();
    let version = detail["item"]["version"].as_u64().unwrap();
    let events = detail["events"].as_array().unwrap().len();
    let comment = "a".repeat(10_001);
    let (status, text) = raw(
        &server,
        &priya,
        "apply_operation",
        "application/json",
        json!({ "id": 1, "version": version, "operation": { "op": "comment", "text": comment } })
            .to_string(),
    )
    .await;
    assert_eq!(status, 422, "{text}");
    assert!(
        text.contains("The comment is too long: 10,001 characters"),
        "{text}"
    );
    let (_, after) = raw(
        &server,
        &priya,
        "get_item",
        "application/x-www-form-urlencoded",
        "id=1",
    )
    .await;
    let after: Value = serde_json::from_str(&after).unwrap();
    assert_eq!(
        after["events"].as_array().unwrap().len(),
        events,
        "no comment was recorded"
    );
}
