//! Server functions, one group per file. Each is thin: who is asking, may they,
//! load, apply the domain rule, save in one transaction, return a DTO.

pub mod account;
pub mod automation;
pub mod board;
pub mod brand;
pub mod calendar;
pub mod campaigns;
pub mod designer;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod imports;
pub mod inbox;
pub mod insights;
pub mod items;
pub mod mail;
pub mod people;
pub mod tokens;
pub mod versions;
pub mod webhooks;
pub mod workflows;
pub mod workspace;

/// Gives a server function's error its HTTP status (404, 409, 422, …) instead
/// of the framework's blanket 500, so API clients can tell them apart.
///
/// A plain HTML form post (before the page has hydrated, or with scripts off)
/// is left alone: the framework answers it with a redirect back to the page,
/// carrying the error for the page to show, and a browser only follows that
/// redirect when its status is a redirect.
#[cfg(feature = "ssr")]
pub fn finish<T>(result: crate::error::AppResult<T>) -> crate::error::AppResult<T> {
    if let Err(err) = &result {
        crate::error::respond_with(err.status());
    }
    result
}

/// Runs a server function's body and gives its error the right HTTP status.
#[cfg(feature = "ssr")]
pub async fn run<T>(
    body: impl std::future::Future<Output = crate::error::AppResult<T>>,
) -> crate::error::AppResult<T> {
    finish(body.await)
}

/// The preamble of nearly every server function said once: the caller must have at
/// least `access` (401 signed out, 403 not allowed); then `body` runs with who they are
/// and the server state, and its error gets its HTTP status.
#[cfg(feature = "ssr")]
pub async fn serve<T, F, Fut>(access: guard::Access, body: F) -> crate::error::AppResult<T>
where
    F: FnOnce(crate::auth::session::SignedIn, crate::state::AppState) -> Fut,
    Fut: std::future::Future<Output = crate::error::AppResult<T>>,
{
    run(async move {
        let me = guard::require(access)?;
        let state = crate::state::app_state()?;
        body(me, state).await
    })
    .await
}
