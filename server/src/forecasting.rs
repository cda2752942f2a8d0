//! The daily forecasts: a task inside the server that keeps, once a day, each open
//! campaign's forecast of when its open work will be done, so /insights can show whether
//! the forecasts held.
//!
//! What was stored lives in the database, so the task holds nothing: a day already
//! recorded is never recorded twice (a restart changes nothing), and after downtime the
//! first look records the day the server came back.

use std::time::Duration;

use app::db::Db;
use chrono::Utc;

/// How often the task looks whether today's forecasts are stored.
pub const EVERY: Duration = Duration::from_secs(15 * 60);

/// Records today's forecasts now (catching up after downtime) and then every `every`
/// whenever the day has changed, until the server stops.
pub fn spawn(db: Db, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            match app::service::insights::forecasts::record_daily(&db, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(campaigns = n, "recorded today's campaign forecasts"),
                Err(err) => tracing::warn!(error = %err, "could not record today's forecasts"),
            }
        }
    })
}
