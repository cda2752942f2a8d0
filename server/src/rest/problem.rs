//! RFC 9457 problem details: every error of the API, with the engine's reasons as data and
//! in words.

use app::domain::refusal::Refusal;
use app::AppError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of a problem.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// What went wrong, as RFC 9457 describes it, with Baton's extensions.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Problem {
    /// A reference to the kind of problem, explained on the reference page.
    #[serde(rename = "type")]
    #[schema(example = "/api/docs#problem-refused")]
    pub kind: String,
    /// The kind of problem in a few words.
    #[schema(example = "Not yet")]
    pub title: String,
    /// The HTTP status.
    #[schema(example = 422)]
    pub status: u16,
    /// What happened and what would help, in plain words.
    pub detail: String,
    /// The input field at fault, for a validation problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every reason the workflow refused the operation, each with a machine-readable `kind`
    /// (e.g. `missing_field`, `unchecked_checklist`, `pending_approval`) and a `message`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub reasons: Vec<serde_json::Value>,
    /// Seconds to wait before trying again (with 429).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl Problem {
    /// A problem of `status` with a slug for its kind.
    pub fn new(status: u16, slug: &str, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            kind: format!("/api/docs#problem-{slug}"),
            title: title.to_string(),
            status,
            detail: detail.into(),
            field: None,
            reasons: Vec::new(),
            retry_after: None,
        }
    }

    /// 401: no token, or one that opens nothing.
    pub fn unauthorized(detail: impl Into<String>) -> Problem {
        Problem::new(401, "unauthorized", "Token needed", detail)
    }

    /// 403: the token or its person may not do this.
    pub fn forbidden(detail: impl Into<String>) -> Problem {
        Problem::new(403, "forbidden", "Not allowed", detail)
    }

    /// 400: a request that could not be read, with the reason in words.
    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(400, "bad-request", "Request not understood", detail)
    }

    /// 422 naming one field.
    pub fn invalid(field: &str, detail: impl Into<String>) -> Problem {
        Problem {
            field: Some(field.to_string()),
            ..Problem::new(422, "invalid", "Check your input", detail)
        }
    }

    /// 428: a write that does not say which version it was based on.
    pub fn version_required() -> Problem {
        Problem::new(
            428,
            "version-required",
            "Version needed",
            "Send the version you last read (If-Match: \"<version>\", or version in the body), so a change made meanwhile is not saved over.",
        )
    }

    /// 404 for `what`.
    pub fn not_found(what: &str) -> Problem {
        Problem::new(
            404,
            "not-found",
            "Not found",
            format!("{what} was not found."),
        )
    }

    /// 422: the workflow refused, with every reason.
    pub fn refused(refusal: &Refusal) -> Problem {
        let reasons = refusal
            .reasons
            .iter()
            .map(|reason| {
                let mut value = serde_json::to_value(&reason.kind)
                    .unwrap_or_else(|_| serde_json::json!({ "kind": "other" }));
                if let Some(map) = value.as_object_mut() {
                    map.insert("message".into(), reason.message.clone().into());
                }
                value
            })
            .collect();
        Problem {
            reasons,
            ..Problem::new(422, "refused", "Not yet", refusal.messages().join(" "))
        }
    }
}

impl From<AppError> for Problem {
    fn from(err: AppError) -> Self {
        let detail = err.to_string();
        match err {
            AppError::BadRequest { .. } => Problem::bad_request(detail),
            AppError::NotFound { what } => Problem::not_found(&what),
            AppError::Unauthorized => Problem::unauthorized(detail),
            AppError::Forbidden { .. } => Problem::forbidden(detail),
            AppError::Validation { field, message } => Problem::invalid(&field, message),
            AppError::Conflict { message } => {
                Problem::new(409, "conflict", "Changed by someone else", message)
            }
            AppError::InvalidMove { reasons } => Problem {
                reasons: reasons
                    .iter()
                    .map(|m| serde_json::json!({ "kind": "refused", "message": m }))
                    .collect(),
                ..Problem::new(422, "refused", "Not yet", reasons.join(" "))
            },
            AppError::Internal | AppError::Network(_) => Problem::new(
                500,
                "internal",
                "Something went wrong",
                AppError::Internal.to_string(),
            ),
        }
    }
}

impl From<Refusal> for Problem {
    fn from(refusal: Refusal) -> Self {
        Problem::refused(&refusal)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_string(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// What every handler returns.
pub type ApiResult<T> = Result<T, Problem>;
