//! Activity events: every change to an item is recorded as one or more events.

use super::fields::FieldValue;
use super::ids::{CampaignId, ChecklistKey, FieldKey, PersonId, StageKey};
use super::item::{Channel, Priority, Schedule};
use super::people::Party;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How an item came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreationSource {
    /// Created by hand on the board.
    Manual,
    /// Created from a workflow template.
    Template,
    /// Created from an intake-form submission.
    Intake,
    /// Brought in from another tool (a Trello board, a spreadsheet).
    Import,
}

/// One entry of an email send log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendRecord {
    /// What was sent, e.g. the subject line or the email's name.
    pub what: String,
    /// The audience segment it went to.
    pub segment: String,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// How many recipients, if known.
    pub recipients: Option<u64>,
}

/// The outcome of finished work, as recorded on the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeRecord {
    /// What kind of outcome.
    pub kind: super::definition::OutcomeKind,
    /// Where it is (the post, the live campaign, the report).
    #[serde(default)]
    pub url: Option<String>,
    /// Recipients reached or leads handed over.
    #[serde(default)]
    pub count: Option<u64>,
    /// The segment a sent email went to.
    #[serde(default)]
    pub segment: Option<String>,
    /// A line about it, if any.
    #[serde(default)]
    pub note: String,
}

impl OutcomeRecord {
    /// The outcome in words: "Published at https://…", "Sent to Newsletter (12,400)".
    pub fn words(&self) -> String {
        use super::definition::OutcomeKind::*;
        let count = self.count.map(super::limits::grouped_u64);
        let mut text = match (self.kind, &self.url, count) {
            (PublishedUrl, Some(url), _) => format!("Published at {url}"),
            (LiveCampaign, Some(url), _) => format!("Live at {url}"),
            (Report, Some(url), _) => format!("Report at {url}"),
            (SentEmail, _, Some(n)) => match &self.segment {
                Some(segment) => format!("Sent to {segment} ({n} recipients)"),
                None => format!("Sent to {n} recipients"),
            },
            (LeadsHandedOff, _, Some(n)) => format!("{n} leads handed to sales"),
            (kind, _, _) => kind.label().to_owned(),
        };
        if !self.note.is_empty() {
            text.push_str(" — ");
            text.push_str(&self.note);
        }
        text
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum EventKind {
    /// The item was created in `stage`.
    Created {
        /// First stage.
        stage: StageKey,
        /// How it was created.
        source: CreationSource,
    },
    /// The title changed.
    TitleChanged {
        /// Old title.
        from: String,
        /// New title.
        to: String,
    },
    /// A field changed (`None` = empty).
    FieldChanged {
        /// The field.
        field: FieldKey,
        /// Old value.
        from: Option<FieldValue>,
        /// New value.
        to: Option<FieldValue>,
    },
    /// The owner changed.
    OwnerChanged {
        /// Old owner.
        from: Option<PersonId>,
        /// New owner.
        to: Option<PersonId>,
    },
    /// The assignees changed.
    AssigneesChanged {
        /// Old assignees.
        from: Vec<PersonId>,
        /// New assignees.
        to: Vec<PersonId>,
    },
    /// The due date changed.
    DueChanged {
        /// Old due date.
        from: Option<DateTime<Utc>>,
        /// New due date.
        to: Option<DateTime<Utc>>,
    },
    /// The publish/send/launch date changed.
    ScheduleChanged {
        /// Old schedule.
        from: Option<Schedule>,
        /// New schedule.
        to: Option<Schedule>,
    },
    /// The channel changed.
    ChannelChanged {
        /// Old channel.
        from: Channel,
        /// New channel.
        to: Channel,
    },
    /// The campaign changed.
    CampaignChanged {
        /// Old campaign.
        from: Option<CampaignId>,
        /// New campaign.
        to: Option<CampaignId>,
    },
    /// The priority changed.
    PriorityChanged {
        /// Old priority.
        from: Priority,
        /// New priority.
        to: Priority,
    },
    /// A checklist line was ticked.
    ChecklistTicked {
        /// Stage of the checklist.
        stage: StageKey,
        /// The line.
        line: ChecklistKey,
    },
    /// A checklist line was unticked.
    ChecklistUnticked {
        /// Stage of the checklist.
        stage: StageKey,
        /// The line.
        line: ChecklistKey,
    },
    /// Moved forward through the stage's gate.
    MovedForward {
        /// Stage left.
        from: StageKey,
        /// Stage entered.
        to: StageKey,
    },
    /// Moved back to an earlier stage (no gate).
    MovedBack {
        /// Stage left.
        from: StageKey,
        /// Stage entered.
        to: StageKey,
        /// Why, if given.
        reason: Option<String>,
    },
    /// Submitted for approval in `stage`.
    SubmittedForApproval {
        /// The stage.
        stage: StageKey,
        /// Who is asked to decide.
        approvers: Vec<PersonId>,
    },
    /// The actor approved.
    Approved {
        /// The stage.
        stage: StageKey,
        /// Approvals so far, this one included.
        approved: u32,
        /// Approvals needed.
        needed: u32,
    },
    /// The actor requested changes.
    ChangesRequested {
        /// The stage.
        stage: StageKey,
        /// What should change.
        feedback: String,
    },
    /// Approval complete and the item moved on by itself.
    AdvancedOnApproval {
        /// Stage left.
        from: StageKey,
        /// Stage entered.
        to: StageKey,
    },
    /// Approval complete but the next stage's gate held the item back.
    AdvanceHeld {
        /// The stage it could not enter.
        to: StageKey,
        /// What held it, in plain words.
        reasons: Vec<String>,
    },
    /// Sent to the revision stage after changes were requested.
    ReturnedForRevision {
        /// Stage left.
        from: StageKey,
        /// Stage entered.
        to: StageKey,
        /// Revision round now in use.
        round: u32,
    },
    /// The revision limit was used up: sent back to the brief (first) stage.
    SentBackToBrief {
        /// Stage left.
        from: StageKey,
        /// The brief stage.
        to: StageKey,
        /// The feedback that sent it back.
        feedback: String,
    },
    /// Approvals of the stage were cleared because what was approved changed.
    ApprovalsReset {
        /// The stage.
        stage: StageKey,
        /// What changed.
        reason: String,
    },
    /// Escalated.
    Escalated {
        /// The stage.
        stage: StageKey,
        /// Who was alerted.
        to: Vec<Party>,
        /// Why, if given.
        reason: Option<String>,
    },
    /// Archived.
    Archived,
    /// Restored from the archive.
    Restored,
    /// A comment.
    Commented {
        /// The comment.
        text: String,
    },
    /// A send was recorded in the send log.
    SendRecorded(SendRecord),
    /// The outcome of the finished work was recorded (or corrected).
    OutcomeRecorded(OutcomeRecord),
    /// A manager moved the item to a newer version of its workflow.
    MovedToVersion {
        /// The version it followed.
        from_version: u32,
        /// The version it follows now.
        to_version: u32,
        /// Its stage before.
        from: StageKey,
        /// Its stage now (another one when its stage was removed).
        to: StageKey,
    },
}

/// A recorded change: who did what, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Who did it (for scheduled escalations, the system account the caller passes).
    pub actor: PersonId,
    /// When.
    pub at: DateTime<Utc>,
    /// What.
    pub kind: EventKind,
}

impl EventKind {
    /// Whether this event is a stage change.
    pub fn moved_to(&self) -> Option<&StageKey> {
        match self {
            EventKind::MovedForward { to, .. }
            | EventKind::MovedBack { to, .. }
            | EventKind::AdvancedOnApproval { to, .. }
            | EventKind::ReturnedForRevision { to, .. }
            | EventKind::SentBackToBrief { to, .. } => Some(to),
            EventKind::MovedToVersion { from, to, .. } if from != to => Some(to),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_serialize_with_a_type_tag_and_round_trip() {
        let event = Event {
            actor: PersonId(2),
            at: DateTime::<Utc>::default(),
            kind: EventKind::SentBackToBrief {
                from: "review".into(),
                to: "brief".into(),
                feedback: "Off brief".into(),
            },
        };
        let json = serde_json::to_string(&event).unwrap();
        assert!(json.contains("\"type\":\"sent_back_to_brief\""), "{json}");
        assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
        assert_eq!(event.kind.moved_to(), Some(&StageKey::new("brief")));
        assert_eq!(EventKind::Archived.moved_to(), None);
    }
}
