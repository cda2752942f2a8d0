//! Baton's workflow engine: pure rules, no I/O, no clock (callers pass `now`).
//!
//! Map of the module:
//! - [`ids`]: ids of stored records and slug keys of stages, fields and checklist lines.
//! - [`people`]: `Person`, `Role`, the `People` directory and RACI `Party`.
//! - [`fields`], [`field_checks`]: typed field definitions and values, validated and parsed by type.
//! - [`definition`]: `WorkflowDefinition`, `Stage` (RACI, gates, SLA, escalation, transitions).
//! - [`approval`]: approval policies (single, all, N of M, sequential) and their progress.
//! - [`limits`]: how long each text a person types may be.
//! - [`item`]: the `Item` (a card) and its attributes.
//! - [`context`]: `Ctx`, who acts and when, plus board counts the engine cannot see.
//! - [`gates`]: what blocks leaving a stage (fields, checklist, approval, linked items, brand check) or entering one (WIP, schedule).
//! - [`operations`]: create, `apply` an `Operation`, `allowed_moves`; each returns new state plus events, or a `Refusal`.
//! - [`refusal`]: every reason an operation is refused, in words and as data.
//! - [`events`]: the activity log entries operations produce.
//! - [`words`]: how durations and dates are written, everywhere.
//! - [`working_hours`], [`sla`]: business-hours arithmetic, SLA status, reminders and escalation times.
//! - [`timers`]: the SLA timers of a stage visit and what firing one does.
//! - [`inbox`]: what waits on a person, most urgent first; [`notify`]: who is told about a change.
//! - [`validate`]: checks a definition and explains each problem.
//! - [`design`]: the workflow designer: edits, placed problems, version diffs, moving items to a new version, RACI matrix, narrative, pilots.
//! - [`templates`]: the built-in workflows.
//! - [`filter`]: which items a view shows — the filters the board, the calendar and feeds share.
//! - [`brand`]: the style guide and the brand check of copy (banned words, limits, reading level).
//! - [`automation`]: rules (trigger, conditions, actions), their pure evaluation, schedules and safeguards.
//! - [`calendar`]: the content calendar: days of a view, local placement, date checks, planning warnings.
//! - [`outbound`]: what goes out — webhook addresses and retries, event types, email preferences and the digest's time.
//! - [`metrics`]: flow metrics from item histories (cycle time, throughput, flow, WIP, waiting, on time,
//!   fixes, SLAs), period comparison, Monte Carlo forecasts, trending-late flags and CSV exports.
#![warn(missing_docs)]

pub mod approval;
pub mod automation;
pub mod brand;
pub mod calendar;
pub mod campaign;
pub mod context;
pub mod decisions;
pub mod definition;
pub mod design;
pub mod events;
pub mod exchange;
pub mod field_checks;
pub mod fields;
pub mod filter;
pub mod gates;
pub mod ids;
pub mod inbox;
pub mod item;
pub mod limits;
pub mod metrics;
pub mod notify;
pub mod operations;
pub mod outbound;
pub mod people;
pub mod refusal;
pub mod sends;
pub mod sla;
pub mod templates;
pub mod timers;
pub mod tokens;
pub mod validate;
pub mod words;
pub mod working_hours;

#[cfg(test)]
mod approval_team_tests;
#[cfg(test)]
mod testkit;

pub use approval::{
    approval_progress_among, ApprovalPolicy, ApprovalProgress, ApprovalRule, ApproverRef, Decision,
    Verdict,
};
pub use brand::{brand_reasons, check as brand_check, CopyField, Finding, StyleGuide};
pub use context::Ctx;
pub use definition::{
    ChecklistItem, EscalationRule, OutcomeKind, OutcomeSpec, Raci, Sla, Stage, Transitions,
    WorkflowDefinition, WorkflowKind, DEFAULT_REVISION_LIMIT,
};
pub use events::{CreationSource, Event, EventKind, OutcomeRecord, SendRecord};
pub use field_checks::{looks_like_url, parse_money};
pub use fields::{FieldDef, FieldType, FieldValue, Money};
pub use gates::leave_reasons;
pub use ids::{
    CampaignId, ChecklistKey, DecisionId, FieldKey, ItemId, PersonId, StageKey, WorkflowId,
};
pub use item::{Channel, EscalationState, Item, Priority, Schedule, Tick};
pub use operations::{
    allowed_moves, apply, apply_all, create_from_intake, create_imported, create_item,
    IntakeSubmission, MoveKind, MoveOption, NewItem, Operation, Outcome,
};
pub use people::{Party, People, Person, Role};
pub use refusal::{Reason, ReasonKind, Refusal};
pub use sla::{
    escalation_due_at, escalation_targets, needs_escalation, reminder_due_at, sla_due_at,
    sla_status, SlaStatus,
};
pub use templates::{builtin_template, builtin_templates};
pub use validate::{validate, DefinitionError};
pub use working_hours::WorkingHours;
