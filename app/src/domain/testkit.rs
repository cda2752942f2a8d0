//! Shared fixtures for the tests: a small team and a small workflow exercising every gate.

use super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use super::context::Ctx;
use super::definition::{
    ChecklistItem, EscalationRule, Sla, Stage, Transitions, WorkflowDefinition, WorkflowKind,
};
use super::fields::{FieldDef, FieldType, FieldValue};
use super::ids::{ChecklistKey, PersonId};
use super::item::Item;
use super::operations::{apply, create_item, NewItem, Operation, Outcome};
use super::people::{Party, People, Person, Role};
use super::refusal::Refusal;
use chrono::{DateTime, TimeZone, Utc};
use std::collections::BTreeMap;

pub const ADA: PersonId = PersonId(1); // admin, not an approver
pub const MAX: PersonId = PersonId(2); // manager, approver
pub const DANA: PersonId = PersonId(3); // member, approver
pub const LEE: PersonId = PersonId(4); // member, approver
pub const SAM: PersonId = PersonId(5); // member, not an approver
pub const VIC: PersonId = PersonId(6); // viewer

pub fn people() -> People {
    let person = |id: PersonId, name: &str, role: Role| Person {
        id,
        name: name.into(),
        email: format!("{}@example.com", name.to_lowercase()),
        role,
        teams: vec!["Content".into()],
    };
    People::new(vec![
        person(ADA, "Ada", Role::Admin),
        person(MAX, "Max", Role::Manager),
        person(DANA, "Dana", Role::Member),
        person(LEE, "Lee", Role::Member),
        person(SAM, "Sam", Role::Member),
        person(VIC, "Vic", Role::Viewer),
    ])
}

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 3, 9, 0, 0).unwrap()
}

pub fn line(key: &str, label: &str, optional: bool) -> ChecklistItem {
    ChecklistItem {
        key: ChecklistKey::new(key),
        label: label.into(),
        optional,
    }
}

fn text_field(key: &str, label: &str, field_type: FieldType) -> FieldDef {
    FieldDef {
        key: key.into(),
        label: label.into(),
        field_type,
        help: String::new(),
    }
}

/// Brief → Review (2 of Dana, Lee, Max; changes → Revisions; WIP 2) → Revisions (→ Review) → Publish.
pub fn flow() -> WorkflowDefinition {
    let review = Stage {
        approval: Some(ApprovalPolicy {
            rule: ApprovalRule::AtLeast { count: 2 },
            approvers: vec![
                ApproverRef::Person(DANA),
                ApproverRef::Person(LEE),
                ApproverRef::Person(MAX),
            ],
        }),
        raci: super::definition::Raci {
            accountable: vec![Party::team("Content lead")],
            ..Default::default()
        },
        sla: Some(Sla {
            hours: 48,
            business_hours: false,
        }),
        escalation: Some(EscalationRule::default()),
        wip_limit: Some(2),
        transitions: Transitions {
            next: Some("publish".into()),
            on_changes_requested: Some("revisions".into()),
        },
        ..Stage::new("review", "Review", "Check it")
    };
    WorkflowDefinition {
        outcome: None,
        id: "flow".into(),
        name: "Flow".into(),
        kind: WorkflowKind::Custom,
        version: 1,
        based_on: None,
        revision_limit: 1,
        fields: vec![
            text_field("topic", "Topic", FieldType::Text),
            text_field("url", "Landing page URL", FieldType::Url),
            text_field("budget", "Budget", FieldType::Money),
        ],
        stages: vec![
            Stage {
                required_fields: vec!["topic".into(), "url".into()],
                checklist: vec![
                    line("goal", "Goal agreed", false),
                    line("refs", "References attached", true),
                ],
                ..Stage::new("brief", "Brief", "Say what")
            },
            review,
            Stage {
                transitions: Transitions {
                    next: Some("review".into()),
                    on_changes_requested: None,
                },
                ..Stage::new("revisions", "Revisions", "Fix it")
            },
            Stage {
                requires_schedule: true,
                wip_limit: Some(5),
                ..Stage::new("publish", "Publish", "Ship it")
            },
        ],
    }
}

pub fn ctx<'a>(people: &'a People, actor: PersonId) -> Ctx<'a> {
    Ctx::new(people.get(actor).expect("fixture person"), people, t0())
}

/// A fresh item of `flow()` in Brief.
pub fn sample_item() -> Item {
    let people = people();
    create_item(
        &flow(),
        NewItem::titled("Spring launch post"),
        &ctx(&people, SAM),
    )
    .unwrap()
    .item
}

pub fn run(
    def: &WorkflowDefinition,
    item: &Item,
    op: Operation,
    actor: PersonId,
) -> Result<Outcome, Refusal> {
    let people = people();
    apply(def, item, &op, &ctx(&people, actor))
}

pub fn ok(def: &WorkflowDefinition, item: &Item, op: Operation, actor: PersonId) -> Item {
    run(def, item, op, actor)
        .unwrap_or_else(|r| panic!("refused: {r}"))
        .item
}

pub fn fields(values: &[(&str, FieldValue)]) -> Operation {
    Operation::EditFields {
        values: values
            .iter()
            .map(|(k, v)| ((*k).into(), Some(v.clone())))
            .collect::<BTreeMap<_, _>>(),
    }
}

/// A `flow()` item in Review with Brief's gate passed, submitted.
pub fn submitted_in_review() -> Item {
    let def = flow();
    let mut item = sample_item();
    item = ok(
        &def,
        &item,
        fields(&[
            ("topic", FieldValue::Text("Pricing".into())),
            ("url", FieldValue::Url("https://acme.com/p".into())),
        ]),
        SAM,
    );
    item = ok(
        &def,
        &item,
        Operation::Tick {
            line: "goal".into(),
        },
        SAM,
    );
    item = ok(
        &def,
        &item,
        Operation::MoveTo {
            stage: "review".into(),
            reason: None,
        },
        SAM,
    );
    ok(&def, &item, Operation::Submit, SAM)
}
