//! Email: each person's choices, the admins' view of the outbox, password resets by email,
//! and one-click unsubscribe.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use crate::domain::notify::NoticeKind;
use crate::domain::outbound::Delivery;
use crate::error::AppError;
use crate::views::mail::{MailStatusView, NotificationPrefsView, ResetLink};

#[cfg(feature = "ssr")]
const NO_MAIL: &str = "This Baton doesn't send email yet: an admin sets BATON_SMTP_URL and \
                       BATON_MAIL_FROM on the server to turn it on.";

/// What the signed-in person is emailed about, and how.
#[server(endpoint = "notification_prefs")]
pub async fn notification_prefs() -> Result<NotificationPrefsView, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::mail::prefs_view(
            &state.db,
            me.user.id,
            &me.user.email,
            &me.user.time_zone,
            state.settings.mail.is_some(),
        )
        .await
    })
    .await
}

/// Saves the signed-in person's email choices.
#[server(endpoint = "save_notification_prefs", input = leptos::server_fn::codec::Json)]
pub async fn save_notification_prefs(
    choices: Vec<(NoticeKind, Delivery)>,
    digest: bool,
) -> Result<NotificationPrefsView, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::mail::save_prefs(&state.db, me.user.id, &choices, digest).await?;
        crate::service::mail::prefs_view(
            &state.db,
            me.user.id,
            &me.user.email,
            &me.user.time_zone,
            state.settings.mail.is_some(),
        )
        .await
    })
    .await
}

/// How email stands: the server, the outbox, the last error.
#[server(endpoint = "mail_status")]
pub async fn mail_status() -> Result<MailStatusView, AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        let (server, from) = match &state.settings.mail {
            Some(m) => (Some(m.server.clone()), m.from.clone()),
            None => (None, String::new()),
        };
        crate::service::mail::status(
            &state.db,
            server,
            from,
            &state.settings.links(),
            chrono::Utc::now(),
        )
        .await
    })
    .await
}

/// Emails the admin a test message; returns the address it goes to.
#[server(endpoint = "send_test_email")]
pub async fn send_test_email() -> Result<String, AppError> {
    crate::api::serve(Access::Admin, |me, state| async move {
        let Some(links) = state.settings.mail_links() else {
            return Err(AppError::validation("mail", NO_MAIL));
        };
        crate::service::mail::send_test(&state.db, &links, me.user.id, chrono::Utc::now()).await
    })
    .await
}

/// "Forgot your password?": emails a one-time reset link when the address has an account.
/// The answer is the same whether or not it has one.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    crate::api::run(async move {
        let state = crate::state::app_state()?;
        let Some(links) = state.settings.mail_links() else {
            return Err(AppError::validation(
                "email",
                "This Baton can't send email, so it can't send a reset link. Ask an admin to \
                 invite you again: the new invite sets a new password.",
            ));
        };
        let now = chrono::Utc::now();
        let address = crate::api::guard::client_address()
            .map(|ip| ip.to_string())
            .unwrap_or_default();
        if let Err(until) = state.reset_limit.hit(&address, now) {
            let minutes = (until - now).num_minutes() + 1;
            return Err(AppError::validation(
                "email",
                format!("Too many reset requests from here. Try again in {minutes} minutes."),
            ));
        }
        crate::service::mail::request_reset(&state.db, &links, &email, now).await
    })
    .await
}

/// Whose password a reset link resets; used, expired and unknown links are explained.
#[server(endpoint = "reset_details")]
pub async fn reset_details(token: String) -> Result<ResetLink, AppError> {
    crate::api::run(async move {
        let state = crate::state::app_state()?;
        crate::service::mail::reset_details(&state.db, &token, chrono::Utc::now()).await
    })
    .await
}

/// Sets a new password through a reset link and signs in; every other session ends.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    crate::api::run(async move {
        let state = crate::state::app_state()?;
        let session =
            crate::service::mail::reset_password(&state.db, &token, password, chrono::Utc::now())
                .await?;
        crate::api::account::set_session_cookie(&session, state.settings.secure_cookies);
        leptos_axum::redirect("/board");
        Ok(())
    })
    .await
}

/// What an unsubscribe link stops, in words.
#[server(endpoint = "unsubscribe_details")]
pub async fn unsubscribe_details(token: String) -> Result<String, AppError> {
    crate::api::run(async move {
        let state = crate::state::app_state()?;
        crate::service::mail::unsubscribe_topic(&state.db, &token).await
    })
    .await
}

/// Follows an unsubscribe link; returns what stopped, in words.
#[server(endpoint = "unsubscribe")]
pub async fn unsubscribe(token: String) -> Result<String, AppError> {
    crate::api::run(async move {
        let state = crate::state::app_state()?;
        crate::service::mail::unsubscribe(&state.db, &token).await
    })
    .await
}
