//! The public API at /api/v1 through real HTTP against a real server and database: every
//! documented operation × token scopes × roles (the list comes from the OpenAPI document,
//! so an undocumented operation or one without a row here fails), and what integrators rely
//! on: problem details, gates refused as data, stale writes refused, idempotent retries,
//! rate limits and tokens that stop working.

use std::collections::BTreeSet;

use app::domain::tokens::{Scope, TokenRequest};
use serde_json::{json, Value};

use crate::common::TestServer;

/// Opens the server's database beside it, to make tokens as people would on their profile.
async fn db_of(server: &TestServer) -> app::db::Db {
    let options = app::db::connect_options(&server.database_url).unwrap();
    app::db::Db::open(options).await.unwrap()
}

async fn user(db: &app::db::Db, email: &str) -> app::auth::CurrentUser {
    let mut conn = db.read.acquire().await.unwrap();
    let id = app::db::people::find_by_email(&mut conn, email)
        .await
        .unwrap()
        .unwrap();
    app::db::accounts::user(&mut conn, id)
        .await
        .unwrap()
        .unwrap()
}

async fn add_person(db: &app::db::Db, name: &str, email: &str, role: app::domain::Role) {
    let mut conn = db.write.acquire().await.unwrap();
    app::db::people::insert(&mut conn, name, email, role, &[], chrono::Utc::now())
        .await
        .unwrap();
}

/// A token for the demo person with `email`, with `scopes`.
async fn token(db: &app::db::Db, email: &str, scopes: &[Scope]) -> String {
    let me = user(db, email).await;
    let request = TokenRequest {
        name: format!("test {email} {scopes:?}"),
        scopes: scopes.to_vec(),
        days: None,
    };
    app::service::tokens::create(db, &me, &request, chrono::Utc::now())
        .await
        .unwrap()
        .secret
}

struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    fn new(server: &TestServer) -> Api {
        Api {
            http: reqwest::Client::new(),
            base: server.url("/api/v1"),
        }
    }

    fn request(&self, method: &str, path: &str, token: Option<&str>) -> reqwest::RequestBuilder {
        let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let builder = self.http.request(method, format!("{}{path}", self.base));
        match token {
            Some(t) => builder.bearer_auth(t),
            None => builder,
        }
    }

    async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        answer(self.request("get", path, Some(token)).send().await.unwrap()).await
    }

    async fn send(&self, method: &str, path: &str, token: &str, body: Value) -> (u16, Value) {
        answer(
            self.request(method, path, Some(token))
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }
}

async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    if status >= 400 {
        assert_eq!(kind, "application/problem+json", "{status}: {body}");
        assert_eq!(body["status"], status, "{body}");
        assert!(
            body["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{body}"
        );
    }
    (status, body)
}

/// One sample call per operation, by operation id: its path (with ids filled in) and body.
fn sample(operation: &str, who: &str) -> Option<(String, Option<Value>)> {
    let item = |suffix: &str| format!("/items/1{suffix}");
    let call = match operation {
        "whoAmI" => ("/me".to_string(), None),
        "listItems" => ("/items?limit=5".into(), None),
        "createItem" => (
            "/items".into(),
            Some(
                json!({ "workflow": "content-production", "title": format!("From the API, {who}") }),
            ),
        ),
        "getItem" => (item(""), None),
        "editItem" => (item(""), Some(json!({ "priority": "high", "version": 1 }))),
        "moveItem" => (
            item("/move"),
            Some(json!({ "stage": "brief", "reason": "matrix" })),
        ),
        "submitItem" => (item("/submit"), None),
        "tickChecklist" => (item("/checklist"), Some(json!({ "line": "no-such-line" }))),
        "commentOnItem" => (
            item("/comments"),
            Some(json!({ "text": format!("Matrix comment by {who}") })),
        ),
        "decideOnItem" => (item("/decision"), Some(json!({ "decision": "approve" }))),
        "recordItemResult" => (
            item("/results"),
            Some(json!({ "metric": "open_rate", "value": 21.5 })),
        ),
        "listWorkflows" => ("/workflows".into(), None),
        "getWorkflow" => ("/workflows/content-production".into(), None),
        "listCampaigns" => ("/campaigns".into(), None),
        "createCampaign" => (
            "/campaigns".into(),
            Some(json!({ "name": format!("Matrix campaign {who}") })),
        ),
        "getCampaign" => ("/campaigns/1".into(), None),
        "editCampaign" => (
            "/campaigns/1".into(),
            Some(json!({ "description": format!("by {who}"), "version": 1 })),
        ),
        "recordCampaignResult" => (
            "/campaigns/1/results".into(),
            Some(json!({ "metric": "mqls", "value": 40 })),
        ),
        "listPeople" => ("/people".into(), None),
        "calendarEntries" => (
            "/calendar?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z".into(),
            None,
        ),
        "listEvents" => ("/events?after=0&limit=5".into(), None),
        "listWebhooks" => ("/webhooks".into(), None),
        _ => return None,
    };
    Some(call)
}

/// Operations that need a manager's role on top of their scope, as on the pages.
fn needs_manager(operation: &str) -> bool {
    matches!(operation, "createCampaign" | "editCampaign")
}

#[tokio::test]
async fn every_documented_operation_answers_each_token_as_its_scopes_and_role_allow() {
    let server = TestServer::start(&["--demo"]).await;
    let db = db_of(&server).await;
    let api = Api::new(&server);
    let doc: Value = reqwest::get(server.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");

    use app::domain::Role;
    let callers = [
        ("viewer-read", "tom@northwind.example", Role::Viewer, vec![]),
        (
            "member-read",
            "priya@northwind.example",
            Role::Member,
            vec![],
        ),
        (
            "member-write",
            "priya@northwind.example",
            Role::Member,
            vec![Scope::ItemsWrite, Scope::ResultsWrite],
        ),
        (
            "member-results",
            "priya@northwind.example",
            Role::Member,
            vec![Scope::ResultsWrite],
        ),
        (
            "manager-write",
            "dana@northwind.example",
            Role::Manager,
            vec![Scope::ItemsWrite],
        ),
        (
            "admin",
            "maya@northwind.example",
            Role::Admin,
            vec![Scope::Admin],
        ),
    ];
    let mut tokens = Vec::new();
    for (name, email, role, scopes) in &callers {
        tokens.push((
            *name,
            *role,
            app::domain::tokens::Scopes::of(scopes.iter().copied()),
            token(&db, email, scopes).await,
        ));
    }

    let mut seen = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            let (call_path, body) = sample(id, "x")
                .unwrap_or_else(|| panic!("{method} {path} ({id}) has no row in this test"));
            assert!(seen.insert(id.to_string()));
            let needed: Vec<Scope> = op["security"][0]["token"]
                .as_array()
                .unwrap_or_else(|| panic!("{id} names no scope"))
                .iter()
                .map(|s| Scope::parse(s.as_str().unwrap()).unwrap())
                .collect();
            assert_eq!(needed.len(), 1, "{id}");
            let needed = needed[0];

            let mut anonymous = api.request(method, &call_path, None);
            if let Some(body) = &body {
                anonymous = anonymous.json(body);
            }
            let (status, _) = answer(anonymous.send().await.unwrap()).await;
            assert_eq!(status, 401, "{id} without a token");

            for (name, role, scopes, secret) in &tokens {
                let (path_for, body_for) = sample(id, name).unwrap();
                let mut call = api.request(method, &path_for, Some(secret));
                if let Some(body) = &body_for {
                    call = call.json(body);
                }
                let (status, problem) = answer(call.send().await.unwrap()).await;
                let allowed = app::domain::tokens::permits(scopes, *role, needed).is_ok()
                    && (!needs_manager(id) || role.can_manage());
                assert!(status < 500, "{id} as {name}: {status} {problem}");
                if allowed {
                    assert!(
                        !matches!(status, 401 | 403),
                        "{id} as {name} was refused: {problem}"
                    );
                } else {
                    assert_eq!(status, 403, "{id} as {name}: {problem}");
                }
            }
        }
    }
    let every: BTreeSet<String> = [
        "whoAmI",
        "listItems",
        "createItem",
        "getItem",
        "editItem",
        "moveItem",
        "submitItem",
        "tickChecklist",
        "commentOnItem",
        "decideOnItem",
        "recordItemResult",
        "listWorkflows",
        "getWorkflow",
        "listCampaigns",
        "createCampaign",
        "getCampaign",
        "editCampaign",
        "recordCampaignResult",
        "listPeople",
        "listWebhooks",
        "calendarEntries",
        "listEvents",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(
        seen, every,
        "the document and this test list the same operations"
    );
}

#[tokio::test]
async fn an_item_made_through_the_api_runs_through_the_same_gates_and_approvals() {
    // A workspace of its own: the demo's review column is at its WIP limit.
    let server = TestServer::start(&[]).await;
    let db = db_of(&server).await;
    let api = Api::new(&server);
    use app::domain::Role;
    add_person(&db, "Priya", "priya@northwind.example", Role::Member).await;
    add_person(&db, "Dana", "dana@northwind.example", Role::Manager).await;
    add_person(&db, "Tom", "tom@northwind.example", Role::Viewer).await;
    // People added beside the server reach it once its directory memo (5 s) runs out.
    tokio::time::sleep(app::db::memo::FRESH_FOR + std::time::Duration::from_millis(500)).await;
    let priya = token(&db, "priya@northwind.example", &[Scope::ItemsWrite]).await;
    let dana_id = user(&db, "dana@northwind.example").await.id.0;

    // Bad input is a 4xx naming the field, and nothing is made.
    let (status, problem) = api
        .send(
            "post",
            "/items",
            &priya,
            json!({ "workflow": "content-production", "title": "x", "fields": { "nope": 1 } }),
        )
        .await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (422, Some("fields")),
        "{problem}"
    );
    let (status, _) = api
        .send(
            "post",
            "/items",
            &priya,
            json!({ "workflow": "content-production" }),
        )
        .await;
    assert_eq!(status, 400);

    let (status, item) = api
        .send(
            "post",
            "/items",
            &priya,
            json!({
                "workflow": "content-production",
                "title": "Spring pricing explainer",
                "channel": "blog",
                "fields": { "topic": "Pricing", "audience": "Founders", "brief": "Explain the new tiers", "reviewer": dana_id }
            }),
        )
        .await;
    assert_eq!(status, 201, "{item}");
    let id = item["id"].as_i64().unwrap();
    assert_eq!(item["stage"], "brief");
    assert_eq!(item["fields"]["reviewer"], dana_id);

    // A move past a gate is refused with every reason, as data and in words.
    let (status, refused) = api
        .send(
            "post",
            &format!("/items/{id}/move"),
            &priya,
            json!({ "stage": "draft" }),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        refused["reasons"][0]["kind"], "unchecked_checklist",
        "{refused}"
    );
    assert_eq!(refused["reasons"][0]["items"], json!(["goal-agreed"]));
    let (status, ticked) = api
        .send(
            "post",
            &format!("/items/{id}/checklist"),
            &priya,
            json!({ "line": "goal-agreed" }),
        )
        .await;
    assert_eq!(status, 200, "{ticked}");
    assert_eq!(ticked["checklist"]["brief"], json!(["goal-agreed"]));
    let (status, moved) = api
        .send(
            "post",
            &format!("/items/{id}/move"),
            &priya,
            json!({ "stage": "draft" }),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    let (status, refused) = api
        .send(
            "post",
            &format!("/items/{id}/move"),
            &priya,
            json!({ "stage": "review" }),
        )
        .await;
    assert_eq!(status, 422, "{refused}");
    let kinds: Vec<&str> = refused["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"missing_field"), "{refused}");
    assert!(
        refused["detail"].as_str().unwrap().contains("Draft link"),
        "{refused}"
    );
    let (_, still) = api.get(&format!("/items/{id}"), &priya).await;
    assert_eq!(still["stage"], "draft", "nothing changed");

    // A stale write is a 409; a write without a version is a 428; the ETag is the version.
    let response = api
        .request("get", &format!("/items/{id}"), Some(&priya))
        .send()
        .await
        .unwrap();
    let etag = response.headers()["etag"].to_str().unwrap().to_string();
    let version = response.json::<Value>().await.unwrap()["version"]
        .as_u64()
        .unwrap();
    assert_eq!(etag, format!("\"{version}\""));
    let (status, _) = api
        .send(
            "patch",
            &format!("/items/{id}"),
            &priya,
            json!({ "title": "No version" }),
        )
        .await;
    assert_eq!(status, 428);
    let edit = json!({ "fields": { "draft_url": "https://docs.example.com/pricing" } });
    let (status, edited) = answer(
        api.request("patch", &format!("/items/{id}"), Some(&priya))
            .header("if-match", &etag)
            .json(&edit)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["version"].as_u64(), Some(version + 1));
    let (status, stale) = answer(
        api.request("patch", &format!("/items/{id}"), Some(&priya))
            .header("if-match", &etag)
            .json(&json!({ "title": "Saved over?" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409, "{stale}");
    let (status, problem) = api
        .send(
            "patch",
            &format!("/items/{id}"),
            &priya,
            json!({ "campaign": 999_999, "version": version + 1 }),
        )
        .await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (422, Some("campaign")),
        "{problem}"
    );

    // Into review, submitted; only the named reviewer may approve.
    let (status, _) = api
        .send(
            "post",
            &format!("/items/{id}/checklist"),
            &priya,
            json!({ "line": "follows-brief" }),
        )
        .await;
    assert_eq!(status, 200);
    let (status, moved) = api
        .send(
            "post",
            &format!("/items/{id}/move"),
            &priya,
            json!({ "stage": "review" }),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    let (status, submitted) = api
        .send("post", &format!("/items/{id}/submit"), &priya, json!(null))
        .await;
    assert_eq!(status, 200, "{submitted}");
    let (status, refused) = api
        .send(
            "post",
            &format!("/items/{id}/decision"),
            &priya,
            json!({ "decision": "approve" }),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        refused["reasons"][0]["kind"], "not_an_approver",
        "{refused}"
    );
    let dana = token(&db, "dana@northwind.example", &[Scope::ItemsWrite]).await;
    let (status, approved) = api
        .send(
            "post",
            &format!("/items/{id}/decision"),
            &dana,
            json!({ "decision": "approve" }),
        )
        .await;
    assert_eq!(status, 200, "{approved}");
    // One approval is enough here, so the item goes on past Revisions at once.
    assert_eq!(approved["stage"], "seo-technical", "{approved}");

    // A viewer's token cannot write, whatever it asks for.
    let tom = token(&db, "tom@northwind.example", &[]).await;
    let (status, _) = api
        .send(
            "post",
            &format!("/items/{id}/comments"),
            &tom,
            json!({ "text": "hi" }),
        )
        .await;
    assert_eq!(status, 403);

    // The trail has all of it, read forward with a cursor.
    let (status, page) = api.get("/events?after=0&limit=200", &priya).await;
    assert_eq!(status, 200);
    let mut cursor = page["next_cursor"].as_str().unwrap().to_string();
    loop {
        let (_, page) = api
            .get(&format!("/events?after={cursor}&limit=200"), &priya)
            .await;
        let events = page["events"].as_array().unwrap();
        if events.is_empty() {
            break;
        }
        cursor = page["next_cursor"].as_str().unwrap().to_string();
    }
    let (_, empty) = api.get(&format!("/events?after={cursor}"), &priya).await;
    assert_eq!(empty["events"], json!([]));
    assert_eq!(
        empty["next_cursor"],
        cursor.as_str(),
        "polling from the end stays there"
    );
}

#[tokio::test]
async fn retries_with_an_idempotency_key_get_the_first_answer() {
    let server = TestServer::start(&["--demo"]).await;
    let db = db_of(&server).await;
    let api = Api::new(&server);
    let priya = token(&db, "priya@northwind.example", &[Scope::ItemsWrite]).await;
    let body = json!({ "workflow": "content-production", "title": "Once only" });
    let post = |key: &str, body: &Value| {
        api.request("post", "/items", Some(&priya))
            .header("idempotency-key", key)
            .json(body)
            .send()
    };
    let first = post("key-1", &body).await.unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let again = post("key-1", &body).await.unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["id"], first["id"]);
    let (_, page) = api
        .get("/items?workflow=content-production&limit=200", &priya)
        .await;
    let made = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["title"] == "Once only")
        .count();
    assert_eq!(made, 1, "one item, however many retries");

    let (status, problem) = answer(
        post(
            "key-1",
            &json!({ "workflow": "content-production", "title": "Other" }),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(problem["type"], "/api/docs#problem-idempotency-key-reused");
}

#[tokio::test]
async fn tokens_that_are_revoked_or_demoted_stop_and_a_busy_token_is_slowed() {
    let server = TestServer::start_with(&[("BATON_API_RATE_LIMIT", "5")], &["--demo"]).await;
    let db = db_of(&server).await;
    let api = Api::new(&server);
    let secret = token(&db, "priya@northwind.example", &[Scope::ItemsWrite]).await;
    for _ in 0..5 {
        let (status, _) = api.get("/me", &secret).await;
        assert_eq!(status, 200);
    }
    let response = api
        .request("get", "/me", Some(&secret))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=12).contains(&wait), "{wait}");
    let other = token(&db, "dana@northwind.example", &[]).await;
    assert_eq!(
        api.get("/me", &other).await.0,
        200,
        "each token has its own limit"
    );

    // Demoted to viewer: the token stays, its writes don't.
    let priya = user(&db, "priya@northwind.example").await;
    let writer = token(&db, "priya@northwind.example", &[Scope::ItemsWrite]).await;
    let mut conn = db.write.acquire().await.unwrap();
    app::db::accounts::set_role(&mut conn, priya.id, app::domain::Role::Viewer)
        .await
        .unwrap();
    drop(conn);
    let (status, problem) = api
        .send(
            "post",
            "/items/1/comments",
            &writer,
            json!({ "text": "still?" }),
        )
        .await;
    assert_eq!(status, 403, "{problem}");
    assert_eq!(
        api.get("/me", &writer).await.0,
        200,
        "reading is still allowed"
    );

    // Revoked: nothing at all.
    let maya = user(&db, "maya@northwind.example").await;
    let tokens = app::service::tokens::everyone(&db, &maya).await.unwrap();
    let newest = tokens.iter().find(|t| t.person == priya.id).unwrap();
    app::service::tokens::revoke(&db, &maya, newest.id, chrono::Utc::now())
        .await
        .unwrap();
    let (status, problem) = api.get("/me", &writer).await;
    assert_eq!(status, 401);
    assert_eq!(problem["detail"], "This token was revoked.");
    let (status, _) = answer(
        api.request("get", "/me", Some("baton_pat_nonsense"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
    let (status, _) = api.get("/no/such/thing", &other).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn items_are_read_a_page_at_a_time_without_gaps_or_repeats() {
    let server = TestServer::start(&["--demo"]).await;
    let db = db_of(&server).await;
    let api = Api::new(&server);
    let secret = token(&db, "tom@northwind.example", &[]).await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/items?limit=7&cursor={c}"),
            None => "/items?limit=7".to_string(),
        };
        let (status, page) = api.get(&path, &secret).await;
        assert_eq!(status, 200, "{page}");
        for item in page["items"].as_array().unwrap() {
            seen.push(item["id"].as_i64().unwrap());
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    let (_, all) = api.get("/items?limit=200", &secret).await;
    let all: Vec<i64> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert!(
        seen.len() > all.len(),
        "the demo has more than one page of 200"
    );
    assert_eq!(&seen[..all.len()], all.as_slice());
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "in id order, none twice"
    );
    let (status, problem) = api.get("/items?limit=500", &secret).await;
    assert_eq!((status, problem["field"].as_str()), (422, Some("limit")));
    let (status, _) = api.get("/items?cursor=abc", &secret).await;
    assert_eq!(status, 400);
    let (status, _) = api.get("/items/abc", &secret).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_reference_page_is_served_from_the_document() {
    let server = TestServer::start(&[]).await;
    let page = reqwest::get(server.url("/api/docs")).await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for needle in [
        "/items/{id}/move",
        "moveItem",
        "problem-refused",
        "ApiItem",
        "items:write",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
}

#[tokio::test]
async fn admins_read_where_events_go_without_a_chat_channels_credential() {
    let server = TestServer::start(&["--demo"]).await;
    let db = db_of(&server).await;
    let api = Api::new(&server);
    let maya = user(&db, "maya@northwind.example").await;
    let input = app::views::webhooks::EndpointInput {
        url: "https://hooks.slack.com/services/T0001/B0001/secretpart".into(),
        description: "Team channel".into(),
        events: vec![app::domain::outbound::event_type::EventType::ItemCreated],
        flavor: app::domain::outbound::chat::Flavor::Chat,
        workflow: None,
    };
    app::service::webhooks::create(&db, maya.id, &input, false, chrono::Utc::now())
        .await
        .unwrap();
    let admin = token(&db, "maya@northwind.example", &[Scope::Admin]).await;
    let (status, list) = api.get("/webhooks", &admin).await;
    assert_eq!(status, 200, "{list}");
    let channel = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["description"] == "Team channel")
        .unwrap();
    assert_eq!(channel["kind"], "chat");
    assert_eq!(channel["url"], "https://hooks.slack.com");
    assert_eq!(channel["events"], json!(["item.created"]));
    assert!(!list.to_string().contains("secretpart"));
    let manager = token(&db, "dana@northwind.example", &[Scope::ItemsWrite]).await;
    assert_eq!(api.get("/webhooks", &manager).await.0, 403);
}
