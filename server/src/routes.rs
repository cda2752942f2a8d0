//! The HTTP surface: pages and server functions (through Leptos), static files, health,
//! live board events and calendar feeds.

use app::db::Db;
use app::state::AppState;
use app::{shell, App};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Redirect;
use axum::routing::get;
use axum::{middleware, Router};

use crate::security;
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
        .route("/api/events", get(board_events))
        .route("/api/inbox-events", get(inbox_events))
        .route("/calendar.ics", get(crate::feed::calendar_feed))
        .route("/hooks/{token}", axum::routing::post(crate::hooks::hook))
        .route("/insights/export/{what}", get(crate::exports::insights_csv))
        .route("/sends/export", get(crate::exports::sends_csv))
        .route("/exports/items", get(crate::exports::board_csv))
        .route(
            "/exports/workspace.json",
            get(crate::exports::workspace_json),
        )
        .route(
            "/mail/unsubscribe/{token}",
            get(one_click_page).post(one_click_unsubscribe),
        )
        .route("/", get(|| async { Redirect::to("/board") }))
        .nest("/pkg", crate::assets::router(&options))
        .merge(crate::rest::router(state.clone()))
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Layers run bottom-up: headers on everything, then the body's size, then
        // CSRF, then who is signed in, then whether this page needs them to be.
        .layer(middleware::from_fn(security::require_sign_in))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::identify,
        ))
        .layer(middleware::from_fn(security::refuse_cross_site))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            security::MAX_UPLOAD_BYTES,
        ))
        // axum's own 2 MB default for extractors would cut an import's upload short; the
        // limits per address are `security::limit_body`'s.
        .layer(axum::extract::DefaultBodyLimit::max(
            security::MAX_UPLOAD_BYTES,
        ))
        .layer(middleware::from_fn(security::limit_body))
        .layer(middleware::from_fn(security::security_headers))
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

/// `POST /mail/unsubscribe/<token>`: RFC 8058's one-click unsubscribe, which mail apps send
/// (`List-Unsubscribe=One-Click`) from the List-Unsubscribe header. No session is needed:
/// the address is signed.
async fn one_click_unsubscribe(
    State(db): State<Db>,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> (StatusCode, String) {
    match app::service::mail::unsubscribe(&db, &token).await {
        Ok(what) => (StatusCode::OK, format!("Unsubscribed from {what}.")),
        Err(err) => (
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST),
            err.to_string(),
        ),
    }
}

/// `GET /mail/unsubscribe/<token>`: someone opened the header's address in a browser; the
/// page asks before it unsubscribes.
async fn one_click_page(
    axum::extract::Path(token): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let plausible = token.len() <= 300
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'~' | b':'));
    if !plausible {
        return (StatusCode::NOT_FOUND, "This unsubscribe link was not found").into_response();
    }
    Redirect::to(&format!("/unsubscribe/{token}")).into_response()
}

/// How long one event stream lasts before the browser reconnects (at once, and
/// without missing anything: it compares notice numbers). Bounded so that a
/// graceful shutdown never waits long on an open board.
const STREAM_LIFETIME: std::time::Duration = std::time::Duration::from_secs(20);

#[derive(serde::Deserialize)]
struct EventsQuery {
    workflow: Option<String>,
}

/// `GET /api/events?workflow=…`: server-sent events telling an open board which
/// cards changed. First a `hello` with the workflow's last notice number, then
/// an `item` per change, and `resync` when this stream fell too far behind.
/// Without `workflow` (the calendar): every change, and `hello` counts them all.
async fn board_events(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<EventsQuery>,
    request: axum::extract::Request,
) -> axum::response::Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    use axum::response::IntoResponse;
    use tokio::sync::broadcast::error::RecvError;

    if request
        .extensions()
        .get::<app::auth::session::SignedIn>()
        .is_none()
    {
        return (StatusCode::UNAUTHORIZED, "Sign in to follow the board.").into_response();
    }
    let workflow = query.workflow.map(app::domain::WorkflowId);
    let hello_seq = workflow
        .as_ref()
        .map_or_else(|| state.live.total(), |w| state.live.last_seq(w));
    let hello = Event::default()
        .event("hello")
        .retry(std::time::Duration::from_millis(500))
        .data(hello_seq.to_string());
    let receiver = state.live.subscribe();
    let deadline = tokio::time::Instant::now() + STREAM_LIFETIME;
    let notices = futures::stream::unfold(receiver, move |mut receiver| {
        let workflow = workflow.clone();
        async move {
            loop {
                let next = tokio::time::timeout_at(deadline, receiver.recv())
                    .await
                    .ok()?;
                let event = match next {
                    Ok(notice) if workflow.as_ref().is_none_or(|w| *w == notice.workflow) => {
                        Event::default().event("item").json_data(&notice).ok()?
                    }
                    Ok(_) => continue,
                    Err(RecvError::Lagged(_)) => Event::default().event("resync").data(""),
                    Err(RecvError::Closed) => return None,
                };
                return Some((Ok::<_, std::convert::Infallible>(event), receiver));
            }
        }
    });
    let stream =
        futures::StreamExt::chain(futures::stream::once(async move { Ok(hello) }), notices);
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// `GET /api/inbox-events`: server-sent events telling a signed-in person's pages that their
/// inbox or notifications may have changed: `hello` first (catch up), then `changed` after
/// any item changes or when something is meant for them alone (an SLA reminder). Pages
/// re-read their counts; what changed for whom stays on the server.
async fn inbox_events(
    State(state): State<AppState>,
    request: axum::extract::Request,
) -> axum::response::Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    use axum::response::IntoResponse;
    use futures::StreamExt;

    let Some(me) = request
        .extensions()
        .get::<app::auth::session::SignedIn>()
        .map(|s| s.user.id)
    else {
        return (StatusCode::UNAUTHORIZED, "Sign in to follow your inbox.").into_response();
    };
    let hello = Event::default()
        .event("hello")
        .retry(std::time::Duration::from_millis(1000))
        // Browsers drop events whose data is empty, so each says something.
        .data("hello");
    let deadline = tokio::time::Instant::now() + STREAM_LIFETIME;
    let items = tokio_stream_of(state.live.subscribe()).map(|_| ());
    let nudges = tokio_stream_of(state.live.subscribe_nudges())
        .filter(move |person| std::future::ready(person.as_ref().is_none_or(|p| *p == me)))
        .map(|_| ());
    let changes = futures::stream::select(items, nudges)
        .take_until(tokio::time::sleep_until(deadline))
        .map(|()| {
            Ok::<_, std::convert::Infallible>(Event::default().event("changed").data("changed"))
        });
    let stream = futures::stream::once(async move { Ok(hello) }).chain(changes);
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// A broadcast receiver as a stream; a lagging receiver yields `None` (which still means
/// "something changed") and a closed one ends the stream.
fn tokio_stream_of<T: Clone + Send + 'static>(
    receiver: tokio::sync::broadcast::Receiver<T>,
) -> impl futures::Stream<Item = Option<T>> + Send {
    use tokio::sync::broadcast::error::RecvError;
    futures::stream::unfold(receiver, |mut receiver| async move {
        match receiver.recv().await {
            Ok(value) => Some((Some(value), receiver)),
            Err(RecvError::Lagged(_)) => Some((None, receiver)),
            Err(RecvError::Closed) => None,
        }
    })
}
