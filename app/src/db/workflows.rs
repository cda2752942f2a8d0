//! Workflow definitions, versioned: saving a changed definition adds a version,
//! and items keep the version they were created with.

use crate::db::Conn;
use chrono::{DateTime, Utc};

use super::codec::{enum_text, json_text, text_json};
use crate::domain::{PersonId, WorkflowDefinition, WorkflowId};

/// Reads one version of a workflow. Everything else reads definitions through
/// [`super::Db::definition`], which parses each stored version once per process.
pub(super) async fn load_version(
    conn: &mut Conn,
    id: &WorkflowId,
    version: u32,
) -> Result<Option<WorkflowDefinition>, sqlx::Error> {
    let text: Option<String> = sqlx::query_scalar(
        "SELECT definition FROM workflow_versions WHERE workflow_id = $1 AND version = $2",
    )
    .bind(id.as_str())
    .bind(i64::from(version))
    .fetch_optional(&mut *conn)
    .await?;
    text.map(|t| text_json(&t)).transpose()
}

/// Every stored version of every workflow, as (workflow, version): a short list (a version
/// is added only when someone edits a workflow), unlike the items that follow them.
pub async fn versions(conn: &mut Conn) -> Result<Vec<(WorkflowId, u32)>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT workflow_id, version FROM workflow_versions ORDER BY workflow_id, version",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(w, v)| Some((WorkflowId(w), u32::try_from(v).ok()?)))
        .collect())
}

/// The version of a workflow new items get, if the workflow exists.
pub async fn current_version(conn: &mut Conn, id: &WorkflowId) -> Result<Option<u32>, sqlx::Error> {
    let version: Option<i64> =
        sqlx::query_scalar("SELECT current_version FROM workflows WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    version.map(version_number).transpose()
}

/// Every workflow that is not archived with its current version, built-ins first.
pub async fn current_versions(conn: &mut Conn) -> Result<Vec<(WorkflowId, u32)>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT id, current_version FROM workflows WHERE archived_at IS NULL \
         ORDER BY builtin DESC, created_at, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, version)| Ok((WorkflowId(id), version_number(version)?)))
        .collect()
}

fn version_number(n: i64) -> Result<u32, sqlx::Error> {
    u32::try_from(n).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// Stores `def` as the next version of its workflow (creating the workflow when
/// new) and returns the version number it got. The caller validates first.
pub async fn save(
    conn: &mut Conn,
    def: &WorkflowDefinition,
    builtin: bool,
    by: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<u32, sqlx::Error> {
    let current: Option<i64> =
        sqlx::query_scalar("SELECT current_version FROM workflows WHERE id = $1")
            .bind(def.id.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    let version = current.map(|v| v + 1).unwrap_or(1);
    let mut stored = def.clone();
    stored.version = u32::try_from(version).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    match current {
        None => {
            sqlx::query(
                "INSERT INTO workflows (id, name, kind, current_version, builtin, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(def.id.as_str())
            .bind(&def.name)
            .bind(enum_text(&def.kind))
            .bind(version)
            .bind(builtin)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        Some(_) => {
            sqlx::query("UPDATE workflows SET name = $1, current_version = $2 WHERE id = $3")
                .bind(&def.name)
                .bind(version)
                .bind(def.id.as_str())
                .execute(&mut *conn)
                .await?;
        }
    }
    sqlx::query(
        "INSERT INTO workflow_versions (workflow_id, version, definition, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(def.id.as_str())
    .bind(version)
    .bind(json_text(&stored)?)
    .bind(by.map(|p| p.0))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(stored.version)
}

/// Whether the workflow is one of Baton's built-ins (which are copied, never edited in place).
pub async fn is_builtin(conn: &mut Conn, id: &WorkflowId) -> Result<bool, sqlx::Error> {
    let builtin: Option<bool> = sqlx::query_scalar("SELECT builtin FROM workflows WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(builtin == Some(true))
}

/// True when a workflow with this id exists (archived or not).
pub async fn exists(conn: &mut Conn, id: &WorkflowId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM workflows WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.is_some())
}

/// Makes sure every built-in workflow is stored, adding a new version when this
/// build's template differs from the stored one. Returns how many were written.
pub async fn install_builtins(conn: &mut Conn, now: DateTime<Utc>) -> Result<usize, sqlx::Error> {
    let mut written = 0;
    for template in crate::domain::builtin_templates() {
        let stored = match current_version(conn, &template.id).await? {
            Some(version) => load_version(conn, &template.id, version).await?,
            None => None,
        };
        let same = match stored {
            Some(stored) => {
                let mut comparable = template.clone();
                comparable.version = stored.version;
                comparable == stored
            }
            None => false,
        };
        if !same {
            save(conn, &template, true, None, now).await?;
            written += 1;
        }
    }
    Ok(written)
}
