//! The independent oracle the property tests check the engine against: gates, approvers
//! and what every applied outcome must look like.

use super::super::approval::{ApprovalRule, ApproverRef, Decision, Verdict};
use super::super::definition::Stage;
use super::super::events::EventKind;
use super::super::fields::FieldValue;
use super::super::ids::{ChecklistKey, PersonId};
use super::super::people::People;
use super::super::testkit::VIC;
use super::*;

/// What the random runs reached, so a test can check they are not vacuous.
#[derive(Debug, Default)]
pub(super) struct Stats {
    pub forward: u32,
    pub advanced_on_approval: u32,
    pub revisions: u32,
    pub back_to_brief: u32,
    pub approvals: u32,
    pub outsider_refused: u32,
}

/// Approvers of a stage for an item, computed independently of the engine.
pub(super) fn approvers_of(stage: &Stage, item: &Item) -> Vec<PersonId> {
    let mut list = Vec::new();
    for approver in stage.approval.iter().flat_map(|p| &p.approvers) {
        let id = match approver {
            ApproverRef::Person(id) => Some(*id),
            ApproverRef::Field(key) => match item.fields.get(key) {
                Some(FieldValue::Person(id)) => Some(*id),
                _ => None,
            },
            ApproverRef::Team(_) => unreachable!("the random runs name no approver teams"),
        };
        if let Some(id) = id.filter(|id| !list.contains(id)) {
            list.push(id);
        }
    }
    list
}

/// The gate of `stage`, computed independently of the engine.
pub(super) fn may_leave(
    def: &WorkflowDefinition,
    people: &People,
    stage: &Stage,
    item: &Item,
) -> bool {
    let fields_ok = stage.required_fields.iter().all(|key| {
        let field = def.field(key).expect("defined field");
        item.fields
            .get(key)
            .is_some_and(|v| !v.is_blank() && field.check(v, people).is_ok())
    });
    let ticked = |key: &ChecklistKey| {
        item.checklist
            .get(&stage.key)
            .is_some_and(|t| t.contains_key(key))
    };
    let checklist_ok = stage
        .checklist
        .iter()
        .all(|line| line.optional || ticked(&line.key));
    let approval_ok = stage.approval.as_ref().is_none_or(|policy| {
        let approvers = approvers_of(stage, item);
        let approved = approvers
            .iter()
            .filter(|id| {
                matches!(
                    item.approvals.get(id),
                    Some(Decision {
                        verdict: Verdict::Approved,
                        ..
                    })
                )
            })
            .count();
        match policy.rule {
            ApprovalRule::Single => approved >= 1,
            ApprovalRule::All | ApprovalRule::Sequential => {
                !approvers.is_empty() && approved == approvers.len()
            }
            ApprovalRule::AtLeast { count } => approved >= count as usize,
        }
    });
    fields_ok && checklist_ok && approval_ok
}

pub(super) fn may_enter(target: &Stage, item: &Item, ctx: &Ctx) -> bool {
    target
        .wip_limit
        .is_none_or(|limit| ctx.count_in(&target.key) < limit)
        && (!target.requires_schedule || item.schedule.is_some())
}

pub(super) fn check_outcome(
    def: &WorkflowDefinition,
    people: &People,
    ctx: &Ctx,
    before: &Item,
    out: &Outcome,
    stats: &mut Stats,
) {
    let actor = ctx.actor.id;
    assert_ne!(actor, VIC, "a viewer changed something");
    let after = &out.item;
    if after != before {
        assert!(!out.events.is_empty(), "state changed without an event");
        assert_eq!(after.version, before.version + 1);
    } else {
        assert!(out.events.iter().all(|e| matches!(
            e.kind,
            EventKind::Commented { .. } | EventKind::SendRecorded(_)
        )));
    }
    if after.stage != before.stage {
        assert!(out
            .events
            .iter()
            .any(|e| e.kind.moved_to() == Some(&after.stage)));
        assert_eq!(after.entered_stage_at, ctx.now);
        assert!(after.submitted_at.is_none() && after.escalation.is_none());
    }
    let stage_before = def.stage(&before.stage).expect("stage");
    for event in &out.events {
        match &event.kind {
            EventKind::Approved { .. } | EventKind::ChangesRequested { .. } => {
                assert!(
                    approvers_of(stage_before, before).contains(&actor),
                    "{actor} decided without being an approver"
                );
                assert!(before.is_submitted() && !before.approvals.contains_key(&actor));
                stats.approvals += 1;
            }
            EventKind::MovedForward { from, to } => {
                assert_eq!(
                    def.next_stage(from).map(|s| &s.key),
                    Some(to),
                    "skipped a stage"
                );
                assert!(
                    may_leave(def, people, stage_before, before),
                    "left {from} without passing its gate"
                );
                assert!(may_enter(def.stage(to).expect("stage"), before, ctx));
                stats.forward += 1;
            }
            EventKind::AdvancedOnApproval { from, to } => {
                let mut with_decision = before.clone();
                with_decision.approvals.insert(
                    actor,
                    Decision {
                        verdict: Verdict::Approved,
                        at: ctx.now,
                    },
                );
                assert_eq!(
                    def.next_stage(from).map(|s| &s.key),
                    Some(to),
                    "skipped a stage"
                );
                assert!(
                    may_leave(def, people, stage_before, &with_decision),
                    "advanced without passing the gate"
                );
                assert!(may_enter(def.stage(to).expect("stage"), before, ctx));
                stats.advanced_on_approval += 1;
            }
            EventKind::MovedBack { from, to, .. } => {
                assert!(def.stage_index(to) < def.stage_index(from))
            }
            EventKind::ReturnedForRevision { .. } => stats.revisions += 1,
            EventKind::SentBackToBrief { to, .. } => {
                assert_eq!(to, &def.stages[0].key);
                stats.back_to_brief += 1;
            }
            EventKind::FieldChanged { .. } | EventKind::TitleChanged { .. } => {
                assert!(after.approvals.is_empty(), "an edit kept an approval");
            }
            _ => {}
        }
    }
}
