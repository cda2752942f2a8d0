//! Workflows as lists show them.

use serde::{Deserialize, Serialize};

use crate::domain::{WorkflowId, WorkflowKind};

/// A workflow as the board list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowSummary {
    /// Id (a slug).
    pub id: WorkflowId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: WorkflowKind,
    /// Current version.
    pub version: u32,
    /// Stage names, in order.
    pub stages: Vec<String>,
}
