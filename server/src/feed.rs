//! `GET /calendar.ics?token=…[&channel=…&campaign=…&workflow=…&owner=…]`: a
//! person's private calendar feed for calendar apps, which send no session.
//! The token is the credential: an unknown or revoked one gets 404 and nothing else.

use std::collections::HashMap;

use app::domain::filter::ItemFilter;
use app::service::calendar::{ics_feed, FeedRequest};
use app::state::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The host a request was sent to, if it looks like one (letters, digits, dots,
/// dashes, a port, an IPv6 address in brackets); anything else is not echoed back.
fn host_of(headers: &HeaderMap) -> Option<&str> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let plausible = !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    plausible.then_some(host)
}

/// The host name without its port, for event UIDs.
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        return host.split(']').next().map_or(host, |h| &host[..=h.len()]);
    }
    host.split(':').next().unwrap_or(host)
}

/// Answers a calendar app.
pub async fn calendar_feed(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "No such calendar.").into_response();
    let Some(token) = query
        .get("token")
        .map(String::as_str)
        .filter(|t| !t.is_empty())
    else {
        return not_found();
    };
    let filter = ItemFilter::from_query(|key| query.get(key).cloned());
    // A public address, when set, is stable; the Host header is whatever the client sent.
    let public = state
        .settings
        .public_url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok());
    let (origin, host) = match public.as_ref().and_then(|u| Some((u, u.host_str()?))) {
        Some((url, host)) => (
            url.as_str().trim_end_matches('/').to_string(),
            host.to_string(),
        ),
        None => {
            let host = host_of(&headers).unwrap_or("localhost");
            let scheme = if state.settings.secure_cookies {
                "https"
            } else {
                "http"
            };
            (format!("{scheme}://{host}"), host_name(host).to_string())
        }
    };
    let request = FeedRequest {
        token,
        filter: &filter,
        origin: &origin,
        host: &host,
    };
    match ics_feed(&state.db, request, chrono::Utc::now()).await {
        Ok(Some(text)) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/calendar; charset=utf-8"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("private, max-age=300"),
                ),
            ],
            text,
        )
            .into_response(),
        Ok(None) => not_found(),
        Err(error) => {
            tracing::error!(%error, "could not build a calendar feed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The calendar could not be read; try again later.",
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plausible_hosts_are_used_and_ports_are_left_out_of_uids() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("baton.example:8443"));
        assert_eq!(host_of(&headers), Some("baton.example:8443"));
        assert_eq!(host_name("baton.example:8443"), "baton.example");
        assert_eq!(host_name("[::1]:3000"), "[::1]");
        headers.insert(header::HOST, HeaderValue::from_static("evil.example/\"x"));
        assert_eq!(host_of(&headers), None);
    }
}
