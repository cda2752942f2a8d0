//! Reports' action logs: decisions with their owner, date, status and the item they made.

use chrono::{DateTime, NaiveDate, Utc};

use super::Conn;
use crate::domain::decisions::DecisionStatus;
use crate::domain::{CampaignId, DecisionId, ItemId, PersonId};

/// A decision as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Id.
    pub id: DecisionId,
    /// The report it was taken on.
    pub report: ItemId,
    /// The report's title.
    pub report_title: String,
    /// The report's campaign.
    pub campaign: Option<CampaignId>,
    /// What was decided.
    pub decision: String,
    /// Who owns it.
    pub owner: Option<PersonId>,
    /// By when.
    pub due_on: Option<NaiveDate>,
    /// Where it stands.
    pub status: DecisionStatus,
    /// The item it created, with its title.
    pub created_item: Option<(ItemId, String)>,
    /// When it was taken.
    pub created_at: DateTime<Utc>,
}

/// What a new decision stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDecision<'a> {
    /// The report.
    pub report: ItemId,
    /// Its campaign.
    pub campaign: Option<CampaignId>,
    /// What was decided.
    pub decision: &'a str,
    /// Who owns it.
    pub owner: Option<PersonId>,
    /// By when.
    pub due_on: Option<NaiveDate>,
    /// The item it created.
    pub created_item: Option<ItemId>,
    /// Who recorded it.
    pub by: PersonId,
}

/// Stores a new, open decision.
pub async fn insert(
    conn: &mut Conn,
    new: &NewDecision<'_>,
    now: DateTime<Utc>,
) -> Result<DecisionId, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO decisions (report_id, campaign_id, decision, owner_id, due_on, status, \
         created_item_id, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(new.report.0)
    .bind(new.campaign.map(|c| c.0))
    .bind(new.decision)
    .bind(new.owner.map(|p| p.0))
    .bind(new.due_on)
    .bind(DecisionStatus::Open.key())
    .bind(new.created_item.map(|i| i.0))
    .bind(new.by.0)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(DecisionId(id))
}

/// Sets a decision's status; false when there is no such decision.
pub async fn set_status(
    conn: &mut Conn,
    id: DecisionId,
    status: DecisionStatus,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE decisions SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.key())
        .bind(now)
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

type Row = (
    i64,
    i64,
    String,
    Option<i64>,
    String,
    Option<i64>,
    Option<NaiveDate>,
    String,
    Option<i64>,
    Option<String>,
    DateTime<Utc>,
);

const SELECT: &str =
    "SELECT d.id, d.report_id, r.title, d.campaign_id, d.decision, d.owner_id, d.due_on, \
     d.status, d.created_item_id, c.title, d.created_at FROM decisions d \
     JOIN items r ON r.id = d.report_id LEFT JOIN items c ON c.id = d.created_item_id";

fn decision_of(row: Row) -> Decision {
    let (id, report, report_title, campaign, decision, owner, due_on, status, made, made_title, at) =
        row;
    Decision {
        id: DecisionId(id),
        report: ItemId(report),
        report_title,
        campaign: campaign.map(CampaignId),
        decision,
        owner: owner.map(PersonId),
        due_on,
        status: DecisionStatus::from_key(&status).unwrap_or(DecisionStatus::Open),
        created_item: made.map(|m| (ItemId(m), made_title.unwrap_or_default())),
        created_at: at,
    }
}

/// A report's decisions, oldest first.
pub async fn of_report(conn: &mut Conn, report: ItemId) -> Result<Vec<Decision>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} WHERE d.report_id = $1 ORDER BY d.id"))
        .bind(report.0)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(decision_of).collect())
}

/// A campaign's decisions, newest first.
pub async fn of_campaign(
    conn: &mut Conn,
    campaign: CampaignId,
) -> Result<Vec<Decision>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE d.campaign_id = $1 ORDER BY d.id DESC LIMIT 200"
    ))
    .bind(campaign.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(decision_of).collect())
}

/// One decision.
pub async fn get(conn: &mut Conn, id: DecisionId) -> Result<Option<Decision>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE d.id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(decision_of))
}
