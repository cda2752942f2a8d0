//! Creating items and applying operations to them.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::db::{self, Db};
use crate::domain::{
    self, CampaignId, Ctx, Event, Item, ItemId, NewItem, Operation, Outcome, People, Person,
    PersonId, Refusal, StageKey, WorkflowDefinition, WorkflowId, WorkingHours,
};
use crate::error::{AppError, AppResult};

use super::automation::queue::{record_events, Cause};
use super::CONFLICT_MESSAGE;
use crate::domain::automation::{automation_account, AUTOMATION};

/// Loads the definition an item was created with.
pub(crate) async fn definition_of(
    db: &Db,
    conn: &mut crate::db::Conn,
    id: &WorkflowId,
    version: u32,
) -> AppResult<Arc<WorkflowDefinition>> {
    db.definition(conn, id, version)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Workflow {id} version {version}")))
}

/// How many other items of the same campaign are not yet in their workflow's
/// last stage: what an integrated campaign's gate waits on.
pub(crate) async fn open_linked_items(
    db: &Db,
    conn: &mut crate::db::Conn,
    item: ItemId,
    campaign: Option<CampaignId>,
) -> AppResult<u32> {
    let open = open_linked(db, conn, item, campaign).await?;
    Ok(u32::try_from(open.len()).unwrap_or(u32::MAX))
}

/// The other items of the same campaign not yet in their workflow's last stage, by id:
/// the items an integrated campaign's gate waits on, with their titles.
pub(crate) async fn open_linked(
    db: &Db,
    conn: &mut crate::db::Conn,
    item: ItemId,
    campaign: Option<CampaignId>,
) -> AppResult<Vec<(ItemId, String)>> {
    let Some(campaign) = campaign else {
        return Ok(Vec::new());
    };
    let linked = db::items::campaign_stages(conn, campaign, item).await?;
    let mut open = Vec::new();
    for other in linked {
        let (workflow, version) = &other.workflow;
        let def = definition_of(db, conn, workflow, *version).await?;
        if def.stages.last().map(|s| &s.key) != Some(&other.stage) {
            open.push((other.id, other.title));
        }
    }
    Ok(open)
}

/// The person acting, from the directory (which also knows their teams); Baton's own
/// account when it is [`AUTOMATION`] (a rule, a hook, a public form).
fn known<'a>(people: &'a People, system: &'a Person, id: PersonId) -> AppResult<&'a Person> {
    if id == AUTOMATION {
        return Ok(system);
    }
    people.get(id).ok_or(AppError::Unauthorized)
}

/// Creates an item in the first stage of the version of `workflow` it gets: the current
/// one, or a running pilot's when the item is in the pilot's group.
pub async fn create(
    db: &Db,
    actor: PersonId,
    workflow: &WorkflowId,
    new: NewItem,
    now: DateTime<Utc>,
) -> AppResult<Outcome> {
    create_caused(db, actor, Cause::Person, workflow, new, now).await
}

/// [`create`], by Baton's own account when `actor` is [`AUTOMATION`] (a hook, a public
/// form), with the signals it sends marked with their `cause`.
pub async fn create_caused(
    db: &Db,
    actor: PersonId,
    cause: Cause,
    workflow: &WorkflowId,
    new: NewItem,
    now: DateTime<Utc>,
) -> AppResult<Outcome> {
    let mut tx = db.write.begin().await?;
    let outcome = create_within(db, &mut tx, actor, cause, workflow, new, now).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// [`create_caused`] inside the caller's write transaction (which commits it), so an item
/// can be created together with what it belongs to (a report's decision).
pub(crate) async fn create_within(
    db: &Db,
    tx: &mut crate::db::Conn,
    actor: PersonId,
    cause: Cause,
    workflow: &WorkflowId,
    new: NewItem,
    now: DateTime<Utc>,
) -> AppResult<Outcome> {
    let row = db::workflows::row(&mut *tx, workflow)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Workflow {workflow}")))?;
    if row.archived_at.is_some() {
        return Err(AppError::validation(
            "workflow",
            "This workflow is archived: restore it on the Workflows page to add items.",
        ));
    }
    let people = db.directory(&mut *tx).await?;
    let version = match db::pilots::running(&mut *tx, workflow).await? {
        Some(pilot) => {
            let teams = new
                .owner
                .and_then(|o| people.get(o))
                .map(|p| p.teams.clone())
                .unwrap_or_default();
            domain::design::version_for_new_item(
                Some(&pilot.group),
                row.current_version,
                pilot.version,
                new.owner,
                &teams,
                new.campaign,
            )
        }
        None => row.current_version,
    };
    let def = definition_of(db, &mut *tx, workflow, version).await?;
    let system = automation_account();
    let actor = known(&people, &system, actor)?;
    let ctx = Ctx::new(actor, &people, now);
    // The database gives the id when the item is stored.
    let mut outcome = domain::create_item(&def, new, &ctx)?;
    campaign_exists(&mut *tx, outcome.item.campaign).await?;
    let id = db::items::insert(&mut *tx, &outcome.item).await?;
    outcome.item.id = id;
    record_events(&mut *tx, &outcome.item, &outcome.events, cause, now).await?;
    let hours = db.working_hours(&mut *tx).await?;
    plan_timers(&mut *tx, &def, &outcome.item, &hours).await?;
    Ok(outcome)
}

/// `Ok` when an item may belong to `campaign`: none, or one that exists. The pages only
/// offer existing campaigns; a hand-made request naming another is refused in words.
async fn campaign_exists(
    conn: &mut crate::db::Conn,
    campaign: Option<crate::domain::CampaignId>,
) -> AppResult<()> {
    let Some(id) = campaign else { return Ok(()) };
    match db::campaigns::get(conn, id).await? {
        Some(_) => Ok(()),
        None => Err(AppError::validation(
            "campaign",
            format!("There is no campaign {id}; choose one from the Campaigns page."),
        )),
    }
}

/// Stores the SLA timers of the item's current stage visit (nothing when its stage has no
/// SLA), counted in the team's working `hours`.
pub(crate) async fn plan_timers(
    conn: &mut crate::db::Conn,
    def: &WorkflowDefinition,
    item: &Item,
    hours: &WorkingHours,
) -> AppResult<()> {
    let Some(stage) = def.stage(&item.stage).filter(|s| s.sla.is_some()) else {
        return Ok(());
    };
    let timers = domain::timers::plan(stage, item, hours);
    db::timers::plan(conn, item.id, &timers).await?;
    Ok(())
}

/// Stores the notifications an applied change produces; returns who was told.
async fn notify(
    conn: &mut crate::db::Conn,
    def: &WorkflowDefinition,
    before: &Item,
    outcome: &Outcome,
    people: &People,
    now: DateTime<Utc>,
) -> AppResult<Vec<PersonId>> {
    let notices = domain::notify::notices_for(def, before, &outcome.item, &outcome.events, people);
    let actor = outcome.events.first().map(|e| e.actor);
    crate::service::mail::notify(conn, Some(before.id), actor, &notices, now).await?;
    let mut told: Vec<PersonId> = notices.iter().map(|n| n.person).collect();
    told.sort();
    told.dedup();
    Ok(told)
}

/// Applies one operation to an item the person saw at `expected_version`.
///
/// Refused operations change nothing and list every reason; an item changed
/// since the person loaded it gives a conflict, never a silent overwrite.
pub async fn apply(
    db: &Db,
    actor: PersonId,
    id: ItemId,
    expected_version: u32,
    operation: &Operation,
    now: DateTime<Utc>,
) -> AppResult<Outcome> {
    try_apply(
        db,
        actor,
        id,
        expected_version,
        std::slice::from_ref(operation),
        now,
    )
    .await?
    .map_err(AppError::from)
}

/// Applies operations in order, all or nothing (one form save), to an item the
/// person saw at `expected_version`. A refusal comes back as `Ok(Err(refusal))`
/// with every reason as data, so the board can link each to its fix.
pub async fn try_apply(
    db: &Db,
    actor: PersonId,
    id: ItemId,
    expected_version: u32,
    operations: &[Operation],
    now: DateTime<Utc>,
) -> AppResult<Result<Outcome, Refusal>> {
    Ok(attempt(db, actor, id, expected_version, operations, now)
        .await?
        .result)
}

/// What [`attempt`] read to decide, handed back so callers that present the
/// result (the board) need not read it again.
#[derive(Debug, Clone)]
pub struct Attempt {
    /// The item as it was before the operations.
    pub before: Item,
    /// The workflow version it follows.
    pub definition: Arc<WorkflowDefinition>,
    /// Everyone, as the engine saw them.
    pub people: People,
    /// The saved outcome, or every reason it was refused.
    pub result: Result<Outcome, Refusal>,
    /// Who got a notification from the change (their bells should update).
    pub notified: Vec<PersonId>,
}

/// [`try_apply`], keeping what was read along the way.
///
/// The engine runs on what the read pool sees, so the single write connection
/// is held only for the save: the version-guarded update (which turns a race
/// into a conflict), a fresh count of any WIP-limited stage the item enters
/// (the rule is applied again if another card got there first), and the events.
pub async fn attempt(
    db: &Db,
    actor: PersonId,
    id: ItemId,
    expected_version: u32,
    operations: &[Operation],
    now: DateTime<Utc>,
) -> AppResult<Attempt> {
    let mut conn = db.read.acquire().await?;
    let item = db::items::load(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Item {id}")))?;
    if item.version != expected_version {
        return Err(AppError::Conflict {
            message: CONFLICT_MESSAGE.into(),
        });
    }
    let def = definition_of(db, &mut conn, &item.workflow_id, item.workflow_version).await?;
    let people = db.directory(&mut conn).await?;
    // Only WIP limits read the counts, and only of stages the operations may enter: a plain
    // move enters its target alone; anything else (an approval) may advance the item anywhere.
    let targets: Option<Vec<&StageKey>> = operations
        .iter()
        .map(|op| match op {
            Operation::MoveTo { stage, .. } => Some(stage),
            _ => None,
        })
        .collect();
    let limited: Vec<&StageKey> = def
        .stages
        .iter()
        .filter(|s| s.wip_limit.is_some())
        .map(|s| &s.key)
        .filter(|key| targets.as_ref().is_none_or(|t| t.contains(key)))
        .collect();
    let mut counts = db::items::stage_counts_in(&mut conn, &item.workflow_id, &limited).await?;
    let linked = open_linked_items(db, &mut conn, item.id, item.campaign).await?;
    let guide = super::versions::guide_for(&mut conn, &def).await?;
    drop(conn);
    let system = automation_account();
    let actor = known(&people, &system, actor)?;
    let decide = |counts: BTreeMap<StageKey, u32>| {
        let mut ctx = Ctx::new(actor, &people, now)
            .with_stage_counts(counts)
            .with_open_linked_items(linked);
        if let Some(guide) = &guide {
            ctx = ctx.with_style_guide(guide);
        }
        domain::apply_all(&def, &item, operations, &ctx)
    };
    let mut notified = Vec::new();
    let result = match decide(counts.clone()) {
        Err(refusal) => Err(refusal),
        Ok(first) => {
            let mut tx = db.write.begin().await?;
            let entered = (first.item.stage != item.stage).then(|| first.item.stage.clone());
            let mut decided = Ok(first);
            if let Some(stage) = entered.filter(|s| limited.contains(&s)) {
                let fresh =
                    db::items::stage_counts_in(&mut tx, &item.workflow_id, &[&stage]).await?;
                if fresh.get(&stage) != counts.get(&stage) {
                    counts.extend(fresh);
                    decided = decide(counts);
                }
            }
            if let Ok(outcome) = &decided {
                if outcome.item.campaign != item.campaign {
                    campaign_exists(&mut tx, outcome.item.campaign).await?;
                }
                if outcome.item.version != item.version
                    && !db::items::update(&mut tx, &outcome.item, &item).await?
                {
                    return Err(AppError::Conflict {
                        message: CONFLICT_MESSAGE.into(),
                    });
                }
                record_events(&mut tx, &outcome.item, &outcome.events, Cause::Person, now).await?;
                if outcome.item.stage != item.stage
                    || outcome.item.entered_stage_at != item.entered_stage_at
                    || outcome.item.archived_at != item.archived_at
                {
                    let hours = db.working_hours(&mut tx).await?;
                    plan_timers(&mut tx, &def, &outcome.item, &hours).await?;
                }
                notified = notify(&mut tx, &def, &item, outcome, &people, now).await?;
                tx.commit().await?;
            }
            decided
        }
    };
    Ok(Attempt {
        before: item,
        definition: def,
        people,
        result,
        notified,
    })
}

/// An item, the definition it runs on, and its activity.
#[derive(Debug, Clone)]
pub struct ItemWithHistory {
    /// The item.
    pub item: Item,
    /// The workflow version it follows.
    pub definition: Arc<WorkflowDefinition>,
    /// Its activity, oldest first.
    pub events: Vec<Event>,
}

/// Reads an item with its definition and history.
pub async fn load(db: &Db, id: ItemId) -> AppResult<ItemWithHistory> {
    let mut conn = db.read.acquire().await?;
    let item = db::items::load(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Item {id}")))?;
    let definition = definition_of(db, &mut conn, &item.workflow_id, item.workflow_version).await?;
    let events = db::events::for_item(&mut conn, id).await?;
    Ok(ItemWithHistory {
        item,
        definition,
        events,
    })
}

/// The moves open to `actor` on `item` now, each with every reason it is not.
pub async fn allowed_moves(
    db: &Db,
    actor: PersonId,
    item: &Item,
    def: &WorkflowDefinition,
    now: DateTime<Utc>,
) -> AppResult<Vec<domain::MoveOption>> {
    let mut conn = db.read.acquire().await?;
    let people = db.directory(&mut conn).await?;
    let system = automation_account();
    let actor = known(&people, &system, actor)?;
    let counts = db::items::stage_counts(&mut conn, &item.workflow_id).await?;
    let linked = open_linked_items(db, &mut conn, item.id, item.campaign).await?;
    let guide = super::versions::guide_for(&mut conn, def).await?;
    let mut ctx = Ctx::new(actor, &people, now)
        .with_stage_counts(counts)
        .with_open_linked_items(linked);
    if let Some(guide) = &guide {
        ctx = ctx.with_style_guide(guide);
    }
    Ok(domain::allowed_moves(def, item, &ctx))
}

/// An item with everything its detail view needs: its definition, history, the moves open
/// to `viewer` now, its stage's sign-off (teams resolved) and the style guide.
pub async fn detail(
    db: &Db,
    viewer: PersonId,
    id: ItemId,
    now: DateTime<Utc>,
) -> AppResult<crate::views::items::ItemDetail> {
    let loaded = load(db, id).await?;
    let moves = allowed_moves(db, viewer, &loaded.item, &loaded.definition, now).await?;
    let mut conn = db.read.acquire().await?;
    let people = db.directory(&mut conn).await?;
    let brand = db::workspace::style_guide(&mut conn).await?;
    let stage = loaded.definition.stage(&loaded.item.stage);
    let approval = stage
        .and_then(|s| s.approval.as_ref())
        .map(|policy| domain::approval_progress_among(policy, &loaded.item, &people));
    let waiting_on = if stage.is_some_and(|s| s.gate_linked_items) {
        open_linked(db, &mut conn, loaded.item.id, loaded.item.campaign).await?
    } else {
        Vec::new()
    };
    Ok(crate::views::items::ItemDetail {
        waiting_on,
        item: loaded.item,
        definition: loaded.definition.as_ref().clone(),
        events: loaded.events,
        moves,
        approval,
        brand,
    })
}
