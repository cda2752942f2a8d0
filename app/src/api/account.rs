//! Signing in and out, the first-run state, one's own profile and password, invites.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::guard::Access;

use crate::auth::CurrentUser;
use crate::error::AppError;

pub use crate::views::account::*;

/// Who is signed in (if anyone), and whether there are accounts at all.
#[server(endpoint = "auth_status")]
pub async fn auth_status() -> Result<AuthState, AppError> {
    crate::api::run(async move {
        if let Some(signed_in) = crate::api::guard::signed_in_opt() {
            return Ok(AuthState::SignedIn(signed_in.user));
        }
        let state = crate::state::app_state()?;
        if crate::service::accounts::anyone_can_sign_in(&state.db).await? {
            Ok(AuthState::SignedOut)
        } else {
            Ok(AuthState::NoAccounts)
        }
    })
    .await
}

/// A local path to go to after signing in; anything else becomes the board.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.starts_with("/login")
                && !path.starts_with("/api/") =>
        {
            path.to_string()
        }
        _ => "/board".to_string(),
    }
}

/// Signs in with email and password, then goes to `next` (a local path).
#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    crate::api::run(async move {
        use crate::auth::throttle::{keys, Gate};
        let state = crate::state::app_state()?;
        let now = chrono::Utc::now();
        let keys = keys(&email, crate::api::guard::client_address());
        match state.throttle.check(&keys, now) {
            Gate::Locked(until) => {
                let minutes = (until - now).num_minutes() + 1;
                return Err(AppError::validation(
                    "email",
                    format!("Too many failed sign-ins. For your safety, try again in {minutes} minutes."),
                ));
            }
            Gate::Proceed(delay) => tokio::time::sleep(delay).await,
        }
        let checked = crate::service::accounts::check_password(&state.db, &email, password).await?;
        let Some(user) = checked else {
            state.throttle.failed(&keys, now);
            return Err(AppError::validation(
                "password",
                "That email and password don't match an account. Check both and try again.",
            ));
        };
        state.throttle.succeeded(&keys);
        // A new session id at every sign-in; any session this browser had ends.
        let old = crate::api::guard::signed_in_opt().map(|s| s.token_hash);
        let token =
            crate::service::accounts::start_session(&state.db, user.id, old.as_deref(), now).await?;
        set_session_cookie(&token, state.settings.secure_cookies);
        leptos_axum::redirect(&safe_next(next.as_deref()));
        Ok(())
    })
    .await
}

/// Sets the session cookie on the response.
#[cfg(feature = "ssr")]
pub(crate) fn set_session_cookie(token: &str, secure: bool) {
    let response = expect_context::<leptos_axum::ResponseOptions>();
    response.append_header(
        axum::http::header::SET_COOKIE,
        crate::auth::session::cookie(token, secure),
    );
}

/// Ends this session for good and goes to the sign-in page.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    crate::api::run(async move {
        let state = crate::state::app_state()?;
        if let Some(signed_in) = crate::api::guard::signed_in_opt() {
            crate::service::accounts::end_session(&state.db, &signed_in.token_hash).await?;
        }
        let response = expect_context::<leptos_axum::ResponseOptions>();
        response.append_header(
            axum::http::header::SET_COOKIE,
            crate::auth::session::clear_cookie(state.settings.secure_cookies),
        );
        leptos_axum::redirect("/login");
        Ok(())
    })
    .await
}

/// Changes one's own name and time zone.
#[server(endpoint = "update_profile")]
pub async fn update_profile(name: String, time_zone: String) -> Result<CurrentUser, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::accounts::update_profile(&state.db, &me.user, &name, &time_zone).await
    })
    .await
}

/// Changes one's own password; every other session of this person ends.
#[server(endpoint = "change_password")]
pub async fn change_password(current: String, new_password: String) -> Result<u64, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::accounts::change_password(
            &state.db,
            &me.user,
            &me.token_hash,
            current,
            new_password,
        )
        .await
    })
    .await
}

/// Looks up an invite link; expired, used and unknown links are explained.
#[server(endpoint = "invite_details")]
pub async fn invite_details(token: String) -> Result<Invitation, AppError> {
    crate::api::run(async move {
        let state = crate::state::app_state()?;
        crate::service::accounts::invitation(&state.db, &token, chrono::Utc::now()).await
    })
    .await
}

/// Accepts an invite: sets the password, creates the account, signs in.
#[server(endpoint = "accept_invite")]
pub async fn accept_invite(token: String, password: String) -> Result<(), AppError> {
    crate::api::run(async move {
        let state = crate::state::app_state()?;
        let session_token = crate::service::accounts::accept_invite(
            &state.db,
            &token,
            password,
            chrono::Utc::now(),
        )
        .await?;
        set_session_cookie(&session_token, state.settings.secure_cookies);
        leptos_axum::redirect("/board");
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(
            safe_next(Some("/calendar?view=week")),
            "/calendar?view=week"
        );
        for hostile in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/login",
            "/api/sign_out",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/board", "{hostile}");
        }
        assert_eq!(safe_next(None), "/board");
    }
}
