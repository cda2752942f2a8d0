//! Insights on stored data: flow metrics, forecasts and early warnings for /insights, the
//! trending-late flags of cards, calendar entries and inboxes, post-launch fixes, the
//! daily forecasts kept to check whether forecasts hold, and the CSV exports.
//!
//! Everything reads the compact trails (`db::trails`), kept by the transaction that writes
//! each event, never the raw activity; the metrics themselves are `domain::metrics`.
//!
//! - [`report`]: the /insights page and each chart's numbers as CSV.
//! - [`charts`]: the figures, as shapes the page draws.
//! - [`outlook`]: what open items are judged against (cached per workflow and day), and
//!   their outlooks for the presenter.
//! - [`forecasts`]: the daily stored forecasts and whether they held.
//! - [`settings`]: post-launch fixes and each workflow's start stage.
//! - [`export`]: the activity trail of a period and the per-item summary.

pub mod charts;
mod export;
pub mod forecasts;
mod load;
pub mod outlook;
pub mod report;
pub mod settings;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use chrono::FixedOffset;

use crate::db::{self, Conn, Db};
use crate::domain::metrics::FlowSettings;
use crate::domain::{WorkflowDefinition, WorkflowId};
use crate::error::AppResult;

pub use report::{chart_csv, insights};

/// The team's offset: the working week's. Every metric counts the team's calendar days.
pub(crate) async fn team_offset(db: &Db, conn: &mut Conn) -> AppResult<FixedOffset> {
    Ok(db.working_hours(conn).await?.offset)
}

/// Every workflow that is not archived with the settings its metrics use: its current
/// version's stages and its chosen start stage.
pub(crate) async fn flows(
    db: &Db,
    conn: &mut Conn,
) -> AppResult<Vec<(Arc<WorkflowDefinition>, FlowSettings)>> {
    let defs = db.current_definitions(conn).await?;
    let starts = db::insights::start_stages(conn).await?;
    Ok(defs
        .into_iter()
        .map(|def| {
            let flow = FlowSettings::from_definition(&def);
            let flow = match starts.get(&def.id) {
                Some(stage) => flow.starting_at(stage),
                None => flow,
            };
            (def, flow)
        })
        .collect())
}

/// One workflow's current definition and settings.
pub(crate) async fn flow_of(
    db: &Db,
    conn: &mut Conn,
    workflow: &WorkflowId,
) -> AppResult<Option<(Arc<WorkflowDefinition>, FlowSettings)>> {
    let Some(def) = db.current_definition(conn, workflow).await? else {
        return Ok(None);
    };
    let starts = db::insights::start_stages(conn).await?;
    let flow = FlowSettings::from_definition(&def);
    let flow = match starts.get(workflow) {
        Some(stage) => flow.starting_at(stage),
        None => flow,
    };
    Ok(Some((def, flow)))
}

/// Writes the trails of items stored before trails existed (or by tools that write items
/// without events), a few hundred per transaction. Returns how many were written.
pub async fn backfill(db: &Db) -> AppResult<usize> {
    let mut total = 0;
    loop {
        let mut tx = db.write.begin().await?;
        let missing = db::trails::missing(&mut tx, 500).await?;
        if missing.is_empty() {
            break;
        }
        total += db::trails::rebuild(&mut tx, &missing).await?;
        tx.commit().await?;
    }
    Ok(total)
}
