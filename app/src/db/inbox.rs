//! What the inbox reads: the items that may wait on a person, and their latest feedback.
//! Each is one statement however many items there are: the inbox count is in every page's
//! header, so reading item by item would make every page as slow as the busiest inbox.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sqlx::QueryBuilder;

use super::Backend;

use super::Conn;

use super::codec::text_json;
use super::items::{ItemRow, COLUMNS};
use crate::domain::inbox::Feedback;
use crate::domain::{EventKind, Item, ItemId, PersonId, StageKey, WorkflowId};

/// A stage of one workflow version: where unassigned work waits on the stage's responsible people.
pub type StageOf = (WorkflowId, u32, StageKey);

/// The condition on `items` that picks the candidates: active items submitted for approval,
/// escalated, or the person's (owned or assigned), and unassigned, unsubmitted items in the
/// `responsible` stages. Which of them really wait on the person is the domain's call.
fn push_candidates<'a>(
    qb: &mut QueryBuilder<'a, Backend>,
    person: PersonId,
    responsible: &'a [StageOf],
) {
    qb.push("archived_at IS NULL AND (submitted_at IS NOT NULL OR escalation IS NOT NULL OR owner_id = ")
        .push_bind(person.0)
        .push(" OR id IN (SELECT item_id FROM item_assignees WHERE person_id = ")
        .push_bind(person.0)
        .push(")");
    if !responsible.is_empty() {
        qb.push(
            " OR (submitted_at IS NULL AND NOT EXISTS \
             (SELECT 1 FROM item_assignees a WHERE a.item_id = items.id) AND (",
        );
        for (n, (workflow, version, stage)) in responsible.iter().enumerate() {
            if n > 0 {
                qb.push(" OR ");
            }
            qb.push("(workflow_id = ")
                .push_bind(workflow.as_str())
                .push(" AND workflow_version = ")
                .push_bind(i64::from(*version))
                .push(" AND stage = ")
                .push_bind(stage.as_str())
                .push(")");
        }
        qb.push("))");
    }
    qb.push(")");
}

/// Every candidate item for `person`'s inbox, with its assignees, in id order.
pub async fn candidates(
    conn: &mut Conn,
    person: PersonId,
    responsible: &[StageOf],
) -> Result<Vec<Item>, sqlx::Error> {
    let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM items WHERE "));
    push_candidates(&mut qb, person, responsible);
    qb.push(" ORDER BY id");
    let rows: Vec<ItemRow> = qb.build_query_as().fetch_all(&mut *conn).await?;

    let mut qb = QueryBuilder::new(
        "SELECT item_id, person_id FROM item_assignees WHERE item_id IN (SELECT id FROM items WHERE ",
    );
    push_candidates(&mut qb, person, responsible);
    qb.push(") ORDER BY item_id, position");
    let pairs: Vec<(i64, i64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
    let mut assignees: BTreeMap<i64, Vec<PersonId>> = BTreeMap::new();
    for (item, person) in pairs {
        assignees.entry(item).or_default().push(PersonId(person));
    }
    rows.into_iter()
        .map(|row| {
            let theirs = assignees.remove(&row.id()).unwrap_or_default();
            row.into_item(theirs)
        })
        .collect()
}

/// The latest "changes requested" on each active, unsubmitted item `person` owns or is
/// assigned to: the feedback their inbox shows them.
pub async fn latest_feedback(
    conn: &mut Conn,
    person: PersonId,
) -> Result<BTreeMap<ItemId, Feedback>, sqlx::Error> {
    let rows: Vec<(i64, i64, DateTime<Utc>, String)> = sqlx::query_as(
        "SELECT e.item_id, e.actor_id, e.at, e.payload FROM item_events e WHERE e.id IN \
         (SELECT MAX(x.id) FROM item_events x JOIN items i ON i.id = x.item_id \
          WHERE x.kind = 'changes_requested' AND i.archived_at IS NULL AND i.submitted_at IS NULL \
          AND (i.owner_id = $1 OR i.id IN (SELECT item_id FROM item_assignees WHERE person_id = $1)) \
          GROUP BY x.item_id)",
    )
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut found = BTreeMap::new();
    for (item, actor, at, payload) in rows {
        if let EventKind::ChangesRequested { feedback, .. } = text_json::<EventKind>(&payload)? {
            found.insert(
                ItemId(item),
                Feedback {
                    by: PersonId(actor),
                    at,
                    text: feedback,
                },
            );
        }
    }
    Ok(found)
}
