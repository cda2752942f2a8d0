//! Accounts: password hashes, sessions and invites.

use crate::db::Conn;
use chrono::{DateTime, Utc};

use super::codec::{enum_text, text_enum};
use crate::auth::CurrentUser;
use crate::domain::{PersonId, Role};

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    time_zone: String,
}

impl UserRow {
    fn into_user(self) -> Result<CurrentUser, sqlx::Error> {
        Ok(CurrentUser {
            id: PersonId(self.id),
            name: self.name,
            email: self.email,
            role: text_enum(&self.role)?,
            time_zone: self.time_zone,
        })
    }
}

/// A person who can sign in, found by email, with their password hash.
pub async fn find_login(
    conn: &mut Conn,
    email: &str,
) -> Result<Option<(CurrentUser, String)>, sqlx::Error> {
    let row: Option<(i64, String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, name, email, role, time_zone, password_hash FROM people WHERE email = $1",
    )
    .bind(email.trim().to_lowercase())
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, name, email, role, time_zone, Some(hash))) = row else {
        return Ok(None);
    };
    let user = UserRow {
        id,
        name,
        email,
        role,
        time_zone,
    }
    .into_user()?;
    Ok(Some((user, hash)))
}

/// A person's password hash, if they have one.
pub async fn password_hash(
    conn: &mut Conn,
    person: PersonId,
) -> Result<Option<String>, sqlx::Error> {
    let hash: Option<Option<String>> =
        sqlx::query_scalar("SELECT password_hash FROM people WHERE id = $1")
            .bind(person.0)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(hash.flatten())
}

/// Sets a person's password hash.
pub async fn set_password_hash(
    conn: &mut Conn,
    person: PersonId,
    hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE people SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(person.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// How many people can sign in at all: zero means the first admin is still to be created.
pub async fn count_with_password(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE password_hash IS NOT NULL")
        .fetch_one(&mut *conn)
        .await
}

/// How many admins there are.
pub async fn count_admins(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE role = 'admin'")
        .fetch_one(&mut *conn)
        .await
}

/// Everyone, as the people page lists them.
pub async fn list_users(conn: &mut Conn) -> Result<Vec<CurrentUser>, sqlx::Error> {
    let rows: Vec<UserRow> =
        sqlx::query_as(
            "SELECT id, name, email, role, time_zone FROM people WHERE NOT automation ORDER BY name, id",
        )
            .fetch_all(&mut *conn)
            .await?;
    rows.into_iter().map(UserRow::into_user).collect()
}

/// One person, as the UI knows them.
pub async fn user(conn: &mut Conn, person: PersonId) -> Result<Option<CurrentUser>, sqlx::Error> {
    let row: Option<UserRow> =
        sqlx::query_as("SELECT id, name, email, role, time_zone FROM people WHERE id = $1")
            .bind(person.0)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(UserRow::into_user).transpose()
}

/// Changes name and time zone.
pub async fn update_profile(
    conn: &mut Conn,
    person: PersonId,
    name: &str,
    time_zone: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE people SET name = $1, time_zone = $2 WHERE id = $3")
        .bind(name)
        .bind(time_zone)
        .bind(person.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Changes a role.
pub async fn set_role(conn: &mut Conn, person: PersonId, role: Role) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE people SET role = $1 WHERE id = $2")
        .bind(enum_text(&role))
        .bind(person.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A live session and whose it is.
pub struct SessionRow {
    /// Whose.
    pub user: CurrentUser,
    /// When they signed in.
    pub created_at: DateTime<Utc>,
    /// Their last request.
    pub last_seen_at: DateTime<Utc>,
}

/// Records a new session.
pub async fn insert_session(
    conn: &mut Conn,
    token_hash: &str,
    person: PersonId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sessions (token_hash, person_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
        .bind(token_hash)
        .bind(person.0)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SessionJoin {
    #[sqlx(flatten)]
    user: UserRow,
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
}

/// Finds a session with its person.
pub async fn find_session(
    conn: &mut Conn,
    token_hash: &str,
) -> Result<Option<SessionRow>, sqlx::Error> {
    let row: Option<SessionJoin> = sqlx::query_as(
        "SELECT p.id, p.name, p.email, p.role, p.time_zone, s.created_at, s.last_seen_at \
         FROM sessions s JOIN people p ON p.id = s.person_id WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(SessionRow {
            user: r.user.into_user()?,
            created_at: r.created_at,
            last_seen_at: r.last_seen_at,
        })
    })
    .transpose()
}

/// Marks a session as used now.
pub async fn touch_session(
    conn: &mut Conn,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Ends one session.
pub async fn delete_session(conn: &mut Conn, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Ends every session of a person except `keep`; returns how many ended.
pub async fn delete_other_sessions(
    conn: &mut Conn,
    person: PersonId,
    keep: &str,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE person_id = $1 AND token_hash <> $2")
        .bind(person.0)
        .bind(keep)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

/// Ends every session of a person (a password reset through an emailed link).
pub async fn delete_sessions(conn: &mut Conn, person: PersonId) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE person_id = $1")
        .bind(person.0)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

/// An invite as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InviteRow {
    /// Who is invited.
    pub email: String,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: String,
    /// Until when the link works.
    pub expires_at: DateTime<Utc>,
    /// When it was used, if it was.
    pub used_at: Option<DateTime<Utc>>,
}

/// Records an invite.
#[allow(clippy::too_many_arguments)]
pub async fn insert_invite(
    conn: &mut Conn,
    token_hash: &str,
    email: &str,
    name: &str,
    role: Role,
    by: PersonId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO invites (token_hash, email, name, role, invited_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(token_hash)
    .bind(email.trim().to_lowercase())
    .bind(name)
    .bind(enum_text(&role))
    .bind(by.0)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Finds an invite by its token digest.
pub async fn find_invite(
    conn: &mut Conn,
    token_hash: &str,
) -> Result<Option<InviteRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT email, name, role, expires_at, used_at FROM invites WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await
}

/// Marks an invite used.
pub async fn use_invite(
    conn: &mut Conn,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE invites SET used_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Reads a stored role.
pub fn role_of(text: &str) -> Result<Role, sqlx::Error> {
    text_enum(text)
}
