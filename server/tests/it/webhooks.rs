//! Outbound webhooks against a real receiver: a Python server that verifies every delivery
//! with the Standard Webhooks reference library (`standardwebhooks` from PyPI, installed by
//! `scripts/setup --browser`). Baton's sender runs in-process on a controlled clock.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use app::db::Db;
use app::domain::outbound::EventType;
use app::domain::{NewItem, PersonId, Role, WorkflowId};
use app::service::webhooks;
use app::state::{AppState, Settings};
use app::views::webhooks::EndpointInput;
use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{json, Value};

struct Receiver {
    base: String,
    child: Child,
}

impl Receiver {
    fn start() -> Receiver {
        let python = std::env::var("BATON_TEST_PYTHON").unwrap_or_else(|_| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../target/test-tools/python/bin/python"
            )
            .into()
        });
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../scripts/webhook-receiver.py"
        );
        let mut child = Command::new(&python)
            .arg(script)
            .stdout(Stdio::piped())
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("the webhook receiver needs {python} (run scripts/setup --browser): {e}")
            });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port: u16 = line.trim().parse().expect("the receiver prints its port");
        Receiver {
            base: format!("http://127.0.0.1:{port}"),
            child,
        }
    }

    async fn trust(&self, secrets: &[&str]) {
        reqwest::Client::new()
            .post(format!("{}/_secrets", self.base))
            .json(&json!({ "secrets": secrets }))
            .send()
            .await
            .unwrap();
    }

    async fn received(&self) -> Vec<Value> {
        let answer = reqwest::get(format!("{}/_received", self.base))
            .await
            .unwrap();
        answer.json().await.unwrap()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// When the tests start: deliveries are signed with the clock they are given, and the
/// receiver checks signatures against its own (within five minutes).
fn t0() -> DateTime<Utc> {
    static START: std::sync::LazyLock<DateTime<Utc>> = std::sync::LazyLock::new(Utc::now);
    *START
}

async fn open(url: &str) -> AppState {
    let db: Db = baton::startup::open_database(url).await.unwrap();
    baton::startup::migrate(&db).await.unwrap();
    let settings = Settings {
        webhooks_allow_private: true,
        ..Settings::default()
    };
    let addr = "127.0.0.1:0".parse().unwrap();
    AppState::new(baton::startup::leptos_options(addr), db, settings)
}

async fn workspace(state: &AppState) -> PersonId {
    let mut conn = state.db.write.acquire().await.unwrap();
    app::db::workflows::install_builtins(&mut conn, t0())
        .await
        .unwrap();
    let ada = app::db::people::insert(&mut conn, "Ada", "ada@example.com", Role::Admin, &[], t0())
        .await
        .unwrap();
    drop(conn);
    state.db.team_changed();
    ada
}

async fn endpoint(state: &AppState, by: PersonId, url: String) -> (i64, String) {
    let input = EndpointInput {
        url,
        description: "CRM".into(),
        events: vec![EventType::ItemCreated],
        ..EndpointInput::default()
    };
    let made = webhooks::create(&state.db, by, &input, true, t0())
        .await
        .unwrap();
    (made.endpoint.id.0, made.secret)
}

#[tokio::test]
async fn deliveries_verify_with_the_reference_library_and_a_tampered_body_does_not() {
    let receiver = Receiver::start();
    let dir = tempfile::tempdir().unwrap();
    let state = open(&format!("sqlite://{}/baton.db", dir.path().display())).await;
    let ada = workspace(&state).await;
    let (_, secret) = endpoint(&state, ada, format!("{}/ok", receiver.base)).await;
    receiver.trust(&[&secret]).await;

    let new = NewItem::titled("Holiday gift guide");
    let flow = WorkflowId::new("content-production");
    let item = app::service::items::create(&state.db, ada, &flow, new, t0())
        .await
        .unwrap()
        .item;
    assert_eq!(baton::webhooks::deliver_due(&state, t0()).await.unwrap(), 1);

    let got = receiver.received().await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["verified"], true, "{got:?}");
    assert_eq!(got[0]["status"], 204);
    let body: Value = serde_json::from_str(got[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["type"], "item.created");
    assert_eq!(body["data"]["item"]["id"], item.id.0);
    assert_eq!(body["data"]["item"]["title"], "Holiday gift guide");

    // The same headers with one character of the body changed: the library refuses it.
    let tampered = got[0]["body"]
        .as_str()
        .unwrap()
        .replace("Holiday", "Holidav");
    let sent = &got[0];
    let answer = reqwest::Client::new()
        .post(format!("{}/ok", receiver.base))
        .header("webhook-id", sent["id"].as_str().unwrap())
        .header("webhook-timestamp", sent["timestamp"].as_str().unwrap())
        .header("webhook-signature", sent["signatures"].as_str().unwrap())
        .body(tampered)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 400);
    let got = receiver.received().await;
    assert_eq!(got[1]["verified"], false);

    let log = webhooks::deliveries(&state.db, app::domain::automation::EndpointId(1))
        .await
        .unwrap();
    assert_eq!(log[0].state, "Delivered");
    assert_eq!(log[0].attempts[0].status, Some(204));
}

#[tokio::test]
async fn a_restart_between_attempts_neither_loses_nor_repeats_a_delivery() {
    let receiver = Receiver::start();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/baton.db", dir.path().display());
    let state = open(&url).await;
    let ada = workspace(&state).await;
    let (id, secret) = endpoint(&state, ada, format!("{}/flaky/1", receiver.base)).await;
    receiver.trust(&[&secret]).await;
    webhooks::send_test(
        &state.db,
        app::domain::automation::EndpointId(id),
        ada,
        t0(),
    )
    .await
    .unwrap();

    assert_eq!(baton::webhooks::deliver_due(&state, t0()).await.unwrap(), 1);
    assert_eq!(receiver.received().await[0]["status"], 500);
    // Nothing goes before the schedule's 5 seconds.
    assert_eq!(
        baton::webhooks::deliver_due(&state, t0() + TimeDelta::seconds(4))
            .await
            .unwrap(),
        0
    );

    // Baton stops and starts again on the same database.
    state.db.close().await;
    drop(state);
    let state = open(&url).await;
    let later = t0() + TimeDelta::seconds(6);
    assert_eq!(
        baton::webhooks::deliver_due(&state, later).await.unwrap(),
        1
    );
    assert_eq!(
        baton::webhooks::deliver_due(&state, later + TimeDelta::hours(30))
            .await
            .unwrap(),
        0
    );

    let got = receiver.received().await;
    assert_eq!(
        got.len(),
        2,
        "the first attempt and the retry, nothing more: {got:?}"
    );
    assert_eq!(
        got[0]["id"], got[1]["id"],
        "the same webhook-id on both attempts"
    );
    assert_eq!(got[1]["status"], 204);
    assert!(got.iter().all(|g| g["verified"] == true));
    let log = webhooks::deliveries(&state.db, app::domain::automation::EndpointId(id))
        .await
        .unwrap();
    assert_eq!(log[0].state, "Delivered");
    assert_eq!(log[0].attempts.len(), 2);
}

#[tokio::test]
async fn gone_switches_the_endpoint_off_and_private_targets_are_refused_by_default() {
    let receiver = Receiver::start();
    let dir = tempfile::tempdir().unwrap();
    let state = open(&format!("sqlite://{}/baton.db", dir.path().display())).await;
    let ada = workspace(&state).await;
    let (id, secret) = endpoint(&state, ada, format!("{}/gone", receiver.base)).await;
    receiver.trust(&[&secret]).await;
    let endpoint_id = app::domain::automation::EndpointId(id);
    webhooks::send_test(&state.db, endpoint_id, ada, t0())
        .await
        .unwrap();
    baton::webhooks::deliver_due(&state, t0()).await.unwrap();
    let listed = webhooks::list(&state.db).await.unwrap();
    assert!(!listed[0].enabled);
    assert!(listed[0]
        .disabled_reason
        .as_deref()
        .unwrap()
        .contains("410"));

    // A server that does not allow private targets refuses the loopback receiver at delivery
    // too (an address saved while it was allowed), and says so in the log.
    switch_on_and_send(&state, endpoint_id, ada).await;
    let strict = AppState {
        settings: Settings::default(),
        ..state.clone()
    };
    baton::webhooks::deliver_due(&strict, t0() + TimeDelta::minutes(1))
        .await
        .unwrap();
    let log = webhooks::deliveries(&state.db, endpoint_id).await.unwrap();
    let error = log[0].attempts[0].error.clone().unwrap();
    assert!(error.contains("this server itself"), "{error}");
    assert_eq!(
        receiver.received().await.len(),
        1,
        "the refused attempt never reached it"
    );
}

async fn switch_on_and_send(
    state: &AppState,
    id: app::domain::automation::EndpointId,
    by: PersonId,
) {
    webhooks::switch(&state.db, id, true).await.unwrap();
    webhooks::send_test(&state.db, id, by, t0() + TimeDelta::minutes(1))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_chat_channel_gets_readable_messages_in_order_and_waits_when_it_is_busy() {
    let receiver = Receiver::start();
    let dir = tempfile::tempdir().unwrap();
    let state = open(&format!("sqlite://{}/baton.db", dir.path().display())).await;
    let ada = workspace(&state).await;
    let input = EndpointInput {
        url: format!("{}/chat-busy/1", receiver.base),
        description: "#marketing".into(),
        events: vec![EventType::ItemCreated],
        flavor: app::domain::outbound::chat::Flavor::Chat,
        workflow: Some(WorkflowId::new("content-production")),
    };
    webhooks::create(&state.db, ada, &input, true, t0())
        .await
        .unwrap();
    let flow = WorkflowId::new("content-production");
    for title in ["First post", "Second post"] {
        app::service::items::create(&state.db, ada, &flow, NewItem::titled(title), t0())
            .await
            .unwrap();
    }
    // One at a time: the first is refused with 429 and Retry-After: 1.
    assert_eq!(baton::webhooks::deliver_due(&state, t0()).await.unwrap(), 1);
    assert_eq!(
        baton::webhooks::deliver_due(&state, t0() + TimeDelta::milliseconds(900))
            .await
            .unwrap(),
        0,
        "nothing while the channel asked to wait"
    );
    // After the wait the first goes again, then the second, a second later.
    let t1 = t0() + TimeDelta::seconds(1);
    assert_eq!(baton::webhooks::deliver_due(&state, t1).await.unwrap(), 1);
    assert_eq!(baton::webhooks::deliver_due(&state, t1).await.unwrap(), 0);
    assert_eq!(
        baton::webhooks::deliver_due(&state, t1 + TimeDelta::seconds(1))
            .await
            .unwrap(),
        1
    );
    let got = receiver.received().await;
    let statuses: Vec<i64> = got.iter().map(|r| r["status"].as_i64().unwrap()).collect();
    assert_eq!(statuses, [429, 200, 200]);
    let texts: Vec<String> = got[1..]
        .iter()
        .map(|r| {
            let body: Value = serde_json::from_str(r["body"].as_str().unwrap()).unwrap();
            assert_eq!(body["blocks"][0]["type"], "section");
            body["text"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(
        texts,
        [
            "New in Content production: First post",
            "New in Content production: Second post"
        ]
    );
    assert_eq!(got[1]["signatures"], "", "chat messages are not signed");
}
