//! Who is signed in, as every part of the page sees it: loaded with the page and
//! refreshed after signing in or out, accepting an invite or editing one's profile.

use leptos::prelude::*;

use crate::api::account::{auth_status, AuthState};
use crate::auth::CurrentUser;
use crate::error::AppError;

/// The visitor's account state, shared through context by the layout.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    version: RwSignal<u32>,
    /// The server's answer to "who is this?".
    pub status: Resource<Result<AuthState, AppError>>,
}

impl Session {
    /// Loads the account state and makes it available to everything below.
    pub fn provide() -> Self {
        let version = RwSignal::new(0);
        let status = Resource::new(move || version.get(), |_| auth_status());
        let session = Session { version, status };
        provide_context(session);
        session
    }

    /// Asks the server again, e.g. after the session cookie changed.
    pub fn refresh(self) {
        self.version.update(|v| *v += 1);
    }

    /// Changes whenever the session is refreshed; other per-person resources track it.
    pub fn version(self) -> u32 {
        self.version.get()
    }
}

/// The session the layout provides.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The signed-in person, if the answer says there is one.
pub fn signed_in(status: &Result<AuthState, AppError>) -> Option<CurrentUser> {
    match status {
        Ok(AuthState::SignedIn(user)) => Some(user.clone()),
        _ => None,
    }
}
