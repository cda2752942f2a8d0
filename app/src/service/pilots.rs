//! Pilots on stored data: how the pilot compares with the baseline, and promoting it to
//! everyone or dropping it.
//!
//! The comparison reads the stored trails and post-launch fixes of the workflow's items that
//! changed since the pilot started, with the settings /insights uses (the current version's
//! stages and the chosen start stage), so both pages count alike.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::db::pilots::PilotRow;
use crate::db::{self, Db};
use crate::domain::design::{compare_pilot, PilotComparison};
use crate::domain::metrics::{local_day, Period};
use crate::domain::{WorkflowDefinition, WorkflowId};
use crate::error::{AppError, AppResult};

/// The pilot's finished items beside the baseline's, from the day it started to today.
/// Items on the pilot's versions (any saved while it ran) are the pilot's; the others are
/// the baseline.
pub async fn comparison(
    db: &Db,
    pilot: &PilotRow,
    now: DateTime<Utc>,
) -> AppResult<PilotComparison> {
    let mut conn = db.read.acquire().await?;
    let offset = db.working_hours(&mut conn).await?.offset;
    let (_, flow) = super::insights::flow_of(db, &mut conn, &pilot.workflow)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Workflow {}", pilot.workflow)))?;
    let items = db::item_sets::changed_since(&mut conn, &pilot.workflow, pilot.started_at).await?;
    let versions: BTreeMap<_, _> = items.iter().map(|i| (i.id, i.workflow_version)).collect();
    let ids: Vec<_> = versions.keys().copied().collect();
    let mut fixes = db::trails::fixes_of_workflow(&mut conn, &pilot.workflow).await?;
    let (mut trial, mut baseline) = (Vec::new(), Vec::new());
    for mut history in db::trails::of_items(&mut conn, &ids).await? {
        let Some(&version) = versions.get(&history.item) else {
            continue;
        };
        history.recompute(&flow);
        if let Some(found) = fixes.remove(&history.item) {
            history.fixes = found;
        }
        if version > pilot.baseline_version && version <= pilot.version {
            trial.push(history);
        } else {
            baseline.push(history);
        }
    }
    let period = Period::new(local_day(pilot.started_at, offset), local_day(now, offset));
    Ok(compare_pilot(&trial, &baseline, &flow, period, offset))
}

/// Ends the running pilot of `workflow`, which must still be on `version`: promoted, its
/// version becomes current; dropped, its items keep it and new items get the current one.
pub async fn end(
    db: &Db,
    workflow: &WorkflowId,
    version: u32,
    promote: bool,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let mut tx = db.write.begin().await?;
    let Some(pilot) = db::pilots::running(&mut tx, workflow).await? else {
        return Err(AppError::Conflict {
            message: "No pilot is running on this workflow any more: someone ended it. Reload to see what happened.".into(),
        });
    };
    if pilot.version != version {
        return Err(AppError::Conflict {
            message: format!(
                "The pilot is on version {} now, not {version}: someone saved meanwhile. Reload, then decide.",
                pilot.version
            ),
        });
    }
    let def: std::sync::Arc<WorkflowDefinition> = db
        .definition(&mut tx, workflow, version)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Workflow {workflow} version {version}")))?;
    let message = if promote {
        db::workflows::make_version_current(&mut tx, workflow, version).await?;
        db::pilots::end(&mut tx, pilot.id, "promoted", now).await?;
        format!(
            "Version {version} of {} is current now: everyone's new items get it. Move open items to it from the versions list.",
            def.name
        )
    } else {
        db::pilots::end(&mut tx, pilot.id, "dropped", now).await?;
        format!(
            "The pilot of version {version} is dropped: its items keep that version; new items get version {} again.",
            current_version(&mut tx, workflow).await?
        )
    };
    tx.commit().await?;
    Ok(message)
}

async fn current_version(conn: &mut db::Conn, workflow: &WorkflowId) -> AppResult<u32> {
    Ok(db::workflows::current_version(conn, workflow)
        .await?
        .unwrap_or(0))
}
