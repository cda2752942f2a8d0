//! What an import brings in, whatever it was read from: items placed in a stage with the
//! checklist lines already ticked and the comments they had, and the limits every import
//! keeps to.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::super::{ChecklistKey, NewItem, PersonId, StageKey};

/// The largest file an import reads (a Trello export, a spreadsheet).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The most items one import brings in.
pub const MAX_ITEMS: usize = 5_000;
/// The most comments one import brings in.
pub const MAX_COMMENTS: usize = 20_000;
/// The most columns a spreadsheet may have.
pub const MAX_COLUMNS: usize = 100;

/// A comment kept from the other tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedComment {
    /// Who wrote it, when they are in the team; otherwise the person importing is its
    /// author and `text` names who wrote it.
    pub author: Option<PersonId>,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// What it says.
    pub text: String,
}

/// One item to bring in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedItem {
    /// What it starts with, as a new item would.
    pub new: NewItem,
    /// The stage it goes straight into: an import brings work where it already is.
    pub stage: StageKey,
    /// Lines of that stage's checklist already done.
    pub ticks: Vec<ChecklistKey>,
    /// Brought in archived (a card closed on Trello).
    pub archived: bool,
    /// Its comments, oldest first.
    pub comments: Vec<ImportedComment>,
}

/// The size of a file in words ("2.4 MB"), for limits and previews.
pub fn file_size(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// `Err` with a sentence when a file is over [`MAX_FILE_BYTES`] or empty.
pub fn check_size(bytes: usize) -> Result<(), String> {
    if bytes == 0 {
        return Err("The file is empty: choose the exported file again.".into());
    }
    if bytes > MAX_FILE_BYTES {
        return Err(format!(
            "The file is {}, and an import takes at most {}: export less at once (one board, or fewer rows).",
            file_size(bytes),
            file_size(MAX_FILE_BYTES)
        ));
    }
    Ok(())
}
