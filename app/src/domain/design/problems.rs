//! Validation as you type: the engine's own `validate`, each problem placed next to its cause.

use super::super::definition::WorkflowDefinition;
use super::super::ids::ChecklistKey;
use super::super::validate::{validate, DefinitionError};
use super::place::{FieldPart, Place, StagePart, WorkflowPart};
use serde::{Deserialize, Serialize};

/// A problem of the definition, where it belongs, in the words the server uses on save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Where to show it.
    pub place: Place,
    /// The same place as a path, e.g. "stages.review.approval".
    pub path: String,
    /// The message, exactly `error.to_string()`.
    pub message: String,
    /// The engine's error.
    pub error: DefinitionError,
}

impl Problem {
    /// Whether the problem is at `path` or inside it ("stages.review" holds
    /// "stages.review.approval").
    pub fn is_within(&self, path: &str) -> bool {
        self.path == path
            || self
                .path
                .strip_prefix(path)
                .is_some_and(|rest| rest.starts_with('.'))
    }
}

/// Every problem of `def`, placed; empty when it would save. Cheap enough for every keystroke.
pub fn problems(def: &WorkflowDefinition) -> Vec<Problem> {
    let Err(errors) = validate(def) else {
        return Vec::new();
    };
    errors
        .into_iter()
        .map(|error| {
            let place = place_of(def, &error);
            Problem {
                path: place.path(),
                message: error.to_string(),
                place,
                error,
            }
        })
        .collect()
}

/// Where an error of `validate` belongs in the designer.
pub fn place_of(def: &WorkflowDefinition, error: &DefinitionError) -> Place {
    use DefinitionError::*;
    match error {
        MissingName => Place::workflow(WorkflowPart::Name),
        NoStages => Place::workflow(WorkflowPart::Stages),
        DuplicateStage { stage } | UnreachableStage { stage } => {
            Place::stage(stage, StagePart::Whole)
        }
        UnnamedStage { stage } => Place::stage(stage, StagePart::Name),
        DuplicateField { field } => Place::field(field, FieldPart::Whole),
        UnlabelledField { field } => Place::field(field, FieldPart::Label),
        ChoiceWithoutOptions { field } => Place::field(field, FieldPart::Options),
        UnknownRequiredField { stage, .. } => Place::stage(stage, StagePart::RequiredFields),
        TransitionToMissingStage { stage, target } => {
            let by_next = def
                .stage(stage)
                .is_some_and(|s| s.transitions.next.as_ref() == Some(target));
            let part = if by_next {
                StagePart::Next
            } else {
                StagePart::OnChangesRequested
            };
            Place::stage(stage, part)
        }
        TransitionToItself { stage } | ForwardLoop { stage } => {
            Place::stage(stage, StagePart::Next)
        }
        NoApprovers { stage }
        | ApproverFieldNotPerson { stage, .. }
        | ImpossibleQuorum { stage, .. }
        | UnnamedApproverTeam { stage } => Place::stage(stage, StagePart::Approval),
        ZeroWipLimit { stage } => Place::stage(stage, StagePart::WipLimit),
        ZeroSla { stage } => Place::stage(stage, StagePart::Sla),
        IncompleteEscalation { stage } => Place::stage(stage, StagePart::Escalation),
        DuplicateChecklistItem { stage, item } | UnlabelledChecklistItem { stage, item } => {
            Place::ChecklistLine {
                stage: stage.clone(),
                line: ChecklistKey::new(item.clone()),
            }
        }
    }
}
