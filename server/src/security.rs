//! Request guards every route shares: how big a request may be, who is signed in, pages
//! that need it, cross-site request forgery, and the security headers of every response.

use app::auth::session::{self, SignedIn};
use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// The largest request body Baton reads. Every form and every server function fits in far
/// less; without a bound, one request could make the server hold gigabytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The largest body of an import's upload: the largest file an import takes, with room
/// for the escaping of its text inside the request's JSON.
pub const MAX_UPLOAD_BYTES: usize =
    app::domain::exchange::imported::MAX_FILE_BYTES * 3 / 2 + 64 * 1024;

/// The most a request to `path` may send.
fn body_limit(path: &str) -> usize {
    if path == app::api::imports::UPLOAD_PATH {
        MAX_UPLOAD_BYTES
    } else {
        MAX_BODY_BYTES
    }
}

/// Refuses a request whose declared body is over its address's limit ([`MAX_BODY_BYTES`],
/// or [`MAX_UPLOAD_BYTES`] for an import's upload) with 413 and a plain sentence (as a
/// server-function error for `/api/`, so the page shows it), before reading any of it. A
/// body that does not declare its length is cut off at the same size and then cannot be
/// read (400); [`tower_http::limit::RequestBodyLimitLayer`] bounds every body at the
/// largest limit.
pub async fn limit_body(req: Request, next: Next) -> Response {
    let limit = body_limit(req.uri().path());
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        let message = format!(
            "That is more than Baton takes in one request ({} MB). Send less at once, or shorten the text.",
            limit / (1024 * 1024)
        );
        if req.uri().path().starts_with("/api/v1/") {
            return crate::rest::problem::Problem::new(413, "too-large", "Too large", message)
                .into_response();
        }
        if req.uri().path().starts_with("/api/") {
            let body =
                serde_json::to_string(&app::AppError::BadRequest { message }).unwrap_or_default();
            return (
                StatusCode::PAYLOAD_TOO_LARGE,
                [(header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response();
        }
        return (StatusCode::PAYLOAD_TOO_LARGE, message).into_response();
    }
    let req = req.map(|body| axum::body::Body::new(http_body_util::Limited::new(body, limit)));
    next.run(req).await
}

/// Finds the session a request carries and puts its person in the request's extensions.
pub async fn identify(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if let Some(token) = session::token_from(req.headers()) {
        match session::resolve(&state.db, &token, chrono::Utc::now()).await {
            Ok(Some(signed_in)) => {
                req.extensions_mut().insert(signed_in);
            }
            Ok(None) => {}
            Err(e) => {
                tracing::error!(error = %e, "could not read the session");
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The database is unavailable; try again shortly.",
                )
                    .into_response();
            }
        }
    }
    next.run(req).await
}

/// Pages anyone may see without signing in.
fn is_public(path: &str) -> bool {
    path == "/login"
        || path.starts_with("/invite/")
        || path == "/forgot"
        || path.starts_with("/reset/")
        || path.starts_with("/unsubscribe/")
        || path.starts_with("/mail/unsubscribe/")
        || path.starts_with("/forms/")
        || path == "/healthz"
        || path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
}

/// Sends people who are not signed in to `/login`, remembering where they were going.
pub async fn require_sign_in(req: Request, next: Next) -> Response {
    let signed_in = req.extensions().get::<SignedIn>().is_some();
    let path = req.uri().path().to_string();
    let is_page_request = matches!(*req.method(), Method::GET | Method::HEAD);
    if is_page_request && !signed_in && !is_public(&path) {
        let target = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/board");
        return Redirect::to(&format!("/login?next={}", encode_component(target))).into_response();
    }
    if is_page_request && signed_in && path == "/login" {
        return Redirect::to("/board").into_response();
    }
    next.run(req).await
}

fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// Refuses state-changing requests that a browser says come from another site.
pub async fn refuse_cross_site(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // Hooks are called by other systems with a secret address, never with a session; so is
    // a mail app's one-click unsubscribe (RFC 8058), whose address is signed.
    // The public API takes only a token sent in a header, which a browser never adds on
    // its own, so another site cannot make a request in someone's name.
    let hook = req.uri().path().starts_with("/hooks/")
        || req.uri().path().starts_with("/mail/unsubscribe/")
        || req.uri().path().starts_with("/api/v1/");
    if !safe && !hook && is_cross_site(&req) {
        tracing::warn!(path = %req.uri().path(), "refused a cross-site request");
        return (
            StatusCode::FORBIDDEN,
            "Cross-site request refused: changes can only be made from Baton's own pages.",
        )
            .into_response();
    }
    next.run(req).await
}

fn is_cross_site(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if !matches!(site, "same-origin" | "none") {
            return true;
        }
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        host,
    ) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or(origin);
            !origin_host.eq_ignore_ascii_case(host)
        }
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The policy for responses that are not pages (pages set their own, with a nonce).
const DEFAULT_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Adds the headers every response should carry.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    headers.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_CSP),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_paths_are_sign_in_invites_assets_and_the_api() {
        for path in [
            "/login",
            "/invite/abc",
            "/forgot",
            "/reset/abc",
            "/unsubscribe/7:digest:tag",
            "/healthz",
            "/api/sign_in",
            "/pkg/baton.wasm",
            "/favicon.svg",
            "/theme.js",
        ] {
            assert!(is_public(path), "{path}");
        }
        for path in [
            "/",
            "/board",
            "/board/content-production",
            "/items/4",
            "/inbox",
            "/people",
        ] {
            assert!(!is_public(path), "{path}");
        }
    }

    #[test]
    fn next_paths_are_encoded_for_the_query_string() {
        assert_eq!(
            encode_component("/board?owner=3&due=week"),
            "/board%3Fowner%3D3%26due%3Dweek"
        );
    }
}
