//! The workspace as the shell shows it.

use serde::{Deserialize, Serialize};

/// What the shell shows about the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceInfo {
    /// The team's name, shown next to the logo.
    pub name: String,
}
