//! The rules the built-in workflows ship with, switched off until someone turns them on.

use super::super::ids::{FieldKey, PersonId, StageKey, WorkflowId};
use super::super::item::Channel;
use super::action::{Action, Assignee, FieldSource, RaciRole, Recipient};
use super::condition::{Condition, OneOf};
use super::ids::RuleId;
use super::recurrence::Recurrence;
use super::rule::{Conditions, Rule, Scope};
use super::trigger::{Bound, Threshold, Trigger};
use chrono::NaiveDate;
use std::collections::BTreeMap;

fn rule(
    name: &str,
    workflow: &str,
    owner: PersonId,
    trigger: Trigger,
    actions: Vec<Action>,
) -> Rule {
    Rule {
        id: RuleId(0),
        name: name.to_owned(),
        scope: Scope::Workflow(WorkflowId::new(workflow)),
        owner,
        enabled: false,
        version: 1,
        trigger,
        conditions: Conditions::none(),
        actions,
    }
}

fn in_stages(stages: &[&str]) -> Conditions {
    Conditions::all(vec![Condition::Stage {
        stage: OneOf::Is(stages.iter().map(|s| StageKey::new(*s)).collect()),
    }])
}

fn metric(name: &str, bound: Bound, value: f64, within: Option<u32>) -> Trigger {
    Trigger::MetricCrossed(Threshold {
        metric: name.into(),
        bound,
        value,
        within_hours_of_launch: within,
    })
}

fn notify(to: Vec<Recipient>, message: &str) -> Action {
    Action::Notify {
        to,
        message: message.to_owned(),
    }
}

fn text(template: &str) -> FieldSource {
    FieldSource::Text {
        template: template.to_owned(),
    }
}

fn brief_complete(owner: PersonId) -> Rule {
    let to = vec![
        Recipient::Assignees,
        Recipient::StageRole {
            role: RaciRole::Responsible,
        },
    ];
    let message = "The brief for “{title}” is complete: your draft can start";
    let trigger = Trigger::EnteredStage {
        stage: Some("draft".into()),
    };
    rule(
        "Brief complete → tell the writer",
        "content-production",
        owner,
        trigger,
        vec![notify(to, message)],
    )
}

fn re_engagement(owner: PersonId) -> Rule {
    let values = BTreeMap::from([
        (
            FieldKey::new("objective"),
            text("Win back readers who did not open “{title}”"),
        ),
        (
            FieldKey::new("segment"),
            FieldSource::CopyOf {
                field: "segment".into(),
            },
        ),
    ]);
    let create = Action::CreateItem {
        workflow: "email-campaign".into(),
        title: "Re-engagement: {title}".to_owned(),
        values,
        channel: Some(Channel::Email),
        link_campaign: true,
    };
    let trigger = metric("open_rate", Bound::Below, 15.0, None);
    rule(
        "Low open rate → re-engagement email",
        "email-campaign",
        owner,
        trigger,
        vec![create],
    )
}

fn paid_threshold(owner: PersonId, name: &str, trigger: Trigger, why: &str) -> Rule {
    let actions = vec![
        Action::Comment {
            text: format!("{why}: pause the campaign in the ad platform"),
        },
        Action::Escalate {
            reason: format!("Pause and escalate — {why}"),
        },
    ];
    Rule {
        conditions: in_stages(&["launch-monitoring"]),
        ..rule(name, "paid-campaign-launch", owner, trigger, actions)
    }
}

fn unsubscribe_spike(owner: PersonId) -> Rule {
    let actions = vec![
        Action::Comment {
            text: "Unsubscribe spike: {value} unsubscribed from “{title}”".to_owned(),
        },
        notify(
            vec![
                Recipient::Owner,
                Recipient::StageRole {
                    role: RaciRole::Accountable,
                },
            ],
            "Unsubscribe spike on “{title}”: {value} unsubscribed",
        ),
    ];
    let trigger = metric("unsubscribe_rate", Bound::Above, 0.5, None);
    rule(
        "Unsubscribe spike → flag",
        "email-campaign",
        owner,
        trigger,
        actions,
    )
}

fn weekly_report(owner: PersonId) -> Rule {
    let recurrence =
        Recurrence::parse("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0").expect("valid schedule");
    let starts = NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("valid date");
    let trigger = Trigger::Schedule {
        recurrence,
        starts,
        for_each_item: false,
    };
    let create = Action::CreateItem {
        workflow: "campaign-reporting".into(),
        title: "Weekly campaign report — {date}".to_owned(),
        values: BTreeMap::from([(FieldKey::new("period"), text("Week of {date}"))]),
        channel: None,
        link_campaign: false,
    };
    rule(
        "Weekly campaign report",
        "campaign-reporting",
        owner,
        trigger,
        vec![create],
    )
}

fn sales_hand_off(owner: PersonId) -> Rule {
    let sales_owner = FieldKey::new("sales_owner");
    let actions = vec![
        Action::MoveTo {
            stage: "hand-off-to-sales".into(),
        },
        Action::Assign {
            to: Assignee::FieldPerson {
                field: sales_owner.clone(),
            },
            keep_others: false,
        },
        notify(
            vec![Recipient::FieldPerson { field: sales_owner }],
            "“{title}” reached a lead score of {value}: it is yours in Hand-off to sales",
        ),
    ];
    let trigger = metric("lead_score", Bound::AtLeast, 70.0, None);
    Rule {
        conditions: in_stages(&["score-threshold"]),
        ..rule(
            "Lead score 70 → hand-off to sales",
            "lead-nurturing",
            owner,
            trigger,
            actions,
        )
    }
}

fn social_monitoring(owner: PersonId) -> Rule {
    let to = vec![
        Recipient::Assignees,
        Recipient::StageRole {
            role: RaciRole::Responsible,
        },
    ];
    let message = "48 hours since “{title}” went out: handle replies and note its results";
    Rule {
        conditions: in_stages(&["scheduled", "monitoring"]),
        ..rule(
            "Social post → monitoring reminder after 48 h",
            "social-publishing",
            owner,
            Trigger::AfterPublish { hours: 48 },
            vec![notify(to, message)],
        )
    }
}

/// The rules of the built-in workflows, owned by `owner` (who sets up the workspace), all
/// switched off. Their ids are 0 until storage saves them.
pub fn builtin_rules(owner: PersonId) -> Vec<Rule> {
    vec![
        brief_complete(owner),
        re_engagement(owner),
        paid_threshold(
            owner,
            "Paid CTR below 1 % in the first 48 h → pause & escalate",
            metric("ctr", Bound::Below, 1.0, Some(48)),
            "CTR is {value}, below 1 %, within 48 h of launch",
        ),
        paid_threshold(
            owner,
            "Paid CPA above 50 in the first 48 h → pause & escalate",
            metric("cpa", Bound::Above, 50.0, Some(48)),
            "CPA is {value}, above 50, within 48 h of launch",
        ),
        unsubscribe_spike(owner),
        weekly_report(owner),
        sales_hand_off(owner),
        social_monitoring(owner),
    ]
}
