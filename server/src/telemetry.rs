//! Logs, through `tracing`, filtered by `RUST_LOG`.

use tracing_subscriber::EnvFilter;

/// Sends logs to standard error; `RUST_LOG` chooses what is shown.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}
