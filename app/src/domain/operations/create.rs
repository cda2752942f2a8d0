//! Creating items: by hand, from a template, or from an intake-form submission.

use super::super::context::Ctx;
use super::super::definition::WorkflowDefinition;
use super::super::events::{CreationSource, Event, EventKind};
use super::super::exchange::imported::ImportedItem;
use super::super::fields::FieldValue;
use super::super::ids::{CampaignId, ChecklistKey, FieldKey, ItemId, PersonId};
use super::super::item::{Channel, Item, Priority, Schedule, Tick};
use super::super::refusal::{Reason, ReasonKind, Refusal};
use super::Outcome;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a new item starts with. It always starts in the workflow's first stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewItem {
    /// Title on the card.
    pub title: String,
    /// Owner.
    pub owner: Option<PersonId>,
    /// Assignees.
    pub assignees: Vec<PersonId>,
    /// Initial field values (any workflow field).
    pub fields: BTreeMap<FieldKey, FieldValue>,
    /// Due date.
    pub due: Option<DateTime<Utc>>,
    /// Publish/send/launch date.
    pub schedule: Option<Schedule>,
    /// Channel.
    pub channel: Channel,
    /// Campaign.
    pub campaign: Option<CampaignId>,
    /// Priority.
    pub priority: Priority,
    /// How it is being created.
    pub source: CreationSource,
}

impl NewItem {
    /// A manual item with just a title; set the other fields as needed.
    pub fn titled(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            owner: None,
            assignees: Vec::new(),
            fields: BTreeMap::new(),
            due: None,
            schedule: None,
            channel: Channel::default(),
            campaign: None,
            priority: Priority::default(),
            source: CreationSource::Manual,
        }
    }
}

/// An intake-form submission: a title and the first stage's fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntakeSubmission {
    /// What is being requested.
    pub title: String,
    /// Values for the first stage's required fields.
    pub fields: BTreeMap<FieldKey, FieldValue>,
}

fn check_fields(
    def: &WorkflowDefinition,
    ctx: &Ctx,
    fields: &BTreeMap<FieldKey, FieldValue>,
) -> Vec<Reason> {
    let mut reasons = Vec::new();
    for (key, value) in fields.iter().filter(|(_, v)| !v.is_blank()) {
        match def.field(key) {
            None => reasons.push(Reason::new(
                ReasonKind::UnknownField { field: key.clone() },
                format!("Unknown field: {key}"),
            )),
            Some(field) => {
                if let Err(problem) = field.check(value, ctx.people) {
                    reasons.push(Reason::new(
                        ReasonKind::InvalidField { field: key.clone() },
                        problem,
                    ));
                }
            }
        }
    }
    reasons
}

/// Creates an item in the first stage of `def`. Creation is never held by a WIP limit,
/// so no request is lost; the limit applies to moves.
pub fn create_item(def: &WorkflowDefinition, new: NewItem, ctx: &Ctx) -> Result<Outcome, Refusal> {
    let mut reasons = Vec::new();
    if !ctx.actor.role.can_work() {
        let kind = ReasonKind::Forbidden {
            role: ctx.actor.role,
        };
        reasons.push(Reason::new(kind, "Viewers can look but not create items"));
    }
    let Some(first) = def.first_stage() else {
        let kind = ReasonKind::UnknownStage {
            stage: Default::default(),
        };
        reasons.push(Reason::new(kind, format!("{} has no stages", def.name)));
        return Err(Refusal { reasons });
    };
    let title = new.title.trim().to_owned();
    if title.is_empty() {
        reasons.push(Reason::new(ReasonKind::TitleRequired, "Title is required"));
    }
    reasons.extend(super::too_long_reason(
        "Title",
        &title,
        super::limits::TITLE,
    ));
    reasons.extend(check_fields(def, ctx, &new.fields));
    for id in new.owner.iter().chain(&new.assignees) {
        if ctx.people.get(*id).is_none() {
            reasons.push(Reason::new(
                ReasonKind::UnknownPerson { person: *id },
                format!("Person #{id} is not in the team"),
            ));
        }
    }
    if !reasons.is_empty() {
        return Err(Refusal { reasons });
    }
    let mut assignees: Vec<PersonId> = Vec::new();
    for id in new.assignees {
        if !assignees.contains(&id) {
            assignees.push(id);
        }
    }
    let item = Item {
        id: ItemId::UNSAVED,
        title,
        workflow_id: def.id.clone(),
        workflow_version: def.version,
        stage: first.key.clone(),
        owner: new.owner,
        assignees,
        fields: new
            .fields
            .into_iter()
            .filter(|(_, v)| !v.is_blank())
            .collect(),
        checklist: BTreeMap::new(),
        due: new.due,
        schedule: new.schedule,
        channel: new.channel,
        campaign: new.campaign,
        priority: new.priority,
        revision_round: 0,
        approvals: BTreeMap::new(),
        submitted_at: None,
        escalation: None,
        archived_at: None,
        entered_stage_at: ctx.now,
        created_at: ctx.now,
        updated_at: ctx.now,
        version: 1,
        outcome: None,
    };
    let kind = EventKind::Created {
        stage: first.key.clone(),
        source: new.source,
    };
    Ok(Outcome {
        item,
        events: vec![Event {
            actor: ctx.actor.id,
            at: ctx.now,
            kind,
        }],
    })
}

/// Creates an item from an intake form: the title plus the first stage's required fields,
/// all of which must be filled and valid. Other fields are not on the form and are refused.
pub fn create_from_intake(
    def: &WorkflowDefinition,
    submission: &IntakeSubmission,
    ctx: &Ctx,
) -> Result<Outcome, Refusal> {
    let mut reasons = Vec::new();
    let on_form = def
        .first_stage()
        .map(|s| s.required_fields.as_slice())
        .unwrap_or_default();
    for key in submission.fields.keys().filter(|k| !on_form.contains(k)) {
        let kind = ReasonKind::UnknownField { field: key.clone() };
        reasons.push(Reason::new(
            kind,
            format!("{} is not on the intake form", def.field_label(key)),
        ));
    }
    for key in on_form
        .iter()
        .filter(|k| submission.fields.get(*k).is_none_or(FieldValue::is_blank))
    {
        let kind = ReasonKind::MissingField { field: key.clone() };
        reasons.push(Reason::new(
            kind,
            format!("Required: {}", def.field_label(key)),
        ));
    }
    let new = NewItem {
        fields: submission.fields.clone(),
        source: CreationSource::Intake,
        ..NewItem::titled(&submission.title)
    };
    match create_item(def, new, ctx) {
        Ok(outcome) if reasons.is_empty() => Ok(outcome),
        Ok(_) => Err(Refusal { reasons }),
        Err(refusal) => {
            reasons.extend(
                refusal
                    .reasons
                    .into_iter()
                    .filter(|r| !matches!(r.kind, ReasonKind::UnknownField { .. })),
            );
            Err(Refusal { reasons })
        }
    }
}

/// Brings in an item from another tool: created as [`create_item`] would (same checks of
/// title, fields and people), then placed straight in the stage it was in there, with the
/// lines it had done ticked, archived when it was closed, and its comments kept under their
/// own dates. No gate is asked: the work already went through them elsewhere.
pub fn create_imported(
    def: &WorkflowDefinition,
    imported: ImportedItem,
    ctx: &Ctx,
) -> Result<Outcome, Refusal> {
    let mut reasons = Vec::new();
    let stage = def.stage(&imported.stage);
    if stage.is_none() {
        let kind = ReasonKind::UnknownStage {
            stage: imported.stage.clone(),
        };
        reasons.push(Reason::new(
            kind,
            format!("{} has no stage {}", def.name, imported.stage),
        ));
    }
    for line in &imported.ticks {
        if stage.is_some_and(|s| !s.checklist.iter().any(|l| &l.key == line)) {
            let kind = ReasonKind::UnknownChecklistItem { item: line.clone() };
            reasons.push(Reason::new(
                kind,
                format!("The stage's checklist has no line {line}"),
            ));
        }
    }
    for comment in &imported.comments {
        if comment.text.trim().is_empty() {
            reasons.push(Reason::new(
                ReasonKind::CommentRequired,
                "A comment is empty",
            ));
        }
        reasons.extend(super::too_long_reason(
            "A comment",
            &comment.text,
            super::limits::COMMENT,
        ));
        if let Some(author) = comment.author.filter(|a| ctx.people.get(*a).is_none()) {
            reasons.push(Reason::new(
                ReasonKind::UnknownPerson { person: author },
                format!("Person #{author} is not in the team"),
            ));
        }
    }
    let new = NewItem {
        source: CreationSource::Import,
        ..imported.new
    };
    let created = create_item(def, new, ctx);
    let (mut outcome, stage) = match (created, stage) {
        (Ok(outcome), Some(stage)) if reasons.is_empty() => (outcome, stage),
        (Ok(_), _) => return Err(Refusal { reasons }),
        (Err(refusal), _) => {
            reasons.extend(refusal.reasons);
            return Err(Refusal { reasons });
        }
    };
    let item = &mut outcome.item;
    item.stage = stage.key.clone();
    let tick = Tick {
        by: ctx.actor.id,
        at: ctx.now,
    };
    let ticks: BTreeMap<ChecklistKey, Tick> = imported
        .ticks
        .into_iter()
        .map(|line| (line, tick))
        .collect();
    if !ticks.is_empty() {
        item.checklist.insert(stage.key.clone(), ticks);
    }
    if imported.archived {
        item.archived_at = Some(ctx.now);
    }
    outcome.events[0].kind = EventKind::Created {
        stage: stage.key.clone(),
        source: CreationSource::Import,
    };
    outcome
        .events
        .extend(imported.comments.into_iter().map(|c| Event {
            actor: c.author.unwrap_or(ctx.actor.id),
            at: c.at,
            kind: EventKind::Commented {
                text: c.text.trim().to_owned(),
            },
        }));
    Ok(outcome)
}
