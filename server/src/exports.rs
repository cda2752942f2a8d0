//! CSV downloads for the signed-in person (the same rights as the pages: anyone signed in
//! may read): `GET /insights/export/<what>?<the page's query>` — a chart's numbers, the
//! period's activity trail (`events`) or the per-item summary (`items`) — and
//! `GET /sends/export?<the send log's filter>`; and for admins the whole workspace as JSON,
//! `GET /exports/workspace.json`.

use std::collections::HashMap;

use app::auth::session::SignedIn;
use app::state::AppState;
use app::views::campaigns::SendFilter;
use app::views::insights::InsightsQuery;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Answers a CSV download.
pub async fn insights_csv(
    State(state): State<AppState>,
    Path(what): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    request: Request,
) -> Response {
    let Some(me) = request.extensions().get::<SignedIn>().cloned() else {
        return (StatusCode::UNAUTHORIZED, "Sign in to download insights.").into_response();
    };
    let query = InsightsQuery::from_query(|key| query.get(key).cloned());
    let answer =
        app::service::insights::chart_csv(&state.db, &me.user, &query, &what, chrono::Utc::now())
            .await;
    download(
        answer.map(|found| found.ok_or("There is no such chart.")),
        "an insights CSV",
    )
}

/// `GET /exports/items?workflow=<id>&<the board's filters>`: a board's items as CSV, as
/// the board filters them (every column, all pages).
pub async fn board_csv(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    request: Request,
) -> Response {
    if request.extensions().get::<SignedIn>().is_none() {
        return (StatusCode::UNAUTHORIZED, "Sign in to download a board.").into_response();
    }
    let Some(workflow) = query
        .get("workflow")
        .map(|w| w.trim())
        .filter(|w| !w.is_empty() && w.len() <= app::domain::limits::SHORT)
    else {
        return (
            StatusCode::BAD_REQUEST,
            "Say which board: ?workflow=<its id>.",
        )
            .into_response();
    };
    let filter = app::domain::filter::BoardFilter::from_query(|key| query.get(key).cloned());
    let workflow = app::domain::WorkflowId(workflow.to_string());
    let answer =
        app::service::board::export_csv(&state.db, &workflow, &filter, chrono::Utc::now()).await;
    download(answer.map(Ok), "a board's CSV")
}

/// Answers the send log as a CSV download.
pub async fn sends_csv(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    request: Request,
) -> Response {
    let Some(me) = request.extensions().get::<SignedIn>().cloned() else {
        return (
            StatusCode::UNAUTHORIZED,
            "Sign in to download the send log.",
        )
            .into_response();
    };
    let filter = SendFilter::from_query(|key| query.get(key).cloned());
    let answer = app::service::sends::csv(&state.db, &me.user, &filter).await;
    download(answer.map(Ok), "the send log's CSV")
}

/// `GET /exports/workspace.json`: everything in the workspace as one JSON document
/// (admins only), which a later import reads back.
pub async fn workspace_json(State(state): State<AppState>, request: Request) -> Response {
    let Some(me) = request.extensions().get::<SignedIn>().cloned() else {
        return (StatusCode::UNAUTHORIZED, "Sign in to export the workspace.").into_response();
    };
    let answer =
        app::service::workspace_export::workspace_json(&state.db, &me.user, chrono::Utc::now())
            .await;
    file(answer.map(Ok), "the workspace export", "application/json")
}

/// A CSV file's answer (see [`file`]).
fn download(
    answer: Result<Result<(String, String), &'static str>, app::error::AppError>,
    what: &str,
) -> Response {
    file(answer, what, "text/csv; charset=utf-8")
}

/// A download's answer: the file, a 404 with its sentence, a refusal with its status, or
/// (logged) a 500.
fn file(
    answer: Result<Result<(String, String), &'static str>, app::error::AppError>,
    what: &str,
    content_type: &'static str,
) -> Response {
    match answer {
        Ok(Ok((name, text))) => {
            let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
            (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                    (header::CONTENT_DISPOSITION, disposition),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("private, no-store"),
                    ),
                ],
                text,
            )
                .into_response()
        }
        Ok(Err(missing)) => (StatusCode::NOT_FOUND, missing).into_response(),
        Err(error) if error.status() < 500 => (
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST),
            error.to_string(),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "could not build {what}");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The export could not be read; try again later.",
            )
                .into_response()
        }
    }
}
