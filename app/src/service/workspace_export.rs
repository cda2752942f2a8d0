//! The whole workspace as one JSON document (see [`crate::domain::exchange::workspace`]),
//! for admins: read in one read transaction, so it is one consistent moment.

use chrono::{DateTime, Utc};

use crate::auth::CurrentUser;
use crate::db::{self, Db};
use crate::domain::exchange::workspace::*;
use crate::domain::Role;
use crate::error::{AppError, AppResult};

/// How many trail entries are read at a time.
const EVENTS_PER_READ: i64 = 10_000;

/// The workspace export's file name and text.
pub async fn workspace_json(
    db: &Db,
    me: &CurrentUser,
    now: DateTime<Utc>,
) -> AppResult<(String, String)> {
    if me.role != Role::Admin {
        return Err(AppError::Forbidden {
            action: "export the whole workspace — ask an admin".into(),
        });
    }
    let export = workspace(db, now).await?;
    let text = serde_json::to_string_pretty(&export).map_err(|e| {
        tracing::error!(error = %e, "could not write the workspace export");
        AppError::Internal
    })?;
    Ok((
        format!("baton-workspace-{}.json", now.format("%Y-%m-%d")),
        text,
    ))
}

/// Everything, read at one moment.
pub async fn workspace(db: &Db, now: DateTime<Utc>) -> AppResult<WorkspaceExport> {
    let name = db::workspace::get(&db.read).await?.name;
    let mut tx = db.read.begin().await?;
    let people = db::people::directory(&mut tx)
        .await?
        .persons
        .into_iter()
        .map(|p| ExportedPerson {
            id: p.id,
            name: p.name,
            email: p.email,
            role: p.role,
            teams: p.teams,
        })
        .collect();
    let mut workflows = Vec::new();
    for row in db::workflows::rows(&mut tx).await? {
        let mut versions = Vec::new();
        let mut history = db::workflows::history(&mut tx, &row.id).await?;
        history.reverse();
        for version in history {
            if let Some(def) = db.definition(&mut tx, &row.id, version.version).await? {
                versions.push(def.as_ref().clone());
            }
        }
        workflows.push(ExportedWorkflow {
            id: row.id,
            current_version: row.current_version,
            builtin: row.builtin,
            archived_at: row.archived_at,
            versions,
        });
    }
    let campaigns = db::campaigns::all(&mut tx)
        .await?
        .into_iter()
        .map(|c| ExportedCampaign {
            id: c.id,
            plan: c.plan,
            closed_at: c.closed_at,
        })
        .collect();
    let items = db::items::all(&mut tx).await?;
    let mut events = Vec::new();
    let mut after = 0;
    loop {
        let page = db::events::after(&mut tx, after, EVENTS_PER_READ).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        events.extend(page.into_iter().map(|e| ExportedEvent {
            id: e.id,
            item: e.item,
            event: e.event,
        }));
    }
    let results = db::results::all(&mut tx)
        .await?
        .into_iter()
        .map(|(item, campaign, r)| ExportedResult {
            item,
            campaign,
            metric: r.metric.to_string(),
            value: r.value,
            recorded_at: r.recorded_at,
            recorded_by: r.recorded_by,
        })
        .collect();
    let rules = db::automation::rules(&mut tx)
        .await?
        .into_iter()
        .map(|r| r.rule)
        .collect();
    tx.commit().await?;
    Ok(WorkspaceExport {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        exported_at: now,
        workspace: name,
        people,
        workflows,
        campaigns,
        items,
        events,
        results,
        rules,
    })
}
