//! The database as a file: looking at it read-only before Baton opens it for
//! writing, and copying it while it is in use. SQLite only: a PostgreSQL database is
//! not a file Baton holds.

use std::path::Path;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::ConnectOptions;

use sqlx::SqliteConnection as Conn;

use super::BUSY_TIMEOUT;

/// Opens an existing database without the right to change it (nor to create it).
pub async fn open_read_only(path: &Path) -> Result<Conn, sqlx::Error> {
    SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false)
        .busy_timeout(BUSY_TIMEOUT)
        .connect()
        .await
}

/// Whether opening failed because the file is not a database at all.
pub fn is_not_a_database(err: &sqlx::Error) -> bool {
    // SQLITE_NOTADB
    err.as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|code| code == "26")
}

/// Writes a consistent copy of the database `conn` reads to `target` (a new file).
///
/// `VACUUM INTO` reads inside one read transaction, so the copy is consistent even
/// while the server keeps writing (WAL lets both go on).
pub async fn copy_into(conn: &mut Conn, target: &Path) -> Result<(), sqlx::Error> {
    sqlx::query("VACUUM INTO $1")
        .bind(target.to_string_lossy().to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}
