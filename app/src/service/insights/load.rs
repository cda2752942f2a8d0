//! The histories a report needs, and no more: unfinished items, items finished since the
//! earliest day asked about, and only the count of items that finished before it (they
//! sit in the last band of a flow diagram and nowhere else).

use chrono::{DateTime, Duration, Utc};

use crate::db::{self, trails::Scope, Conn};
use crate::domain::metrics::{FlowSettings, HistoryFilter, ItemHistory};
use crate::error::AppResult;

/// One workflow's histories for a report.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    /// The workflow's settings.
    pub flow: FlowSettings,
    /// Its unfinished items (dropped ones archived since `since` included) and the items
    /// finished since `since`, with started, finished and fixes worked out.
    pub histories: Vec<ItemHistory>,
    /// Items that finished before `since` and are still finished.
    pub finished_before: u32,
}

/// The histories of `flow`'s items passing `filter` that matter from `since` on.
pub(crate) async fn load(
    conn: &mut Conn,
    flow: &FlowSettings,
    filter: &HistoryFilter,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppResult<Loaded> {
    let Some(last) = flow.stages.last() else {
        return Ok(Loaded {
            flow: flow.clone(),
            histories: Vec::new(),
            finished_before: 0,
        });
    };
    let scope = Scope {
        workflow: &flow.workflow,
        last_stage: &last.key,
        filter,
    };
    let mut histories = db::trails::open(conn, &scope, Some(since)).await?;
    histories
        .extend(db::trails::finished_between(conn, &scope, since, now + Duration::days(1)).await?);
    let finished_before = db::trails::finished_before(conn, &scope, since).await?;
    let mut fixes = db::trails::fixes_of_workflow(conn, &flow.workflow).await?;
    for history in &mut histories {
        history.recompute(flow);
        if let Some(found) = fixes.remove(&history.item) {
            history.fixes = found;
        }
    }
    histories.sort_unstable_by_key(|h| h.item);
    Ok(Loaded {
        flow: flow.clone(),
        histories,
        finished_before,
    })
}
