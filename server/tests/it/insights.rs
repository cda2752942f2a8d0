//! /insights over real HTTP against a server with the demo's six months of history: the
//! page's numbers, and the CSV downloads behind the session.

use serde_json::json;

use crate::common::{call, no_redirects, signed_in, TestServer};

#[tokio::test]
async fn insights_read_the_demo_history_and_download_as_csv_only_for_people_signed_in() {
    let server = TestServer::start(&["--demo"]).await;
    let tom = signed_in(&server, "tom@northwind.example").await;
    let view = call(
        &server,
        &tom,
        "get_insights",
        json!({ "query": { "workflow": "content-production", "weeks": 12, "compare": true } }),
    )
    .await;
    let cycle = &view["flow"][0];
    assert_eq!(cycle["key"], "cycle-time");
    assert!(
        cycle["summary"]
            .as_str()
            .unwrap()
            .starts_with("Half of the posts finish within"),
        "{}",
        cycle["summary"]
    );
    assert!(cycle["figure"]["marks"].as_array().unwrap().len() > 10);
    assert_eq!(view["comparison"]["key"], "comparison");

    let csv = "/insights/export/cycle-time?workflow=content-production&weeks=12";
    let refused = no_redirects().get(server.url(csv)).send().await.unwrap();
    assert!(
        refused.status().is_redirection(),
        "signed out: {}",
        refused.status()
    );
    let answer = tom.get(server.url(csv)).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["content-type"], "text/csv; charset=utf-8");
    let disposition = answer.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"baton-cycle-time-"),
        "{disposition}"
    );
    let text = answer.text().await.unwrap();
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("Item,Workflow,Finished,Cycle time (days)")
    );
    assert!(lines.filter(|l| !l.is_empty()).count() > 20, "{text}");

    let events = tom
        .get(server.url("/insights/export/events?workflow=all&weeks=4"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(events
        .starts_with("Item,Title,Workflow,When,Who,What,Stage,To stage,Field,From,To,Details\r\n"));
    assert!(events.lines().count() > 100);
    let missing = tom
        .get(server.url("/insights/export/no-such-chart"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let unknown = tom
        .get(server.url("/insights/export/cycle-time?workflow=nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}
