//! Actions in words: "notify the owner", "create “Weekly report” in Campaign reporting".

use super::super::action::{Action, Assignee, FieldSource, RaciRole, Recipient};
use super::{join_and, labels, Names};

/// A label read as a noun: "Sales owner" becomes "sales owner", "SEO lead" stays.
fn noun(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_owned(),
    }
}

fn recipient(r: &Recipient, names: &Names) -> String {
    match r {
        Recipient::Person { person } => names.catalog.people.name_of(*person),
        Recipient::Team { team } => format!("team {}", team.trim()),
        Recipient::StageRole { role } => match role {
            RaciRole::Responsible => "the people responsible for the stage",
            RaciRole::Accountable => "the people accountable for the stage",
            RaciRole::Consulted => "the people consulted on the stage",
            RaciRole::Informed => "the people kept informed of the stage",
        }
        .to_owned(),
        Recipient::Owner => "the owner".to_owned(),
        Recipient::Assignees => "the assignees".to_owned(),
        Recipient::FieldPerson { field } => format!("the {}", noun(&names.field(field))),
    }
}

/// The action in words, starting with a verb.
pub(in super::super) fn words(action: &Action, names: &Names) -> String {
    match action {
        Action::Notify { to, .. } => {
            let who: Vec<String> = to.iter().map(|r| recipient(r, names)).collect();
            if who.is_empty() {
                "notify nobody yet".to_owned()
            } else {
                format!("notify {}", join_and(&who))
            }
        }
        Action::Assign { to, keep_others } => {
            let who = match to {
                Assignee::Person { person } => names.catalog.people.name_of(*person),
                Assignee::RoundRobin { team } => {
                    format!("the next person in {} in turn", team.trim())
                }
                Assignee::FewestOpen { team } => {
                    format!("whoever in {} has the fewest open items", team.trim())
                }
                Assignee::FieldPerson { field } => format!("the {}", noun(&names.field(field))),
            };
            if *keep_others {
                format!("also assign {who}")
            } else {
                format!("assign to {who}")
            }
        }
        Action::MoveTo { stage } => format!("move to {}", names.stage(stage)),
        Action::SetField { field, to } => {
            let label = names.field(field);
            match to {
                None => format!("clear {label}"),
                Some(FieldSource::Value { value }) => {
                    format!("set {label} to {}", labels::value(value, names))
                }
                Some(FieldSource::Text { template }) => {
                    format!("set {label} to “{}”", template.trim())
                }
                Some(FieldSource::CopyOf { field: from }) => {
                    format!("set {label} to the item's {}", noun(&names.field(from)))
                }
            }
        }
        Action::Comment { .. } => "add a comment".to_owned(),
        Action::SubmitForApproval => "submit for approval".to_owned(),
        Action::Escalate { .. } => "escalate".to_owned(),
        Action::CreateItem {
            workflow, title, ..
        } => format!(
            "create “{}” in {}",
            title.trim(),
            names.catalog.workflow_name(workflow)
        ),
        Action::CallWebhook { endpoint } => {
            format!("call {}", names.catalog.endpoint_name(*endpoint))
        }
    }
}
