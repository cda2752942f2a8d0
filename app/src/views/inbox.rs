//! What the inbox, the notification bell and the working-hours form show.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::tags::PersonTag;
use crate::domain::inbox::InboxReason;
use crate::domain::notify::NoticeKind;
use crate::domain::{ItemId, Priority, SlaStatus, WorkflowId};

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
    /// Why the item is trending late, when it is (their own work).
    #[serde(default)]
    pub late: Option<String>,
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
