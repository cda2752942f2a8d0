//! Each item's trail in the compact form every metric reads ([`ItemHistory`]): its stage
//! visits, archive spans and escalations. [`record`] keeps it in the transaction that
//! appends the item's events, so /insights never replays the raw trail.
//!
//! What a trail does not store it gets when read: the item's attributes as they are now
//! (from `items`), its post-launch fixes, and when work started and finished — those
//! depend on the workflow's settings, so readers call [`ItemHistory::recompute`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::QueryBuilder;

use super::codec::{text_enum, text_json};
use super::items::{ItemRow, COLUMNS};
use super::{Backend, Conn};
use crate::domain::metrics::{
    ArchiveSpan, EscalationMark, FlowSettings, HistoryFilter, ItemDetails, ItemHistory,
    PostLaunchFix, StageVisit,
};
use crate::domain::{
    CampaignId, Event, EventKind, ItemId, PersonId, Schedule, StageKey, WorkflowId, WorkflowKind,
};

/// One visit as stored: stage, entered, left, seconds waited for approval, the wait running
/// since, submitted (times in milliseconds since 1970).
#[derive(Debug, Serialize, Deserialize)]
struct Visit(String, i64, Option<i64>, i64, Option<i64>, bool);

/// A trail as stored: short keys, times in milliseconds.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    c: i64,
    v: Vec<Visit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    a: Vec<(i64, Option<i64>)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    e: Vec<(String, i64)>,
}

fn ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

fn time(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn encode(h: &ItemHistory) -> Result<String, sqlx::Error> {
    let stored = Stored {
        c: ms(h.created),
        v: h.visits
            .iter()
            .map(|v| {
                Visit(
                    v.stage.to_string(),
                    ms(v.entered),
                    v.left.map(ms),
                    v.approval_wait_secs,
                    v.awaiting_since.map(ms),
                    v.submitted,
                )
            })
            .collect(),
        a: h.archived
            .iter()
            .map(|s| (ms(s.from), s.to.map(ms)))
            .collect(),
        e: h.escalations
            .iter()
            .map(|e| (e.stage.to_string(), ms(e.at)))
            .collect(),
    };
    super::codec::json_text(&stored)
}

fn decode(text: &str, item: ItemId, details: ItemDetails) -> Result<ItemHistory, sqlx::Error> {
    let stored: Stored = text_json(text)?;
    Ok(ItemHistory {
        item,
        details,
        created: time(stored.c),
        visits: stored
            .v
            .into_iter()
            .map(
                |Visit(stage, entered, left, wait, since, submitted)| StageVisit {
                    stage: StageKey(stage),
                    entered: time(entered),
                    left: left.map(time),
                    approval_wait_secs: wait,
                    awaiting_since: since.map(time),
                    submitted,
                },
            )
            .collect(),
        archived: stored
            .a
            .into_iter()
            .map(|(from, to)| ArchiveSpan {
                from: time(from),
                to: to.map(time),
            })
            .collect(),
        escalations: stored
            .e
            .into_iter()
            .map(|(stage, at)| EscalationMark {
                stage: StageKey(stage),
                at: time(at),
            })
            .collect(),
        fixes: Vec::new(),
        started: None,
        finished: None,
    })
}

/// Settings without stages: recording visits does not depend on where work starts, and
/// readers work out started and finished with the real settings.
fn unstaged(workflow: &WorkflowId) -> FlowSettings {
    FlowSettings {
        workflow: workflow.clone(),
        name: String::new(),
        kind: WorkflowKind::Custom,
        stages: Vec::new(),
        start: 0,
    }
}

fn placeholder(workflow: &WorkflowId) -> ItemDetails {
    ItemDetails {
        title: String::new(),
        workflow: workflow.clone(),
        channel: Default::default(),
        campaign: None,
        owner: None,
        schedule: None,
        due: None,
    }
}

/// Adds `events` (just appended for `item`) to its trail. An item without a trail whose
/// first event is not its creation (stored before trails existed) gets its trail rebuilt
/// from everything stored.
pub async fn record(
    conn: &mut Conn,
    item: ItemId,
    workflow: &WorkflowId,
    events: &[Event],
) -> Result<(), sqlx::Error> {
    let Some(first) = events.first() else {
        return Ok(());
    };
    let stored: Option<String> =
        sqlx::query_scalar("SELECT trail FROM item_trails WHERE item_id = $1")
            .bind(item.0)
            .fetch_optional(&mut *conn)
            .await?;
    let mut history = match stored {
        Some(text) => decode(&text, item, placeholder(workflow))?,
        None if matches!(first.kind, EventKind::Created { .. }) => ItemHistory {
            created: first.at,
            ..decode(r#"{"c":0,"v":[]}"#, item, placeholder(workflow))?
        },
        None => return rebuild(conn, &[item]).await.map(|_| ()),
    };
    let flow = unstaged(workflow);
    for event in events {
        history.record(event, &flow);
    }
    write(conn, workflow, &history).await
}

async fn write(
    conn: &mut Conn,
    workflow: &WorkflowId,
    history: &ItemHistory,
) -> Result<(), sqlx::Error> {
    let (stage, entered) = history.current().map_or_else(
        || (String::new(), history.created),
        |v| (v.stage.to_string(), v.entered),
    );
    sqlx::query(
        "INSERT INTO item_trails (item_id, workflow_id, stage, stage_entered_at, created_at, trail) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (item_id) DO UPDATE SET workflow_id = excluded.workflow_id, stage = excluded.stage, \
         stage_entered_at = excluded.stage_entered_at, created_at = excluded.created_at, trail = excluded.trail",
    )
    .bind(history.item.0)
    .bind(workflow.as_str())
    .bind(stage)
    .bind(entered)
    .bind(history.created)
    .bind(encode(history)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Items without a trail, oldest first, at most `limit`.
pub async fn missing(conn: &mut Conn, limit: i64) -> Result<Vec<ItemId>, sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT i.id FROM items i LEFT JOIN item_trails t ON t.item_id = i.id \
         WHERE t.item_id IS NULL ORDER BY i.id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(ItemId).collect())
}

/// Writes the trails of `items` from their stored events (a trail without a creation
/// event starts in the item's stage when it was created). Returns how many were written.
pub async fn rebuild(conn: &mut Conn, items: &[ItemId]) -> Result<usize, sqlx::Error> {
    if items.is_empty() {
        return Ok(0);
    }
    let mut qb = QueryBuilder::<Backend>::new(format!("SELECT {COLUMNS} FROM items WHERE id IN ("));
    push_ids(&mut qb, items);
    let rows: Vec<ItemRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    let mut qb = QueryBuilder::<Backend>::new(
        "SELECT item_id, actor_id, at, payload FROM item_events WHERE item_id IN (",
    );
    push_ids(&mut qb, items);
    qb.push(" ORDER BY item_id, id");
    let events: Vec<(i64, i64, DateTime<Utc>, String)> =
        qb.build_query_as().fetch_all(&mut *conn).await?;
    let mut by_item: BTreeMap<i64, Vec<Event>> = BTreeMap::new();
    for (item, actor, at, payload) in events {
        by_item.entry(item).or_default().push(Event {
            actor: PersonId(actor),
            at,
            kind: text_json(&payload)?,
        });
    }
    let mut written = 0;
    for row in rows {
        let item = row.into_item(Vec::new())?;
        let events = by_item.remove(&item.id.0).unwrap_or_default();
        let history = ItemHistory::from_events(&item, &events, &unstaged(&item.workflow_id));
        write(conn, &item.workflow_id, &history).await?;
        written += 1;
    }
    Ok(written)
}

fn push_ids(qb: &mut QueryBuilder<'_, Backend>, ids: &[ItemId]) {
    let mut list = qb.separated(", ");
    for id in ids {
        list.push_bind(id.0);
    }
    qb.push(")");
}

/// Which items of one workflow a read covers, beyond the filter: where its work finishes.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// The workflow.
    pub workflow: &'a WorkflowId,
    /// Its last stage (finished).
    pub last_stage: &'a StageKey,
    /// Channel, campaign and owners.
    pub filter: &'a HistoryFilter,
}

const READ: &str = "SELECT t.item_id, t.trail, i.title, i.workflow_id, i.channel, i.campaign_id, \
    i.owner_id, i.scheduled_at, i.scheduled_all_day, i.due_at \
    FROM item_trails t JOIN items i ON i.id = t.item_id WHERE ";

type TrailRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<DateTime<Utc>>,
    bool,
    Option<DateTime<Utc>>,
);

/// Pushes ` AND …` on the `items i` columns for each part of the filter that narrows.
pub(super) fn push_filter(qb: &mut QueryBuilder<'_, Backend>, filter: &HistoryFilter) {
    if let Some(channel) = filter.channel {
        qb.push(" AND i.channel = ").push_bind(channel.key());
    }
    if let Some(campaign) = filter.campaign {
        qb.push(" AND i.campaign_id = ").push_bind(campaign.0);
    }
    if let Some(owners) = &filter.owners {
        if owners.is_empty() {
            qb.push(" AND 1 = 0");
        } else {
            qb.push(" AND i.owner_id IN (");
            let mut list = qb.separated(", ");
            for owner in owners {
                list.push_bind(owner.0);
            }
            qb.push(")");
        }
    }
}

fn push_scope<'a>(qb: &mut QueryBuilder<'a, Backend>, scope: &Scope<'a>) {
    qb.push("t.workflow_id = ")
        .push_bind(scope.workflow.as_str());
    push_filter(qb, scope.filter);
}

async fn read(
    conn: &mut Conn,
    mut qb: QueryBuilder<'_, Backend>,
) -> Result<Vec<ItemHistory>, sqlx::Error> {
    let rows: Vec<TrailRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    rows.into_iter()
        .map(
            |(id, trail, title, workflow, channel, campaign, owner, plan, all_day, due)| {
                let details = ItemDetails {
                    title,
                    workflow: WorkflowId(workflow),
                    channel: text_enum(&channel)?,
                    campaign: campaign.map(CampaignId),
                    owner: owner.map(PersonId),
                    schedule: plan.map(|at| Schedule { at, all_day }),
                    due,
                };
                decode(&trail, ItemId(id), details)
            },
        )
        .collect()
}

/// Unfinished items of the scope, with the dropped ones archived at `archived_since` or
/// later (`None`: none archived). Started and finished are left for the caller to work out.
pub async fn open(
    conn: &mut Conn,
    scope: &Scope<'_>,
    archived_since: Option<DateTime<Utc>>,
) -> Result<Vec<ItemHistory>, sqlx::Error> {
    let mut qb = QueryBuilder::new(READ);
    push_scope(&mut qb, scope);
    qb.push(" AND t.stage <> ")
        .push_bind(scope.last_stage.as_str());
    match archived_since {
        Some(since) => {
            qb.push(" AND (i.archived_at IS NULL OR i.archived_at >= ")
                .push_bind(since)
                .push(")");
        }
        None => {
            qb.push(" AND i.archived_at IS NULL");
        }
    }
    read(conn, qb).await
}

/// Items of the scope that reached the last stage in `from..to` and are still there.
pub async fn finished_between(
    conn: &mut Conn,
    scope: &Scope<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ItemHistory>, sqlx::Error> {
    let mut qb = QueryBuilder::new(READ);
    push_scope(&mut qb, scope);
    qb.push(" AND t.stage = ")
        .push_bind(scope.last_stage.as_str())
        .push(" AND t.stage_entered_at >= ")
        .push_bind(from)
        .push(" AND t.stage_entered_at < ")
        .push_bind(to);
    read(conn, qb).await
}

/// How many items of the scope reached the last stage before `before` and are still there.
pub async fn finished_before(
    conn: &mut Conn,
    scope: &Scope<'_>,
    before: DateTime<Utc>,
) -> Result<u32, sqlx::Error> {
    let mut qb = QueryBuilder::new(
        "SELECT COUNT(*) FROM item_trails t JOIN items i ON i.id = t.item_id WHERE ",
    );
    push_scope(&mut qb, scope);
    qb.push(" AND t.stage = ")
        .push_bind(scope.last_stage.as_str())
        .push(" AND t.stage_entered_at < ")
        .push_bind(before);
    let n: i64 = qb.build_query_scalar().fetch_one(&mut *conn).await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// How many items of a workflow reached `last_stage` in `from..to` and are still there, and
/// the sum of their ids: what tells a cached forecast reference that its items changed.
pub async fn finished_stamp(
    conn: &mut Conn,
    workflow: &WorkflowId,
    last_stage: &StageKey,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(item_id), 0) AS BIGINT) FROM item_trails WHERE workflow_id = $1 \
         AND stage = $2 AND stage_entered_at >= $3 AND stage_entered_at < $4",
    )
    .bind(workflow.as_str())
    .bind(last_stage.as_str())
    .bind(from)
    .bind(to)
    .fetch_one(&mut *conn)
    .await
}

/// The trails of the given items (those that have one).
pub async fn of_items(conn: &mut Conn, items: &[ItemId]) -> Result<Vec<ItemHistory>, sqlx::Error> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::new(READ);
    qb.push("t.item_id IN (");
    push_ids(&mut qb, items);
    read(conn, qb).await
}

/// The post-launch fixes of every item of a workflow, by item, oldest first.
pub async fn fixes_of_workflow(
    conn: &mut Conn,
    workflow: &WorkflowId,
) -> Result<BTreeMap<ItemId, Vec<PostLaunchFix>>, sqlx::Error> {
    let rows: Vec<(i64, DateTime<Utc>, String, Option<String>)> = sqlx::query_as(
        "SELECT f.item_id, f.recorded_at, f.what, f.stage FROM post_launch_fixes f \
         JOIN items i ON i.id = f.item_id WHERE i.workflow_id = $1 ORDER BY f.id",
    )
    .bind(workflow.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut by_item: BTreeMap<ItemId, Vec<PostLaunchFix>> = BTreeMap::new();
    for (item, at, what, stage) in rows {
        by_item
            .entry(ItemId(item))
            .or_default()
            .push(PostLaunchFix {
                at,
                what,
                should_have_caught: stage.map(StageKey),
            });
    }
    Ok(by_item)
}

/// Forgets every trail, as a database from before trails were kept (for tests of the
/// start-up backfill).
#[cfg(test)]
pub async fn forget_all(conn: &mut Conn) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM item_trails")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// How many active (not archived) items of each workflow are in each stage now.
pub async fn stage_counts(
    conn: &mut Conn,
) -> Result<BTreeMap<(WorkflowId, StageKey), i64>, sqlx::Error> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT t.workflow_id, t.stage, COUNT(*) FROM item_trails t JOIN items i ON i.id = t.item_id \
         WHERE i.archived_at IS NULL GROUP BY t.workflow_id, t.stage",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(w, s, n)| ((WorkflowId(w), StageKey(s)), n))
        .collect())
}
