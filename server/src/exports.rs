//! `GET /insights/export/<what>?<the page's query>`: a chart's numbers, the period's
//! activity trail (`events`) or the per-item summary (`items`) as a CSV download, for the
//! signed-in person (the same rights as the page: anyone signed in may read).

use std::collections::HashMap;

use app::auth::session::SignedIn;
use app::state::AppState;
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
    match answer {
        Ok(Some((name, text))) => {
            let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/csv; charset=utf-8"),
                    ),
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
        Ok(None) => (StatusCode::NOT_FOUND, "There is no such chart.").into_response(),
        Err(error) if error.status() < 500 => (
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST),
            error.to_string(),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "could not build an insights CSV");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The numbers could not be read; try again later.",
            )
                .into_response()
        }
    }
}
