//! The board's reads: a page of cards per column, counts per stage, summaries.
//! Filters are SQL conditions, so a board of thousands of cards reads only the
//! cards it shows (the `items_board` index covers workflow, archive and stage).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sqlx::{FromRow, QueryBuilder, Row};

use super::{Backend, Conn};

use super::items::{push_facets, ItemRow, COLUMNS};
use crate::domain::filter::{BoardFilter, DueFilter, ItemFilter};
use crate::domain::{Item, ItemId, StageKey, WorkflowId};

/// Which cards of a workflow a board shows.
#[derive(Debug, Clone)]
pub struct Scope<'a> {
    /// The workflow.
    pub workflow: &'a WorkflowId,
    /// The person's filters.
    pub filter: &'a BoardFilter,
    /// The last stage: overdue never applies there, and long-done cards are left out.
    pub last_stage: Option<&'a StageKey>,
    /// Cards that entered the last stage before this are "long done".
    pub done_before: DateTime<Utc>,
    /// Now, for "overdue".
    pub now: DateTime<Utc>,
    /// End of this week, for "due this week".
    pub week_end: DateTime<Utc>,
}

/// Pushes the condition a card must meet to be on the board, as one parenthesised expression.
fn push_match(qb: &mut QueryBuilder<'_, Backend>, scope: &Scope<'_>) {
    let f = scope.filter;
    qb.push("(workflow_id = ")
        .push_bind(scope.workflow.as_str().to_owned());
    if !f.archived {
        qb.push(" AND archived_at IS NULL");
    }
    if let (false, Some(last)) = (f.all_done, scope.last_stage) {
        qb.push(" AND NOT (stage = ")
            .push_bind(last.as_str().to_owned());
        qb.push(" AND entered_stage_at < ")
            .push_bind(scope.done_before)
            .push(")");
    }
    // The board is its own workflow: a workflow in the facets means nothing here.
    push_facets(
        qb,
        &ItemFilter {
            workflow: None,
            ..f.facets.clone()
        },
    );
    match f.due {
        Some(DueFilter::Overdue) => {
            qb.push(" AND due_at < ").push_bind(scope.now);
            if let Some(last) = scope.last_stage {
                qb.push(" AND stage <> ")
                    .push_bind(last.as_str().to_owned());
            }
        }
        Some(DueFilter::ThisWeek) => {
            qb.push(" AND due_at >= ").push_bind(scope.now);
            qb.push(" AND due_at < ").push_bind(scope.week_end);
        }
        None => {}
    }
    if !f.text.is_empty() {
        let escaped = f
            .text
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        // The database's lower() on both sides: SQLite's LIKE ignores case by itself,
        // PostgreSQL's does not, and each folds the title and the pattern alike.
        qb.push(" AND lower(title) LIKE lower(")
            .push_bind(format!("%{escaped}%"))
            .push(") ESCAPE '\\'");
    }
    qb.push(")");
}

/// Cards matching the scope, per stage.
pub async fn matching_counts(
    conn: &mut Conn,
    scope: &Scope<'_>,
) -> Result<BTreeMap<StageKey, u32>, sqlx::Error> {
    let mut qb = QueryBuilder::new("SELECT stage, COUNT(*) FROM items WHERE ");
    push_match(&mut qb, scope);
    qb.push(" GROUP BY stage");
    let rows: Vec<(String, i64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(s, n)| (StageKey(s), u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}

/// How many cards matching the filters are left out because they were finished long ago.
pub async fn long_done(conn: &mut Conn, scope: &Scope<'_>) -> Result<u32, sqlx::Error> {
    let Some(last) = scope.last_stage else {
        return Ok(0);
    };
    let everything = BoardFilter {
        all_done: true,
        ..scope.filter.clone()
    };
    let wide = Scope {
        filter: &everything,
        ..scope.clone()
    };
    let mut qb = QueryBuilder::new("SELECT COUNT(*) FROM items WHERE ");
    push_match(&mut qb, &wide);
    qb.push(" AND stage = ").push_bind(last.as_str().to_owned());
    qb.push(" AND entered_stage_at < ")
        .push_bind(scope.done_before);
    let n: i64 = qb.build_query_scalar().fetch_one(&mut *conn).await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Which cards of the scope to read.
#[derive(Debug, Clone, Copy)]
pub enum Slice<'a> {
    /// The first `per_stage` cards of every stage.
    EveryStage {
        /// Cards per stage.
        per_stage: u32,
    },
    /// Cards `offset + 1 ..= offset + limit` of one stage.
    Stage {
        /// The stage.
        stage: &'a StageKey,
        /// Cards already shown.
        offset: u32,
        /// How many more.
        limit: u32,
    },
    /// One card, if it matches.
    Card(ItemId),
}

/// Cards of the scope, newest in their stage first, without their assignees (cards don't show them).
pub async fn cards(
    conn: &mut Conn,
    scope: &Scope<'_>,
    slice: Slice<'_>,
) -> Result<Vec<Item>, sqlx::Error> {
    let prefixed: Vec<String> = COLUMNS
        .split(',')
        .map(|c| format!("i.{}", c.trim()))
        .collect();
    let mut qb = QueryBuilder::new(format!(
        "SELECT {} FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY stage ORDER BY entered_stage_at DESC, id DESC) AS rn \
         FROM items WHERE ",
        prefixed.join(", ")
    ));
    push_match(&mut qb, scope);
    let (from, to) = match slice {
        Slice::EveryStage { per_stage } => (0, per_stage),
        Slice::Stage {
            stage,
            offset,
            limit,
        } => {
            qb.push(" AND stage = ")
                .push_bind(stage.as_str().to_owned());
            (offset, offset.saturating_add(limit))
        }
        Slice::Card(id) => {
            qb.push(" AND id = ").push_bind(id.0);
            (0, 1)
        }
    };
    qb.push(") r JOIN items i ON i.id = r.id WHERE r.rn > ")
        .push_bind(i64::from(from));
    qb.push(" AND r.rn <= ").push_bind(i64::from(to));
    qb.push(" ORDER BY i.stage, r.rn");
    let rows = qb.build().fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|row| ItemRow::from_row(row)?.into_item(Vec::new()))
        .collect()
}

/// Per workflow and stage: active cards, cards submitted for approval, and cards past their due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageTally {
    /// The workflow.
    pub workflow: WorkflowId,
    /// The stage.
    pub stage: StageKey,
    /// Active cards.
    pub active: u32,
    /// Submitted and waiting on approvers.
    pub waiting: u32,
    /// Past their due date.
    pub overdue: u32,
}

/// Counts for the list of boards, in one statement.
pub async fn tallies(conn: &mut Conn, now: DateTime<Utc>) -> Result<Vec<StageTally>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT workflow_id, stage, COUNT(*) AS active, \
         SUM(CASE WHEN submitted_at IS NOT NULL THEN 1 ELSE 0 END) AS waiting, \
         SUM(CASE WHEN due_at < $1 THEN 1 ELSE 0 END) AS overdue \
         FROM items WHERE archived_at IS NULL GROUP BY workflow_id, stage",
    )
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    let n = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
    rows.iter()
        .map(|r| {
            Ok(StageTally {
                workflow: WorkflowId(r.try_get("workflow_id")?),
                stage: StageKey(r.try_get("stage")?),
                active: n(r.try_get("active")?),
                waiting: n(r.try_get("waiting")?),
                overdue: n(r.try_get("overdue")?),
            })
        })
        .collect()
}

/// The workflow an item follows.
pub async fn workflow_of(conn: &mut Conn, id: ItemId) -> Result<Option<WorkflowId>, sqlx::Error> {
    let found: Option<String> = sqlx::query_scalar("SELECT workflow_id FROM items WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.map(WorkflowId))
}
