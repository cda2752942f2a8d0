//! How fast the mail sender turns notices into delivered email, against a real SMTP server
//! (aiosmtpd, `scripts/smtp-sink.py`): `cargo run --release -p baton --example
//! mail_throughput [items]` (after `scripts/setup --browser`). Prints how long composing
//! took, the send rate, and one notice's time from its change to the server's acceptance.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

use app::domain::{
    ApprovalPolicy, ApprovalRule, ApproverRef, NewItem, Operation, Role, Stage, WorkflowDefinition,
    WorkflowId, WorkflowKind,
};
use app::service::mail::Links;
use app::state::{AppState, MailSettings, Settings};
use chrono::Utc;

#[tokio::main]
async fn main() {
    let items: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000);
    let python = std::env::var("BATON_TEST_PYTHON")
        .unwrap_or_else(|_| "target/test-tools/python/bin/python".into());
    let dir = tempfile::tempdir().unwrap();
    let mail_dir = dir.path().join("mail");
    let mut sink = Command::new(&python)
        .args(["scripts/smtp-sink.py", mail_dir.to_str().unwrap(), "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the SMTP sink (run scripts/setup --browser first)");
    let mut port = String::new();
    BufReader::new(sink.stdout.take().unwrap())
        .read_line(&mut port)
        .unwrap();
    let port: u16 = port.trim().parse().unwrap();
    let delivered = || {
        std::fs::read_dir(&mail_dir)
            .map(|d| d.filter_map(|e| e.ok()).count())
            .unwrap_or(0)
    };

    let url = format!("sqlite://{}/baton.db", dir.path().display());
    let db = baton::startup::open_database(&url).await.unwrap();
    baton::startup::migrate(&db).await.unwrap();
    let settings = Settings {
        public_url: Some("http://baton.test".into()),
        mail: Some(MailSettings::default()),
        ..Settings::default()
    };
    let state = AppState::new(
        baton::startup::leptos_options("127.0.0.1:0".parse().unwrap()),
        db,
        settings,
    );
    let now = Utc::now();
    let mut conn = state.db.write.acquire().await.unwrap();
    let ann = app::db::people::insert(&mut conn, "Ann", "ann@example.com", Role::Member, &[], now)
        .await
        .unwrap();
    let cy = app::db::people::insert(&mut conn, "Cy", "cy@example.com", Role::Member, &[], now)
        .await
        .unwrap();
    for p in [ann, cy] {
        app::db::accounts::set_password_hash(&mut conn, p, "x")
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
    app::db::workflows::save(&mut conn, &def, false, None, now)
        .await
        .unwrap();
    drop(conn);
    state.db.team_changed();
    // Only the approval requests are counted: no digests.
    for p in [ann, cy] {
        app::service::mail::save_prefs(&state.db, p, &[], false)
            .await
            .unwrap();
    }
    let flow = WorkflowId::new("review-flow");
    let submit = |title: String| {
        let state = state.clone();
        let flow = flow.clone();
        async move {
            let new = NewItem {
                owner: Some(ann),
                ..NewItem::titled(&title)
            };
            let mut item = app::service::items::create(&state.db, ann, &flow, new, Utc::now())
                .await
                .unwrap()
                .item;
            for op in [
                Operation::MoveTo {
                    stage: "review".into(),
                    reason: None,
                },
                Operation::Submit,
            ] {
                item = app::service::items::apply(
                    &state.db,
                    ann,
                    item.id,
                    item.version,
                    &op,
                    Utc::now(),
                )
                .await
                .unwrap()
                .item;
            }
        }
    };
    for n in 0..items {
        submit(format!("Post {n}")).await;
    }
    let target =
        app::domain::outbound::mail::parse_smtp_url(&format!("smtp://127.0.0.1:{port}")).unwrap();
    let mailer = baton::mail::Mailer::new(&target, "Baton <baton@baton.test>").unwrap();
    let links = Links::new("http://baton.test");

    let started = Instant::now();
    let made = app::service::mail::compose(&state.db, &links, Utc::now())
        .await
        .unwrap();
    let composed = started.elapsed();
    let started = Instant::now();
    while app::service::mail::due(&state.db, Utc::now(), 1)
        .await
        .unwrap()
        .len()
        == 1
    {
        baton::mail::run_once(&state, &mailer, &links, Utc::now())
            .await
            .unwrap();
    }
    let sent = started.elapsed();
    assert_eq!(delivered(), items, "every approval request arrives once");
    println!(
        "one compose pass (at most 500 notices) made {made} messages in {:.0} ms; all {items} were composed and sent in {:.1} s ({:.0} messages/s, one SMTP connection each)",
        composed.as_secs_f64() * 1e3,
        sent.as_secs_f64(),
        items as f64 / sent.as_secs_f64()
    );

    let mut latencies = Vec::new();
    for n in 0..20 {
        let before = delivered();
        let started = Instant::now();
        submit(format!("Timed {n}")).await;
        while delivered() == before {
            baton::mail::run_once(&state, &mailer, &links, Utc::now())
                .await
                .unwrap();
        }
        latencies.push(started.elapsed().as_secs_f64() * 1e3);
    }
    latencies.sort_by(f64::total_cmp);
    println!(
        "change to accepted by the SMTP server, with the sender polling back to back: p50 {:.1} ms, p95 {:.1} ms (the server's sender looks every {} s, so add up to that)",
        latencies[10],
        latencies[18],
        baton::mail::EVERY.as_secs()
    );
    let _ = sink.kill();
    let _ = sink.wait();
}
