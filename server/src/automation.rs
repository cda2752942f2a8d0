//! The automation worker inside the server: runs the rules that queued signals set off,
//! as soon as a change is announced (and every few seconds regardless), and queues what
//! comes due by the clock. The queue lives in the database, so after a restart the worker
//! carries on where it stopped and runs nothing twice.

use std::time::Duration;

use app::state::AppState;
use chrono::Utc;

/// Longest wait between two looks at the queue.
pub const EVERY: Duration = Duration::from_secs(2);

/// How often schedules and date triggers are looked at.
pub const CLOCK_EVERY: Duration = Duration::from_secs(30);

/// Runs until the server stops.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut changes = state.live.subscribe();
        let mut last_clock: Option<tokio::time::Instant> = None;
        loop {
            if last_clock.is_none_or(|at| at.elapsed() >= CLOCK_EVERY) {
                last_clock = Some(tokio::time::Instant::now());
                match app::service::automation::clock::tick(&state.db, Utc::now()).await {
                    Ok(report) if report.left_out > 0 => tracing::warn!(
                        left_out = report.left_out,
                        "scheduled rules reached their limit of items per run"
                    ),
                    Ok(_) => {}
                    Err(err) => tracing::warn!(error = %err, "automation clock tick failed"),
                }
            }
            match app::service::automation::worker::work(&state.db, Utc::now()).await {
                Ok(report) => {
                    for item in &report.changed {
                        state.live.item_changed(item);
                    }
                    state.live.nudge(&report.notified);
                    for rule in &report.paused {
                        tracing::warn!(rule = %rule.id, name = %rule.name, "an automation rule paused itself");
                    }
                }
                Err(err) => {
                    tracing::warn!(error = %err, "automation worker failed; it tries again")
                }
            }
            // Wake on the next change anyone makes, or after a while.
            let _ = tokio::time::timeout(EVERY, changes.recv()).await;
            // Take every change announced meanwhile in one go.
            while changes.try_recv().is_ok() {}
        }
    })
}
