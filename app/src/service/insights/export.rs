//! The activity trail, out: every event of a period as CSV, and one summary row per item
//! (created, each stage entered and left, finished, on time, fixes) — the structured data
//! trail that links work to outcomes.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::load::Loaded;
use super::report::Context;
use crate::db::{self, Db};
use crate::domain::metrics::days::day_start;
use crate::domain::metrics::{events_csv, item_summary_csv, EventRow};
use crate::domain::{WorkflowDefinition, WorkflowId};
use crate::error::AppResult;

/// Every event of the report's period, of its workflows and filters, oldest first.
pub(super) async fn events(
    db: &Db,
    cx: &Context,
    loaded: &[(Arc<WorkflowDefinition>, Loaded)],
) -> AppResult<String> {
    let mut conn = db.read.acquire().await?;
    let people = db.directory(&mut conn).await?;
    let defs: BTreeMap<WorkflowId, &WorkflowDefinition> = loaded
        .iter()
        .map(|(d, _)| (d.id.clone(), d.as_ref()))
        .collect();
    let workflows: Vec<WorkflowId> = defs.keys().cloned().collect();
    let rows = db::events::between(
        &mut conn,
        day_start(cx.period.first, cx.offset),
        cx.period.end(cx.offset),
        &workflows,
        &cx.filter,
    )
    .await?;
    drop(conn);
    Ok(events_csv(
        rows.iter().filter_map(|row| {
            Some(EventRow {
                item: row.item,
                title: &row.title,
                workflow: defs.get(&row.workflow)?,
                event: &row.event,
            })
        }),
        &people,
        cx.offset,
    ))
}

/// One row per item of the report's (first) workflow that was active in the period: not
/// finished or dropped before it began, created before it ended.
pub(super) async fn items(
    db: &Db,
    cx: &Context,
    loaded: &[(Arc<WorkflowDefinition>, Loaded)],
) -> AppResult<String> {
    let mut conn = db.read.acquire().await?;
    let people = db.directory(&mut conn).await?;
    drop(conn);
    let Some((_, one)) = loaded.first() else {
        return Ok(String::new());
    };
    let (start, end) = (
        day_start(cx.period.first, cx.offset),
        cx.period.end(cx.offset),
    );
    let active = one.histories.iter().filter(|h| {
        h.created < end
            && h.finished.is_none_or(|f| f >= start)
            && !(h.is_dropped() && h.archived.last().is_some_and(|a| a.from < start))
    });
    Ok(item_summary_csv(
        active,
        &one.flow,
        &people,
        &cx.campaign_names,
        cx.offset,
        &[],
        |_| Vec::new(),
    ))
}
