//! Rules in one sentence, for the rule list.

use super::super::super::item::Channel;
use super::super::super::testkit::{DANA, MAX};
use super::*;

fn email_rule(trigger: Trigger, conditions: Conditions, actions: Vec<Action>) -> Rule {
    Rule {
        scope: Scope::Workflow("email-campaign".into()),
        ..flow_rule(trigger, conditions, actions)
    }
}

fn said(rule: &Rule) -> String {
    describe(rule, World::new().catalog())
}

#[test]
fn the_issue_example_reads_as_written() {
    let rule = email_rule(
        Trigger::MetricCrossed(Threshold {
            metric: "open_rate".into(),
            bound: Bound::Below,
            value: 15.0,
            within_hours_of_launch: None,
        }),
        Conditions::none(),
        vec![Action::CreateItem {
            workflow: "email-campaign".into(),
            title: "Re-engagement email".into(),
            values: Default::default(),
            channel: None,
            link_campaign: true,
        }],
    );
    assert_eq!(said(&rule), "When an email's open rate is recorded below 15 %, create “Re-engagement email” in Email campaign");
    assert_eq!(
        describe_trigger(&rule, World::new().catalog()),
        "When an email's open rate is recorded below 15 %"
    );
}

#[test]
fn every_trigger_in_words() {
    let recurrence =
        Recurrence::parse("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1;BYHOUR=9").unwrap();
    let starts = NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let cases = [
        (
            Trigger::ItemCreated { via: None },
            "When an email is created",
        ),
        (
            Trigger::ItemCreated {
                via: Some(CreatedVia::Intake),
            },
            "When an email is created from an intake form",
        ),
        (
            Trigger::ItemCreated {
                via: Some(CreatedVia::Hook),
            },
            "When an email is created by an inbound hook",
        ),
        (
            Trigger::EnteredStage {
                stage: Some("qa".into()),
            },
            "When an email enters QA",
        ),
        (
            Trigger::LeftStage { stage: None },
            "When an email leaves any stage",
        ),
        (
            Trigger::FieldChanged {
                field: Some("subject_line".into()),
            },
            "When an email's Subject line changes",
        ),
        (
            Trigger::FieldChanged { field: None },
            "When any field of an email changes",
        ),
        (
            Trigger::ApprovalDecided {
                outcome: Some(ApprovalOutcome::Approved),
            },
            "When an email is approved",
        ),
        (
            Trigger::ApprovalDecided {
                outcome: Some(ApprovalOutcome::ChangesRequested),
            },
            "When changes are requested on an email",
        ),
        (
            Trigger::ApprovalDecided { outcome: None },
            "When an approver decides on an email",
        ),
        (
            Trigger::ChecklistCompleted {
                stage: Some("qa".into()),
            },
            "When the QA checklist of an email is complete",
        ),
        (
            Trigger::DueWithin { hours: 24 },
            "When an email is due within 24 h",
        ),
        (
            Trigger::OverdueBy { hours: 0 },
            "When an email becomes overdue",
        ),
        (
            Trigger::OverdueBy { hours: 4 },
            "When an email is 4 h overdue",
        ),
        (
            Trigger::AfterPublish { hours: 48 },
            "48 h after an email is published",
        ),
        (
            Trigger::SlaReminder {
                stage: Some("approval".into()),
            },
            "When 75 % of an email's time in Approval is used",
        ),
        (
            Trigger::SlaBreached { stage: None },
            "When an email runs out of time in a stage",
        ),
        (
            Trigger::Schedule {
                recurrence: recurrence.clone(),
                starts,
                for_each_item: false,
            },
            "On the first weekday of every month at 09:00",
        ),
        (
            Trigger::Schedule {
                recurrence,
                starts,
                for_each_item: true,
            },
            "On the first weekday of every month at 09:00, for each active email",
        ),
        (
            Trigger::MetricCrossed(Threshold {
                metric: "ctr".into(),
                bound: Bound::AtMost,
                value: 0.8,
                within_hours_of_launch: Some(48),
            }),
            "When an email's CTR is recorded at most 0.8 % within 48 h of launch",
        ),
    ];
    for (trigger, words) in cases {
        let rule = email_rule(trigger, Conditions::none(), vec![]);
        assert_eq!(describe_trigger(&rule, World::new().catalog()), words);
    }
    let workspace = Rule {
        scope: Scope::Workspace,
        ..email_rule(
            Trigger::MetricCrossed(Threshold {
                metric: "open_rate".into(),
                bound: Bound::Below,
                value: 15.0,
                within_hours_of_launch: None,
            }),
            Conditions::none(),
            vec![],
        )
    };
    assert_eq!(
        describe_trigger(&workspace, World::new().catalog()),
        "When an open rate is recorded below 15 %"
    );
}

#[test]
fn conditions_and_actions_join_the_sentence() {
    let conditions = Conditions {
        combine: Combine::Any,
        groups: vec![
            ConditionGroup {
                combine: Combine::All,
                conditions: vec![
                    Condition::Channel {
                        channel: OneOf::Is(vec![Channel::Email]),
                    },
                    Condition::Owner {
                        owner: MaybeOneOf::Is(vec![DANA]),
                    },
                ],
            },
            ConditionGroup {
                combine: Combine::All,
                conditions: vec![Condition::Stage {
                    stage: OneOf::IsNot(vec!["qa".into()]),
                }],
            },
        ],
    };
    let actions = vec![
        Action::Assign {
            to: Assignee::RoundRobin {
                team: "Design".into(),
            },
            keep_others: false,
        },
        Action::Notify {
            to: vec![
                Recipient::Owner,
                Recipient::Person { person: MAX },
                Recipient::FieldPerson {
                    field: "approver".into(),
                },
            ],
            message: "x".into(),
        },
        Action::MoveTo { stage: "qa".into() },
        Action::SetField {
            field: "segment".into(),
            to: None,
        },
        Action::Escalate {
            reason: String::new(),
        },
        Action::CallWebhook { endpoint: CRM },
    ];
    let rule = email_rule(
        Trigger::EnteredStage {
            stage: Some("design-build".into()),
        },
        conditions,
        actions,
    );
    assert_eq!(
        said(&rule),
        "When an email enters Design & build, if (channel is Email and owner is Dana) or stage is not QA, \
         assign to the next person in Design in turn, notify the owner, Max and the approver, move to QA, \
         clear Segment, escalate and call CRM sync"
    );
}
