//! The whole workspace as one JSON document: what a team takes with it, reads into another
//! tool, or keeps as a readable backup. Every part is a type Baton itself reads, so a later
//! import reads the document back with these same types; secrets (password digests, token
//! digests, webhook signing secrets) are never in it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::super::automation::Rule;
use super::super::campaign::CampaignPlan;
use super::super::{
    CampaignId, Event, Item, ItemId, PersonId, Role, WorkflowDefinition, WorkflowId,
};

/// What the document says it is, so a reader can tell it from any other JSON.
pub const FORMAT: &str = "baton.workspace";
/// The document's layout; a reader refuses layouts newer than it knows.
pub const FORMAT_VERSION: u32 = 1;

/// The workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceExport {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`] when written.
    pub format_version: u32,
    /// When it was written.
    pub exported_at: DateTime<Utc>,
    /// The workspace's name.
    pub workspace: String,
    /// Everyone in the team.
    pub people: Vec<ExportedPerson>,
    /// Every workflow with every version, built-ins included.
    pub workflows: Vec<ExportedWorkflow>,
    /// Every campaign.
    pub campaigns: Vec<ExportedCampaign>,
    /// Every item, archived ones included.
    pub items: Vec<Item>,
    /// The whole activity trail, oldest first.
    pub events: Vec<ExportedEvent>,
    /// Every result recorded on an item or a campaign.
    pub results: Vec<ExportedResult>,
    /// Every automation rule.
    pub rules: Vec<Rule>,
}

/// A person, without anything they sign in with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedPerson {
    /// Their id, as the items and the trail name them.
    pub id: PersonId,
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// Their role.
    pub role: Role,
    /// Their teams.
    pub teams: Vec<String>,
}

/// A workflow and every version it had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedWorkflow {
    /// Its id.
    pub id: WorkflowId,
    /// The version new items get.
    pub current_version: u32,
    /// One of Baton's built-ins.
    pub builtin: bool,
    /// When it was archived.
    pub archived_at: Option<DateTime<Utc>>,
    /// Every version, oldest first.
    pub versions: Vec<WorkflowDefinition>,
}

/// A campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedCampaign {
    /// Its id, as items name it.
    pub id: CampaignId,
    /// What was planned.
    pub plan: CampaignPlan,
    /// When it was closed.
    pub closed_at: Option<DateTime<Utc>>,
}

/// One entry of the trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedEvent {
    /// Its place in the trail.
    pub id: i64,
    /// The item it happened to.
    pub item: ItemId,
    /// What happened, who did it and when.
    pub event: Event,
}

/// A result (a metric's reading) recorded on an item or a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedResult {
    /// The item it was recorded on.
    pub item: Option<ItemId>,
    /// The campaign it was recorded on.
    pub campaign: Option<CampaignId>,
    /// The metric (open_rate, cpa).
    pub metric: String,
    /// Its value.
    pub value: f64,
    /// When it was measured.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it (none when a hook did).
    pub recorded_by: Option<PersonId>,
}

impl WorkspaceExport {
    /// Reads a document back, or says in a sentence why it is not one Baton can read.
    pub fn read(text: &str) -> Result<WorkspaceExport, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|_| {
            "This file is not JSON, so it is not a Baton workspace export.".to_string()
        })?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err("This JSON file is not a Baton workspace export.".into());
        }
        let version = value.get("format_version").and_then(|v| v.as_u64());
        if version.is_none_or(|v| v > u64::from(FORMAT_VERSION)) {
            return Err(format!(
                "This export is in a newer layout than this Baton reads (version {}): update Baton first.",
                version.map_or_else(|| "unknown".into(), |v| v.to_string())
            ));
        }
        serde_json::from_value(value)
            .map_err(|e| format!("This Baton workspace export is damaged ({e})."))
    }
}
