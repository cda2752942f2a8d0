//! Email against a real SMTP server: aiosmtpd (from PyPI, installed by `scripts/setup
//! --browser`), which parses each message it accepts with Python's email package and keeps
//! it as JSON. Baton's sender runs in-process on a controlled clock.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use app::domain::{
    ApprovalPolicy, ApprovalRule, ApproverRef, NewItem, Operation, PersonId, Role, Stage,
    WorkflowDefinition, WorkflowId, WorkflowKind,
};
use app::service::mail::Links;
use app::state::{AppState, MailSettings, Settings};
use baton::mail::{run_once, Mailer};
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use serde_json::Value;

use crate::common::free_port;

struct Sink {
    port: u16,
    dir: tempfile::TempDir,
    child: Child,
}

impl Sink {
    /// Starts the SMTP server on `port` (0: any free one) and waits until it listens.
    fn start(port: u16) -> Sink {
        let python = std::env::var("BATON_TEST_PYTHON").unwrap_or_else(|_| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../target/test-tools/python/bin/python"
            )
            .into()
        });
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/smtp-sink.py");
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(&python)
            .arg(script)
            .arg(dir.path())
            .arg(port.to_string())
            .stdout(Stdio::piped())
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("the SMTP server needs {python} (run scripts/setup --browser): {e}")
            });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .parse()
            .expect("the SMTP server prints its port");
        Sink { port, dir, child }
    }

    /// Every message accepted so far, oldest first.
    fn messages(&self) -> Vec<Value> {
        let mut names: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// The messages to `who`.
    fn to(&self, who: &str) -> Vec<Value> {
        self.messages()
            .into_iter()
            .filter(|m| m["rcpt_to"].as_array().unwrap().iter().any(|r| r == who))
            .collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Monday 2 November 2026, 07:00 UTC: a working day, before the digest's 08:00.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 7, 0, 0).unwrap()
}

const PUBLIC: &str = "http://baton.test";

async fn open(url: &str) -> AppState {
    let db = baton::startup::open_database(url).await.unwrap();
    baton::startup::migrate(&db).await.unwrap();
    let settings = Settings {
        public_url: Some(PUBLIC.into()),
        mail: Some(MailSettings {
            server: "127.0.0.1".into(),
            from: "Baton <baton@baton.test>".into(),
        }),
        ..Settings::default()
    };
    let addr = "127.0.0.1:0".parse().unwrap();
    AppState::new(baton::startup::leptos_options(addr), db, settings)
}

fn mailer(port: u16) -> Mailer {
    let target =
        app::domain::outbound::mail::parse_smtp_url(&format!("smtp://127.0.0.1:{port}")).unwrap();
    Mailer::new(&target, "Baton <baton@baton.test>").unwrap()
}

struct People {
    ann: PersonId,
    cy: PersonId,
}

/// Ann writes; Cy approves the Review stage. Both can sign in.
async fn workspace(state: &AppState) -> People {
    let mut conn = state.db.write.acquire().await.unwrap();
    let ann = app::db::people::insert(&mut conn, "Ann", "ann@example.com", Role::Member, &[], t0())
        .await
        .unwrap();
    let cy = app::db::people::insert(&mut conn, "Cy", "cy@example.com", Role::Member, &[], t0())
        .await
        .unwrap();
    for p in [ann, cy] {
        app::db::accounts::set_password_hash(&mut conn, p, "a hash")
            .await
            .unwrap();
    }
    let review = Stage {
        approval: Some(ApprovalPolicy {
            rule: ApprovalRule::Single,
            approvers: vec![ApproverRef::Person(cy)],
        }),
        ..Stage::new("review", "Review", "Check it")
    };
    let def = WorkflowDefinition {
        outcome: None,
        id: WorkflowId::new("review-flow"),
        name: "Review flow".into(),
        kind: WorkflowKind::Custom,
        version: 1,
        based_on: None,
        revision_limit: 1,
        fields: vec![],
        stages: vec![
            Stage::new("brief", "Brief", "Say what"),
            review,
            Stage::new("publish", "Publish", "Ship it"),
        ],
    };
    app::db::workflows::save(&mut conn, &def, false, None, t0())
        .await
        .unwrap();
    drop(conn);
    state.db.team_changed();
    People { ann, cy }
}

/// Ann's item, submitted for Cy's approval at `at`.
async fn submitted(
    state: &AppState,
    p: &People,
    title: &str,
    at: DateTime<Utc>,
) -> app::domain::Item {
    let flow = WorkflowId::new("review-flow");
    let new = NewItem {
        owner: Some(p.ann),
        ..NewItem::titled(title)
    };
    let item = app::service::items::create(&state.db, p.ann, &flow, new, at)
        .await
        .unwrap()
        .item;
    let mut item = item;
    for op in [
        Operation::MoveTo {
            stage: "review".into(),
            reason: None,
        },
        Operation::Submit,
    ] {
        item = app::service::items::apply(&state.db, p.ann, item.id, item.version, &op, at)
            .await
            .unwrap()
            .item;
    }
    item
}

async fn database() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/baton.db", dir.path().display());
    (dir, url)
}

#[tokio::test]
async fn an_approval_request_arrives_with_recipient_subject_link_both_parts_and_a_working_unsubscribe(
) {
    let sink = Sink::start(0);
    let (_dir, url) = database().await;
    let state = open(&url).await;
    let people = workspace(&state).await;
    let item = submitted(&state, &people, "Spring launch post", t0()).await;

    let links = Links::new(PUBLIC);
    assert_eq!(
        run_once(&state, &mailer(sink.port), &links, t0())
            .await
            .unwrap(),
        1
    );
    let got = sink.to("cy@example.com");
    assert_eq!(got.len(), 1, "{:#?}", sink.messages());
    let m = &got[0];
    let headers = &m["headers"];
    assert_eq!(headers["To"], "cy@example.com");
    assert_eq!(headers["From"], "Baton <baton@baton.test>");
    let subject = headers["Subject"].as_str().unwrap();
    assert!(subject.contains("Spring launch post"), "{subject}");
    let link = format!("{PUBLIC}/items/{}", item.id.0);
    assert!(m["text"].as_str().unwrap().contains(&link), "{m:#?}");
    assert!(m["html"]
        .as_str()
        .unwrap()
        .contains(&format!("href=\"{link}\"")));
    assert!(headers["Content-Type"]
        .as_str()
        .unwrap()
        .starts_with("multipart/alternative"));
    assert_eq!(
        headers["List-Unsubscribe-Post"],
        "List-Unsubscribe=One-Click"
    );
    let one_click = headers["List-Unsubscribe"]
        .as_str()
        .unwrap()
        .trim_matches(['<', '>'])
        .to_string();
    assert!(
        one_click.starts_with(&format!("{PUBLIC}/mail/unsubscribe/")),
        "{one_click}"
    );
    assert!(headers["Message-ID"]
        .as_str()
        .unwrap()
        .ends_with("@baton.test>"));

    // A mail app's one-click unsubscribe (RFC 8058): a POST without a session.
    use tower::ServiceExt;
    let path = one_click.strip_prefix(PUBLIC).unwrap().to_string();
    let request = axum::http::Request::post(&path)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    let answer = baton::routes::router(state.clone())
        .oneshot(request)
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    // Now Cy is not emailed about approvals; the bell still tells her.
    submitted(&state, &people, "Autumn post", t0()).await;
    run_once(&state, &mailer(sink.port), &links, t0())
        .await
        .unwrap();
    assert_eq!(sink.to("cy@example.com").len(), 1);
    let mut conn = state.db.read.acquire().await.unwrap();
    assert_eq!(
        app::db::notifications::unread_count(&mut conn, people.cy)
            .await
            .unwrap(),
        2
    );
}

#[tokio::test]
async fn several_changes_are_folded_into_one_message() {
    let sink = Sink::start(0);
    let (_dir, url) = database().await;
    let state = open(&url).await;
    let people = workspace(&state).await;
    let links = Links::new(PUBLIC);
    let mailer = mailer(sink.port);
    let mut items = Vec::new();
    for title in ["First post", "Second post", "Third post"] {
        items.push(submitted(&state, &people, title, t0()).await);
    }
    run_once(&state, &mailer, &links, t0()).await.unwrap();
    for (n, item) in items.iter().enumerate() {
        let at = t0() + TimeDelta::minutes(n as i64);
        app::service::items::apply(
            &state.db,
            people.cy,
            item.id,
            item.version,
            &Operation::Approve,
            at,
        )
        .await
        .unwrap();
        run_once(&state, &mailer, &links, at).await.unwrap();
    }
    assert!(sink.to("ann@example.com").is_empty(), "still folding");
    run_once(&state, &mailer, &links, t0() + TimeDelta::minutes(5))
        .await
        .unwrap();
    let got = sink.to("ann@example.com");
    assert_eq!(got.len(), 1, "{got:#?}");
    let text = got[0]["text"].as_str().unwrap();
    for title in ["First post", "Second post", "Third post"] {
        assert!(text.contains(title), "{text}");
    }
}

#[tokio::test]
async fn a_digest_with_nothing_in_it_is_not_sent() {
    let sink = Sink::start(0);
    let (_dir, url) = database().await;
    let state = open(&url).await;
    let people = workspace(&state).await;
    let links = Links::new(PUBLIC);
    let mailer = mailer(sink.port);
    // Monday 09:00, nothing waits on anyone: no digest for anyone.
    let monday = t0() + TimeDelta::hours(2);
    run_once(&state, &mailer, &links, monday).await.unwrap();
    assert!(sink.messages().is_empty());

    // Something waits on Cy by Tuesday morning: her digest says so, once.
    submitted(&state, &people, "Spring launch post", monday).await;
    run_once(&state, &mailer, &links, monday).await.unwrap();
    let tuesday = t0() + TimeDelta::hours(25);
    run_once(&state, &mailer, &links, tuesday).await.unwrap();
    run_once(&state, &mailer, &links, tuesday + TimeDelta::hours(2))
        .await
        .unwrap();
    let digests: Vec<Value> = sink
        .to("cy@example.com")
        .into_iter()
        .filter(|m| m["headers"]["Subject"].as_str().unwrap().contains("digest"))
        .collect();
    assert_eq!(digests.len(), 1, "{:#?}", sink.messages());
    assert!(digests[0]["text"]
        .as_str()
        .unwrap()
        .contains("Waiting on you"));
    assert!(sink
        .to("ann@example.com")
        .iter()
        .all(|m| !m["headers"]["Subject"].as_str().unwrap().contains("digest")));
}

#[tokio::test]
async fn a_server_that_is_down_at_first_gets_the_message_later_once() {
    let port = free_port();
    let (_dir, url) = database().await;
    let state = open(&url).await;
    let people = workspace(&state).await;
    let links = Links::new(PUBLIC);
    submitted(&state, &people, "Spring launch post", t0()).await;

    // Nobody listens: the attempt fails and is kept.
    run_once(&state, &mailer(port), &links, t0()).await.unwrap();
    let status = app::service::mail::status(&state.db, None, String::new(), &links, t0())
        .await
        .unwrap();
    assert_eq!((status.pending, status.retrying), (1, 1));
    assert!(status.last_error.is_some());
    drop(state);

    // The SMTP server comes up, and Baton restarts: the message goes at its next attempt.
    let sink = Sink::start(port);
    let state = open(&url).await;
    run_once(&state, &mailer(port), &links, t0() + TimeDelta::seconds(30))
        .await
        .unwrap();
    assert!(sink.messages().is_empty(), "not before the retry's minute");
    let deadline = Instant::now() + Duration::from_secs(5);
    run_once(&state, &mailer(port), &links, t0() + TimeDelta::minutes(1))
        .await
        .unwrap();
    run_once(&state, &mailer(port), &links, t0() + TimeDelta::minutes(50))
        .await
        .unwrap();
    while sink.messages().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(sink.to("cy@example.com").len(), 1);
    let status = app::service::mail::status(
        &state.db,
        None,
        String::new(),
        &links,
        t0() + TimeDelta::minutes(50),
    )
    .await
    .unwrap();
    assert_eq!(
        (status.pending, status.failed, status.sent_today),
        (0, 0, 1)
    );
}
