//! Refusals: every reason an operation cannot be done, in plain words and as data.

use super::brand::BrandRule;
use super::ids::{ChecklistKey, FieldKey, PersonId, StageKey};
use super::people::Role;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What blocks an operation, so the UI can link to the fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ReasonKind {
    /// The actor's role may not change anything.
    Forbidden {
        /// The actor's role.
        role: Role,
    },
    /// The item is archived; restore it first.
    Archived,
    /// Restore was asked for an item that is not archived.
    NotArchived,
    /// The definition passed is not the one the item follows.
    WorkflowMismatch,
    /// The stage does not exist in the workflow.
    UnknownStage {
        /// The stage asked for.
        stage: StageKey,
    },
    /// The field does not exist (or is not on the intake form).
    UnknownField {
        /// The field asked for.
        field: FieldKey,
    },
    /// A required field is empty.
    MissingField {
        /// The empty field.
        field: FieldKey,
    },
    /// A field's value does not fit its type.
    InvalidField {
        /// The invalid field.
        field: FieldKey,
    },
    /// Checklist lines still unticked.
    UncheckedChecklist {
        /// The stage whose checklist it is.
        stage: StageKey,
        /// The unticked lines.
        items: Vec<ChecklistKey>,
    },
    /// The checklist line does not exist in the current stage.
    UnknownChecklistItem {
        /// The line asked for.
        item: ChecklistKey,
    },
    /// The target stage needs the publish/send/launch date set.
    MissingSchedule {
        /// The stage that needs it.
        stage: StageKey,
    },
    /// The title is blank.
    TitleRequired,
    /// A named person is not in the team directory.
    UnknownPerson {
        /// The unknown id.
        person: PersonId,
    },
    /// The stage's approval policy is not satisfied yet.
    PendingApproval {
        /// Approvers still expected to decide.
        waiting_on: Vec<PersonId>,
        /// Approvals so far.
        approved: u32,
        /// Approvals needed.
        needed: u32,
    },
    /// The item has not been submitted for approval.
    NotSubmitted,
    /// The item is already submitted.
    AlreadySubmitted,
    /// The current stage has no approval policy.
    NoApprovalPolicy,
    /// The actor is not one of the stage's approvers.
    NotAnApprover,
    /// Sequential approval: someone else decides first.
    NotYourTurn {
        /// Whose turn it is.
        waiting_on: PersonId,
    },
    /// The actor has already decided in this stage.
    AlreadyDecided,
    /// The approval policy is already satisfied.
    ApprovalComplete,
    /// Requesting changes needs feedback text.
    FeedbackRequired,
    /// A comment needs text.
    CommentRequired,
    /// The target stage is at its WIP limit.
    WipLimit {
        /// The full stage.
        stage: StageKey,
        /// Its limit.
        limit: u32,
    },
    /// The item is already in that stage.
    SameStage,
    /// There is no stage after the current one.
    NoTransition,
    /// The move would skip stages; only the next stage can be reached.
    SkipsStages {
        /// The stage that comes next.
        next: StageKey,
    },
    /// Items linked through the campaign are still in progress.
    LinkedItemsOpen {
        /// How many.
        open: u32,
    },
    /// The stage gates on campaign items but the item has no campaign.
    MissingCampaign,
    /// The item is already escalated in this stage.
    AlreadyEscalated,
    /// Nobody to escalate to.
    NoEscalationTarget,
    /// The current stage does not keep a send log.
    SendsNotRecordedHere,
    /// A send record needs what was sent and to which segment.
    SendDetailsRequired,
    /// The workflow asks for no outcome, or not yet at this stage.
    OutcomeNotAsked,
    /// An outcome is missing what its kind needs (an address, a count, a segment).
    OutcomeDetailsRequired,
    /// The last stage can't be reached before the outcome is recorded.
    OutcomeRequired,
    /// Some text is longer than Baton takes.
    TooLong {
        /// The most characters allowed.
        limit: u32,
    },
    /// The brand check found something in a copy field.
    BrandCheck {
        /// The copy field.
        field: FieldKey,
        /// The style-guide rule it breaks.
        rule: BrandRule,
    },
    /// An approver team of the stage has nobody in it.
    EmptyApproverTeam {
        /// The team.
        team: String,
    },
}

/// One reason, with the words to show and the kind to act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// Machine-readable kind.
    pub kind: ReasonKind,
    /// Plain words, e.g. "Required: Landing page URL".
    pub message: String,
}

impl Reason {
    /// A reason with its message.
    pub fn new(kind: ReasonKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

/// An operation that was not done, with every reason why. Nothing changed and no event was produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// All reasons, never empty.
    pub reasons: Vec<Reason>,
}

impl Refusal {
    /// Whether any reason is of the given kind (compared by variant only).
    pub fn has(&self, probe: fn(&ReasonKind) -> bool) -> bool {
        self.reasons.iter().any(|r| probe(&r.kind))
    }

    /// The messages, in order.
    pub fn messages(&self) -> Vec<String> {
        self.reasons.iter().map(|r| r.message.clone()).collect()
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.messages().join("; "))
    }
}

impl std::error::Error for Refusal {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_lists_all_messages_and_serializes_its_kind() {
        let refusal = Refusal {
            reasons: vec![
                Reason::new(
                    ReasonKind::MissingField {
                        field: "landing_page_url".into(),
                    },
                    "Required: Landing page URL",
                ),
                Reason::new(
                    ReasonKind::WipLimit {
                        stage: "review".into(),
                        limit: 5,
                    },
                    "WIP limit 5 reached in Review",
                ),
            ],
        };
        assert_eq!(
            refusal.to_string(),
            "Required: Landing page URL; WIP limit 5 reached in Review"
        );
        assert!(refusal.has(|k| matches!(k, ReasonKind::WipLimit { .. })));
        assert!(!refusal.has(|k| matches!(k, ReasonKind::Archived)));
        let json = serde_json::to_string(&refusal.reasons[1]).unwrap();
        assert!(json.contains("\"kind\":\"wip_limit\""), "{json}");
    }
}
