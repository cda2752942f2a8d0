//! The one error type of Baton.
//!
//! Rules, so that nothing private ever reaches a browser:
//! - every variant's message is safe to show to the person who caused it;
//! - internal causes (SQL, I/O) are logged on the server and become `Internal`,
//!   whose message says only that something went wrong and that nothing was lost;
//! - each variant maps to one HTTP status, so a server-function call gets the
//!   status a client expects (401, 403, 404, 409, 422, 500).

use serde::{Deserialize, Serialize};

/// Something Baton refused or could not do, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The thing asked for does not exist (or is not visible to this person).
    #[error("{what} was not found")]
    NotFound {
        /// What was looked for, e.g. "Item 42".
        what: String,
    },
    /// The person is not signed in.
    #[error("Please sign in to continue")]
    Unauthorized,
    /// The person is signed in but may not do this.
    #[error("You don't have permission to {action}")]
    Forbidden {
        /// What they tried, e.g. "move cards".
        action: String,
    },
    /// Input that does not fit, named by field so the form can show it in place.
    #[error("{message}")]
    Validation {
        /// The form field at fault.
        field: String,
        /// What is wrong and what would be right.
        message: String,
    },
    /// Someone else changed the same thing first.
    #[error("{message}")]
    Conflict {
        /// What changed, and what to do (usually: reload).
        message: String,
    },
    /// The workflow refused an operation; every reason is listed.
    #[error("{}", reasons.join("; "))]
    InvalidMove {
        /// Each unmet condition, in plain words.
        reasons: Vec<String>,
    },
    /// The server could not reach a decision (a bug or an outage). Details are in the server log.
    #[error("Something went wrong on the server; nothing was changed. Try again, and tell your admin if it keeps happening.")]
    Internal,
    /// The browser could not reach the server, or the answer could not be read.
    #[error("Could not reach Baton: {0}")]
    Network(String),
}

impl AppError {
    /// The HTTP status this error is sent with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound { .. } => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden { .. } => 403,
            AppError::Validation { .. } | AppError::InvalidMove { .. } => 422,
            AppError::Conflict { .. } => 409,
            AppError::Internal => 500,
            AppError::Network(_) => 502,
        }
    }

    /// A short headline for the error view.
    pub fn title(&self) -> &'static str {
        match self {
            AppError::NotFound { .. } => "Not found",
            AppError::Unauthorized => "Signed out",
            AppError::Forbidden { .. } => "Not allowed",
            AppError::Validation { .. } => "Check your input",
            AppError::Conflict { .. } => "Changed by someone else",
            AppError::InvalidMove { .. } => "Not yet",
            AppError::Internal => "Something went wrong",
            AppError::Network(_) => "Connection problem",
        }
    }

    /// Shorthand for a validation error on one field.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Shorthand for a missing thing.
    pub fn not_found(what: impl Into<String>) -> Self {
        AppError::NotFound { what: what.into() }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Request(m) | E::Deserialization(m) | E::Response(m) => AppError::Network(m),
            E::Args(m) | E::MissingArg(m) | E::Serialization(m) => {
                AppError::validation("request", format!("The request could not be read: {m}"))
            }
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

/// Result of everything in Baton that can fail in a way a person should see.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_error_never_carries_details() {
        let shown = AppError::Internal.to_string();
        assert!(shown.contains("nothing was changed"));
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn invalid_move_lists_every_reason() {
        let e = AppError::InvalidMove {
            reasons: vec![
                "Required: landing page URL".into(),
                "WIP limit 5 reached in Review".into(),
            ],
        };
        let shown = e.to_string();
        assert!(shown.contains("landing page URL") && shown.contains("WIP limit 5"));
        assert_eq!(e.status(), 422);
    }

    #[test]
    fn errors_round_trip_through_json() {
        let e = AppError::Conflict {
            message: "Changed by Dana — reload".into(),
        };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), e);
    }
}
