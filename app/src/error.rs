//! The one error type of Baton.
//!
//! Rules, so that nothing private ever reaches a browser:
//! - every variant's message is safe to show to the person who caused it;
//! - internal causes (SQL, I/O) are logged on the server and become `Internal`,
//!   whose message says only that something went wrong and that nothing was lost;
//! - each variant maps to one HTTP status, so a server-function call gets the
//!   status a client expects (400, 401, 403, 404, 409, 413, 422, 500);
//! - a request that cannot be read (broken JSON, a missing or mistyped argument) is the
//!   caller's mistake: 400 with a plain sentence, never the parser's words and never a 5xx.
//!   A 5xx means Baton is broken, and the log says why.

use serde::{Deserialize, Serialize};

/// Something Baton refused or could not do, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The request could not be read: broken JSON, a missing or mistyped argument.
    #[error("{message}")]
    BadRequest {
        /// What was wrong, in words (never the parser's).
        message: String,
    },
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
            AppError::BadRequest { .. } => 400,
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
            AppError::BadRequest { .. } => "Request not understood",
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

    /// The answer to a request that could not be read.
    pub fn unreadable_request() -> Self {
        AppError::BadRequest {
            message: "The request could not be read: it is not what this action expects. \
                      Reload the page and try again."
                .into(),
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
            // On the server these mean the request itself could not be read.
            #[cfg(feature = "ssr")]
            E::Request(m) | E::Deserialization(m) | E::Args(m) | E::MissingArg(m) => {
                tracing::info!(reason = %m, "a server function's request could not be read");
                let err = AppError::unreadable_request();
                respond_with(err.status());
                err
            }
            // In the browser: the server could not be reached or its answer not read.
            #[cfg(not(feature = "ssr"))]
            E::Request(m) | E::Deserialization(m) | E::Response(m) => AppError::Network(m),
            #[cfg(not(feature = "ssr"))]
            E::Args(_) | E::MissingArg(_) | E::Serialization(_) => AppError::unreadable_request(),
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

/// Gives the response of the server function being answered this status — unless it
/// answers a plain HTML form post, which the framework answers with a redirect back to
/// the form (carrying the error), and a browser only follows a redirect status.
#[cfg(feature = "ssr")]
pub fn respond_with(status: u16) {
    use leptos::prelude::use_context;
    let from_html_form = use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    });
    if from_html_form {
        return;
    }
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(status),
    ) {
        response.set_status(status);
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

    /// Collects what the log says, for one test.
    #[cfg(feature = "ssr")]
    #[derive(Clone, Default)]
    struct Log(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    #[cfg(feature = "ssr")]
    impl std::io::Write for Log {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_database_error_is_logged_with_its_cause_and_sent_without_it() {
        let log = Log::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let cause = sqlx::Error::Protocol("disk I/O error reading page 4242 of baton.db".into());
        let err = tracing::subscriber::with_default(subscriber, || AppError::from(cause));

        assert_eq!(err, AppError::Internal);
        assert_eq!(err.status(), 500);
        let sent = serde_json::to_string(&err).unwrap();
        assert!(
            !sent.contains("4242") && !err.to_string().contains("4242"),
            "{sent}"
        );
        assert!(err.to_string().contains("nothing was changed"));
        let logged = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        assert!(
            logged.contains("database error") && logged.contains("page 4242 of baton.db"),
            "the log keeps the cause: {logged}"
        );
    }

    #[test]
    fn an_unreadable_request_is_the_callers_mistake_in_plain_words() {
        let err = AppError::unreadable_request();
        assert_eq!(err.status(), 400);
        assert!(err.to_string().starts_with("The request could not be read"));
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
