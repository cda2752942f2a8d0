//! Where something is in a workflow definition, as data and as a path such as
//! "stages.review.approval", so the designer can show a problem next to its cause.

use super::super::definition::WorkflowDefinition;
use super::super::ids::{ChecklistKey, FieldKey, StageKey};
use serde::{Deserialize, Serialize};

/// A part of the workflow as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowPart {
    /// Its name.
    Name,
    /// Its kind.
    Kind,
    /// Its revision limit.
    RevisionLimit,
    /// What its finished work leaves behind.
    Outcome,
    /// The list of stages.
    Stages,
    /// The list of fields.
    Fields,
}

/// A setting of a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StagePart {
    /// The stage as a whole (its card in the designer).
    Whole,
    /// Its name.
    Name,
    /// Its description.
    Description,
    /// Who is responsible, accountable, consulted, informed.
    Raci,
    /// The fields it requires.
    RequiredFields,
    /// Its checklist as a whole.
    Checklist,
    /// Its SLA.
    Sla,
    /// Its escalation.
    Escalation,
    /// Its approval step.
    Approval,
    /// Its WIP limit.
    WipLimit,
    /// "Needs a publish date".
    RequiresSchedule,
    /// "Keeps a send log".
    RecordsSends,
    /// "Brand check passes".
    BrandCheck,
    /// "Waits for the campaign's linked items".
    LinkedItems,
    /// Where approved items go.
    Next,
    /// Where "changes requested" sends items.
    OnChangesRequested,
}

/// A setting of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldPart {
    /// The field as a whole.
    Whole,
    /// Its label.
    Label,
    /// Its help text.
    Help,
    /// Its type.
    Type,
    /// The options of a choice field.
    Options,
}

/// Where something is in a definition.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "at")]
pub enum Place {
    /// A part of the workflow as a whole.
    Workflow {
        /// Which part.
        part: WorkflowPart,
    },
    /// A setting of a stage.
    Stage {
        /// The stage.
        stage: StageKey,
        /// Which setting.
        part: StagePart,
    },
    /// One line of a stage's checklist.
    ChecklistLine {
        /// The stage.
        stage: StageKey,
        /// The line.
        line: ChecklistKey,
    },
    /// A setting of a field.
    Field {
        /// The field.
        field: FieldKey,
        /// Which setting.
        part: FieldPart,
    },
}

impl Place {
    /// A part of the workflow.
    pub fn workflow(part: WorkflowPart) -> Self {
        Place::Workflow { part }
    }

    /// A setting of a stage.
    pub fn stage(stage: &StageKey, part: StagePart) -> Self {
        Place::Stage {
            stage: stage.clone(),
            part,
        }
    }

    /// A setting of a field.
    pub fn field(field: &FieldKey, part: FieldPart) -> Self {
        Place::Field {
            field: field.clone(),
            part,
        }
    }

    /// The path, e.g. "name", "stages.review", "stages.review.approval",
    /// "stages.review.checklist.alt-text", "fields.subject_line.label".
    pub fn path(&self) -> String {
        match self {
            Place::Workflow { part } => match part {
                WorkflowPart::Name => "name",
                WorkflowPart::Kind => "kind",
                WorkflowPart::RevisionLimit => "revision_limit",
                WorkflowPart::Outcome => "outcome",
                WorkflowPart::Stages => "stages",
                WorkflowPart::Fields => "fields",
            }
            .to_owned(),
            Place::Stage { stage, part } => {
                let part = match part {
                    StagePart::Whole => return format!("stages.{stage}"),
                    StagePart::Name => "name",
                    StagePart::Description => "description",
                    StagePart::Raci => "raci",
                    StagePart::RequiredFields => "required_fields",
                    StagePart::Checklist => "checklist",
                    StagePart::Sla => "sla",
                    StagePart::Escalation => "escalation",
                    StagePart::Approval => "approval",
                    StagePart::WipLimit => "wip_limit",
                    StagePart::RequiresSchedule => "requires_schedule",
                    StagePart::RecordsSends => "records_sends",
                    StagePart::BrandCheck => "brand_check",
                    StagePart::LinkedItems => "gate_linked_items",
                    StagePart::Next => "transitions.next",
                    StagePart::OnChangesRequested => "transitions.on_changes_requested",
                };
                format!("stages.{stage}.{part}")
            }
            Place::ChecklistLine { stage, line } => format!("stages.{stage}.checklist.{line}"),
            Place::Field { field, part } => {
                let part = match part {
                    FieldPart::Whole => return format!("fields.{field}"),
                    FieldPart::Label => "label",
                    FieldPart::Help => "help",
                    FieldPart::Type => "type",
                    FieldPart::Options => "options",
                };
                format!("fields.{field}.{part}")
            }
        }
    }

    /// Whether what this place names is in `def` (a stage, line or field that exists).
    pub fn exists_in(&self, def: &WorkflowDefinition) -> bool {
        match self {
            Place::Workflow { .. } => true,
            Place::Stage { stage, .. } => def.stage(stage).is_some(),
            Place::ChecklistLine { stage, line } => def
                .stage(stage)
                .is_some_and(|s| s.checklist.iter().any(|l| &l.key == line)),
            Place::Field { field, .. } => def.field(field).is_some(),
        }
    }

    /// The stage this place is in, if any (for grouping problems by stage card).
    pub fn stage_key(&self) -> Option<&StageKey> {
        match self {
            Place::Stage { stage, .. } | Place::ChecklistLine { stage, .. } => Some(stage),
            _ => None,
        }
    }
}
