//! What moving open items to a new version would do, as data and in sentences.

use super::super::ids::{ChecklistKey, ItemId, StageKey};
use super::super::refusal::Reason;
use super::words::count;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Where removed stages' items go: old stage key → stage of the new version. Stages kept
/// in the new version keep their items whatever this says.
pub type StageMap = BTreeMap<StageKey, StageKey>;

/// What moving one item to the new version would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemPreview {
    /// The item.
    pub item: ItemId,
    /// Its title.
    pub title: String,
    /// Its stage now.
    pub from: StageKey,
    /// That stage's name.
    pub from_name: String,
    /// Its stage in the new version.
    pub to: StageKey,
    /// That stage's name.
    pub to_name: String,
    /// Its approvals and submission start over (new stage, or a changed approval step).
    pub approvals_reset: bool,
    /// Ticks dropped because their checklist lines are gone.
    pub dropped_ticks: Vec<(StageKey, ChecklistKey)>,
    /// What will hold it in its stage that does not hold it now (a new required field
    /// still empty, a new checklist line, a new or changed approval…), from the engine's
    /// own gate checks.
    pub new_blockers: Vec<Reason>,
    /// For an item that changes stage: what the new stage's entry would refuse (its WIP
    /// limit, a missing publish date). The move happens anyway; this is for the manager.
    pub entry_warnings: Vec<Reason>,
}

impl ItemPreview {
    /// Whether it lands in another stage.
    pub fn changes_stage(&self) -> bool {
        self.from != self.to
    }

    /// The preview in sentences, for the confirmation dialog.
    pub fn sentences(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.changes_stage() {
            out.push(format!(
                "“{}” moves from {} to {}.",
                self.title, self.from_name, self.to_name
            ));
        } else {
            out.push(format!("“{}” stays in {}.", self.title, self.to_name));
        }
        if self.approvals_reset && !self.changes_stage() {
            out.push("Its approvals start over: the approval step changed.".to_owned());
        }
        if !self.dropped_ticks.is_empty() {
            out.push(format!(
                "{} of removed checklist lines {} dropped.",
                count(self.dropped_ticks.len() as u32, "tick", "ticks"),
                if self.dropped_ticks.len() == 1 {
                    "is"
                } else {
                    "are"
                }
            ));
        }
        for reason in &self.new_blockers {
            out.push(format!("Newly blocked: {}.", reason.message));
        }
        for reason in &self.entry_warnings {
            out.push(format!("Note: {}.", reason.message));
        }
        out
    }
}

/// A removed stage that still has items and no destination yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmappedStage {
    /// The removed stage.
    pub stage: StageKey,
    /// Its name.
    pub name: String,
    /// Open items in it.
    pub items: u32,
}

/// What moving the open items to the new version would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// The version they follow now.
    pub from_version: u32,
    /// The version they would follow.
    pub to_version: u32,
    /// Every item that can move, in the order given.
    pub items: Vec<ItemPreview>,
    /// Removed stages whose items need a destination first.
    pub unmapped: Vec<UnmappedStage>,
    /// Items left out: archived, or not on the old version.
    pub skipped: Vec<ItemId>,
}

impl Preview {
    /// Whether the move can go ahead (every removed stage with items has a destination).
    pub fn ready(&self) -> bool {
        self.unmapped.is_empty()
    }

    /// Items that change stage.
    pub fn moving(&self) -> impl Iterator<Item = &ItemPreview> {
        self.items.iter().filter(|i| i.changes_stage())
    }

    /// Items a new gate will hold.
    pub fn newly_blocked(&self) -> impl Iterator<Item = &ItemPreview> {
        self.items.iter().filter(|i| !i.new_blockers.is_empty())
    }
}

/// Why open items cannot be moved yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum MigrationError {
    /// The two definitions are different workflows.
    DifferentWorkflow,
    /// Removed stages still hold items and have no destination.
    Unmapped {
        /// The stages.
        stages: Vec<UnmappedStage>,
    },
}

impl fmt::Display for MigrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MigrationError::DifferentWorkflow => {
                write!(f, "Items can only move to a version of their own workflow")
            }
            MigrationError::Unmapped { stages } => {
                let names: Vec<String> = stages
                    .iter()
                    .map(|s| format!("{} ({})", s.name, count(s.items, "item", "items")))
                    .collect();
                write!(
                    f,
                    "Choose where the items of removed stages go: {}",
                    names.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for MigrationError {}
