//! Tests of what removals would do, and of problems placed next to their cause.

use super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use super::super::definition::Sla;
use super::super::fields::FieldType;
use super::super::ids::StageKey;
use super::super::testkit::{flow, DANA};
use super::super::validate::DefinitionError;
use super::*;

fn edit(def: &mut super::super::definition::WorkflowDefinition, e: DesignEdit) -> Place {
    apply_edit(def, &e).unwrap_or_else(|err| panic!("refused: {err}"))
}

#[test]
fn removing_a_stage_says_what_happens_and_repoints_transitions() {
    let mut def = flow();
    let impact = stage_removal(&def, &"revisions".into(), 3).unwrap();
    assert!(impact.possible && impact.needs_destination);
    assert_eq!(impact.changes_from, vec![StageKey::new("review")]);
    assert_eq!(
        impact.consequences,
        vec![
            "3 open items are in Revisions. They stay on version 1 until you move open items to the new version; then you choose the stage they go to.",
            "Changes requested in Review go to Revisions; after removal they go back to the start of the same stage.",
        ]
    );
    let first = stage_removal(&def, &"brief".into(), 0).unwrap();
    assert_eq!(
        first.consequences,
        vec![
            "No open items are in Brief.",
            "Review becomes the first stage, where new items start."
        ]
    );
    let to_publish = stage_removal(&def, &"publish".into(), 1).unwrap();
    assert_eq!(
        to_publish.consequences[1],
        "Review moves on to Publish when done; after removal it moves on to the next stage in order."
    );
    edit(
        &mut def,
        DesignEdit::RemoveStage {
            stage: "revisions".into(),
        },
    );
    assert_eq!(def.stages[1].transitions.on_changes_requested, None);
    assert!(problems(&def).is_empty(), "{:?}", problems(&def));
    let mut only = blank_workflow("Solo");
    edit(
        &mut only,
        DesignEdit::AddStage {
            name: "Do it".into(),
            after: None,
        },
    );
    let impact = stage_removal(&only, &"do-it".into(), 2).unwrap();
    assert!(!impact.possible && !impact.needs_destination);
    assert_eq!(
        impact.consequences,
        vec!["Do it is the only stage: a workflow needs at least one, so add another first."]
    );
}

#[test]
fn removing_a_field_says_who_used_it_and_drops_its_references() {
    let mut def = flow();
    def.fields[0].field_type = FieldType::Person;
    def.stages[1].approval = Some(ApprovalPolicy::single_from_field("topic"));
    let impact = field_removal(&def, &"topic".into(), 4).unwrap();
    assert_eq!(
        impact.consequences,
        vec![
            "Brief requires Topic; it no longer will.",
            "The approval in Review takes its approver from Topic; that approver is removed.",
            "Review would have no approver left: choose who approves before saving.",
            "4 open items have a value in Topic; they keep it, but the new version no longer shows or asks for it.",
        ]
    );
    edit(
        &mut def,
        DesignEdit::RemoveField {
            field: "topic".into(),
        },
    );
    assert!(!def.stages[0].required_fields.contains(&"topic".into()));
    let found = problems(&def);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, "stages.review.approval");
    assert_eq!(
        found[0].message,
        "Stage \"review\" needs approval but names no approvers"
    );
    let unused = field_removal(&def, &"budget".into(), 0).unwrap();
    assert_eq!(
        unused.consequences,
        vec!["Nothing uses Budget: it can go without other changes."]
    );
}

#[test]
fn problems_are_placed_next_to_their_cause_in_the_server_s_words() {
    let mut def = flow();
    def.name = String::new();
    def.fields[0].field_type = FieldType::Choice { options: vec![] };
    def.stages[1].approval = Some(ApprovalPolicy {
        rule: ApprovalRule::AtLeast { count: 4 },
        approvers: vec![ApproverRef::Person(DANA)],
    });
    def.stages[1].transitions.on_changes_requested = Some("gone".into());
    def.stages[0].checklist[0].label = " ".into();
    def.stages[3].sla = Some(Sla {
        hours: 0,
        business_hours: false,
    });
    let found = problems(&def);
    let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
    for expected in [
        "name",
        "fields.topic.options",
        "stages.review.approval",
        "stages.review.transitions.on_changes_requested",
        "stages.brief.checklist.goal",
        "stages.publish.sla",
        "stages.revisions",
    ] {
        assert!(paths.contains(&expected), "{expected} in {paths:?}");
    }
    let server: Vec<String> = super::super::validate::validate(&def)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    let shown: Vec<String> = found.iter().map(|p| p.message.clone()).collect();
    assert_eq!(shown, server);
    let review: Vec<&Problem> = found
        .iter()
        .filter(|p| p.is_within("stages.review"))
        .collect();
    assert_eq!(review.len(), 2);
    assert!(!found[0].is_within("stages.rev"));
    assert_eq!(
        problems(&blank_workflow("Launch"))[0].error,
        DefinitionError::NoStages
    );
}
