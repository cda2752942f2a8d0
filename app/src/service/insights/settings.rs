//! What the team records for insights: post-launch fixes on delivered items, and the stage
//! where each workflow's work starts.

use chrono::{DateTime, Utc};

use crate::auth::CurrentUser;
use crate::db::{self, Db};
use crate::domain::{limits, ItemId, Role, StageKey, WorkflowId};
use crate::error::{AppError, AppResult};
use crate::views::insights::{FixView, ItemFixes, StartStageView};

/// An item's post-launch fixes, and whether the viewer may record one.
pub async fn item_fixes(db: &Db, viewer: &CurrentUser, id: ItemId) -> AppResult<ItemFixes> {
    let mut conn = db.read.acquire().await?;
    let item = db::items::load(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Item {id}")))?;
    let def = db
        .definition(&mut conn, &item.workflow_id, item.workflow_version)
        .await?
        .ok_or_else(|| AppError::not_found(format!("The workflow of item {id}")))?;
    let people = db.directory(&mut conn).await?;
    let rows = db::insights::fixes_of_item(&mut conn, id).await?;
    let zone = crate::service::present::zone_of(&viewer.time_zone);
    let finished = def.stages.last().is_some_and(|s| s.key == item.stage);
    Ok(ItemFixes {
        finished,
        fixes: rows
            .into_iter()
            .map(|r| FixView {
                what: r.what,
                stage: r.stage.map(|key| {
                    let key = StageKey(key);
                    def.stage(&key)
                        .map_or_else(|| key.to_string(), |s| s.name.clone())
                }),
                by: people.name_of(crate::domain::PersonId(r.recorded_by)),
                when: crate::domain::words::day(r.recorded_at.with_timezone(&zone).date_naive()),
            })
            .collect(),
        stages: def
            .stages
            .iter()
            .take(def.stages.len().saturating_sub(1))
            .map(|s| (s.key.clone(), s.name.clone()))
            .collect(),
        can_record: finished && viewer.can_work(),
    })
}

/// Records what went wrong after `id` went out, and which stage should have caught it.
pub async fn record_fix(
    db: &Db,
    viewer: &CurrentUser,
    id: ItemId,
    what: &str,
    stage: Option<StageKey>,
    now: DateTime<Utc>,
) -> AppResult<ItemFixes> {
    let what = what.trim();
    if what.is_empty() {
        return Err(AppError::validation(
            "what",
            "Say what went wrong after it went out.",
        ));
    }
    limits::check("What went wrong", what, limits::FIX)
        .map_err(|message| AppError::validation("what", message))?;
    let mut tx = db.write.begin().await?;
    let item = db::items::load(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Item {id}")))?;
    let def = db
        .definition(&mut tx, &item.workflow_id, item.workflow_version)
        .await?
        .ok_or_else(|| AppError::not_found(format!("The workflow of item {id}")))?;
    let last = def.stages.last().map(|s| s.key.clone());
    if last.as_ref() != Some(&item.stage) {
        let here = def
            .stage(&item.stage)
            .map_or_else(|| item.stage.to_string(), |s| s.name.clone());
        return Err(AppError::validation(
            "item",
            format!(
                "Only work that went out can need a post-launch fix, and this item is still in {here}."
            ),
        ));
    }
    if let Some(stage) = &stage {
        if def.stage(stage).is_none() || Some(stage) == last.as_ref() {
            return Err(AppError::validation(
                "stage",
                "Choose one of the stages the item went through before it went out.",
            ));
        }
    }
    db::insights::insert_fix(&mut tx, id, what, stage.as_ref(), viewer.id, now).await?;
    tx.commit().await?;
    item_fixes(db, viewer, id).await
}

/// Sets the stage where `workflow`'s work starts (cycle time counts from entering it).
pub async fn set_start_stage(
    db: &Db,
    viewer: &CurrentUser,
    workflow: &WorkflowId,
    stage: &StageKey,
    now: DateTime<Utc>,
) -> AppResult<StartStageView> {
    let mut tx = db.write.begin().await?;
    let def = db
        .current_definition(&mut tx, workflow)
        .await?
        .ok_or_else(|| AppError::not_found(format!("The workflow {workflow}")))?;
    let last = def.stages.len().saturating_sub(1);
    let Some(position) = def.stage_index(stage).filter(|p| *p < last) else {
        return Err(AppError::validation(
            "stage",
            format!(
                "Work can start at any stage of {} but the last one: choose one of them.",
                def.name
            ),
        ));
    };
    db::insights::set_start_stage(&mut tx, workflow, stage, viewer.id, now).await?;
    tx.commit().await?;
    Ok(StartStageView {
        workflow: workflow.clone(),
        stages: def.stages[..last]
            .iter()
            .map(|s| (s.key.clone(), s.name.clone()))
            .collect(),
        current: def.stages[position].key.clone(),
        can_change: matches!(viewer.role, Role::Manager | Role::Admin),
    })
}
