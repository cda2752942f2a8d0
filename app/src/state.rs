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
/// Password reset requests one address may make in ten minutes.
pub const RESET_REQUESTS_PER_WINDOW: usize = 5;

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
    /// "Forgot your password?" requests per address.
    #[from_ref(skip)]
    pub reset_limit: Arc<RateLimit>,
}

/// Settings that change how Baton behaves, from the environment.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Mark cookies `Secure` (Baton is served over HTTPS).
    pub secure_cookies: bool,
    /// Let webhooks go to loopback, private and link-local addresses.
    pub webhooks_allow_private: bool,
    /// The address people reach Baton at (`BATON_PUBLIC_URL`): links in emails and calendar
    /// feeds point there, and calendar event UIDs use its host.
    pub public_url: Option<String>,
    /// The address Baton listens at, for links when no public address is set.
    pub listen_url: String,
    /// Email, when an SMTP server is set up.
    pub mail: Option<MailSettings>,
    /// Requests one API token may make a minute (`BATON_API_RATE_LIMIT`); `None` takes
    /// [`DEFAULT_API_RATE_LIMIT`].
    pub api_requests_per_minute: Option<u32>,
}

/// Requests one API token may make a minute unless the operator says otherwise.
pub const DEFAULT_API_RATE_LIMIT: u32 = 600;

/// How Baton sends email, as the settings page may show it (no password).
#[derive(Debug, Clone, Default)]
pub struct MailSettings {
    /// The SMTP server in words: `smtp.example.com:587 (STARTTLS)`.
    pub server: String,
    /// The From address.
    pub from: String,
}

impl Settings {
    /// Where links in emails point.
    pub fn links(&self) -> crate::service::mail::Links {
        match (&self.public_url, self.listen_url.is_empty()) {
            (Some(url), _) => crate::service::mail::Links::new(url),
            (None, false) => crate::service::mail::Links::new(&self.listen_url),
            (None, true) => crate::service::mail::Links::new("http://localhost:3000"),
        }
    }

    /// The links to email with, when email is set up.
    pub fn mail_links(&self) -> Option<crate::service::mail::Links> {
        self.mail.as_ref().map(|_| self.links())
    }
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
            reset_limit: Arc::new(RateLimit::new(
                RESET_REQUESTS_PER_WINDOW,
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
