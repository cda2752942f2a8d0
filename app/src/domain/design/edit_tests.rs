//! Tests of designer edits.

use super::super::approval::ApprovalPolicy;
use super::super::definition::Sla;
use super::super::fields::FieldType;
use super::super::ids::StageKey;
use super::super::people::Party;
use super::super::testkit::flow;
use super::*;

fn edit(def: &mut super::super::definition::WorkflowDefinition, e: DesignEdit) -> Place {
    apply_edit(def, &e).unwrap_or_else(|err| panic!("refused: {err}"))
}

fn keys(def: &super::super::definition::WorkflowDefinition) -> Vec<&str> {
    def.stages.iter().map(|s| s.key.as_str()).collect()
}

#[test]
fn new_stages_get_a_unique_key_and_renaming_keeps_it() {
    let mut def = flow();
    let place = edit(
        &mut def,
        DesignEdit::AddStage {
            name: "Review".into(),
            after: Some("brief".into()),
        },
    );
    assert_eq!(place.path(), "stages.review-2");
    assert_eq!(
        keys(&def),
        vec!["brief", "review-2", "review", "revisions", "publish"]
    );
    edit(
        &mut def,
        DesignEdit::AddStage {
            name: "  ".into(),
            after: None,
        },
    );
    assert_eq!(def.stages.last().unwrap().key.as_str(), "stage");
    edit(
        &mut def,
        DesignEdit::RenameStage {
            stage: "review".into(),
            name: "Editorial review".into(),
        },
    );
    let review = def.stage(&"review".into()).unwrap();
    assert_eq!(review.name, "Editorial review");
}

#[test]
fn stages_move_by_index_and_by_keyboard() {
    let mut def = flow();
    edit(
        &mut def,
        DesignEdit::MoveStage {
            stage: "publish".into(),
            to: 1,
        },
    );
    assert_eq!(keys(&def), vec!["brief", "publish", "review", "revisions"]);
    edit(
        &mut def,
        DesignEdit::MoveStage {
            stage: "brief".into(),
            to: 99,
        },
    );
    assert_eq!(keys(&def), vec!["publish", "review", "revisions", "brief"]);
    edit(
        &mut def,
        DesignEdit::MoveStageUp {
            stage: "publish".into(),
        },
    );
    edit(
        &mut def,
        DesignEdit::MoveStageDown {
            stage: "brief".into(),
        },
    );
    assert_eq!(keys(&def), vec!["publish", "review", "revisions", "brief"]);
    edit(
        &mut def,
        DesignEdit::MoveStageDown {
            stage: "review".into(),
        },
    );
    assert_eq!(keys(&def), vec!["publish", "revisions", "review", "brief"]);
}

#[test]
fn edits_naming_what_does_not_exist_are_refused_and_change_nothing() {
    let mut def = flow();
    let before = def.clone();
    let refused = [
        DesignEdit::RenameStage {
            stage: "nope".into(),
            name: "X".into(),
        },
        DesignEdit::SetNext {
            stage: "brief".into(),
            next: Some("nope".into()),
        },
        DesignEdit::SetRequired {
            stage: "brief".into(),
            field: "nope".into(),
            required: true,
        },
        DesignEdit::RemoveChecklistLine {
            stage: "brief".into(),
            line: "nope".into(),
        },
        DesignEdit::SetApproval {
            stage: "review".into(),
            approval: Some(ApprovalPolicy::single_from_field("nope")),
        },
    ];
    let messages: Vec<String> = refused
        .iter()
        .map(|e| apply_edit(&mut def, e).unwrap_err().to_string())
        .collect();
    assert_eq!(
        messages,
        vec![
            "There is no stage \"nope\" in this workflow",
            "There is no stage \"nope\" in this workflow",
            "There is no field \"nope\" in this workflow",
            "Stage \"brief\" has no checklist line \"nope\"",
            "There is no field \"nope\" in this workflow",
        ]
    );
    assert_eq!(def, before);
    // A field that is gone can still be un-required, to repair a stored definition.
    def.stages[0].required_fields.push("gone".into());
    edit(
        &mut def,
        DesignEdit::SetRequired {
            stage: "brief".into(),
            field: "gone".into(),
            required: false,
        },
    );
    assert_eq!(
        def.stages[0].required_fields,
        before.stages[0].required_fields
    );
}

#[test]
fn every_stage_setting_can_be_set_and_cleared() {
    let mut def = flow();
    let s: StageKey = "publish".into();
    let steps = [
        DesignEdit::SetDescription {
            stage: s.clone(),
            description: "Go live".into(),
        },
        DesignEdit::SetSla {
            stage: s.clone(),
            sla: Some(Sla {
                hours: 8,
                business_hours: true,
            }),
        },
        DesignEdit::SetWipLimit {
            stage: s.clone(),
            limit: None,
        },
        DesignEdit::SetRequiresSchedule {
            stage: s.clone(),
            on: false,
        },
        DesignEdit::SetRecordsSends {
            stage: s.clone(),
            on: true,
        },
        DesignEdit::SetBrandCheck {
            stage: s.clone(),
            on: true,
        },
        DesignEdit::SetGateLinkedItems {
            stage: s.clone(),
            on: true,
        },
        DesignEdit::SetOnChangesRequested {
            stage: s.clone(),
            target: Some("revisions".into()),
        },
        DesignEdit::SetRequired {
            stage: s.clone(),
            field: "budget".into(),
            required: true,
        },
        DesignEdit::SetRequired {
            stage: s.clone(),
            field: "budget".into(),
            required: true,
        },
    ];
    apply_edits(&mut def, &steps).unwrap();
    let publish = def.stage(&s).unwrap();
    assert_eq!(publish.description, "Go live");
    assert_eq!(publish.sla.unwrap().hours, 8);
    assert_eq!(publish.wip_limit, None);
    assert!(!publish.requires_schedule && publish.records_sends && publish.brand_check);
    assert!(publish.gate_linked_items);
    assert_eq!(
        publish.transitions.on_changes_requested,
        Some("revisions".into())
    );
    assert_eq!(publish.required_fields, vec!["budget".into()]);
}

#[test]
fn checklist_lines_are_added_edited_moved_and_removed() {
    let mut def = flow();
    let s: StageKey = "brief".into();
    let place = edit(
        &mut def,
        DesignEdit::AddChecklistLine {
            stage: s.clone(),
            label: "Goal agreed".into(),
            optional: false,
        },
    );
    assert_eq!(place.path(), "stages.brief.checklist.goal-agreed");
    let place = edit(
        &mut def,
        DesignEdit::AddChecklistLine {
            stage: s.clone(),
            label: "Goal agreed".into(),
            optional: true,
        },
    );
    assert_eq!(place.path(), "stages.brief.checklist.goal-agreed-2");
    edit(
        &mut def,
        DesignEdit::EditChecklistLine {
            stage: s.clone(),
            line: "goal-agreed-2".into(),
            label: "Alt text on every image".into(),
            optional: false,
        },
    );
    edit(
        &mut def,
        DesignEdit::MoveChecklistLine {
            stage: s.clone(),
            line: "goal-agreed-2".into(),
            to: 0,
        },
    );
    edit(
        &mut def,
        DesignEdit::RemoveChecklistLine {
            stage: s.clone(),
            line: "refs".into(),
        },
    );
    let lines: Vec<(&str, &str, bool)> = def.stages[0]
        .checklist
        .iter()
        .map(|l| (l.key.as_str(), l.label.as_str(), l.optional))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("goal-agreed-2", "Alt text on every image", false),
            ("goal", "Goal agreed", false),
            ("goal-agreed", "Goal agreed", false),
        ]
    );
}

#[test]
fn fields_get_underscore_keys_and_keep_them() {
    let mut def = flow();
    let place = edit(
        &mut def,
        DesignEdit::AddField {
            label: "Subject line".into(),
            field_type: FieldType::Text,
        },
    );
    assert_eq!(place.path(), "fields.subject_line");
    let place = edit(
        &mut def,
        DesignEdit::AddField {
            label: "Subject line".into(),
            field_type: FieldType::YesNo,
        },
    );
    assert_eq!(place.path(), "fields.subject_line_2");
    edit(
        &mut def,
        DesignEdit::SetFieldLabel {
            field: "subject_line".into(),
            label: "Subject".into(),
        },
    );
    edit(
        &mut def,
        DesignEdit::SetFieldHelp {
            field: "subject_line".into(),
            help: "Under 60 characters".into(),
        },
    );
    edit(
        &mut def,
        DesignEdit::MoveField {
            field: "subject_line".into(),
            to: 0,
        },
    );
    let first = &def.fields[0];
    assert_eq!(
        (
            first.key.as_str(),
            first.label.as_str(),
            first.help.as_str()
        ),
        ("subject_line", "Subject", "Under 60 characters")
    );
}

#[test]
fn edits_serialize_with_an_edit_tag_for_the_browser() {
    let e = DesignEdit::SetRaciLetter {
        stage: "review".into(),
        party: Party::team("Legal"),
        letter: RaciLetter::Consulted,
        on: true,
    };
    let json = serde_json::to_string(&e).unwrap();
    assert!(json.starts_with(r#"{"edit":"set_raci_letter""#), "{json}");
    assert_eq!(serde_json::from_str::<DesignEdit>(&json).unwrap(), e);
}
