//! Uploaded files waiting to be imported.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::PersonId;

/// An uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Upload {
    /// Its id.
    pub id: i64,
    /// Who uploaded it (only they see it).
    pub person_id: i64,
    /// `trello` or `csv`.
    pub kind: String,
    /// The file's name on their computer.
    pub file_name: String,
    /// Its text.
    pub body: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Keeps an uploaded file; returns its id.
pub async fn insert(
    conn: &mut Conn,
    person: PersonId,
    kind: &str,
    file_name: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO import_uploads (person_id, kind, file_name, body, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(person.0)
    .bind(kind)
    .bind(file_name)
    .bind(body)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// The file `id`, if it is still kept.
pub async fn get(conn: &mut Conn, id: i64) -> Result<Option<Upload>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, person_id, kind, file_name, body, created_at FROM import_uploads WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
}

/// Lets the file `id` go; true when it was there.
pub async fn delete(conn: &mut Conn, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM import_uploads WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Lets go of `person`'s uploads of `kind`.
pub async fn delete_of(conn: &mut Conn, person: PersonId, kind: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM import_uploads WHERE person_id = $1 AND kind = $2")
        .bind(person.0)
        .bind(kind)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

/// Lets go of files uploaded before `before`; returns how many.
pub async fn forget_older(conn: &mut Conn, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM import_uploads WHERE created_at < $1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}
