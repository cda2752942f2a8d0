//! Outbound webhooks' server functions (admins): endpoints, secrets, test events, the
//! delivery log and replays.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use crate::domain::automation::EndpointId;
use crate::error::AppError;

pub use crate::views::webhooks::*;

/// Every webhook endpoint.
#[server(endpoint = "list_endpoints")]
pub async fn list_endpoints() -> Result<Vec<EndpointView>, AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        crate::service::webhooks::list(&state.db).await
    })
    .await
}

/// Adds an endpoint; its signing secret is in the answer, this once.
#[server(endpoint = "create_endpoint", input = leptos::server_fn::codec::Json)]
pub async fn create_endpoint(input: EndpointInput) -> Result<EndpointSecret, AppError> {
    crate::api::serve(Access::Admin, |me, state| async move {
        let allow = state.settings.webhooks_allow_private;
        crate::service::webhooks::create(&state.db, me.user.id, &input, allow, chrono::Utc::now())
            .await
    })
    .await
}

/// Changes an endpoint's address, description or events.
#[server(endpoint = "update_endpoint", input = leptos::server_fn::codec::Json)]
pub async fn update_endpoint(
    id: EndpointId,
    input: EndpointInput,
) -> Result<EndpointView, AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        let allow = state.settings.webhooks_allow_private;
        crate::service::webhooks::update(&state.db, id, &input, allow).await
    })
    .await
}

/// Switches an endpoint on or off.
#[server(endpoint = "switch_endpoint", input = leptos::server_fn::codec::Json)]
pub async fn switch_endpoint(id: EndpointId, on: bool) -> Result<EndpointView, AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        crate::service::webhooks::switch(&state.db, id, on).await
    })
    .await
}

/// Gives an endpoint a new secret (the old one signs too for a day); shown this once.
#[server(endpoint = "rotate_endpoint_secret", input = leptos::server_fn::codec::Json)]
pub async fn rotate_endpoint_secret(id: EndpointId) -> Result<EndpointSecret, AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        crate::service::webhooks::rotate(&state.db, id, chrono::Utc::now()).await
    })
    .await
}

/// Removes an endpoint.
#[server(endpoint = "remove_endpoint", input = leptos::server_fn::codec::Json)]
pub async fn remove_endpoint(id: EndpointId) -> Result<(), AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        crate::service::webhooks::remove(&state.db, id, chrono::Utc::now()).await
    })
    .await
}

/// Sends an endpoint a test event.
#[server(endpoint = "send_test_event", input = leptos::server_fn::codec::Json)]
pub async fn send_test_event(id: EndpointId) -> Result<(), AppError> {
    crate::api::serve(Access::Admin, |me, state| async move {
        crate::service::webhooks::send_test(&state.db, id, me.user.id, chrono::Utc::now()).await
    })
    .await
}

/// An endpoint's latest deliveries, newest first.
#[server(endpoint = "endpoint_deliveries", input = leptos::server_fn::codec::Json)]
pub async fn endpoint_deliveries(id: EndpointId) -> Result<Vec<DeliveryView>, AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        crate::service::webhooks::deliveries(&state.db, id).await
    })
    .await
}

/// Sends a failed delivery again.
#[server(endpoint = "replay_delivery", input = leptos::server_fn::codec::Json)]
pub async fn replay_delivery(delivery: i64) -> Result<(), AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        crate::service::webhooks::replay(&state.db, delivery, chrono::Utc::now()).await
    })
    .await
}

/// The chat channels Baton posts to, without their addresses (everyone signed in).
#[server(endpoint = "chat_channels")]
pub async fn chat_channels() -> Result<Vec<ChatChannelView>, AppError> {
    crate::api::serve(Access::SignedIn, |_, state| async move {
        crate::service::webhooks::chat_channels(&state.db).await
    })
    .await
}
