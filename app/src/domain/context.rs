//! The context an operation runs in: who acts, when, and the board facts the engine cannot see.

use super::brand::StyleGuide;
use super::ids::StageKey;
use super::people::{People, Person};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// Who acts, when, and what the board looks like around the item.
#[derive(Debug, Clone)]
pub struct Ctx<'a> {
    /// The person doing the operation.
    pub actor: &'a Person,
    /// The team directory (names for messages, validation of person fields).
    pub people: &'a People,
    /// The current time, read by the caller.
    pub now: DateTime<Utc>,
    /// Active (non-archived) items per stage of this workflow, for WIP limits.
    pub stage_counts: BTreeMap<StageKey, u32>,
    /// Items of other workflows linked to the item's campaign that are not done yet
    /// (not in their last stage and not archived), for stages that gate on linked items.
    pub open_linked_items: u32,
    /// The workspace style guide for stages gated on the brand check; `None` means the
    /// default guide.
    pub style_guide: Option<&'a StyleGuide>,
}

impl<'a> Ctx<'a> {
    /// A context with empty stages and no open linked items.
    pub fn new(actor: &'a Person, people: &'a People, now: DateTime<Utc>) -> Self {
        Self {
            actor,
            people,
            now,
            stage_counts: BTreeMap::new(),
            open_linked_items: 0,
            style_guide: None,
        }
    }

    /// Sets the number of active items per stage.
    pub fn with_stage_counts(mut self, counts: BTreeMap<StageKey, u32>) -> Self {
        self.stage_counts = counts;
        self
    }

    /// Sets the number of linked campaign items not done yet.
    pub fn with_open_linked_items(mut self, open: u32) -> Self {
        self.open_linked_items = open;
        self
    }

    /// Sets the workspace style guide the brand-check gate uses.
    pub fn with_style_guide(mut self, guide: &'a StyleGuide) -> Self {
        self.style_guide = Some(guide);
        self
    }

    /// Active items in a stage.
    pub fn count_in(&self, stage: &StageKey) -> u32 {
        self.stage_counts.get(stage).copied().unwrap_or(0)
    }
}
