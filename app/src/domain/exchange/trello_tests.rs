use super::*;
use crate::domain::design::{limit_problems, problems};
use crate::domain::testkit::{ctx, people, DANA, SAM};
use crate::domain::{create_imported, Priority};
use proptest::prelude::*;

const FIXTURE: &str = include_str!("../../../tests/fixtures/trello-spring-launch.json");
const IDEAS: &str = "65f1a0c0e4b0a1b2c3d4e701";
const IN_REVIEW: &str = "65f1a0c0e4b0a1b2c3d4e703";
const READY: &str = "65f1a0c0e4b0a1b2c3d4e704";
const OLD: &str = "65f1a0c0e4b0a1b2c3d4e705";
const URGENT: &str = "65f1a0c0e4b0a1b2c3d4e603";

fn board() -> Board {
    Board::read(FIXTURE).expect("the fixture is a Trello export")
}

fn suggested_plan() -> Plan {
    let board = board();
    let mapping = Mapping::suggested(&board, &people());
    plan(&board, &mapping, &people()).expect("the suggestion imports")
}

fn titles(plan: &Plan) -> Vec<&str> {
    plan.items.iter().map(|i| i.new.title.as_str()).collect()
}

#[test]
fn open_lists_become_stages_in_board_order_and_the_archived_list_stays_behind() {
    let plan = suggested_plan();
    let stages: Vec<(&str, &str)> = plan
        .definition
        .stages
        .iter()
        .map(|s| (s.key.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(
        stages,
        vec![
            ("ideas", "Ideas"),
            ("writing", "Writing"),
            ("in-review", "In review"),
            ("ready-to-publish", "Ready to publish"),
        ]
    );
    assert_eq!(plan.definition.name, "Spring launch content");
    assert_eq!(
        titles(&plan),
        vec![
            "Customer story ideas",
            "Spring launch blog post",
            "Second blog post",
            "Launch announcement email"
        ],
        "cards in list order, then in their order within the list"
    );
    assert_eq!(
        plan.left_out, 2,
        "the archived card and the archived list's card"
    );
    assert!(problems(&plan.definition).is_empty());
    assert!(limit_problems(&plan.definition).is_empty());
}

#[test]
fn each_card_keeps_its_people_dates_labels_description_ticks_and_comments() {
    let plan = suggested_plan();
    let post = &plan.items[1];
    assert_eq!(post.stage.as_str(), "writing");
    assert_eq!(
        post.new.owner,
        Some(SAM),
        "Sam matched by the export's email"
    );
    assert_eq!(post.new.assignees, vec![DANA], "Dana matched by her name");
    assert_eq!(
        post.new.due.map(|d| d.to_rfc3339()),
        Some("2026-03-20T16:00:00+00:00".into())
    );
    assert_eq!(
        post.new.channel,
        Channel::Blog,
        "the Blog label is the channel"
    );
    assert_eq!(
        post.new.fields.get(&FieldKey::new(LABELS)),
        Some(&FieldValue::Text("Urgent".into())),
        "other labels are tags"
    );
    assert!(matches!(
        post.new.fields.get(&FieldKey::new(DESCRIPTION)),
        Some(FieldValue::Text(d)) if d.starts_with("Announce the spring range.")
    ));
    assert_eq!(post.ticks, vec![ChecklistKey::new("outline-agreed")]);
    assert!(!post.archived);
    let comments: Vec<(Option<PersonId>, &str)> = post
        .comments
        .iter()
        .map(|c| (c.author, c.text.as_str()))
        .collect();
    assert_eq!(
        comments,
        vec![
            (Some(SAM), "Can we lead with the new colours?"),
            (Some(DANA), "Draft is in the doc, second half still rough."),
        ],
        "oldest first, by their authors"
    );

    let writing = &plan.definition.stages[1];
    let lines: Vec<(&str, &str, bool)> = writing
        .checklist
        .iter()
        .map(|l| (l.key.as_str(), l.label.as_str(), l.optional))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("outline-agreed", "Outline agreed", true),
            ("images-sourced", "Images sourced", true)
        ],
        "the cards' lines once each, none holding a card back"
    );

    let email = &plan.items[3];
    assert_eq!(email.stage.as_str(), "in-review");
    assert_eq!(email.new.channel, Channel::Email);
    assert_eq!(email.new.owner, Some(DANA));
    assert_eq!(
        email.ticks,
        vec![
            ChecklistKey::new("qa-links-checked"),
            ChecklistKey::new("qa-alt-text-on-images")
        ]
    );
    assert_eq!(
        plan.definition.stages[2].checklist[0].label, "QA: Links checked",
        "a named checklist names its lines"
    );

    let second = &plan.items[2];
    assert_eq!(second.new.owner, None);
    assert_eq!(
        second.new.fields.get(&FieldKey::new(LABELS)),
        Some(&FieldValue::Text("purple".into())),
        "a label with only a colour is known by it"
    );
    assert!(second.ticks.is_empty());
}

#[test]
fn a_comment_by_someone_not_in_the_team_is_kept_with_their_name() {
    let plan = suggested_plan();
    let ideas = &plan.items[0];
    assert_eq!(ideas.new.owner, None, "the agency is nobody in Baton");
    assert_eq!(ideas.comments.len(), 1);
    assert_eq!(ideas.comments[0].author, None);
    assert_eq!(
        ideas.comments[0].text,
        "Outside Agency wrote on Trello: We have three customers happy to be interviewed."
    );
    assert_eq!(plan.comments_unmatched, 1);
}

#[test]
fn every_planned_item_passes_the_engine_and_lands_where_it_was() {
    let plan = suggested_plan();
    let people = people();
    let ctx = ctx(&people, SAM);
    for item in &plan.items {
        let outcome = create_imported(&plan.definition, item.clone(), &ctx)
            .unwrap_or_else(|r| panic!("{}: {r:?}", item.new.title));
        assert_eq!(outcome.item.stage, item.stage);
        assert_eq!(outcome.item.priority, Priority::Normal);
        for line in &item.ticks {
            assert!(outcome.item.is_ticked(&item.stage, line));
        }
        assert_eq!(outcome.events.len(), 1 + item.comments.len());
    }
}

#[test]
fn the_person_maps_lists_labels_members_and_archived_cards() {
    let board = board();
    let people = people();
    let mut mapping = Mapping::suggested(&board, &people);
    mapping.workflow_name = "Launch board".into();
    mapping
        .lists
        .insert(READY.into(), ListPlan::Into(IN_REVIEW.into()));
    mapping.lists.insert(IDEAS.into(), ListPlan::Leave);
    mapping.labels.insert(URGENT.into(), LabelPlan::Leave);
    mapping
        .members
        .insert("65f1a0c0e4b0a1b2c3d4e903".into(), Some(DANA));
    mapping.archived_cards = true;
    let plan = plan(&board, &mapping, &people).unwrap();
    let names: Vec<&str> = plan
        .definition
        .stages
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, vec!["Writing", "In review"]);
    assert_eq!(plan.definition.name, "Launch board");
    assert_eq!(
        titles(&plan),
        vec![
            "Spring launch blog post",
            "Second blog post",
            "Launch announcement email"
        ],
        "the Ideas list stays behind, archived cards and all"
    );
    assert_eq!(
        plan.items[0].new.fields.get(&FieldKey::new(LABELS)),
        None,
        "Urgent is dropped"
    );

    mapping.lists.insert(IDEAS.into(), ListPlan::Stage);
    let plan = super::plan(&board, &mapping, &people).unwrap();
    let dropped = plan
        .items
        .iter()
        .find(|i| i.new.title == "Dropped idea: podcast")
        .expect("archived cards come in when asked");
    assert!(dropped.archived);
    assert_eq!(
        plan.items[0].comments[0].author,
        Some(DANA),
        "the agency mapped to Dana"
    );
    assert_eq!(plan.comments_unmatched, 0);
}

#[test]
fn a_mapping_that_cannot_be_imported_says_why() {
    let board = board();
    let people = people();
    let mut mapping = Mapping::suggested(&board, &people);
    mapping
        .lists
        .insert(READY.into(), ListPlan::Into(OLD.into()));
    let err = plan(&board, &mapping, &people).unwrap_err();
    assert!(
        err.contains("Ready to publish goes into Old campaign"),
        "{err}"
    );

    for plan_of in mapping.lists.values_mut() {
        *plan_of = ListPlan::Leave;
    }
    let err = plan(&board, &mapping, &people).unwrap_err();
    assert_eq!(err, "Choose at least one list to become a stage.");

    let mut mapping = Mapping::suggested(&board, &people);
    mapping.workflow_name = "  ".into();
    assert_eq!(
        plan(&board, &mapping, &people).unwrap_err(),
        "Give the new workflow a name."
    );
}

#[test]
fn files_that_are_not_trello_exports_are_refused_in_words() {
    let not_json = Board::read("title,stage\nA,B\n").unwrap_err();
    assert!(not_json.starts_with("This file is not JSON"), "{not_json}");
    let other_json = Board::read(r#"{"name": "x", "items": []}"#).unwrap_err();
    assert!(
        other_json.contains("not a Trello board export"),
        "{other_json}"
    );
    let damaged = Board::read(r#"{"lists": [{"name": "no id"}], "cards": []}"#).unwrap_err();
    assert!(damaged.contains("damaged"), "{damaged}");
    assert!(Board::read("").unwrap_err().contains("empty"));
    let cards: Vec<String> = (0..=MAX_ITEMS)
        .map(|i| format!(r#"{{"id":"c{i}","idList":"l"}}"#))
        .collect();
    let too_many = format!(
        r#"{{"lists":[{{"id":"l"}}],"cards":[{}]}}"#,
        cards.join(",")
    );
    let err = Board::read(&too_many).unwrap_err();
    assert!(err.contains("5,001 cards"), "{err}");
}

#[test]
fn long_titles_and_descriptions_are_cut_and_said_so() {
    let long = "x".repeat(limits::TITLE + 5);
    let text = FIXTURE.replace("Second blog post", &long);
    let board = Board::read(&text).unwrap();
    let plan = plan(&board, &Mapping::suggested(&board, &people()), &people()).unwrap();
    assert_eq!(plan.items[2].new.title.chars().count(), limits::TITLE);
    assert_eq!(plan.warnings.len(), 1);
    assert!(plan.warnings[0].contains("the title is cut to 200 characters"));
}

fn list_plans() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(0u8..7, 5)
}

proptest! {
    /// Whatever the person chooses for each list, the import is either refused in words
    /// or makes a workflow the designer would save, with every item in one of its stages.
    #[test]
    fn any_list_mapping_gives_a_valid_workflow_or_a_sentence(choices in list_plans(), archived in any::<bool>()) {
        let board = board();
        let people = people();
        let ids: Vec<String> = board.lists.iter().map(|l| l.id.clone()).collect();
        let mut mapping = Mapping::suggested(&board, &people);
        mapping.archived_cards = archived;
        for (id, choice) in ids.iter().zip(&choices) {
            let plan_of = match choice {
                0 | 1 => ListPlan::Stage,
                2 => ListPlan::Leave,
                n => ListPlan::Into(ids[usize::from(*n) % ids.len()].clone()),
            };
            mapping.lists.insert(id.clone(), plan_of);
        }
        match plan(&board, &mapping, &people) {
            Err(sentence) => prop_assert!(sentence.ends_with('.')),
            Ok(plan) => {
                prop_assert!(problems(&plan.definition).is_empty());
                prop_assert!(limit_problems(&plan.definition).is_empty());
                prop_assert_eq!(plan.items.len() + plan.left_out, board.cards.len());
                for item in &plan.items {
                    prop_assert!(plan.definition.stage(&item.stage).is_some());
                }
            }
        }
    }
}
