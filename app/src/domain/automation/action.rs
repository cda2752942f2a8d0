//! Actions: what a rule does, in order. There is deliberately no action that ticks a
//! checklist line, approves or requests changes: those stay with people.

use super::super::fields::FieldValue;
use super::super::ids::{FieldKey, PersonId, StageKey, WorkflowId};
use super::super::item::Channel;
use super::ids::EndpointId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A RACI role of the item's current stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RaciRole {
    /// Does the work.
    Responsible,
    /// Owns the outcome.
    Accountable,
    /// Gives input.
    Consulted,
    /// Kept up to date.
    Informed,
}

/// Who a notification goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Recipient {
    /// A person.
    Person {
        /// Who.
        person: PersonId,
    },
    /// Everyone in a team.
    Team {
        /// The team's name.
        team: String,
    },
    /// The people of a RACI role of the item's current stage.
    StageRole {
        /// Which role.
        role: RaciRole,
    },
    /// The item's owner.
    Owner,
    /// The item's assignees.
    Assignees,
    /// The person in a person field of the item, e.g. the sales owner.
    FieldPerson {
        /// The field.
        field: FieldKey,
    },
}

/// Who an item is assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Assignee {
    /// A person.
    Person {
        /// Who.
        person: PersonId,
    },
    /// The next person of a team in turn.
    RoundRobin {
        /// The team's name.
        team: String,
    },
    /// Whoever in a team has the fewest open items.
    FewestOpen {
        /// The team's name.
        team: String,
    },
    /// The person in a person field of the item.
    FieldPerson {
        /// The field.
        field: FieldKey,
    },
}

/// Where a value set by a rule comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum FieldSource {
    /// This value.
    Value {
        /// The value, of the field's type.
        value: FieldValue,
    },
    /// Text written with placeholders (see [`super::template`]), read by the field's type.
    Text {
        /// The template.
        template: String,
    },
    /// The value of a field of the item the rule runs for.
    CopyOf {
        /// The field copied.
        field: FieldKey,
    },
}

/// One thing a rule does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Action {
    /// Tell people something, in the app.
    Notify {
        /// Who.
        to: Vec<Recipient>,
        /// The message, with placeholders.
        message: String,
    },
    /// Assign the item.
    Assign {
        /// To whom.
        to: Assignee,
        /// Keep the current assignees (otherwise the new one replaces them).
        keep_others: bool,
    },
    /// Move the item to a stage, through its gate like anyone else.
    MoveTo {
        /// The stage.
        stage: StageKey,
    },
    /// Set (or clear, with `None`) a field of the item.
    SetField {
        /// The field.
        field: FieldKey,
        /// The value.
        to: Option<FieldSource>,
    },
    /// Add a comment to the item's activity.
    Comment {
        /// The comment, with placeholders.
        text: String,
    },
    /// Submit the current stage's work for approval.
    SubmitForApproval,
    /// Escalate the item to its stage's escalation target ("pause and escalate").
    Escalate {
        /// Why, with placeholders.
        reason: String,
    },
    /// Create an item in a workflow, linked to the same campaign.
    CreateItem {
        /// The workflow it is created in.
        workflow: WorkflowId,
        /// Its title, with placeholders.
        title: String,
        /// Values of its fields.
        values: BTreeMap<FieldKey, FieldSource>,
        /// Its channel; `None` keeps the item's channel (or Other).
        channel: Option<Channel>,
        /// Link it to the campaign of the item (or of the campaign's metric).
        link_campaign: bool,
    },
    /// Call an outbound webhook (delivered by the webhook sender, not by the rule run).
    CallWebhook {
        /// The endpoint.
        endpoint: EndpointId,
    },
}

impl Action {
    /// Whether the action changes, or reads people from, the item itself.
    pub fn needs_item(&self) -> bool {
        match self {
            Action::Notify { to, .. } => to
                .iter()
                .any(|r| !matches!(r, Recipient::Person { .. } | Recipient::Team { .. })),
            Action::CreateItem { values, .. } => values
                .values()
                .any(|v| matches!(v, FieldSource::CopyOf { .. })),
            Action::CallWebhook { .. } => false,
            _ => true,
        }
    }

    /// The templates of the action, with their path below the action (`message`, `title`,
    /// `values.<field>`), for validation.
    pub fn templates(&self) -> Vec<(String, &str)> {
        match self {
            Action::Notify { message, .. } => vec![("message".to_owned(), message.as_str())],
            Action::Comment { text } => vec![("text".to_owned(), text.as_str())],
            Action::Escalate { reason } => vec![("reason".to_owned(), reason.as_str())],
            Action::SetField {
                to: Some(FieldSource::Text { template }),
                ..
            } => vec![("to".to_owned(), template.as_str())],
            Action::CreateItem { title, values, .. } => {
                let mut all = vec![("title".to_owned(), title.as_str())];
                for (key, source) in values {
                    if let FieldSource::Text { template } = source {
                        all.push((format!("values.{key}"), template.as_str()));
                    }
                }
                all
            }
            _ => Vec::new(),
        }
    }
}
