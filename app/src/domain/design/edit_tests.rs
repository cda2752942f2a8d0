//! Tests of designer edits, removal impact, placed problems, the RACI matrix and pilots.

use super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use super::super::definition::Sla;
use super::super::fields::FieldType;
use super::super::ids::{CampaignId, PersonId, StageKey};
use super::super::people::Party;
use super::super::testkit::{flow, people, DANA, LEE, MAX};
use super::super::validate::DefinitionError;
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

#[test]
fn the_raci_matrix_lists_teams_then_people_and_round_trips_edits() {
    let people = people();
    let mut def = flow();
    let matrix = raci_matrix(&def, &people);
    let names: Vec<&str> = matrix.parties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Content",
            "Content lead",
            "Ada",
            "Max",
            "Dana",
            "Lee",
            "Sam",
            "Vic"
        ]
    );
    assert_eq!(matrix.rows[1].cells[1], vec![RaciLetter::Accountable]);
    let dana = Party::Person(DANA);
    for letter in [RaciLetter::Responsible, RaciLetter::Accountable] {
        edit(
            &mut def,
            DesignEdit::SetRaciLetter {
                stage: "review".into(),
                party: dana.clone(),
                letter,
                on: true,
            },
        );
    }
    edit(
        &mut def,
        DesignEdit::SetRaciLetter {
            stage: "review".into(),
            party: Party::team("CONTENT LEAD"),
            letter: RaciLetter::Accountable,
            on: false,
        },
    );
    let matrix = raci_matrix(&def, &people);
    let dana_column = matrix.parties.iter().position(|p| p.party == dana).unwrap();
    assert_eq!(matrix.cell_text(1, dana_column), "R/A");
    assert_eq!(matrix.cell_text(1, 1), "");
    let raci = &def.stage(&"review".into()).unwrap().raci;
    assert_eq!(raci.responsible, vec![dana.clone()]);
    assert_eq!(raci.accountable, vec![dana.clone()]);
    let printed = matrix.named_only();
    let names: Vec<&str> = printed.parties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Dana"]);
    // Giving a letter twice keeps one entry.
    edit(
        &mut def,
        DesignEdit::SetRaciLetter {
            stage: "review".into(),
            party: dana.clone(),
            letter: RaciLetter::Responsible,
            on: true,
        },
    );
    assert_eq!(def.stages[1].raci.responsible.len(), 1);
}

#[test]
fn pilots_take_new_items_of_their_group_only() {
    let team = PilotGroup::Team("Design".into());
    let design = vec!["design".to_string()];
    assert_eq!(
        version_for_new_item(Some(&team), 3, 4, Some(DANA), &design, None),
        4
    );
    assert_eq!(
        version_for_new_item(Some(&team), 3, 4, Some(LEE), &[], None),
        3
    );
    let campaign = PilotGroup::Campaign(CampaignId(7));
    assert_eq!(
        version_for_new_item(Some(&campaign), 3, 4, None, &[], Some(CampaignId(7))),
        4
    );
    assert_eq!(
        version_for_new_item(Some(&campaign), 3, 4, None, &[], Some(CampaignId(8))),
        3
    );
    let chosen = PilotGroup::People(vec![DANA, MAX]);
    assert_eq!(
        version_for_new_item(Some(&chosen), 3, 4, Some(MAX), &[], None),
        4
    );
    assert_eq!(
        version_for_new_item(Some(&chosen), 3, 4, None, &[], None),
        3
    );
    assert_eq!(
        version_for_new_item(None, 3, 4, Some(DANA), &design, None),
        3
    );
    assert_eq!(chosen.describe(&people(), None), "Dana and Max");
    assert_eq!(team.describe(&people(), None), "the Design team");
    assert_eq!(
        campaign.describe(&people(), Some("Spring launch")),
        "items of the campaign Spring launch"
    );
    let json = serde_json::to_string(&PilotGroup::People(vec![PersonId(2)])).unwrap();
    assert_eq!(json, r#"{"type":"people","value":[2]}"#);
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
