//! Editing an item's fields and details. Editing what approvers judged (fields, title)
//! clears the current stage's approvals: approval is of what is there now.

use super::super::context::Ctx;
use super::super::definition::WorkflowDefinition;
use super::super::events::EventKind;
use super::super::fields::FieldValue;
use super::super::ids::{CampaignId, FieldKey, PersonId};
use super::super::item::{Channel, Item, Priority, Schedule};
use super::super::refusal::{Reason, ReasonKind};
use super::{all_ok, Checked, Draft};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// Clears the current stage's decisions, recording why, if there were any.
pub(super) fn reset_approvals(d: &mut Draft, reason: String) {
    if !d.item.approvals.is_empty() {
        d.item.approvals.clear();
        let stage = d.item.stage.clone();
        d.log(EventKind::ApprovalsReset { stage, reason });
    }
}

pub(super) fn edit_fields(
    def: &WorkflowDefinition,
    ctx: &Ctx,
    d: &mut Draft,
    values: &BTreeMap<FieldKey, Option<FieldValue>>,
) -> Checked {
    let mut reasons = Vec::new();
    let mut accepted = Vec::new();
    for (key, value) in values {
        let Some(field) = def.field(key) else {
            let kind = ReasonKind::UnknownField { field: key.clone() };
            reasons.push(Reason::new(kind, format!("Unknown field: {key}")));
            continue;
        };
        let value = value.clone().filter(|v| !v.is_blank());
        if let Some(Err(problem)) = value.as_ref().map(|v| field.check(v, ctx.people)) {
            reasons.push(Reason::new(
                ReasonKind::InvalidField { field: key.clone() },
                problem,
            ));
            continue;
        }
        accepted.push((key, value, field.label.as_str()));
    }
    all_ok(reasons)?;
    let mut changed = Vec::new();
    for (key, value, label) in accepted {
        let from = d.item.fields.get(key).cloned();
        if from == value {
            continue;
        }
        match &value {
            Some(v) => d.item.fields.insert(key.clone(), v.clone()),
            None => d.item.fields.remove(key),
        };
        d.log(EventKind::FieldChanged {
            field: key.clone(),
            from,
            to: value,
        });
        changed.push(label);
    }
    if !changed.is_empty() {
        reset_approvals(d, format!("Edited {}", changed.join(", ")));
    }
    Ok(())
}

pub(super) fn rename(d: &mut Draft, title: &str) -> Checked {
    let title = title.trim();
    if title.is_empty() {
        return Err(vec![Reason::new(
            ReasonKind::TitleRequired,
            "Title is required",
        )]);
    }
    if title != d.item.title {
        let from = std::mem::replace(&mut d.item.title, title.to_owned());
        d.log(EventKind::TitleChanged {
            from,
            to: title.to_owned(),
        });
        reset_approvals(d, "Edited the title".to_owned());
    }
    Ok(())
}

fn unknown_people(ctx: &Ctx, ids: &[PersonId]) -> Vec<Reason> {
    ids.iter()
        .filter(|id| ctx.people.get(**id).is_none())
        .map(|id| {
            Reason::new(
                ReasonKind::UnknownPerson { person: *id },
                format!("Person #{id} is not in the team"),
            )
        })
        .collect()
}

/// Sets one detail and logs the change, if it is a change.
fn change<T: PartialEq + Clone>(
    d: &mut Draft,
    slot: fn(&mut Item) -> &mut T,
    to: T,
    event: fn(T, T) -> EventKind,
) -> Checked {
    let current = slot(&mut d.item);
    if *current != to {
        let from = std::mem::replace(current, to.clone());
        d.log(event(from, to));
    }
    Ok(())
}

pub(super) fn set_owner(ctx: &Ctx, d: &mut Draft, owner: Option<PersonId>) -> Checked {
    all_ok(unknown_people(ctx, owner.as_slice()))?;
    change(
        d,
        |i| &mut i.owner,
        owner,
        |from, to| EventKind::OwnerChanged { from, to },
    )
}

pub(super) fn set_assignees(ctx: &Ctx, d: &mut Draft, assignees: &[PersonId]) -> Checked {
    all_ok(unknown_people(ctx, assignees))?;
    let mut unique = Vec::new();
    for id in assignees {
        if !unique.contains(id) {
            unique.push(*id);
        }
    }
    change(
        d,
        |i| &mut i.assignees,
        unique,
        |from, to| EventKind::AssigneesChanged { from, to },
    )
}

pub(super) fn set_due(d: &mut Draft, due: Option<DateTime<Utc>>) -> Checked {
    change(
        d,
        |i| &mut i.due,
        due,
        |from, to| EventKind::DueChanged { from, to },
    )
}

pub(super) fn set_schedule(d: &mut Draft, schedule: Option<Schedule>) -> Checked {
    change(
        d,
        |i| &mut i.schedule,
        schedule,
        |from, to| EventKind::ScheduleChanged { from, to },
    )
}

pub(super) fn set_channel(d: &mut Draft, channel: Channel) -> Checked {
    change(
        d,
        |i| &mut i.channel,
        channel,
        |from, to| EventKind::ChannelChanged { from, to },
    )
}

pub(super) fn set_campaign(d: &mut Draft, campaign: Option<CampaignId>) -> Checked {
    change(
        d,
        |i| &mut i.campaign,
        campaign,
        |from, to| EventKind::CampaignChanged { from, to },
    )
}

pub(super) fn set_priority(d: &mut Draft, priority: Priority) -> Checked {
    change(
        d,
        |i| &mut i.priority,
        priority,
        |from, to| EventKind::PriorityChanged { from, to },
    )
}
