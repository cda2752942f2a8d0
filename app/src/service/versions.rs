//! A workflow's versions: the history, a diff in words between any two, and moving the open
//! items of one version to the current one — previewed first, then done in one transaction
//! through the engine's `migrate` (events recorded, SLA timers planned again).

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::items::plan_timers;
use crate::auth::CurrentUser;
use crate::db::{self, Conn, Db};
use crate::domain::design::{diff, migrate as migrate_items, migration_preview, StageMap};
use crate::domain::{Ctx, Item, PersonId, Role, StyleGuide, WorkflowDefinition, WorkflowId};
use crate::error::{AppError, AppResult};
use crate::views::designer::{DiffView, MigrationView, VersionEntry, WorkflowPage};

async fn version_of(
    db: &Db,
    conn: &mut Conn,
    id: &WorkflowId,
    version: u32,
) -> AppResult<Arc<WorkflowDefinition>> {
    db.definition(conn, id, version)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Version {version} of workflow {id}")))
}

/// The style guide, when a stage of `def` gates on the brand check (else nobody reads it).
pub(crate) async fn guide_for(
    conn: &mut Conn,
    def: &WorkflowDefinition,
) -> AppResult<Option<StyleGuide>> {
    if def.stages.iter().any(|s| s.brand_check) {
        Ok(Some(db::workspace::style_guide(conn).await?))
    } else {
        Ok(None)
    }
}

/// `/workflows/<id>`: the current version, every version with its open items, the pilot.
pub async fn page(
    db: &Db,
    viewer: &CurrentUser,
    id: &WorkflowId,
    now: DateTime<Utc>,
) -> AppResult<WorkflowPage> {
    let mut conn = db.read.acquire().await?;
    let row = db::workflows::row(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Workflow {id}")))?;
    let definition = version_of(db, &mut conn, id, row.current_version).await?;
    let people = db.directory(&mut conn).await?;
    let campaigns = db.campaigns(&mut conn).await?;
    let open = db::item_sets::open_per_version(&mut conn, id).await?;
    let pilots = db::pilots::history(&mut conn, id).await?;
    let running = pilots.iter().find(|p| p.ended_at.is_none()).cloned();
    let versions = db::workflows::history(&mut conn, id)
        .await?
        .into_iter()
        .map(|v| {
            let note = pilots.iter().find(|p| p.version == v.version).map(|p| {
                let info = super::design::pilot_info(p, &people, &campaigns);
                match p.outcome.as_deref() {
                    Some(outcome) => format!("Piloted with {}; {outcome}", info.group_words),
                    None => format!("In pilot with {}", info.group_words),
                }
            });
            VersionEntry {
                version: v.version,
                saved_at: v.created_at,
                saved_by: v
                    .created_by
                    .map_or_else(|| "Baton".to_owned(), |p| people.name_of(p)),
                current: v.version == row.current_version,
                pilot: running.as_ref().is_some_and(|p| p.version == v.version),
                open_items: open.get(&v.version).copied().unwrap_or(0),
                note,
            }
        })
        .collect();
    drop(conn);
    let comparison = match &running {
        Some(pilot) => Some(super::pilots::comparison(db, pilot, now).await?),
        None => None,
    };
    Ok(WorkflowPage {
        definition: definition.as_ref().clone(),
        builtin: row.builtin,
        archived: row.archived_at.is_some(),
        can_manage: matches!(viewer.role, Role::Manager | Role::Admin),
        versions,
        pilot: running.map(|p| super::design::pilot_info(&p, &people, &campaigns)),
        comparison,
        people,
    })
}

/// What changed from version `from` to version `to`, in words.
pub async fn version_diff(db: &Db, id: &WorkflowId, from: u32, to: u32) -> AppResult<DiffView> {
    let mut conn = db.read.acquire().await?;
    let old = version_of(db, &mut conn, id, from).await?;
    let new = version_of(db, &mut conn, id, to).await?;
    let people = db.directory(&mut conn).await?;
    Ok(DiffView {
        from,
        to,
        changes: diff(&old, &new, &people),
    })
}

/// The versions open items may move between, or why they may not: to the current version,
/// from another that is not the running pilot's.
async fn movable(
    conn: &mut Conn,
    id: &WorkflowId,
    from: u32,
) -> AppResult<db::workflows::WorkflowRow> {
    let row = db::workflows::row(conn, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Workflow {id}")))?;
    if from == row.current_version {
        return Err(AppError::validation(
            "from_version",
            format!("Version {from} is the current version already."),
        ));
    }
    if db::pilots::running(conn, id)
        .await?
        .is_some_and(|p| p.version == from)
    {
        return Err(AppError::validation(
            "from_version",
            format!("Version {from} is the pilot's: promote or drop the pilot instead."),
        ));
    }
    Ok(row)
}

/// What moving the open items of version `from` to the current version would do.
pub async fn preview(
    db: &Db,
    actor: PersonId,
    id: &WorkflowId,
    from: u32,
    stage_map: &StageMap,
    now: DateTime<Utc>,
) -> AppResult<MigrationView> {
    let mut conn = db.read.acquire().await?;
    let row = movable(&mut conn, id, from).await?;
    let old = version_of(db, &mut conn, id, from).await?;
    let new = version_of(db, &mut conn, id, row.current_version).await?;
    let items = db::item_sets::open_in_version(&mut conn, id, from).await?;
    let people = db.directory(&mut conn).await?;
    let counts = db::items::stage_counts(&mut conn, id).await?;
    let guide = guide_for(&mut conn, &new).await?;
    let actor = people.get(actor).ok_or(AppError::Unauthorized)?;
    let mut ctx = Ctx::new(actor, &people, now).with_stage_counts(counts);
    if let Some(guide) = &guide {
        ctx = ctx.with_style_guide(guide);
    }
    Ok(MigrationView {
        preview: migration_preview(&old, &new, &items, stage_map, &ctx),
        stages: new
            .stages
            .iter()
            .map(|s| (s.key.clone(), s.name.clone()))
            .collect(),
    })
}

/// Moves the open items of version `from` to version `to` (which must still be current),
/// all in one transaction: each gets the new version and its mapped stage through the
/// engine, the events are recorded and the SLA timers of its stage visit planned again.
/// Returns the items as saved.
pub async fn migrate(
    db: &Db,
    actor: PersonId,
    id: &WorkflowId,
    from: u32,
    to: u32,
    stage_map: &StageMap,
    now: DateTime<Utc>,
) -> AppResult<Vec<Item>> {
    let mut tx = db.write.begin().await?;
    let row = movable(&mut tx, id, from).await?;
    if row.current_version != to {
        return Err(AppError::Conflict {
            message: format!(
                "The current version is {} now, not {to}: someone saved meanwhile. Reload, then preview again.",
                row.current_version
            ),
        });
    }
    let old = version_of(db, &mut tx, id, from).await?;
    let new = version_of(db, &mut tx, id, to).await?;
    let items = db::item_sets::open_in_version(&mut tx, id, from).await?;
    let people = db.directory(&mut tx).await?;
    let counts = db::items::stage_counts(&mut tx, id).await?;
    let guide = guide_for(&mut tx, &new).await?;
    let hours = db.working_hours(&mut tx).await?;
    let actor = people.get(actor).ok_or(AppError::Unauthorized)?;
    let mut ctx = Ctx::new(actor, &people, now).with_stage_counts(counts);
    if let Some(guide) = &guide {
        ctx = ctx.with_style_guide(guide);
    }
    let outcomes = migrate_items(&old, &new, &items, stage_map, &ctx)
        .map_err(|e| AppError::validation("stage_map", e.to_string()))?;
    let mut saved = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        let Some(before) = items.iter().find(|i| i.id == outcome.item.id) else {
            continue;
        };
        if !db::items::update(&mut tx, &outcome.item, before).await? {
            return Err(AppError::Conflict {
                message: format!(
                    "“{}” changed while the items were moving; nothing moved. Preview again.",
                    before.title
                ),
            });
        }
        db::events::append(&mut tx, outcome.item.id, id, &outcome.events).await?;
        if outcome.item.entered_stage_at == before.entered_stage_at {
            // The same stage visit, perhaps with another SLA in the new version.
            db::timers::forget_unfired_of_visit(
                &mut tx,
                before.id,
                &before.stage,
                before.entered_stage_at,
            )
            .await?;
        }
        plan_timers(&mut tx, &new, &outcome.item, &hours).await?;
        saved.push(outcome.item);
    }
    tx.commit().await?;
    Ok(saved)
}
