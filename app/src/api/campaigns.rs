//! Campaigns' and the send log's server functions: the list and one campaign (anyone
//! signed in), creating, editing, closing and reopening (managers and admins), recording
//! a campaign's results and an item's sends (members up).

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use crate::domain::campaign::CampaignInput;
use crate::domain::{CampaignId, ItemId};
use crate::error::AppError;

pub use crate::views::campaigns::*;

/// Every campaign with its status.
#[server(endpoint = "list_campaigns")]
pub async fn list_campaigns() -> Result<CampaignList, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::campaigns::list(&state.db, &me.user, chrono::Utc::now()).await
    })
    .await
}

/// One campaign: its timeline, items, goals, budget and trail.
#[server(endpoint = "get_campaign")]
pub async fn get_campaign(id: CampaignId) -> Result<CampaignDetail, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::campaigns::detail(&state.db, &me.user, id, chrono::Utc::now()).await
    })
    .await
}

/// Creates a campaign.
#[server(endpoint = "create_campaign", input = leptos::server_fn::codec::Json)]
pub async fn create_campaign(input: CampaignInput) -> Result<CampaignSaved, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        crate::service::campaigns::create(&state.db, me.user.id, &input, chrono::Utc::now()).await
    })
    .await
}

/// Changes a campaign last seen at `version`; says which scheduled items now fall
/// outside its dates.
#[server(endpoint = "update_campaign", input = leptos::server_fn::codec::Json)]
pub async fn update_campaign(
    id: CampaignId,
    version: u32,
    input: CampaignInput,
) -> Result<CampaignSaved, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::campaigns::update(&state.db, &me.user, id, version, &input, now).await
    })
    .await
}

/// Closes a campaign; with open items, only when `confirm` (else the refusal says how many).
#[server(endpoint = "close_campaign", input = leptos::server_fn::codec::Json)]
pub async fn close_campaign(
    id: CampaignId,
    version: u32,
    confirm: bool,
) -> Result<CampaignSaved, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::campaigns::close(&state.db, &me.user, id, version, confirm, now).await
    })
    .await
}

/// Opens a closed campaign again.
#[server(endpoint = "reopen_campaign", input = leptos::server_fn::codec::Json)]
pub async fn reopen_campaign(id: CampaignId, version: u32) -> Result<CampaignSaved, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::campaigns::reopen(&state.db, me.user.id, id, version, now).await
    })
    .await
}

/// Records a result of the campaign as a whole (spend, MQLs, CPA…), measured now.
#[server(endpoint = "record_campaign_result", input = leptos::server_fn::codec::Json)]
pub async fn record_campaign_result(
    id: CampaignId,
    metric: String,
    value: f64,
) -> Result<(), AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        use crate::service::automation::results::{record, RecordedBy, Target};
        let now = chrono::Utc::now();
        let by = RecordedBy::Person(me.user.id);
        record(
            &state.db,
            by,
            Target::Campaign(id),
            &metric,
            value,
            now,
            now,
        )
        .await?;
        Ok(())
    })
    .await
}

/// Records a send of an item last seen at `version` (in a stage that keeps a send log).
#[server(endpoint = "record_send", input = leptos::server_fn::codec::Json)]
pub async fn record_send(
    item: ItemId,
    version: u32,
    send: SendInput,
) -> Result<SendRecorded, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        let now = chrono::Utc::now();
        let (answer, item) =
            crate::service::sends::record(&state.db, &me.user, item, version, &send, now).await?;
        state.live.item_changed(&item);
        Ok(answer)
    })
    .await
}

/// A report's action log: its decisions, and whether one can be recorded now.
#[server(endpoint = "get_action_log")]
pub async fn get_action_log(report: ItemId) -> Result<ActionLog, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::decisions::action_log(&state.db, &me.user, report).await
    })
    .await
}

/// Records a decision on a report at its action log, maybe creating the item it needs.
#[server(endpoint = "record_decision", input = leptos::server_fn::codec::Json)]
pub async fn record_decision(
    report: ItemId,
    input: crate::domain::decisions::DecisionInput,
) -> Result<DecisionLine, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        let now = chrono::Utc::now();
        let (line, created) =
            crate::service::decisions::record(&state.db, &me.user, report, &input, now).await?;
        if let Some(item) = &created {
            state.live.item_changed(item);
        }
        Ok(line)
    })
    .await
}

/// Changes where a decision stands (open, done, dropped).
#[server(endpoint = "set_decision_status", input = leptos::server_fn::codec::Json)]
pub async fn set_decision_status(
    id: crate::domain::DecisionId,
    status: crate::domain::decisions::DecisionStatus,
) -> Result<(), AppError> {
    crate::api::serve(Access::Worker, |_, state| async move {
        crate::service::decisions::set_status(&state.db, id, status, chrono::Utc::now()).await
    })
    .await
}

/// The send log across campaigns.
#[server(endpoint = "list_sends", input = leptos::server_fn::codec::Json)]
pub async fn list_sends(filter: SendFilter) -> Result<SendLog, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::sends::log(&state.db, &me.user, &filter).await
    })
    .await
}
