//! A diff in words between two versions of a workflow.

use super::super::definition::WorkflowDefinition;
use super::super::ids::StageKey;
use super::super::people::People;
use super::diff_stage::stage_changes;
use super::place::{FieldPart, Place, StagePart, WorkflowPart};
use super::words;
use serde::{Deserialize, Serialize};

/// One difference between two versions, as a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Where in the newer version (or, for removals, where it was).
    pub place: Place,
    /// The change in words, e.g. "Review: SLA 48 h → 24 h".
    pub text: String,
}

impl Change {
    pub(super) fn new(place: Place, text: impl Into<String>) -> Self {
        Self {
            place,
            text: text.into(),
        }
    }
}

/// What changed from `old` to `new`: the workflow's settings, its fields, stages added,
/// removed and reordered, then each remaining stage's settings in the new order. Names of
/// people come from `people`.
pub fn diff(old: &WorkflowDefinition, new: &WorkflowDefinition, people: &People) -> Vec<Change> {
    let mut out = Vec::new();
    let workflow = |part| Place::workflow(part);
    if old.name != new.name {
        out.push(Change::new(
            workflow(WorkflowPart::Name),
            format!("Name “{}” → “{}”", old.name, new.name),
        ));
    }
    if old.kind != new.kind {
        out.push(Change::new(
            workflow(WorkflowPart::Kind),
            format!("Kind {} → {}", kind_word(old), kind_word(new)),
        ));
    }
    if old.revision_limit != new.revision_limit {
        out.push(Change::new(
            workflow(WorkflowPart::RevisionLimit),
            format!(
                "Revision rounds before the brief is revisited: {} → {}",
                old.revision_limit, new.revision_limit
            ),
        ));
    }
    if old.outcome != new.outcome {
        let words = |o: Option<crate::domain::OutcomeSpec>| match o {
            None => "none".to_owned(),
            Some(spec) if spec.required => {
                format!("{} (required)", spec.kind.label().to_lowercase())
            }
            Some(spec) => spec.kind.label().to_lowercase(),
        };
        out.push(Change::new(
            workflow(WorkflowPart::Outcome),
            format!("Outcome: {} → {}", words(old.outcome), words(new.outcome)),
        ));
    }
    out.extend(field_changes(old, new));
    out.extend(stage_list_changes(old, new));
    for stage in &new.stages {
        if let Some(before) = old.stage(&stage.key) {
            out.extend(stage_changes(old, new, before, stage, people));
        }
    }
    out
}

fn kind_word(def: &WorkflowDefinition) -> String {
    serde_json::to_value(def.kind)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

fn field_changes(old: &WorkflowDefinition, new: &WorkflowDefinition) -> Vec<Change> {
    let mut out = Vec::new();
    for field in &new.fields {
        let place = |part| Place::field(&field.key, part);
        let Some(before) = old.field(&field.key) else {
            out.push(Change::new(
                place(FieldPart::Whole),
                format!(
                    "New field “{}” ({})",
                    field.label,
                    words::field_type(&field.field_type)
                ),
            ));
            continue;
        };
        if before.label != field.label {
            out.push(Change::new(
                place(FieldPart::Label),
                format!("Field “{}” renamed to “{}”", before.label, field.label),
            ));
        }
        if before.field_type != field.field_type {
            out.push(Change::new(
                place(FieldPart::Type),
                format!(
                    "Field “{}”: {} → {}",
                    field.label,
                    words::field_type(&before.field_type),
                    words::field_type(&field.field_type)
                ),
            ));
        }
        if before.help != field.help {
            out.push(Change::new(
                place(FieldPart::Help),
                format!("Field “{}”: help text changed", field.label),
            ));
        }
    }
    for field in old.fields.iter().filter(|f| new.field(&f.key).is_none()) {
        out.push(Change::new(
            Place::field(&field.key, FieldPart::Whole),
            format!("Field “{}” removed", field.label),
        ));
    }
    out
}

fn stage_list_changes(old: &WorkflowDefinition, new: &WorkflowDefinition) -> Vec<Change> {
    let mut out = Vec::new();
    for (i, stage) in new.stages.iter().enumerate() {
        if old.stage(&stage.key).is_none() {
            let after = match i {
                0 => "at the start".to_owned(),
                _ => format!("after {}", new.stages[i - 1].name),
            };
            out.push(Change::new(
                Place::stage(&stage.key, StagePart::Whole),
                format!("New stage “{}” {after}", stage.name),
            ));
        }
    }
    for stage in old.stages.iter().filter(|s| new.stage(&s.key).is_none()) {
        out.push(Change::new(
            Place::workflow(WorkflowPart::Stages),
            format!("Stage “{}” removed", stage.name),
        ));
    }
    let kept = |def: &WorkflowDefinition, other: &WorkflowDefinition| -> Vec<StageKey> {
        def.stages
            .iter()
            .filter(|s| other.stage(&s.key).is_some())
            .map(|s| s.key.clone())
            .collect()
    };
    if kept(old, new) != kept(new, old) {
        let order: Vec<&str> = new.stages.iter().map(|s| s.name.as_str()).collect();
        out.push(Change::new(
            Place::workflow(WorkflowPart::Stages),
            format!("Stages reordered: {}", order.join(" → ")),
        ));
    }
    for stage in &new.stages {
        if let Some(before) = old.stage(&stage.key) {
            if before.name != stage.name {
                out.push(Change::new(
                    Place::stage(&stage.key, StagePart::Name),
                    format!("Stage “{}” renamed to “{}”", before.name, stage.name),
                ));
            }
        }
    }
    out
}
