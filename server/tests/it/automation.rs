//! Inbound hooks over real HTTP: a result posted to a hook's secret address is recorded on
//! the item; an unknown address is 404 and a body that is not what the hook takes is 400,
//! and neither records anything; a signed hook refuses an unsigned or tampered request.

use serde_json::{json, Value};

use crate::common::{call, signed_in, TestServer};

async fn post(
    server: &TestServer,
    path: &str,
    body: &str,
    headers: &[(&str, String)],
) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(server.url(path))
        .header("content-type", "application/json")
        .body(body.to_owned());
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_hook_records_results_and_refuses_what_it_cannot_take() {
    let server = TestServer::start(&["--demo"]).await;
    let maya = signed_in(&server, "maya@northwind.example").await;
    let hook = call(
        &server,
        &maya,
        "create_hook",
        json!({ "name": "ESP", "workflow": null, "signed": false }),
    )
    .await;
    let path = hook["path"].as_str().unwrap().to_owned();
    assert!(path.starts_with("/hooks/"));

    let (status, answer) = post(
        &server,
        &path,
        r#"{"metric": "open_rate", "value": 9.5, "item": 1}"#,
        &[],
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let results = call(&server, &maya, "get_item_automation", json!({ "item": 1 })).await;
    assert_eq!(results["results"][0]["value"], "9.5 %");
    assert_eq!(results["results"][0]["by"], "hook “ESP”");

    let (status, answer) = post(
        &server,
        "/hooks/no-such-hook",
        r#"{"metric": "ctr", "value": 1, "item": 1}"#,
        &[],
    )
    .await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (404, Some("No such hook."))
    );
    let (status, answer) = post(
        &server,
        &path,
        r#"{"metric": "open_rate", "value": "lots", "item": 1}"#,
        &[],
    )
    .await;
    assert_eq!(status, 400, "{answer}");
    assert!(
        answer["error"]
            .as_str()
            .unwrap()
            .starts_with("The body must be JSON like"),
        "{answer}"
    );
    let (status, _) = post(
        &server,
        &path,
        r#"{"metric": "open_rate", "value": 3, "item": 999999}"#,
        &[],
    )
    .await;
    assert_eq!(status, 404, "an item that does not exist");
    let results = call(&server, &maya, "get_item_automation", json!({ "item": 1 })).await;
    assert_eq!(
        results["results"].as_array().unwrap().len(),
        1,
        "nothing else was recorded"
    );

    // A signed hook: only requests signed with its secret are taken.
    let signed = call(
        &server,
        &maya,
        "create_hook",
        json!({ "name": "Ads", "workflow": null, "signed": true }),
    )
    .await;
    let (path, secret) = (
        signed["path"].as_str().unwrap(),
        signed["signing_secret"].as_str().unwrap(),
    );
    let body = r#"{"metric": "ctr", "value": 0.4, "item": 1}"#;
    let now = chrono::Utc::now().timestamp();
    let signature = app::auth::signature::sign(secret, "msg_1", now, body.as_bytes()).unwrap();
    let headers = [
        ("webhook-id", "msg_1".to_owned()),
        ("webhook-timestamp", now.to_string()),
        ("webhook-signature", signature),
    ];
    assert_eq!(post(&server, path, body, &[]).await.0, 400, "unsigned");
    assert_eq!(
        post(&server, path, &body.replace("0.4", "4"), &headers)
            .await
            .0,
        400,
        "tampered"
    );
    assert_eq!(post(&server, path, body, &headers).await.0, 200, "signed");
}
