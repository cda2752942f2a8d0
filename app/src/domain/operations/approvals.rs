//! Submitting for approval, approving and requesting changes, with the revision limit.

use super::super::approval::{
    approval_progress_among, ApprovalPolicy, ApprovalProgress, ApprovalRule, Decision, Verdict,
};
use super::super::context::Ctx;
use super::super::definition::{Stage, WorkflowDefinition};
use super::super::events::EventKind;
use super::super::gates::{brand_gate_reasons, forward_reasons, work_reasons};
use super::super::item::Item;
use super::super::refusal::{Reason, ReasonKind};
use super::moves::enter_stage;
use super::{all_ok, current, Checked, Draft};

fn policy_of(stage: &Stage) -> Result<&ApprovalPolicy, Vec<Reason>> {
    stage.approval.as_ref().ok_or_else(|| {
        vec![Reason::new(
            ReasonKind::NoApprovalPolicy,
            format!("{} has no approval step", stage.name),
        )]
    })
}

pub(super) fn submit(def: &WorkflowDefinition, ctx: &Ctx, d: &mut Draft) -> Checked {
    let stage = current(def, &d.item);
    let policy = policy_of(stage)?;
    let mut reasons = Vec::new();
    if d.item.is_submitted() {
        reasons.push(Reason::new(
            ReasonKind::AlreadySubmitted,
            "Already submitted for approval",
        ));
    }
    reasons.extend(work_reasons(def, stage, &d.item, ctx.people));
    reasons.extend(brand_gate_reasons(def, stage, &d.item, ctx));
    let progress = approval_progress_among(policy, &d.item, ctx.people);
    for key in &progress.unfilled_fields {
        let message = format!(
            "Required: {} (approves {})",
            def.field_label(key),
            stage.name
        );
        reasons.push(Reason::new(
            ReasonKind::MissingField { field: key.clone() },
            message,
        ));
    }
    if progress.approvers.is_empty() && progress.unfilled_fields.is_empty() {
        let kind = ReasonKind::PendingApproval {
            waiting_on: Vec::new(),
            approved: 0,
            needed: progress.needed,
        };
        reasons.push(Reason::new(
            kind,
            format!("No approver set for {}", stage.name),
        ));
    }
    all_ok(reasons)?;
    d.item.submitted_at = Some(d.now);
    d.log(EventKind::SubmittedForApproval {
        stage: stage.key.clone(),
        approvers: progress.approvers,
    });
    Ok(())
}

/// Reasons the actor may not decide now (shared by approve and request changes).
fn decision_reasons(
    ctx: &Ctx,
    stage: &Stage,
    policy: &ApprovalPolicy,
    progress: &ApprovalProgress,
    item: &Item,
) -> Vec<Reason> {
    let actor = ctx.actor.id;
    let mut reasons = Vec::new();
    if !item.is_submitted() {
        reasons.push(Reason::new(
            ReasonKind::NotSubmitted,
            "Not submitted for approval yet",
        ));
    }
    if !progress.is_approver(actor) {
        let message = if progress.approvers.is_empty() {
            format!("No approver set for {}", stage.name)
        } else {
            format!(
                "Only {} can decide on {}",
                ctx.people.names_of(&progress.approvers),
                stage.name
            )
        };
        reasons.push(Reason::new(ReasonKind::NotAnApprover, message));
    } else if item.approvals.contains_key(&actor) {
        reasons.push(Reason::new(
            ReasonKind::AlreadyDecided,
            "You have already decided on this stage",
        ));
    } else if policy.rule == ApprovalRule::Sequential {
        // With a team's turn, any of its members may decide.
        let turn = progress.waiting_on.first();
        if let Some(turn) = turn.filter(|_| !progress.waiting_on.contains(&actor)) {
            let message = format!("Waiting on {} to decide first", ctx.people.name_of(*turn));
            reasons.push(Reason::new(
                ReasonKind::NotYourTurn { waiting_on: *turn },
                message,
            ));
        }
    }
    reasons
}

pub(super) fn approve(def: &WorkflowDefinition, ctx: &Ctx, d: &mut Draft) -> Checked {
    let stage = current(def, &d.item);
    let policy = policy_of(stage)?;
    let progress = approval_progress_among(policy, &d.item, ctx.people);
    let mut reasons = decision_reasons(ctx, stage, policy, &progress, &d.item);
    if progress.satisfied && reasons.is_empty() {
        reasons.push(Reason::new(
            ReasonKind::ApprovalComplete,
            format!("{} is already approved", stage.name),
        ));
    }
    all_ok(reasons)?;
    d.item.approvals.insert(
        d.actor,
        Decision {
            verdict: Verdict::Approved,
            at: d.now,
        },
    );
    let after = approval_progress_among(policy, &d.item, ctx.people);
    let approved = after.approved.len() as u32;
    d.log(EventKind::Approved {
        stage: stage.key.clone(),
        approved,
        needed: after.needed,
    });
    if after.satisfied {
        advance_on_approval(def, ctx, d, stage);
    }
    Ok(())
}

/// The "approved" transition: moves on by itself when the next stage's gate allows it.
fn advance_on_approval(def: &WorkflowDefinition, ctx: &Ctx, d: &mut Draft, from: &Stage) {
    let Some(to) = def.next_stage(&from.key) else {
        return;
    };
    let held = forward_reasons(def, from, to, &d.item, ctx);
    if held.is_empty() {
        enter_stage(d, &to.key);
        d.log(EventKind::AdvancedOnApproval {
            from: from.key.clone(),
            to: to.key.clone(),
        });
    } else {
        let reasons = held.into_iter().map(|r| r.message).collect();
        d.log(EventKind::AdvanceHeld {
            to: to.key.clone(),
            reasons,
        });
    }
}

pub(super) fn request_changes(
    def: &WorkflowDefinition,
    ctx: &Ctx,
    d: &mut Draft,
    feedback: &str,
) -> Checked {
    let stage = current(def, &d.item);
    let policy = policy_of(stage)?;
    let progress = approval_progress_among(policy, &d.item, ctx.people);
    let feedback = feedback.trim();
    let mut reasons = Vec::new();
    if feedback.is_empty() {
        reasons.push(Reason::new(
            ReasonKind::FeedbackRequired,
            "Say what should change: feedback is required",
        ));
    }
    reasons.extend(decision_reasons(ctx, stage, policy, &progress, &d.item));
    all_ok(reasons)?;
    d.log(EventKind::ChangesRequested {
        stage: stage.key.clone(),
        feedback: feedback.to_owned(),
    });
    let from = stage.key.clone();
    if d.item.revision_round < def.revision_limit {
        d.item.revision_round += 1;
        let to = stage
            .transitions
            .on_changes_requested
            .clone()
            .filter(|key| def.stage(key).is_some())
            .unwrap_or_else(|| from.clone());
        enter_stage(d, &to);
        d.log(EventKind::ReturnedForRevision {
            from,
            to,
            round: d.item.revision_round,
        });
    } else {
        // A fresh brief gets a fresh revision allowance.
        let brief = def.stages[0].key.clone();
        d.item.revision_round = 0;
        enter_stage(d, &brief);
        d.log(EventKind::SentBackToBrief {
            from,
            to: brief,
            feedback: feedback.to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
#[path = "approval_tests.rs"]
mod tests;
