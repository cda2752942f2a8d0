//! Pilots on stored data: how the pilot compares with the baseline, and promoting it to
//! everyone or dropping it.
//!
//! The comparison reads the trail of the workflow's items that changed since the pilot
//! started and builds their histories with the metrics' own `ItemHistory::from_events`:
//! a small read until the insights' stored histories can answer it.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::db::pilots::PilotRow;
use crate::db::{self, Db};
use crate::domain::design::{compare_pilot, PilotComparison};
use crate::domain::metrics::{local_day, FlowSettings, ItemHistory, Period};
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
    let items = db::item_sets::changed_since(&mut conn, &pilot.workflow, pilot.started_at).await?;
    let ids: Vec<_> = items.iter().map(|i| i.id).collect();
    let mut events = db::item_sets::events_of(&mut conn, &ids).await?;
    let mut flows: BTreeMap<u32, FlowSettings> = BTreeMap::new();
    let (mut trial, mut baseline) = (Vec::new(), Vec::new());
    for item in &items {
        let version = item.workflow_version;
        if let Entry::Vacant(slot) = flows.entry(version) {
            if let Some(def) = db.definition(&mut conn, &pilot.workflow, version).await? {
                slot.insert(FlowSettings::from_definition(&def));
            }
        }
        let Some(flow) = flows.get(&version) else {
            continue;
        };
        let trail = events.remove(&item.id).unwrap_or_default();
        let history = ItemHistory::from_events(item, &trail, flow);
        if version > pilot.baseline_version && version <= pilot.version {
            trial.push(history);
        } else {
            baseline.push(history);
        }
    }
    let current = db
        .definition(&mut conn, &pilot.workflow, pilot.version)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Workflow {}", pilot.workflow)))?;
    let period = Period::new(local_day(pilot.started_at, offset), local_day(now, offset));
    Ok(compare_pilot(
        &trial,
        &baseline,
        &FlowSettings::from_definition(&current),
        period,
        offset,
    ))
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
