//! The approval inbox, decisions made from it, notifications and the working hours.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::board::PersonTag;
use crate::domain::inbox::InboxReason;
use crate::domain::notify::NoticeKind;
use crate::domain::{ItemId, Priority, SlaStatus, WorkflowId};
use crate::error::AppError;

/// Where one approver stands on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApproverState {
    /// Approved.
    Approved,
    /// Asked for changes.
    ChangesRequested,
    /// Their decision is awaited now.
    Waiting,
    /// Sequential approval: their turn has not come.
    Later,
    /// Not needed any more (an N-of-M policy already has enough).
    NotNeeded,
}

/// One approver of an item and their decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApproverView {
    /// Who.
    pub person: PersonTag,
    /// Where they stand.
    pub state: ApproverState,
}

/// The sign-off of an item's stage as the inbox shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalView {
    /// The policy in words: "One approver", "All must approve", "2 of 3", "In order".
    pub policy: String,
    /// Approvals so far.
    pub approved: u32,
    /// Approvals needed.
    pub needed: u32,
    /// Each approver, in policy order.
    pub approvers: Vec<ApproverView>,
}

/// One row of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxRow {
    /// The item.
    pub item: ItemId,
    /// Its version, for deciding on what was seen.
    pub version: u32,
    /// Its title.
    pub title: String,
    /// Its workflow.
    pub workflow: WorkflowId,
    /// The workflow's name.
    pub workflow_name: String,
    /// The stage it is in.
    pub stage: String,
    /// Why it is in this inbox.
    pub reason: InboxReason,
    /// Its SLA in the stage.
    pub sla: SlaStatus,
    /// The deadline that orders the inbox.
    pub deadline: Option<DateTime<Utc>>,
    /// Its owner.
    pub owner: Option<PersonTag>,
    /// Its priority.
    pub priority: Priority,
    /// The sign-off, when it waits on approvals.
    pub approval: Option<ApprovalView>,
    /// The latest feedback, when changes were requested: who asked and what.
    pub feedback: Option<(String, String)>,
    /// For escalations: to whom and why, in words.
    pub escalation: Option<String>,
    /// Whether the viewer can approve or request changes right here.
    pub can_decide: bool,
}

/// Everything waiting on the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    /// Most urgent first.
    pub rows: Vec<InboxRow>,
    /// The server's clock when the inbox was read (countdowns count from it).
    pub now: DateTime<Utc>,
}

/// The counts the navigation shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InboxCounts {
    /// Items waiting on the person.
    pub waiting: u32,
    /// Notifications not read.
    pub unread: u32,
}

/// A decision made from the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "decision")]
pub enum InboxDecision {
    /// Approve as it is now.
    Approve,
    /// Request changes with this feedback.
    RequestChanges {
        /// What should change.
        feedback: String,
    },
}

/// What happened to one item of a bulk approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    /// The item.
    pub item: ItemId,
    /// Its title.
    pub title: String,
    /// `None` when approved; otherwise why not, in words.
    pub refused: Option<String>,
}

/// A notification as the bell lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    /// Its id.
    pub id: i64,
    /// The item it is about.
    pub item: Option<ItemId>,
    /// What kind.
    pub kind: NoticeKind,
    /// What it says.
    pub message: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Whether it was read.
    pub read: bool,
}

/// The bell's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationList {
    /// Newest first.
    pub items: Vec<NotificationView>,
    /// Unread in all.
    pub unread: u32,
    /// The server's clock.
    pub now: DateTime<Utc>,
}

/// The team's working week as the settings form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingHoursForm {
    /// Offset from UTC in minutes (e.g. 60 for UTC+01:00).
    pub offset_minutes: i32,
    /// Working days, 1 = Monday … 7 = Sunday.
    pub days: Vec<u8>,
    /// Start of the day, "HH:MM".
    pub start: String,
    /// End of the day, "HH:MM".
    pub end: String,
}

/// Everything waiting on the signed-in person, most urgent first.
#[server(endpoint = "get_inbox")]
pub async fn get_inbox() -> Result<InboxView, AppError> {
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        let me = require(Access::SignedIn)?;
        let state = crate::state::app_state()?;
        crate::service::inbox::inbox(&state.db, me.user.id, Utc::now()).await
    })
    .await
}

/// How many items wait on the signed-in person and how many notifications are unread.
#[server(endpoint = "get_inbox_counts")]
pub async fn get_inbox_counts() -> Result<InboxCounts, AppError> {
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        let me = require(Access::SignedIn)?;
        let state = crate::state::app_state()?;
        crate::service::inbox::counts(&state.db, me.user.id, Utc::now()).await
    })
    .await
}

/// Approves, or requests changes on, an item last seen at `version`.
#[server(endpoint = "decide", input = leptos::server_fn::codec::Json)]
pub async fn decide(
    id: ItemId,
    version: u32,
    decision: InboxDecision,
) -> Result<InboxView, AppError> {
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        let me = require(Access::Worker)?;
        let state = crate::state::app_state()?;
        let now = Utc::now();
        let item = crate::service::inbox::decide(&state.db, me.user.id, id, version, decision, now)
            .await?;
        state.live.item_changed(&item);
        crate::service::inbox::inbox(&state.db, me.user.id, now).await
    })
    .await
}

/// Approves several items, each checked on its own; says what happened to each.
#[server(endpoint = "approve_many", input = leptos::server_fn::codec::Json)]
pub async fn approve_many(items: Vec<(ItemId, u32)>) -> Result<Vec<BulkOutcome>, AppError> {
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        let me = require(Access::Worker)?;
        if items.len() > 100 {
            return Err(AppError::validation(
                "items",
                "Approve at most 100 items at a time.",
            ));
        }
        let state = crate::state::app_state()?;
        let mut outcomes = Vec::with_capacity(items.len());
        for (id, version) in items {
            let decided = crate::service::inbox::decide(
                &state.db,
                me.user.id,
                id,
                version,
                InboxDecision::Approve,
                Utc::now(),
            )
            .await;
            outcomes.push(match decided {
                Ok(item) => {
                    state.live.item_changed(&item);
                    BulkOutcome {
                        item: id,
                        title: item.title,
                        refused: None,
                    }
                }
                Err(err) => BulkOutcome {
                    item: id,
                    title: crate::service::inbox::title_of(&state.db, id).await?,
                    refused: Some(err.to_string()),
                },
            });
        }
        Ok(outcomes)
    })
    .await
}

/// The signed-in person's newest notifications.
#[server(endpoint = "list_notifications")]
pub async fn list_notifications() -> Result<NotificationList, AppError> {
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        let me = require(Access::SignedIn)?;
        let state = crate::state::app_state()?;
        crate::service::inbox::notifications(&state.db, me.user.id, Utc::now()).await
    })
    .await
}

/// Marks one notification (`Some(id)`) or all of them (`None`) read.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read(id: Option<i64>) -> Result<u32, AppError> {
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        let me = require(Access::SignedIn)?;
        let state = crate::state::app_state()?;
        let mut conn = state.db.write.acquire().await?;
        crate::db::notifications::mark_read(&mut conn, me.user.id, id, Utc::now()).await?;
        let unread = crate::db::notifications::unread_count(&mut conn, me.user.id).await?;
        Ok(u32::try_from(unread).unwrap_or(u32::MAX))
    })
    .await
}

/// The team's working week.
#[server(endpoint = "get_working_hours")]
pub async fn get_working_hours() -> Result<WorkingHoursForm, AppError> {
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        require(Access::SignedIn)?;
        let state = crate::state::app_state()?;
        let mut conn = state.db.read.acquire().await?;
        let hours = state.db.working_hours(&mut conn).await?;
        Ok(crate::service::inbox::hours_form(&hours))
    })
    .await
}

/// Saves the team's working week (admins); SLA timers not fired yet follow the new hours.
#[server(endpoint = "save_working_hours", input = leptos::server_fn::codec::Json)]
pub async fn save_working_hours(hours: WorkingHoursForm) -> Result<WorkingHoursForm, AppError> {
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        require(Access::Admin)?;
        let state = crate::state::app_state()?;
        let parsed = crate::service::inbox::parse_hours(&hours)?;
        crate::service::inbox::save_working_hours(&state.db, &parsed).await?;
        Ok(crate::service::inbox::hours_form(&parsed))
    })
    .await
}
