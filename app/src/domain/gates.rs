//! Stage gates: what must be true before an item may leave a stage or enter the next.

use super::approval::approval_progress_among;
use super::brand::{brand_reasons, StyleGuide};
use super::context::Ctx;
use super::definition::{Stage, WorkflowDefinition};
use super::item::Item;
use super::people::People;
use super::refusal::{Reason, ReasonKind};

/// Reasons the work of `stage` is incomplete: empty or invalid required fields and
/// unticked non-optional checklist lines.
pub fn work_reasons(
    def: &WorkflowDefinition,
    stage: &Stage,
    item: &Item,
    people: &People,
) -> Vec<Reason> {
    let mut reasons = Vec::new();
    for key in &stage.required_fields {
        let label = def.field_label(key);
        match (item.filled(key), def.field(key)) {
            (None, _) | (_, None) => {
                reasons.push(Reason::new(
                    ReasonKind::MissingField { field: key.clone() },
                    format!("Required: {label}"),
                ));
            }
            (Some(value), Some(field)) => {
                if let Err(problem) = field.check(value, people) {
                    reasons.push(Reason::new(
                        ReasonKind::InvalidField { field: key.clone() },
                        problem,
                    ));
                }
            }
        }
    }
    let unticked: Vec<_> = stage
        .checklist
        .iter()
        .filter(|line| !line.optional && !item.is_ticked(&stage.key, &line.key))
        .collect();
    if !unticked.is_empty() {
        let labels: Vec<&str> = unticked.iter().map(|line| line.label.as_str()).collect();
        reasons.push(Reason::new(
            ReasonKind::UncheckedChecklist {
                stage: stage.key.clone(),
                items: unticked.iter().map(|line| line.key.clone()).collect(),
            },
            format!(
                "{} checklist: {} unticked — {}",
                stage.name,
                unticked.len(),
                labels.join(", ")
            ),
        ));
    }
    reasons
}

/// Reasons the approval policy of `stage` is not satisfied (empty when it has none).
pub fn approval_reasons(
    def: &WorkflowDefinition,
    stage: &Stage,
    item: &Item,
    people: &People,
) -> Vec<Reason> {
    let Some(policy) = &stage.approval else {
        return Vec::new();
    };
    let progress = approval_progress_among(policy, item, people);
    if progress.satisfied {
        return Vec::new();
    }
    let mut reasons: Vec<Reason> = progress
        .unfilled_fields
        .iter()
        .map(|key| {
            let message = format!(
                "Required: {} (approves {})",
                def.field_label(key),
                stage.name
            );
            Reason::new(ReasonKind::MissingField { field: key.clone() }, message)
        })
        .collect();
    for team in &progress.empty_teams {
        let message = format!(
            "Nobody is in {team}, which approves {}: add someone to the team",
            stage.name
        );
        let kind = ReasonKind::EmptyApproverTeam { team: team.clone() };
        reasons.push(Reason::new(kind, message));
    }
    let counts = format!(
        "{} of {} approved",
        progress.approved.len(),
        progress.needed
    );
    let kind = ReasonKind::PendingApproval {
        waiting_on: progress.waiting_on.clone(),
        approved: progress.approved.len() as u32,
        needed: progress.needed,
    };
    if progress.approvers.is_empty() {
        reasons.push(Reason::new(
            kind,
            format!("No approver set for {}", stage.name),
        ));
    } else if !item.is_submitted() {
        let who = people.names_of(&progress.approvers);
        reasons.push(Reason::new(
            ReasonKind::NotSubmitted,
            format!("Not submitted for approval yet ({who} to approve)"),
        ));
    } else {
        let who = people.names_of(&progress.waiting_on);
        reasons.push(Reason::new(
            kind,
            format!("Waiting on approval from {who} ({counts})"),
        ));
    }
    reasons
}

/// Reasons the campaign's linked items hold the item in `stage`.
pub fn linked_reasons(stage: &Stage, item: &Item, ctx: &Ctx) -> Vec<Reason> {
    if !stage.gate_linked_items {
        Vec::new()
    } else if item.campaign.is_none() {
        vec![Reason::new(
            ReasonKind::MissingCampaign,
            "Link this item to a campaign first",
        )]
    } else if ctx.open_linked_items > 0 {
        let open = ctx.open_linked_items;
        let message = format!(
            "{open} linked campaign item{} not done yet",
            if open == 1 { " is" } else { "s are" }
        );
        vec![Reason::new(ReasonKind::LinkedItemsOpen { open }, message)]
    } else {
        Vec::new()
    }
}

/// The brand check's findings on the item's copy, when `stage` is gated on it.
pub fn brand_gate_reasons(
    def: &WorkflowDefinition,
    stage: &Stage,
    item: &Item,
    ctx: &Ctx,
) -> Vec<Reason> {
    if !stage.brand_check {
        return Vec::new();
    }
    match ctx.style_guide {
        Some(guide) => brand_reasons(guide, def, item),
        None => brand_reasons(&StyleGuide::default(), def, item),
    }
}

/// Reasons the item may not enter `target`: its WIP limit, or a missing publish date.
pub fn entry_reasons(target: &Stage, item: &Item, ctx: &Ctx) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if let Some(limit) = target.wip_limit {
        if ctx.count_in(&target.key) >= limit {
            let kind = ReasonKind::WipLimit {
                stage: target.key.clone(),
                limit,
            };
            reasons.push(Reason::new(
                kind,
                format!("WIP limit {limit} reached in {}", target.name),
            ));
        }
    }
    if target.requires_schedule && item.schedule.is_none() {
        let kind = ReasonKind::MissingSchedule {
            stage: target.key.clone(),
        };
        reasons.push(Reason::new(
            kind,
            format!("Set the publish date before moving to {}", target.name),
        ));
    }
    reasons
}

/// Everything that blocks the item from leaving `from` (its current stage), regardless of target.
pub fn leave_reasons(
    def: &WorkflowDefinition,
    from: &Stage,
    item: &Item,
    ctx: &Ctx,
) -> Vec<Reason> {
    let mut reasons = work_reasons(def, from, item, ctx.people);
    reasons.extend(approval_reasons(def, from, item, ctx.people));
    reasons.extend(linked_reasons(from, item, ctx));
    reasons.extend(brand_gate_reasons(def, from, item, ctx));
    reasons
}

/// Everything that blocks the forward move from `from` into `target`.
pub fn forward_reasons(
    def: &WorkflowDefinition,
    from: &Stage,
    target: &Stage,
    item: &Item,
    ctx: &Ctx,
) -> Vec<Reason> {
    let mut reasons = leave_reasons(def, from, item, ctx);
    reasons.extend(entry_reasons(target, item, ctx));
    reasons.extend(outcome_reasons(def, target, item));
    reasons
}

/// Why the item can't reach `target` yet: it is the last stage, the workflow requires
/// the outcome, and none is recorded.
pub fn outcome_reasons(def: &WorkflowDefinition, target: &Stage, item: &Item) -> Vec<Reason> {
    let last = def.stages.last().is_some_and(|s| s.key == target.key);
    match def.outcome {
        Some(spec) if spec.required && last && item.outcome.is_none() => vec![Reason::new(
            ReasonKind::OutcomeRequired,
            format!(
                "Record the outcome before moving to {}: {}",
                target.name,
                spec.kind.label().to_lowercase()
            ),
        )],
        _ => Vec::new(),
    }
}
