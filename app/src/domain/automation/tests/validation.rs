//! Checking rules before they are saved: each problem at its path, in words.

use super::super::super::fields::{FieldValue, Money};
use super::super::super::testkit::MAX;
use super::*;

fn problems(rule: &Rule) -> Vec<(String, String)> {
    validate(rule, World::new().catalog())
        .into_iter()
        .map(|p| (p.path, p.message))
        .collect()
}

fn problem(path: &str, message: &str) -> (String, String) {
    (path.to_owned(), message.to_owned())
}

fn comment() -> Vec<Action> {
    vec![Action::Comment {
        text: "Hello".into(),
    }]
}

fn entered(stage: &str) -> Trigger {
    Trigger::EnteredStage {
        stage: Some(stage.into()),
    }
}

#[test]
fn a_sound_rule_has_no_problems() {
    let rule = flow_rule(entered("review"), Conditions::none(), comment());
    assert_eq!(problems(&rule), vec![]);
}

#[test]
fn name_scope_owner_and_actions_are_required() {
    let rule = Rule {
        name: " ".into(),
        scope: Scope::Workflow("press".into()),
        owner: PersonId(42),
        actions: vec![],
        ..flow_rule(
            Trigger::ItemCreated { via: None },
            Conditions::none(),
            vec![],
        )
    };
    assert_eq!(
        problems(&rule),
        vec![
            problem("name", "Give the rule a name"),
            problem("scope", "There is no workflow “press”"),
            problem("owner", "The owner, person #42, is not in the team"),
            problem("actions", "Add at least one action"),
        ]
    );
}

#[test]
fn stages_and_fields_must_exist_in_the_workflow() {
    assert_eq!(
        problems(&flow_rule(entered("qa"), Conditions::none(), comment())),
        vec![problem("trigger", "Flow has no stage “qa”")]
    );
    let anywhere = Rule {
        scope: Scope::Workspace,
        ..flow_rule(entered("review"), Conditions::none(), comment())
    };
    assert_eq!(
        problems(&anywhere),
        vec![problem(
            "trigger",
            "Choose a workflow for the rule first: stages belong to a workflow"
        )]
    );
    let field = flow_rule(
        Trigger::FieldChanged {
            field: Some("subject_line".into()),
        },
        Conditions::none(),
        comment(),
    );
    assert_eq!(
        problems(&field),
        vec![problem("trigger", "Flow has no field “subject_line”")]
    );
    let no_sla = flow_rule(
        Trigger::SlaBreached {
            stage: Some("brief".into()),
        },
        Conditions::none(),
        comment(),
    );
    assert_eq!(
        problems(&no_sla),
        vec![problem(
            "trigger",
            "Brief has no SLA, so its timers never fire"
        )]
    );
    let no_list = flow_rule(
        Trigger::ChecklistCompleted {
            stage: Some("review".into()),
        },
        Conditions::none(),
        comment(),
    );
    assert_eq!(
        problems(&no_list),
        vec![problem(
            "trigger",
            "Review has no checklist lines that must be ticked, so it is never completed"
        )]
    );
}

#[test]
fn conditions_are_checked_against_the_fields_types() {
    let conditions = Conditions {
        combine: Combine::All,
        groups: vec![
            ConditionGroup {
                combine: Combine::All,
                conditions: vec![
                    Condition::Field {
                        field: "subject".into(),
                        test: FieldTest::IsEmpty,
                    },
                    Condition::Field {
                        field: "topic".into(),
                        test: FieldTest::Compare {
                            op: Comparison::Below,
                            value: FieldValue::Text("M".into()),
                        },
                    },
                    Condition::Field {
                        field: "budget".into(),
                        test: FieldTest::Compare {
                            op: Comparison::AtLeast,
                            value: FieldValue::Number(100.0),
                        },
                    },
                    Condition::Field {
                        field: "budget".into(),
                        test: FieldTest::Contains { text: "EUR".into() },
                    },
                ],
            },
            ConditionGroup {
                combine: Combine::Any,
                conditions: vec![
                    Condition::Stage {
                        stage: OneOf::Is(vec![]),
                    },
                    Condition::Stage {
                        stage: OneOf::IsNot(vec!["done".into()]),
                    },
                    Condition::OwnerTeam {
                        team: "Desgin".into(),
                        negate: false,
                    },
                    Condition::MetricValue {
                        op: Comparison::Below,
                        value: 15.0,
                    },
                    Condition::TimeInStage {
                        op: Comparison::Above,
                        hours: f64::NAN,
                    },
                    Condition::Campaign {
                        campaign: MaybeOneOf::Is(vec![CampaignId(9)]),
                    },
                    Condition::Owner {
                        owner: MaybeOneOf::IsNot(vec![PersonId(42)]),
                    },
                ],
            },
            ConditionGroup::default(),
        ],
    };
    let rule = flow_rule(entered("review"), conditions, comment());
    assert_eq!(
        problems(&rule),
        vec![
            problem("conditions.2", "This group has no conditions"),
            problem("conditions.0.0", "Flow has no field “subject”"),
            problem(
                "conditions.0.1",
                "Topic can be equal or not, but not more or less"
            ),
            problem("conditions.0.2", "Budget has a value of the wrong type"),
            problem(
                "conditions.0.3",
                "Budget is not text, so it cannot contain anything"
            ),
            problem("conditions.1.0", "Pick at least one stage"),
            problem("conditions.1.1", "Flow has no stage “done”"),
            problem("conditions.1.2", "Nobody is in team “Desgin”"),
            problem("conditions.1.3", "Only a metric trigger measures a value"),
            problem("conditions.1.4", "This must be a number of 0 or more"),
            problem("conditions.1.5", "There is no campaign #9"),
            problem("conditions.1.6", "Person #42 is not in the team"),
        ]
    );
    let money = Condition::Field {
        field: "budget".into(),
        test: FieldTest::Compare {
            op: Comparison::AtLeast,
            value: FieldValue::Money(Money {
                amount_minor: 100,
                currency: "EUR".into(),
            }),
        },
    };
    assert_eq!(
        problems(&flow_rule(
            entered("review"),
            Conditions::all(vec![money]),
            comment()
        )),
        vec![]
    );
}

#[test]
fn actions_name_things_that_exist() {
    let actions = vec![
        Action::Notify {
            to: vec![],
            message: " ".into(),
        },
        Action::Notify {
            to: vec![
                Recipient::Person {
                    person: PersonId(42),
                },
                Recipient::FieldPerson {
                    field: "topic".into(),
                },
            ],
            message: "Hi {name}".into(),
        },
        Action::Assign {
            to: Assignee::RoundRobin {
                team: "Nobody".into(),
            },
            keep_others: false,
        },
        Action::MoveTo {
            stage: "done".into(),
        },
        Action::SetField {
            field: "url".into(),
            to: Some(FieldSource::Value {
                value: FieldValue::Url("nope".into()),
            }),
        },
        Action::CreateItem {
            workflow: "press".into(),
            title: "x".into(),
            values: Default::default(),
            channel: None,
            link_campaign: true,
        },
        Action::CreateItem {
            workflow: "email-campaign".into(),
            title: " ".into(),
            values: [(
                "topic".into(),
                FieldSource::Text {
                    template: "x".into(),
                },
            )]
            .into(),
            channel: None,
            link_campaign: true,
        },
        Action::CallWebhook {
            endpoint: EndpointId(8),
        },
        Action::Comment {
            text: "{field:subject_line} at {value}".into(),
        },
    ];
    let rule = flow_rule(entered("review"), Conditions::none(), actions);
    let hint = "{name} is not something a message can name (use {title}, {stage}, {workflow}, {owner}, {assignees}, {channel}, {priority}, {campaign}, {field:<key>}, {metric}, {value}, {rule}, {date})";
    assert_eq!(
        problems(&rule),
        vec![
            problem("actions.0.to", "Choose who to notify"),
            problem("actions.0.message", "Write the message"),
            problem("actions.1.message", hint),
            problem("actions.1.to.0", "Person #42 is not in the team"),
            problem("actions.1.to.1", "Topic is not a person field"),
            problem("actions.2", "Nobody is in team “Nobody”"),
            problem("actions.3", "Flow has no stage “done”"),
            problem(
                "actions.4",
                "Landing page URL must be a web address starting with http:// or https://"
            ),
            problem(
                "actions.5.workflow",
                "There is no workflow “press” to create the item in"
            ),
            problem("actions.6.title", "Give the new item a title"),
            problem(
                "actions.6.values.topic",
                "Email campaign has no field “topic”"
            ),
            problem("actions.7", "Webhook #8 does not exist"),
            problem("actions.8.text", "Flow has no field “subject_line”"),
            problem(
                "actions.8.text",
                "{metric} and {value} need a metric trigger"
            ),
        ]
    );
}

#[test]
fn a_schedule_without_items_cannot_act_on_one() {
    let recurrence = Recurrence::parse("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9").unwrap();
    let starts = NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let schedule = |for_each_item| Trigger::Schedule {
        recurrence: recurrence.clone(),
        starts,
        for_each_item,
    };
    let rule = flow_rule(
        schedule(false),
        Conditions::all(vec![Condition::Channel {
            channel: OneOf::Is(vec![super::super::super::item::Channel::Email]),
        }]),
        vec![
            Action::MoveTo {
                stage: "review".into(),
            },
            Action::Notify {
                to: vec![Recipient::Person { person: MAX }],
                message: "Report for {title}".into(),
            },
        ],
    );
    assert_eq!(problems(&rule), vec![
        problem("conditions.0.0", "This looks at the item, and a run of this trigger has none"),
        problem("actions.0", "This acts on an item, and a scheduled run has none (let the schedule work through the workflow's items)"),
        problem("actions.1.message", "This names the item, and a run of this trigger has none"),
    ]);
    let through_items = Rule {
        trigger: schedule(true),
        ..rule.clone()
    };
    assert_eq!(problems(&through_items), vec![]);
    let workspace = Rule {
        scope: Scope::Workspace,
        trigger: schedule(true),
        actions: vec![Action::CallWebhook { endpoint: CRM }],
        conditions: Conditions::none(),
        ..rule
    };
    assert_eq!(
        problems(&workspace),
        vec![problem(
            "trigger.for_each_item",
            "Working through items needs the rule to belong to one workflow"
        )]
    );
}

#[test]
fn thresholds_and_schedules_must_make_sense() {
    let never = Recurrence::parse("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30;BYHOUR=9").unwrap();
    let february = NaiveDate::from_ymd_opt(2026, 2, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let rule = flow_rule(
        Trigger::Schedule {
            recurrence: never,
            starts: february,
            for_each_item: false,
        },
        Conditions::none(),
        vec![Action::CallWebhook { endpoint: CRM }],
    );
    assert_eq!(
        problems(&rule),
        vec![problem(
            "trigger.recurrence",
            "This schedule never comes due"
        )]
    );
    let threshold = Threshold {
        metric: " ".into(),
        bound: Bound::Below,
        value: f64::INFINITY,
        within_hours_of_launch: Some(0),
    };
    let rule = flow_rule(
        Trigger::MetricCrossed(threshold),
        Conditions::none(),
        comment(),
    );
    assert_eq!(
        problems(&rule),
        vec![
            problem("trigger.metric", "Name the metric, e.g. open_rate"),
            problem("trigger.value", "The threshold must be a number"),
            problem(
                "trigger.within_hours_of_launch",
                "Give the hours after launch (1 or more)"
            ),
        ]
    );
    let not_a_number = serde_json::from_str::<Trigger>(
        r#"{"type":"metric_crossed","metric":"ctr","bound":"below","value":"low","within_hours_of_launch":null}"#,
    );
    assert!(
        not_a_number.is_err(),
        "a threshold that is not a number is not read at all"
    );
    assert_eq!(
        problems(&flow_rule(
            Trigger::DueWithin { hours: 0 },
            Conditions::none(),
            comment()
        )),
        vec![problem(
            "trigger",
            "Say how many hours before the due date (1 or more)"
        )]
    );
}
