//! Escalating, archiving, restoring, commenting and recording sends.

use super::super::context::Ctx;
use super::super::definition::WorkflowDefinition;
use super::super::events::{EventKind, SendRecord};
use super::super::item::EscalationState;
use super::super::limits;
use super::super::refusal::{Reason, ReasonKind};
use super::super::sla::escalation_targets;
use super::{all_ok, current, non_blank, Checked, Draft};
use chrono::{DateTime, Datelike, Utc};

pub(super) fn escalate(
    def: &WorkflowDefinition,
    ctx: &Ctx,
    d: &mut Draft,
    reason: Option<&str>,
) -> Checked {
    let stage = current(def, &d.item);
    let to = escalation_targets(stage, ctx.people);
    let mut reasons = Vec::new();
    if let Some(done) = &d.item.escalation {
        let who: Vec<String> = done.to.iter().map(|p| p.describe(ctx.people)).collect();
        let message = format!("Already escalated to {}", who.join(", "));
        reasons.push(Reason::new(ReasonKind::AlreadyEscalated, message));
    }
    if to.is_empty() {
        let message = format!(
            "{} has nobody accountable and the team has no manager to escalate to",
            stage.name
        );
        reasons.push(Reason::new(ReasonKind::NoEscalationTarget, message));
    }
    all_ok(reasons)?;
    d.item.escalation = Some(EscalationState {
        to: to.clone(),
        at: d.now,
    });
    d.log(EventKind::Escalated {
        stage: stage.key.clone(),
        to,
        reason: non_blank(reason),
    });
    Ok(())
}

pub(super) fn archive(d: &mut Draft) -> Checked {
    d.item.archived_at = Some(d.now);
    d.log(EventKind::Archived);
    Ok(())
}

pub(super) fn restore(d: &mut Draft) -> Checked {
    if !d.item.is_archived() {
        return Err(vec![Reason::new(
            ReasonKind::NotArchived,
            "The item is not archived",
        )]);
    }
    d.item.archived_at = None;
    d.log(EventKind::Restored);
    Ok(())
}

pub(super) fn comment(d: &mut Draft, text: &str) -> Checked {
    let Some(text) = non_blank(Some(text)) else {
        return Err(vec![Reason::new(
            ReasonKind::CommentRequired,
            "A comment needs some text",
        )]);
    };
    d.log(EventKind::Commented { text });
    Ok(())
}

/// How far ahead of the server's clock a send's time may be (a browser's clock runs fast).
const SEND_CLOCK_SLACK_MINUTES: i64 = 5;

pub(super) fn record_send(
    def: &WorkflowDefinition,
    d: &mut Draft,
    what: &str,
    segment: &str,
    sent_at: Option<DateTime<Utc>>,
    recipients: Option<u64>,
) -> Checked {
    let stage = current(def, &d.item);
    let mut reasons = Vec::new();
    if !stage.records_sends {
        let message = format!("{} does not keep a send log", stage.name);
        reasons.push(Reason::new(ReasonKind::SendsNotRecordedHere, message));
    }
    let (what, segment) = (non_blank(Some(what)), non_blank(Some(segment)));
    if what.is_none() || segment.is_none() {
        let message = "A send needs what was sent and the segment it went to";
        reasons.push(Reason::new(ReasonKind::SendDetailsRequired, message));
    }
    if recipients == Some(0) {
        let message = "A send goes to at least one recipient: give how many it went to";
        reasons.push(Reason::new(ReasonKind::SendDetailsRequired, message));
    }
    if recipients.is_some_and(|n| n > super::super::sends::MAX_RECIPIENTS) {
        let message = format!(
            "A send goes to at most {} recipients: check the number",
            limits::grouped_u64(super::super::sends::MAX_RECIPIENTS)
        );
        reasons.push(Reason::new(ReasonKind::SendDetailsRequired, message));
    }
    if sent_at.is_some_and(|at| at.year() < 2000) {
        let message = "A send's time must be in this century: check the date";
        reasons.push(Reason::new(ReasonKind::SendDetailsRequired, message));
    }
    if sent_at.is_some_and(|at| at > d.now + chrono::Duration::minutes(SEND_CLOCK_SLACK_MINUTES)) {
        let message = "A send is recorded once it has gone out: its time can't be in the future";
        reasons.push(Reason::new(ReasonKind::SendDetailsRequired, message));
    }
    for (words, text) in [("What was sent", &what), ("The segment", &segment)] {
        if let Some(Err(message)) = text
            .as_deref()
            .map(|t| limits::check(words, t, limits::SHORT))
        {
            reasons.push(Reason::new(ReasonKind::SendDetailsRequired, message));
        }
    }
    match (what, segment) {
        (Some(what), Some(segment)) if reasons.is_empty() => {
            let record = SendRecord {
                what,
                segment,
                sent_at: sent_at.unwrap_or(d.now),
                recipients,
            };
            d.log(EventKind::SendRecorded(record));
            Ok(())
        }
        _ => Err(reasons),
    }
}

#[cfg(test)]
#[path = "misc_tests.rs"]
mod tests;
