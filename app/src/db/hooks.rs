//! Inbound hooks (secret addresses other tools post results or requests to) and intake
//! forms.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::{PersonId, WorkflowId};

/// What a hook does with what is posted to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookKind {
    /// Records a result of an item or a campaign.
    RecordResult,
    /// Creates an item in a workflow.
    CreateItem,
}

impl HookKind {
    fn as_str(self) -> &'static str {
        match self {
            HookKind::RecordResult => "record_result",
            HookKind::CreateItem => "create_item",
        }
    }
}

/// A hook as stored (its token is not: only a digest).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredHook {
    /// Its id.
    pub id: i64,
    /// Its name, e.g. "ESP open rates".
    pub name: String,
    /// What it does.
    pub kind: HookKind,
    /// The workflow items are created in (create hooks).
    pub workflow: Option<WorkflowId>,
    /// The Standard Webhooks secret requests must be signed with, if any.
    pub signing_secret: Option<String>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was last called.
    pub last_used_at: Option<DateTime<Utc>>,
}

type Row = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

fn hook_of((id, name, kind, workflow, secret, created_at, last_used_at): Row) -> StoredHook {
    StoredHook {
        id,
        name,
        kind: if kind == "create_item" {
            HookKind::CreateItem
        } else {
            HookKind::RecordResult
        },
        workflow: workflow.map(WorkflowId),
        signing_secret: secret,
        created_at,
        last_used_at,
    }
}

const COLUMNS: &str = "id, name, kind, workflow_id, signing_secret, created_at, last_used_at";

/// Stores a hook under its token's digest.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    conn: &mut Conn,
    name: &str,
    token_hash: &str,
    kind: HookKind,
    workflow: Option<&WorkflowId>,
    signing_secret: Option<&str>,
    by: PersonId,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO inbound_hooks (name, token_hash, kind, workflow_id, signing_secret, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(name)
    .bind(token_hash)
    .bind(kind.as_str())
    .bind(workflow.map(|w| w.as_str().to_owned()))
    .bind(signing_secret)
    .bind(by.0)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// Every hook not revoked, newest first.
pub async fn list(conn: &mut Conn) -> Result<Vec<StoredHook>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM inbound_hooks WHERE revoked_at IS NULL ORDER BY id DESC"
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(hook_of).collect())
}

/// The hook a token digest opens, if it is not revoked.
pub async fn by_token(
    conn: &mut Conn,
    token_hash: &str,
) -> Result<Option<StoredHook>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM inbound_hooks WHERE token_hash = $1 AND revoked_at IS NULL"
    ))
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(hook_of))
}

/// Notes that a hook was called.
pub async fn used(conn: &mut Conn, id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE inbound_hooks SET last_used_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Revokes a hook; true if there was one.
pub async fn revoke(conn: &mut Conn, id: i64, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE inbound_hooks SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A workflow's intake form settings: its public token (when anyone with the link may
/// submit) and the sentence shown above it.
pub async fn form(
    conn: &mut Conn,
    workflow: &WorkflowId,
) -> Result<Option<(Option<String>, String)>, sqlx::Error> {
    sqlx::query_as("SELECT public_token, intro FROM intake_forms WHERE workflow_id = $1")
        .bind(workflow.as_str())
        .fetch_optional(&mut *conn)
        .await
}

/// The workflow whose public form this token opens.
pub async fn form_by_token(
    conn: &mut Conn,
    token: &str,
) -> Result<Option<WorkflowId>, sqlx::Error> {
    let found: Option<String> =
        sqlx::query_scalar("SELECT workflow_id FROM intake_forms WHERE public_token = $1")
            .bind(token)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(found.map(WorkflowId))
}

/// Saves a workflow's intake form settings.
pub async fn save_form(
    conn: &mut Conn,
    workflow: &WorkflowId,
    public_token: Option<&str>,
    intro: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO intake_forms (workflow_id, public_token, intro, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (workflow_id) DO UPDATE SET public_token = excluded.public_token, \
         intro = excluded.intro, updated_at = excluded.updated_at",
    )
    .bind(workflow.as_str())
    .bind(public_token)
    .bind(intro)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
