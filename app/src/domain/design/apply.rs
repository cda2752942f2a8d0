//! Applying designer edits to a definition.

use super::super::approval::ApproverRef;
use super::super::definition::{ChecklistItem, Stage, WorkflowDefinition};
use super::super::fields::FieldDef;
use super::super::ids::{slugify, ChecklistKey, FieldKey, StageKey};
use super::edits::{DesignEdit, EditError};
use super::place::{FieldPart, Place, StagePart, WorkflowPart};
use super::raci::set_letter;

/// Applies one edit to `def` and returns the place it changed (for a new stage, line or
/// field: the new one, so the designer can focus it). A refused edit changes nothing.
pub fn apply_edit(def: &mut WorkflowDefinition, edit: &DesignEdit) -> Result<Place, EditError> {
    use DesignEdit::*;
    let at = |stage: &StageKey, part| Ok(Place::stage(stage, part));
    match edit {
        SetName { name } => {
            def.name = name.clone();
            Ok(Place::workflow(WorkflowPart::Name))
        }
        SetKind { kind } => {
            def.kind = *kind;
            Ok(Place::workflow(WorkflowPart::Kind))
        }
        SetRevisionLimit { limit } => {
            def.revision_limit = *limit;
            Ok(Place::workflow(WorkflowPart::RevisionLimit))
        }
        SetOutcome { outcome } => {
            def.outcome = *outcome;
            Ok(Place::workflow(WorkflowPart::Outcome))
        }
        AddStage { name, after } => {
            let position = match after {
                Some(key) => index_of(def, key)? + 1,
                None => def.stages.len(),
            };
            let key = unique(slugify(name), "stage", '-', |k| {
                def.stage(&StageKey::new(k)).is_some()
            });
            def.stages.insert(position, Stage::new(&key, name, ""));
            at(&StageKey::new(key), StagePart::Whole)
        }
        RenameStage { stage, name } => {
            stage_mut(def, stage)?.name = name.clone();
            at(stage, StagePart::Name)
        }
        MoveStage { stage, to } => {
            let from = index_of(def, stage)?;
            let moved = def.stages.remove(from);
            let to = (*to).min(def.stages.len());
            def.stages.insert(to, moved);
            at(stage, StagePart::Whole)
        }
        MoveStageUp { stage } => {
            let i = index_of(def, stage)?;
            if i > 0 {
                def.stages.swap(i, i - 1);
            }
            at(stage, StagePart::Whole)
        }
        MoveStageDown { stage } => {
            let i = index_of(def, stage)?;
            if i + 1 < def.stages.len() {
                def.stages.swap(i, i + 1);
            }
            at(stage, StagePart::Whole)
        }
        RemoveStage { stage } => {
            let i = index_of(def, stage)?;
            def.stages.remove(i);
            for other in &mut def.stages {
                let t = &mut other.transitions;
                if t.next.as_ref() == Some(stage) {
                    t.next = None;
                }
                if t.on_changes_requested.as_ref() == Some(stage) {
                    t.on_changes_requested = None;
                }
            }
            Ok(Place::workflow(WorkflowPart::Stages))
        }
        SetDescription { stage, description } => {
            stage_mut(def, stage)?.description = description.clone();
            at(stage, StagePart::Description)
        }
        SetRaci { stage, raci } => {
            stage_mut(def, stage)?.raci = raci.clone();
            at(stage, StagePart::Raci)
        }
        SetRaciLetter {
            stage,
            party,
            letter,
            on,
        } => {
            set_letter(&mut stage_mut(def, stage)?.raci, party, *letter, *on);
            at(stage, StagePart::Raci)
        }
        SetRequired {
            stage,
            field,
            required,
        } => {
            // An unknown field may still be un-required, to repair a stored definition.
            if *required {
                field_index(def, field)?;
            }
            let list = &mut stage_mut(def, stage)?.required_fields;
            let present = list.contains(field);
            if *required && !present {
                list.push(field.clone());
            } else if !*required {
                list.retain(|f| f != field);
            }
            at(stage, StagePart::RequiredFields)
        }
        AddChecklistLine {
            stage,
            label,
            optional,
        } => {
            let s = stage_mut(def, stage)?;
            let key = unique(slugify(label), "line", '-', |k| {
                s.checklist.iter().any(|l| l.key.as_str() == k)
            });
            s.checklist.push(ChecklistItem {
                key: ChecklistKey::new(key.clone()),
                label: label.clone(),
                optional: *optional,
            });
            Ok(Place::ChecklistLine {
                stage: stage.clone(),
                line: ChecklistKey::new(key),
            })
        }
        EditChecklistLine {
            stage,
            line,
            label,
            optional,
        } => {
            let s = stage_mut(def, stage)?;
            let i = line_index(s, line)?;
            s.checklist[i].label = label.clone();
            s.checklist[i].optional = *optional;
            Ok(line_place(stage, line))
        }
        MoveChecklistLine { stage, line, to } => {
            let s = stage_mut(def, stage)?;
            let i = line_index(s, line)?;
            let moved = s.checklist.remove(i);
            let to = (*to).min(s.checklist.len());
            s.checklist.insert(to, moved);
            Ok(line_place(stage, line))
        }
        RemoveChecklistLine { stage, line } => {
            let s = stage_mut(def, stage)?;
            let i = line_index(s, line)?;
            s.checklist.remove(i);
            at(stage, StagePart::Checklist)
        }
        SetSla { stage, sla } => {
            stage_mut(def, stage)?.sla = *sla;
            at(stage, StagePart::Sla)
        }
        SetEscalation { stage, escalation } => {
            stage_mut(def, stage)?.escalation = escalation.clone();
            at(stage, StagePart::Escalation)
        }
        SetApproval { stage, approval } => {
            for approver in approval.iter().flat_map(|p| &p.approvers) {
                if let ApproverRef::Field(field) = approver {
                    field_index(def, field)?;
                }
            }
            stage_mut(def, stage)?.approval = approval.clone();
            at(stage, StagePart::Approval)
        }
        SetWipLimit { stage, limit } => {
            stage_mut(def, stage)?.wip_limit = *limit;
            at(stage, StagePart::WipLimit)
        }
        SetRequiresSchedule { stage, on } => {
            stage_mut(def, stage)?.requires_schedule = *on;
            at(stage, StagePart::RequiresSchedule)
        }
        SetRecordsSends { stage, on } => {
            stage_mut(def, stage)?.records_sends = *on;
            at(stage, StagePart::RecordsSends)
        }
        SetBrandCheck { stage, on } => {
            stage_mut(def, stage)?.brand_check = *on;
            at(stage, StagePart::BrandCheck)
        }
        SetGateLinkedItems { stage, on } => {
            stage_mut(def, stage)?.gate_linked_items = *on;
            at(stage, StagePart::LinkedItems)
        }
        SetNext { stage, next } => {
            if let Some(target) = next {
                index_of(def, target)?;
            }
            stage_mut(def, stage)?.transitions.next = next.clone();
            at(stage, StagePart::Next)
        }
        SetOnChangesRequested { stage, target } => {
            if let Some(target) = target {
                index_of(def, target)?;
            }
            stage_mut(def, stage)?.transitions.on_changes_requested = target.clone();
            at(stage, StagePart::OnChangesRequested)
        }
        AddField { label, field_type } => {
            let key = unique(slugify(label).replace('-', "_"), "field", '_', |k| {
                def.field(&FieldKey::new(k)).is_some()
            });
            def.fields.push(FieldDef {
                key: FieldKey::new(key.clone()),
                label: label.clone(),
                field_type: field_type.clone(),
                help: String::new(),
            });
            Ok(Place::field(&FieldKey::new(key), FieldPart::Whole))
        }
        SetFieldLabel { field, label } => {
            let i = field_index(def, field)?;
            def.fields[i].label = label.clone();
            Ok(Place::field(field, FieldPart::Label))
        }
        SetFieldHelp { field, help } => {
            let i = field_index(def, field)?;
            def.fields[i].help = help.clone();
            Ok(Place::field(field, FieldPart::Help))
        }
        SetFieldType { field, field_type } => {
            let i = field_index(def, field)?;
            def.fields[i].field_type = field_type.clone();
            Ok(Place::field(field, FieldPart::Type))
        }
        MoveField { field, to } => {
            let i = field_index(def, field)?;
            let moved = def.fields.remove(i);
            let to = (*to).min(def.fields.len());
            def.fields.insert(to, moved);
            Ok(Place::field(field, FieldPart::Whole))
        }
        RemoveField { field } => {
            let i = field_index(def, field)?;
            def.fields.remove(i);
            let named = ApproverRef::Field(field.clone());
            for stage in &mut def.stages {
                stage.required_fields.retain(|f| f != field);
                if let Some(policy) = &mut stage.approval {
                    policy.approvers.retain(|a| *a != named);
                }
            }
            Ok(Place::workflow(WorkflowPart::Fields))
        }
    }
}

/// Applies edits in order, stopping at the first refused one (earlier ones stay applied).
pub fn apply_edits(def: &mut WorkflowDefinition, edits: &[DesignEdit]) -> Result<(), EditError> {
    edits
        .iter()
        .try_for_each(|edit| apply_edit(def, edit).map(|_| ()))
}

/// `base`, or `base` plus the first free number ("review-2"); `fallback` when `base` is empty.
fn unique(base: String, fallback: &str, sep: char, taken: impl Fn(&str) -> bool) -> String {
    let base = if base.is_empty() {
        fallback.to_owned()
    } else {
        base
    };
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}{sep}{n}"))
        .find(|k| !taken(k))
        .expect("a free key")
}

fn index_of(def: &WorkflowDefinition, stage: &StageKey) -> Result<usize, EditError> {
    def.stage_index(stage)
        .ok_or_else(|| EditError::UnknownStage {
            stage: stage.clone(),
        })
}

fn stage_mut<'d>(
    def: &'d mut WorkflowDefinition,
    stage: &StageKey,
) -> Result<&'d mut Stage, EditError> {
    let i = index_of(def, stage)?;
    Ok(&mut def.stages[i])
}

fn field_index(def: &WorkflowDefinition, field: &FieldKey) -> Result<usize, EditError> {
    def.fields
        .iter()
        .position(|f| &f.key == field)
        .ok_or_else(|| EditError::UnknownField {
            field: field.clone(),
        })
}

fn line_index(stage: &Stage, line: &ChecklistKey) -> Result<usize, EditError> {
    stage
        .checklist
        .iter()
        .position(|l| &l.key == line)
        .ok_or_else(|| EditError::UnknownChecklistLine {
            stage: stage.key.clone(),
            line: line.clone(),
        })
}

fn line_place(stage: &StageKey, line: &ChecklistKey) -> Place {
    Place::ChecklistLine {
        stage: stage.clone(),
        line: line.clone(),
    }
}
