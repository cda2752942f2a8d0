//! Campaigns: what groups items of several workflows, with their owner, budget, goals and
//! trail.

use crate::db::Conn;
use chrono::{DateTime, NaiveDate, Utc};

use super::codec::{json_text, text_json};
use crate::domain::campaign::{CampaignPlan, Goal};
use crate::domain::{CampaignId, ItemId, Money, PersonId};

/// A campaign as cards, pickers and the calendar's checks need it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CampaignRow {
    /// Id.
    pub id: i64,
    /// Name shown on cards.
    pub name: String,
    /// First day, if planned.
    pub starts_on: Option<NaiveDate>,
    /// Last day, if planned.
    pub ends_on: Option<NaiveDate>,
    /// When it was closed; closed campaigns are not offered for new work.
    pub closed_at: Option<DateTime<Utc>>,
}

/// A campaign in full.
#[derive(Debug, Clone, PartialEq)]
pub struct Campaign {
    /// Id.
    pub id: CampaignId,
    /// What was saved.
    pub plan: CampaignPlan,
    /// When it was closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// +1 on every change, so a stale form is caught.
    pub version: u32,
}

#[derive(sqlx::FromRow)]
struct FullRow {
    id: i64,
    name: String,
    description: String,
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    owner_id: Option<i64>,
    budget_minor: Option<i64>,
    currency: Option<String>,
    goals: String,
    closed_at: Option<DateTime<Utc>>,
    version: i64,
}

impl FullRow {
    fn campaign(self) -> Result<Campaign, sqlx::Error> {
        let goals: Vec<Goal> = text_json(&self.goals)?;
        let budget = self
            .budget_minor
            .zip(self.currency)
            .map(|(amount_minor, currency)| Money {
                amount_minor,
                currency,
            });
        Ok(Campaign {
            id: CampaignId(self.id),
            plan: CampaignPlan {
                name: self.name,
                description: self.description,
                starts_on: self.starts_on,
                ends_on: self.ends_on,
                owner: self.owner_id.map(PersonId),
                budget,
                goals,
            },
            closed_at: self.closed_at,
            version: u32::try_from(self.version).unwrap_or(u32::MAX),
        })
    }
}

const FULL: &str = "SELECT id, name, description, starts_on, ends_on, owner_id, budget_minor, \
     currency, goals, closed_at, version FROM campaigns";

/// Adds a campaign with just a name and dates (the demo and tests).
pub async fn insert(
    conn: &mut Conn,
    name: &str,
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<CampaignId, sqlx::Error> {
    let plan = CampaignPlan {
        name: name.to_owned(),
        description: String::new(),
        starts_on,
        ends_on,
        owner: None,
        budget: None,
        goals: Vec::new(),
    };
    create(conn, &plan, now).await
}

/// Adds a campaign as planned.
pub async fn create(
    conn: &mut Conn,
    plan: &CampaignPlan,
    now: DateTime<Utc>,
) -> Result<CampaignId, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO campaigns (name, description, starts_on, ends_on, owner_id, budget_minor, \
         currency, goals, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(&plan.name)
    .bind(&plan.description)
    .bind(plan.starts_on)
    .bind(plan.ends_on)
    .bind(plan.owner.map(|p| p.0))
    .bind(plan.budget.as_ref().map(|m| m.amount_minor))
    .bind(plan.budget.as_ref().map(|m| m.currency.clone()))
    .bind(json_text(&plan.goals)?)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(CampaignId(id))
}

/// Saves a changed plan if the campaign is still at `version`; false when it is not.
pub async fn update(
    conn: &mut Conn,
    id: CampaignId,
    version: u32,
    plan: &CampaignPlan,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE campaigns SET name = $1, description = $2, starts_on = $3, ends_on = $4, \
         owner_id = $5, budget_minor = $6, currency = $7, goals = $8, version = version + 1 \
         WHERE id = $9 AND version = $10",
    )
    .bind(&plan.name)
    .bind(&plan.description)
    .bind(plan.starts_on)
    .bind(plan.ends_on)
    .bind(plan.owner.map(|p| p.0))
    .bind(plan.budget.as_ref().map(|m| m.amount_minor))
    .bind(plan.budget.as_ref().map(|m| m.currency.clone()))
    .bind(json_text(&plan.goals)?)
    .bind(id.0)
    .bind(i64::from(version))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes (`Some`) or reopens (`None`) a campaign still at `version`; false when it is not.
pub async fn set_closed(
    conn: &mut Conn,
    id: CampaignId,
    version: u32,
    closed_at: Option<DateTime<Utc>>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE campaigns SET closed_at = $1, version = version + 1 WHERE id = $2 AND version = $3",
    )
    .bind(closed_at)
    .bind(id.0)
    .bind(i64::from(version))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Every campaign, by name.
pub async fn list(conn: &mut Conn) -> Result<Vec<CampaignRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, starts_on, ends_on, closed_at FROM campaigns ORDER BY name, id",
    )
    .fetch_all(&mut *conn)
    .await
}

/// Every campaign in full, open ones first, then by start and name.
pub async fn all(conn: &mut Conn) -> Result<Vec<Campaign>, sqlx::Error> {
    let rows: Vec<FullRow> = sqlx::query_as(&format!(
        "{FULL} ORDER BY closed_at IS NOT NULL, starts_on IS NULL, starts_on, name, id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(FullRow::campaign).collect()
}

/// One campaign in full.
pub async fn get(conn: &mut Conn, id: CampaignId) -> Result<Option<Campaign>, sqlx::Error> {
    let row: Option<FullRow> = sqlx::query_as(&format!("{FULL} WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(FullRow::campaign).transpose()
}

/// Whether another campaign already has this name (case aside).
pub async fn name_taken(
    conn: &mut Conn,
    name: &str,
    except: Option<CampaignId>,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM campaigns WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2 LIMIT 1",
    )
    .bind(name)
    .bind(except.map(|c| c.0))
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// The ids of a campaign's items, archived ones left out.
pub async fn item_ids(conn: &mut Conn, id: CampaignId) -> Result<Vec<ItemId>, sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM items WHERE campaign_id = $1 AND archived_at IS NULL ORDER BY id",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(ItemId).collect())
}

/// Per campaign, its items' ids (archived ones left out): for the list's counts.
pub async fn items_by_campaign(conn: &mut Conn) -> Result<Vec<(CampaignId, ItemId)>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT campaign_id, id FROM items WHERE campaign_id IS NOT NULL AND archived_at IS NULL \
         ORDER BY campaign_id, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(c, i)| (CampaignId(c), ItemId(i)))
        .collect())
}

/// One line of a campaign's own trail.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TrailRow {
    /// Who did it (none for Baton).
    pub person_id: Option<i64>,
    /// When.
    pub at: DateTime<Utc>,
    /// What, in words.
    pub what: String,
}

/// Adds a line to a campaign's trail.
pub async fn log(
    conn: &mut Conn,
    id: CampaignId,
    person: Option<PersonId>,
    at: DateTime<Utc>,
    what: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO campaign_events (campaign_id, person_id, at, what) VALUES ($1, $2, $3, $4)",
    )
    .bind(id.0)
    .bind(person.map(|p| p.0))
    .bind(at)
    .bind(what)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A campaign's trail, newest first (at most `limit` lines).
pub async fn trail(
    conn: &mut Conn,
    id: CampaignId,
    limit: i64,
) -> Result<Vec<TrailRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT person_id, at, what FROM campaign_events WHERE campaign_id = $1 \
         ORDER BY at DESC, id DESC LIMIT $2",
    )
    .bind(id.0)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
}
