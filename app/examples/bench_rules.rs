//! For `scripts/bench-automation`: how fast rules are evaluated — 200 enabled rules against
//! 10,000 item events (2 million evaluations), with the engine trying every planned change.
//! Pure: no database, one core.
//!
//! `cargo run --release -p app --features ssr --example bench_rules`

use std::collections::BTreeMap;
use std::time::Instant;

use app::domain::automation::{
    evaluate, Action, Catalog, Condition, Conditions, Facts, OneOf, Recipient, Rule, RuleId, Scope,
    Signal, Trigger,
};
use app::domain::{
    builtin_templates, CampaignId, Channel, Event, EventKind, Item, ItemId, NewItem, People,
    Person, PersonId, Priority, Role, StageKey,
};
use chrono::{TimeZone, Utc};

const RULES: usize = 200;
const EVENTS: usize = 10_000;

fn main() {
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let workflows = builtin_templates();
    let people = People {
        persons: (1..=8)
            .map(|n| Person {
                id: PersonId(n),
                name: format!("Person {n}"),
                email: format!("p{n}@x.example"),
                role: if n == 1 { Role::Admin } else { Role::Member },
                teams: vec![["Content", "Design", "Email"][n as usize % 3].to_owned()],
            })
            .collect(),
    };
    let campaigns = BTreeMap::from([(CampaignId(1), "Spring".to_owned())]);
    let endpoints = BTreeMap::new();
    let catalog = Catalog {
        workflows: &workflows,
        people: &people,
        campaigns: &campaigns,
        endpoints: &endpoints,
    };

    // Rules of every workflow: stage entries, field changes and creations, some with
    // conditions, each notifying or commenting.
    let rules: Vec<Rule> = (0..RULES)
        .map(|n| {
            let def = &workflows[n % workflows.len()];
            let stage = def.stages[n % def.stages.len()].key.clone();
            let trigger = match n % 3 {
                0 => Trigger::EnteredStage { stage: Some(stage) },
                1 => Trigger::FieldChanged {
                    field: def
                        .fields
                        .get(n % def.fields.len().max(1))
                        .map(|f| f.key.clone()),
                },
                _ => Trigger::ItemCreated { via: None },
            };
            let conditions = if n % 2 == 0 {
                Conditions::all(vec![Condition::Channel {
                    channel: OneOf::IsNot(vec![Channel::Other]),
                }])
            } else {
                Conditions::none()
            };
            let action = if n % 4 == 0 {
                Action::Comment {
                    text: "Rule {rule} saw {title} in {stage}".into(),
                }
            } else {
                Action::Notify {
                    to: vec![Recipient::Owner],
                    message: "{title} is in {stage}".into(),
                }
            };
            Rule {
                id: RuleId(n as i64 + 1),
                name: format!("Rule {n}"),
                scope: Scope::Workflow(def.id.clone()),
                owner: PersonId(1),
                enabled: true,
                version: 1,
                trigger,
                conditions,
                actions: vec![action],
            }
        })
        .collect();

    // Items in every stage of every workflow, and the events that happened to them.
    let actor = &people.persons[1];
    let mut items: Vec<Item> = Vec::new();
    for (n, def) in workflows.iter().enumerate() {
        for (s, stage) in def.stages.iter().enumerate() {
            let ctx = app::domain::Ctx::new(actor, &people, now);
            let mut item = app::domain::create_item(
                def,
                NewItem {
                    owner: Some(PersonId(2 + (n + s) as i64 % 6)),
                    channel: Channel::ALL[(n + s) % Channel::ALL.len()],
                    priority: Priority::Normal,
                    ..NewItem::titled(&format!("Item {n}-{s}"))
                },
                &ctx,
            )
            .unwrap()
            .item;
            item.id = ItemId(items.len() as i64 + 1);
            item.stage = stage.key.clone();
            items.push(item);
        }
    }
    let signals: Vec<(usize, Signal)> = (0..EVENTS)
        .map(|n| {
            let which = n % items.len();
            let item = &items[which];
            let kind = match n % 3 {
                0 => EventKind::MovedForward {
                    from: StageKey::new("before"),
                    to: item.stage.clone(),
                },
                1 => {
                    let def = workflows.iter().find(|w| w.id == item.workflow_id).unwrap();
                    let field = def.fields[n % def.fields.len()].key.clone();
                    EventKind::FieldChanged {
                        field,
                        from: None,
                        to: None,
                    }
                }
                _ => EventKind::Created {
                    stage: item.stage.clone(),
                    source: app::domain::CreationSource::Manual,
                },
            };
            let event = Event {
                actor: PersonId(2),
                at: now,
                kind,
            };
            (which, Signal::from_event(n as i64 + 1, item, event, None))
        })
        .collect();

    let started = Instant::now();
    let mut ran = 0usize;
    let mut per_event = Vec::with_capacity(EVENTS);
    for (which, signal) in &signals {
        let item = &items[*which];
        let def = workflows.iter().find(|w| w.id == item.workflow_id).unwrap();
        let facts = Facts::new(catalog, now, now.date_naive()).with_item(item, def);
        let one = Instant::now();
        for rule in &rules {
            ran += usize::from(evaluate(rule, signal, &facts).ran());
        }
        per_event.push(one.elapsed());
    }
    let total = started.elapsed();
    per_event.sort_unstable();
    let evaluations = RULES * EVENTS;
    println!(
        "rule evaluation: {RULES} rules × {EVENTS} events = {evaluations} evaluations in {:.0} ms \
         ({:.2} µs each, {:.0} evaluations/s); per event (all rules): p50 {:.0} µs, p95 {:.0} µs; {ran} runs acted",
        total.as_secs_f64() * 1000.0,
        total.as_secs_f64() * 1e6 / evaluations as f64,
        evaluations as f64 / total.as_secs_f64(),
        per_event[per_event.len() / 2].as_secs_f64() * 1e6,
        per_event[per_event.len() * 95 / 100].as_secs_f64() * 1e6,
    );
}
