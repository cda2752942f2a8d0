//! Campaigns: what groups items of several workflows.

use crate::db::Conn;
use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::CampaignId;

/// A campaign as stored.
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
}

/// Adds a campaign.
pub async fn insert(
    conn: &mut Conn,
    name: &str,
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<CampaignId, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO campaigns (name, starts_on, ends_on, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(name)
    .bind(starts_on)
    .bind(ends_on)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(CampaignId(id))
}

/// Every campaign, by name.
pub async fn list(conn: &mut Conn) -> Result<Vec<CampaignRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, name, starts_on, ends_on FROM campaigns ORDER BY name, id")
        .fetch_all(&mut *conn)
        .await
}
