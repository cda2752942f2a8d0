use super::*;
use crate::domain::exchange::Sheet as Export;
use crate::domain::testkit::{ctx, flow, people, DANA, SAM};
use chrono::TimeZone;

const SHEET: &str = "title,stage,owner,due,channel,campaign,priority,Topic,field:budget,notes\r\n\
Spring post,Review,sam@example.com,2026-03-14,blog,Spring,high,Launch,1200.50 EUR,ignored\r\n\
\"Bad, owner\",,nobody@example.com,soon,fax,Winter,asap,,12 dollars,\r\n\
,brief,,,,,,,,\r\n\
'=cmd,Publish,dana@example.com,2026-03-20 09:30,Email,,low,,,\r\n";

fn campaigns() -> BTreeMap<CampaignId, String> {
    BTreeMap::from([(CampaignId(4), "Spring".to_string())])
}

fn checked(text: &str, mapping: Option<Vec<Column>>) -> Result<Vec<Row>, String> {
    let def = flow();
    let sheet = Sheet::read(text)?;
    let mapping = mapping.unwrap_or_else(|| sheet.suggested(&def));
    let people = people();
    let campaigns = campaigns();
    let workflows = [def.clone()];
    let lookup = Lookup {
        workflows: &workflows,
        default_workflow: &def.id,
        campaigns: &campaigns,
    };
    check_rows(&sheet, &mapping, &lookup, &ctx(&people, SAM))
}

#[test]
fn headers_are_guessed_from_their_names_and_the_fields_labels() {
    let sheet = Sheet::read(SHEET).unwrap();
    assert_eq!(
        sheet.suggested(&flow()),
        vec![
            Column::Title,
            Column::Stage,
            Column::Owner,
            Column::Due,
            Column::Channel,
            Column::Campaign,
            Column::Priority,
            Column::Field(FieldKey::new("topic")),
            Column::Field(FieldKey::new("budget")),
            Column::Leave,
        ]
    );
}

#[test]
fn good_rows_become_items_and_bad_rows_list_every_problem_with_their_line() {
    let rows = checked(SHEET, None).unwrap();
    assert_eq!(rows.len(), 4);

    let (workflow, good) = rows[0].checked.clone().expect("the first row is good");
    assert_eq!(workflow.as_str(), "flow");
    assert_eq!(rows[0].lands_in, "Flow · Review");
    assert_eq!(good.stage.as_str(), "review");
    assert_eq!(good.new.owner, Some(SAM));
    assert_eq!(
        good.new.due,
        Some(Utc.with_ymd_and_hms(2026, 3, 14, 0, 0, 0).unwrap())
    );
    assert_eq!(good.new.channel, Channel::Blog);
    assert_eq!(good.new.campaign, Some(CampaignId(4)));
    assert_eq!(good.new.priority, Priority::High);
    assert_eq!(
        good.new.fields.get(&FieldKey::new("topic")),
        Some(&FieldValue::Text("Launch".into()))
    );
    assert!(good.new.fields.contains_key(&FieldKey::new("budget")));

    assert_eq!(rows[1].line, 3);
    let errors = rows[1].checked.clone().unwrap_err();
    assert_eq!(
        errors,
        vec![
            "Owner: nobody in the team has the email nobody@example.com",
            "Due: “soon” is not a date",
            "Channel: “fax” is not one of Blog, Email, LinkedIn, Instagram, X, Facebook, TikTok, Paid search, Paid social, Other",
            "Campaign: there is no campaign “Winter”",
            "Priority: “asap” is not low, normal, high or urgent",
            "Budget: Budget must be an amount and a currency, e.g. 1200.50 EUR",
        ]
    );

    assert_eq!(
        rows[2].checked.clone().unwrap_err(),
        vec!["Title is required"],
        "the engine's own check of a new item"
    );

    let (_, last) = rows[3].checked.clone().unwrap();
    assert_eq!(
        last.new.title, "=cmd",
        "a defused formula reads back as its text"
    );
    assert_eq!(last.stage.as_str(), "publish");
    assert_eq!(last.new.owner, Some(DANA));
    assert_eq!(
        last.new.due,
        Some(Utc.with_ymd_and_hms(2026, 3, 20, 9, 30, 0).unwrap())
    );
    assert_eq!(last.new.channel, Channel::Email, "channels by name too");
}

#[test]
fn a_stage_or_workflow_that_does_not_exist_is_the_rows_problem() {
    let rows = checked("title,stage,workflow\nA,Launch,\nB,,nowhere\n", None).unwrap();
    assert_eq!(
        rows[0].checked.clone().unwrap_err(),
        vec!["Stage: Flow has no stage “Launch”"]
    );
    assert_eq!(
        rows[1].checked.clone().unwrap_err(),
        vec!["Workflow: there is no workflow “nowhere”"]
    );
}

#[test]
fn a_mapping_without_a_title_or_with_a_column_twice_is_refused() {
    let text = "name,owner,other owner\nA,sam@example.com,dana@example.com\n";
    let err = checked(
        text,
        Some(vec![Column::Leave, Column::Owner, Column::Leave]),
    )
    .unwrap_err();
    assert_eq!(err, "Choose the column that holds each item's title.");
    let err = checked(
        text,
        Some(vec![Column::Title, Column::Owner, Column::Owner]),
    )
    .unwrap_err();
    assert_eq!(
        err,
        "The columns owner and other owner are both Owner (email): choose one and leave the other out."
    );
    let err = checked(text, Some(vec![Column::Title])).unwrap_err();
    assert!(
        err.starts_with("The mapping has 1 columns and the file 3"),
        "{err}"
    );
}

#[test]
fn files_that_are_not_spreadsheets_or_too_big_are_refused_in_words() {
    assert!(Sheet::read("").unwrap_err().contains("empty"));
    assert!(Sheet::read("title\n").unwrap_err().contains("no items"));
    assert!(Sheet::read("PK\u{3}\u{4}\0\0binary")
        .unwrap_err()
        .contains("not text"));
    let err = Sheet::read("title\n\"open\n").unwrap_err();
    assert!(err.contains("at line 2"), "{err}");
    let many = format!("title\n{}", "x\n".repeat(MAX_ITEMS + 1));
    assert!(Sheet::read(&many).unwrap_err().contains("5,001 rows"));
    let wide = format!("{}\n1\n", vec!["c"; MAX_COLUMNS + 1].join(","));
    assert!(Sheet::read(&wide).unwrap_err().contains("101 columns"));
}

#[test]
fn a_boards_export_reads_back_as_the_same_items() {
    let def = flow();
    let people = people();
    let campaigns = campaigns();
    let mut item = crate::domain::testkit::sample_item();
    item.title = "-minus first, \"quoted\"".into();
    item.owner = Some(DANA);
    item.assignees = vec![SAM];
    item.campaign = Some(CampaignId(4));
    item.priority = Priority::Urgent;
    item.channel = Channel::PaidSocial;
    item.due = Some(Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap());
    item.schedule = Some(Schedule {
        at: Utc.with_ymd_and_hms(2026, 5, 2, 0, 0, 0).unwrap(),
        all_day: true,
    });
    item.stage = StageKey::new("review");
    item.fields
        .insert(FieldKey::new("topic"), FieldValue::Text("Spring".into()));
    let csv = Export {
        definition: &def,
        people: &people,
        campaigns: &campaigns,
    }
    .csv(std::slice::from_ref(&item));
    let rows = checked(&csv, None).unwrap();
    let (_, back) = rows[0].checked.clone().unwrap();
    assert_eq!(back.new.title, item.title);
    assert_eq!(back.stage, item.stage);
    assert_eq!(back.new.owner, item.owner);
    assert_eq!(back.new.due, item.due);
    assert_eq!(back.new.schedule, item.schedule);
    assert_eq!(back.new.channel, item.channel);
    assert_eq!(back.new.campaign, item.campaign);
    assert_eq!(back.new.priority, item.priority);
    assert_eq!(back.new.fields, item.fields);
    assert!(!back.archived);
}
