//! Property test: whatever sequence of designer edits is applied to any built-in template
//! or a blank workflow, the result either validates or every problem is explained with a
//! message and a place that exists in the definition.

use super::super::definition::WorkflowDefinition;
use super::super::ids::StageKey;
use super::super::templates::builtin_templates;
use super::super::testkit::people;
use super::super::validate::{validate, DefinitionError};
use super::props_edits::edit;
use super::props_steps::{step, Step};
use super::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::collections::BTreeSet;

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
