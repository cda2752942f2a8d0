//! What removing a stage or a field would do, said before it is done.

use super::super::approval::ApproverRef;
use super::super::definition::WorkflowDefinition;
use super::super::ids::{FieldKey, StageKey};
use super::edits::EditError;
use super::words::{count, join_and};
use serde::{Deserialize, Serialize};

/// What removing a stage would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRemoval {
    /// The stage.
    pub stage: StageKey,
    /// Open items in it now (on the version being edited).
    pub items: u32,
    /// Stages whose "approved" transition points at it.
    pub next_from: Vec<StageKey>,
    /// Stages whose "changes requested" transition points at it.
    pub changes_from: Vec<StageKey>,
    /// Whether it can be removed at all (not the only stage).
    pub possible: bool,
    /// Whether its items need a new stage when open items move to the new version.
    pub needs_destination: bool,
    /// Each consequence in plain words, in the order to show them.
    pub consequences: Vec<String>,
}

/// What removing `stage` would do, given how many open `items` are in it.
pub fn stage_removal(
    def: &WorkflowDefinition,
    stage: &StageKey,
    items: u32,
) -> Result<StageRemoval, EditError> {
    let index = def
        .stage_index(stage)
        .ok_or_else(|| EditError::UnknownStage {
            stage: stage.clone(),
        })?;
    let name = &def.stages[index].name;
    let pointing = |pick: fn(&super::super::definition::Transitions) -> &Option<StageKey>| {
        def.stages
            .iter()
            .filter(|s| &s.key != stage && pick(&s.transitions).as_ref() == Some(stage))
            .map(|s| s.key.clone())
            .collect::<Vec<_>>()
    };
    let next_from = pointing(|t| &t.next);
    let changes_from = pointing(|t| &t.on_changes_requested);
    let possible = def.stages.len() > 1;
    let needs_destination = possible && items > 0;
    let names = |keys: &[StageKey]| {
        join_and(
            &keys
                .iter()
                .map(|k| super::words::stage_name(def, k))
                .collect::<Vec<_>>(),
        )
    };
    let mut consequences = Vec::new();
    if !possible {
        consequences.push(format!(
            "{name} is the only stage: a workflow needs at least one, so add another first."
        ));
    } else if items > 0 {
        let were = if items == 1 { "is" } else { "are" };
        consequences.push(format!(
            "{} {were} in {name}. They stay on version {} until you move open items to the new version; then you choose the stage they go to.",
            count(items, "open item", "open items"),
            def.version
        ));
    } else {
        consequences.push(format!("No open items are in {name}."));
    }
    if possible && !next_from.is_empty() {
        consequences.push(format!(
            "{} {} on to {name} when done; after removal {} on to the next stage in order.",
            names(&next_from),
            if next_from.len() == 1 {
                "moves"
            } else {
                "move"
            },
            if next_from.len() == 1 {
                "it moves"
            } else {
                "they move"
            }
        ));
    }
    if possible && !changes_from.is_empty() {
        consequences.push(format!(
            "Changes requested in {} go to {name}; after removal they go back to the start of the same stage.",
            names(&changes_from)
        ));
    }
    if possible && index == 0 {
        consequences.push(format!(
            "{} becomes the first stage, where new items start.",
            def.stages[1].name
        ));
    }
    Ok(StageRemoval {
        stage: stage.clone(),
        items,
        next_from,
        changes_from,
        possible,
        needs_destination,
        consequences,
    })
}

/// What removing a field would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRemoval {
    /// The field.
    pub field: FieldKey,
    /// Stages that require it.
    pub required_in: Vec<StageKey>,
    /// Stages whose approval step takes an approver from it.
    pub approver_in: Vec<StageKey>,
    /// Of those, stages left with no approver at all (the definition will not save until
    /// someone else is named).
    pub leaves_no_approver: Vec<StageKey>,
    /// Open items with a value in it.
    pub items_with_value: u32,
    /// Each consequence in plain words.
    pub consequences: Vec<String>,
}

/// What removing `field` would do, given how many open items have a value in it.
pub fn field_removal(
    def: &WorkflowDefinition,
    field: &FieldKey,
    items_with_value: u32,
) -> Result<FieldRemoval, EditError> {
    let label = def
        .field(field)
        .ok_or_else(|| EditError::UnknownField {
            field: field.clone(),
        })?
        .label
        .clone();
    let named = ApproverRef::Field(field.clone());
    let keys = |pred: &dyn Fn(&super::super::definition::Stage) -> bool| -> Vec<StageKey> {
        def.stages
            .iter()
            .filter(|s| pred(s))
            .map(|s| s.key.clone())
            .collect()
    };
    let required_in = keys(&|s| s.required_fields.contains(field));
    let approver_in = keys(&|s| {
        s.approval
            .as_ref()
            .is_some_and(|p| p.approvers.contains(&named))
    });
    let leaves_no_approver = keys(&|s| {
        s.approval
            .as_ref()
            .is_some_and(|p| !p.approvers.is_empty() && p.approvers.iter().all(|a| *a == named))
    });
    let names = |keys: &[StageKey]| {
        join_and(
            &keys
                .iter()
                .map(|k| super::words::stage_name(def, k))
                .collect::<Vec<_>>(),
        )
    };
    let mut consequences = Vec::new();
    if !required_in.is_empty() {
        consequences.push(format!(
            "{} {} {label}; {} no longer will.",
            names(&required_in),
            if required_in.len() == 1 {
                "requires"
            } else {
                "require"
            },
            if required_in.len() == 1 { "it" } else { "they" }
        ));
    }
    if !approver_in.is_empty() {
        consequences.push(format!(
            "The approval in {} takes its approver from {label}; that approver is removed.",
            names(&approver_in)
        ));
    }
    if !leaves_no_approver.is_empty() {
        consequences.push(format!(
            "{} would have no approver left: choose who approves before saving.",
            names(&leaves_no_approver)
        ));
    }
    if items_with_value > 0 {
        consequences.push(format!(
            "{} {} a value in {label}; they keep it, but the new version no longer shows or asks for it.",
            count(items_with_value, "open item", "open items"),
            if items_with_value == 1 { "has" } else { "have" }
        ));
    }
    if consequences.is_empty() {
        consequences.push(format!(
            "Nothing uses {label}: it can go without other changes."
        ));
    }
    Ok(FieldRemoval {
        field: field.clone(),
        required_in,
        approver_in,
        leaves_no_approver,
        items_with_value,
        consequences,
    })
}
