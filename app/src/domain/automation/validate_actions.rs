//! Checking a rule's actions: recipients, stages, fields, workflows and webhooks that exist.

use super::super::fields::FieldDef;
use super::action::{Action, Assignee, FieldSource, Recipient};
use super::trigger::Trigger;
use super::validate::Checker;

pub(super) fn action(c: &mut Checker, path: &str, action: &Action) {
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
        Action::Comment { text } if text.trim().is_empty() => {
            c.problem(format!("{path}.text"), "Write the comment")
        }
        Action::SubmitForApproval => {
            if let Some(def) = c.workflow_for(path, "approval steps") {
                if def.stages.iter().all(|s| s.approval.is_none()) {
                    c.problem(
                        path,
                        format!("{} has no approval step to submit to", def.name),
                    );
                }
            }
        }
        Action::CreateItem {
            workflow,
            title,
            values,
            ..
        } => {
            let Some(target) = c.catalog.workflow(workflow) else {
                return c.problem(
                    format!("{path}.workflow"),
                    format!("There is no workflow “{workflow}” to create the item in"),
                );
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

fn source(c: &mut Checker, path: &str, target: Option<&FieldDef>, source: Option<&FieldSource>) {
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
