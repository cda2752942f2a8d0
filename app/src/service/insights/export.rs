//! The activity trail, out: every event of a period as CSV, and one summary row per item
//! (created, each stage entered and left, finished, on time, fixes) — the structured data
//! trail that links work to outcomes.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::load::Loaded;
use super::report::Context;
use crate::db::{self, Db};
use crate::domain::metrics::days::day_start;
use crate::domain::metrics::{defuse_formula, events_csv, item_summary_csv, CsvWriter, EventRow};
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
    let results = db::insights::results_between(
        &mut conn,
        day_start(cx.period.first, cx.offset),
        cx.period.end(cx.offset),
        &workflows,
        &cx.filter,
    )
    .await?;
    drop(conn);
    let mut text = events_csv(
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
    );
    // Results measured in the period (open rates, CTRs, leads…) follow the events, in the
    // same columns: the metric as the field, its value as what it became.
    let mut csv = CsvWriter::new();
    for r in &results {
        csv.row([
            r.item.to_string(),
            defuse_formula(&r.title).into_owned(),
            defs.get(&r.workflow)
                .map(|d| d.name.clone())
                .unwrap_or_default(),
            r.at.with_timezone(&cx.offset)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            r.by.map(|p| people.name_of(p))
                .unwrap_or_else(|| "A hook".to_owned()),
            "Result recorded".to_owned(),
            String::new(),
            String::new(),
            defuse_formula(&r.metric).into_owned(),
            String::new(),
            r.value.to_string(),
            String::new(),
        ]);
    }
    text.push_str(&csv.finish());
    Ok(text)
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
    let active: Vec<_> = active.collect();
    let ids: Vec<_> = active.iter().map(|h| h.item).collect();
    let mut conn = db.read.acquire().await?;
    let results = db::insights::latest_results(&mut conn, &ids).await?;
    drop(conn);
    // A column per result measured on any of the items: its latest value.
    let mut metrics: Vec<&String> = results.values().flat_map(|r| r.keys()).collect();
    metrics.sort();
    metrics.dedup();
    let labels: Vec<String> = metrics.iter().map(|m| format!("Result: {m}")).collect();
    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
    Ok(item_summary_csv(
        active,
        &one.flow,
        &people,
        &cx.campaign_names,
        cx.offset,
        &labels,
        |h| {
            metrics
                .iter()
                .map(|m| {
                    results
                        .get(&h.item)
                        .and_then(|r| r.get(*m))
                        .map(|v| v.to_string())
                        .unwrap_or_default()
                })
                .collect()
        },
    ))
}
