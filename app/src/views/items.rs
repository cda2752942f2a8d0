//! An item as its detail view shows it.

use serde::{Deserialize, Serialize};

use crate::domain::{
    ApprovalProgress, Event, Item, ItemId, MoveOption, StyleGuide, WorkflowDefinition,
};

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
    /// Where the sign-off of its current stage stands, teams resolved through the
    /// directory; `None` when the stage needs none.
    pub approval: Option<ApprovalProgress>,
    /// The workspace style guide, for the brand check of copy as it is typed.
    pub brand: StyleGuide,
    /// The campaign's items its stage's gate waits on (an integrated campaign's "every
    /// linked item done"), with their titles.
    #[serde(default)]
    pub waiting_on: Vec<(ItemId, String)>,
}
