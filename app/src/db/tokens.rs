//! Personal access tokens (stored as digests) and the answers kept for idempotent retries.

use chrono::{DateTime, Utc};

use super::codec::text_enum;
use super::Conn;
use crate::auth::CurrentUser;
use crate::domain::tokens::Scopes;
use crate::domain::PersonId;
use crate::views::tokens::TokenView;

const COLUMNS: &str = "t.id, t.person_id, p.name AS person_name, t.name, t.hint, t.scopes, \
    t.created_at, t.expires_at, t.last_used_at, t.revoked_at";

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    person_id: i64,
    person_name: String,
    name: String,
    hint: String,
    scopes: String,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<TokenRow> for TokenView {
    fn from(row: TokenRow) -> Self {
        TokenView {
            id: row.id,
            person: PersonId(row.person_id),
            person_name: row.person_name,
            name: row.name,
            hint: row.hint,
            scopes: Scopes::parse(&row.scopes).iter().collect(),
            created_at: row.created_at,
            expires_at: row.expires_at,
            last_used_at: row.last_used_at,
            revoked_at: row.revoked_at,
        }
    }
}

/// What a new token is stored as.
pub struct NewTokenRow<'a> {
    /// Whose.
    pub person: PersonId,
    /// What it is for.
    pub name: &'a str,
    /// The digest of the secret.
    pub digest: &'a str,
    /// Its last four characters.
    pub hint: &'a str,
    /// Its scopes.
    pub scopes: &'a Scopes,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// Stores a new token and returns its number.
pub async fn insert(
    conn: &mut Conn,
    token: NewTokenRow<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO api_tokens (person_id, name, digest, hint, scopes, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(token.person.0)
    .bind(token.name)
    .bind(token.digest)
    .bind(token.hint)
    .bind(token.scopes.text())
    .bind(now)
    .bind(token.expires_at)
    .fetch_one(&mut *conn)
    .await
}

/// One token as listed.
pub async fn get(conn: &mut Conn, id: i64) -> Result<Option<TokenView>, sqlx::Error> {
    let row: Option<TokenRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM api_tokens t JOIN people p ON p.id = t.person_id WHERE t.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(TokenView::from))
}

/// A person's tokens (`None`: everyone's), the newest first.
pub async fn list(
    conn: &mut Conn,
    person: Option<PersonId>,
) -> Result<Vec<TokenView>, sqlx::Error> {
    let rows: Vec<TokenRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM api_tokens t JOIN people p ON p.id = t.person_id \
         WHERE $1 IS NULL OR t.person_id = $1 ORDER BY t.id DESC LIMIT 1000"
    ))
    .bind(person.map(|p| p.0))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(TokenView::from).collect())
}

/// How many of a person's tokens still work at `now`.
pub async fn count_open(
    conn: &mut Conn,
    person: PersonId,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM api_tokens WHERE person_id = $1 AND revoked_at IS NULL AND expires_at > $2",
    )
    .bind(person.0)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// Revokes a token; `false` when it was already revoked (or does not exist).
pub async fn revoke(
    conn: &mut Conn,
    id: i64,
    by: PersonId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(by.0)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A token found by its digest, with its person as they are now.
pub struct Holder {
    /// The token.
    pub token: TokenView,
    /// Its person.
    pub user: CurrentUser,
}

#[derive(sqlx::FromRow)]
struct HolderRow {
    #[sqlx(flatten)]
    token: TokenRow,
    email: String,
    role: String,
    time_zone: String,
}

/// The token whose secret has `digest`, with its person; revoked and expired ones included
/// (the caller says why they no longer work).
pub async fn find(conn: &mut Conn, digest: &str) -> Result<Option<Holder>, sqlx::Error> {
    let row: Option<HolderRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS}, p.email, p.role, p.time_zone FROM api_tokens t \
         JOIN people p ON p.id = t.person_id WHERE t.digest = $1"
    ))
    .bind(digest)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| {
        let user = CurrentUser {
            id: PersonId(row.token.person_id),
            name: row.token.person_name.clone(),
            email: row.email,
            role: text_enum(&row.role)?,
            time_zone: row.time_zone,
        };
        Ok(Holder {
            token: row.token.into(),
            user,
        })
    })
    .transpose()
}

/// Marks a token as used at `now`.
pub async fn touch(conn: &mut Conn, id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A kept answer to an idempotent request.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KeptAnswer {
    /// What identified the request: method, path and a digest of its body.
    pub fingerprint: String,
    /// The answer's status; 0 while the first request is still being answered.
    pub status: i64,
    /// The answer's body.
    pub body: String,
}

/// Claims `key` for a request; `Some` with what is kept when it was claimed before.
pub async fn claim_key(
    conn: &mut Conn,
    token: i64,
    key: &str,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<Option<KeptAnswer>, sqlx::Error> {
    let claimed = sqlx::query(
        "INSERT INTO api_idempotency (token_id, idempotency_key, fingerprint, status, body, created_at) \
         VALUES ($1, $2, $3, 0, '', $4) ON CONFLICT (token_id, idempotency_key) DO NOTHING",
    )
    .bind(token)
    .bind(key)
    .bind(fingerprint)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if claimed.rows_affected() == 1 {
        return Ok(None);
    }
    sqlx::query_as(
        "SELECT fingerprint, status, body FROM api_idempotency WHERE token_id = $1 AND idempotency_key = $2",
    )
    .bind(token)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await
}

/// Keeps the answer given under a claimed key.
pub async fn keep_answer(
    conn: &mut Conn,
    token: i64,
    key: &str,
    status: u16,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE api_idempotency SET status = $1, body = $2 WHERE token_id = $3 AND idempotency_key = $4",
    )
    .bind(i64::from(status))
    .bind(body)
    .bind(token)
    .bind(key)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Lets a claimed key go (the request failed on Baton's side, so a retry should run again).
pub async fn release_key(conn: &mut Conn, token: i64, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM api_idempotency WHERE token_id = $1 AND idempotency_key = $2")
        .bind(token)
        .bind(key)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Forgets answers kept since before `before`.
pub async fn forget_answers(conn: &mut Conn, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM api_idempotency WHERE created_at < $1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}
