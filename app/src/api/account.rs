//! Signing in and out, the first-run state, one's own profile and password, invites.

use leptos::prelude::*;

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
        let mut conn = state.db.read.acquire().await?;
        if crate::db::accounts::count_with_password(&mut conn).await? == 0 {
            Ok(AuthState::NoAccounts)
        } else {
            Ok(AuthState::SignedOut)
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
        use crate::auth::{password as pw, session};
        let state = crate::state::app_state()?;
        let now = chrono::Utc::now();
        let keys = keys(&email, client_address());
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
        let found = {
            let mut conn = state.db.read.acquire().await?;
            crate::db::accounts::find_login(&mut conn, &email).await?
        };
        let checked = tokio::task::spawn_blocking(move || match found {
            Some((user, hash)) => pw::verify(&password, &hash).then_some(user),
            None => {
                pw::verify_nothing(&password);
                None
            }
        })
        .await
        .map_err(|_| AppError::Internal)?;
        let Some(user) = checked else {
            state.throttle.failed(&keys, now);
            return Err(AppError::validation(
                "password",
                "That email and password don't match an account. Check both and try again.",
            ));
        };
        state.throttle.succeeded(&keys);
        let mut tx = state.db.write.begin().await?;
        // A new session id at every sign-in; any session this browser had ends.
        if let Some(old) = crate::api::guard::signed_in_opt() {
            crate::db::accounts::delete_session(&mut tx, &old.token_hash).await?;
        }
        let token = session::start(&mut tx, user.id, now).await?;
        tx.commit().await?;
        let response = expect_context::<leptos_axum::ResponseOptions>();
        response.append_header(axum::http::header::SET_COOKIE, session::cookie(&token, state.settings.secure_cookies));
        leptos_axum::redirect(&safe_next(next.as_deref()));
        Ok(())
    })
    .await
}

#[cfg(feature = "ssr")]
fn client_address() -> Option<std::net::IpAddr> {
    use_context::<axum::http::request::Parts>()?
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
}

/// Ends this session for good and goes to the sign-in page.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    crate::api::run(async move {
        let state = crate::state::app_state()?;
        if let Some(signed_in) = crate::api::guard::signed_in_opt() {
            let mut conn = state.db.write.acquire().await?;
            crate::db::accounts::delete_session(&mut conn, &signed_in.token_hash).await?;
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
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        let me = require(Access::SignedIn)?;
        let name = name.trim().to_string();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AppError::validation("name", "Enter your name (up to 100 characters)."));
        }
        let time_zone = time_zone.trim().to_string();
        if time_zone.parse::<chrono_tz::Tz>().is_err() {
            return Err(AppError::validation(
                "time_zone",
                format!("'{time_zone}' is not a time zone Baton knows; pick one from the list, e.g. Europe/Berlin."),
            ));
        }
        let state = crate::state::app_state()?;
        let mut conn = state.db.write.acquire().await?;
        crate::db::accounts::update_profile(&mut conn, me.user.id, &name, &time_zone).await?;
        state.db.team_changed();
        Ok(CurrentUser { name, time_zone, ..me.user })
    })
    .await
}

/// Changes one's own password; every other session of this person ends.
#[server(endpoint = "change_password")]
pub async fn change_password(current: String, new_password: String) -> Result<u64, AppError> {
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        use crate::auth::{password as pw, password_problems};
        let me = require(Access::SignedIn)?;
        let problems = password_problems(&new_password, &me.user.email);
        if !problems.is_empty() {
            return Err(AppError::validation("new_password", problems.join(" ")));
        }
        let state = crate::state::app_state()?;
        let stored = {
            let mut conn = state.db.read.acquire().await?;
            crate::db::accounts::password_hash(&mut conn, me.user.id).await?
        };
        let (ok, hash) = tokio::task::spawn_blocking(move || {
            let ok = stored.is_some_and(|s| pw::verify(&current, &s));
            (ok, ok.then(|| pw::hash(&new_password)))
        })
        .await
        .map_err(|_| AppError::Internal)?;
        let (true, Some(hash)) = (ok, hash) else {
            return Err(AppError::validation(
                "current",
                "Your current password is not right.",
            ));
        };
        let mut tx = state.db.write.begin().await?;
        crate::db::accounts::set_password_hash(&mut tx, me.user.id, &hash).await?;
        let ended =
            crate::db::accounts::delete_other_sessions(&mut tx, me.user.id, &me.token_hash).await?;
        tx.commit().await?;
        Ok(ended)
    })
    .await
}

/// Looks up an invite link; expired, used and unknown links are explained.
#[server(endpoint = "invite_details")]
pub async fn invite_details(token: String) -> Result<Invitation, AppError> {
    crate::api::run(async move {
        let state = crate::state::app_state()?;
        let mut conn = state.db.read.acquire().await?;
        let invite = usable_invite(&mut conn, &token, chrono::Utc::now()).await?;
        Ok(Invitation {
            email: invite.email,
            name: invite.name,
            role: crate::db::accounts::role_of(&invite.role)?,
        })
    })
    .await
}

#[cfg(feature = "ssr")]
async fn usable_invite(
    conn: &mut crate::db::Conn,
    token: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<crate::db::accounts::InviteRow, AppError> {
    let invite = crate::db::accounts::find_invite(conn, &crate::auth::token::digest(token))
        .await?
        .ok_or_else(|| AppError::not_found("This invite link"))?;
    if invite.used_at.is_some() {
        return Err(AppError::validation(
            "token",
            "This invite link has already been used. Sign in instead, or ask an admin for a new invite.",
        ));
    }
    if invite.expires_at < now {
        return Err(AppError::validation(
            "token",
            "This invite link has expired. Ask an admin for a new one.",
        ));
    }
    Ok(invite)
}

/// Accepts an invite: sets the password, creates the account, signs in.
#[server(endpoint = "accept_invite")]
pub async fn accept_invite(token: String, password: String) -> Result<(), AppError> {
    crate::api::run(async move {
        use crate::auth::{password as pw, password_problems, session};
        let state = crate::state::app_state()?;
        let now = chrono::Utc::now();
        let invite = {
            let mut conn = state.db.read.acquire().await?;
            usable_invite(&mut conn, &token, now).await?
        };
        let problems = password_problems(&password, &invite.email);
        if !problems.is_empty() {
            return Err(AppError::validation("password", problems.join(" ")));
        }
        let hash = tokio::task::spawn_blocking(move || pw::hash(&password))
            .await
            .map_err(|_| AppError::Internal)?;
        let mut tx = state.db.write.begin().await?;
        // Checked again inside the write transaction: a link works exactly once.
        let invite = usable_invite(&mut tx, &token, now).await?;
        let role = crate::db::accounts::role_of(&invite.role)?;
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
            .bind(&invite.email)
            .fetch_optional(&mut *tx)
            .await?;
        let person = match existing {
            Some(id) => crate::domain::PersonId(id),
            None => {
                crate::db::people::insert(&mut tx, &invite.name, &invite.email, role, &[], now)
                    .await?
            }
        };
        crate::db::accounts::set_password_hash(&mut tx, person, &hash).await?;
        crate::db::accounts::use_invite(&mut tx, &crate::auth::token::digest(&token), now).await?;
        let session_token = session::start(&mut tx, person, now).await?;
        tx.commit().await?;
        state.db.team_changed();
        let response = expect_context::<leptos_axum::ResponseOptions>();
        response.append_header(
            axum::http::header::SET_COOKIE,
            session::cookie(&session_token, state.settings.secure_cookies),
        );
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
