//! Automation: rules that run by themselves — one trigger, conditions in AND/OR groups,
//! and actions run in order — evaluated purely; the service applies what they plan.
//!
//! Map of the module:
//! - [`rule`]: `Rule`, its `Scope` and `Conditions`; [`ids`]: `RuleId`, `SignalId` and
//!   `RunKey`, the identity of one run (a rule meeting a signal) that storage keeps unique.
//! - [`trigger`]: what a rule waits for; [`signal`]: what happened, with its origin and depth.
//! - [`condition`]: what must also hold; checked with a sentence per condition for the log.
//! - [`action`]: what a rule does; [`step`]: what planning an action yields. Nothing can
//!   tick a checklist line or approve: item changes go through `apply` as Baton's account.
//! - [`evaluate`](mod@evaluate): `evaluate(rule, signal, facts)`, with the loop guard;
//!   [`facts`]: what it is given, and the account automation acts as.
//! - [`guard`]: pausing rules that flood or keep failing; the bounded scheduled run.
//! - [`recurrence`]: schedules as RRULE text on local date-times.
//! - [`template`]: message placeholders; [`words`]: rules in a sentence.
//! - [`validate`](mod@validate): every problem of a rule before it is saved.
//! - [`builtin`]: the rules the built-in workflows ship with.

pub mod action;
pub mod builtin;
pub mod catalog;
pub mod condition;
mod condition_check;
pub mod evaluate;
pub mod facts;
pub mod guard;
pub mod ids;
pub mod metric;
mod plan;
mod plan_people;
pub mod recurrence;
pub mod rule;
pub mod signal;
pub mod step;
pub mod template;
pub mod trigger;
mod trigger_match;
pub mod validate;
mod validate_actions;
mod validate_conditions;
pub mod words;

#[cfg(test)]
mod tests;

use super::ids::PersonId;

pub use action::{Action, Assignee, FieldSource, RaciRole, Recipient};
pub use builtin::builtin_rules;
pub use catalog::Catalog;
pub use condition::{Comparison, Condition, FieldTest, MaybeOneOf, OneOf};
pub use condition_check::ConditionResult;
pub use evaluate::{evaluate, Evaluation, Skip};
pub use facts::{automation_account, Facts};
pub use guard::{scheduled_run, PauseReason, RunHealth, ScheduledRun};
pub use ids::{EndpointId, HookId, ReadingId, RuleId, RunKey, SignalId};
pub use metric::MetricName;
pub use plan_people::team_key;
pub use recurrence::{Recurrence, RecurrenceError};
pub use rule::{Combine, ConditionGroup, Conditions, Rule, Scope};
pub use signal::{MetricReading, MetricTarget, MomentBase, Origin, Signal, SignalKind};
pub use step::{
    ItemChange, ItemToCreate, Notification, PlannedStep, RoundRobinTurn, RunOutcome, Step,
    StepStatus, WebhookCall,
};
pub use trigger::{ApprovalOutcome, Bound, CreatedVia, Threshold, Trigger};
pub use validate::{validate, RuleProblem};
pub use words::{describe, describe_trigger};

/// Baton's own account (id 0 in storage), the actor of every change automation makes.
pub const AUTOMATION: PersonId = PersonId(0);

/// Signals caused by automation this deep do not run rules: a person's change (depth 0)
/// can set off at most three rule runs in a chain.
pub const MAX_DEPTH: u32 = 3;

/// A rule that would run more often than this within a minute pauses itself.
pub const MAX_RUNS_PER_MINUTE: usize = 100;

/// A rule whose runs are refused or fail this many times in a row pauses itself.
pub const MAX_FAILURES_IN_A_ROW: u32 = 10;

/// A scheduled run works through at most this many items.
pub const MAX_ITEMS_PER_SCHEDULED_RUN: usize = 500;
