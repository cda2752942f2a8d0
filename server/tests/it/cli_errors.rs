//! Bad input at start-up: one line saying what is wrong and what to do, a
//! non-zero exit, and nothing in the database touched.

use std::net::TcpListener;
use std::process::Output;

use crate::common::{free_port, run_baton};

/// The single `error:` line, after checking there is exactly one and the exit failed.
fn the_error_line(out: &Output) -> String {
    assert!(!out.status.success(), "baton should have failed");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one line on stderr, got: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let line = lines[0];
    assert!(line.starts_with("error: "), "{line}");
    line.to_string()
}

fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}", path.display())
}

#[test]
fn a_non_sqlite_database_url_is_refused() {
    let out = run_baton(
        &[("DATABASE_URL", "postgres://db.example/baton")],
        &["migrate"],
    );
    let line = the_error_line(&out);
    assert!(
        line.contains("DATABASE_URL") && line.contains("postgres") && line.contains("sqlite://"),
        "{line}"
    );
}

#[test]
fn a_malformed_sqlite_url_is_refused() {
    let out = run_baton(
        &[("DATABASE_URL", "sqlite://db?mode=sideways")],
        &["migrate"],
    );
    let line = the_error_line(&out);
    assert!(line.contains("is not a valid SQLite URL"), "{line}");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let text = "campaign notes, not a database\n".repeat(200);
    std::fs::write(&path, &text).unwrap();
    let out = run_baton(&[("DATABASE_URL", &sqlite_url(&path))], &["migrate"]);
    let line = the_error_line(&out);
    assert!(line.contains("is not a SQLite database"), "{line}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert!(!dir.path().join("notes.db-wal").exists());
}

#[test]
fn an_unwritable_data_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A regular file where a folder should be: no user, not even root, can create inside it.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let url = sqlite_url(&blocker.join("data").join("baton.db"));
    let out = run_baton(&[("DATABASE_URL", &url)], &["migrate"]);
    let line = the_error_line(&out);
    assert!(
        line.contains("cannot create the data folder") && line.contains("DATABASE_URL"),
        "{line}"
    );
}

#[test]
fn a_database_from_a_newer_baton_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baton.db");
    let url = sqlite_url(&path);
    assert!(run_baton(&[("DATABASE_URL", &url)], &["migrate"])
        .status
        .success());
    // Pretend a future Baton applied migration 99990101000000.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let db = app::db::Db::open(app::db::connect_options(&url).unwrap()).await.unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (99990101000000, 'from the future', TRUE, X'00', 0)",
        )
        .execute(&db.write)
        .await
        .unwrap();
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&db.write).await.unwrap();
        db.close().await;
    });
    let before = std::fs::read(&path).unwrap();
    for args in [&["migrate"][..], &["serve"][..]] {
        let port = free_port().to_string();
        let addr = format!("127.0.0.1:{port}");
        let out = run_baton(&[("DATABASE_URL", &url), ("LEPTOS_SITE_ADDR", &addr)], args);
        let line = the_error_line(&out);
        assert!(
            line.contains("newer version of Baton") && line.contains("99990101000000"),
            "{line}"
        );
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the database file changed"
    );
}

#[test]
fn a_port_in_use_is_refused_before_the_database_is_created() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("baton.db");
    let out = run_baton(
        &[
            ("DATABASE_URL", &sqlite_url(&path)),
            ("LEPTOS_SITE_ADDR", &addr),
        ],
        &["serve"],
    );
    let line = the_error_line(&out);
    assert!(
        line.contains("already in use") && line.contains("LEPTOS_SITE_ADDR"),
        "{line}"
    );
    assert!(
        !path.exists(),
        "no database should be created when the server cannot start"
    );
}

#[test]
fn a_malformed_site_address_is_refused() {
    let out = run_baton(&[("LEPTOS_SITE_ADDR", "localhost:http")], &["serve"]);
    let line = the_error_line(&out);
    assert!(
        line.contains("LEPTOS_SITE_ADDR") && line.contains("127.0.0.1:3000"),
        "{line}"
    );
}

#[test]
fn an_smtp_address_that_cannot_be_read_stops_start_up_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir.path().join("baton.db"));
    let out = run_baton(
        &[
            ("DATABASE_URL", &url),
            ("BATON_SMTP_URL", "mail.example.com:587"),
            ("BATON_MAIL_FROM", "Baton <baton@example.com>"),
        ],
        &["serve"],
    );
    let line = the_error_line(&out);
    assert!(
        line.contains("BATON_SMTP_URL is not an SMTP address") && line.contains("smtp://"),
        "{line}"
    );
    let out = run_baton(
        &[
            ("DATABASE_URL", &url),
            ("BATON_SMTP_URL", "smtp://mail.example.com"),
        ],
        &["serve"],
    );
    assert!(the_error_line(&out).contains("BATON_MAIL_FROM is not set"));
    assert!(!dir.path().join("baton.db").exists(), "nothing was created");
}
