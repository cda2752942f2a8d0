//! `baton serve --demo`: a realistic marketing team to explore Baton with.
//! Seeds only an empty database, so it never mixes with real work.

use app::db::Db;

use crate::startup::StartupError;

/// Seeds the demo workspace when the database holds no work yet.
pub async fn seed_if_empty(db: &Db) -> Result<(), StartupError> {
    match app::demo::seed_if_empty(db, chrono::Utc::now()).await {
        Ok(Some(seeded)) => {
            tracing::info!(
                "seeded the demo workspace '{}': {} people, {} items",
                app::demo::WORKSPACE_NAME,
                seeded.people,
                seeded.items
            );
            Ok(())
        }
        Ok(None) => {
            tracing::info!("the database already holds work: no demo data was added");
            Ok(())
        }
        Err(e) => Err(StartupError::Demo(e.to_string())),
    }
}
