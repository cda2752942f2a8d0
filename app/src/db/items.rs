//! Items (cards): read whole, written whole, guarded by their version number.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sqlx::QueryBuilder;

use super::{Backend, Conn};

use super::codec::{enum_text, json_text, text_enum, text_json};
use crate::domain::filter::ItemFilter;
use crate::domain::{CampaignId, Item, ItemId, PersonId, Schedule, StageKey, WorkflowId};

pub(super) const COLUMNS: &str = "id, title, workflow_id, workflow_version, stage, owner_id, due_at, scheduled_at, \
    scheduled_all_day, channel, campaign_id, priority, revision_round, submitted_at, escalation, archived_at, \
    entered_stage_at, fields, checklist, approvals, created_at, updated_at, version, outcome";

#[derive(sqlx::FromRow)]
pub(super) struct ItemRow {
    id: i64,
    title: String,
    workflow_id: String,
    workflow_version: i64,
    stage: String,
    owner_id: Option<i64>,
    due_at: Option<DateTime<Utc>>,
    scheduled_at: Option<DateTime<Utc>>,
    scheduled_all_day: bool,
    channel: String,
    campaign_id: Option<i64>,
    priority: String,
    revision_round: i64,
    submitted_at: Option<DateTime<Utc>>,
    escalation: Option<String>,
    archived_at: Option<DateTime<Utc>>,
    entered_stage_at: DateTime<Utc>,
    fields: String,
    checklist: String,
    approvals: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
    outcome: Option<String>,
}

/// Pushes ` AND …` for each of the shared filters that narrows, on the `items` columns.
pub(super) fn push_facets(qb: &mut QueryBuilder<'_, Backend>, filter: &ItemFilter) {
    if let Some(channel) = filter.channel {
        qb.push(" AND channel = ").push_bind(channel.key());
    }
    if let Some(campaign) = filter.campaign {
        qb.push(" AND campaign_id = ").push_bind(campaign.0);
    }
    if let Some(workflow) = &filter.workflow {
        qb.push(" AND workflow_id = ")
            .push_bind(workflow.as_str().to_owned());
    }
    if let Some(owner) = filter.owner {
        qb.push(" AND owner_id = ").push_bind(owner.0);
    }
}

fn small(n: i64) -> Result<u32, sqlx::Error> {
    u32::try_from(n).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

impl ItemRow {
    pub(super) fn id(&self) -> i64 {
        self.id
    }

    pub(super) fn into_item(self, assignees: Vec<PersonId>) -> Result<Item, sqlx::Error> {
        Ok(Item {
            id: ItemId(self.id),
            title: self.title,
            workflow_id: WorkflowId(self.workflow_id),
            workflow_version: small(self.workflow_version)?,
            stage: StageKey(self.stage),
            owner: self.owner_id.map(PersonId),
            assignees,
            fields: text_json(&self.fields)?,
            checklist: text_json(&self.checklist)?,
            due: self.due_at,
            schedule: self.scheduled_at.map(|at| Schedule {
                at,
                all_day: self.scheduled_all_day,
            }),
            channel: text_enum(&self.channel)?,
            campaign: self.campaign_id.map(CampaignId),
            priority: text_enum(&self.priority)?,
            revision_round: small(self.revision_round)?,
            approvals: text_json(&self.approvals)?,
            submitted_at: self.submitted_at,
            escalation: self.escalation.as_deref().map(text_json).transpose()?,
            archived_at: self.archived_at,
            entered_stage_at: self.entered_stage_at,
            created_at: self.created_at,
            updated_at: self.updated_at,
            version: small(self.version)?,
            outcome: self.outcome.as_deref().map(text_json).transpose()?,
        })
    }
}

/// How many items there are, archived ones included.
pub async fn count(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM items")
        .fetch_one(&mut *conn)
        .await
}

/// Reads one item, or `None` when there is no such item.
pub async fn load(conn: &mut Conn, id: ItemId) -> Result<Option<Item>, sqlx::Error> {
    let row: Option<ItemRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM items WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let assignees: Vec<i64> = sqlx::query_scalar(
        "SELECT person_id FROM item_assignees WHERE item_id = $1 ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    row.into_item(assignees.into_iter().map(PersonId).collect())
        .map(Some)
}

/// Reads every item of a workflow (archived ones only when asked), in id order.
pub async fn list_for_workflow(
    conn: &mut Conn,
    workflow: &WorkflowId,
    include_archived: bool,
) -> Result<Vec<Item>, sqlx::Error> {
    let rows: Vec<ItemRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM items WHERE workflow_id = $1 AND ($2 OR archived_at IS NULL) ORDER BY id"
    ))
    .bind(workflow.as_str())
    .bind(include_archived)
    .fetch_all(&mut *conn)
    .await?;
    let pairs: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT a.item_id, a.person_id FROM item_assignees a JOIN items i ON i.id = a.item_id \
         WHERE i.workflow_id = $1 ORDER BY a.item_id, a.position",
    )
    .bind(workflow.as_str())
    .fetch_all(&mut *conn)
    .await?;
    attach(rows, pairs)
}

/// Every item, archived ones too, in id order: the workspace export.
pub async fn all(conn: &mut Conn) -> Result<Vec<Item>, sqlx::Error> {
    let rows: Vec<ItemRow> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM items ORDER BY id"))
        .fetch_all(&mut *conn)
        .await?;
    let pairs: Vec<(i64, i64)> =
        sqlx::query_as("SELECT item_id, person_id FROM item_assignees ORDER BY item_id, position")
            .fetch_all(&mut *conn)
            .await?;
    attach(rows, pairs)
}

/// Items from their rows and `(item, person)` assignee pairs in position order.
fn attach(rows: Vec<ItemRow>, pairs: Vec<(i64, i64)>) -> Result<Vec<Item>, sqlx::Error> {
    let mut assignees: BTreeMap<i64, Vec<PersonId>> = BTreeMap::new();
    for (item, person) in pairs {
        assignees.entry(item).or_default().push(PersonId(person));
    }
    rows.into_iter()
        .map(|r| {
            let a = assignees.remove(&r.id).unwrap_or_default();
            r.into_item(a)
        })
        .collect()
}

/// Every active (not archived) item of a campaign, in id order.
pub async fn list_for_campaign(
    conn: &mut Conn,
    campaign: CampaignId,
) -> Result<Vec<Item>, sqlx::Error> {
    let rows: Vec<ItemRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM items WHERE campaign_id = $1 AND archived_at IS NULL ORDER BY id"
    ))
    .bind(campaign.0)
    .fetch_all(&mut *conn)
    .await?;
    with_assignees(conn, rows).await
}

/// Items from their rows, with their assignees read for exactly those rows.
pub(super) async fn with_assignees(
    conn: &mut Conn,
    rows: Vec<ItemRow>,
) -> Result<Vec<Item>, sqlx::Error> {
    let mut pairs: Vec<(i64, i64)> = Vec::new();
    // A few hundred ids per statement keeps well inside SQLite's limit on parameters.
    for chunk in rows.chunks(500) {
        let mut qb = sqlx::QueryBuilder::new(
            "SELECT item_id, person_id FROM item_assignees WHERE item_id IN (",
        );
        let mut list = qb.separated(", ");
        for row in chunk {
            list.push_bind(row.id());
        }
        qb.push(") ORDER BY item_id, position");
        pairs.extend(
            qb.build_query_as::<(i64, i64)>()
                .fetch_all(&mut *conn)
                .await?,
        );
    }
    attach(rows, pairs)
}

/// Stores a new item under an id the database chooses (the item's own `id` is not
/// used) and returns that id. Ids are never reused, so concurrent writers cannot collide.
pub async fn insert(conn: &mut Conn, item: &Item) -> Result<ItemId, sqlx::Error> {
    let columns = COLUMNS
        .strip_prefix("id, ")
        .expect("the columns start with the id");
    let id: i64 = sqlx::query_scalar(&format!(
        "INSERT INTO items ({columns}) VALUES \
         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) \
         RETURNING id"
    ))
    .bind(&item.title)
    .bind(item.workflow_id.as_str())
    .bind(i64::from(item.workflow_version))
    .bind(item.stage.as_str())
    .bind(item.owner.map(|p| p.0))
    .bind(item.due)
    .bind(item.schedule.map(|s| s.at))
    .bind(item.schedule.is_some_and(|s| s.all_day))
    .bind(enum_text(&item.channel))
    .bind(item.campaign.map(|c| c.0))
    .bind(enum_text(&item.priority))
    .bind(i64::from(item.revision_round))
    .bind(item.submitted_at)
    .bind(item.escalation.as_ref().map(json_text).transpose()?)
    .bind(item.archived_at)
    .bind(item.entered_stage_at)
    .bind(json_text(&item.fields)?)
    .bind(json_text(&item.checklist)?)
    .bind(json_text(&item.approvals)?)
    .bind(item.created_at)
    .bind(item.updated_at)
    .bind(i64::from(item.version))
    .bind(item.outcome.as_ref().map(json_text).transpose()?)
    .fetch_one(&mut *conn)
    .await?;
    let id = ItemId(id);
    write_assignees(conn, id, &item.assignees).await?;
    Ok(id)
}

/// Writes a changed item if it is still as `before` (same version). Returns false,
/// writing nothing, when someone else changed it first. Assignees are rewritten only
/// when they changed: most operations (moves, ticks, approvals) leave them alone.
pub async fn update(conn: &mut Conn, item: &Item, before: &Item) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE items SET title = $1, workflow_version = $2, stage = $3, owner_id = $4, due_at = $5, \
         scheduled_at = $6, scheduled_all_day = $7, channel = $8, campaign_id = $9, priority = $10, \
         revision_round = $11, submitted_at = $12, escalation = $13, escalated_at = $14, archived_at = $15, \
         entered_stage_at = $16, fields = $17, checklist = $18, approvals = $19, updated_at = $20, version = $21, \
         outcome = $24 WHERE id = $22 AND version = $23",
    )
    .bind(&item.title)
    .bind(i64::from(item.workflow_version))
    .bind(item.stage.as_str())
    .bind(item.owner.map(|p| p.0))
    .bind(item.due)
    .bind(item.schedule.map(|s| s.at))
    .bind(item.schedule.is_some_and(|s| s.all_day))
    .bind(enum_text(&item.channel))
    .bind(item.campaign.map(|c| c.0))
    .bind(enum_text(&item.priority))
    .bind(i64::from(item.revision_round))
    .bind(item.submitted_at)
    .bind(item.escalation.as_ref().map(json_text).transpose()?)
    .bind(item.escalation.as_ref().map(|e| e.at))
    .bind(item.archived_at)
    .bind(item.entered_stage_at)
    .bind(json_text(&item.fields)?)
    .bind(json_text(&item.checklist)?)
    .bind(json_text(&item.approvals)?)
    .bind(item.updated_at)
    .bind(i64::from(item.version))
    .bind(item.id.0)
    .bind(i64::from(before.version))
    .bind(item.outcome.as_ref().map(json_text).transpose()?)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    if item.assignees == before.assignees {
        return Ok(true);
    }
    sqlx::query("DELETE FROM item_assignees WHERE item_id = $1")
        .bind(item.id.0)
        .execute(&mut *conn)
        .await?;
    write_assignees(conn, item.id, &item.assignees).await?;
    Ok(true)
}

async fn write_assignees(
    conn: &mut Conn,
    item: ItemId,
    assignees: &[PersonId],
) -> Result<(), sqlx::Error> {
    for (position, person) in assignees.iter().enumerate() {
        sqlx::query(
            "INSERT INTO item_assignees (item_id, person_id, position) VALUES ($1, $2, $3)",
        )
        .bind(item.0)
        .bind(person.0)
        .bind(position as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// An item of a campaign as an integrated campaign's gate looks at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedItem {
    /// The item.
    pub id: ItemId,
    /// Its title.
    pub title: String,
    /// Its workflow and version.
    pub workflow: (WorkflowId, u32),
    /// Its stage.
    pub stage: StageKey,
}

/// Every active item of `campaign` but `except`, leaving out the integrated-campaign
/// items that coordinate the others, in id order.
pub async fn campaign_stages(
    conn: &mut Conn,
    campaign: CampaignId,
    except: ItemId,
) -> Result<Vec<LinkedItem>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
        "SELECT i.id, i.title, i.workflow_id, i.workflow_version, i.stage FROM items i JOIN workflows w ON w.id = i.workflow_id \
         WHERE i.campaign_id = $1 AND i.id <> $2 AND i.archived_at IS NULL AND w.kind <> 'integrated_campaign' \
         ORDER BY i.id",
    )
    .bind(campaign.0)
    .bind(except.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, title, workflow, version, stage)| {
            Ok(LinkedItem {
                id: ItemId(id),
                title,
                workflow: (WorkflowId(workflow), small(version)?),
                stage: StageKey(stage),
            })
        })
        .collect()
}

/// Items per stage of a workflow, not counting archived ones: what WIP limits count.
pub async fn stage_counts(
    conn: &mut Conn,
    workflow: &WorkflowId,
) -> Result<BTreeMap<StageKey, u32>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT stage, COUNT(*) FROM items WHERE workflow_id = $1 AND archived_at IS NULL GROUP BY stage",
    )
    .bind(workflow.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(stage, n)| Ok((StageKey(stage), small(n)?)))
        .collect()
}

/// Like [`stage_counts`], for the given stages only (a stage with no items counts 0):
/// cheaper on big boards, and all a write needs to check limits.
pub async fn stage_counts_in(
    conn: &mut Conn,
    workflow: &WorkflowId,
    stages: &[&StageKey],
) -> Result<BTreeMap<StageKey, u32>, sqlx::Error> {
    let mut counts: BTreeMap<StageKey, u32> =
        stages.iter().map(|stage| ((*stage).clone(), 0)).collect();
    if stages.is_empty() {
        return Ok(counts);
    }
    let mut qb = sqlx::QueryBuilder::new(
        "SELECT stage, COUNT(*) FROM items WHERE archived_at IS NULL AND workflow_id = ",
    );
    qb.push_bind(workflow.as_str()).push(" AND stage IN (");
    let mut list = qb.separated(", ");
    for stage in stages {
        list.push_bind(stage.as_str());
    }
    qb.push(") GROUP BY stage");
    let rows: Vec<(String, i64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
    for (stage, n) in rows {
        counts.insert(StageKey(stage), small(n)?);
    }
    Ok(counts)
}

/// What a page of the public API's item list asks for.
#[derive(Debug, Clone, Default)]
pub struct ItemPage {
    /// The shared facets (workflow, owner, campaign, channel).
    pub filter: ItemFilter,
    /// Only items in this stage.
    pub stage: Option<StageKey>,
    /// Archived items too.
    pub include_archived: bool,
    /// Only items changed at or after this time.
    pub updated_since: Option<DateTime<Utc>>,
    /// Only items with an id above this one (the cursor).
    pub after: Option<ItemId>,
    /// The most items on the page.
    pub limit: u32,
}

/// One page of items in id order, with their assignees.
pub async fn page(conn: &mut Conn, page: &ItemPage) -> Result<Vec<Item>, sqlx::Error> {
    use sqlx::FromRow;
    let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM items WHERE 1 = 1"));
    push_facets(&mut qb, &page.filter);
    if let Some(stage) = &page.stage {
        qb.push(" AND stage = ")
            .push_bind(stage.as_str().to_owned());
    }
    if !page.include_archived {
        qb.push(" AND archived_at IS NULL");
    }
    if let Some(since) = page.updated_since {
        qb.push(" AND updated_at >= ").push_bind(since);
    }
    if let Some(after) = page.after {
        qb.push(" AND id > ").push_bind(after.0);
    }
    qb.push(" ORDER BY id LIMIT ")
        .push_bind(i64::from(page.limit));
    let rows = qb.build().fetch_all(&mut *conn).await?;
    let rows: Vec<ItemRow> = rows
        .iter()
        .map(ItemRow::from_row)
        .collect::<Result<_, _>>()?;
    let Some((first, last)) = rows.first().zip(rows.last()).map(|(f, l)| (f.id, l.id)) else {
        return Ok(Vec::new());
    };
    let pairs: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT item_id, person_id FROM item_assignees WHERE item_id BETWEEN $1 AND $2 \
         ORDER BY item_id, position",
    )
    .bind(first)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?;
    let mut assignees: BTreeMap<i64, Vec<PersonId>> = BTreeMap::new();
    for (item, person) in pairs {
        assignees.entry(item).or_default().push(PersonId(person));
    }
    rows.into_iter()
        .map(|row| {
            let who = assignees.remove(&row.id()).unwrap_or_default();
            row.into_item(who)
        })
        .collect()
}
