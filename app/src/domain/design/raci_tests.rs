//! Tests of the RACI matrix and of pilots.

use super::super::ids::{CampaignId, PersonId};
use super::super::people::Party;
use super::super::testkit::{flow, people, DANA, LEE, MAX};
use super::*;

fn edit(def: &mut super::super::definition::WorkflowDefinition, e: DesignEdit) -> Place {
    apply_edit(def, &e).unwrap_or_else(|err| panic!("refused: {err}"))
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
