//! In-app notifications: stored per person, read or not.

use crate::db::Conn;
use chrono::{DateTime, Utc};

use crate::domain::notify::{Notice, NoticeKind};
use crate::domain::outbound::prefs::Route;
use crate::domain::{ItemId, PersonId};

/// Stores notifications about `item` caused by `actor`, each with where its email goes
/// (see `service::mail::notify`, the one way in).
pub async fn insert(
    conn: &mut Conn,
    item: Option<ItemId>,
    actor: Option<PersonId>,
    notices: &[(Notice, Route)],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for (notice, route) in notices {
        sqlx::query(
            "INSERT INTO notifications (person_id, item_id, kind, message, actor_id, created_at, mail_route) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(notice.person.0)
        .bind(item.map(|i| i.0))
        .bind(notice.kind.as_str())
        .bind(&notice.message)
        .bind(actor.map(|a| a.0))
        .bind(now)
        .bind(crate::db::mail::route_word(*route))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A stored notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredNotification {
    /// Its id.
    pub id: i64,
    /// The item it is about.
    pub item: Option<ItemId>,
    /// What kind.
    pub kind: NoticeKind,
    /// What it says.
    pub message: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Whether it was read.
    pub read: bool,
}

/// id, item, kind, message, created, read.
type NotificationRow = (
    i64,
    Option<i64>,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

/// A person's newest notifications.
pub async fn recent(
    conn: &mut Conn,
    person: PersonId,
    limit: i64,
) -> Result<Vec<StoredNotification>, sqlx::Error> {
    let rows: Vec<NotificationRow> = sqlx::query_as(
        "SELECT id, item_id, kind, message, created_at, read_at FROM notifications \
             WHERE person_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(person.0)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, item, kind, message, created_at, read_at)| {
            Some(StoredNotification {
                id,
                item: item.map(ItemId),
                kind: NoticeKind::parse(&kind)?,
                message,
                created_at,
                read: read_at.is_some(),
            })
        })
        .collect())
}

/// How many notifications a person has not read.
pub async fn unread_count(conn: &mut Conn, person: PersonId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE person_id = $1 AND read_at IS NULL",
    )
    .bind(person.0)
    .fetch_one(&mut *conn)
    .await
}

/// Marks one of a person's notifications read (`Some(id)`) or all of them (`None`).
/// Someone else's notification is left alone.
pub async fn mark_read(
    conn: &mut Conn,
    person: PersonId,
    id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at = $1 WHERE person_id = $2 AND read_at IS NULL AND ($3 IS NULL OR id = $3)",
    )
    .bind(now)
    .bind(person.0)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}
