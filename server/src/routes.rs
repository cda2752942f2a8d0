//! The HTTP surface: pages and server functions (through Leptos), static files, health.

use app::db::Db;
use app::state::AppState;
use app::{shell, App};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Redirect;
use axum::routing::get;
use axum::Router;
use leptos_axum::{generate_route_list_with_exclusions, LeptosRoutes};
use tower_http::trace::TraceLayer;

/// Every route of Baton, ready to serve.
pub fn router(state: AppState) -> Router {
    // `/` is answered here with a real redirect status; the app's own `/` route
    // covers client-side navigation.
    let routes = generate_route_list_with_exclusions(App, Some(vec!["/".to_string()]));
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/", get(|| async { Redirect::to("/board") }))
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
async fn healthz(State(db): State<Db>) -> (StatusCode, &'static str) {
    let check = tokio::time::timeout(std::time::Duration::from_secs(2), db.is_reachable()).await;
    match check {
        Ok(true) => (StatusCode::OK, "ok"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}
