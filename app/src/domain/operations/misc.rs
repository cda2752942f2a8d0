//! Escalating, archiving, restoring, commenting and recording sends.

use super::super::context::Ctx;
use super::super::definition::WorkflowDefinition;
use super::super::events::{EventKind, OutcomeRecord, SendRecord};
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

/// Records the outcome of the work: allowed at the last stage, and at the one before it
/// (so the move that finishes the item can carry it, in one batch).
pub(super) fn record_outcome(
    def: &WorkflowDefinition,
    d: &mut Draft,
    outcome: &OutcomeRecord,
) -> Checked {
    let not_asked = |message: String| Err(vec![Reason::new(ReasonKind::OutcomeNotAsked, message)]);
    let Some(spec) = def.outcome else {
        return not_asked(format!("{} doesn't ask for an outcome", def.name));
    };
    if outcome.kind != spec.kind {
        return not_asked(format!(
            "{} asks for {}, not {}",
            def.name,
            spec.kind.label().to_lowercase(),
            outcome.kind.label().to_lowercase()
        ));
    }
    let last = def.stages.last().map(|s| &s.key);
    let here = Some(&d.item.stage) == last;
    let next_is_last = def.next_stage(&d.item.stage).map(|s| &s.key) == last;
    if !here && !next_is_last {
        return not_asked(format!(
            "The outcome is recorded when the work is finished: at {}",
            def.stages
                .last()
                .map_or("the last stage", |s| s.name.as_str())
        ));
    }
    let text = |t: &Option<String>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let record = OutcomeRecord {
        kind: spec.kind,
        url: text(&outcome.url),
        count: outcome.count,
        segment: text(&outcome.segment),
        note: outcome.note.trim().to_owned(),
    };
    let mut reasons = Vec::new();
    let mut missing = |message: &str| {
        reasons.push(Reason::new(
            ReasonKind::OutcomeDetailsRequired,
            message.to_owned(),
        ));
    };
    if spec.kind.needs_url() {
        match &record.url {
            None => {
                missing("Give the address of the outcome (a web address starting with https://)")
            }
            Some(url) if !super::super::looks_like_url(url) => missing(
                "The outcome's address must be a web address starting with http:// or https://",
            ),
            _ => {}
        }
    }
    if spec.kind.needs_count() {
        match record.count {
            None | Some(0) => missing(match spec.kind {
                super::super::OutcomeKind::SentEmail => {
                    "Give how many recipients the email reached"
                }
                _ => "Give how many leads were handed to sales",
            }),
            Some(n) if n > super::super::sends::MAX_RECIPIENTS => {
                missing("That count is larger than Baton keeps: check the number")
            }
            _ => {}
        }
    }
    if spec.kind == super::super::OutcomeKind::SentEmail && record.segment.is_none() {
        missing("Give the segment the email went to");
    }
    if !reasons.is_empty() {
        return Err(reasons);
    }
    if d.item.outcome.as_ref() != Some(&record) {
        d.item.outcome = Some(record.clone());
        d.log(EventKind::OutcomeRecorded(record));
    }
    Ok(())
}

#[cfg(test)]
#[path = "misc_tests.rs"]
mod tests;
