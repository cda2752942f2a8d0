//! Checking a rule before it is saved: every problem with where it is and what to do.

use super::super::definition::WorkflowDefinition;
use super::super::fields::FieldType;
use super::super::ids::{FieldKey, StageKey};
use super::action::{Action, Assignee, FieldSource, Recipient};
use super::catalog::Catalog;
use super::condition::{Condition, FieldTest, MaybeOneOf};
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
            self.problem(path, format!("Choose a workflow for the rule first: {what} belong to a workflow"));
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

    pub fn field(&mut self, path: &str, field: &FieldKey) -> Option<&'a super::super::fields::FieldDef> {
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
                self.problem(path, "This names the item, and a run of this trigger has none");
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
            if c.stage(path, s) && c.def.and_then(|d| d.stage(s)).is_some_and(|st| st.sla.is_none()) {
                c.problem(path, format!("{} has no SLA, so its timers never fire", c.def.and_then(|d| d.stage(s)).map(|st| st.name.clone()).unwrap_or_default()));
            }
        }
        Trigger::ChecklistCompleted { stage: Some(s) } => {
            let stage = c.stage(path, s).then(|| c.def.and_then(|d| d.stage(s))).flatten();
            if let Some(stage) = stage.filter(|st| st.checklist.iter().all(|l| l.optional)) {
                let message = format!("{} has no checklist lines that must be ticked, so it is never completed", stage.name);
                c.problem(path, message);
            }
        }
        Trigger::FieldChanged { field: Some(f) } => {
            c.field(path, f);
        }
        Trigger::DueWithin { hours: 0 } => c.problem(path, "Say how many hours before the due date (1 or more)"),
        Trigger::DueWithin { hours: h } | Trigger::OverdueBy { hours: h } | Trigger::AfterPublish { hours: h } => {
            hours(*h, c)
        }
        Trigger::Schedule { recurrence, starts, for_each_item } => {
            if recurrence.next_after(*starts, *starts - TimeDelta::minutes(1)).is_none() {
                c.problem("trigger.recurrence", "This schedule never comes due");
            }
            if *for_each_item && c.rule.scope.workflow().is_none() {
                c.problem("trigger.for_each_item", "Working through items needs the rule to belong to one workflow");
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
                c.problem("trigger.within_hours_of_launch", "Give the hours after launch (1 or more)");
            }
            if let Some(h) = t.within_hours_of_launch {
                hours(h, c);
            }
        }
        _ => {}
    }
}

fn number(c: &mut Checker, path: &str, value: f64) {
    if !value.is_finite() || value < 0.0 {
        c.problem(path, "This must be a number of 0 or more");
    }
}

fn field_test(c: &mut Checker, path: &str, field: &FieldKey, test: &FieldTest) {
    let Some(def) = c.field(path, field) else {
        return;
    };
    let text_like = matches!(def.field_type, FieldType::Text | FieldType::LongText | FieldType::Url | FieldType::Segment | FieldType::Choice { .. });
    let ordered = matches!(def.field_type, FieldType::Number | FieldType::Money | FieldType::DateTime | FieldType::Choice { .. });
    match test {
        FieldTest::Compare { op, value } => {
            if let Err(problem) = def.check(value, c.catalog.people) {
                c.problem(path, problem);
            } else if op.is_ordering() && !ordered {
                c.problem(path, format!("{} can be equal or not, but not more or less", def.label));
            }
        }
        FieldTest::Contains { text } if text.trim().is_empty() => c.problem(path, "Say what text to look for"),
        FieldTest::Contains { .. } if !text_like => {
            c.problem(path, format!("{} is not text, so it cannot contain anything", def.label))
        }
        _ => {}
    }
}

fn people_listed(c: &mut Checker, path: &str, test: &MaybeOneOf<super::super::ids::PersonId>) {
    for id in test.values() {
        if c.catalog.people.get(*id).is_none() {
            c.problem(path, format!("Person #{id} is not in the team"));
        }
    }
}

fn condition(c: &mut Checker, path: &str, condition: &Condition) {
    if condition.needs_item() && !c.has_item() {
        c.problem(path, "This looks at the item, and a run of this trigger has none");
    }
    let empty = |n: usize, what: &str, c: &mut Checker| {
        if n == 0 {
            c.problem(path, format!("Pick at least one {what}"));
        }
    };
    match condition {
        Condition::Field { field, test } => field_test(c, path, field, test),
        Condition::Stage { stage } => {
            empty(stage.values().len(), "stage", c);
            for s in stage.values() {
                c.stage(path, s);
            }
        }
        Condition::Channel { channel } => empty(channel.values().len(), "channel", c),
        Condition::Campaign { campaign } => {
            if matches!(campaign, MaybeOneOf::Is(_) | MaybeOneOf::IsNot(_)) {
                empty(campaign.values().len(), "campaign", c);
            }
            for id in campaign.values() {
                if !c.catalog.campaigns.contains_key(id) {
                    c.problem(path, format!("There is no campaign #{id}"));
                }
            }
        }
        Condition::Owner { owner } => {
            if matches!(owner, MaybeOneOf::Is(_) | MaybeOneOf::IsNot(_)) {
                empty(owner.values().len(), "person", c);
            }
            people_listed(c, path, owner);
        }
        Condition::OwnerTeam { team, .. } => c.team(path, team),
        Condition::TimeInStage { hours, .. } => number(c, path, *hours),
        Condition::HoursAfterLaunch { hours, .. } => {
            if !c.measures() {
                c.problem(path, "Only a metric trigger records when something was measured");
            }
            number(c, path, *hours);
        }
        Condition::MetricValue { value, .. } => {
            if !c.measures() {
                c.problem(path, "Only a metric trigger measures a value");
            }
            if !value.is_finite() {
                c.problem(path, "The value must be a number");
            }
        }
        Condition::Priority { .. } | Condition::RevisionRound { .. } => {}
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
        c.problem("owner", format!("The owner, person #{}, is not in the team", rule.owner));
    }
    trigger(&mut c);
    for (g, group) in rule.conditions.groups.iter().enumerate() {
        if group.conditions.is_empty() {
            c.problem(format!("conditions.{g}"), "This group has no conditions");
        }
    }
    for (path, cond) in rule.conditions.each() {
        condition(&mut c, &path, cond);
    }
    if rule.actions.is_empty() {
        c.problem("actions", "Add at least one action");
    }
    for (i, a) in rule.actions.iter().enumerate() {
        action(&mut c, &format!("actions.{i}"), a);
    }
    c.problems
}

fn action(c: &mut Checker, path: &str, action: &Action) {
    if action.needs_item() && !c.has_item() {
        let message = match c.rule.trigger {
            Trigger::Schedule { .. } => "This acts on an item, and a scheduled run has none (let the schedule work through the workflow's items)",
            _ => "This acts on an item, and a run of this trigger may have none",
        };
        c.problem(path, message);
    }
    for (sub, template) in action.templates() {
        c.template(&format!("{path}.{sub}"), template);
    }
    match action {
        Action::Notify { to, message } => {
            if to.is_empty() {
                c.problem(format!("{path}.to"), "Choose who to notify");
            }
            if message.trim().is_empty() {
                c.problem(format!("{path}.message"), "Write the message");
            }
            for (r, recipient) in to.iter().enumerate() {
                let at = format!("{path}.to.{r}");
                match recipient {
                    Recipient::Person { person } if c.catalog.people.get(*person).is_none() => {
                        c.problem(at, format!("Person #{person} is not in the team"))
                    }
                    Recipient::Team { team } => c.team(&at, team),
                    Recipient::FieldPerson { field } => c.person_field(&at, field),
                    _ => {}
                }
            }
        }
        Action::Assign { to, .. } => match to {
            Assignee::Person { person } if c.catalog.people.get(*person).is_none() => {
                c.problem(path, format!("Person #{person} is not in the team"))
            }
            Assignee::RoundRobin { team } | Assignee::FewestOpen { team } => c.team(path, team),
            Assignee::FieldPerson { field } => c.person_field(path, field),
            Assignee::Person { .. } => {}
        },
        Action::MoveTo { stage } => {
            c.stage(path, stage);
        }
        Action::SetField { field, to } => {
            let target = c.field(path, field);
            source(c, path, target, to.as_ref());
        }
        Action::Comment { text } if text.trim().is_empty() => c.problem(format!("{path}.text"), "Write the comment"),
        Action::SubmitForApproval => {
            if let Some(def) = c.workflow_for(path, "approval steps") {
                if def.stages.iter().all(|s| s.approval.is_none()) {
                    c.problem(path, format!("{} has no approval step to submit to", def.name));
                }
            }
        }
        Action::CreateItem { workflow, title, values, .. } => {
            let Some(target) = c.catalog.workflow(workflow) else {
                return c.problem(format!("{path}.workflow"), format!("There is no workflow “{workflow}” to create the item in"));
            };
            if title.trim().is_empty() {
                c.problem(format!("{path}.title"), "Give the new item a title");
            }
            for (key, value) in values {
                let at = format!("{path}.values.{key}");
                match target.field(key) {
                    None => c.problem(at, format!("{} has no field “{key}”", target.name)),
                    Some(field) => source(c, &at, Some(field), Some(value)),
                }
            }
        }
        Action::CallWebhook { endpoint } if !c.catalog.endpoints.contains_key(endpoint) => {
            c.problem(path, format!("Webhook #{endpoint} does not exist"))
        }
        _ => {}
    }
}

fn source(c: &mut Checker, path: &str, target: Option<&super::super::fields::FieldDef>, source: Option<&FieldSource>) {
    match (target, source) {
        (Some(field), Some(FieldSource::Value { value })) => {
            if let Err(problem) = field.check(value, c.catalog.people) {
                c.problem(path, problem);
            }
        }
        (_, Some(FieldSource::CopyOf { field })) => {
            c.field(path, field);
        }
        _ => {}
    }
}
