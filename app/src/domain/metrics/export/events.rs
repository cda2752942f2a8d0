//! The events export: one row per event, with the item, workflow, when, who and what changed.

use super::super::super::definition::WorkflowDefinition;
use super::super::super::events::{Event, EventKind};
use super::super::super::fields::FieldValue;
use super::super::super::ids::{CampaignId, ChecklistKey, ItemId, PersonId, StageKey};
use super::super::super::item::Schedule;
use super::super::super::people::People;
use super::super::csv::{defuse_formula, CsvWriter};
use super::{key_of, time};
use chrono::{DateTime, FixedOffset, Utc};

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
    let line = |at: &StageKey, key: &ChecklistKey| {
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
        EventKind::MovedToVersion {
            from_version,
            to_version,
            from,
            to,
        } => moved(
            "Moved to a new workflow version",
            from,
            to,
            format!("Version {from_version} → {to_version}"),
        ),
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
        EventKind::OutcomeRecorded(outcome) => EventColumns {
            what: "Outcome recorded",
            details: outcome.words(),
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

#[cfg(test)]
mod tests {
    use super::super::super::fixtures::{at, definition, offset, Story, ACTOR};
    use super::*;
    use crate::domain::testkit::people;

    #[test]
    fn every_event_becomes_a_row_naming_stages_fields_and_people() {
        let mut story = Story::new(7, at(3, 9))
            .to("draft", at(3, 10))
            .submit(at(4, 9))
            .back("brief", at(4, 11));
        story.events.push(Event {
            actor: ACTOR,
            at: at(4, 12),
            kind: EventKind::Commented {
                text: "=cmd|' /C calc'!A0, again".into(),
            },
        });
        story.events.push(Event {
            actor: ACTOR,
            at: at(4, 13),
            kind: EventKind::OwnerChanged {
                from: None,
                to: Some(PersonId(2)),
            },
        });
        let def = definition();
        let rows = story.events.iter().map(|event| EventRow {
            item: story.item.id,
            title: "Spring launch",
            workflow: &def,
            event,
        });
        let csv = events_csv(rows, &people(), offset());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Item,Title,Workflow,When,Who,What,Stage,To stage,Field,From,To,Details"
        );
        assert_eq!(
            lines[1],
            "7,Spring launch,Blog,2024-06-03T09:00:00+02:00,Dana,Created,Brief,,,,,manual"
        );
        assert_eq!(
            lines[2],
            "7,Spring launch,Blog,2024-06-03T10:00:00+02:00,Dana,Moved forward,Brief,Draft,,,,"
        );
        assert_eq!(
            lines[3],
            "7,Spring launch,Blog,2024-06-04T09:00:00+02:00,Dana,Submitted for approval,Draft,,,,,Approvers: Dana"
        );
        assert_eq!(
            lines[4],
            "7,Spring launch,Blog,2024-06-04T11:00:00+02:00,Dana,Moved back,Draft,Brief,,,,"
        );
        assert_eq!(
            lines[5],
            "7,Spring launch,Blog,2024-06-04T12:00:00+02:00,Dana,Comment,,,,,,\"'=cmd|' /C calc'!A0, again\""
        );
        assert_eq!(
            lines[6],
            "7,Spring launch,Blog,2024-06-04T13:00:00+02:00,Dana,Owner changed,,,Owner,,Max,"
        );
        assert_eq!(lines[7], "");
    }

    #[test]
    fn field_values_and_dates_read_as_people_wrote_them() {
        let def = definition();
        let people = people();
        let c = event_columns(
            &EventKind::FieldChanged {
                field: "reviewer".into(),
                from: None,
                to: Some(FieldValue::Person(PersonId(4))),
            },
            &def,
            &people,
            offset(),
        );
        assert_eq!(
            (c.what, c.field.as_str(), c.to.as_str()),
            ("Field changed", "reviewer", "Lee")
        );
        let plan = Schedule {
            at: at(10, 0),
            all_day: false,
        };
        let c = event_columns(
            &EventKind::ScheduleChanged {
                from: None,
                to: Some(plan),
            },
            &def,
            &people,
            offset(),
        );
        assert_eq!(c.to, "2024-06-10T00:00:00+02:00");
        let c = event_columns(
            &EventKind::PriorityChanged {
                from: crate::domain::Priority::Normal,
                to: crate::domain::Priority::Urgent,
            },
            &def,
            &people,
            offset(),
        );
        assert_eq!((c.from.as_str(), c.to.as_str()), ("normal", "urgent"));
    }
}
