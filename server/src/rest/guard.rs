//! What stands around every API handler: the token, its scopes, its rate, idempotent
//! retries, and extractors whose rejections are problem details.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use app::domain::tokens::{permits, Scope};
use app::service::tokens::{self, Bearer, Claim};
use app::state::AppState;
use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::problem::{ApiResult, Problem};

/// The token a request was made with, and its person.
#[derive(Debug, Clone)]
pub struct Caller(pub Bearer);

impl Caller {
    /// The person behind the token.
    pub fn user(&self) -> &app::auth::CurrentUser {
        &self.0.user
    }

    /// `Ok` when the token has `scope` and its person may use it; 403 with why otherwise.
    pub fn need(&self, scope: Scope) -> ApiResult<()> {
        permits(&self.0.scopes, self.0.user.role, scope)
            .map_err(|denial| Problem::forbidden(denial.message()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| Problem::unauthorized("Send a token: Authorization: Bearer baton_pat_…"))
    }
}

/// Finds the token of a request (401 without a working one) and puts its [`Caller`] in the
/// request's extensions. The document itself is served without one.
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim);
    let Some(header) = header else {
        return Problem::unauthorized(
            "This request has no token. Make one on your profile and send it as Authorization: Bearer baton_pat_….",
        )
        .into_response();
    };
    let Some(secret) = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
    else {
        return Problem::unauthorized(
            "Send the token as Authorization: Bearer baton_pat_… (the word Bearer, a space, the token).",
        )
        .into_response();
    };
    match tokens::authenticate(&state.db, secret.trim(), chrono::Utc::now()).await {
        Ok(Ok(bearer)) => {
            req.extensions_mut().insert(Caller(bearer));
            next.run(req).await
        }
        Ok(Err(why)) => Problem::unauthorized(why).into_response(),
        Err(err) => Problem::from(err).into_response(),
    }
}

/// A token bucket per token: `per_minute` requests a minute, refilled evenly, so a burst
/// up to the limit is allowed and a steady stream above it is not.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<i64, (f64, Instant)>>,
}

impl RateLimiter {
    /// A limiter allowing `per_minute` requests a minute per token.
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute: per_minute.max(1),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `token`'s bucket at `now`: `Ok(left)`, or `Err(seconds)` to wait.
    pub fn take(&self, token: i64, now: Instant) -> Result<u32, u64> {
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > 100_000 {
            // Old entries of tokens no longer in use: a full bucket is the same as none.
            buckets.retain(|_, (_, at)| now.duration_since(*at).as_secs() < 60);
        }
        let (level, at) = buckets.entry(token).or_insert((capacity, now));
        let refilled = (*level + now.duration_since(*at).as_secs_f64() * per_second).min(capacity);
        *at = now;
        if refilled >= 1.0 {
            *level = refilled - 1.0;
            Ok(level.floor() as u32)
        } else {
            *level = refilled;
            Err(((1.0 - refilled) / per_second).ceil().max(1.0) as u64)
        }
    }
}

/// Refuses a token's request past its rate with 429 and `Retry-After`.
pub async fn limit_rate(
    State(limiter): State<Arc<RateLimiter>>,
    req: Request,
    next: Next,
) -> Response {
    let Some(token) = req.extensions().get::<Caller>().map(|c| c.0.token) else {
        return next.run(req).await;
    };
    match limiter.take(token, Instant::now()) {
        Ok(left) => {
            let mut response = next.run(req).await;
            let headers = response.headers_mut();
            headers.insert("ratelimit-limit", HeaderValue::from(limiter.per_minute));
            headers.insert("ratelimit-remaining", HeaderValue::from(left));
            response
        }
        Err(wait) => Problem {
            retry_after: Some(wait),
            ..Problem::new(
                429,
                "rate-limited",
                "Too many requests",
                format!(
                    "This token made more than {} requests in a minute. Wait {wait} s and try again.",
                    limiter.per_minute
                ),
            )
        }
        .into_response(),
    }
}

/// The longest `Idempotency-Key` taken.
const MAX_KEY: usize = 255;
/// The largest answer kept for a retry.
const MAX_KEPT: usize = 256 * 1024;

/// Answers a POST with an `Idempotency-Key` once: a retry with the same key and the same
/// request gets the first answer (marked `Idempotent-Replayed: true`); the same key with a
/// different request is refused (422); a retry while the first is still being answered gets
/// 409. Answers are kept for a day.
pub async fn idempotent(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let key = match req.headers().get("idempotency-key").map(|v| v.to_str()) {
        None => return next.run(req).await,
        Some(Ok(key)) if !key.trim().is_empty() && key.len() <= MAX_KEY => key.trim().to_string(),
        Some(_) => {
            return Problem::bad_request(format!(
                "An Idempotency-Key is 1 to {MAX_KEY} visible ASCII characters, such as a UUID."
            ))
            .into_response()
        }
    };
    let Some(token) = req.extensions().get::<Caller>().map(|c| c.0.token) else {
        return next.run(req).await;
    };
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, crate::security::MAX_BODY_BYTES).await else {
        return Problem::bad_request("The request body could not be read.").into_response();
    };
    let fingerprint = format!(
        "{} {} {:x}",
        parts.method,
        parts.uri.path(),
        Sha256::digest(&bytes)
    );
    let now = chrono::Utc::now();
    match tokens::claim_key(&state.db, token, &key, &fingerprint, now).await {
        Err(err) => Problem::from(err).into_response(),
        Ok(Claim::Reused) => Problem::new(
            422,
            "idempotency-key-reused",
            "Key used for another request",
            "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
        )
        .into_response(),
        Ok(Claim::InFlight) => Problem::new(
            409,
            "idempotency-in-flight",
            "Still being answered",
            "The first request with this Idempotency-Key is still being answered. Try again in a moment.",
        )
        .into_response(),
        Ok(Claim::Answered { status, body }) => replay(status, body),
        Ok(Claim::Fresh) => {
            let response = next
                .run(Request::from_parts(parts, Body::from(bytes)))
                .await;
            let (parts, body) = response.into_parts();
            let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
                let _ = tokens::keep_answer(&state.db, token, &key, 500, None).await;
                return Problem::from(app::AppError::Internal).into_response();
            };
            let text = (bytes.len() <= MAX_KEPT).then(|| String::from_utf8_lossy(&bytes));
            let status = parts.status.as_u16();
            if let Err(err) =
                tokens::keep_answer(&state.db, token, &key, status, text.as_deref()).await
            {
                tracing::error!(error = %err, "could not keep an idempotent answer");
            }
            Response::from_parts(parts, Body::from(bytes))
        }
    }
}

fn replay(status: u16, body: String) -> Response {
    let status = axum::http::StatusCode::from_u16(status).unwrap_or(axum::http::StatusCode::OK);
    let kind = if status.is_success() {
        "application/json"
    } else {
        super::problem::PROBLEM_JSON
    };
    (
        status,
        [
            (header::CONTENT_TYPE, kind),
            (
                header::HeaderName::from_static("idempotent-replayed"),
                "true",
            ),
        ],
        body,
    )
        .into_response()
}

/// Any path under `/api/v1` that is not an operation.
pub async fn no_such_operation(method: Method, uri: axum::http::Uri) -> Problem {
    Problem::new(
        404,
        "no-such-operation",
        "No such operation",
        format!(
            "{method} {} is not an operation of this API. The operations are listed at /api/v1/openapi.json and /api/docs.",
            uri.path()
        ),
    )
}

/// A JSON body whose rejection is a problem saying what was wrong with it.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(JsonBody(value)),
            Err(rejection) => Err(Problem::bad_request(format!(
                "The body is not the JSON this operation takes ({}). See /api/docs.",
                rejection.body_text().trim_end_matches('.')
            ))),
        }
    }
}

/// Query parameters whose rejection is a problem.
pub struct QueryOf<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for QueryOf<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(QueryOf(value)),
            Err(rejection) => Err(Problem::bad_request(format!(
                "The query is not what this operation takes ({}).",
                rejection.body_text().trim_end_matches('.')
            ))),
        }
    }
}

/// A numeric id in the path; anything else is a 404 (no such thing can exist).
pub struct IdPath(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| Problem::not_found("That"))?;
        raw.parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(IdPath)
            .ok_or_else(|| {
                Problem::not_found(&format!("“{}”", app::domain::limits::shortened(&raw, 40)))
            })
    }
}

/// A cursor this API gave (a number, 0 or more); anything else is a 400.
pub fn cursor(text: &str) -> ApiResult<i64> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| {
            Problem::bad_request("That cursor is not one this API gave; start again without it.")
        })
}

/// How many a page may hold: `default` unless given, and from 1 to
/// [`app::service::public::MAX_PAGE`]; anything else is a 422 on `limit`.
pub fn page_limit(given: Option<u32>, default: u32) -> ApiResult<u32> {
    let max = app::service::public::MAX_PAGE;
    let limit = given.unwrap_or(default);
    if (1..=max).contains(&limit) {
        Ok(limit)
    } else {
        Err(Problem::invalid(
            "limit",
            format!("The limit is from 1 to {max}."),
        ))
    }
}

/// The version a write was based on: `If-Match: "3"` (an ETag this API gave) or `version`
/// in the body. `None` when neither was sent.
pub fn based_on(headers: &axum::http::HeaderMap, body: Option<u32>) -> ApiResult<Option<u32>> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(body);
    };
    let text = value.to_str().unwrap_or_default().trim();
    let tag = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
    let version = tag.parse::<u32>().map_err(|_| {
        Problem::bad_request("If-Match takes the ETag this API gave, such as \"3\".")
    })?;
    if body.is_some_and(|b| b != version) {
        return Err(Problem::bad_request(
            "If-Match and version say different things; send one of them.",
        ));
    }
    Ok(Some(version))
}

/// A versioned thing's answer: its body, its version as ETag, and (when `status` is 201)
/// `Location: <path>`.
pub fn versioned<T: serde::Serialize>(
    status: axum::http::StatusCode,
    body: T,
    version: u32,
    path: String,
) -> Response {
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(header::ETAG, etag(version));
    if status == axum::http::StatusCode::CREATED {
        if let Ok(location) = HeaderValue::from_str(&path) {
            response.headers_mut().insert(header::LOCATION, location);
        }
    }
    response
}

/// The ETag of a version.
pub fn etag(version: u32) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bucket_allows_a_burst_then_one_request_per_refill() {
        let limiter = RateLimiter::new(60);
        let t0 = Instant::now();
        for left in (0..60).rev() {
            assert_eq!(limiter.take(7, t0), Ok(left));
        }
        assert_eq!(limiter.take(7, t0), Err(1));
        assert_eq!(limiter.take(8, t0), Ok(59), "each token has its own bucket");
        assert_eq!(limiter.take(7, t0 + Duration::from_secs(1)), Ok(0));
        assert_eq!(limiter.take(7, t0 + Duration::from_millis(1500)), Err(1));
    }

    #[test]
    fn if_match_or_a_version_names_what_a_write_was_based_on() {
        let mut headers = axum::http::HeaderMap::new();
        assert_eq!(based_on(&headers, None), Ok(None));
        assert_eq!(based_on(&headers, Some(4)), Ok(Some(4)));
        headers.insert(header::IF_MATCH, HeaderValue::from_static("W/\"3\""));
        assert_eq!(based_on(&headers, None), Ok(Some(3)));
        assert_eq!(based_on(&headers, Some(4)).unwrap_err().status, 400);
        headers.insert(header::IF_MATCH, HeaderValue::from_static("*"));
        assert_eq!(based_on(&headers, None).unwrap_err().status, 400);
    }
}
