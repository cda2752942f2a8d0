//! What a rule is evaluated with: the workspace, the item, the board's counts, and the
//! account automation acts as.

use super::super::definition::WorkflowDefinition;
use super::super::ids::{PersonId, StageKey};
use super::super::item::Item;
use super::super::people::{Person, Role};
use super::catalog::Catalog;
use super::AUTOMATION;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

/// The account automation acts as. It works like a member, so the engine accepts its
/// changes, but it is nobody's approver and no action can tick or approve.
pub fn automation_account() -> Person {
    Person {
        id: AUTOMATION,
        name: "Baton".to_owned(),
        email: "automation@baton.invalid".to_owned(),
        role: Role::Member,
        teams: Vec::new(),
    }
}

/// Everything a rule is evaluated with, read by the caller.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    /// The workspace.
    pub catalog: Catalog<'a>,
    /// Now.
    pub now: DateTime<Utc>,
    /// Today's date in the workspace's time zone (`{date}` in templates).
    pub today: NaiveDate,
    /// The item the signal concerns, as it is now.
    pub item: Option<&'a Item>,
    /// The definition (version) the item follows.
    pub definition: Option<&'a WorkflowDefinition>,
    /// Active items per stage of the item's workflow, for WIP limits.
    pub stage_counts: BTreeMap<StageKey, u32>,
    /// Linked campaign items not done yet, for stages that wait on them.
    pub open_linked_items: u32,
    /// Open items per person, for "whoever has the fewest open items".
    pub open_items: BTreeMap<PersonId, u32>,
    /// The last person each team's round robin gave an item to, by `team_key`.
    pub round_robin: BTreeMap<String, PersonId>,
}

impl<'a> Facts<'a> {
    /// Facts with no item and empty counts.
    pub fn new(catalog: Catalog<'a>, now: DateTime<Utc>, today: NaiveDate) -> Self {
        Facts {
            catalog,
            now,
            today,
            item: None,
            definition: None,
            stage_counts: BTreeMap::new(),
            open_linked_items: 0,
            open_items: BTreeMap::new(),
            round_robin: BTreeMap::new(),
        }
    }

    /// Sets the item and the definition it follows.
    pub fn with_item(mut self, item: &'a Item, definition: &'a WorkflowDefinition) -> Self {
        self.item = Some(item);
        self.definition = Some(definition);
        self
    }
}
