//! The single workspace row.

use sqlx::SqlitePool;

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
pub async fn rename(pool: &SqlitePool, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE workspace SET name = $1 WHERE id = 1")
        .bind(name)
        .execute(pool)
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
        rename(&t.db.write, "Northwind Marketing").await.unwrap();
        assert_eq!(get(&t.db.read).await.unwrap().name, "Northwind Marketing");
    }
}
