//! The single workspace row.

use super::Pool;

use super::Conn;

use super::codec::{json_text, text_json};
use crate::domain::{StyleGuide, WorkingHours};

/// The workspace as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WorkspaceRow {
    /// Display name.
    pub name: String,
}

/// Reads the workspace.
pub async fn get(pool: &Pool) -> Result<WorkspaceRow, sqlx::Error> {
    sqlx::query_as("SELECT name FROM workspace WHERE id = 1")
        .fetch_one(pool)
        .await
}

/// Renames the workspace.
pub async fn rename(conn: &mut Conn, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE workspace SET name = $1 WHERE id = 1")
        .bind(name)
        .execute(conn)
        .await?;
    Ok(())
}

/// A JSON setting kept in a column of the workspace row; `T::default()` when never set.
async fn setting<T: serde::de::DeserializeOwned + Default>(
    conn: &mut Conn,
    column: &'static str,
) -> Result<T, sqlx::Error> {
    let stored: Option<String> =
        sqlx::query_scalar(&format!("SELECT {column} FROM workspace WHERE id = 1"))
            .fetch_one(&mut *conn)
            .await?;
    stored
        .as_deref()
        .map(text_json)
        .transpose()
        .map(Option::unwrap_or_default)
}

/// Saves a JSON setting in a column of the workspace row.
async fn set_setting<T: serde::Serialize>(
    conn: &mut Conn,
    column: &'static str,
    value: &T,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("UPDATE workspace SET {column} = $1 WHERE id = 1"))
        .bind(json_text(value)?)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The team's working week (what business-hours SLAs count); the default when never set.
pub async fn working_hours(conn: &mut Conn) -> Result<WorkingHours, sqlx::Error> {
    setting(conn, "working_hours").await
}

/// Saves the team's working week.
pub async fn set_working_hours(conn: &mut Conn, hours: &WorkingHours) -> Result<(), sqlx::Error> {
    set_setting(conn, "working_hours", hours).await
}

/// The brand style guide; Baton's defaults when never set.
pub async fn style_guide(conn: &mut Conn) -> Result<StyleGuide, sqlx::Error> {
    setting(conn, "style_guide").await
}

/// Saves the brand style guide.
pub async fn set_style_guide(conn: &mut Conn, guide: &StyleGuide) -> Result<(), sqlx::Error> {
    set_setting(conn, "style_guide", guide).await
}

/// The workspace's time zone (IANA name), which schedules are read in.
pub async fn time_zone(conn: &mut Conn) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT time_zone FROM workspace WHERE id = 1")
        .fetch_one(&mut *conn)
        .await
}

/// Changes the workspace's time zone.
pub async fn set_time_zone(conn: &mut Conn, zone: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE workspace SET time_zone = $1 WHERE id = 1")
        .bind(zone)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing;

    #[tokio::test]
    async fn a_fresh_database_has_a_named_workspace_that_can_be_renamed() {
        let t = testing::fresh().await;
        assert_eq!(get(&t.db.read).await.unwrap().name, "Marketing");
        let mut conn = t.db.write.acquire().await.unwrap();
        rename(&mut conn, "Northwind Marketing").await.unwrap();
        assert_eq!(get(&t.db.read).await.unwrap().name, "Northwind Marketing");
    }
}
