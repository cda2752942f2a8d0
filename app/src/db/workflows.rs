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
/// new), makes it the current version, and returns the version number it got. The
/// caller validates first.
pub async fn save(
    conn: &mut Conn,
    def: &WorkflowDefinition,
    builtin: bool,
    by: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<u32, sqlx::Error> {
    add_version(conn, def, builtin, by, now, true).await
}

/// Stores `def` as the next version of its workflow: one more than the newest stored
/// version (a pilot's version may be newer than the current one). With `make_current`
/// new items get it; without, it waits for a pilot or a promotion. A new workflow is
/// created with it as its current version either way.
pub async fn add_version(
    conn: &mut Conn,
    def: &WorkflowDefinition,
    builtin: bool,
    by: Option<PersonId>,
    now: DateTime<Utc>,
    make_current: bool,
) -> Result<u32, sqlx::Error> {
    let newest: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM workflow_versions WHERE workflow_id = $1")
            .bind(def.id.as_str())
            .fetch_one(&mut *conn)
            .await?;
    let version = newest.map(|v| v + 1).unwrap_or(1);
    let mut stored = def.clone();
    stored.version = u32::try_from(version).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    if !exists(conn, &def.id).await? {
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
    if make_current {
        set_current(conn, &stored).await?;
    }
    Ok(stored.version)
}

/// Makes a stored version the one new items get (a promoted pilot), with its name and kind.
pub async fn make_version_current(
    conn: &mut Conn,
    id: &WorkflowId,
    version: u32,
) -> Result<(), sqlx::Error> {
    let Some(def) = load_version(conn, id, version).await? else {
        return Err(sqlx::Error::RowNotFound);
    };
    set_current(conn, &def).await
}

async fn set_current(conn: &mut Conn, def: &WorkflowDefinition) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE workflows SET name = $1, kind = $2, current_version = $3 WHERE id = $4")
        .bind(&def.name)
        .bind(enum_text(&def.kind))
        .bind(i64::from(def.version))
        .bind(def.id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A workflow's row: what lists and the designer need to know besides its definitions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowRow {
    /// Its id.
    pub id: WorkflowId,
    /// The version new items get.
    pub current_version: u32,
    /// One of Baton's built-ins (read-only; copied to be changed).
    pub builtin: bool,
    /// When it was archived; its board is then off every list.
    pub archived_at: Option<DateTime<Utc>>,
}

type Row = (String, i64, bool, Option<DateTime<Utc>>);

fn workflow_row((id, version, builtin, archived_at): Row) -> Result<WorkflowRow, sqlx::Error> {
    Ok(WorkflowRow {
        id: WorkflowId(id),
        current_version: version_number(version)?,
        builtin,
        archived_at,
    })
}

/// One workflow's row, archived or not.
pub async fn row(conn: &mut Conn, id: &WorkflowId) -> Result<Option<WorkflowRow>, sqlx::Error> {
    let found: Option<Row> = sqlx::query_as(
        "SELECT id, current_version, builtin, archived_at FROM workflows WHERE id = $1",
    )
    .bind(id.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    found.map(workflow_row).transpose()
}

/// Every workflow's row, archived ones too: built-ins first, then by when they were made.
pub async fn rows(conn: &mut Conn) -> Result<Vec<WorkflowRow>, sqlx::Error> {
    let found: Vec<Row> = sqlx::query_as(
        "SELECT id, current_version, builtin, archived_at FROM workflows \
         ORDER BY builtin DESC, created_at, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    found.into_iter().map(workflow_row).collect()
}

/// Archives a workflow (`Some(now)`) or restores it (`None`). Its items and history stay.
pub async fn set_archived(
    conn: &mut Conn,
    id: &WorkflowId,
    archived_at: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE workflows SET archived_at = $1 WHERE id = $2")
        .bind(archived_at)
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// One stored version as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRow {
    /// The version number.
    pub version: u32,
    /// Who saved it (`None` for Baton's own built-ins).
    pub created_by: Option<PersonId>,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Every stored version of a workflow, newest first.
pub async fn history(conn: &mut Conn, id: &WorkflowId) -> Result<Vec<VersionRow>, sqlx::Error> {
    let rows: Vec<(i64, Option<i64>, DateTime<Utc>)> = sqlx::query_as(
        "SELECT version, created_by, created_at FROM workflow_versions \
         WHERE workflow_id = $1 ORDER BY version DESC",
    )
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(version, by, at)| {
            Ok(VersionRow {
                version: version_number(version)?,
                created_by: by.map(PersonId),
                created_at: at,
            })
        })
        .collect()
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
    let found: Option<i64> =
        sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM workflows WHERE id = $1")
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
