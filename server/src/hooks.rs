//! `POST /hooks/<token>`: what other tools send Baton — a result to record, or a request
//! to file as an item. The token is the credential: an unknown or revoked one gets 404 and
//! nothing is recorded; a body that is not what the hook takes gets 400 with the reason.

use app::service::automation::hooks::{receive, Received, Signed};
use app::state::AppState;
use app::AppError;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Answers a hook call.
pub async fn hook(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let signed = Signed {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
    };
    match receive(&state.db, &token, signed, &body, chrono::Utc::now()).await {
        Ok(Received::Recorded(id)) => {
            (StatusCode::OK, Json(serde_json::json!({ "recorded": id }))).into_response()
        }
        Ok(Received::Created(item)) => {
            if let Ok(mut conn) = state.db.read.acquire().await {
                if let Ok(Some(item)) = app::db::items::load(&mut conn, item).await {
                    state.live.item_changed(&item);
                }
            }
            (
                StatusCode::CREATED,
                Json(serde_json::json!({ "item": item.0 })),
            )
                .into_response()
        }
        Err(err) => {
            let status =
                StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let message = match &err {
                AppError::NotFound { .. } => "No such hook.".to_owned(),
                other => other.to_string(),
            };
            (status, Json(serde_json::json!({ "error": message }))).into_response()
        }
    }
}
