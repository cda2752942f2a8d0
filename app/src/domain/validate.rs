//! Validation of workflow definitions, with errors a workflow editor can show as they are.

use super::approval::{ApprovalRule, ApproverRef};
use super::definition::WorkflowDefinition;
use super::fields::FieldType;
use super::ids::{FieldKey, StageKey};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// Something wrong with a workflow definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum DefinitionError {
    /// The workflow has no name.
    MissingName,
    /// The workflow has no stages.
    NoStages,
    /// Two stages share a key.
    DuplicateStage {
        /// The key.
        stage: StageKey,
    },
    /// Two fields share a key.
    DuplicateField {
        /// The key.
        field: FieldKey,
    },
    /// A choice field has no options.
    ChoiceWithoutOptions {
        /// The field.
        field: FieldKey,
    },
    /// A stage requires a field the workflow does not define.
    UnknownRequiredField {
        /// The stage.
        stage: StageKey,
        /// The missing field.
        field: FieldKey,
    },
    /// A transition points at a stage that does not exist.
    TransitionToMissingStage {
        /// The stage the transition leaves.
        stage: StageKey,
        /// The missing target.
        target: StageKey,
    },
    /// A stage's forward transition points at itself.
    TransitionToItself {
        /// The stage.
        stage: StageKey,
    },
    /// Following forward transitions from this stage never reaches the last stage.
    ForwardLoop {
        /// The stage.
        stage: StageKey,
    },
    /// No transition leads to this stage from the first one.
    UnreachableStage {
        /// The stage.
        stage: StageKey,
    },
    /// An approval step names no approvers.
    NoApprovers {
        /// The stage.
        stage: StageKey,
    },
    /// An approver field is missing or not person-typed.
    ApproverFieldNotPerson {
        /// The stage.
        stage: StageKey,
        /// The field.
        field: FieldKey,
    },
    /// "N of M" asks for zero, or for more approvers than listed.
    ImpossibleQuorum {
        /// The stage.
        stage: StageKey,
        /// Approvals asked for.
        needed: u32,
        /// Approvers listed.
        approvers: u32,
    },
    /// A WIP limit of zero.
    ZeroWipLimit {
        /// The stage.
        stage: StageKey,
    },
    /// An SLA of zero hours.
    ZeroSla {
        /// The stage.
        stage: StageKey,
    },
    /// An escalation with no delay (no hours and no SLA); with no target it goes to the managers.
    IncompleteEscalation {
        /// The stage.
        stage: StageKey,
    },
    /// Two checklist lines of a stage share a key.
    DuplicateChecklistItem {
        /// The stage.
        stage: StageKey,
        /// The key.
        item: String,
    },
    /// A stage has a blank name.
    UnnamedStage {
        /// The stage.
        stage: StageKey,
    },
    /// A field has a blank label.
    UnlabelledField {
        /// The field.
        field: FieldKey,
    },
    /// A checklist line has no text.
    UnlabelledChecklistItem {
        /// The stage.
        stage: StageKey,
        /// The line's key.
        item: String,
    },
    /// An approval step names a team without a name.
    UnnamedApproverTeam {
        /// The stage.
        stage: StageKey,
    },
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DefinitionError::*;
        match self {
            MissingName => write!(f, "The workflow needs a name"),
            NoStages => write!(f, "The workflow needs at least one stage"),
            DuplicateStage { stage } => write!(f, "Two stages use the key \"{stage}\""),
            DuplicateField { field } => write!(f, "Two fields use the key \"{field}\""),
            ChoiceWithoutOptions { field } => write!(f, "Choice field \"{field}\" has no options"),
            UnknownRequiredField { stage, field } => {
                write!(
                    f,
                    "Stage \"{stage}\" requires field \"{field}\", which is not defined"
                )
            }
            TransitionToMissingStage { stage, target } => {
                write!(
                    f,
                    "Stage \"{stage}\" leads to \"{target}\", which does not exist"
                )
            }
            TransitionToItself { stage } => write!(f, "Stage \"{stage}\" leads to itself"),
            ForwardLoop { stage } => write!(
                f,
                "From stage \"{stage}\" the next stages loop and never finish"
            ),
            UnreachableStage { stage } => write!(f, "No item can ever reach stage \"{stage}\""),
            NoApprovers { stage } => {
                write!(f, "Stage \"{stage}\" needs approval but names no approvers")
            }
            ApproverFieldNotPerson { stage, field } => {
                write!(f, "Stage \"{stage}\" takes its approver from \"{field}\", which is not a person field")
            }
            ImpossibleQuorum {
                stage,
                needed,
                approvers,
            } => {
                write!(
                    f,
                    "Stage \"{stage}\" needs {needed} approvals from {approvers} approvers"
                )
            }
            ZeroWipLimit { stage } => write!(f, "Stage \"{stage}\" has a WIP limit of 0"),
            ZeroSla { stage } => write!(f, "Stage \"{stage}\" has an SLA of 0 hours"),
            IncompleteEscalation { stage } => {
                write!(
                    f,
                    "Stage \"{stage}\" escalates without a delay: give it hours or an SLA"
                )
            }
            DuplicateChecklistItem { stage, item } => {
                write!(f, "Stage \"{stage}\" lists checklist line \"{item}\" twice")
            }
            UnnamedStage { stage } => write!(f, "Stage \"{stage}\" needs a name"),
            UnlabelledField { field } => write!(f, "Field \"{field}\" needs a label"),
            UnlabelledChecklistItem { stage, item } => {
                write!(
                    f,
                    "Stage \"{stage}\" has checklist line \"{item}\" with no text"
                )
            }
            UnnamedApproverTeam { stage } => {
                write!(f, "Stage \"{stage}\" names an approver team with no name")
            }
        }
    }
}

impl std::error::Error for DefinitionError {}

/// Checks a definition; returns every problem found.
pub fn validate(def: &WorkflowDefinition) -> Result<(), Vec<DefinitionError>> {
    use DefinitionError::*;
    let mut errors = Vec::new();
    if def.name.trim().is_empty() {
        errors.push(MissingName);
    }
    if def.stages.is_empty() {
        errors.push(NoStages);
    }
    let mut seen = BTreeSet::new();
    for field in &def.fields {
        if !seen.insert(&field.key) {
            errors.push(DuplicateField {
                field: field.key.clone(),
            });
        }
        if field.label.trim().is_empty() {
            errors.push(UnlabelledField {
                field: field.key.clone(),
            });
        }
        if matches!(&field.field_type, FieldType::Choice { options } if options.is_empty()) {
            errors.push(ChoiceWithoutOptions {
                field: field.key.clone(),
            });
        }
    }
    let mut seen = BTreeSet::new();
    for stage in &def.stages {
        let key = &stage.key;
        if !seen.insert(key) {
            errors.push(DuplicateStage { stage: key.clone() });
        }
        if stage.name.trim().is_empty() {
            errors.push(UnnamedStage { stage: key.clone() });
        }
        for field in stage
            .required_fields
            .iter()
            .filter(|f| def.field(f).is_none())
        {
            errors.push(UnknownRequiredField {
                stage: key.clone(),
                field: field.clone(),
            });
        }
        let targets = [
            &stage.transitions.next,
            &stage.transitions.on_changes_requested,
        ];
        for target in targets
            .into_iter()
            .flatten()
            .filter(|t| def.stage(t).is_none())
        {
            errors.push(TransitionToMissingStage {
                stage: key.clone(),
                target: target.clone(),
            });
        }
        if stage.transitions.next.as_ref() == Some(key) {
            errors.push(TransitionToItself { stage: key.clone() });
        }
        let mut lines = BTreeSet::new();
        for line in stage.checklist.iter().filter(|l| !lines.insert(&l.key)) {
            errors.push(DuplicateChecklistItem {
                stage: key.clone(),
                item: line.key.to_string(),
            });
        }
        for line in stage.checklist.iter().filter(|l| l.label.trim().is_empty()) {
            errors.push(UnlabelledChecklistItem {
                stage: key.clone(),
                item: line.key.to_string(),
            });
        }
        if stage.wip_limit == Some(0) {
            errors.push(ZeroWipLimit { stage: key.clone() });
        }
        if stage.sla.is_some_and(|s| s.hours == 0) {
            errors.push(ZeroSla { stage: key.clone() });
        }
        if let Some(rule) = &stage.escalation {
            let no_delay = rule
                .after_hours
                .or(stage.sla.map(|s| s.hours))
                .is_none_or(|h| h == 0);
            if no_delay {
                errors.push(IncompleteEscalation { stage: key.clone() });
            }
        }
        if let Some(policy) = &stage.approval {
            if policy.approvers.is_empty() {
                errors.push(NoApprovers { stage: key.clone() });
            }
            for approver in &policy.approvers {
                match approver {
                    ApproverRef::Field(field)
                        if !def
                            .field(field)
                            .is_some_and(|f| f.field_type == FieldType::Person) =>
                    {
                        errors.push(ApproverFieldNotPerson {
                            stage: key.clone(),
                            field: field.clone(),
                        });
                    }
                    ApproverRef::Team(team) if team.trim().is_empty() => {
                        errors.push(UnnamedApproverTeam { stage: key.clone() });
                    }
                    _ => {}
                }
            }
            if let ApprovalRule::AtLeast { count } = policy.rule {
                let approvers = policy.approvers.len() as u32;
                if count == 0 || count > approvers {
                    errors.push(ImpossibleQuorum {
                        stage: key.clone(),
                        needed: count,
                        approvers,
                    });
                }
            }
        }
    }
    errors.extend(graph_errors(def));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Reachability from the first stage, and forward paths that never finish.
fn graph_errors(def: &WorkflowDefinition) -> Vec<DefinitionError> {
    let Some(first) = def.first_stage() else {
        return Vec::new();
    };
    let mut errors = Vec::new();
    let mut reached = BTreeSet::from([&first.key]);
    let mut queue = vec![&first.key];
    while let Some(key) = queue.pop() {
        let Some(stage) = def.stage(key) else {
            continue;
        };
        let next = def.next_stage(key).map(|s| &s.key);
        for target in next
            .into_iter()
            .chain(stage.transitions.on_changes_requested.as_ref())
        {
            if def.stage(target).is_some() && reached.insert(target) {
                queue.push(target);
            }
        }
    }
    for stage in def.stages.iter().filter(|s| !reached.contains(&s.key)) {
        errors.push(DefinitionError::UnreachableStage {
            stage: stage.key.clone(),
        });
    }
    for stage in &def.stages {
        let mut key = &stage.key;
        let mut steps = 0;
        while let Some(next) = def.next_stage(key) {
            key = &next.key;
            steps += 1;
            if steps > def.stages.len() {
                errors.push(DefinitionError::ForwardLoop {
                    stage: stage.key.clone(),
                });
                break;
            }
        }
    }
    errors
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
