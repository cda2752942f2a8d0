//! The public REST API at `/api/v1`: JSON over HTTP for other tools (an ESP posting open
//! rates, a form tool filing requests, a BI tool reading the trail).
//!
//! It is a contract, so it has its own shapes ([`dto`]) rather than the pages' view types,
//! and its OpenAPI 3.1 document is generated from the handlers that serve it (utoipa): a
//! route cannot be served without being documented. Every call is made with a personal
//! access token and goes through the same services, and so the same engine rules and
//! authorization, as the pages: the token only ever narrows what its person may do.
//!
//! Around every handler: the token is checked ([`guard::authenticate`], 401), the token's
//! rate is limited ([`guard::RateLimiter`], 429 with `Retry-After`), and a POST with an
//! `Idempotency-Key` is answered once ([`guard::idempotent`]). Errors are RFC 9457 problem
//! details ([`problem::Problem`]).

// A problem is made once for a refused request and turned into its answer at once; boxing
// it would only add an allocation to every error path.
#![allow(clippy::result_large_err)]

pub mod docs;
pub mod dto;
pub mod guard;
pub mod items;
pub mod problem;
pub mod records;

use std::sync::Arc;

use app::state::AppState;
use axum::routing::get;
use axum::{middleware, Router};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The document's fixed parts; the paths come from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Baton API",
        version = "1.0.0",
        description = "Baton's public API: items and their workflow moves, approvals, results, \
            workflows, campaigns, people, the calendar, the activity trail and where events go.\n\n\
            Every request needs a personal access token (make one on your profile) sent as \
            `Authorization: Bearer baton_pat_…`. A token acts as its person and never more: \
            its scopes narrow what the person's role allows.\n\n\
            Errors are RFC 9457 problem details (`application/problem+json`). A POST may carry \
            an `Idempotency-Key` header: a retry with the same key gets the first answer. \
            Writes to an item or campaign take the version last read (`If-Match` with the \
            ETag, or `version` in the body): a stale write is refused with 409, never saved \
            over someone else's change. Each token may make 600 requests a minute unless the \
            server says otherwise; past that the answer is 429 with `Retry-After`.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
        contact(name = "Your Baton's admins")
    ),
    servers((url = "/api/v1", description = "This Baton")),
    modifiers(&BearerAuth),
    tags(
        (name = "items", description = "Work items (cards): read, create, edit, move, comment, decide, record results"),
        (name = "workflows", description = "Workflow definitions"),
        (name = "campaigns", description = "Campaigns and their results"),
        (name = "people", description = "The team"),
        (name = "calendar", description = "Scheduled entries by period"),
        (name = "activity", description = "The activity trail, read forward with a cursor"),
        (name = "webhooks", description = "Where Baton's events go (admins)"),
        (name = "tokens", description = "The token making the request")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("baton_pat_…")
                    .description(Some(
                        "A personal access token. Scopes: read, items:write, results:write, admin.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every documented operation, and the document describing them.
fn operations() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(records::me))
        .routes(routes!(items::list_items, items::create_item))
        .routes(routes!(items::get_item, items::edit_item))
        .routes(routes!(items::move_item))
        .routes(routes!(items::submit_item))
        .routes(routes!(items::tick_item))
        .routes(routes!(items::comment_item))
        .routes(routes!(items::decide_item))
        .routes(routes!(items::record_item_result))
        .routes(routes!(records::list_workflows))
        .routes(routes!(records::get_workflow))
        .routes(routes!(records::list_campaigns, records::create_campaign))
        .routes(routes!(records::get_campaign, records::edit_campaign))
        .routes(routes!(records::record_campaign_result))
        .routes(routes!(records::list_people))
        .routes(routes!(records::calendar_entries))
        .routes(routes!(records::list_events))
        .routes(routes!(records::list_webhooks))
        .split_for_parts()
}

/// The OpenAPI document, as served at `/api/v1/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    operations().1
}

/// `/api/v1/…` and `/api/docs`, ready to merge into the site's router.
pub fn router(state: AppState) -> Router<AppState> {
    let (api, doc) = operations();
    let doc = Arc::new(doc);
    let per_minute = state
        .settings
        .api_requests_per_minute
        .unwrap_or(app::state::DEFAULT_API_RATE_LIMIT);
    let limiter = Arc::new(guard::RateLimiter::new(per_minute));
    let api = api
        .layer(middleware::from_fn_with_state(
            state.clone(),
            guard::idempotent,
        ))
        .layer(middleware::from_fn_with_state(limiter, guard::limit_rate))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            guard::authenticate,
        ))
        .fallback(guard::no_such_operation);
    let json_doc = doc.clone();
    // Served without a token: tools read the document before they have one.
    let api = api.route(
        "/openapi.json",
        get(move || {
            let doc = json_doc.clone();
            async move { axum::Json(doc.as_ref().clone()) }
        }),
    );
    Router::new()
        .route(
            "/api/docs",
            get(move || {
                let doc = doc.clone();
                async move { docs::page(&doc) }
            }),
        )
        .nest("/api/v1", api)
}
