//! What every request handler can reach: options and the database.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::db::Db;
use crate::error::{AppError, AppResult};

/// Shared server state, handed to server functions through Leptos' context.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// Where the site's files are and how it is addressed.
    pub leptos_options: LeptosOptions,
    /// The database pools.
    pub db: Db,
}

/// The server state from inside a server function.
pub fn app_state() -> AppResult<AppState> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}
