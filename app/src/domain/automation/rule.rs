//! A rule: one trigger, conditions in AND/OR groups, and the actions to run in order.

use super::super::ids::{PersonId, WorkflowId};
use super::action::Action;
use super::condition::Condition;
use super::ids::RuleId;
use super::trigger::Trigger;
use serde::{Deserialize, Serialize};

/// Where a rule listens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "workflow")]
pub enum Scope {
    /// Every workflow, and campaigns as a whole.
    Workspace,
    /// Items of one workflow.
    Workflow(WorkflowId),
}

impl Scope {
    /// Whether a signal about an item of `workflow` (`None`: about no item of a workflow,
    /// e.g. a campaign's metric) reaches a rule with this scope.
    pub fn covers(&self, workflow: Option<&WorkflowId>) -> bool {
        match self {
            Scope::Workspace => true,
            Scope::Workflow(id) => workflow == Some(id),
        }
    }

    /// The workflow, for rules of one workflow.
    pub fn workflow(&self) -> Option<&WorkflowId> {
        match self {
            Scope::Workspace => None,
            Scope::Workflow(id) => Some(id),
        }
    }
}

/// How several results combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// Every one must hold (AND).
    #[default]
    All,
    /// At least one must hold (OR).
    Any,
}

impl Combine {
    /// Combines results: all of none hold, any of none does not.
    pub fn over(self, results: impl IntoIterator<Item = bool>) -> bool {
        let mut results = results.into_iter();
        match self {
            Combine::All => results.all(|r| r),
            Combine::Any => results.any(|r| r),
        }
    }

    /// The word joining conditions: "and" / "or".
    pub fn word(self) -> &'static str {
        match self {
            Combine::All => "and",
            Combine::Any => "or",
        }
    }
}

/// Conditions combined within a group.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ConditionGroup {
    /// How the conditions combine.
    pub combine: Combine,
    /// The conditions.
    pub conditions: Vec<Condition>,
}

/// Groups of conditions, combined: e.g. (channel is Email and priority is High) or (owner is
/// Dana). No groups means no conditions: the rule runs whenever its trigger matches.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Conditions {
    /// How the groups combine.
    pub combine: Combine,
    /// The groups.
    pub groups: Vec<ConditionGroup>,
}

impl Conditions {
    /// No conditions.
    pub fn none() -> Self {
        Self::default()
    }

    /// One group in which every condition must hold.
    pub fn all(conditions: Vec<Condition>) -> Self {
        Self {
            combine: Combine::All,
            groups: vec![ConditionGroup {
                combine: Combine::All,
                conditions,
            }],
        }
    }

    /// Every condition with its path (`conditions.<group>.<condition>`).
    pub fn each(&self) -> impl Iterator<Item = (String, &Condition)> {
        self.groups.iter().enumerate().flat_map(|(g, group)| {
            group
                .conditions
                .iter()
                .enumerate()
                .map(move |(c, condition)| (format!("conditions.{g}.{c}"), condition))
        })
    }
}

/// An automation rule, stored as JSON and edited in the browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// Id allocated by storage.
    pub id: RuleId,
    /// Name on the rule list, e.g. "Low open rate → re-engagement email".
    pub name: String,
    /// Where it listens.
    pub scope: Scope,
    /// Who is responsible for it; told when it pauses itself.
    pub owner: PersonId,
    /// Whether it runs; rules pause themselves when they flood or keep failing.
    pub enabled: bool,
    /// Incremented by the caller on every saved change; runs record the version they used.
    pub version: u32,
    /// What it waits for.
    pub trigger: Trigger,
    /// What must also be true.
    pub conditions: Conditions,
    /// What it does, in order; the first that cannot be done stops the rest.
    pub actions: Vec<Action>,
}
