//! Email on stored data. Every notification is stored through [`notify`], which records in
//! the same transaction where its email goes (alone, batched, in the digest, or nowhere);
//! the sender in the server [`compose`]s what is due into outbox messages, makes the daily
//! [`digests`], and sends what is [`due`], recording each attempt.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, TimeDelta, Utc};

use crate::auth::token;
use crate::db::mail::{NewMessage, Outgoing, Waiting};
use crate::db::{self, Conn, Db};
use crate::domain::inbox::InboxReason;
use crate::domain::notify::{Notice, NoticeKind};
use crate::domain::outbound::mail::{self, letter, Letter, Line, Section, Topic};
use crate::domain::outbound::prefs::{self, Delivery, Prefs, Route};
use crate::domain::{ItemId, PersonId};
use crate::error::{AppError, AppResult};
use crate::views::mail::{KindChoice, MailStatusView, NotificationPrefsView, ResetLink};

/// Where links in emails point: the server's public address, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// `https://baton.example.com`.
    pub base: String,
}

impl Links {
    /// Links under `base` (a trailing slash is dropped).
    pub fn new(base: &str) -> Links {
        Links {
            base: base.trim_end_matches('/').to_string(),
        }
    }

    fn item(&self, item: ItemId) -> String {
        format!("{}/items/{}", self.base, item.0)
    }

    fn settings(&self) -> String {
        format!("{}/settings/notifications", self.base)
    }

    fn page(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// How many reset links one person may be sent in an hour.
pub const RESETS_PER_HOUR: i64 = 3;
/// How long a reset link works.
pub const RESET_VALID: TimeDelta = TimeDelta::hours(1);
/// How many waiting notifications one pass of [`compose`] looks at.
const COMPOSE_BATCH: i64 = 500;
/// How far ahead the digest looks for what is due.
const DUE_AHEAD: TimeDelta = TimeDelta::hours(48);

/// Stores notifications about `item` caused by `actor`, each with where its email goes
/// under its person's choices (people without an account, and Baton itself, get none).
pub async fn notify(
    conn: &mut Conn,
    item: Option<ItemId>,
    actor: Option<PersonId>,
    notices: &[Notice],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut known: BTreeMap<PersonId, Option<Prefs>> = BTreeMap::new();
    let mut routed = Vec::with_capacity(notices.len());
    for notice in notices {
        if let std::collections::btree_map::Entry::Vacant(slot) = known.entry(notice.person) {
            slot.insert(if db::mail::mailable(conn, notice.person).await? {
                Some(db::mail::prefs(conn, notice.person).await?)
            } else {
                None
            });
        }
        let route = known[&notice.person]
            .as_ref()
            .map_or(Route::Dropped, |p| prefs::route(p, notice.kind));
        routed.push((notice.clone(), route));
    }
    db::notifications::insert(conn, item, actor, &routed, now).await
}

/// An unsubscribe link's two addresses: the page a person opens from the email, and the
/// one a mail app POSTs to for RFC 8058's one-click unsubscribe (the List-Unsubscribe header).
struct Unsubscribe {
    page: String,
    one_click: String,
}

fn unsubscribe_url(links: &Links, key: &str, person: PersonId, topic: &Topic) -> Unsubscribe {
    let text = format!("{}:{}", person.0, topic.encode());
    let raw = format!("{}:{}", text.replace(',', "~"), token::mac(key, &text));
    Unsubscribe {
        page: links.page(&format!("/unsubscribe/{raw}")),
        one_click: links.page(&format!("/mail/unsubscribe/{raw}")),
    }
}

/// Reads an unsubscribe link's token back: whose, and what it stops.
fn read_unsubscribe(key: &str, raw: &str) -> Option<(PersonId, Topic)> {
    let (text, tag) = raw.rsplit_once(':')?;
    let text = text.replace('~', ",");
    if !token::mac_matches(key, &text, tag) {
        return None;
    }
    let (person, topic) = text.split_once(':')?;
    Some((PersonId(person.parse().ok()?), Topic::decode(topic)?))
}

fn line(links: &Links, w: &Waiting) -> Line {
    Line {
        text: w.message.clone(),
        link: w.item.map(|i| links.item(i)),
    }
}

fn why(kind: NoticeKind) -> String {
    format!(
        "You get this at once when {}; you can choose otherwise.",
        lowercase_first(prefs::kind_label(kind))
    )
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn message(
    person: PersonId,
    to: &str,
    kind: &str,
    l: Letter,
    unsubscribe: Option<String>,
) -> NewMessage {
    NewMessage {
        person: Some(person),
        to: to.to_string(),
        kind: kind.to_string(),
        subject: l.subject,
        text: l.text,
        html: l.html,
        unsubscribe,
    }
}

/// Turns notifications that are due into outbox messages: each urgent one alone, and each
/// person's others folded into one once the first of them has waited [`prefs::BATCH_WINDOW`].
/// Returns how many messages were made.
pub async fn compose(db: &Db, links: &Links, now: DateTime<Utc>) -> AppResult<usize> {
    let mut tx = db.write.begin().await?;
    let waiting = db::mail::waiting(&mut tx, COMPOSE_BATCH).await?;
    if waiting.is_empty() {
        return Ok(0);
    }
    let key = db::mail::key(&mut tx).await?;
    let mut stale = Vec::new();
    let mut by_person: BTreeMap<PersonId, Vec<Waiting>> = BTreeMap::new();
    for w in waiting {
        if now - w.created_at > mail::STALE {
            stale.push(w.id);
        } else {
            by_person.entry(w.person).or_default().push(w);
        }
    }
    db::mail::mark_mailed(&mut tx, &stale, now).await?;
    let mut made = 0;
    for (person, list) in by_person {
        let Some(to) = db::mail::email_of(&mut tx, person).await? else {
            let ids: Vec<i64> = list.iter().map(|w| w.id).collect();
            db::mail::mark_mailed(&mut tx, &ids, now).await?;
            continue;
        };
        let (alone, batched): (Vec<Waiting>, Vec<Waiting>) =
            list.into_iter().partition(|w| w.route == Route::Alone);
        for w in &alone {
            let topic = Topic::Kinds(vec![w.kind]);
            let url = unsubscribe_url(links, &key, person, &topic);
            let open = Line {
                text: "Open it in Baton".to_string(),
                link: Some(
                    w.item
                        .map_or_else(|| links.page("/inbox"), |i| links.item(i)),
                ),
            };
            let l = letter(
                &w.message,
                &w.message,
                &[Section {
                    heading: String::new(),
                    lines: vec![open],
                }],
                &why(w.kind),
                &links.settings(),
                Some(&url.page),
            );
            let m = message(person, &to, w.kind.as_str(), l, Some(url.one_click));
            db::mail::enqueue(&mut tx, &m, now).await?;
            db::mail::mark_mailed(&mut tx, &[w.id], now).await?;
            made += 1;
        }
        let first = batched.iter().map(|w| w.created_at).min();
        if first.is_some_and(|first| now - first >= prefs::BATCH_WINDOW) {
            let mut kinds: Vec<NoticeKind> = Vec::new();
            for w in &batched {
                if !kinds.contains(&w.kind) {
                    kinds.push(w.kind);
                }
            }
            let topic = Topic::Kinds(kinds.clone());
            let url = unsubscribe_url(links, &key, person, &topic);
            let subject = match batched.as_slice() {
                [only] => only.message.clone(),
                [first, rest @ ..] => format!("{} (and {} more)", first.message, rest.len()),
                [] => String::new(),
            };
            let opening = match batched.len() {
                1 => "Here is what happened in Baton:".to_string(),
                n => format!("Here are the {n} things that happened in Baton:"),
            };
            let l = letter(
                &subject,
                &opening,
                &[Section {
                    heading: String::new(),
                    lines: batched.iter().map(|w| line(links, w)).collect(),
                }],
                "You get this because you chose to hear about these at once; Baton folds those \
                 of a few minutes into one email.",
                &links.settings(),
                Some(&url.page),
            );
            let m = message(person, &to, "batch", l, Some(url.one_click));
            db::mail::enqueue(&mut tx, &m, now).await?;
            let ids: Vec<i64> = batched.iter().map(|w| w.id).collect();
            db::mail::mark_mailed(&mut tx, &ids, now).await?;
            made += 1;
        }
    }
    tx.commit().await?;
    Ok(made)
}

/// Makes the daily digest of everyone for whom it is past [`prefs::DIGEST_AT`] on a working
/// day in their time zone and who has not had today's: what is due in the next two days,
/// what waits on them, what is trending late, and the notices they keep for it. A digest
/// with nothing in it is not sent (but counts as made). Returns how many were put in the
/// outbox.
pub async fn digests(db: &Db, links: &Links, now: DateTime<Utc>) -> AppResult<usize> {
    let (readers, days) = {
        let mut conn = db.read.acquire().await?;
        (
            db::mail::digest_readers(&mut conn).await?,
            db.working_hours(&mut conn).await?.days,
        )
    };
    let mut made = 0;
    for reader in readers {
        let zone: chrono_tz::Tz = reader.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let local = now.with_timezone(&zone).naive_local();
        if local.time() < prefs::DIGEST_AT || !days.contains(&local.date().weekday()) {
            continue;
        }
        // Checked before the digest's contents are worked out, which reads the inbox; the
        // claim below is what makes it once.
        if db::mail::digest_made(&mut *db.read.acquire().await?, reader.person, local.date())
            .await?
        {
            continue;
        }
        let (sections, kept) = digest_sections(db, links, reader.person, now).await?;
        let mut tx = db.write.begin().await?;
        if !db::mail::claim_digest(&mut tx, reader.person, local.date()).await? {
            continue;
        }
        if !sections.is_empty() {
            let key = db::mail::key(&mut tx).await?;
            let url = unsubscribe_url(links, &key, reader.person, &Topic::Digest);
            let count: usize = sections.iter().map(|s| s.lines.len()).sum();
            let l = letter(
                &format!(
                    "Your Baton digest for {}: {count} {}",
                    local.format("%A %-d %B"),
                    if count == 1 { "thing" } else { "things" }
                ),
                "Good morning. Here is what needs you today.",
                &sections,
                "You get this daily digest on working days at 08:00 your time.",
                &links.settings(),
                Some(&url.page),
            );
            let id = db::mail::enqueue(
                &mut tx,
                &message(
                    reader.person,
                    &reader.email,
                    "digest",
                    l,
                    Some(url.one_click),
                ),
                now,
            )
            .await?;
            db::mail::note_digest(&mut tx, reader.person, local.date(), id).await?;
            db::mail::mark_mailed(&mut tx, &kept, now).await?;
            made += 1;
        }
        tx.commit().await?;
    }
    Ok(made)
}

async fn digest_sections(
    db: &Db,
    links: &Links,
    person: PersonId,
    now: DateTime<Utc>,
) -> AppResult<(Vec<Section>, Vec<i64>)> {
    let inbox = crate::service::inbox::inbox(db, person, now).await?;
    let (late, waiting): (Vec<_>, Vec<_>) = inbox
        .rows
        .iter()
        .partition(|r| r.reason == InboxReason::TrendingLate);
    let mut conn = db.read.acquire().await?;
    let mut due = Vec::new();
    for d in db::mail::dated_for(&mut conn, person, now, now + DUE_AHEAD).await? {
        let finished = db
            .definition(&mut conn, &d.workflow, d.version)
            .await?
            .is_some_and(|def| def.stages.last().is_some_and(|s| s.key.as_str() == d.stage));
        if !finished {
            due.push(Line {
                text: format!("{} — {}", d.title, d.at.format("%a %-d %b")),
                link: Some(links.item(d.item)),
            });
        }
    }
    let kept = db::mail::kept_for_digest(&mut conn, person).await?;
    let mut sections = Vec::new();
    let mut add = |heading: &str, lines: Vec<Line>| {
        if !lines.is_empty() {
            sections.push(Section {
                heading: heading.to_string(),
                lines,
            });
        }
    };
    add(
        "Waiting on you",
        waiting
            .iter()
            .map(|r| Line {
                text: format!("{} — {}", r.title, r.stage),
                link: Some(links.item(r.item)),
            })
            .collect(),
    );
    add("Due in the next two days", due);
    add(
        "Trending late",
        late.iter()
            .map(|r| Line {
                text: match &r.late {
                    Some(why) => format!("{} — {why}", r.title),
                    None => r.title.clone(),
                },
                link: Some(links.item(r.item)),
            })
            .collect(),
    );
    add(
        "Since yesterday",
        kept.iter().map(|w| line(links, w)).collect(),
    );
    Ok((sections, kept.iter().map(|w| w.id).collect()))
}

/// Takes the messages due by `now` for this sender (see [`mail::CLAIM`]): another server
/// on the same database does not get them too.
pub async fn due(db: &Db, now: DateTime<Utc>, limit: i64) -> AppResult<Vec<Outgoing>> {
    let mut tx = db.write.begin().await?;
    let taken = db::mail::claim_due(&mut tx, now, now + mail::CLAIM, limit).await?;
    tx.commit().await?;
    Ok(taken)
}

/// Records a message the SMTP server accepted.
pub async fn record_sent(db: &Db, id: i64, at: DateTime<Utc>) -> AppResult<()> {
    let mut conn = db.write.acquire().await?;
    db::mail::mark_sent(&mut conn, id, at).await?;
    Ok(())
}

/// Records a failed attempt: retried on [`mail::WAITS`], or given up on at once when the
/// server's answer is permanent (it refused the address).
pub async fn record_failed(
    db: &Db,
    out: &Outgoing,
    error: &str,
    permanent: bool,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let next = if permanent {
        None
    } else {
        mail::next_attempt(out.attempts + 1, at)
    };
    let error = crate::domain::limits::shortened(error, 500);
    let mut conn = db.write.acquire().await?;
    db::mail::mark_failed(&mut conn, out.id, &error, next).await?;
    Ok(())
}

/// How email stands; `server` and `from` come from the server's settings.
pub async fn status(
    db: &Db,
    server: Option<String>,
    from: String,
    links: &Links,
    now: DateTime<Utc>,
) -> AppResult<MailStatusView> {
    let mut conn = db.read.acquire().await?;
    let c = db::mail::counts(&mut conn, now).await?;
    Ok(MailStatusView {
        server,
        from,
        public_url: links.base.clone(),
        pending: c.pending,
        retrying: c.retrying,
        failed: c.failed,
        sent_today: c.sent_today,
        last_error: c.last_error,
    })
}

/// Puts a test email to `person` in the outbox.
pub async fn send_test(
    db: &Db,
    links: &Links,
    person: PersonId,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let mut tx = db.write.begin().await?;
    let to = db::mail::email_of(&mut tx, person)
        .await?
        .ok_or_else(|| AppError::not_found("Your account"))?;
    let l = letter(
        "Baton can send you email",
        "This is a test email from Baton. If you can read it, email works.",
        &[],
        "You get this because you asked for a test email on the integrations page.",
        &links.settings(),
        None,
    );
    db::mail::enqueue(&mut tx, &message(person, &to, "test", l, None), now).await?;
    tx.commit().await?;
    Ok(to)
}

/// Puts an invite in the outbox (in the caller's transaction).
pub async fn queue_invite(
    conn: &mut Conn,
    links: &Links,
    to: &str,
    name: &str,
    by: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let link = links.page(&format!("/invite/{token}"));
    let l = letter(
        &format!("{by} invites you to Baton"),
        &format!("Hello {name}, {by} invites you to join the team's workspace in Baton."),
        &[Section {
            heading: String::new(),
            lines: vec![Line {
                text: "Accept the invite and choose a password".to_string(),
                link: Some(link),
            }],
        }],
        &format!(
            "The link works once and for {} days. If you weren't expecting it, ignore this email.",
            crate::auth::INVITE_DAYS
        ),
        &links.page("/login"),
        None,
    );
    db::mail::enqueue(
        conn,
        &NewMessage {
            person: None,
            to: to.to_string(),
            kind: "invite".into(),
            subject: l.subject,
            text: l.text,
            html: l.html,
            unsubscribe: None,
        },
        now,
    )
    .await?;
    Ok(())
}

/// "Forgot your password?": when `email` belongs to an account, a one-time link valid for
/// [`RESET_VALID`] goes into the outbox (at most [`RESETS_PER_HOUR`] an hour). The caller
/// answers the same either way, so the form tells nobody which addresses have accounts.
pub async fn request_reset(
    db: &Db,
    links: &Links,
    email: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let email = crate::domain::people::checked_email(email)
        .map_err(|m| AppError::validation("email", m))?;
    let mut tx = db.write.begin().await?;
    let Some((user, _)) = db::accounts::find_login(&mut tx, &email).await? else {
        return Ok(());
    };
    if db::mail::resets_since(&mut tx, user.id, now - TimeDelta::hours(1)).await? >= RESETS_PER_HOUR
    {
        return Ok(());
    }
    let raw = token::new_token();
    db::mail::insert_reset(
        &mut tx,
        &token::digest(&raw),
        user.id,
        now,
        now + RESET_VALID,
    )
    .await?;
    let l = letter(
        "Reset your Baton password",
        &format!(
            "Hello {}, someone (we hope you) asked to reset the password of your Baton account.",
            user.name
        ),
        &[Section {
            heading: String::new(),
            lines: vec![Line {
                text: "Choose a new password".to_string(),
                link: Some(links.page(&format!("/reset/{raw}"))),
            }],
        }],
        "The link works once, for one hour. If you didn't ask, ignore this email: your password \
         stays as it is.",
        &links.settings(),
        None,
    );
    db::mail::enqueue(
        &mut tx,
        &message(user.id, &user.email, "reset", l, None),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn usable_reset(conn: &mut Conn, raw: &str, now: DateTime<Utc>) -> AppResult<PersonId> {
    let (person, expires, used) = db::mail::find_reset(conn, &token::digest(raw))
        .await?
        .ok_or_else(|| AppError::not_found("This reset link"))?;
    if used.is_some() {
        return Err(AppError::validation(
            "token",
            "This reset link has already been used. Ask for a new one if you need it.",
        ));
    }
    if expires < now {
        return Err(AppError::validation(
            "token",
            "This reset link has expired (they work for one hour). Ask for a new one.",
        ));
    }
    Ok(person)
}

/// Whose password a reset link resets; used, expired and unknown links are explained.
pub async fn reset_details(db: &Db, raw: &str, now: DateTime<Utc>) -> AppResult<ResetLink> {
    let mut conn = db.read.acquire().await?;
    let person = usable_reset(&mut conn, raw, now).await?;
    let user = db::accounts::user(&mut conn, person)
        .await?
        .ok_or_else(|| AppError::not_found("This reset link"))?;
    Ok(ResetLink { email: user.email })
}

/// Sets a new password through a reset link: every session of the person ends, every open
/// reset link of theirs is used up, and a new session starts; returns its token.
pub async fn reset_password(
    db: &Db,
    raw: &str,
    password: String,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let details = reset_details(db, raw, now).await?;
    let problems = crate::auth::password_problems(&password, &details.email);
    if !problems.is_empty() {
        return Err(AppError::validation("password", problems.join(" ")));
    }
    let hash = tokio::task::spawn_blocking(move || crate::auth::password::hash(&password))
        .await
        .map_err(|_| AppError::Internal)?;
    let mut tx = db.write.begin().await?;
    // Checked again inside the write transaction: a link works exactly once.
    let person = usable_reset(&mut tx, raw, now).await?;
    db::accounts::set_password_hash(&mut tx, person, &hash).await?;
    db::mail::use_resets(&mut tx, person, now).await?;
    db::accounts::delete_sessions(&mut tx, person).await?;
    let session = crate::auth::session::start(&mut tx, person, now).await?;
    tx.commit().await?;
    Ok(session)
}

/// A person's email choices.
pub async fn prefs_view(
    db: &Db,
    person: PersonId,
    email: &str,
    time_zone: &str,
    mail_on: bool,
) -> AppResult<NotificationPrefsView> {
    let mut conn = db.read.acquire().await?;
    let p = db::mail::prefs(&mut conn, person).await?;
    Ok(NotificationPrefsView {
        email: email.to_string(),
        mail_on,
        kinds: prefs::KINDS
            .iter()
            .map(|k| KindChoice {
                kind: *k,
                label: prefs::kind_label(*k).to_string(),
                urgent: prefs::is_urgent(*k),
                delivery: p.of(*k),
            })
            .collect(),
        digest: p.digest,
        digest_when: format!("08:00 on working days, {time_zone}"),
    })
}

/// Saves a person's email choices; a kind Baton doesn't list is refused.
pub async fn save_prefs(
    db: &Db,
    person: PersonId,
    choices: &[(NoticeKind, Delivery)],
    digest: bool,
) -> AppResult<()> {
    if choices.len() > prefs::KINDS.len() {
        return Err(AppError::validation(
            "kinds",
            "There are more choices than kinds of notice.",
        ));
    }
    let mut p = Prefs {
        chosen: Vec::new(),
        digest,
    };
    for (kind, delivery) in choices {
        if !prefs::KINDS.contains(kind) {
            return Err(AppError::validation(
                "kinds",
                format!(
                    "'{}' is not a kind of notice you can choose for.",
                    kind.as_str()
                ),
            ));
        }
        p.set(*kind, *delivery);
    }
    let mut tx = db.write.begin().await?;
    db::mail::set_prefs(&mut tx, person, &p).await?;
    tx.commit().await?;
    Ok(())
}

/// What an unsubscribe link stops, in words, if the link is good.
pub async fn unsubscribe_topic(db: &Db, raw: &str) -> AppResult<String> {
    let mut conn = db.write.acquire().await?;
    let key = db::mail::key(&mut conn).await?;
    let (_, topic) =
        read_unsubscribe(&key, raw).ok_or_else(|| AppError::not_found("This unsubscribe link"))?;
    Ok(topic.describe())
}

/// Follows an unsubscribe link: its kinds go off (or the digest does). Returns what stopped,
/// in words. Following it twice is harmless.
pub async fn unsubscribe(db: &Db, raw: &str) -> AppResult<String> {
    let mut tx = db.write.begin().await?;
    let key = db::mail::key(&mut tx).await?;
    let (person, topic) =
        read_unsubscribe(&key, raw).ok_or_else(|| AppError::not_found("This unsubscribe link"))?;
    let mut p = db::mail::prefs(&mut tx, person).await?;
    match &topic {
        Topic::Digest => p.digest = false,
        Topic::Kinds(kinds) => {
            for k in kinds {
                p.set(*k, Delivery::Off);
            }
        }
    }
    db::mail::set_prefs(&mut tx, person, &p).await?;
    tx.commit().await?;
    Ok(topic.describe())
}

#[cfg(test)]
#[path = "mail_tests.rs"]
mod tests;
