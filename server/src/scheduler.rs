//! The SLA scheduler: a task inside the server that fires reminders and escalations, and
//! (once an hour) forgets the answers kept for idempotent API retries once a day old.
//!
//! Due times live in the database, so the task itself holds nothing: after a restart it
//! catches up on whatever came due while the server was down, and a timer fires once.

use std::time::Duration;

use app::state::AppState;
use chrono::Utc;

/// How often the scheduler looks for due timers.
pub const EVERY: Duration = Duration::from_secs(30);

/// How often answers kept for idempotent retries are looked over.
const FORGET_EVERY: Duration = Duration::from_secs(60 * 60);

/// Plans timers missing from earlier data, then fires due timers every `every` until the
/// server stops. Boards and bells of the people concerned are told at once.
pub fn spawn(state: AppState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        match app::service::sla::plan_missing(&state.db).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(items = n, "planned SLA timers for items that had none"),
            Err(err) => tracing::warn!(error = %err, "could not plan missing SLA timers"),
        }
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut first = true;
        let mut forgot_at: Option<std::time::Instant> = None;
        loop {
            interval.tick().await;
            if forgot_at.is_none_or(|at| at.elapsed() >= FORGET_EVERY) {
                forgot_at = Some(std::time::Instant::now());
                if let Err(err) =
                    app::service::tokens::forget_old_answers(&state.db, Utc::now()).await
                {
                    tracing::warn!(error = %err, "could not forget old idempotent answers");
                }
                if let Err(err) = app::service::imports::forget_old(&state.db, Utc::now()).await {
                    tracing::warn!(error = %err, "could not forget old import uploads");
                }
            }
            match app::service::sla::tick(&state.db, Utc::now()).await {
                Ok(report) => {
                    if std::mem::take(&mut first) {
                        tracing::info!(
                            escalations = report.escalated.len(),
                            reminders = report.reminded.len(),
                            "SLA scheduler caught up"
                        );
                    }
                    for item in &report.escalated {
                        state.live.item_changed(item);
                    }
                    state.live.nudge(&report.notified);
                    if !report.reminded.is_empty() || !report.escalated.is_empty() {
                        tracing::info!(
                            reminders = report.reminded.len(),
                            escalations = report.escalated.len(),
                            "SLA timers fired"
                        );
                    }
                }
                Err(err) => tracing::warn!(error = %err, "SLA scheduler tick failed"),
            }
        }
    })
}
