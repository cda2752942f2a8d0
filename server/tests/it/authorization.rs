//! Every server function × every role, through real HTTP against a real server
//! and database. The list of functions comes from what the app registers, so a
//! new server function without a row here fails this test.

use std::collections::BTreeMap;

use serde_json::json;

use crate::common::{client_with, no_redirects, TestServer, DEMO_PASSWORD};

/// The least a caller must be for a server function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Needs {
    Nobody,
    SignedIn,
    Worker,
    Manager,
    Admin,
}

/// How a call is made: its body, per caller (so calls don't collide).
enum Body {
    Form(fn(&str) -> Vec<(String, String)>),
    Json(fn(&str) -> serde_json::Value),
}

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A valid rule a caller saves, previews or tries.
fn matrix_rule(who: &str) -> serde_json::Value {
    use app::domain::automation::{Action, Conditions, Rule, RuleId, Scope, Trigger};
    let rule = Rule {
        id: RuleId(0),
        name: format!("Matrix rule by {who}"),
        scope: Scope::Workflow(app::domain::WorkflowId::new("content-production")),
        owner: app::domain::PersonId(1),
        enabled: false,
        version: 0,
        trigger: Trigger::EnteredStage { stage: None },
        conditions: Conditions::none(),
        actions: vec![Action::Comment {
            text: "Over to you".into(),
        }],
    };
    serde_json::to_value(rule).expect("a rule is JSON")
}

/// Calls that name something a call before may have used up (an archived rule, a stopped
/// hook) or a secret address that opens nothing: 404 is their right answer when allowed.
fn may_be_gone(endpoint: &str) -> bool {
    endpoint.contains("invite")
        || endpoint.contains("reset_")
        || endpoint.contains("unsubscribe")
        || endpoint.contains("public_intake")
        || endpoint == "archive_rule"
        || endpoint == "set_decision_status"
        || endpoint == "revoke_hook"
        || endpoint == "revoke_token"
        // An upload is its person's only: another's number is not there for anyone.
        || matches!(
            endpoint,
            "preview_trello" | "import_trello" | "preview_csv" | "import_csv" | "discard_import"
        )
        || matches!(
            endpoint,
            "remove_endpoint"
                | "rotate_endpoint_secret"
                | "send_test_event"
                | "switch_endpoint"
                | "update_endpoint"
                | "replay_delivery"
        )
}

/// A webhook endpoint as an admin would type it.
fn endpoint_input(who: &str) -> serde_json::Value {
    json!({
        "url": format!("https://hooks.example.com/baton/{who}"),
        "description": format!("CRM for {who}"),
        "events": ["item.created"],
    })
}

fn matrix() -> BTreeMap<&'static str, (Needs, Body)> {
    use Body::*;
    use Needs::*;
    let mut m: BTreeMap<&'static str, (Needs, Body)> = BTreeMap::new();
    m.insert("auth_status", (Nobody, Form(|_| vec![])));
    m.insert(
        "sign_in",
        (
            Nobody,
            Form(|who| {
                form(&[
                    ("email", &format!("nobody-{who}@example.com")),
                    ("password", "not it at all"),
                ])
            }),
        ),
    );
    m.insert("sign_out", (Nobody, Form(|_| vec![])));
    m.insert(
        "invite_details",
        (Nobody, Form(|_| form(&[("token", "no-such-invite")]))),
    );
    m.insert(
        "accept_invite",
        (
            Nobody,
            Form(|_| {
                form(&[
                    ("token", "no-such-invite"),
                    ("password", "correct horse battery staple"),
                ])
            }),
        ),
    );
    m.insert("get_workspace", (SignedIn, Form(|_| vec![])));
    m.insert(
        "update_profile",
        (
            SignedIn,
            Form(|who| form(&[("name", &format!("Renamed {who}")), ("time_zone", "UTC")])),
        ),
    );
    m.insert(
        "change_password",
        (
            SignedIn,
            Form(|_| {
                form(&[
                    ("current", "wrong password here"),
                    ("new_password", "correct horse battery staple"),
                ])
            }),
        ),
    );
    m.insert("list_people", (SignedIn, Form(|_| vec![])));
    m.insert(
        "invite_person",
        (
            Admin,
            Form(|who| {
                form(&[
                    ("email", &format!("new-{who}@example.com")),
                    ("name", "New Person"),
                    ("role", "member"),
                ])
            }),
        ),
    );
    m.insert(
        "change_role",
        (
            Admin,
            Form(|_| form(&[("person", "8"), ("role", "viewer")])),
        ),
    );
    m.insert("list_workflows", (SignedIn, Form(|_| vec![])));
    m.insert(
        "get_workflow",
        (SignedIn, Form(|_| form(&[("id", "content-production")]))),
    );
    m.insert(
        "copy_workflow",
        (
            Manager,
            Form(|who| {
                form(&[
                    ("from", "content-production"),
                    ("name", &format!("Copy by {who}")),
                ])
            }),
        ),
    );
    m.insert(
        "save_workflow",
        (
            Manager,
            Json(|_| json!({ "definition": app::domain::builtin_templates()[0] })),
        ),
    );
    m.insert("list_workflow_cards", (SignedIn, Form(|_| vec![])));
    m.insert(
        "get_design",
        (SignedIn, Form(|_| form(&[("id", "content-production")]))),
    );
    m.insert(
        "blank_design",
        (
            Manager,
            Form(|who| form(&[("name", &format!("Blank by {who}"))])),
        ),
    );
    m.insert(
        "save_design",
        (
            Manager,
            Json(|_| {
                json!({ "definition": app::domain::builtin_templates()[0], "base_version": 1, "pilot": null })
            }),
        ),
    );
    m.insert(
        "archive_workflow",
        (
            Manager,
            Form(|_| form(&[("id", "content-production"), ("archived", "false")])),
        ),
    );
    m.insert(
        "get_workflow_page",
        (SignedIn, Form(|_| form(&[("id", "content-production")]))),
    );
    m.insert(
        "version_diff",
        (
            SignedIn,
            Form(|_| form(&[("id", "content-production"), ("from", "1"), ("to", "1")])),
        ),
    );
    m.insert(
        "preview_migration",
        (
            Manager,
            Json(|_| json!({ "id": "content-production", "from": 1, "stage_map": {} })),
        ),
    );
    m.insert(
        "migrate_items",
        (
            Manager,
            Json(|_| json!({ "id": "content-production", "from": 1, "to": 1, "stage_map": {} })),
        ),
    );
    m.insert(
        "end_pilot",
        (
            Manager,
            Form(|_| {
                form(&[
                    ("id", "content-production"),
                    ("version", "1"),
                    ("promote", "false"),
                ])
            }),
        ),
    );
    m.insert("get_style_guide", (SignedIn, Form(|_| vec![])));
    m.insert(
        "save_style_guide",
        (
            Admin,
            Json(|_| json!({ "guide": app::domain::StyleGuide::default() })),
        ),
    );
    m.insert("get_item", (SignedIn, Form(|_| form(&[("id", "1")]))));
    m.insert(
        "create_item",
        (
            Worker,
            Form(|who| {
                form(&[
                    ("workflow", "content-production"),
                    ("title", &format!("Made by {who}")),
                ])
            }),
        ),
    );
    m.insert(
        "apply_operation",
        (Worker, Json(|_| json!({ "id": 1, "version": 1, "operation": { "op": "comment", "text": "Looks good" } }))),
    );
    m.insert(
        "apply_operations",
        (Worker, Json(|_| json!({ "id": 1, "version": 1, "operations": [{ "op": "comment", "text": "Looks good" }] }))),
    );
    m.insert("list_boards", (SignedIn, Form(|_| vec![])));
    m.insert("board_directory", (SignedIn, Form(|_| vec![])));
    m.insert(
        "get_board",
        (
            SignedIn,
            Json(|_| json!({ "workflow": "content-production", "filter": {} })),
        ),
    );
    m.insert(
        "board_column",
        (SignedIn, Json(|_| json!({ "workflow": "content-production", "stage": "review", "filter": {}, "offset": 0 }))),
    );
    m.insert(
        "board_card",
        (SignedIn, Json(|_| json!({ "id": 1, "filter": {} }))),
    );
    m.insert(
        "move_card",
        (
            Worker,
            Json(|_| json!({ "id": 1, "version": 1, "stage": "brief" })),
        ),
    );
    m.insert(
        "create_card",
        (Worker, Json(|who| json!({ "workflow": "content-production", "card": { "title": format!("Full form by {who}") } }))),
    );
    m.insert("get_inbox", (SignedIn, Form(|_| vec![])));
    m.insert("get_inbox_counts", (SignedIn, Form(|_| vec![])));
    m.insert(
        "decide",
        (
            Worker,
            Json(|_| json!({ "id": 1, "version": 1, "decision": { "decision": "approve" } })),
        ),
    );
    m.insert(
        "approve_many",
        (Worker, Json(|_| json!({ "items": [[1, 1]] }))),
    );
    m.insert("list_notifications", (SignedIn, Form(|_| vec![])));
    m.insert("mark_notifications_read", (SignedIn, Form(|_| vec![])));
    m.insert("get_working_hours", (SignedIn, Form(|_| vec![])));
    m.insert(
        "save_working_hours",
        (
            Admin,
            Json(|_| json!({ "hours": { "offset_minutes": 0, "days": [1, 2, 3, 4, 5], "start": "09:00", "end": "17:00" } })),
        ),
    );
    m.insert(
        "get_calendar",
        (
            SignedIn,
            Json(|_| json!({ "query": { "view": "week", "filter": { "channel": "email" } } })),
        ),
    );
    m.insert(
        "reschedule_item",
        (
            Worker,
            Json(|_| json!({ "id": 2, "version": 1, "date": "2099-01-04", "time": null })),
        ),
    );
    m.insert(
        "create_calendar_item",
        (Worker, Json(|who| json!({ "entry": { "workflow": "social-publishing", "title": format!("Calendar post by {who}"), "channel": "linkedin", "date": "2099-01-05", "time": "09:30:00" } }))),
    );
    m.insert(
        "save_planning_rules",
        (
            Admin,
            Form(|_| {
                form(&[
                    ("over_contact_days", "3"),
                    ("max_posts_per_platform_day", "3"),
                ])
            }),
        ),
    );
    m.insert(
        "get_insights",
        (
            SignedIn,
            Json(|_| json!({ "query": { "workflow": "content-production", "weeks": 4, "compare": true } })),
        ),
    );
    m.insert(
        "set_start_stage",
        (
            Manager,
            Form(|_| form(&[("workflow", "content-production"), ("stage", "draft")])),
        ),
    );
    m.insert("get_item_fixes", (SignedIn, Form(|_| form(&[("id", "1")]))));
    m.insert(
        "record_fix",
        (
            Worker,
            Form(|who| {
                form(&[
                    ("id", "1"),
                    ("what", &format!("Broken link, seen by {who}")),
                    ("stage", "review"),
                ])
            }),
        ),
    );
    m.insert("calendar_feed_status", (SignedIn, Form(|_| vec![])));
    m.insert(
        "get_automations",
        (SignedIn, Json(|_| json!({ "outcome": null }))),
    );
    m.insert(
        "get_rule",
        (SignedIn, Json(|_| json!({ "id": 1, "outcome": null }))),
    );
    m.insert("get_rule_context", (SignedIn, Form(|_| vec![])));
    m.insert(
        "save_rule",
        (Manager, Json(|who| json!({ "rule": matrix_rule(who) }))),
    );
    m.insert(
        "switch_rule",
        (
            Manager,
            Json(|_| json!({ "id": 1, "version": 1, "on": false })),
        ),
    );
    m.insert("archive_rule", (Manager, Json(|_| json!({ "id": 8 }))));
    m.insert(
        "preview_rule",
        (Manager, Json(|who| json!({ "rule": matrix_rule(who) }))),
    );
    m.insert(
        "try_rule",
        (
            Manager,
            Json(|who| json!({ "rule": matrix_rule(who), "item": 1 })),
        ),
    );
    m.insert(
        "get_item_automation",
        (SignedIn, Json(|_| json!({ "item": 1 }))),
    );
    m.insert(
        "record_result",
        (
            Worker,
            Json(|_| json!({ "item": 1, "metric": "open_rate", "value": 21.5, "at": null })),
        ),
    );
    m.insert("list_hooks", (Admin, Form(|_| vec![])));
    m.insert(
        "create_hook",
        (Admin, Json(|who| json!({ "name": format!("Hook by {who}"), "workflow": null, "signed": false }))),
    );
    m.insert("revoke_hook", (Admin, Json(|_| json!({ "id": 1 }))));
    m.insert("list_endpoints", (Admin, Form(|_| vec![])));
    m.insert(
        "create_endpoint",
        (Admin, Json(|who| json!({ "input": endpoint_input(who) }))),
    );
    m.insert(
        "update_endpoint",
        (
            Admin,
            Json(|who| json!({ "id": 1, "input": endpoint_input(who) })),
        ),
    );
    m.insert(
        "switch_endpoint",
        (Admin, Json(|_| json!({ "id": 1, "on": true }))),
    );
    m.insert(
        "rotate_endpoint_secret",
        (Admin, Json(|_| json!({ "id": 1 }))),
    );
    m.insert("send_test_event", (Admin, Json(|_| json!({ "id": 1 }))));
    m.insert("endpoint_deliveries", (Admin, Json(|_| json!({ "id": 1 }))));
    m.insert(
        "replay_delivery",
        (Admin, Json(|_| json!({ "delivery": 1 }))),
    );
    m.insert("remove_endpoint", (Admin, Json(|_| json!({ "id": 1 }))));
    m.insert(
        "get_intake_form",
        (
            SignedIn,
            Json(|_| json!({ "workflow": "content-production" })),
        ),
    );
    m.insert(
        "submit_intake",
        (SignedIn, Json(|who| json!({ "workflow": "content-production", "answers": { "title": format!("Request by {who}") } }))),
    );
    m.insert(
        "configure_intake",
        (
            Manager,
            Json(|_| json!({ "workflow": "content-production", "public": false, "intro": "" })),
        ),
    );
    m.insert(
        "renew_intake_link",
        (
            Manager,
            Json(|_| json!({ "workflow": "content-production" })),
        ),
    );
    m.insert(
        "public_intake_form",
        (Nobody, Json(|_| json!({ "token": "no-such-form" }))),
    );
    m.insert(
        "submit_public_intake",
        (
            Nobody,
            Json(|_| json!({ "token": "no-such-form", "answers": {} })),
        ),
    );
    m.insert("get_workspace_zone", (SignedIn, Form(|_| vec![])));
    m.insert(
        "save_workspace_zone",
        (Admin, Form(|_| form(&[("zone", "UTC")]))),
    );
    m.insert("notification_prefs", (SignedIn, Form(|_| vec![])));
    m.insert("chat_channels", (SignedIn, Form(|_| vec![])));
    m.insert(
        "save_notification_prefs",
        (
            SignedIn,
            Json(|_| json!({ "choices": [["approved", "digest"]], "digest": true })),
        ),
    );
    m.insert("mail_status", (Admin, Form(|_| vec![])));
    // Without an SMTP server (this one has none) an admin is told so: a 422.
    m.insert("send_test_email", (Admin, Form(|_| vec![])));
    m.insert(
        "request_password_reset",
        (
            Nobody,
            Form(|who| form(&[("email", &format!("nobody-{who}@example.com"))])),
        ),
    );
    m.insert(
        "reset_details",
        (Nobody, Form(|_| form(&[("token", "no-such-reset")]))),
    );
    m.insert(
        "reset_password",
        (
            Nobody,
            Form(|_| {
                form(&[
                    ("token", "no-such-reset"),
                    ("password", "correct horse battery staple"),
                ])
            }),
        ),
    );
    m.insert(
        "unsubscribe_details",
        (Nobody, Form(|_| form(&[("token", "1:digest:forged")]))),
    );
    m.insert(
        "unsubscribe",
        (Nobody, Form(|_| form(&[("token", "1:digest:forged")]))),
    );
    m.insert("list_campaigns", (SignedIn, Form(|_| vec![])));
    m.insert("get_campaign", (SignedIn, Form(|_| form(&[("id", "1")]))));
    m.insert(
        "create_campaign",
        (
            Manager,
            Json(|who| json!({ "input": { "name": format!("Matrix campaign by {who}"), "starts_on": "2099-01-01", "ends_on": "2099-02-01", "owner": null, "budget": "1000 EUR", "goals": "leads >= 10" } })),
        ),
    );
    m.insert(
        "update_campaign",
        (
            Manager,
            Json(|_| json!({ "id": 3, "version": 1, "input": { "name": "Q1 webinar series", "starts_on": null, "ends_on": null, "owner": null } })),
        ),
    );
    // With open items, closing asks first: a 422 that says how many.
    m.insert(
        "close_campaign",
        (
            Manager,
            Json(|_| json!({ "id": 2, "version": 1, "confirm": false })),
        ),
    );
    // The campaign is open: reopening it is refused with the reason.
    m.insert(
        "reopen_campaign",
        (Manager, Json(|_| json!({ "id": 2, "version": 1 }))),
    );
    m.insert(
        "record_campaign_result",
        (
            Worker,
            Json(|_| json!({ "id": 1, "metric": "spend", "value": 120.0 })),
        ),
    );
    // Item 1 is not in a stage that keeps a send log (or was changed): refused with why.
    m.insert(
        "record_send",
        (Worker, Json(|_| json!({ "item": 1, "version": 1, "send": { "subject": "Hello", "segment": "Newsletter", "recipients": 10, "sent_at": null } }))),
    );
    m.insert("list_sends", (SignedIn, Json(|_| json!({ "filter": {} }))));
    m.insert(
        "get_action_log",
        (SignedIn, Form(|_| form(&[("report", "1")]))),
    );
    // Item 1 is no report at its action log: refused with why.
    m.insert(
        "record_decision",
        (Worker, Json(|who| json!({ "report": 1, "input": { "decision": format!("Decision by {who}"), "owner": null, "due_on": null } }))),
    );
    // There is no decision 999999.
    m.insert(
        "set_decision_status",
        (Worker, Json(|_| json!({ "id": 999999, "status": "done" }))),
    );
    m.insert("renew_calendar_feed", (SignedIn, Form(|_| vec![])));
    m.insert("revoke_calendar_feed", (SignedIn, Form(|_| vec![])));
    m.insert("my_tokens", (SignedIn, Form(|_| vec![])));
    m.insert(
        "create_token",
        (
            SignedIn,
            Json(|who| json!({ "request": { "name": format!("Matrix token {who}"), "scopes": [], "days": 7 } })),
        ),
    );
    m.insert("revoke_token", (SignedIn, Json(|_| json!({ "id": 1 }))));
    m.insert("all_tokens", (Admin, Form(|_| vec![])));
    m.insert(
        "upload_import",
        (
            Worker,
            Json(|who| json!({ "request": { "kind": "csv", "file_name": format!("{who}.csv"), "text": format!("title\nFrom {who}\n") } })),
        ),
    );
    m.insert(
        "preview_trello",
        (
            Manager,
            Json(|_| json!({ "upload": 999999, "mapping": null })),
        ),
    );
    m.insert(
        "import_trello",
        (
            Manager,
            Json(|_| json!({ "upload": 999999, "mapping": { "workflow_name": "Matrix board", "lists": {}, "labels": {}, "members": {}, "archived_cards": false } })),
        ),
    );
    m.insert(
        "preview_csv",
        (
            Worker,
            Json(|_| json!({ "upload": 999999, "workflow": null, "mapping": null })),
        ),
    );
    m.insert(
        "import_csv",
        (
            Worker,
            Json(|_| json!({ "upload": 999999, "workflow": "content-production", "mapping": [{ "to": "title" }], "expected": 1 })),
        ),
    );
    m.insert(
        "discard_import",
        (Worker, Json(|_| json!({ "upload": 999999 }))),
    );
    m
}

/// The demo's callers, weakest first: (label, email, what they are).
const CALLERS: [(&str, Option<&str>, Needs); 5] = [
    ("signed-out", None, Needs::Nobody),
    ("viewer", Some("tom@northwind.example"), Needs::SignedIn),
    ("member", Some("priya@northwind.example"), Needs::Worker),
    ("manager", Some("dana@northwind.example"), Needs::Manager),
    ("admin", Some("maya@northwind.example"), Needs::Admin),
];

#[tokio::test]
async fn every_server_function_allows_exactly_the_roles_it_should() {
    let server = TestServer::start(&["--demo"]).await;
    let matrix = matrix();

    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();
    assert!(!registered.is_empty(), "no server functions registered");
    for name in &registered {
        assert!(
            matrix.contains_key(name.as_str()),
            "server function {name} has no row in the authorization matrix"
        );
    }
    for name in matrix.keys() {
        assert!(
            registered.iter().any(|r| r == name),
            "matrix row {name} names no registered server function"
        );
    }

    let mut failures = Vec::new();
    for (endpoint, (needs, body)) in &matrix {
        for (label, email, is) in CALLERS {
            // A fresh session per call, so sign_out or a password change cannot disturb the next.
            let client = match email {
                Some(email) => client_with(
                    &server
                        .sign_in(email, DEMO_PASSWORD)
                        .await
                        .expect("demo sign-in"),
                ),
                None => no_redirects(),
            };
            let response = match body {
                Body::Form(make) => {
                    let pairs = make(label);
                    let pairs: Vec<(&str, &str)> = pairs
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    server.call_form(&client, endpoint, &pairs).await
                }
                Body::Json(make) => server.call_json(&client, endpoint, &make(label)).await,
            };
            let status = response.status().as_u16();
            let allowed = is >= *needs;
            // Allowed means it worked (2xx, or the redirect of a sign-in), or the engine or a
            // check explained a refusal (409, 422) — never a 5xx, and never a 400 (that would
            // mean this table sends a body the function cannot read).
            let ok = if allowed {
                (200..400).contains(&status)
                    || status == 409
                    || status == 422
                    || (status == 404 && may_be_gone(endpoint))
            } else if email.is_none() {
                status == 401
            } else {
                status == 403
            };
            if !ok {
                let text = response.text().await.unwrap_or_default();
                failures.push(format!(
                    "{endpoint} as {label}: got {status} ({}) — {text}",
                    if allowed {
                        "should be allowed"
                    } else {
                        "should be refused"
                    }
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix violations:\n{}",
        failures.join("\n")
    );
}
