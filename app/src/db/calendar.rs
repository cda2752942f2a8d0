//! The calendar's reads and writes: scheduled and unscheduled items, the
//! channels in use, the planning rules and the subscription feeds.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, QueryBuilder};

use super::{Backend, Conn};

use super::codec::text_enum;
use super::items::{push_facets, ItemRow, COLUMNS};
use crate::domain::calendar::PlanningRules;
use crate::domain::filter::ItemFilter;
use crate::domain::{Channel, Item, PersonId};

async fn items_of(
    conn: &mut Conn,
    mut qb: QueryBuilder<'_, Backend>,
) -> Result<Vec<Item>, sqlx::Error> {
    let rows = qb.build().fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|row| ItemRow::from_row(row)?.into_item(Vec::new()))
        .collect()
}

/// Active items scheduled in `[from, to)` that match `filter`, in time order,
/// without their assignees (entries don't show them).
pub async fn scheduled_between(
    conn: &mut Conn,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    filter: &ItemFilter,
) -> Result<Vec<Item>, sqlx::Error> {
    let mut qb = QueryBuilder::new(format!(
        "SELECT {COLUMNS} FROM items WHERE archived_at IS NULL AND scheduled_at >= "
    ));
    qb.push_bind(from);
    qb.push(" AND scheduled_at < ").push_bind(to);
    push_facets(&mut qb, filter);
    qb.push(" ORDER BY scheduled_at, id");
    items_of(conn, qb).await
}

/// Active items with no publish date that match `filter`, the soonest due
/// first, at most `limit`, without their assignees.
pub async fn unscheduled(
    conn: &mut Conn,
    filter: &ItemFilter,
    limit: u32,
) -> Result<Vec<Item>, sqlx::Error> {
    let mut qb = QueryBuilder::new(format!(
        "SELECT {COLUMNS} FROM items WHERE archived_at IS NULL AND scheduled_at IS NULL"
    ));
    push_facets(&mut qb, filter);
    qb.push(" ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id LIMIT ")
        .push_bind(i64::from(limit));
    items_of(conn, qb).await
}

/// The channels active items use (not "other"): the ones a quiet week is worth a warning.
pub async fn channels_in_use(conn: &mut Conn) -> Result<Vec<Channel>, sqlx::Error> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT channel FROM items WHERE archived_at IS NULL AND channel <> 'other' ORDER BY channel",
    )
    .fetch_all(&mut *conn)
    .await?;
    names.iter().map(|n| text_enum(n)).collect()
}

/// The workspace's planning thresholds.
pub async fn planning_rules(conn: &mut Conn) -> Result<PlanningRules, sqlx::Error> {
    let (over_contact_days, max_posts): (i64, i64) = sqlx::query_as(
        "SELECT over_contact_days, max_posts_per_platform_day FROM workspace WHERE id = 1",
    )
    .fetch_one(&mut *conn)
    .await?;
    let small = |n: i64| u32::try_from(n).map_err(|e| sqlx::Error::Decode(Box::new(e)));
    Ok(PlanningRules {
        over_contact_days: small(over_contact_days)?,
        max_posts_per_platform_day: small(max_posts)?,
    })
}

/// Changes the planning thresholds.
pub async fn set_planning_rules(conn: &mut Conn, rules: PlanningRules) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE workspace SET over_contact_days = $1, max_posts_per_platform_day = $2 WHERE id = 1",
    )
    .bind(i64::from(rules.over_contact_days))
    .bind(i64::from(rules.max_posts_per_platform_day))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A person's subscription feed, as stored (the token itself is not).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct FeedRow {
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When a calendar app last fetched it.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The person's feed, if they turned one on.
pub async fn feed_of(conn: &mut Conn, person: PersonId) -> Result<Option<FeedRow>, sqlx::Error> {
    sqlx::query_as("SELECT created_at, last_used_at FROM calendar_feeds WHERE person_id = $1")
        .bind(person.0)
        .fetch_optional(&mut *conn)
        .await
}

/// Gives the person a feed with a new token digest, ending any previous one.
pub async fn replace_feed(
    conn: &mut Conn,
    person: PersonId,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    revoke_feed(conn, person).await?;
    sqlx::query(
        "INSERT INTO calendar_feeds (token_hash, person_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(person.0)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Ends the person's feed; true if there was one.
pub async fn revoke_feed(conn: &mut Conn, person: PersonId) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM calendar_feeds WHERE person_id = $1")
        .bind(person.0)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Whose feed a token digest opens, if anyone's.
pub async fn feed_owner(
    conn: &mut Conn,
    token_hash: &str,
) -> Result<Option<PersonId>, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT person_id FROM calendar_feeds WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(found.map(PersonId))
}

/// Notes that a calendar app fetched the feed.
pub async fn feed_used(
    conn: &mut Conn,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE calendar_feeds SET last_used_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing;
    use crate::domain::Role;
    use chrono::TimeZone;

    #[tokio::test]
    async fn a_feed_is_found_by_its_digest_until_replaced_or_revoked() {
        let t = testing::fresh().await;
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        let mut conn = t.db.write.acquire().await.unwrap();
        let maya =
            crate::db::people::insert(&mut conn, "Maya", "maya@x.example", Role::Admin, &[], now)
                .await
                .unwrap();
        assert_eq!(feed_of(&mut conn, maya).await.unwrap(), None);
        replace_feed(&mut conn, maya, "first", now).await.unwrap();
        assert_eq!(feed_owner(&mut conn, "first").await.unwrap(), Some(maya));
        replace_feed(&mut conn, maya, "second", now).await.unwrap();
        assert_eq!(
            feed_owner(&mut conn, "first").await.unwrap(),
            None,
            "the old link stops working"
        );
        feed_used(&mut conn, "second", now).await.unwrap();
        assert_eq!(
            feed_of(&mut conn, maya).await.unwrap(),
            Some(FeedRow {
                created_at: now,
                last_used_at: Some(now)
            })
        );
        assert!(revoke_feed(&mut conn, maya).await.unwrap());
        assert_eq!(feed_owner(&mut conn, "second").await.unwrap(), None);
        assert!(!revoke_feed(&mut conn, maya).await.unwrap());
    }

    #[tokio::test]
    async fn planning_rules_start_at_three_and_can_be_changed() {
        let t = testing::fresh().await;
        let mut conn = t.db.write.acquire().await.unwrap();
        assert_eq!(
            planning_rules(&mut conn).await.unwrap(),
            PlanningRules::default()
        );
        let rules = PlanningRules {
            over_contact_days: 5,
            max_posts_per_platform_day: 2,
        };
        set_planning_rules(&mut conn, rules).await.unwrap();
        assert_eq!(planning_rules(&mut conn).await.unwrap(), rules);
    }
}
