//! Tests of the automation model, and the fixtures they share: a small team with teams,
//! the fixture workflow plus the built-in ones, and helpers to turn changes into signals.

mod actions;
mod builtin;
mod cascade;
mod cascade_oracle;
mod cascade_world;
mod conditions;
mod evaluation;
mod guard;
mod people_actions;
mod triggers;
mod validation;
mod words;

use super::super::definition::WorkflowDefinition;
use super::super::events::Event;
use super::super::ids::{CampaignId, ItemId, PersonId};
use super::super::item::Item;
use super::super::operations::{apply, Operation, Outcome};
use super::super::people::People;
use super::super::templates::builtin_templates;
use super::super::testkit::{self, ctx, flow, t0, DANA, LEE, MAX, SAM, VIC};
use super::*;
use chrono::{NaiveDate, TimeDelta};
use std::collections::BTreeMap;

/// The campaign the fixtures link items to.
pub const SPRING: CampaignId = CampaignId(1);
/// The webhook endpoint the fixtures know.
pub const CRM: EndpointId = EndpointId(1);

/// The testkit team, with teams: Dana and Lee design, Sam sells, Max leads content, and
/// Vic (a viewer) is in Design too.
pub fn team() -> People {
    let mut people = testkit::people();
    for person in &mut people.persons {
        let extra: &[&str] = match person.id {
            DANA | LEE | VIC => &["Design"],
            SAM => &["Sales"],
            MAX => &["Content lead"],
            _ => &[],
        };
        person.teams.extend(extra.iter().map(|t| (*t).to_owned()));
    }
    people
}

/// Everything rules are checked and evaluated against.
pub struct World {
    pub defs: Vec<WorkflowDefinition>,
    pub people: People,
    pub campaigns: BTreeMap<CampaignId, String>,
    pub endpoints: BTreeMap<EndpointId, String>,
}

impl World {
    pub fn new() -> Self {
        let mut defs = vec![flow()];
        defs.extend(builtin_templates());
        World {
            defs,
            people: team(),
            campaigns: BTreeMap::from([(SPRING, "Spring launch".to_owned())]),
            endpoints: BTreeMap::from([(CRM, "CRM sync".to_owned())]),
        }
    }

    pub fn catalog(&self) -> Catalog<'_> {
        Catalog {
            workflows: &self.defs,
            people: &self.people,
            campaigns: &self.campaigns,
            endpoints: &self.endpoints,
        }
    }

    pub fn def(&self, id: &str) -> &WorkflowDefinition {
        self.defs
            .iter()
            .find(|d| d.id.as_str() == id)
            .expect("known workflow")
    }

    /// Facts for a run about `item` (or about no item), at `t0()` on 3 June 2024.
    pub fn facts<'a>(&'a self, item: Option<&'a Item>) -> Facts<'a> {
        let today = NaiveDate::from_ymd_opt(2024, 6, 3).expect("date");
        let facts = Facts::new(self.catalog(), t0() + TimeDelta::hours(1), today);
        match item {
            Some(item) => facts.with_item(item, self.def(item.workflow_id.as_str())),
            None => facts,
        }
    }

    /// Applies an operation as `actor` (the testkit team, with teams).
    pub fn change(&self, item: &Item, op: Operation, actor: PersonId) -> Outcome {
        let def = self.def(item.workflow_id.as_str());
        let ctx = ctx(&self.people, actor);
        apply(def, item, &op, &ctx).unwrap_or_else(|r| panic!("refused: {r}"))
    }

    /// Evaluates a rule for a signal about `item` as it is.
    pub fn run(&self, rule: &Rule, signal: &Signal, item: Option<&Item>) -> Evaluation {
        evaluate(rule, signal, &self.facts(item))
    }
}

/// An enabled rule of the fixture workflow, owned by Max.
pub fn flow_rule(trigger: Trigger, conditions: Conditions, actions: Vec<Action>) -> Rule {
    Rule {
        id: RuleId(1),
        name: "Test rule".into(),
        scope: Scope::Workflow("flow".into()),
        owner: MAX,
        enabled: true,
        version: 3,
        trigger,
        conditions,
        actions,
    }
}

/// A signal for each event of an outcome (a person's change), ids counted from `first_id`.
pub fn signals(outcome: &Outcome, first_id: i64) -> Vec<Signal> {
    outcome
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| Signal::from_event(first_id + i as i64, &outcome.item, e.clone(), None))
        .collect()
}

/// The signal of one event of `item`.
pub fn signal_of(item: &Item, event: &Event) -> Signal {
    Signal::from_event(1, item, event.clone(), None)
}

/// A metric reading for an item of the fixture workflow.
pub fn reading(item: &Item, metric: &str, value: f64, previous: Option<f64>) -> Signal {
    let reading = MetricReading {
        target: MetricTarget::Item {
            item: item.id,
            workflow: item.workflow_id.clone(),
        },
        metric: metric.into(),
        value,
        previous,
        recorded_at: t0(),
        hours_since_launch: Some(20.0),
    };
    Signal::reading(ReadingId(9), reading, Origin::Person(SAM), 0)
}

/// The steps of an evaluation that are ready.
pub fn ready(eval: &Evaluation) -> Vec<Step> {
    eval.ready().cloned().collect()
}

/// An item of the fixture workflow with Brief's fields filled (so only the checklist holds it).
pub fn briefed() -> Item {
    let world = World::new();
    let item = testkit::sample_item();
    world
        .change(
            &item,
            testkit::fields(&[
                (
                    "topic",
                    super::super::fields::FieldValue::Text("Pricing".into()),
                ),
                (
                    "url",
                    super::super::fields::FieldValue::Url("https://acme.com/p".into()),
                ),
            ]),
            SAM,
        )
        .item
}

/// A `briefed()` item with its checklist ticked, ready to move to Review.
pub fn ready_for_review() -> Item {
    let world = World::new();
    world
        .change(
            &briefed(),
            Operation::Tick {
                line: "goal".into(),
            },
            SAM,
        )
        .item
}
