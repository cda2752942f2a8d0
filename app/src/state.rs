//! What every request handler can reach: options and the database.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use std::sync::Arc;

use crate::auth::rate::RateLimit;
use crate::auth::throttle::SignInThrottle;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::service::live::LiveHub;

/// Public form submissions one address may make in ten minutes.
pub const PUBLIC_FORMS_PER_WINDOW: usize = 10;

/// Shared server state, handed to server functions through Leptos' context.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// Where the site's files are and how it is addressed.
    pub leptos_options: LeptosOptions,
    /// The database pools.
    pub db: Db,
    /// Settings from the environment.
    pub settings: Settings,
    /// Failed sign-ins, to slow down password guessing.
    pub throttle: Arc<SignInThrottle>,
    /// Item changes, for open boards to pick up.
    pub live: Arc<LiveHub>,
    /// Public intake-form submissions per address.
    pub intake_limit: Arc<RateLimit>,
}

/// Settings that change how Baton behaves, from the environment.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Mark cookies `Secure` (Baton is served over HTTPS).
    pub secure_cookies: bool,
    /// Let webhooks go to loopback, private and link-local addresses.
    pub webhooks_allow_private: bool,
}

impl AppState {
    /// State for a database with default settings.
    pub fn new(leptos_options: LeptosOptions, db: Db, settings: Settings) -> Self {
        AppState {
            leptos_options,
            db,
            settings,
            throttle: Arc::default(),
            live: Arc::default(),
            intake_limit: Arc::new(RateLimit::new(
                PUBLIC_FORMS_PER_WINDOW,
                chrono::TimeDelta::minutes(10),
            )),
        }
    }
}

/// The server state from inside a server function.
pub fn app_state() -> AppResult<AppState> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}
