//! Tests of the version diff in words: one for each kind of change.

use super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use super::super::definition::{EscalationRule, Sla, WorkflowDefinition};
use super::super::fields::FieldType;
use super::super::people::Party;
use super::super::testkit::{flow, people, DANA, LEE, MAX};
use super::*;

fn changed(edit: impl FnOnce(&mut WorkflowDefinition)) -> Vec<String> {
    let old = flow();
    let mut new = old.clone();
    new.version = 2;
    edit(&mut new);
    diff(&old, &new, &people())
        .into_iter()
        .map(|c| c.text)
        .collect()
}

fn apply(def: &mut WorkflowDefinition, edits: Vec<DesignEdit>) {
    apply_edits(def, &edits).unwrap();
}

#[test]
fn no_change_no_sentence() {
    assert!(changed(|_| {}).is_empty());
}

#[test]
fn sla_changes_read_old_to_new() {
    assert_eq!(
        changed(|d| d.stages[1].sla = Some(Sla {
            hours: 24,
            business_hours: false
        })),
        vec!["Review: SLA 48 h → 24 h"]
    );
    assert_eq!(
        changed(|d| d.stages[0].sla = Some(Sla {
            hours: 8,
            business_hours: true
        })),
        vec!["Brief: SLA set to 8 business hours"]
    );
    assert_eq!(
        changed(|d| d.stages[1].sla = None),
        vec!["Review: SLA removed (was 48 h)"]
    );
}

#[test]
fn checklist_lines_added_reworded_made_optional_and_removed() {
    let texts = changed(|d| {
        apply(
            d,
            vec![
                DesignEdit::AddChecklistLine {
                    stage: "review".into(),
                    label: "Alt text on every image".into(),
                    optional: false,
                },
                DesignEdit::EditChecklistLine {
                    stage: "brief".into(),
                    line: "goal".into(),
                    label: "Goal signed off".into(),
                    optional: true,
                },
                DesignEdit::RemoveChecklistLine {
                    stage: "brief".into(),
                    line: "refs".into(),
                },
            ],
        )
    });
    assert_eq!(
        texts,
        vec![
            "Brief: checklist line “Goal agreed” now reads “Goal signed off”",
            "Brief: checklist line “Goal signed off” now optional",
            "Brief: checklist line “References attached” removed",
            "Review: new checklist line “Alt text on every image”",
        ]
    );
}

#[test]
fn stages_added_removed_renamed_and_reordered() {
    let texts = changed(|d| {
        apply(
            d,
            vec![
                DesignEdit::AddStage {
                    name: "Legal review".into(),
                    after: Some("review".into()),
                },
                DesignEdit::RenameStage {
                    stage: "brief".into(),
                    name: "Intake".into(),
                },
            ],
        )
    });
    assert_eq!(
        texts,
        vec![
            "New stage “Legal review” after Review",
            "Stage “Brief” renamed to “Intake”",
        ]
    );
    let texts = changed(|d| {
        apply(
            d,
            vec![
                DesignEdit::RemoveStage {
                    stage: "revisions".into(),
                },
                DesignEdit::MoveStageUp {
                    stage: "publish".into(),
                },
            ],
        )
    });
    assert_eq!(
        texts,
        vec![
            "Stage “Revisions” removed",
            "Stages reordered: Brief → Publish → Review",
            "Review: changes requested go to the start of Review (was Revisions)",
        ]
    );
}

#[test]
fn required_fields_in_words() {
    let texts = changed(|d| {
        apply(
            d,
            vec![
                DesignEdit::AddField {
                    label: "Subject line".into(),
                    field_type: FieldType::Text,
                },
                DesignEdit::SetRequired {
                    stage: "review".into(),
                    field: "subject_line".into(),
                    required: true,
                },
                DesignEdit::SetRequired {
                    stage: "brief".into(),
                    field: "url".into(),
                    required: false,
                },
            ],
        )
    });
    assert_eq!(
        texts,
        vec![
            "New field “Subject line” (text)",
            "Field “Landing page URL” no longer required in Brief",
            "Field “Subject line” now required in Review",
        ]
    );
}

#[test]
fn fields_renamed_retyped_and_removed() {
    let texts = changed(|d| {
        d.fields[0].label = "Theme".into();
        d.fields[0].field_type = FieldType::Choice {
            options: vec!["Launch".into(), "Story".into()],
        };
        d.fields[0].help = "Pick one".into();
        apply(
            d,
            vec![DesignEdit::RemoveField {
                field: "budget".into(),
            }],
        );
    });
    assert_eq!(
        texts,
        vec![
            "Field “Topic” renamed to “Theme”",
            "Field “Theme”: text → choice (Launch, Story)",
            "Field “Theme”: help text changed",
            "Field “Budget” removed",
        ]
    );
}

#[test]
fn approval_policy_and_approvers_in_words() {
    let texts = changed(|d| {
        d.stages[1].approval = Some(ApprovalPolicy {
            rule: ApprovalRule::Single,
            approvers: vec![
                ApproverRef::Person(DANA),
                ApproverRef::Person(LEE),
                ApproverRef::Person(MAX),
            ],
        })
    });
    assert_eq!(texts, vec!["Review: approval 2 of 3 → single"]);
    let texts = changed(|d| {
        d.stages[1].approval = Some(ApprovalPolicy {
            rule: ApprovalRule::AtLeast { count: 2 },
            approvers: vec![ApproverRef::Person(DANA), ApproverRef::Team("Legal".into())],
        })
    });
    assert_eq!(
        texts,
        vec![
            "Review: approval 2 of 3 → 2 of 2",
            "Review: approvers Dana, Lee and Max → Dana and someone from Legal",
        ]
    );
    let texts = changed(|d| {
        d.stages[0].approval = Some(ApprovalPolicy {
            rule: ApprovalRule::Sequential,
            approvers: vec![ApproverRef::Person(MAX), ApproverRef::Person(DANA)],
        });
        d.stages[1].approval = None;
    });
    assert_eq!(
        texts,
        vec![
            "Brief: now needs approval (sequential, 2 in turn: Max and Dana)",
            "Review: no longer needs approval",
        ]
    );
}

#[test]
fn wip_raci_escalation_flags_and_transitions_in_words() {
    let texts = changed(|d| {
        d.stages[1].wip_limit = Some(3);
        d.stages[0].wip_limit = Some(4);
        d.stages[3].wip_limit = None;
        d.stages[1].raci.responsible.push(Party::Person(DANA));
        d.stages[1].raci.accountable.clear();
        d.stages[1].escalation = Some(EscalationRule {
            to: vec![Party::Person(MAX)],
            after_hours: Some(24),
        });
        d.stages[0].requires_schedule = true;
        d.stages[3].requires_schedule = false;
        d.stages[3].records_sends = true;
        d.stages[3].brand_check = true;
        d.stages[0].transitions.next = Some("review".into());
    });
    assert_eq!(
        texts,
        vec![
            "Brief: WIP limit set to 4",
            "Brief: now needs a publish date",
            "Brief: when done, goes to Review (was the next stage)",
            "Review: Dana now responsible",
            "Review: Content lead no longer accountable",
            "Review: escalates to Max after 24 h (was to the accountable people when the SLA runs out)",
            "Review: WIP limit 2 → 3",
            "Publish: WIP limit removed (was 5)",
            "Publish: no longer needs a publish date",
            "Publish: now keeps a send log",
            "Publish: now requires the brand check to pass",
        ]
    );
}

#[test]
fn workflow_settings_in_words() {
    let texts = changed(|d| {
        d.name = "Blog flow".into();
        d.revision_limit = 2;
        d.kind = super::super::definition::WorkflowKind::Content;
    });
    assert_eq!(
        texts,
        vec![
            "Name “Flow” → “Blog flow”",
            "Kind custom → content",
            "Revision rounds before the brief is revisited: 1 → 2",
        ]
    );
}

#[test]
fn every_change_points_at_a_place_of_the_new_version_or_the_stage_list() {
    let old = flow();
    let mut new = old.clone();
    apply(
        &mut new,
        vec![
            DesignEdit::AddStage {
                name: "Legal".into(),
                after: None,
            },
            DesignEdit::RemoveStage {
                stage: "revisions".into(),
            },
            DesignEdit::SetWipLimit {
                stage: "review".into(),
                limit: None,
            },
        ],
    );
    for change in diff(&old, &new, &people()) {
        assert!(change.place.exists_in(&new), "{change:?}");
    }
}

#[test]
fn the_outcome_asked_for_is_an_edit_and_a_change_in_words() {
    use super::super::definition::{OutcomeKind, OutcomeSpec};
    let spec = |required| {
        Some(OutcomeSpec {
            kind: OutcomeKind::PublishedUrl,
            required,
        })
    };
    assert_eq!(
        changed(|d| apply(
            d,
            vec![DesignEdit::SetOutcome {
                outcome: spec(true)
            }]
        )),
        ["Outcome: none → a published url (required)"]
    );
    let mut def = flow();
    apply(
        &mut def,
        vec![DesignEdit::SetOutcome {
            outcome: spec(false),
        }],
    );
    assert_eq!(def.outcome, spec(false));
    apply(&mut def, vec![DesignEdit::SetOutcome { outcome: None }]);
    assert_eq!(def.outcome, None);
}
