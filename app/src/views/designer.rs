//! What the designer's server functions send: workflows as their list shows them, a design
//! to edit, versions and their diffs, a preview of moving open items, a pilot and how it
//! compares.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::tags::CampaignTag;
use crate::domain::design::{Change, PilotComparison, PilotGroup, Preview};
use crate::domain::{FieldKey, People, StageKey, WorkflowDefinition, WorkflowId, WorkflowKind};

/// A workflow on `/workflows`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowCard {
    /// Id.
    pub id: WorkflowId,
    /// Name (of its current version).
    pub name: String,
    /// Kind.
    pub kind: WorkflowKind,
    /// The version new items get.
    pub version: u32,
    /// Its stages' names, in order.
    pub stages: Vec<String>,
    /// Items that are not archived.
    pub active: u32,
    /// One of Baton's built-ins (read-only).
    pub builtin: bool,
    /// Archived: its board is off the lists.
    pub archived: bool,
    /// The running pilot in words, e.g. "Version 4 with the Design team".
    pub pilot: Option<String>,
}

/// `/workflows`: every workflow, and whether the viewer may create and change them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowList {
    /// Built-ins first, then the team's own, archived ones last.
    pub workflows: Vec<WorkflowCard>,
    /// Managers and admins.
    pub can_manage: bool,
}

/// A pilot as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PilotInfo {
    /// The version its group's new items get.
    pub version: u32,
    /// The current version when it started.
    pub baseline_version: u32,
    /// Whose new items get it.
    pub group: PilotGroup,
    /// The group in words: "the Design team".
    pub group_words: String,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// Who started it.
    pub started_by: String,
}

/// A workflow to edit (or read) in the designer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DesignView {
    /// The version being edited: the running pilot's, else the current one; a blank
    /// definition for a new workflow.
    pub definition: WorkflowDefinition,
    /// The version the draft starts from (what a save must still find); `None` for a new
    /// workflow not saved yet.
    pub base_version: Option<u32>,
    /// The version new items get.
    pub current_version: u32,
    /// One of Baton's built-ins: read-only, copy it to change it.
    pub builtin: bool,
    /// Archived: restore it to change it.
    pub archived: bool,
    /// Whether the viewer may change workflows (managers and admins).
    pub can_manage: bool,
    /// The team, with their teams, for the RACI matrix and approvers.
    pub people: People,
    /// Campaigns, for a pilot group.
    pub campaigns: Vec<CampaignTag>,
    /// Items that are not archived per stage of the version being edited.
    pub open_per_stage: BTreeMap<StageKey, u32>,
    /// Of those, how many have a value in each field.
    pub values_per_field: BTreeMap<FieldKey, u32>,
    /// The pilot running now.
    pub pilot: Option<PilotInfo>,
}

impl DesignView {
    /// Whether the viewer may change this workflow here.
    pub fn editable(&self) -> bool {
        self.can_manage && !self.builtin && !self.archived
    }
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDesign {
    /// The workflow (a new one's id is made from its name).
    pub id: WorkflowId,
    /// The version saved.
    pub version: u32,
    /// What happened, in a sentence.
    pub message: String,
}

/// One version in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionEntry {
    /// The version.
    pub version: u32,
    /// When it was saved.
    pub saved_at: DateTime<Utc>,
    /// By whom ("Baton" for built-ins).
    pub saved_by: String,
    /// New items get it.
    pub current: bool,
    /// A running pilot's.
    pub pilot: bool,
    /// Items that are not archived following it.
    pub open_items: u32,
    /// What became of it as a pilot, e.g. "Piloted with the Design team; promoted".
    pub note: Option<String>,
}

/// `/workflows/<id>`: a workflow with its versions, pilot and who does what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkflowPage {
    /// The current version.
    pub definition: WorkflowDefinition,
    /// One of Baton's built-ins.
    pub builtin: bool,
    /// Archived.
    pub archived: bool,
    /// Managers and admins.
    pub can_manage: bool,
    /// Every version, newest first.
    pub versions: Vec<VersionEntry>,
    /// The running pilot.
    pub pilot: Option<PilotInfo>,
    /// The pilot beside the baseline.
    pub comparison: Option<PilotComparison>,
    /// The team, for names in the RACI matrix.
    pub people: People,
}

/// The changes between two versions, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffView {
    /// The older version.
    pub from: u32,
    /// The newer version.
    pub to: u32,
    /// Each change.
    pub changes: Vec<Change>,
}

/// What moving the open items of one version to the current one would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MigrationView {
    /// The preview, item by item.
    pub preview: Preview,
    /// The current version's stages, for removed stages' destinations.
    pub stages: Vec<(StageKey, String)>,
}
