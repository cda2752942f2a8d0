//! The activity trail, out: every event of a period as CSV rows, and one summary row per
//! item (created, each stage entered and left, finished, on time, fixes, results).
//!
//! Times are RFC 3339 in the team's offset ("2024-06-03T11:00:00+02:00"); text people typed
//! is defused against spreadsheet formulas; channels and priorities are their stored keys.

use super::super::definition::WorkflowDefinition;
use super::super::events::{Event, EventKind};
use super::super::fields::FieldValue;
use super::super::ids::{CampaignId, ItemId, PersonId, StageKey};
use super::super::item::Schedule;
use super::super::people::People;
use super::csv::{defuse_formula, CsvWriter};
use super::flow::FlowSettings;
use super::history::{DeadlineKind, ItemHistory};
use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// The columns of one event that depend on what happened.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventColumns {
    /// What happened: "Moved forward", "Field changed", …
    pub what: &'static str,
    /// The stage it happened in, or the stage left by a move.
    pub stage: String,
    /// The stage entered by a move.
    pub to_stage: String,
    /// The field or detail that changed.
    pub field: String,
    /// Its value before.
    pub from: String,
    /// Its value after.
    pub to: String,
    /// Anything else: feedback, reasons, approvers, comment text.
    pub details: String,
}

/// The header of the events export.
pub const EVENT_HEADER: [&str; 12] = [
    "Item", "Title", "Workflow", "When", "Who", "What", "Stage", "To stage", "Field", "From", "To",
    "Details",
];

/// One event to export, with the item it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct EventRow<'a> {
    /// The item.
    pub item: ItemId,
    /// Its title.
    pub title: &'a str,
    /// Its workflow (names of stages and fields).
    pub workflow: &'a WorkflowDefinition,
    /// The event.
    pub event: &'a Event,
}

/// The events as a CSV document with [`EVENT_HEADER`]. O(events).
pub fn events_csv<'a>(
    rows: impl IntoIterator<Item = EventRow<'a>>,
    people: &People,
    offset: FixedOffset,
) -> String {
    let mut csv = CsvWriter::new();
    csv.row(EVENT_HEADER);
    for row in rows {
        let c = event_columns(&row.event.kind, row.workflow, people, offset);
        csv.row([
            row.item.to_string(),
            defuse_formula(row.title).into_owned(),
            row.workflow.name.clone(),
            time(row.event.at, offset),
            people.name_of(row.event.actor),
            c.what.to_owned(),
            c.stage,
            c.to_stage,
            c.field,
            defuse_formula(&c.from).into_owned(),
            defuse_formula(&c.to).into_owned(),
            defuse_formula(&c.details).into_owned(),
        ]);
    }
    csv.finish()
}

fn time(at: DateTime<Utc>, offset: FixedOffset) -> String {
    at.with_timezone(&offset)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A value's stored key ("paid_search", "high").
fn key_of(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The columns of an event that depend on its kind, with names from `workflow` and `people`.
pub fn event_columns(
    kind: &EventKind,
    workflow: &WorkflowDefinition,
    people: &People,
    offset: FixedOffset,
) -> EventColumns {
    let stage = |key: &StageKey| {
        workflow
            .stage(key)
            .map_or_else(|| key.to_string(), |s| s.name.clone())
    };
    let person = |id: &Option<PersonId>| id.map(|id| people.name_of(id)).unwrap_or_default();
    let when = |at: &Option<DateTime<Utc>>| at.map(|at| time(at, offset)).unwrap_or_default();
    let plan = |s: &Option<Schedule>| {
        s.map(|s| {
            if s.all_day {
                format!("{} (all day)", s.at.date_naive())
            } else {
                time(s.at, offset)
            }
        })
        .unwrap_or_default()
    };
    let value = |v: &Option<FieldValue>| match v {
        Some(FieldValue::Person(id)) => people.name_of(*id),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    let change = |what, field: &str, from: String, to: String| EventColumns {
        what,
        field: field.to_owned(),
        from,
        to,
        ..EventColumns::default()
    };
    let in_stage = |what, at: &StageKey, details: String| EventColumns {
        what,
        stage: stage(at),
        details,
        ..EventColumns::default()
    };
    let moved = |what, from: &StageKey, to: &StageKey, details: String| EventColumns {
        what,
        stage: stage(from),
        to_stage: stage(to),
        details,
        ..EventColumns::default()
    };
    let line = |at: &StageKey, key: &super::super::ids::ChecklistKey| {
        workflow
            .stage(at)
            .and_then(|s| s.checklist.iter().find(|l| &l.key == key))
            .map_or_else(|| key.to_string(), |l| l.label.clone())
    };
    match kind {
        EventKind::Created { stage: at, source } => in_stage("Created", at, key_of(source)),
        EventKind::TitleChanged { from, to } => {
            change("Title changed", "Title", from.clone(), to.clone())
        }
        EventKind::FieldChanged { field, from, to } => change(
            "Field changed",
            &workflow.field_label(field),
            value(from),
            value(to),
        ),
        EventKind::OwnerChanged { from, to } => {
            change("Owner changed", "Owner", person(from), person(to))
        }
        EventKind::AssigneesChanged { from, to } => {
            let names = |ids: &Vec<PersonId>| {
                ids.iter()
                    .map(|id| people.name_of(*id))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            change("Assignees changed", "Assignees", names(from), names(to))
        }
        EventKind::DueChanged { from, to } => {
            change("Due date changed", "Due date", when(from), when(to))
        }
        EventKind::ScheduleChanged { from, to } => {
            change("Planned date changed", "Planned date", plan(from), plan(to))
        }
        EventKind::ChannelChanged { from, to } => {
            change("Channel changed", "Channel", key_of(from), key_of(to))
        }
        EventKind::CampaignChanged { from, to } => {
            let id = |c: &Option<CampaignId>| c.map(|c| c.to_string()).unwrap_or_default();
            change("Campaign changed", "Campaign", id(from), id(to))
        }
        EventKind::PriorityChanged { from, to } => {
            change("Priority changed", "Priority", key_of(from), key_of(to))
        }
        EventKind::ChecklistTicked {
            stage: at,
            line: key,
        } => in_stage("Checklist line ticked", at, line(at, key)),
        EventKind::ChecklistUnticked {
            stage: at,
            line: key,
        } => in_stage("Checklist line unticked", at, line(at, key)),
        EventKind::MovedForward { from, to } => moved("Moved forward", from, to, String::new()),
        EventKind::MovedBack { from, to, reason } => {
            moved("Moved back", from, to, reason.clone().unwrap_or_default())
        }
        EventKind::SubmittedForApproval {
            stage: at,
            approvers,
        } => in_stage(
            "Submitted for approval",
            at,
            format!("Approvers: {}", people.names_of(approvers)),
        ),
        EventKind::Approved {
            stage: at,
            approved,
            needed,
        } => in_stage("Approved", at, format!("{approved} of {needed} approvals")),
        EventKind::ChangesRequested {
            stage: at,
            feedback,
        } => in_stage("Changes requested", at, feedback.clone()),
        EventKind::AdvancedOnApproval { from, to } => {
            moved("Moved on after approval", from, to, String::new())
        }
        EventKind::AdvanceHeld { to, reasons } => EventColumns {
            what: "Held after approval",
            to_stage: stage(to),
            details: reasons.join("; "),
            ..EventColumns::default()
        },
        EventKind::ReturnedForRevision { from, to, round } => moved(
            "Returned for revision",
            from,
            to,
            format!("Revision round {round}"),
        ),
        EventKind::SentBackToBrief { from, to, feedback } => {
            moved("Sent back to the brief", from, to, feedback.clone())
        }
        EventKind::ApprovalsReset { stage: at, reason } => {
            in_stage("Approvals reset", at, reason.clone())
        }
        EventKind::Escalated {
            stage: at,
            to,
            reason,
        } => {
            let who: Vec<String> = to.iter().map(|p| p.describe(people)).collect();
            let mut details = format!("To: {}", who.join(", "));
            if let Some(reason) = reason {
                details.push_str(&format!(" — {reason}"));
            }
            in_stage("Escalated", at, details)
        }
        EventKind::Archived => EventColumns {
            what: "Archived",
            ..EventColumns::default()
        },
        EventKind::Restored => EventColumns {
            what: "Restored",
            ..EventColumns::default()
        },
        EventKind::Commented { text } => EventColumns {
            what: "Comment",
            details: text.clone(),
            ..EventColumns::default()
        },
        EventKind::SendRecorded(send) => {
            let mut details = format!(
                "{} to {} at {}",
                send.what,
                send.segment,
                time(send.sent_at, offset)
            );
            if let Some(n) = send.recipients {
                details.push_str(&format!(", {n} recipients"));
            }
            EventColumns {
                what: "Send recorded",
                details,
                ..EventColumns::default()
            }
        }
    }
}

/// The per-item summary of `flow`'s histories as CSV: one row per item, a pair of columns
/// per stage (first entered, last left), then the caller's result columns.
/// `results` gives each item's cells for `result_labels`. O(n × stages).
pub fn item_summary_csv<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    flow: &FlowSettings,
    people: &People,
    campaigns: &BTreeMap<CampaignId, String>,
    offset: FixedOffset,
    result_labels: &[&str],
    results: impl Fn(&ItemHistory) -> Vec<String>,
) -> String {
    let mut csv = CsvWriter::new();
    let mut header: Vec<String> = [
        "Item", "Title", "Workflow", "Channel", "Campaign", "Owner", "Created",
    ]
    .map(str::to_owned)
    .to_vec();
    for stage in &flow.stages {
        header.push(format!("{} entered", stage.name));
        header.push(format!("{} left", stage.name));
    }
    header.extend(
        [
            "Started",
            "Finished",
            "Cycle time (days)",
            "Date",
            "Judged against",
            "On time",
            "Post-launch fixes",
            "Fix details",
            "Archived",
        ]
        .map(str::to_owned),
    );
    header.extend(result_labels.iter().map(|l| (*l).to_owned()));
    csv.row(&header);
    let at = |t: Option<DateTime<Utc>>| t.map(|t| time(t, offset)).unwrap_or_default();
    for h in histories
        .into_iter()
        .filter(|h| h.details.workflow == flow.workflow)
    {
        let d = &h.details;
        let mut row = vec![
            h.item.to_string(),
            defuse_formula(&d.title).into_owned(),
            flow.name.clone(),
            key_of(&d.channel),
            d.campaign
                .map(|c| campaigns.get(&c).cloned().unwrap_or_else(|| c.to_string()))
                .unwrap_or_default(),
            d.owner.map(|o| people.name_of(o)).unwrap_or_default(),
            time(h.created, offset),
        ];
        for stage in &flow.stages {
            let visits = h.visits.iter().filter(|v| v.stage == stage.key);
            row.push(at(visits.clone().next().map(|v| v.entered)));
            row.push(at(visits.filter_map(|v| v.left).last()));
        }
        let deadline = h.deadline(offset);
        let finished = h.finish_day(offset);
        row.push(at(h.started));
        row.push(at(h.finished));
        row.push(
            h.cycle_days(offset)
                .map(|n| n.to_string())
                .unwrap_or_default(),
        );
        row.push(deadline.map(|d| d.date.to_string()).unwrap_or_default());
        row.push(
            deadline
                .map(|d| match d.kind {
                    DeadlineKind::Planned => "planned date",
                    DeadlineKind::Due => "due date",
                })
                .unwrap_or_default()
                .to_owned(),
        );
        row.push(match (deadline, finished) {
            (Some(d), Some(f)) if f <= d.date => "yes".to_owned(),
            (Some(_), Some(_)) => "no".to_owned(),
            _ => String::new(),
        });
        row.push(h.fixes.len().to_string());
        let fixes: Vec<String> = h
            .fixes
            .iter()
            .map(|f| match &f.should_have_caught {
                Some(stage) => format!(
                    "{} (should have been caught in {})",
                    f.what,
                    flow.stage_name(stage)
                ),
                None => f.what.clone(),
            })
            .collect();
        row.push(defuse_formula(&fixes.join("; ")).into_owned());
        row.push(if h.is_archived() { "yes" } else { "no" }.to_owned());
        row.extend(
            results(h)
                .into_iter()
                .map(|r| defuse_formula(&r).into_owned()),
        );
        csv.row(&row);
    }
    csv.finish()
}
