//! Moving between stages: forward through the gate one stage at a time, backward freely.

use super::super::context::Ctx;
use super::super::definition::{Stage, WorkflowDefinition};
use super::super::events::EventKind;
use super::super::gates::forward_reasons;
use super::super::ids::StageKey;
use super::super::item::Item;
use super::super::refusal::{Reason, ReasonKind};
use super::{apply, current, non_blank, Checked, Draft, Operation};
use serde::{Deserialize, Serialize};

/// The direction of a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// To the stage's next stage, through its gate.
    Forward,
    /// To an earlier stage, without a gate.
    Back,
}

/// Whether the item may move to a stage right now, for the board to show before a drag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveOption {
    /// The stage.
    pub stage: StageKey,
    /// Its name.
    pub name: String,
    /// Whether the item is in it now.
    pub current: bool,
    /// Direction, when a move there is possible in principle.
    pub kind: Option<MoveKind>,
    /// Whether the move would be applied now.
    pub allowed: bool,
    /// Every reason it would be refused.
    pub reasons: Vec<Reason>,
}

/// Sets the item into a stage: the SLA clock restarts and submission, approvals and
/// escalation belong to the stage left behind.
pub(super) fn enter_stage(d: &mut Draft, to: &StageKey) {
    d.item.stage = to.clone();
    d.item.entered_stage_at = d.now;
    d.item.submitted_at = None;
    d.item.approvals.clear();
    d.item.escalation = None;
}

fn classify<'d>(
    def: &'d WorkflowDefinition,
    item: &Item,
    target: &StageKey,
) -> Result<(MoveKind, &'d Stage), Vec<Reason>> {
    let from = current(def, item);
    let Some(to) = def.stage(target) else {
        let kind = ReasonKind::UnknownStage {
            stage: target.clone(),
        };
        return Err(vec![Reason::new(
            kind,
            format!("There is no stage \"{target}\" in this workflow"),
        )]);
    };
    let next = def.next_stage(&from.key);
    if to.key == from.key {
        return Err(vec![Reason::new(
            ReasonKind::SameStage,
            format!("Already in {}", to.name),
        )]);
    }
    if next.is_some_and(|n| n.key == to.key) {
        return Ok((MoveKind::Forward, to));
    }
    if def.stage_index(&to.key) < def.stage_index(&from.key) {
        return Ok((MoveKind::Back, to));
    }
    Err(vec![match next {
        Some(n) => Reason::new(
            ReasonKind::SkipsStages {
                next: n.key.clone(),
            },
            format!("Can't move to {}: the next stage is {}", to.name, n.name),
        ),
        None => Reason::new(
            ReasonKind::NoTransition,
            format!("{} is the last stage", from.name),
        ),
    }])
}

pub(super) fn move_to(
    def: &WorkflowDefinition,
    ctx: &Ctx,
    d: &mut Draft,
    target: &StageKey,
    reason: Option<&str>,
) -> Checked {
    let from = current(def, &d.item);
    let (kind, to) = classify(def, &d.item, target)?;
    let from_key = from.key.clone();
    match kind {
        MoveKind::Forward => {
            let reasons = forward_reasons(def, from, to, &d.item, ctx);
            super::all_ok(reasons)?;
            enter_stage(d, &to.key);
            d.log(EventKind::MovedForward {
                from: from_key,
                to: to.key.clone(),
            });
        }
        MoveKind::Back => {
            enter_stage(d, &to.key);
            d.log(EventKind::MovedBack {
                from: from_key,
                to: to.key.clone(),
                reason: non_blank(reason),
            });
        }
    }
    Ok(())
}

/// For every stage of the workflow: whether the item may move there now and, if not, why.
/// Uses the same checks as `apply(MoveTo)`, so the board never promises a move that is refused.
pub fn allowed_moves(def: &WorkflowDefinition, item: &Item, ctx: &Ctx) -> Vec<MoveOption> {
    let stage_known = def.stage(&item.stage).is_some();
    def.stages
        .iter()
        .map(|stage| {
            let op = Operation::MoveTo {
                stage: stage.key.clone(),
                reason: None,
            };
            let result = apply(def, item, &op, ctx);
            let kind = if stage_known {
                classify(def, item, &stage.key).ok().map(|(k, _)| k)
            } else {
                None
            };
            MoveOption {
                stage: stage.key.clone(),
                name: stage.name.clone(),
                current: stage.key == item.stage,
                kind,
                allowed: result.is_ok(),
                reasons: result.err().map(|r| r.reasons).unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "move_tests.rs"]
mod tests;
