//! Checking a rule before it is saved: every problem with where it is and what to do.

use super::super::definition::WorkflowDefinition;
use super::super::fields::FieldType;
use super::super::ids::{FieldKey, StageKey};
use super::catalog::Catalog;
use super::rule::Rule;
use super::template::{placeholders, Placeholder};
use super::trigger::Trigger;
use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

/// Something wrong with a rule, where it is (`trigger`, `conditions.0.1`, `actions.2.title`)
/// and what to do, in words the editor shows next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleProblem {
    /// Where in the rule.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// The longest wait a trigger may name: a year.
const MAX_HOURS: u32 = 8_760;

pub(super) struct Checker<'a> {
    pub rule: &'a Rule,
    pub catalog: Catalog<'a>,
    pub def: Option<&'a WorkflowDefinition>,
    pub problems: Vec<RuleProblem>,
}

impl<'a> Checker<'a> {
    pub fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(RuleProblem {
            path: path.into(),
            message: message.into(),
        });
    }

    /// Whether every run of the rule has an item: a metric trigger of one workflow's
    /// rule always concerns one of its items.
    pub fn has_item(&self) -> bool {
        self.rule.trigger.always_has_item()
            || (matches!(self.rule.trigger, Trigger::MetricCrossed(_)) && self.def.is_some())
    }

    pub fn measures(&self) -> bool {
        matches!(self.rule.trigger, Trigger::MetricCrossed(_))
    }

    /// The rule's workflow, or a problem saying one is needed for `what`.
    pub fn workflow_for(&mut self, path: &str, what: &str) -> Option<&'a WorkflowDefinition> {
        if self.def.is_none() && self.rule.scope.workflow().is_none() {
            self.problem(
                path,
                format!("Choose a workflow for the rule first: {what} belong to a workflow"),
            );
        }
        self.def
    }

    pub fn stage(&mut self, path: &str, stage: &StageKey) -> bool {
        match self.workflow_for(path, "stages") {
            Some(def) if def.stage(stage).is_none() => {
                let message = format!("{} has no stage “{stage}”", def.name);
                self.problem(path, message);
                false
            }
            Some(_) => true,
            None => false,
        }
    }

    pub fn field(
        &mut self,
        path: &str,
        field: &FieldKey,
    ) -> Option<&'a super::super::fields::FieldDef> {
        let def = self.workflow_for(path, "fields")?;
        let found = def.field(field);
        if found.is_none() {
            let message = format!("{} has no field “{field}”", def.name);
            self.problem(path, message);
        }
        found
    }

    pub fn person_field(&mut self, path: &str, field: &FieldKey) {
        if let Some(f) = self.field(path, field) {
            if f.field_type != FieldType::Person {
                let message = format!("{} is not a person field", f.label);
                self.problem(path, message);
            }
        }
    }

    pub fn team(&mut self, path: &str, team: &str) {
        if team.trim().is_empty() {
            self.problem(path, "Name the team");
        } else if !self.catalog.people.persons.iter().any(|p| p.in_team(team)) {
            self.problem(path, format!("Nobody is in team “{}”", team.trim()));
        }
    }

    pub fn template(&mut self, path: &str, template: &str) {
        let used = match placeholders(template) {
            Ok(used) => used,
            Err(message) => return self.problem(path, message),
        };
        for placeholder in used {
            match &placeholder {
                Placeholder::Field(key) => {
                    self.field(path, key);
                }
                Placeholder::Metric | Placeholder::Value if !self.measures() => {
                    self.problem(path, "{metric} and {value} need a metric trigger");
                }
                _ => {}
            }
            if placeholder.needs_item() && !self.has_item() {
                self.problem(
                    path,
                    "This names the item, and a run of this trigger has none",
                );
            }
        }
    }
}

fn trigger(c: &mut Checker) {
    let path = "trigger";
    let hours = |h: u32, c: &mut Checker| {
        if h > MAX_HOURS {
            c.problem(path, format!("At most {MAX_HOURS} hours (a year)"));
        }
    };
    match &c.rule.trigger {
        Trigger::EnteredStage { stage: Some(s) } | Trigger::LeftStage { stage: Some(s) } => {
            c.stage(path, s);
        }
        Trigger::SlaReminder { stage: Some(s) } | Trigger::SlaBreached { stage: Some(s) } => {
            let without_sla = c
                .stage(path, s)
                .then(|| c.def.and_then(|d| d.stage(s)))
                .flatten();
            if let Some(stage) = without_sla.filter(|st| st.sla.is_none()) {
                let message = format!("{} has no SLA, so its timers never fire", stage.name);
                c.problem(path, message);
            }
        }
        Trigger::ChecklistCompleted { stage: Some(s) } => {
            let stage = c
                .stage(path, s)
                .then(|| c.def.and_then(|d| d.stage(s)))
                .flatten();
            if let Some(stage) = stage.filter(|st| st.checklist.iter().all(|l| l.optional)) {
                let message = format!(
                    "{} has no checklist lines that must be ticked, so it is never completed",
                    stage.name
                );
                c.problem(path, message);
            }
        }
        Trigger::FieldChanged { field: Some(f) } => {
            c.field(path, f);
        }
        Trigger::DueWithin { hours: 0 } => {
            c.problem(path, "Say how many hours before the due date (1 or more)")
        }
        Trigger::DueWithin { hours: h }
        | Trigger::OverdueBy { hours: h }
        | Trigger::AfterPublish { hours: h } => hours(*h, c),
        Trigger::Schedule {
            recurrence,
            starts,
            for_each_item,
        } => {
            if recurrence
                .next_after(*starts, *starts - TimeDelta::minutes(1))
                .is_none()
            {
                c.problem("trigger.recurrence", "This schedule never comes due");
            }
            if *for_each_item && c.rule.scope.workflow().is_none() {
                c.problem(
                    "trigger.for_each_item",
                    "Working through items needs the rule to belong to one workflow",
                );
            }
        }
        Trigger::MetricCrossed(t) => {
            if t.metric.is_empty() {
                c.problem("trigger.metric", "Name the metric, e.g. open_rate");
            }
            if !t.value.is_finite() {
                c.problem("trigger.value", "The threshold must be a number");
            }
            if t.within_hours_of_launch == Some(0) {
                c.problem(
                    "trigger.within_hours_of_launch",
                    "Give the hours after launch (1 or more)",
                );
            }
            if let Some(h) = t.within_hours_of_launch {
                hours(h, c);
            }
        }
        _ => {}
    }
}

/// Every problem with the rule; empty means it may be saved.
pub fn validate(rule: &Rule, catalog: Catalog) -> Vec<RuleProblem> {
    let mut c = Checker {
        rule,
        catalog,
        def: rule.scope.workflow().and_then(|w| catalog.workflow(w)),
        problems: Vec::new(),
    };
    if rule.name.trim().is_empty() {
        c.problem("name", "Give the rule a name");
    }
    if let Some(id) = rule.scope.workflow().filter(|_| c.def.is_none()) {
        c.problem("scope", format!("There is no workflow “{id}”"));
    }
    if catalog.people.get(rule.owner).is_none() {
        c.problem(
            "owner",
            format!("The owner, person #{}, is not in the team", rule.owner),
        );
    }
    trigger(&mut c);
    for (g, group) in rule.conditions.groups.iter().enumerate() {
        if group.conditions.is_empty() {
            c.problem(format!("conditions.{g}"), "This group has no conditions");
        }
    }
    for (path, cond) in rule.conditions.each() {
        super::validate_conditions::condition(&mut c, &path, cond);
    }
    if rule.actions.is_empty() {
        c.problem("actions", "Add at least one action");
    }
    for (i, a) in rule.actions.iter().enumerate() {
        super::validate_actions::action(&mut c, &format!("actions.{i}"), a);
    }
    c.problems
}
