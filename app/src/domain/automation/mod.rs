//! Automation: rules that run by themselves — one trigger, conditions, ordered actions.

pub mod ids;
pub mod metric;
pub mod recurrence;
pub mod signal;
pub mod trigger;

use super::ids::PersonId;

/// Baton's own account, the actor of every change automation makes.
pub const AUTOMATION: PersonId = PersonId(0);
