//! People and their teams.

use crate::db::Conn;
use chrono::{DateTime, Utc};

use super::codec::{enum_text, text_enum};
use crate::domain::{People, Person, PersonId, Role};

/// Adds a person with their teams; returns their id.
pub async fn insert(
    conn: &mut Conn,
    name: &str,
    email: &str,
    role: Role,
    teams: &[&str],
    now: DateTime<Utc>,
) -> Result<PersonId, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO people (name, email, role, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(name)
    .bind(email.trim().to_lowercase())
    .bind(enum_text(&role))
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    for team in teams {
        sqlx::query("INSERT INTO team_members (team, person_id) VALUES ($1, $2)")
            .bind(team)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(PersonId(id))
}

/// The person the team knows by this email, whether or not they can sign in.
pub async fn find_by_email(conn: &mut Conn, email: &str) -> Result<Option<PersonId>, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
        .bind(email.trim().to_lowercase())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.map(PersonId))
}

/// The account automatic changes (an escalation when an SLA runs out) are made by.
pub async fn automation(conn: &mut Conn) -> Result<Person, sqlx::Error> {
    let row: PersonRow = sqlx::query_as(
        "SELECT id, name, email, role FROM people WHERE automation ORDER BY id LIMIT 1",
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(Person {
        id: PersonId(row.id),
        name: row.name,
        email: row.email,
        // Stored as a viewer so no screen offers it anything; it acts as a member would.
        role: Role::Member,
        teams: Vec::new(),
    })
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    name: String,
    email: String,
    role: String,
}

/// Everyone on the team, with their teams: the directory operations resolve names and teams
/// in. Baton's own automation account is not on the team.
pub async fn directory(conn: &mut Conn) -> Result<People, sqlx::Error> {
    let rows: Vec<PersonRow> = sqlx::query_as(
        "SELECT id, name, email, role FROM people WHERE NOT automation ORDER BY name, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let memberships: Vec<(i64, String)> =
        sqlx::query_as("SELECT person_id, team FROM team_members ORDER BY team")
            .fetch_all(&mut *conn)
            .await?;
    let mut persons = Vec::with_capacity(rows.len());
    for row in rows {
        persons.push(Person {
            id: PersonId(row.id),
            name: row.name,
            email: row.email,
            role: text_enum(&row.role)?,
            teams: memberships
                .iter()
                .filter(|(p, _)| *p == row.id)
                .map(|(_, t)| t.clone())
                .collect(),
        });
    }
    Ok(People::new(persons))
}

/// How many people there are.
pub async fn count(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE NOT automation")
        .fetch_one(&mut *conn)
        .await
}
