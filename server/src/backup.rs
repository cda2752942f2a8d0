//! `baton backup FILE`: a consistent copy of the live database, safe while serving.

use std::path::Path;

use sqlx::Connection;

use crate::startup::StartupError;

/// Writes a copy of the database behind `url` to `target`; returns its size in bytes.
pub async fn backup(url: &str, target: &Path) -> Result<u64, StartupError> {
    let options = app::db::connect_options(url).map_err(|e| StartupError::BadDatabaseUrl {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    let source = options.get_filename().to_path_buf();
    if !source.is_file() {
        return Err(StartupError::Backup(format!(
            "there is no database at {}: nothing to back up (check DATABASE_URL)",
            source.display()
        )));
    }
    if target.exists() {
        return Err(StartupError::Backup(format!(
            "{} already exists: choose a new file name, so no earlier backup is overwritten",
            target.display()
        )));
    }
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !folder.is_dir() {
            return Err(StartupError::Backup(format!(
                "the folder {} does not exist: create it first",
                folder.display()
            )));
        }
    }
    let mut conn = app::db::files::open_read_only(&source)
        .await
        .map_err(|e| StartupError::Backup(format!("cannot open {}: {e}", source.display())))?;
    let result = app::db::files::copy_into(&mut conn, target).await;
    let _ = conn.close().await;
    result
        .map_err(|e| StartupError::Backup(format!("could not write {}: {e}", target.display())))?;
    std::fs::metadata(target).map(|m| m.len()).map_err(|e| {
        StartupError::Backup(format!(
            "the copy at {} cannot be read back: {e}",
            target.display()
        ))
    })
}
