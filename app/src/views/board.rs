//! What the board's server functions send: cards with their badges worked out
//! on the server, columns, refusals with a way to fix each reason.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::tags::{CampaignTag, PersonTag};
use crate::domain::filter::BoardFilter;
use crate::domain::{
    CampaignId, Channel, FieldKey, FieldValue, ItemId, PersonId, Priority, StageKey, WorkflowId,
};

/// Where a card stands against its stage's SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaLevel {
    /// Less than 75% of the time used.
    OnTrack,
    /// At least 75% used.
    DueSoon,
    /// Past the SLA.
    Breached,
}

/// The SLA badge of a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaBadge {
    /// How it stands.
    pub level: SlaLevel,
    /// In words with the time, e.g. "SLA breached 3h ago".
    pub label: String,
}

/// One card: everything its face shows, worked out on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardView {
    /// Item id.
    pub id: ItemId,
    /// Version, sent back with a move so a stale card is caught.
    pub version: u32,
    /// Title.
    pub title: String,
    /// Current stage.
    pub stage: StageKey,
    /// Owner.
    pub owner: Option<PersonTag>,
    /// Due date in the viewer's time zone, e.g. "Due 14 Mar".
    pub due: Option<String>,
    /// Past the due date and not finished.
    pub overdue: bool,
    /// Channel.
    pub channel: Channel,
    /// Campaign name.
    pub campaign: Option<String>,
    /// Ticked and total lines of the current stage's checklist.
    pub checklist: Option<(u32, u32)>,
    /// Approval state of the current stage, e.g. "2 of 3 approved".
    pub approval: Option<String>,
    /// SLA badge, when the stage has an SLA.
    pub sla: Option<SlaBadge>,
    /// Why the card is stuck on someone else (approval, a full next stage).
    pub blocked: Option<String>,
    /// Priority.
    pub priority: Priority,
    /// Archived.
    pub archived: bool,
    /// Why it is unlikely to be done by its date, when it is (before the date is missed).
    #[serde(default)]
    pub trending_late: Option<String>,
}

/// A column: a stage with its count, limit and first page of cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnView {
    /// Stage key.
    pub key: StageKey,
    /// Stage name (the list's label).
    pub name: String,
    /// WIP limit.
    pub wip_limit: Option<u32>,
    /// Active cards in the stage, filters aside: what the WIP limit counts.
    pub count: u32,
    /// Cards matching the filters.
    pub matching: u32,
    /// The first page of matching cards.
    pub cards: Vec<CardView>,
    /// The stage a card here moves forward to.
    pub next: Option<StageKey>,
}

/// A workflow's board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardView {
    /// Workflow id.
    pub workflow: WorkflowId,
    /// Workflow name.
    pub name: String,
    /// Columns in stage order.
    pub columns: Vec<ColumnView>,
    /// The filters applied.
    pub filter: BoardFilter,
    /// Whether the viewer may change cards (not a viewer).
    pub can_work: bool,
    /// The viewer.
    pub me: PersonId,
    /// Everyone, for the owner filter.
    pub people: Vec<PersonTag>,
    /// Every campaign, for the campaign filter.
    pub campaigns: Vec<CampaignTag>,
    /// Finished cards left out because they were done long ago.
    pub hidden_done: u32,
    /// The last live-update number of this workflow when the board was read.
    pub seq: u64,
}

/// More cards of one column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnPage {
    /// The cards.
    pub cards: Vec<CardView>,
    /// Cards matching the filters in the column.
    pub matching: u32,
}

/// A card as it is now, for a board that heard it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardUpdate {
    /// The card, or `None` when it no longer matches the board's filters.
    pub card: Option<CardView>,
    /// Active cards per stage.
    pub counts: BTreeMap<StageKey, u32>,
}

/// Where to fix one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What the link says, e.g. "Tick the checklist".
    pub label: String,
    /// Where it goes, e.g. `/items/12#checklist`.
    pub href: String,
}

/// One reason a move was refused, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocker {
    /// Plain words.
    pub message: String,
    /// The particulars: unticked lines, pending approvers.
    pub details: Vec<String>,
    /// A link to fix it, when there is one.
    pub fix: Option<Fix>,
}

/// What became of a move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum MoveResult {
    /// Moved.
    Moved {
        /// The card in its new stage. The board counted the move itself when it showed it;
        /// other people's moves reach it through the live stream, with fresh counts.
        card: CardView,
    },
    /// The workflow refused: every unmet gate.
    Refused {
        /// The card, unchanged.
        card: CardView,
        /// Every reason, with its fix.
        blockers: Vec<Blocker>,
    },
    /// Someone else changed the card first.
    Conflict {
        /// What happened and what to do.
        message: String,
        /// The card as it is now (`None` if it is gone).
        card: Option<CardView>,
    },
}

/// A workflow on the list of boards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardSummary {
    /// Workflow id.
    pub workflow: WorkflowId,
    /// Name.
    pub name: String,
    /// Stage names with their active counts, in order.
    pub stages: Vec<(String, u32)>,
    /// Active cards.
    pub total: u32,
    /// Cards waiting on an approver.
    pub waiting: u32,
    /// Unfinished cards past their due date.
    pub overdue: u32,
}

/// People and campaigns, for pickers, and who is asking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    /// Everyone.
    pub people: Vec<PersonTag>,
    /// Every campaign.
    pub campaigns: Vec<CampaignTag>,
    /// The viewer.
    pub me: PersonId,
    /// Whether the viewer may change items.
    pub can_work: bool,
}

/// The full "new item" form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewCard {
    /// Title.
    pub title: String,
    /// Owner.
    pub owner: Option<PersonId>,
    /// Due date.
    pub due: Option<DateTime<Utc>>,
    /// Channel.
    pub channel: Channel,
    /// Campaign.
    pub campaign: Option<CampaignId>,
    /// Priority.
    pub priority: Priority,
    /// Field values filled in.
    pub fields: BTreeMap<FieldKey, FieldValue>,
}

/// "An item changed": what open boards hear, over server-sent events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardNotice {
    /// The item.
    pub item: ItemId,
    /// Its workflow.
    pub workflow: WorkflowId,
    /// Its version now.
    pub version: u32,
    /// Numbers notices of a workflow in order, so a reconnecting board knows whether it missed any.
    pub seq: u64,
}
