//! Steps: what planning an action yields — a change to the item (applied by the engine, so
//! its gates hold), a notification, an item to create, or a webhook call.

use super::super::events::{CreationSource, Event};
use super::super::fields::FieldValue;
use super::super::ids::{CampaignId, FieldKey, ItemId, PersonId, StageKey, WorkflowId};
use super::super::item::Channel;
use super::super::operations::{NewItem, Operation};
use super::super::refusal::Reason;
use super::ids::{EndpointId, RuleId, SignalId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A change automation may ask the engine for. There is no way to say "tick" or
/// "approve": automation can never do those.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "change")]
pub enum ItemChange {
    /// Replace the assignees.
    Assign {
        /// The new assignees.
        assignees: Vec<PersonId>,
    },
    /// Move to a stage (forward only through the gate).
    MoveTo {
        /// The stage.
        stage: StageKey,
        /// Recorded on backward moves.
        reason: String,
    },
    /// Set or clear a field.
    SetField {
        /// The field.
        field: FieldKey,
        /// The value; `None` clears it.
        value: Option<FieldValue>,
    },
    /// Comment on the item.
    Comment {
        /// The text.
        text: String,
    },
    /// Submit for approval.
    Submit,
    /// Escalate.
    Escalate {
        /// Why.
        reason: Option<String>,
    },
}

impl ItemChange {
    /// The engine operation that makes the change.
    pub fn operation(&self) -> Operation {
        match self {
            ItemChange::Assign { assignees } => Operation::SetAssignees {
                assignees: assignees.clone(),
            },
            ItemChange::MoveTo { stage, reason } => Operation::MoveTo {
                stage: stage.clone(),
                reason: Some(reason.clone()),
            },
            ItemChange::SetField { field, value } => Operation::EditFields {
                values: [(field.clone(), value.clone())].into(),
            },
            ItemChange::Comment { text } => Operation::Comment { text: text.clone() },
            ItemChange::Submit => Operation::Submit,
            ItemChange::Escalate { reason } => Operation::Escalate {
                reason: reason.clone(),
            },
        }
    }
}

/// An in-app notification to store for each recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// Who is told (never empty, no one twice).
    pub recipients: Vec<PersonId>,
    /// What they read.
    pub message: String,
    /// The item it is about, if any.
    pub item: Option<ItemId>,
}

/// An item to create through `create_item` once storage has allocated its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemToCreate {
    /// The workflow (its current definition).
    pub workflow: WorkflowId,
    /// The title.
    pub title: String,
    /// Field values, checked against the workflow's fields.
    pub fields: BTreeMap<FieldKey, FieldValue>,
    /// The channel.
    pub channel: Channel,
    /// The campaign it is linked to.
    pub campaign: Option<CampaignId>,
    /// Its owner: the owner of the item the rule ran for, else the rule's owner.
    pub owner: Option<PersonId>,
    /// The item the rule ran for, if any.
    pub from_item: Option<ItemId>,
}

impl ItemToCreate {
    /// What `create_item` takes (storage gives the id when it stores the item).
    pub fn new_item(&self) -> NewItem {
        NewItem {
            owner: self.owner,
            fields: self.fields.clone(),
            channel: self.channel,
            campaign: self.campaign,
            source: CreationSource::Template,
            ..NewItem::titled(&self.title)
        }
    }
}

/// An outbound webhook to call; the webhook sender builds and signs the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookCall {
    /// The endpoint.
    pub endpoint: EndpointId,
    /// The rule that calls it.
    pub rule: RuleId,
    /// The signal the rule ran for.
    pub signal: SignalId,
    /// The item, if any.
    pub item: Option<ItemId>,
}

/// What one action comes to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "step")]
pub enum Step {
    /// Change the item through the engine.
    Change(ItemChange),
    /// Notify people.
    Notify(Notification),
    /// Create an item.
    Create(ItemToCreate),
    /// Call a webhook.
    Webhook(WebhookCall),
}

/// How planning an action went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum StepStatus {
    /// Ready to be done. For a change, the engine accepted it on the item as the earlier
    /// steps left it, and these are the events it logged.
    Ready {
        /// The step.
        step: Step,
        /// The engine's events, for a change.
        events: Vec<Event>,
    },
    /// The engine refused it (a gate, a missing approver…); the run stops here.
    Refused {
        /// The step.
        step: Step,
        /// Every reason, as the engine gave them.
        reasons: Vec<Reason>,
    },
    /// It could not be planned (a team with nobody in it, a field the workflow lacks…);
    /// the run stops here.
    Failed {
        /// Why, in words.
        reason: String,
    },
}

/// One action of a run, planned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedStep {
    /// Where the action is in the rule, e.g. `actions.2`.
    pub path: String,
    /// The action in words: "move to Review".
    pub summary: String,
    /// How planning went.
    pub status: StepStatus,
}

/// A round-robin turn taken: store it so the next turn goes to the next person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundRobinTurn {
    /// The team, as the rule names it (compared ignoring case).
    pub team: String,
    /// Who got the turn.
    pub person: PersonId,
}

/// How a rule's recent runs count toward pausing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunOutcome {
    /// It did not run (see `Skip`): neither success nor failure.
    Skipped,
    /// Every action was done.
    Done,
    /// The engine refused an action.
    Refused,
    /// An action could not be planned.
    Failed,
}
