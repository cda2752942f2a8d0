//! An item's events in words ("moved it from Brief to Draft"): the item's activity, a
//! campaign's trail and any other list of what happened say it the same way.

use crate::domain::{words, EventKind, PersonId, StageKey, WorkflowDefinition};
use crate::views::tags::PersonTag;

fn stage_name(def: &WorkflowDefinition, key: &StageKey) -> String {
    def.stage(key)
        .map_or_else(|| key.to_string(), |s| s.name.clone())
}

/// A person's name from the directory.
pub fn name_of(people: &[PersonTag], id: PersonId) -> String {
    people
        .iter()
        .find(|p| p.id == id)
        // Nobody leaves the directory, so an actor outside it is Baton's automation
        // (an escalation when an SLA ran out).
        .map_or_else(|| "Baton (automatic)".to_string(), |p| p.name.clone())
}

/// What an event did, in a few words ("moved it from Brief to Draft").
pub fn describe(kind: &EventKind, def: &WorkflowDefinition, people: &[PersonTag]) -> String {
    let stage = |k: &StageKey| stage_name(def, k);
    match kind {
        EventKind::Created {
            stage: s,
            source: crate::domain::CreationSource::Import,
        } => format!("imported it into {}", stage(s)),
        EventKind::Created { stage: s, .. } => format!("created it in {}", stage(s)),
        EventKind::TitleChanged { to, .. } => format!("renamed it to “{to}”"),
        EventKind::FieldChanged {
            field, to: Some(v), ..
        } => {
            let shown = match v {
                crate::domain::FieldValue::Person(p) => name_of(people, *p),
                other => other.to_string(),
            };
            format!("set {} to “{shown}”", def.field_label(field))
        }
        EventKind::FieldChanged {
            field, to: None, ..
        } => format!("cleared {}", def.field_label(field)),
        EventKind::OwnerChanged { to: Some(p), .. } => {
            format!("made {} the owner", name_of(people, *p))
        }
        EventKind::OwnerChanged { to: None, .. } => "removed the owner".into(),
        EventKind::AssigneesChanged { .. } => "changed who works on it".into(),
        EventKind::DueChanged { to: Some(d), .. } => {
            format!("set the due date to {}", words::day(d.date_naive()))
        }
        EventKind::DueChanged { to: None, .. } => "removed the due date".into(),
        EventKind::ScheduleChanged { to: Some(s), .. } if s.all_day => {
            format!(
                "scheduled it for {} (all day)",
                words::day(s.at.date_naive())
            )
        }
        EventKind::ScheduleChanged { to: Some(s), .. } => {
            format!("scheduled it for {}", words::moment(s.at))
        }
        EventKind::ScheduleChanged { to: None, .. } => "removed the publish date".into(),
        EventKind::ChannelChanged { to, .. } => {
            format!("set the channel to {}", to.label())
        }
        EventKind::CampaignChanged { to: Some(_), .. } => "linked it to a campaign".into(),
        EventKind::CampaignChanged { to: None, .. } => "unlinked it from its campaign".into(),
        EventKind::PriorityChanged { to, .. } => {
            format!("set the priority to {to:?}").to_lowercase()
        }
        EventKind::ChecklistTicked { stage: s, line } => {
            format!("ticked “{}”", line_label(def, s, line))
        }
        EventKind::ChecklistUnticked { stage: s, line } => {
            format!("unticked “{}”", line_label(def, s, line))
        }
        EventKind::MovedForward { from, to } => {
            format!("moved it from {} to {}", stage(from), stage(to))
        }
        EventKind::MovedBack { from, to, reason } => match reason {
            Some(r) => format!("moved it back from {} to {}: {r}", stage(from), stage(to)),
            None => format!("moved it back from {} to {}", stage(from), stage(to)),
        },
        EventKind::SubmittedForApproval { stage: s, .. } => {
            format!("submitted {} for approval", stage(s))
        }
        EventKind::Approved {
            approved, needed, ..
        } => format!("approved ({approved} of {needed})"),
        EventKind::ChangesRequested { feedback, .. } => format!("requested changes: {feedback}"),
        EventKind::AdvancedOnApproval { to, .. } => {
            format!("approval complete, moved on to {}", stage(to))
        }
        EventKind::AdvanceHeld { to, reasons } => format!(
            "approval complete, but {} is held: {}",
            stage(to),
            reasons.join("; ")
        ),
        EventKind::ReturnedForRevision { to, round, .. } => {
            format!("sent it to {} (revision round {round})", stage(to))
        }
        EventKind::SentBackToBrief { to, .. } => format!("sent it back to {}", stage(to)),
        EventKind::ApprovalsReset { reason, .. } => format!("approvals were reset: {reason}"),
        EventKind::Escalated { .. } => "escalated it".into(),
        EventKind::Archived => "archived it".into(),
        EventKind::Restored => "restored it".into(),
        EventKind::Commented { text } => format!("commented: {text}"),
        EventKind::OutcomeRecorded(outcome) => {
            format!("recorded the outcome: {}", outcome.words())
        }
        EventKind::SendRecorded(send) => {
            format!("recorded a send of “{}” to {}", send.what, send.segment)
        }
        EventKind::MovedToVersion {
            to_version,
            from,
            to,
            ..
        } if from != to => format!(
            "moved it to version {to_version} of the workflow, from {} to {}",
            stage(from),
            stage(to)
        ),
        EventKind::MovedToVersion { to_version, .. } => {
            format!("moved it to version {to_version} of the workflow")
        }
    }
}

fn line_label(
    def: &WorkflowDefinition,
    stage: &StageKey,
    line: &crate::domain::ChecklistKey,
) -> String {
    def.stage(stage)
        .and_then(|s| s.checklist.iter().find(|l| &l.key == line))
        .map_or_else(|| line.to_string(), |l| l.label.clone())
}
