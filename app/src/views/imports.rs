//! Imports as the import pages show them: what was uploaded, the mapping the person is
//! choosing, and what the import would bring in.

use serde::{Deserialize, Serialize};

use crate::domain::exchange::rows::Column;
use crate::domain::exchange::trello::Mapping;
use crate::domain::{PersonId, WorkflowId};

/// What a file is an export of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// A Trello board's JSON export.
    Trello,
    /// A spreadsheet saved as CSV.
    Csv,
}

impl ImportKind {
    /// Its name in addresses and storage.
    pub fn key(self) -> &'static str {
        match self {
            ImportKind::Trello => "trello",
            ImportKind::Csv => "csv",
        }
    }

    /// Reads a kind back from its key.
    pub fn from_key(key: &str) -> Option<ImportKind> {
        match key {
            "trello" => Some(ImportKind::Trello),
            "csv" => Some(ImportKind::Csv),
            _ => None,
        }
    }
}

/// A file the browser read, sent to be kept while it is mapped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadRequest {
    /// What it is.
    pub kind: ImportKind,
    /// Its name on the person's computer.
    pub file_name: String,
    /// Its text.
    pub text: String,
}

/// A kept upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uploaded {
    /// Its id, for the preview's address.
    pub id: i64,
    /// What it is.
    pub kind: ImportKind,
}

/// Someone an imported member or owner can be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChoice {
    /// Their id.
    pub id: PersonId,
    /// "Dana Reyes (dana@example.com)".
    pub label: String,
}

/// A Trello list and how many cards it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRow {
    /// Trello's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Archived on Trello.
    pub closed: bool,
    /// Its cards.
    pub cards: usize,
}

/// A Trello label and how many cards have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelRow {
    /// Trello's id.
    pub id: String,
    /// Its name (or colour).
    pub name: String,
    /// Its colour.
    pub color: Option<String>,
    /// Cards with it.
    pub cards: usize,
}

/// A Trello member and how many cards they are on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    /// Trello's id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their Trello username.
    pub username: String,
    /// Cards they are on.
    pub cards: usize,
}

/// A stage the import would make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRow {
    /// Its name.
    pub name: String,
    /// The lists whose cards go in it.
    pub lists: Vec<String>,
    /// Items it would hold.
    pub items: usize,
    /// Lines of its checklist.
    pub lines: usize,
}

/// One item as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRow {
    /// Its title.
    pub title: String,
    /// Its stage.
    pub stage: String,
    /// Its owner's name.
    pub owner: Option<String>,
    /// Its channel.
    pub channel: String,
    /// Its tags.
    pub tags: String,
    /// Comments it brings.
    pub comments: usize,
    /// Brought in archived.
    pub archived: bool,
}

/// What a Trello import would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrelloSummary {
    /// The stages, in order.
    pub stages: Vec<StageRow>,
    /// Items it brings in.
    pub items: usize,
    /// Of those, archived.
    pub archived: usize,
    /// Cards that stay behind.
    pub left_out: usize,
    /// Comments kept.
    pub comments: usize,
    /// Of those, under the importer's name (their author isn't mapped).
    pub comments_unmatched: usize,
    /// Checklist lines ticked.
    pub ticks: usize,
    /// What was changed to fit.
    pub warnings: Vec<String>,
    /// Cards the engine would refuse, with why; the import is refused while there are any.
    pub refused: Vec<String>,
    /// The first items.
    pub sample: Vec<ItemRow>,
}

/// The Trello import page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrelloPreview {
    /// The upload.
    pub upload: i64,
    /// Its file's name.
    pub file_name: String,
    /// The board's name.
    pub board: String,
    /// The mapping, completed with suggestions.
    pub mapping: Mapping,
    /// The board's lists, left to right.
    pub lists: Vec<ListRow>,
    /// Its labels.
    pub labels: Vec<LabelRow>,
    /// Its members.
    pub members: Vec<MemberRow>,
    /// Who members can be.
    pub people: Vec<PersonChoice>,
    /// What the import would do, or why it can't.
    pub summary: Result<TrelloSummary, String>,
}

/// One spreadsheet row as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowView {
    /// Its line in the file.
    pub line: usize,
    /// Its title cell.
    pub title: String,
    /// Where it would go.
    pub lands_in: String,
    /// Why it can't be imported (empty when it can).
    pub errors: Vec<String>,
}

/// What a CSV import would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvSummary {
    /// Rows that would come in.
    pub valid: usize,
    /// Rows with problems, left out.
    pub invalid: usize,
    /// Rows with problems first (up to 200), then the first good ones (up to 50).
    pub rows: Vec<RowView>,
}

/// A column of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnView {
    /// Its header.
    pub header: String,
    /// Its first row's cell, as an example.
    pub example: String,
}

/// The CSV import page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsvPreview {
    /// The upload.
    pub upload: i64,
    /// Its file's name.
    pub file_name: String,
    /// The workflow of rows that don't name one.
    pub workflow: WorkflowId,
    /// The workflows to choose from.
    pub workflows: Vec<(WorkflowId, String)>,
    /// The file's columns.
    pub columns: Vec<ColumnView>,
    /// What each column is.
    pub mapping: Vec<Column>,
    /// What a column can be, with its label.
    pub choices: Vec<(Column, String)>,
    /// What the import would do, or why it can't.
    pub summary: Result<CsvSummary, String>,
}

/// What an import brought in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportDone {
    /// Items brought in.
    pub items: usize,
    /// The workflow they are in (the first, for a CSV into several).
    pub workflow: WorkflowId,
    /// In words.
    pub message: String,
}
