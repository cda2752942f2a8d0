//! Designer edits: every change the designer can make to a definition, as data.

use super::super::approval::ApprovalPolicy;
use super::super::definition::{EscalationRule, Raci, Sla, WorkflowKind};
use super::super::fields::FieldType;
use super::super::ids::{ChecklistKey, FieldKey, StageKey};
use super::super::people::Party;
use super::raci::RaciLetter;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One change in the designer. Apply it with [`super::apply_edit`]; edits that name a stage,
/// field or line that does not exist are refused, everything else is applied and left
/// to [`super::problems`] to explain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "edit")]
pub enum DesignEdit {
    /// Rename the workflow.
    SetName {
        /// The new name.
        name: String,
    },
    /// Change what kind of work it organises.
    SetKind {
        /// The new kind.
        kind: WorkflowKind,
    },
    /// Change how many "changes requested" rounds an item gets.
    SetRevisionLimit {
        /// Rounds before the item goes back to the brief.
        limit: u32,
    },
    /// Change what finished work leaves behind, and whether the last stage needs it.
    SetOutcome {
        /// The outcome asked for; `None` asks for none.
        outcome: Option<crate::domain::OutcomeSpec>,
    },
    /// Add a stage with a new unique key made from its name.
    AddStage {
        /// Its name.
        name: String,
        /// The stage it follows; `None` puts it last.
        after: Option<StageKey>,
    },
    /// Rename a stage; its key stays, so items in it are unaffected.
    RenameStage {
        /// The stage.
        stage: StageKey,
        /// The new name.
        name: String,
    },
    /// Move a stage to a position (0 is first; past the end means last).
    MoveStage {
        /// The stage.
        stage: StageKey,
        /// The new position.
        to: usize,
    },
    /// Move a stage one place earlier (keyboard); the first stays put.
    MoveStageUp {
        /// The stage.
        stage: StageKey,
    },
    /// Move a stage one place later (keyboard); the last stays put.
    MoveStageDown {
        /// The stage.
        stage: StageKey,
    },
    /// Remove a stage; transitions to it fall back to their defaults (see
    /// [`super::stage_removal`] for what to tell the manager first).
    RemoveStage {
        /// The stage.
        stage: StageKey,
    },
    /// Describe the work of a stage.
    SetDescription {
        /// The stage.
        stage: StageKey,
        /// The description.
        description: String,
    },
    /// Replace a stage's RACI.
    SetRaci {
        /// The stage.
        stage: StageKey,
        /// The new RACI.
        raci: Raci,
    },
    /// Give or take one RACI letter from a party at a stage (a cell of the matrix).
    SetRaciLetter {
        /// The stage.
        stage: StageKey,
        /// The person or team.
        party: Party,
        /// The letter.
        letter: RaciLetter,
        /// Give (`true`) or take away.
        on: bool,
    },
    /// Require a field to leave a stage, or stop requiring it.
    SetRequired {
        /// The stage.
        stage: StageKey,
        /// The field.
        field: FieldKey,
        /// Required or not.
        required: bool,
    },
    /// Add a checklist line with a new unique key made from its text.
    AddChecklistLine {
        /// The stage.
        stage: StageKey,
        /// What to check.
        label: String,
        /// Whether it may stay unticked.
        optional: bool,
    },
    /// Change a checklist line's text or whether it is optional.
    EditChecklistLine {
        /// The stage.
        stage: StageKey,
        /// The line.
        line: ChecklistKey,
        /// What to check.
        label: String,
        /// Whether it may stay unticked.
        optional: bool,
    },
    /// Move a checklist line to a position (past the end means last).
    MoveChecklistLine {
        /// The stage.
        stage: StageKey,
        /// The line.
        line: ChecklistKey,
        /// The new position.
        to: usize,
    },
    /// Remove a checklist line.
    RemoveChecklistLine {
        /// The stage.
        stage: StageKey,
        /// The line.
        line: ChecklistKey,
    },
    /// Set or clear a stage's SLA.
    SetSla {
        /// The stage.
        stage: StageKey,
        /// Hours allowed, business or calendar; `None` for no SLA.
        sla: Option<Sla>,
    },
    /// Set or clear a stage's escalation.
    SetEscalation {
        /// The stage.
        stage: StageKey,
        /// To whom and after how long; `None` for no escalation.
        escalation: Option<EscalationRule>,
    },
    /// Set or clear a stage's approval step.
    SetApproval {
        /// The stage.
        stage: StageKey,
        /// The policy; `None` for no approval.
        approval: Option<ApprovalPolicy>,
    },
    /// Set or clear a stage's WIP limit.
    SetWipLimit {
        /// The stage.
        stage: StageKey,
        /// Most items at once; `None` for no limit.
        limit: Option<u32>,
    },
    /// "Needs a publish date" to enter the stage.
    SetRequiresSchedule {
        /// The stage.
        stage: StageKey,
        /// On or off.
        on: bool,
    },
    /// "Keeps a send log" in the stage.
    SetRecordsSends {
        /// The stage.
        stage: StageKey,
        /// On or off.
        on: bool,
    },
    /// "Brand check passes" to leave the stage.
    SetBrandCheck {
        /// The stage.
        stage: StageKey,
        /// On or off.
        on: bool,
    },
    /// "Waits for the campaign's linked items" to leave the stage.
    SetGateLinkedItems {
        /// The stage.
        stage: StageKey,
        /// On or off.
        on: bool,
    },
    /// Where an approved (done) item goes; `None` means the following stage.
    SetNext {
        /// The stage.
        stage: StageKey,
        /// The target.
        next: Option<StageKey>,
    },
    /// Where "changes requested" sends an item; `None` means back to the start of the stage.
    SetOnChangesRequested {
        /// The stage.
        stage: StageKey,
        /// The target.
        target: Option<StageKey>,
    },
    /// Add a field with a new unique key made from its label.
    AddField {
        /// Its label.
        label: String,
        /// Its type.
        field_type: FieldType,
    },
    /// Change a field's label; its key stays, so values on items are unaffected.
    SetFieldLabel {
        /// The field.
        field: FieldKey,
        /// The new label.
        label: String,
    },
    /// Change a field's help text.
    SetFieldHelp {
        /// The field.
        field: FieldKey,
        /// The help text.
        help: String,
    },
    /// Change a field's type (and a choice field's options).
    SetFieldType {
        /// The field.
        field: FieldKey,
        /// The new type.
        field_type: FieldType,
    },
    /// Move a field to a position (past the end means last).
    MoveField {
        /// The field.
        field: FieldKey,
        /// The new position.
        to: usize,
    },
    /// Remove a field; stages stop requiring it and approval steps stop taking their
    /// approver from it (see [`super::field_removal`]).
    RemoveField {
        /// The field.
        field: FieldKey,
    },
}

/// Why an edit was not applied: it names something the workflow does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum EditError {
    /// No such stage.
    UnknownStage {
        /// The stage asked for.
        stage: StageKey,
    },
    /// No such field.
    UnknownField {
        /// The field asked for.
        field: FieldKey,
    },
    /// No such checklist line in the stage.
    UnknownChecklistLine {
        /// The stage.
        stage: StageKey,
        /// The line asked for.
        line: ChecklistKey,
    },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::UnknownStage { stage } => {
                write!(f, "There is no stage \"{stage}\" in this workflow")
            }
            EditError::UnknownField { field } => {
                write!(f, "There is no field \"{field}\" in this workflow")
            }
            EditError::UnknownChecklistLine { stage, line } => {
                write!(f, "Stage \"{stage}\" has no checklist line \"{line}\"")
            }
        }
    }
}

impl std::error::Error for EditError {}
