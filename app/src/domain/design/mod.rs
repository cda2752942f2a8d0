//! The workflow designer's pure side: edits, validation as you type, diffs in words,
//! moving open items to a new version, the RACI matrix, "How this workflow runs" and pilots.
//!
//! All of it runs in the browser on every keystroke and again on the server:
//! - [`apply_edit`] applies a [`DesignEdit`] to a definition (keys stay stable; new stages,
//!   fields and lines get unique slugs); [`stage_removal`] and [`field_removal`] say what a
//!   removal would do before it is done.
//! - [`problems`] runs the engine's `validate` and places each problem ([`Place`], a path
//!   such as "stages.review.approval") in the server's words.
//! - [`diff`] lists the changes between two versions as sentences.
//! - [`migration_preview`] and [`migrate`] move open items to a new version.
//! - [`raci_matrix`] and `DesignEdit::SetRaciLetter` are the editable matrix;
//!   [`how_it_runs`] the printable narrative.
//! - [`version_for_new_item`] decides whether a new item joins a [`PilotGroup`]'s version;
//!   [`compare_pilot`] sets the pilot's finished items beside the baseline's.
//! - [`limit_problems`] says what is too long or too many; [`record`] and [`reapply`] keep
//!   the edits of a draft so they can be applied again on a version saved meanwhile.

mod apply;
mod compare;
mod diff;
mod diff_stage;
mod edits;
mod impact;
mod limits;
mod log;
mod migrate;
mod narrative;
mod pilot;
mod place;
mod preview;
mod problems;
mod raci;
mod words;

#[cfg(test)]
mod diff_tests;
#[cfg(test)]
mod edit_tests;
#[cfg(test)]
mod impact_tests;
#[cfg(test)]
mod migrate_tests;
#[cfg(test)]
mod props;
#[cfg(test)]
mod props_edits;
#[cfg(test)]
mod props_steps;
#[cfg(test)]
mod raci_tests;
#[cfg(test)]
mod story_tests;

pub use apply::{apply_edit, apply_edits};
pub use compare::{compare_pilot, ComparisonRow, PilotComparison, Side, ENOUGH_FINISHED};
pub use diff::{diff, Change};
pub use edits::{DesignEdit, EditError};
pub use impact::{field_removal, stage_removal, FieldRemoval, StageRemoval};
pub use limits::{
    limit_problems, LimitProblem, MAX_HOURS, MAX_LINES, MAX_PARTIES, MAX_REVISIONS, MAX_STAGES,
    MAX_WIP,
};
pub use log::{reapply, record};
pub use migrate::{migrate, migration_preview};
pub use narrative::{how_it_runs, StageStory};
pub use pilot::{version_for_new_item, PilotGroup};
pub use place::{FieldPart, Place, StagePart, WorkflowPart};
pub use preview::{ItemPreview, MigrationError, Preview, StageMap, UnmappedStage};
pub use problems::{place_of, problems, Problem};
pub use raci::{raci_matrix, MatrixParty, MatrixRow, RaciLetter, RaciMatrix};

use super::definition::{WorkflowDefinition, WorkflowKind, DEFAULT_REVISION_LIMIT};
use super::ids::{slugify, WorkflowId};

/// A new, empty custom workflow ("New workflow → blank"); it needs stages before it saves.
/// To start from a template instead, use `WorkflowDefinition::copy_as`.
pub fn blank_workflow(name: &str) -> WorkflowDefinition {
    let slug = slugify(name);
    WorkflowDefinition {
        outcome: None,
        id: WorkflowId::new(if slug.is_empty() {
            "workflow".to_owned()
        } else {
            slug
        }),
        name: name.trim().to_owned(),
        kind: WorkflowKind::Custom,
        version: 1,
        based_on: None,
        revision_limit: DEFAULT_REVISION_LIMIT,
        fields: Vec::new(),
        stages: Vec::new(),
    }
}
