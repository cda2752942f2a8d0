//! Moving open items to a new version of their workflow: a preview first, then the move.

use super::super::context::Ctx;
use super::super::definition::WorkflowDefinition;
use super::super::events::{Event, EventKind};
use super::super::gates::{entry_reasons, leave_reasons};
use super::super::ids::{ChecklistKey, StageKey};
use super::super::item::Item;
use super::super::operations::Outcome;
use super::super::refusal::Reason;
use super::preview::{ItemPreview, MigrationError, Preview, StageMap, UnmappedStage};

/// The preview of moving `items` from `old` to `new`. Gates are checked as the engine checks
/// them, with `ctx` (its people, style guide and board counts; set `stage_counts` to the
/// new version's counts for WIP warnings).
pub fn migration_preview(
    old: &WorkflowDefinition,
    new: &WorkflowDefinition,
    items: &[Item],
    stage_map: &StageMap,
    ctx: &Ctx,
) -> Preview {
    let mut preview = Preview {
        from_version: old.version,
        to_version: new.version,
        items: Vec::new(),
        unmapped: Vec::new(),
        skipped: Vec::new(),
    };
    for item in items {
        let on_old = item.workflow_id == old.id && item.workflow_version == old.version;
        let Some(from) = old
            .stage(&item.stage)
            .filter(|_| on_old && !item.is_archived())
        else {
            preview.skipped.push(item.id);
            continue;
        };
        let Some(to) = destination(new, &item.stage, stage_map) else {
            match preview.unmapped.iter_mut().find(|u| u.stage == item.stage) {
                Some(stage) => stage.items += 1,
                None => preview.unmapped.push(UnmappedStage {
                    stage: from.key.clone(),
                    name: from.name.clone(),
                    items: 1,
                }),
            }
            continue;
        };
        let moved = moved_item(old, new, item, to, ctx);
        let before: Vec<Reason> = leave_reasons(old, from, item, ctx);
        let to_stage = new.stage(to).expect("destination exists");
        let new_blockers = leave_reasons(new, to_stage, &moved.item, ctx)
            .into_iter()
            .filter(|r| !before.iter().any(|b| b.kind == r.kind))
            .collect();
        let entry_warnings = if from.key == *to {
            Vec::new()
        } else {
            entry_reasons(to_stage, &moved.item, ctx)
        };
        preview.items.push(ItemPreview {
            item: item.id,
            title: item.title.clone(),
            from: from.key.clone(),
            from_name: from.name.clone(),
            to: to.clone(),
            to_name: to_stage.name.clone(),
            approvals_reset: moved.approvals_reset,
            dropped_ticks: moved.dropped_ticks,
            new_blockers,
            entry_warnings,
        });
    }
    preview
}

/// Moves `items` to `new`: each gets the new version, its stage (mapped when removed),
/// fresh approvals where its stage or approval step changed, and loses ticks of removed
/// checklist lines; each logs a `MovedToVersion` event (and `ApprovalsReset` when
/// approvals were cleared in the same stage). Items the preview skips are left out.
pub fn migrate(
    old: &WorkflowDefinition,
    new: &WorkflowDefinition,
    items: &[Item],
    stage_map: &StageMap,
    ctx: &Ctx,
) -> Result<Vec<Outcome>, MigrationError> {
    if old.id != new.id {
        return Err(MigrationError::DifferentWorkflow);
    }
    let preview = migration_preview(old, new, items, stage_map, ctx);
    if !preview.ready() {
        return Err(MigrationError::Unmapped {
            stages: preview.unmapped,
        });
    }
    let event = |kind| Event {
        actor: ctx.actor.id,
        at: ctx.now,
        kind,
    };
    let outcomes = preview
        .items
        .iter()
        .map(|p| {
            let item = items
                .iter()
                .find(|i| i.id == p.item)
                .expect("previewed item");
            let moved = moved_item(old, new, item, &p.to, ctx);
            let mut events = vec![event(EventKind::MovedToVersion {
                from_version: old.version,
                to_version: new.version,
                from: p.from.clone(),
                to: p.to.clone(),
            })];
            if moved.approvals_reset && !p.changes_stage() {
                events.push(event(EventKind::ApprovalsReset {
                    stage: p.to.clone(),
                    reason: format!("the approval step changed in version {}", new.version),
                }));
            }
            Outcome {
                item: moved.item,
                events,
            }
        })
        .collect();
    Ok(outcomes)
}

fn destination<'n>(
    new: &'n WorkflowDefinition,
    stage: &StageKey,
    stage_map: &StageMap,
) -> Option<&'n StageKey> {
    match new.stage(stage) {
        Some(kept) => Some(&kept.key),
        None => stage_map
            .get(stage)
            .and_then(|target| new.stage(target))
            .map(|s| &s.key),
    }
}

struct Moved {
    item: Item,
    approvals_reset: bool,
    dropped_ticks: Vec<(StageKey, ChecklistKey)>,
}

fn moved_item(
    old: &WorkflowDefinition,
    new: &WorkflowDefinition,
    item: &Item,
    to: &StageKey,
    ctx: &Ctx,
) -> Moved {
    let mut next = item.clone();
    next.workflow_version = new.version;
    next.version = item.version + 1;
    next.updated_at = ctx.now;
    next.revision_round = item.revision_round.min(new.revision_limit);
    let had_decisions = item.is_submitted() || !item.approvals.is_empty();
    let policy_of = |def: &WorkflowDefinition| def.stage(to).and_then(|s| s.approval.clone());
    let approvals_reset = if item.stage != *to {
        next.stage = to.clone();
        next.entered_stage_at = ctx.now;
        next.submitted_at = None;
        next.approvals.clear();
        next.escalation = None;
        had_decisions
    } else if policy_of(old) != policy_of(new) {
        next.approvals.clear();
        if policy_of(new).is_none() {
            next.submitted_at = None;
        }
        had_decisions
    } else {
        false
    };
    let mut dropped_ticks = Vec::new();
    for (stage, ticks) in &mut next.checklist {
        let lines = new
            .stage(stage)
            .map(|s| s.checklist.as_slice())
            .unwrap_or_default();
        ticks.retain(|line, _| {
            let keep = lines.iter().any(|l| &l.key == line);
            if !keep {
                dropped_ticks.push((stage.clone(), line.clone()));
            }
            keep
        });
    }
    next.checklist.retain(|_, ticks| !ticks.is_empty());
    Moved {
        item: next,
        approvals_reset,
        dropped_ticks,
    }
}
