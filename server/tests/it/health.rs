use app::db::{connect_options, Db};
use app::state::AppState;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

use crate::common::TestServer;

#[tokio::test]
async fn a_server_on_an_empty_database_migrates_and_reports_healthy() {
    let server = TestServer::start(&[]).await;
    let response = reqwest::get(server.url("/healthz")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
    // The migrations really ran: the workspace the shell shows is there.
    let db = Db::open(connect_options(&server.database_url).unwrap())
        .await
        .unwrap();
    let ws = app::db::workspace::get(&db.read).await.unwrap();
    assert_eq!(ws.name, "Marketing");
}

#[tokio::test]
async fn healthz_answers_503_when_the_database_is_unreachable() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("h.db").display());
    let db = Db::open(connect_options(&url).unwrap()).await.unwrap();
    db.migrate().await.unwrap();
    let state = AppState::new(
        baton::startup::leptos_options("127.0.0.1:0".parse().unwrap()),
        db.clone(),
        Default::default(),
    );
    let router = baton::routes::router(state);
    let ok = router
        .clone()
        .oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    db.close().await;
    let down = router
        .oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(down.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn unknown_pages_get_the_404_page_and_the_root_redirects_to_the_board() {
    let server = TestServer::start(&["--demo"]).await;
    let signed_out = crate::common::no_redirects();
    let page = signed_out
        .get(server.url("/no-such-page"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.status(),
        303,
        "signed-out visitors are sent to sign in first"
    );
    let token = server
        .sign_in("maya@northwind.example", crate::common::DEMO_PASSWORD)
        .await
        .unwrap();
    let client = crate::common::client_with(&token);
    let missing = client
        .get(server.url("/no-such-page"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert!(missing.text().await.unwrap().contains("Page not found"));
    let root = client.get(server.url("/")).send().await.unwrap();
    assert!(root.status().is_redirection(), "{}", root.status());
    assert_eq!(root.headers()["location"], "/board");
    let board = client.get(server.url("/board")).send().await.unwrap();
    assert_eq!(board.status(), 200);
    let html = board.text().await.unwrap();
    assert!(html.contains("<title>Board · Baton</title>"), "{html}");
}
