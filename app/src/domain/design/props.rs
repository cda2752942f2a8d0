//! Property test: whatever sequence of designer edits is applied to any built-in template
//! or a blank workflow, the result either validates or every problem is explained with a
//! message and a place that exists in the definition.

use super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use super::super::definition::{EscalationRule, Sla, WorkflowDefinition};
use super::super::fields::FieldType;
use super::super::ids::{ChecklistKey, FieldKey, StageKey};
use super::super::people::Party;
use super::super::templates::builtin_templates;
use super::super::testkit::{people, DANA, LEE, MAX};
use super::super::validate::{validate, DefinitionError};
use super::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::collections::BTreeSet;

const NAMES: [&str; 6] = [
    "Review",
    "Legal review",
    "",
    "  ",
    "Draft",
    "SEO & technical",
];

#[derive(Debug, Clone)]
enum Step {
    SetName(usize),
    RevisionLimit(u32),
    AddStage {
        name: usize,
        after: Option<usize>,
    },
    Rename {
        stage: usize,
        name: usize,
    },
    Move {
        stage: usize,
        to: usize,
    },
    Up(usize),
    Down(usize),
    Remove(usize),
    Describe(usize),
    Raci {
        stage: usize,
        party: usize,
        letter: usize,
        on: bool,
    },
    Require {
        stage: usize,
        field: usize,
        on: bool,
    },
    AddLine {
        stage: usize,
        name: usize,
        optional: bool,
    },
    EditLine {
        stage: usize,
        line: usize,
        name: usize,
        optional: bool,
    },
    MoveLine {
        stage: usize,
        line: usize,
        to: usize,
    },
    RemoveLine {
        stage: usize,
        line: usize,
    },
    Sla {
        stage: usize,
        hours: Option<u32>,
        business: bool,
    },
    Escalate {
        stage: usize,
        rule: Option<(bool, Option<u32>)>,
    },
    Approval {
        stage: usize,
        policy: Option<(usize, u32, Vec<usize>)>,
    },
    Wip {
        stage: usize,
        limit: Option<u32>,
    },
    Flag {
        stage: usize,
        which: usize,
        on: bool,
    },
    Next {
        stage: usize,
        to: Option<usize>,
    },
    Changes {
        stage: usize,
        to: Option<usize>,
    },
    AddField {
        name: usize,
        kind: usize,
    },
    FieldLabel {
        field: usize,
        name: usize,
    },
    FieldKind {
        field: usize,
        kind: usize,
    },
    MoveField {
        field: usize,
        to: usize,
    },
    RemoveField(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let i = || 0usize..12;
    prop_oneof![
        1 => i().prop_map(Step::SetName),
        1 => (0u32..3).prop_map(Step::RevisionLimit),
        4 => (i(), prop::option::of(i())).prop_map(|(name, after)| Step::AddStage { name, after }),
        2 => (i(), i()).prop_map(|(stage, name)| Step::Rename { stage, name }),
        2 => (i(), i()).prop_map(|(stage, to)| Step::Move { stage, to }),
        1 => i().prop_map(Step::Up),
        1 => i().prop_map(Step::Down),
        2 => i().prop_map(Step::Remove),
        1 => i().prop_map(Step::Describe),
        2 => (i(), i(), 0usize..4, any::<bool>())
            .prop_map(|(stage, party, letter, on)| Step::Raci { stage, party, letter, on }),
        3 => (i(), i(), any::<bool>()).prop_map(|(stage, field, on)| Step::Require { stage, field, on }),
        3 => (i(), i(), any::<bool>())
            .prop_map(|(stage, name, optional)| Step::AddLine { stage, name, optional }),
        1 => (i(), i(), i(), any::<bool>())
            .prop_map(|(stage, line, name, optional)| Step::EditLine { stage, line, name, optional }),
        1 => (i(), i(), i()).prop_map(|(stage, line, to)| Step::MoveLine { stage, line, to }),
        1 => (i(), i()).prop_map(|(stage, line)| Step::RemoveLine { stage, line }),
        2 => (i(), prop::option::of(0u32..60), any::<bool>())
            .prop_map(|(stage, hours, business)| Step::Sla { stage, hours, business }),
        2 => (i(), prop::option::of((any::<bool>(), prop::option::of(0u32..30))))
            .prop_map(|(stage, rule)| Step::Escalate { stage, rule }),
        3 => (i(), prop::option::of((0usize..4, 0u32..4, prop::collection::vec(0usize..8, 0..4))))
            .prop_map(|(stage, policy)| Step::Approval { stage, policy }),
        1 => (i(), prop::option::of(0u32..4)).prop_map(|(stage, limit)| Step::Wip { stage, limit }),
        2 => (i(), 0usize..4, any::<bool>()).prop_map(|(stage, which, on)| Step::Flag { stage, which, on }),
        2 => (i(), prop::option::of(i())).prop_map(|(stage, to)| Step::Next { stage, to }),
        2 => (i(), prop::option::of(i())).prop_map(|(stage, to)| Step::Changes { stage, to }),
        3 => (i(), 0usize..13).prop_map(|(name, kind)| Step::AddField { name, kind }),
        1 => (i(), i()).prop_map(|(field, name)| Step::FieldLabel { field, name }),
        2 => (i(), 0usize..13).prop_map(|(field, kind)| Step::FieldKind { field, kind }),
        1 => (i(), i()).prop_map(|(field, to)| Step::MoveField { field, to }),
        1 => i().prop_map(Step::RemoveField),
    ]
}

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

fn edit(def: &WorkflowDefinition, step: &Step) -> DesignEdit {
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

fn start(i: usize) -> WorkflowDefinition {
    let mut all = builtin_templates();
    all.push(blank_workflow("New workflow"));
    all.swap_remove(i % all.len())
}

fn keys(def: &WorkflowDefinition) -> Vec<StageKey> {
    def.stages.iter().map(|s| s.key.clone()).collect()
}

/// Runs the edits, checking each; returns whether the result validates.
fn run(from: usize, steps: &[Step]) -> bool {
    let original = start(from);
    let mut def = original.clone();
    for step in steps {
        let e = edit(&def, step);
        let before = def.clone();
        match apply_edit(&mut def, &e) {
            Err(refused) => {
                assert!(!refused.to_string().trim().is_empty());
                assert_eq!(def, before, "a refused edit changed the definition");
            }
            Ok(place) => {
                assert!(place.exists_in(&def), "{e:?} pointed at {}", place.path());
                if matches!(
                    e,
                    DesignEdit::RenameStage { .. } | DesignEdit::MoveStage { .. }
                ) {
                    let mut a = keys(&before);
                    let mut b = keys(&def);
                    a.sort();
                    b.sort();
                    assert_eq!(a, b, "stage keys changed");
                }
            }
        }
        check_explained(&def);
    }
    let changes = diff(&original, &def, &people());
    assert!(changes.iter().all(|c| !c.text.trim().is_empty()));
    let json = serde_json::to_string(&def).expect("serializes");
    assert_eq!(
        serde_json::from_str::<WorkflowDefinition>(&json).expect("loads"),
        def
    );
    validate(&def).is_ok()
}

fn check_explained(def: &WorkflowDefinition) {
    let found = problems(def);
    match validate(def) {
        Ok(()) => assert!(found.is_empty()),
        Err(errors) => {
            assert_eq!(found.len(), errors.len());
            for (problem, error) in found.iter().zip(&errors) {
                assert_eq!(&problem.error, error);
                assert!(!problem.message.trim().is_empty());
                assert!(!problem.path.is_empty());
                assert_eq!(problem.path, problem.place.path());
                assert!(
                    problem.place.exists_in(def),
                    "{} does not exist",
                    problem.path
                );
                // Unique keys are the designer's job, not the user's.
                assert!(!matches!(
                    error,
                    DefinitionError::DuplicateStage { .. }
                        | DefinitionError::DuplicateField { .. }
                        | DefinitionError::DuplicateChecklistItem { .. }
                ));
            }
        }
    }
    let mut lines = BTreeSet::new();
    for stage in &def.stages {
        for l in &stage.checklist {
            assert!(lines.insert((stage.key.clone(), l.key.clone())));
        }
    }
}

fn scenario() -> impl Strategy<Value = (usize, Vec<Step>)> {
    (0usize..9, prop::collection::vec(step(), 0..40))
}

proptest! {
    // No regression files: they would be written outside the domain folder.
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_designed_workflow_validates_or_is_explained((from, steps) in scenario()) {
        run(from, &steps);
    }
}

/// Guards the property against passing vacuously: random runs end both valid and invalid.
#[test]
fn random_designs_end_both_valid_and_invalid() {
    let mut runner = TestRunner::deterministic();
    let strategy = scenario();
    let (mut valid, mut invalid) = (0, 0);
    for _ in 0..200 {
        let (from, steps) = strategy.new_tree(&mut runner).expect("scenario").current();
        if run(from, &steps) {
            valid += 1;
        } else {
            invalid += 1;
        }
    }
    assert!(
        valid > 10 && invalid > 10,
        "valid {valid}, invalid {invalid}"
    );
}
