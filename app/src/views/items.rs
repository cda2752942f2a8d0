//! An item as its detail view shows it.

use serde::{Deserialize, Serialize};

use crate::domain::{Event, Item, MoveOption, WorkflowDefinition};

/// An item with everything its detail view needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemDetail {
    /// The item.
    pub item: Item,
    /// The workflow version it follows.
    pub definition: WorkflowDefinition,
    /// Its activity, oldest first.
    pub events: Vec<Event>,
    /// Each stage, whether a move there is allowed now, and if not why.
    pub moves: Vec<MoveOption>,
}
