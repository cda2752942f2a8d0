//! Email: each person's choices, notifications waiting to be mailed, the outbox of composed
//! messages with their attempts, digests made, and password reset links.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

use crate::db::Conn;
use crate::domain::notify::NoticeKind;
use crate::domain::outbound::prefs::{Delivery, Prefs, Route};
use crate::domain::{ItemId, PersonId};

/// The stored word for a route (`None`: not mailed).
pub fn route_word(route: Route) -> Option<&'static str> {
    match route {
        Route::Alone => Some("alone"),
        Route::Batched => Some("batched"),
        Route::Digest => Some("digest"),
        Route::Dropped => None,
    }
}

/// One person's choices.
pub async fn prefs(conn: &mut Conn, person: PersonId) -> Result<Prefs, sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT kind, delivery FROM notification_prefs WHERE person_id = $1")
            .bind(person.0)
            .fetch_all(&mut *conn)
            .await?;
    let opted_out: Option<i64> =
        sqlx::query_scalar("SELECT person_id FROM digest_opt_outs WHERE person_id = $1")
            .bind(person.0)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(Prefs {
        chosen: rows
            .into_iter()
            .filter_map(|(k, d)| Some((NoticeKind::parse(&k)?, Delivery::parse(&d)?)))
            .collect(),
        digest: opted_out.is_none(),
    })
}

/// Stores one person's choices, replacing what was there.
pub async fn set_prefs(
    conn: &mut Conn,
    person: PersonId,
    prefs: &Prefs,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM notification_prefs WHERE person_id = $1")
        .bind(person.0)
        .execute(&mut *conn)
        .await?;
    for (kind, delivery) in &prefs.chosen {
        sqlx::query(
            "INSERT INTO notification_prefs (person_id, kind, delivery) VALUES ($1, $2, $3)",
        )
        .bind(person.0)
        .bind(kind.as_str())
        .bind(delivery.as_str())
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM digest_opt_outs WHERE person_id = $1")
        .bind(person.0)
        .execute(&mut *conn)
        .await?;
    if !prefs.digest {
        sqlx::query("INSERT INTO digest_opt_outs (person_id) VALUES ($1)")
            .bind(person.0)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Whether a person can be emailed: they have an account (a password) and are not Baton's
/// own automation.
pub async fn mailable(conn: &mut Conn, person: PersonId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM people WHERE id = $1 AND password_hash IS NOT NULL AND automation = FALSE",
    )
    .bind(person.0)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// A notification waiting to be mailed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    /// Its id.
    pub id: i64,
    /// Whom it is for.
    pub person: PersonId,
    /// The item it is about.
    pub item: Option<ItemId>,
    /// Its kind.
    pub kind: NoticeKind,
    /// What it says.
    pub message: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// How it goes.
    pub route: Route,
}

fn waiting_of(row: &<super::Backend as sqlx::Database>::Row) -> Option<Waiting> {
    let route = match row.get::<String, _>("mail_route").as_str() {
        "alone" => Route::Alone,
        "batched" => Route::Batched,
        "digest" => Route::Digest,
        _ => return None,
    };
    Some(Waiting {
        id: row.get("id"),
        person: PersonId(row.get("person_id")),
        item: row.get::<Option<i64>, _>("item_id").map(ItemId),
        kind: NoticeKind::parse(&row.get::<String, _>("kind"))?,
        message: row.get("message"),
        created_at: row.get("created_at"),
        route,
    })
}

/// Notifications to be mailed at once or in a batch that are not yet, oldest first.
pub async fn waiting(conn: &mut Conn, limit: i64) -> Result<Vec<Waiting>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, person_id, item_id, kind, message, created_at, mail_route FROM notifications \
         WHERE mailed_at IS NULL AND mail_route IN ('alone', 'batched') ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().filter_map(waiting_of).collect())
}

/// One person's notifications kept for their digest and not mailed yet.
pub async fn kept_for_digest(
    conn: &mut Conn,
    person: PersonId,
) -> Result<Vec<Waiting>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, person_id, item_id, kind, message, created_at, mail_route FROM notifications \
         WHERE mailed_at IS NULL AND mail_route = 'digest' AND person_id = $1 ORDER BY id",
    )
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().filter_map(waiting_of).collect())
}

/// Marks notifications as mailed (or as let go unmailed: too old when mail was set up).
pub async fn mark_mailed(
    conn: &mut Conn,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for id in ids {
        sqlx::query("UPDATE notifications SET mailed_at = $1 WHERE id = $2 AND mailed_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A message for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// The person it is for, when it is for someone with an account.
    pub person: Option<PersonId>,
    /// The address.
    pub to: String,
    /// What it is (a notice kind, `batch`, `digest`, `invite`, `reset`, `test`).
    pub kind: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text part.
    pub text: String,
    /// HTML part.
    pub html: String,
    /// The one-click unsubscribe address.
    pub unsubscribe: Option<String>,
}

/// Puts a message in the outbox, due at once; returns its id.
pub async fn enqueue(
    conn: &mut Conn,
    m: &NewMessage,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO mail_messages (person_id, to_address, kind, subject, text_body, html_body, \
         unsubscribe_url, created_at, state, attempts, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $8) RETURNING id",
    )
    .bind(m.person.map(|p| p.0))
    .bind(&m.to)
    .bind(&m.kind)
    .bind(&m.subject)
    .bind(&m.text)
    .bind(&m.html)
    .bind(&m.unsubscribe)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
}

/// A message the sender is to try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// Its id (also in its Message-ID, the same on every attempt).
    pub id: i64,
    /// The address.
    pub to: String,
    /// What it is.
    pub kind: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text part.
    pub text: String,
    /// HTML part.
    pub html: String,
    /// The one-click unsubscribe address.
    pub unsubscribe: Option<String>,
    /// Attempts made before this one.
    pub attempts: u32,
}

/// Takes the messages due by `now` (oldest first, at most `limit`) for one sender until
/// `held_until`: they stop being due for any other, so two servers sharing the database
/// never hand the same message over twice. On PostgreSQL concurrent senders skip each
/// other's rows instead of waiting for them; SQLite lets one writer in at a time.
pub async fn claim_due(
    conn: &mut Conn,
    now: DateTime<Utc>,
    held_until: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Outgoing>, sqlx::Error> {
    let lock = if <super::Backend as super::Dialect>::POSTGRES {
        "FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let rows = sqlx::query(&format!(
        "UPDATE mail_messages SET next_attempt_at = $2 \
         WHERE state = 'pending' AND next_attempt_at <= $1 AND id IN (\
           SELECT id FROM mail_messages WHERE state = 'pending' AND next_attempt_at <= $1 \
           ORDER BY id LIMIT $3 {lock}) \
         RETURNING id, to_address, kind, subject, text_body, html_body, unsubscribe_url, attempts"
    ))
    .bind(now)
    .bind(held_until)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let mut taken: Vec<Outgoing> = rows
        .iter()
        .map(|r| Outgoing {
            id: r.get("id"),
            to: r.get("to_address"),
            kind: r.get("kind"),
            subject: r.get("subject"),
            text: r.get("text_body"),
            html: r.get("html_body"),
            unsubscribe: r.get("unsubscribe_url"),
            attempts: u32::try_from(r.get::<i64, _>("attempts")).unwrap_or(0),
        })
        .collect();
    taken.sort_by_key(|m| m.id);
    Ok(taken)
}

/// Records a message as handed over to the SMTP server.
pub async fn mark_sent(conn: &mut Conn, id: i64, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE mail_messages SET state = 'sent', sent_at = $1, attempts = attempts + 1, \
         next_attempt_at = NULL, last_error = NULL WHERE id = $2 AND state = 'pending'",
    )
    .bind(at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records a failed attempt: tried again at `next`, or given up on when `None`.
pub async fn mark_failed(
    conn: &mut Conn,
    id: i64,
    error: &str,
    next: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE mail_messages SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, \
         state = CASE WHEN $2 IS NULL THEN 'failed' ELSE 'pending' END \
         WHERE id = $3 AND state = 'pending'",
    )
    .bind(error)
    .bind(next)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How the outbox stands, for the integrations page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutboxCounts {
    /// Waiting to go (including those being retried).
    pub pending: i64,
    /// Of those, how many failed at least once.
    pub retrying: i64,
    /// Given up on.
    pub failed: i64,
    /// Sent in the last 24 hours.
    pub sent_today: i64,
    /// The newest error, and when the message it belongs to was made.
    pub last_error: Option<String>,
}

/// Counts the outbox.
pub async fn counts(conn: &mut Conn, now: DateTime<Utc>) -> Result<OutboxCounts, sqlx::Error> {
    let row = sqlx::query(
        "SELECT \
           COALESCE(SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), 0) AS pending, \
           COALESCE(SUM(CASE WHEN state = 'pending' AND attempts > 0 THEN 1 ELSE 0 END), 0) AS retrying, \
           COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0) AS failed, \
           COALESCE(SUM(CASE WHEN state = 'sent' AND sent_at >= $1 THEN 1 ELSE 0 END), 0) AS sent_today \
         FROM mail_messages",
    )
    .bind(now - chrono::TimeDelta::hours(24))
    .fetch_one(&mut *conn)
    .await?;
    let last_error: Option<String> = sqlx::query_scalar(
        "SELECT last_error FROM mail_messages WHERE last_error IS NOT NULL \
         AND state IN ('pending', 'failed') ORDER BY id DESC LIMIT 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(OutboxCounts {
        pending: row.get("pending"),
        retrying: row.get("retrying"),
        failed: row.get("failed"),
        sent_today: row.get("sent_today"),
        last_error,
    })
}

/// Someone who may get a digest: an account, and the digest not turned off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// Who.
    pub person: PersonId,
    /// Their address.
    pub email: String,
    /// Their IANA time zone.
    pub time_zone: String,
}

/// Everyone who may get a digest.
pub async fn digest_readers(conn: &mut Conn) -> Result<Vec<Reader>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, email, time_zone FROM people WHERE password_hash IS NOT NULL \
         AND automation = FALSE AND id NOT IN (SELECT person_id FROM digest_opt_outs) ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, email, time_zone)| Reader {
            person: PersonId(id),
            email,
            time_zone,
        })
        .collect())
}

/// A person's address.
pub async fn email_of(conn: &mut Conn, person: PersonId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT email FROM people WHERE id = $1")
        .bind(person.0)
        .fetch_optional(&mut *conn)
        .await
}

/// Whether a person's digest for a local date was made already.
pub async fn digest_made(
    conn: &mut Conn,
    person: PersonId,
    day: NaiveDate,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT person_id FROM mail_digests WHERE person_id = $1 AND local_date = $2",
    )
    .bind(person.0)
    .bind(day)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// Claims a person's digest for a local date; false when it was made already.
pub async fn claim_digest(
    conn: &mut Conn,
    person: PersonId,
    day: NaiveDate,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO mail_digests (person_id, local_date) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(person.0)
    .bind(day)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Notes which message a digest became.
pub async fn note_digest(
    conn: &mut Conn,
    person: PersonId,
    day: NaiveDate,
    message: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE mail_digests SET message_id = $1 WHERE person_id = $2 AND local_date = $3")
        .bind(message)
        .bind(person.0)
        .bind(day)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// An open item a person owns or works on with a date in a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// The item.
    pub item: ItemId,
    /// Its title.
    pub title: String,
    /// Its workflow and version.
    pub workflow: crate::domain::WorkflowId,
    /// The version.
    pub version: u32,
    /// Its stage.
    pub stage: String,
    /// Its planned date, or due date when it has none.
    pub at: DateTime<Utc>,
}

/// Items not archived that `person` owns or is assigned to, planned (or due) in `from..to`.
pub async fn dated_for(
    conn: &mut Conn,
    person: PersonId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Dated>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, title, workflow_id, workflow_version, stage, \
                COALESCE(scheduled_at, due_at) AS at FROM items \
         WHERE archived_at IS NULL AND COALESCE(scheduled_at, due_at) >= $2 \
           AND COALESCE(scheduled_at, due_at) < $3 \
           AND (owner_id = $1 OR id IN (SELECT item_id FROM item_assignees WHERE person_id = $1)) \
         ORDER BY at, id",
    )
    .bind(person.0)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Dated {
            item: ItemId(r.get("id")),
            title: r.get("title"),
            workflow: crate::domain::WorkflowId(r.get("workflow_id")),
            version: u32::try_from(r.get::<i64, _>("workflow_version")).unwrap_or(0),
            stage: r.get("stage"),
            at: r.get("at"),
        })
        .collect())
}

/// The key unsubscribe links are signed with, made and stored the first time it is needed.
pub async fn key(conn: &mut Conn) -> Result<String, sqlx::Error> {
    let stored: Option<String> = sqlx::query_scalar("SELECT mail_key FROM workspace WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await?
        .flatten();
    if let Some(key) = stored {
        return Ok(key);
    }
    let fresh = crate::auth::token::new_token();
    sqlx::query("UPDATE workspace SET mail_key = $1 WHERE id = 1 AND mail_key IS NULL")
        .bind(&fresh)
        .execute(&mut *conn)
        .await?;
    // Whoever wrote first wins; read back what is stored.
    let stored: Option<String> = sqlx::query_scalar("SELECT mail_key FROM workspace WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await?
        .flatten();
    Ok(stored.unwrap_or(fresh))
}

/// Stores a password reset link (its digest).
pub async fn insert_reset(
    conn: &mut Conn,
    token_hash: &str,
    person: PersonId,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO password_resets (token_hash, person_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(person.0)
    .bind(now)
    .bind(expires)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How many reset links a person was sent since `since` (a throttle).
pub async fn resets_since(
    conn: &mut Conn,
    person: PersonId,
    since: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM password_resets WHERE person_id = $1 AND created_at >= $2",
    )
    .bind(person.0)
    .bind(since)
    .fetch_one(&mut *conn)
    .await
}

/// A stored reset link: whose, until when, and whether it was used.
pub async fn find_reset(
    conn: &mut Conn,
    token_hash: &str,
) -> Result<Option<(PersonId, DateTime<Utc>, Option<DateTime<Utc>>)>, sqlx::Error> {
    let row: Option<(i64, DateTime<Utc>, Option<DateTime<Utc>>)> = sqlx::query_as(
        "SELECT person_id, expires_at, used_at FROM password_resets WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(p, e, u)| (PersonId(p), e, u)))
}

/// Uses up every open reset link of a person (the one used, and any older ones).
pub async fn use_resets(
    conn: &mut Conn,
    person: PersonId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE person_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(person.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
