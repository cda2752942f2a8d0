//! Operations on items. Each returns the new item plus the events it produced, or a refusal
//! listing every reason; a refusal changes nothing and produces no event.

mod approvals;
mod checklist;
mod create;
mod edit;
#[cfg(test)]
pub(crate) mod flow_helpers;
mod misc;
mod moves;
#[cfg(test)]
mod props;
#[cfg(test)]
mod props_oracle;
#[cfg(test)]
mod tests;

pub use create::{create_from_intake, create_imported, create_item, IntakeSubmission, NewItem};
pub use moves::{allowed_moves, MoveKind, MoveOption};

use super::context::Ctx;
use super::definition::{Stage, WorkflowDefinition};
use super::events::{Event, EventKind, OutcomeRecord};
use super::fields::FieldValue;
use super::ids::{CampaignId, ChecklistKey, FieldKey, PersonId, StageKey};
use super::item::{Channel, Item, Priority, Schedule};
use super::limits;
use super::refusal::{Reason, ReasonKind, Refusal};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A change someone asks for on an existing item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "op")]
pub enum Operation {
    /// Set or clear (`None`) several fields at once.
    EditFields {
        /// New values by field key.
        values: BTreeMap<FieldKey, Option<FieldValue>>,
    },
    /// Change the title.
    Rename {
        /// The new title.
        title: String,
    },
    /// Change the owner.
    SetOwner {
        /// The new owner.
        owner: Option<PersonId>,
    },
    /// Replace the assignees.
    SetAssignees {
        /// The new assignees.
        assignees: Vec<PersonId>,
    },
    /// Change the due date.
    SetDue {
        /// The new due date.
        due: Option<DateTime<Utc>>,
    },
    /// Change the publish/send/launch date.
    SetSchedule {
        /// The new schedule.
        schedule: Option<Schedule>,
    },
    /// Change the channel.
    SetChannel {
        /// The new channel.
        channel: Channel,
    },
    /// Link to a campaign, or unlink.
    SetCampaign {
        /// The new campaign.
        campaign: Option<CampaignId>,
    },
    /// Change the priority.
    SetPriority {
        /// The new priority.
        priority: Priority,
    },
    /// Tick a line of the current stage's checklist.
    Tick {
        /// The line.
        line: ChecklistKey,
    },
    /// Untick a line of the current stage's checklist.
    Untick {
        /// The line.
        line: ChecklistKey,
    },
    /// Move to another stage: the next one (gated) or an earlier one (always allowed).
    MoveTo {
        /// Target stage.
        stage: StageKey,
        /// Why (recorded on backward moves).
        reason: Option<String>,
    },
    /// Submit the current stage's work for approval.
    Submit,
    /// Approve the current stage's work as it is now.
    Approve,
    /// Request changes, with feedback.
    RequestChanges {
        /// What should change.
        feedback: String,
    },
    /// Escalate to the stage's escalation target.
    Escalate {
        /// Why, if given.
        reason: Option<String>,
    },
    /// Archive the item.
    Archive,
    /// Bring an archived item back.
    Restore,
    /// Add a comment to the activity.
    Comment {
        /// The comment.
        text: String,
    },
    /// Record a send in the send log (stages that keep one, e.g. "Send & monitor").
    RecordSend {
        /// What was sent.
        what: String,
        /// To which segment.
        segment: String,
        /// When; `None` means now.
        sent_at: Option<DateTime<Utc>>,
        /// How many recipients, if known.
        recipients: Option<u64>,
    },
    /// Record (or correct) the outcome of the finished work, at the last stage or the
    /// stage before it (in one batch with the move that finishes it).
    RecordOutcome {
        /// What it left behind; its kind must be the workflow's.
        outcome: OutcomeRecord,
    },
}

/// The result of an applied operation: the item to store and the events to append.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The item after the change (its `version` is one higher if anything changed).
    pub item: Item,
    /// What happened, in order.
    pub events: Vec<Event>,
}

/// What a handler returns: `Err` carries every reason found.
type Checked = Result<(), Vec<Reason>>;

/// An item being changed, with the events logged so far.
struct Draft {
    item: Item,
    events: Vec<Event>,
    actor: PersonId,
    now: DateTime<Utc>,
}

impl Draft {
    fn log(&mut self, kind: EventKind) {
        self.events.push(Event {
            actor: self.actor,
            at: self.now,
            kind,
        });
    }
}

fn all_ok(reasons: Vec<Reason>) -> Checked {
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(reasons)
    }
}

/// The item's current stage; `apply` has checked it exists.
fn current<'d>(def: &'d WorkflowDefinition, item: &Item) -> &'d Stage {
    def.stage(&item.stage)
        .expect("current stage checked by apply")
}

fn preconditions(def: &WorkflowDefinition, item: &Item, op: &Operation, ctx: &Ctx) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if def.id != item.workflow_id || def.version != item.workflow_version {
        let message = format!(
            "This item follows {} v{}, not {} v{}",
            item.workflow_id, item.workflow_version, def.id, def.version
        );
        reasons.push(Reason::new(ReasonKind::WorkflowMismatch, message));
    }
    if !ctx.actor.role.can_work() {
        let message = "Viewers can look but not change items";
        reasons.push(Reason::new(
            ReasonKind::Forbidden {
                role: ctx.actor.role,
            },
            message,
        ));
    }
    if item.is_archived() && *op != Operation::Restore {
        reasons.push(Reason::new(
            ReasonKind::Archived,
            "Archived — restore it first",
        ));
    }
    reasons.extend(too_long(op));
    if def.stage(&item.stage).is_none() {
        let message = format!(
            "The item's stage \"{}\" is not in this workflow",
            item.stage
        );
        reasons.push(Reason::new(
            ReasonKind::UnknownStage {
                stage: item.stage.clone(),
            },
            message,
        ));
    }
    reasons
}

/// Applies one operation to an item following `def` (the definition version the item records).
pub fn apply(
    def: &WorkflowDefinition,
    item: &Item,
    op: &Operation,
    ctx: &Ctx,
) -> Result<Outcome, Refusal> {
    let pre = preconditions(def, item, op, ctx);
    if !pre.is_empty() {
        return Err(Refusal { reasons: pre });
    }
    let mut d = Draft {
        item: item.clone(),
        events: Vec::new(),
        actor: ctx.actor.id,
        now: ctx.now,
    };
    let result = match op {
        Operation::EditFields { values } => edit::edit_fields(def, ctx, &mut d, values),
        Operation::Rename { title } => edit::rename(&mut d, title),
        Operation::SetOwner { owner } => edit::set_owner(ctx, &mut d, *owner),
        Operation::SetAssignees { assignees } => edit::set_assignees(ctx, &mut d, assignees),
        Operation::SetDue { due } => edit::set_due(&mut d, *due),
        Operation::SetSchedule { schedule } => edit::set_schedule(&mut d, *schedule),
        Operation::SetChannel { channel } => edit::set_channel(&mut d, *channel),
        Operation::SetCampaign { campaign } => edit::set_campaign(&mut d, *campaign),
        Operation::SetPriority { priority } => edit::set_priority(&mut d, *priority),
        Operation::Tick { line } => checklist::tick(def, &mut d, line),
        Operation::Untick { line } => checklist::untick(def, &mut d, line),
        Operation::MoveTo { stage, reason } => {
            moves::move_to(def, ctx, &mut d, stage, reason.as_deref())
        }
        Operation::Submit => approvals::submit(def, ctx, &mut d),
        Operation::Approve => approvals::approve(def, ctx, &mut d),
        Operation::RequestChanges { feedback } => {
            approvals::request_changes(def, ctx, &mut d, feedback)
        }
        Operation::Escalate { reason } => misc::escalate(def, ctx, &mut d, reason.as_deref()),
        Operation::Archive => misc::archive(&mut d),
        Operation::Restore => misc::restore(&mut d),
        Operation::Comment { text } => misc::comment(&mut d, text),
        Operation::RecordSend {
            what,
            segment,
            sent_at,
            recipients,
        } => misc::record_send(def, &mut d, what, segment, *sent_at, *recipients),
        Operation::RecordOutcome { outcome } => misc::record_outcome(def, &mut d, outcome),
    };
    result.map_err(|reasons| Refusal { reasons })?;
    let mut next = d.item;
    if next != *item {
        next.version = item.version + 1;
        next.updated_at = ctx.now;
    }
    Ok(Outcome {
        item: next,
        events: d.events,
    })
}

/// Applies several operations in order, all or nothing (e.g. one form save).
/// Each applied change bumps the version; the first refusal is returned as is.
pub fn apply_all(
    def: &WorkflowDefinition,
    item: &Item,
    ops: &[Operation],
    ctx: &Ctx,
) -> Result<Outcome, Refusal> {
    let mut outcome = Outcome {
        item: item.clone(),
        events: Vec::new(),
    };
    for op in ops {
        let step = apply(def, &outcome.item, op, ctx)?;
        outcome.item = step.item;
        outcome.events.extend(step.events);
    }
    Ok(outcome)
}

/// The text an operation carries that is longer than Baton takes, each with its limit.
fn too_long(op: &Operation) -> Vec<Reason> {
    let texts: Vec<(&str, &str, usize)> = match op {
        Operation::Rename { title } => vec![("Title", title, limits::TITLE)],
        Operation::Comment { text } => vec![("The comment", text, limits::COMMENT)],
        Operation::RequestChanges { feedback } => {
            vec![("The feedback", feedback, limits::FEEDBACK)]
        }
        Operation::MoveTo {
            reason: Some(reason),
            ..
        }
        | Operation::Escalate {
            reason: Some(reason),
        } => vec![("The reason", reason, limits::REASON)],
        Operation::RecordSend { what, segment, .. } => vec![
            ("What was sent", what, limits::SHORT),
            ("The segment", segment, limits::SHORT),
        ],
        Operation::RecordOutcome { outcome } => vec![
            (
                "The address",
                outcome.url.as_deref().unwrap_or(""),
                limits::URL,
            ),
            (
                "The segment",
                outcome.segment.as_deref().unwrap_or(""),
                limits::SHORT,
            ),
            ("The note", &outcome.note, limits::TEXT_FIELD),
        ],
        _ => Vec::new(),
    };
    texts
        .into_iter()
        .filter_map(|(what, text, max)| too_long_reason(what, text, max))
        .collect()
}

/// A refusal reason when `text` is over `max` characters.
pub(crate) fn too_long_reason(what: &str, text: &str, max: usize) -> Option<Reason> {
    limits::check(what, text.trim(), max).err().map(|message| {
        Reason::new(
            ReasonKind::TooLong {
                limit: u32::try_from(max).unwrap_or(u32::MAX),
            },
            message,
        )
    })
}

/// Trims text; blank becomes `None`.
fn non_blank(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}
