//! Tests of "How this workflow runs".

use super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use super::super::definition::WorkflowKind;
use super::super::people::Party;
use super::super::templates::{builtin_template, builtin_templates};
use super::super::testkit::{flow, people, DANA, LEE, MAX};
use super::*;

#[test]
fn each_stage_says_who_what_done_and_next() {
    let mut def = flow();
    def.stages[0].raci.responsible = vec![Party::team("Content"), Party::Person(DANA)];
    def.stages[0].raci.informed = vec![Party::Person(MAX)];
    let stories = how_it_runs(&def, &people());
    let brief = &stories[0];
    assert_eq!(
        brief.who,
        "Content and Dana do the work. Max is kept informed."
    );
    assert_eq!(
        brief.sign_off,
        "Nobody signs off: the stage is done when its work is."
    );
    assert_eq!(
        brief.needs,
        vec![
            "Filled in: Topic and Landing page URL.",
            "Checklist: Goal agreed; References attached (optional).",
        ]
    );
    assert_eq!(
        brief.done,
        "Done when the fields are filled in and the checklist is ticked."
    );
    assert_eq!(
        brief.next,
        "When it is done, someone moves it on to Review."
    );
    let review = &stories[1];
    assert_eq!(
        review.who,
        "Nobody is named to do the work yet. Content lead owns the outcome."
    );
    assert_eq!(review.sign_off, "2 of 3 sign off: Dana, Lee and Max.");
    assert_eq!(review.done, "Done when the sign-off is complete.");
    assert_eq!(
        review.next,
        "When the sign-off is complete it moves on to Publish by itself. If changes are requested it goes to Revisions; after 1 round of changes it goes back to Brief."
    );
    assert_eq!(
        review.timing.as_deref(),
        Some("It should take 48 h. It escalates to the accountable people when the SLA runs out.")
    );
    assert_eq!(review.needs, vec!["Room: at most 2 items here at once."]);
    let publish = &stories[3];
    assert_eq!(
        publish.needs,
        vec![
            "A publish date, before an item may enter.",
            "Room: at most 5 items here at once."
        ]
    );
    assert_eq!(
        publish.done,
        "This is the last stage: an item here is finished."
    );
    assert_eq!(
        publish.next,
        "Nothing comes after: this is where the work ends."
    );
}

#[test]
fn every_approval_rule_is_told_plainly() {
    let mut def = flow();
    let people = people();
    let mut told = |rule, approvers: Vec<ApproverRef>| {
        def.stages[1].approval = Some(ApprovalPolicy { rule, approvers });
        how_it_runs(&def, &people)[1].sign_off.clone()
    };
    let dana_lee = vec![ApproverRef::Person(DANA), ApproverRef::Person(LEE)];
    assert_eq!(
        told(ApprovalRule::Single, dana_lee.clone()),
        "Any one of Dana and Lee signs off."
    );
    assert_eq!(
        told(ApprovalRule::All, dana_lee.clone()),
        "Dana and Lee all sign off, in any order."
    );
    assert_eq!(
        told(ApprovalRule::Sequential, dana_lee),
        "Dana, then Lee sign off, in that order."
    );
    assert_eq!(
        told(
            ApprovalRule::Single,
            vec![ApproverRef::Team("Legal".into())]
        ),
        "Someone from Legal signs off."
    );
    assert_eq!(
        told(ApprovalRule::All, vec![]),
        "Sign-off is needed, but no approver is named yet."
    );
}

#[test]
fn templates_read_as_whole_stories() {
    let content = builtin_template(WorkflowKind::Content).unwrap();
    let stories = how_it_runs(&content, &people());
    let review = stories.iter().find(|s| s.name == "Review").unwrap();
    assert_eq!(review.sign_off, "The item's Reviewer signs off.");
    for def in builtin_templates() {
        for story in how_it_runs(&def, &people()) {
            for text in [&story.who, &story.sign_off, &story.done, &story.next] {
                assert!(
                    !text.trim().is_empty() && text.ends_with('.'),
                    "{}: {text}",
                    def.name
                );
                assert!(
                    text.chars().next().is_some_and(char::is_uppercase),
                    "{text}"
                );
            }
        }
    }
}
