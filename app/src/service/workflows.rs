//! Workflow definitions: copying a built-in, saving a changed version.

use chrono::{DateTime, Utc};

use crate::db::{self, Db};
use crate::domain::{PersonId, WorkflowDefinition, WorkflowId};
use crate::error::{AppError, AppResult};
use crate::views::workflows::WorkflowSummary;

/// The workspace the workflows belong to, as the shell shows it.
pub async fn workspace(db: &Db) -> AppResult<crate::views::workspace::WorkspaceInfo> {
    let workspace = db::workspace::get(&db.read).await?;
    Ok(crate::views::workspace::WorkspaceInfo {
        name: workspace.name,
    })
}

/// Every workflow that is not archived, as lists show them.
pub async fn summaries(db: &Db) -> AppResult<Vec<WorkflowSummary>> {
    let mut conn = db.read.acquire().await?;
    let defs = db.current_definitions(&mut conn).await?;
    Ok(defs
        .iter()
        .map(|d| WorkflowSummary {
            stages: d.stages.iter().map(|s| s.name.clone()).collect(),
            id: d.id.clone(),
            name: d.name.clone(),
            kind: d.kind,
            version: d.version,
        })
        .collect())
}

/// The version of a workflow new items get.
pub async fn current(db: &Db, id: &WorkflowId) -> AppResult<WorkflowDefinition> {
    let mut conn = db.read.acquire().await?;
    db.current_definition(&mut conn, id)
        .await?
        .map(|def| def.as_ref().clone())
        .ok_or_else(|| AppError::not_found(format!("Workflow {id}")))
}

/// Copies a workflow under a new name, as a custom workflow the team can change.
pub async fn copy(
    db: &Db,
    actor: PersonId,
    from: &WorkflowId,
    name: &str,
    now: DateTime<Utc>,
) -> AppResult<WorkflowDefinition> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::validation("name", "Give the copy a name"));
    }
    crate::domain::limits::check("The name", name, crate::domain::limits::NAME)
        .map_err(|m| AppError::validation("name", m))?;
    let mut tx = db.write.begin().await?;
    let source = db
        .current_definition(&mut tx, from)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Workflow {from}")))?;
    let mut copy = source.copy_as(name);
    copy.id = super::design::unused_id(&mut tx, name).await?;
    let version = db::workflows::save(&mut tx, &copy, false, Some(actor), now).await?;
    tx.commit().await?;
    copy.version = version;
    Ok(copy)
}

/// Saves a changed definition as the next version of its workflow. Items
/// already in flight keep running on the version they started with.
pub async fn save(
    db: &Db,
    actor: PersonId,
    def: &WorkflowDefinition,
    now: DateTime<Utc>,
) -> AppResult<WorkflowDefinition> {
    super::design::check_design(def)?;
    let mut tx = db.write.begin().await?;
    if db::workflows::is_builtin(&mut tx, &def.id).await? {
        return Err(AppError::validation(
            "definition",
            format!(
                "{} is a built-in workflow: copy it to make your own version",
                def.name
            ),
        ));
    }
    let version = db::workflows::save(&mut tx, def, false, Some(actor), now).await?;
    tx.commit().await?;
    let mut saved = def.clone();
    saved.version = version;
    Ok(saved)
}
