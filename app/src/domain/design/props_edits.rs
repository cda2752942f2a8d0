//! Turning a random step into the designer edit it stands for, on the current definition.

use super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use super::super::definition::{EscalationRule, Sla, WorkflowDefinition};
use super::super::fields::FieldType;
use super::super::ids::{ChecklistKey, FieldKey, StageKey};
use super::super::people::Party;
use super::super::testkit::{DANA, LEE, MAX};
use super::props_steps::{Step, NAMES};
use super::*;

fn field_type(kind: usize) -> FieldType {
    match kind {
        0 => FieldType::Text,
        1 => FieldType::LongText,
        2 => FieldType::Url,
        3 => FieldType::Number,
        4 => FieldType::Money,
        5 => FieldType::Percent,
        6 => FieldType::Date,
        7 => FieldType::DateTime,
        8 => FieldType::Person,
        9 => FieldType::Choice {
            options: vec!["A".into(), "B".into()],
        },
        10 => FieldType::Choice { options: vec![] },
        11 => FieldType::YesNo,
        _ => FieldType::Segment,
    }
}

fn name(i: usize) -> String {
    NAMES[i % NAMES.len()].to_owned()
}

/// Indices pick among what exists; with nothing there, a key that does not exist.
fn stage(def: &WorkflowDefinition, i: usize) -> StageKey {
    def.stages
        .get(i % def.stages.len().max(1))
        .map_or_else(|| StageKey::new("nope"), |s| s.key.clone())
}

fn field(def: &WorkflowDefinition, i: usize) -> FieldKey {
    def.fields
        .get(i % def.fields.len().max(1))
        .map_or_else(|| FieldKey::new("nope"), |f| f.key.clone())
}

fn line(def: &WorkflowDefinition, stage: &StageKey, i: usize) -> ChecklistKey {
    def.stage(stage)
        .and_then(|s| s.checklist.get(i % s.checklist.len().max(1)))
        .map_or_else(|| ChecklistKey::new("nope"), |l| l.key.clone())
}

fn party(i: usize) -> Party {
    [
        Party::Person(DANA),
        Party::Person(MAX),
        Party::team("Legal"),
        Party::team("legal"),
        Party::team("Design"),
    ][i % 5]
        .clone()
}

pub(super) fn edit(def: &WorkflowDefinition, step: &Step) -> DesignEdit {
    use DesignEdit as E;
    match step.clone() {
        Step::SetName(n) => E::SetName { name: name(n) },
        Step::RevisionLimit(limit) => E::SetRevisionLimit { limit },
        Step::AddStage { name: n, after } => E::AddStage {
            name: name(n),
            after: after.map(|a| stage(def, a)),
        },
        Step::Rename { stage: s, name: n } => E::RenameStage {
            stage: stage(def, s),
            name: name(n),
        },
        Step::Move { stage: s, to } => E::MoveStage {
            stage: stage(def, s),
            to,
        },
        Step::Up(s) => E::MoveStageUp {
            stage: stage(def, s),
        },
        Step::Down(s) => E::MoveStageDown {
            stage: stage(def, s),
        },
        Step::Remove(s) => E::RemoveStage {
            stage: stage(def, s),
        },
        Step::Describe(s) => E::SetDescription {
            stage: stage(def, s),
            description: "Words".into(),
        },
        Step::Raci {
            stage: s,
            party: p,
            letter,
            on,
        } => E::SetRaciLetter {
            stage: stage(def, s),
            party: party(p),
            letter: RaciLetter::ALL[letter],
            on,
        },
        Step::Require {
            stage: s,
            field: f,
            on,
        } => E::SetRequired {
            stage: stage(def, s),
            field: field(def, f),
            required: on,
        },
        Step::AddLine {
            stage: s,
            name: n,
            optional,
        } => E::AddChecklistLine {
            stage: stage(def, s),
            label: name(n),
            optional,
        },
        Step::EditLine {
            stage: s,
            line: l,
            name: n,
            optional,
        } => {
            let key = stage(def, s);
            E::EditChecklistLine {
                line: line(def, &key, l),
                stage: key,
                label: name(n),
                optional,
            }
        }
        Step::MoveLine {
            stage: s,
            line: l,
            to,
        } => {
            let key = stage(def, s);
            E::MoveChecklistLine {
                line: line(def, &key, l),
                stage: key,
                to,
            }
        }
        Step::RemoveLine { stage: s, line: l } => {
            let key = stage(def, s);
            E::RemoveChecklistLine {
                line: line(def, &key, l),
                stage: key,
            }
        }
        Step::Sla {
            stage: s,
            hours,
            business,
        } => E::SetSla {
            stage: stage(def, s),
            sla: hours.map(|hours| Sla {
                hours,
                business_hours: business,
            }),
        },
        Step::Escalate { stage: s, rule } => E::SetEscalation {
            stage: stage(def, s),
            escalation: rule.map(|(to_someone, after_hours)| EscalationRule {
                to: if to_someone {
                    vec![Party::Person(LEE)]
                } else {
                    vec![]
                },
                after_hours,
            }),
        },
        Step::Approval { stage: s, policy } => E::SetApproval {
            stage: stage(def, s),
            approval: policy.map(|(rule, count, picks)| ApprovalPolicy {
                rule: [
                    ApprovalRule::Single,
                    ApprovalRule::All,
                    ApprovalRule::AtLeast { count },
                    ApprovalRule::Sequential,
                ][rule],
                approvers: picks
                    .into_iter()
                    .filter_map(|p| match p {
                        0 => Some(ApproverRef::Person(DANA)),
                        1 => Some(ApproverRef::Person(LEE)),
                        2 => Some(ApproverRef::Team("Legal".into())),
                        3 => Some(ApproverRef::Team(" ".into())),
                        // Any field the designer offers; a non-person one is a problem to explain.
                        _ => def.fields.get(p).map(|f| ApproverRef::Field(f.key.clone())),
                    })
                    .collect(),
            }),
        },
        Step::Wip { stage: s, limit } => E::SetWipLimit {
            stage: stage(def, s),
            limit,
        },
        Step::Flag {
            stage: s,
            which,
            on,
        } => {
            let stage = stage(def, s);
            match which {
                0 => E::SetRequiresSchedule { stage, on },
                1 => E::SetRecordsSends { stage, on },
                2 => E::SetBrandCheck { stage, on },
                _ => E::SetGateLinkedItems { stage, on },
            }
        }
        Step::Next { stage: s, to } => E::SetNext {
            stage: stage(def, s),
            next: to.map(|t| stage(def, t)),
        },
        Step::Changes { stage: s, to } => E::SetOnChangesRequested {
            stage: stage(def, s),
            target: to.map(|t| stage(def, t)),
        },
        Step::AddField { name: n, kind } => E::AddField {
            label: name(n),
            field_type: field_type(kind),
        },
        Step::FieldLabel { field: f, name: n } => E::SetFieldLabel {
            field: field(def, f),
            label: name(n),
        },
        Step::FieldKind { field: f, kind } => E::SetFieldType {
            field: field(def, f),
            field_type: field_type(kind),
        },
        Step::MoveField { field: f, to } => E::MoveField {
            field: field(def, f),
            to,
        },
        Step::RemoveField(f) => E::RemoveField {
            field: field(def, f),
        },
    }
}
