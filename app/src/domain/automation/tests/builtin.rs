//! The rules the built-in workflows ship with: switched off, valid, and doing what they say.

use super::super::super::fields::FieldValue;
use super::super::super::item::Schedule;
use super::super::super::operations::{create_item, NewItem, Operation};
use super::super::super::testkit::{self, t0, DANA, MAX, SAM};
use super::*;

fn builtins() -> Vec<Rule> {
    builtin_rules(MAX)
}

fn named(part: &str) -> Rule {
    builtins()
        .into_iter()
        .find(|r| r.name.contains(part))
        .unwrap_or_else(|| panic!("no rule {part}"))
}

fn enabled(part: &str) -> Rule {
    Rule {
        id: RuleId(5),
        enabled: true,
        ..named(part)
    }
}

#[test]
fn every_builtin_rule_is_off_and_valid_against_the_builtin_workflows() {
    let world = World::new();
    let rules = builtins();
    assert_eq!(rules.len(), 8);
    for rule in &rules {
        assert!(!rule.enabled, "{} ships switched off", rule.name);
        assert_eq!(validate(rule, world.catalog()), vec![], "{}", rule.name);
        assert_eq!(rule.owner, MAX);
        let json = serde_json::to_string(rule).unwrap();
        assert_eq!(
            &serde_json::from_str::<Rule>(&json).unwrap(),
            rule,
            "{} survives the browser editor",
            rule.name
        );
    }
    let said: Vec<String> = rules.iter().map(|r| describe(r, world.catalog())).collect();
    assert_eq!(said, vec![
        "When a content piece enters Draft, notify the assignees and the people responsible for the stage",
        "When an email's open rate is recorded below 15 %, create “Re-engagement: {title}” in Email campaign",
        "When a paid campaign's CTR is recorded below 1 % within 48 h of launch, if stage is Launch & monitoring, add a comment and escalate",
        "When a paid campaign's CPA is recorded above 50 within 48 h of launch, if stage is Launch & monitoring, add a comment and escalate",
        "When an email's unsubscribe rate is recorded above 0.5 %, add a comment and notify the owner and the people accountable for the stage",
        "Every Monday at 09:00, create “Weekly campaign report — {date}” in Campaign reporting",
        "When a lead nurturing item's lead score is recorded at least 70, if stage is Score threshold, move to Hand-off to sales, assign to the sales owner and notify the sales owner",
        "48 h after a social post is published, if stage is Scheduled or Monitoring, notify the assignees and the people responsible for the stage",
    ]);
}

fn item_in(world: &World, workflow: &str, fields: Vec<(&str, FieldValue)>) -> Item {
    let new = NewItem {
        fields: fields.into_iter().map(|(k, v)| (k.into(), v)).collect(),
        campaign: Some(SPRING),
        owner: Some(DANA),
        ..NewItem::titled("March newsletter")
    };
    let mut item = create_item(world.def(workflow), new, &testkit::ctx(&world.people, SAM))
        .unwrap()
        .item;
    item.id = ItemId(20);
    item
}

#[test]
fn a_low_open_rate_creates_the_re_engagement_email_in_the_same_campaign() {
    let world = World::new();
    let email = item_in(
        &world,
        "email-campaign",
        vec![("segment", FieldValue::Segment("Customers".into()))],
    );
    let rule = enabled("open rate");
    let eval = world.run(
        &rule,
        &reading(&email, "open_rate", 12.0, Some(21.0)),
        Some(&email),
    );
    let Some(Step::Create(new)) = ready(&eval).pop() else {
        panic!("{eval:?}")
    };
    assert_eq!(new.title, "Re-engagement: March newsletter");
    assert_eq!(new.workflow.as_str(), "email-campaign");
    assert_eq!(new.campaign, Some(SPRING));
    assert_eq!(
        new.fields.get(&"segment".into()),
        Some(&FieldValue::Segment("Customers".into()))
    );
    assert_eq!(
        new.fields.get(&"objective".into()),
        Some(&FieldValue::Text(
            "Win back readers who did not open “March newsletter”".into()
        ))
    );
    assert!(
        !world
            .run(
                &rule,
                &reading(&email, "open_rate", 11.0, Some(12.0)),
                Some(&email)
            )
            .ran(),
        "12 % then 11 % runs once"
    );
}

#[test]
fn the_paid_thresholds_pause_and_escalate_during_launch() {
    let world = World::new();
    let mut paid = item_in(&world, "paid-campaign-launch", vec![]);
    paid.stage = "launch-monitoring".into();
    let eval = world.run(
        &enabled("CTR"),
        &reading(&paid, "ctr", 0.4, None),
        Some(&paid),
    );
    assert_eq!(eval.outcome(), RunOutcome::Done, "{:?}", eval.steps);
    let escalated = eval.item.unwrap();
    assert!(escalated.escalation.is_some());
    let reasons: Vec<String> = eval.steps.iter().map(|s| s.summary.clone()).collect();
    assert_eq!(reasons, vec!["add a comment", "escalate"]);
    let still_building = item_in(&world, "paid-campaign-launch", vec![]);
    assert_eq!(
        world
            .run(
                &enabled("CPA"),
                &reading(&still_building, "cpa", 80.0, None),
                Some(&still_building)
            )
            .skipped,
        Some(Skip::ConditionsNotMet)
    );
}

#[test]
fn the_weekly_report_is_created_every_monday_at_nine() {
    let world = World::new();
    let rule = enabled("Weekly");
    let Trigger::Schedule {
        recurrence, starts, ..
    } = &rule.trigger
    else {
        panic!("a schedule")
    };
    let monday = NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let slot = recurrence
        .due_slot(
            *starts,
            Some(monday - TimeDelta::days(7)),
            monday + TimeDelta::hours(3),
        )
        .unwrap();
    assert_eq!(slot, monday);
    let run = scheduled_run(rule.id, false, slot, t0(), &[]);
    let eval = world.run(&rule, &run.signals[0], None);
    let Some(Step::Create(report)) = ready(&eval).pop() else {
        panic!("{eval:?}")
    };
    assert_eq!(report.title, "Weekly campaign report — 2 March 2026");
    assert_eq!(
        report.fields.get(&"period".into()),
        Some(&FieldValue::Text("Week of 2 March 2026".into()))
    );
    assert_eq!(report.campaign, None);
}

#[test]
fn a_lead_scoring_70_goes_to_sales_and_brief_complete_tells_the_writers() {
    let world = World::new();
    let mut lead = item_in(
        &world,
        "lead-nurturing",
        vec![
            ("segment", FieldValue::Segment("Trials".into())),
            ("score_threshold", FieldValue::Number(70.0)),
            (
                "nurture_track",
                FieldValue::Url("https://acme.com/n".into()),
            ),
            ("sales_owner", FieldValue::Person(SAM)),
            (
                "handoff_notes",
                FieldValue::Text("Asked for pricing".into()),
            ),
        ],
    );
    lead = world
        .change(
            &lead,
            Operation::Tick {
                line: "scoring-agreed".into(),
            },
            DANA,
        )
        .item;
    let eval = world.run(
        &enabled("Lead score"),
        &reading(&lead, "lead_score", 74.0, Some(60.0)),
        Some(&lead),
    );
    assert_eq!(eval.outcome(), RunOutcome::Done, "{:?}", eval.steps);
    let after = eval.item.clone().unwrap();
    assert_eq!(after.stage.as_str(), "hand-off-to-sales");
    assert_eq!(after.assignees, vec![SAM]);
    let Some(Step::Notify(told)) = ready(&eval).pop() else {
        panic!()
    };
    assert_eq!(told.recipients, vec![SAM]);
    assert_eq!(
        told.message,
        "“March newsletter” reached a lead score of 74: it is yours in Hand-off to sales"
    );

    let content = item_in(&world, "content-production", vec![]);
    let mut drafting = content.clone();
    drafting.stage = "draft".into();
    let moved = super::super::super::events::Event {
        actor: SAM,
        at: t0(),
        kind: super::super::super::events::EventKind::MovedForward {
            from: "brief".into(),
            to: "draft".into(),
        },
    };
    let eval = world.run(
        &enabled("Brief complete"),
        &Signal::from_event(3, &drafting, moved, None),
        Some(&drafting),
    );
    let Some(Step::Notify(told)) = ready(&eval).pop() else {
        panic!("{eval:?}")
    };
    assert_eq!(
        told.recipients,
        vec![PersonId(1), MAX, DANA, PersonId(4), SAM, super::VIC],
        "the Content team writes drafts"
    );
    assert_eq!(
        told.message,
        "The brief for “March newsletter” is complete: your draft can start"
    );
}

#[test]
fn a_social_post_gets_its_monitoring_reminder_48_hours_after_it_went_out() {
    let world = World::new();
    let mut post = item_in(&world, "social-publishing", vec![]);
    post.stage = "monitoring".into();
    post.assignees = vec![DANA];
    post.schedule = Some(Schedule {
        at: t0(),
        all_day: false,
    });
    let moment = Signal::moment(&post, MomentBase::Publish, 48).unwrap();
    assert_eq!(moment.at, t0() + TimeDelta::hours(48));
    let eval = world.run(&enabled("Social"), &moment, Some(&post));
    let Some(Step::Notify(told)) = ready(&eval).pop() else {
        panic!("{eval:?}")
    };
    assert_eq!(
        told.recipients,
        vec![DANA],
        "nobody in the team is in Social, the assignee is told"
    );
    let mut archived = post.clone();
    archived.archived_at = Some(t0());
    assert!(!world
        .run(&enabled("Social"), &moment, Some(&archived))
        .ran());
}
