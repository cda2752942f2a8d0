//! `baton serve --demo`: a realistic marketing team to explore Baton with.
//! Seeds only an empty database, so it never mixes with real work.

use app::db::Db;

use crate::startup::StartupError;

/// Seeds the demo workspace when the database holds no work yet. Returns
/// whether the demo accounts are there (seeded now or on an earlier start).
pub async fn seed_if_empty(db: &Db) -> Result<bool, StartupError> {
    let demo_error = |e: app::AppError| StartupError::Demo(e.to_string());
    match app::demo::seed_if_empty(db, chrono::Utc::now())
        .await
        .map_err(demo_error)?
    {
        Some(seeded) => {
            tracing::info!(
                "seeded the demo workspace '{}': {} people, {} items",
                app::demo::WORKSPACE_NAME,
                seeded.people,
                seeded.items
            );
            Ok(true)
        }
        None => {
            let mut conn = db
                .read
                .acquire()
                .await
                .map_err(|e| StartupError::Demo(e.to_string()))?;
            let first_demo_email = app::demo::TEAM[0].1;
            let present = app::db::accounts::find_login(&mut conn, first_demo_email)
                .await
                .map_err(|e| StartupError::Demo(e.to_string()))?
                .is_some();
            if !present {
                tracing::info!("the database already holds work: no demo data was added");
            }
            Ok(present)
        }
    }
}

/// The table of demo accounts printed at start-up, so people know how to sign in.
pub fn accounts_table() -> String {
    let mut out = String::from("\nDemo accounts (all share the password below):\n\n");
    out.push_str(&format!("  {:<26} {:<16} {}\n", "email", "name", "role"));
    for (name, email, role, _) in app::demo::TEAM {
        out.push_str(&format!("  {email:<26} {name:<16} {role:?}\n"));
    }
    out.push_str(&format!("\n  password: {}\n", app::demo::DEMO_PASSWORD));
    out
}
