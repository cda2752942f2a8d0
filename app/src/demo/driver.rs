//! Moves an item forward through its workflow the way a diligent team would:
//! fill what the stage asks for, tick its checklist, get the approval, move on.
//! Every step goes through the engine and the store, so the history it leaves
//! is the same a real team would leave. Used by the demo seed and benchmarks.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use crate::db::Db;
use crate::domain::{
    approval_progress_among, Item, Operation, People, Person, PersonId, Schedule,
    WorkflowDefinition,
};
use crate::error::AppResult;
use crate::service;

/// Who fills in approver fields, by field key.
pub type ApproverChoice = dyn Fn(&str) -> PersonId;

/// How far to take an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// Stop on arrival in the stage with this index (0 = first stage).
    Reach(usize),
    /// Reach this stage and submit it for approval, then wait.
    AwaitApproval(usize),
}

/// Advances `item` towards `goal`, one engine operation at a time, each `step`
/// after the previous. Stops early (without error) where the engine refuses,
/// e.g. at a full WIP limit. Returns the item as it ends and the time reached.
#[allow(clippy::too_many_arguments)]
pub async fn advance(
    db: &Db,
    def: &WorkflowDefinition,
    people: &People,
    worker: &Person,
    approver_for: &ApproverChoice,
    mut item: Item,
    goal: Goal,
    mut now: DateTime<Utc>,
    step: Duration,
) -> AppResult<(Item, DateTime<Utc>)> {
    let (target, submit) = match goal {
        Goal::Reach(i) => (i, false),
        Goal::AwaitApproval(i) => (i, true),
    };
    while let Some(index) = def.stage_index(&item.stage) {
        let stage = &def.stages[index];
        if index >= target && !submit {
            break;
        }
        if index > target {
            break;
        }
        // Fill what is missing, tick every line.
        let mut values = BTreeMap::new();
        for key in &stage.required_fields {
            if item.filled(key).is_none() {
                if let Some(field) = def.field(key) {
                    let value = super::copy::value(
                        field,
                        &item.title,
                        item.title.len(),
                        approver_for(key.as_str()),
                        now,
                    );
                    values.insert(key.clone(), Some(value));
                }
            }
        }
        let mut ops = Vec::new();
        if !values.is_empty() {
            ops.push(Operation::EditFields { values });
        }
        for line in &stage.checklist {
            if !item.is_ticked(&stage.key, &line.key) {
                ops.push(Operation::Tick {
                    line: line.key.clone(),
                });
            }
        }
        let next = def.next_stage(&stage.key);
        if next.is_some_and(|n| n.requires_schedule) && item.schedule.is_none() {
            ops.push(Operation::SetSchedule {
                schedule: Some(Schedule {
                    at: now + Duration::days(10),
                    all_day: false,
                }),
            });
        }
        for op in ops {
            now += step;
            if !perform(db, worker, &mut item, &op, now).await? {
                return Ok((item, now));
            }
        }
        match (&stage.approval, next) {
            (Some(policy), _) => {
                if !item.is_submitted() {
                    now += step;
                    if !perform(db, worker, &mut item, &Operation::Submit, now).await? {
                        return Ok((item, now));
                    }
                }
                if index == target && submit {
                    break;
                }
                let approvers = approval_progress_among(policy, &item, people).approvers;
                for approver in approvers {
                    if item.stage != stage.key {
                        break;
                    }
                    let Some(person) = people.get(approver) else {
                        continue;
                    };
                    now += step;
                    if !perform(db, person, &mut item, &Operation::Approve, now).await? {
                        return Ok((item, now));
                    }
                }
                if item.stage == stage.key {
                    // Approved but not moved on by itself (a gate of the next stage).
                    return Ok((item, now));
                }
            }
            (None, Some(next)) => {
                now += step;
                let op = Operation::MoveTo {
                    stage: next.key.clone(),
                    reason: None,
                };
                if !perform(db, worker, &mut item, &op, now).await? {
                    return Ok((item, now));
                }
            }
            (None, None) => break,
        }
    }
    Ok((item, now))
}

/// Applies one operation; `false` when the engine refused it (the item is unchanged).
pub async fn perform(
    db: &Db,
    actor: &Person,
    item: &mut Item,
    op: &Operation,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    match service::items::apply(db, actor.id, item.id, item.version, op, now).await {
        Ok(outcome) => {
            *item = outcome.item;
            Ok(true)
        }
        Err(crate::error::AppError::InvalidMove { .. }) => Ok(false),
        Err(other) => Err(other),
    }
}
