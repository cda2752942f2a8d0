use crate::common::{run_baton, TestServer};

#[tokio::test]
async fn backup_writes_a_consistent_copy_while_the_server_runs() {
    let server = TestServer::start(&["--demo"]).await;
    let target = server.dir.path().join("copy.db");
    let out = run_baton(
        &[("DATABASE_URL", &server.database_url)],
        &["backup", target.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Backed up"));
    // The copy is a database of its own with the demo workspace in it.
    let copy = app::db::Db::open(
        app::db::connect_options(&format!("sqlite://{}", target.display())).unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(
        app::db::workspace::get(&copy.read).await.unwrap().name,
        "Northwind Marketing"
    );
    // The server kept serving throughout.
    assert_eq!(
        reqwest::get(server.url("/healthz")).await.unwrap().status(),
        200
    );

    // A second backup to the same file is refused rather than overwriting it.
    let again = run_baton(
        &[("DATABASE_URL", &server.database_url)],
        &["backup", target.to_str().unwrap()],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}
