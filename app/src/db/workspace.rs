//! The single workspace row.

use sqlx::{SqliteConnection, SqlitePool};

/// The workspace as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WorkspaceRow {
    /// Display name.
    pub name: String,
}

/// Reads the workspace.
pub async fn get(pool: &SqlitePool) -> Result<WorkspaceRow, sqlx::Error> {
    sqlx::query_as("SELECT name FROM workspace WHERE id = 1")
        .fetch_one(pool)
        .await
}

/// Renames the workspace.
pub async fn rename(conn: &mut SqliteConnection, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE workspace SET name = $1 WHERE id = 1")
        .bind(name)
        .execute(conn)
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
