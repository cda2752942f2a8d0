//! Tests of definition validation.

use crate::domain::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use crate::domain::definition::{EscalationRule, Sla, Stage};
use crate::domain::testkit::{flow, DANA};
use crate::domain::validate::{validate, DefinitionError};

fn errors_of(def: &crate::domain::definition::WorkflowDefinition) -> Vec<DefinitionError> {
    validate(def).err().unwrap_or_default()
}

#[test]
fn the_fixture_flow_is_valid() {
    assert_eq!(validate(&flow()), Ok(()));
}

#[test]
fn a_workflow_needs_stages_and_a_name() {
    let mut def = flow();
    def.stages.clear();
    def.name = " ".into();
    assert_eq!(
        errors_of(&def),
        vec![DefinitionError::MissingName, DefinitionError::NoStages]
    );
}

#[test]
fn duplicate_stage_keys_and_unknown_required_fields_are_reported() {
    let mut def = flow();
    def.stages.push(Stage::new("brief", "Brief again", ""));
    def.stages[0].required_fields.push("nope".into());
    let errors = errors_of(&def);
    assert!(errors.contains(&DefinitionError::DuplicateStage {
        stage: "brief".into()
    }));
    assert!(errors.contains(&DefinitionError::UnknownRequiredField {
        stage: "brief".into(),
        field: "nope".into()
    }));
}

#[test]
fn transitions_must_point_at_existing_stages() {
    let mut def = flow();
    def.stages[1].transitions.on_changes_requested = Some("rework".into());
    let errors = errors_of(&def);
    assert!(errors.contains(&DefinitionError::TransitionToMissingStage {
        stage: "review".into(),
        target: "rework".into()
    }));
    // Revisions was only reachable through "changes requested".
    assert!(errors.contains(&DefinitionError::UnreachableStage {
        stage: "revisions".into()
    }));
    assert_eq!(
        errors[0].to_string(),
        "Stage \"review\" leads to \"rework\", which does not exist",
    );
}

#[test]
fn forward_loops_are_reported() {
    let mut def = flow();
    def.stages[1].transitions.next = Some("revisions".into());
    assert!(errors_of(&def).contains(&DefinitionError::ForwardLoop {
        stage: "review".into()
    }));
    def.stages[1].transitions.next = Some("review".into());
    assert!(
        errors_of(&def).contains(&DefinitionError::TransitionToItself {
            stage: "review".into()
        })
    );
}

#[test]
fn approval_steps_need_approvers_of_the_right_kind() {
    let mut def = flow();
    def.stages[1].approval = Some(ApprovalPolicy {
        rule: ApprovalRule::Single,
        approvers: vec![],
    });
    assert!(errors_of(&def).contains(&DefinitionError::NoApprovers {
        stage: "review".into()
    }));
    def.stages[1].approval = Some(ApprovalPolicy::single_from_field("topic"));
    assert!(
        errors_of(&def).contains(&DefinitionError::ApproverFieldNotPerson {
            stage: "review".into(),
            field: "topic".into()
        })
    );
    def.stages[1].approval = Some(ApprovalPolicy {
        rule: ApprovalRule::AtLeast { count: 3 },
        approvers: vec![ApproverRef::Person(DANA)],
    });
    assert!(
        errors_of(&def).contains(&DefinitionError::ImpossibleQuorum {
            stage: "review".into(),
            needed: 3,
            approvers: 1
        })
    );
}

#[test]
fn limits_must_be_positive_and_escalations_complete() {
    let mut def = flow();
    def.stages[0].wip_limit = Some(0);
    def.stages[0].sla = Some(Sla {
        hours: 0,
        business_hours: false,
    });
    def.stages[2].escalation = Some(EscalationRule::default());
    let errors = errors_of(&def);
    assert!(errors.contains(&DefinitionError::ZeroWipLimit {
        stage: "brief".into()
    }));
    assert!(errors.contains(&DefinitionError::ZeroSla {
        stage: "brief".into()
    }));
    assert!(errors.contains(&DefinitionError::IncompleteEscalation {
        stage: "revisions".into()
    }));
}

#[test]
fn choice_fields_need_options_and_checklists_unique_lines() {
    let mut def = flow();
    def.fields[0].field_type = crate::domain::fields::FieldType::Choice { options: vec![] };
    let dup = def.stages[0].checklist[0].clone();
    def.stages[0].checklist.push(dup);
    let errors = errors_of(&def);
    assert!(errors.contains(&DefinitionError::ChoiceWithoutOptions {
        field: "topic".into()
    }));
    assert!(errors.contains(&DefinitionError::DuplicateChecklistItem {
        stage: "brief".into(),
        item: "goal".into()
    }));
}

#[test]
fn names_labels_and_approver_teams_must_not_be_blank() {
    let mut def = flow();
    def.stages[1].name = "  ".into();
    def.fields[1].label = String::new();
    def.stages[0].checklist[1].label = " ".into();
    def.stages[1].approval = Some(ApprovalPolicy {
        rule: ApprovalRule::Single,
        approvers: vec![ApproverRef::Team(" ".into())],
    });
    let errors = errors_of(&def);
    let words: Vec<String> = errors.iter().map(ToString::to_string).collect();
    for expected in [
        "Stage \"review\" needs a name",
        "Field \"url\" needs a label",
        "Stage \"brief\" has checklist line \"refs\" with no text",
        "Stage \"review\" names an approver team with no name",
    ] {
        assert!(words.iter().any(|w| w == expected), "{expected}: {words:?}");
    }
    def.stages[1].approval = Some(ApprovalPolicy {
        rule: ApprovalRule::Single,
        approvers: vec![ApproverRef::Team("Legal".into())],
    });
    assert!(
        !errors_of(&def).contains(&DefinitionError::UnnamedApproverTeam {
            stage: "review".into()
        })
    );
}
