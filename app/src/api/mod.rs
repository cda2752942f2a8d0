//! Server functions, one group per file. Each is thin: who is asking, may they,
//! load, apply the domain rule, save in one transaction, return a DTO.

pub mod workspace;

/// Gives a server function's error its HTTP status (404, 409, 422, …) instead
/// of the framework's blanket 500, so API clients can tell them apart.
#[cfg(feature = "ssr")]
pub fn finish<T>(result: crate::error::AppResult<T>) -> crate::error::AppResult<T> {
    if let Err(err) = &result {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(err.status()) {
                response.set_status(status);
            }
        }
    }
    result
}
