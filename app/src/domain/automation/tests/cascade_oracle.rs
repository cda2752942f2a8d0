//! The cascade property's oracle: the next step a person takes, and what every change made
//! by automation must look like, with the gate computed independently of the engine.

use super::super::super::approval::{ApprovalRule, Decision, Verdict};
use super::super::super::context::Ctx;
use super::super::super::events::EventKind;
use super::super::super::gates::forward_reasons;
use super::super::super::ids::StageKey;
use super::super::super::item::Schedule;
use super::super::super::testkit::t0;
use super::cascade_world::sample_value;
use super::*;

/// A step a person would take next, so random runs get deep into the workflows.
pub(super) fn progress(
    def: &WorkflowDefinition,
    item: &Item,
    stage: &super::super::super::definition::Stage,
    who: usize,
) -> Operation {
    if let Some(key) = stage
        .required_fields
        .iter()
        .find(|k| item.filled(k).is_none())
    {
        let field = def.field(key).expect("defined");
        return Operation::EditFields {
            values: [(key.clone(), Some(sample_value(&field.field_type, who)))].into(),
        };
    }
    if let Some(line) = stage
        .checklist
        .iter()
        .find(|l| !item.is_ticked(&stage.key, &l.key))
    {
        return Operation::Tick {
            line: line.key.clone(),
        };
    }
    let next = def.next_stage(&stage.key);
    if next.is_some_and(|n| n.requires_schedule) && item.schedule.is_none() {
        return Operation::SetSchedule {
            schedule: Some(Schedule {
                at: t0(),
                all_day: false,
            }),
        };
    }
    match (&stage.approval, item.is_submitted()) {
        (Some(_), false) => Operation::Submit,
        (Some(_), true) => Operation::Approve,
        _ => Operation::MoveTo {
            stage: next.map_or_else(|| stage.key.clone(), |n| n.key.clone()),
            reason: None,
        },
    }
}

/// The gate, computed independently of the engine: required fields filled and valid,
/// required checklist lines ticked, approval given by people.
pub(super) fn may_leave(
    def: &WorkflowDefinition,
    people: &People,
    from: &StageKey,
    item: &Item,
) -> bool {
    let stage = def.stage(from).expect("stage");
    let fields = stage.required_fields.iter().all(|k| {
        item.fields.get(k).is_some_and(|v| {
            !v.is_blank() && def.field(k).is_some_and(|f| f.check(v, people).is_ok())
        })
    });
    let ticked = stage.checklist.iter().all(|l| {
        l.optional
            || item
                .checklist
                .get(from)
                .is_some_and(|t| t.contains_key(&l.key))
    });
    let approved = stage.approval.as_ref().is_none_or(|policy| {
        let yes = item
            .approvals
            .iter()
            .filter(|(id, d)| {
                **id != AUTOMATION
                    && matches!(
                        d,
                        Decision {
                            verdict: Verdict::Approved,
                            ..
                        }
                    )
            })
            .count();
        match policy.rule {
            ApprovalRule::AtLeast { count } => yes >= count as usize,
            _ => yes >= 1,
        }
    });
    fields && ticked && approved
}

pub(super) fn check_automated_outcome(
    def: &WorkflowDefinition,
    people: &People,
    ctx: &Ctx,
    before: &Item,
    events: &[Event],
) {
    for event in events {
        assert_eq!(event.actor, AUTOMATION, "automation acts as Baton");
        match &event.kind {
            EventKind::Approved { .. }
            | EventKind::ChangesRequested { .. }
            | EventKind::AdvancedOnApproval { .. } => {
                panic!("automation decided an approval: {:?}", event.kind)
            }
            EventKind::ChecklistTicked { .. } | EventKind::ChecklistUnticked { .. } => {
                panic!("automation touched a checklist: {:?}", event.kind)
            }
            EventKind::MovedForward { from, to } => {
                let (from_stage, to_stage) = (def.stage(from).unwrap(), def.stage(to).unwrap());
                assert!(
                    forward_reasons(def, from_stage, to_stage, before, ctx).is_empty(),
                    "the engine's own gate was not passed"
                );
                assert!(
                    may_leave(def, people, from, before),
                    "left {from} without passing its gate"
                );
                assert_eq!(
                    def.next_stage(from).map(|s| &s.key),
                    Some(to),
                    "skipped a stage"
                );
                assert!(
                    to_stage.wip_limit.is_none_or(|l| ctx.count_in(to) < l),
                    "WIP limit ignored"
                );
                assert!(!to_stage.requires_schedule || before.schedule.is_some());
            }
            _ => {}
        }
    }
}
