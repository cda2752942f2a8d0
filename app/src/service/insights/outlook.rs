//! Whether open items will make their dates: what they are judged against (each workflow's
//! items finished in the 90 whole days before today, remembered per workflow until the day,
//! the workflow or those items change), and each item's outlook.
//!
//! Judging one item reads its compact trail and nothing else, so cards, calendar entries
//! and inbox rows carry the trending-late flag at the cost of one small read per page.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

use crate::db::{self, trails::Scope, Conn, Db, FlowReference};
use crate::domain::metrics::days::day_start;
use crate::domain::metrics::forecast::FinishReference;
use crate::domain::metrics::{
    item_outlooks, local_day, FlowSettings, HistoryFilter, ItemOutlook, Period,
};
use crate::domain::{Item, ItemId, WorkflowDefinition, WorkflowId};
use crate::error::AppResult;

/// Days of finished work open items are judged against.
pub const REFERENCE_DAYS: i64 = 90;

/// The whole days the reference covers on `today`: the 90 before it (today is not over).
pub fn reference_period(today: NaiveDate) -> Period {
    Period::new(
        today - Duration::days(REFERENCE_DAYS),
        today - Duration::days(1),
    )
}

/// What `flow`'s open items are judged against today.
pub async fn reference(
    db: &Db,
    conn: &mut Conn,
    def: &WorkflowDefinition,
    flow: &FlowSettings,
    offset: FixedOffset,
    today: NaiveDate,
) -> AppResult<Arc<FlowReference>> {
    let period = reference_period(today);
    let (from, to) = (day_start(period.first, offset), day_start(today, offset));
    let Some(last) = flow.stages.last() else {
        return Ok(Arc::new(FlowReference {
            key: String::new(),
            flow: flow.clone(),
            reference: FinishReference::build([], flow, period, offset, &flow.noun()),
        }));
    };
    let (count, ids) =
        db::trails::finished_stamp(conn, &flow.workflow, &last.key, from, to).await?;
    let key = format!(
        "{today}|{}|{}|{}|{count}|{ids}",
        def.version,
        flow.start,
        offset.local_minus_utc()
    );
    if let Some(known) = db.flow_reference(&flow.workflow, &key) {
        return Ok(known);
    }
    let everything = HistoryFilter::default();
    let scope = Scope {
        workflow: &flow.workflow,
        last_stage: &last.key,
        filter: &everything,
    };
    let mut finished = db::trails::finished_between(conn, &scope, from, to).await?;
    for history in &mut finished {
        history.recompute(flow);
    }
    let reference = Arc::new(FlowReference {
        key,
        flow: flow.clone(),
        reference: FinishReference::build(&finished, flow, period, offset, &flow.noun()),
    });
    db.keep_flow_reference(reference.clone());
    Ok(reference)
}

/// Whether an item can be trending late at all: active, with a date, not done.
fn may_be_late(item: &Item, def: &WorkflowDefinition) -> bool {
    !item.is_archived()
        && (item.schedule.is_some() || item.due.is_some())
        && def.stages.last().is_some_and(|s| s.key != item.stage)
}

/// The outlook of each of `items` that is open and has a date, at `now`.
pub async fn outlooks_for(
    db: &Db,
    conn: &mut Conn,
    items: &[Item],
    now: DateTime<Utc>,
) -> AppResult<BTreeMap<ItemId, ItemOutlook>> {
    let mut found = BTreeMap::new();
    let mut by_workflow: BTreeMap<&WorkflowId, Vec<&Item>> = BTreeMap::new();
    for item in items {
        if !item.is_archived() && (item.schedule.is_some() || item.due.is_some()) {
            by_workflow.entry(&item.workflow_id).or_default().push(item);
        }
    }
    if by_workflow.is_empty() {
        return Ok(found);
    }
    let offset = super::team_offset(db, conn).await?;
    let today = local_day(now, offset);
    for (workflow, items) in by_workflow {
        let Some((def, flow)) = super::flow_of(db, conn, workflow).await? else {
            continue;
        };
        let ids: Vec<ItemId> = items
            .iter()
            .filter(|i| may_be_late(i, &def))
            .map(|i| i.id)
            .collect();
        if ids.is_empty() {
            continue;
        }
        let reference = reference(db, conn, &def, &flow, offset, today).await?;
        let mut histories = db::trails::of_items(conn, &ids).await?;
        for history in &mut histories {
            history.recompute(&flow);
        }
        let noun = flow.noun();
        for outlook in item_outlooks(&histories, &flow, &reference.reference, now, offset, &noun) {
            found.insert(outlook.item, outlook);
        }
    }
    Ok(found)
}

/// Why each of `items` is trending late, for those that are.
pub async fn late_reasons(
    db: &Db,
    conn: &mut Conn,
    items: &[Item],
    now: DateTime<Utc>,
) -> AppResult<BTreeMap<ItemId, String>> {
    Ok(outlooks_for(db, conn, items, now)
        .await?
        .into_iter()
        .filter(|(_, o)| o.is_trending_late())
        .filter_map(|(id, o)| Some((id, o.reason?)))
        .collect())
}
