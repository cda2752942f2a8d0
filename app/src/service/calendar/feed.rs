//! Private subscription feeds: a long random address per person that calendar
//! apps fetch without a session. Only its digest is stored, so the address is
//! shown once; regenerating or revoking ends the old one at once.

use chrono::{DateTime, Utc};

use crate::auth::token;
use crate::db::{self, Db};
use crate::domain::calendar::ics::{render, EventStart, IcsCalendar, IcsEvent};
use crate::domain::filter::ItemFilter;
use crate::domain::PersonId;
use crate::error::AppResult;
use crate::service::present::{zone_of, Presenter};
use crate::views::calendar::{FeedStatus, NewFeed};

/// How far back a feed reaches: a year of past entries is plenty for a calendar app.
pub const FEED_HISTORY_DAYS: i64 = 365;

/// Whether the person's feed is on.
pub async fn feed_status(db: &Db, person: PersonId) -> AppResult<FeedStatus> {
    let mut conn = db.read.acquire().await?;
    let row = db::calendar::feed_of(&mut conn, person).await?;
    Ok(FeedStatus {
        created_at: row.as_ref().map(|r| r.created_at),
        last_used_at: row.and_then(|r| r.last_used_at),
    })
}

/// Gives the person a new feed address (ending the old one) and returns it, once.
pub async fn renew_feed(db: &Db, person: PersonId, now: DateTime<Utc>) -> AppResult<NewFeed> {
    let secret = token::new_token();
    let mut tx = db.write.begin().await?;
    db::calendar::replace_feed(&mut tx, person, &token::digest(&secret), now).await?;
    tx.commit().await?;
    Ok(NewFeed {
        path: format!("/calendar.ics?token={secret}"),
    })
}

/// Turns the person's feed off.
pub async fn revoke_feed(db: &Db, person: PersonId) -> AppResult<()> {
    let mut tx = db.write.begin().await?;
    db::calendar::revoke_feed(&mut tx, person).await?;
    tx.commit().await?;
    Ok(())
}

/// A calendar app asking for a feed.
#[derive(Debug, Clone)]
pub struct FeedRequest<'a> {
    /// The token from the address.
    pub token: &'a str,
    /// Filters from the address.
    pub filter: &'a ItemFilter,
    /// `https://host:port` the app reached Baton at, for links back.
    pub origin: &'a str,
    /// The host name, which makes event UIDs unique to this Baton.
    pub host: &'a str,
}

/// The feed as iCalendar text, or `None` for a token that opens nothing.
pub async fn ics_feed(
    db: &Db,
    request: FeedRequest<'_>,
    now: DateTime<Utc>,
) -> AppResult<Option<String>> {
    let digest = token::digest(request.token);
    let mut conn = db.read.acquire().await?;
    let Some(person) = db::calendar::feed_owner(&mut conn, &digest).await? else {
        return Ok(None);
    };
    let Some(user) = db::accounts::user(&mut conn, person).await? else {
        return Ok(None);
    };
    let mut p = Presenter::load(db, &mut conn, user.id, zone_of(&user.time_zone), now).await?;
    let items = db::calendar::scheduled_between(
        &mut conn,
        now - chrono::TimeDelta::days(FEED_HISTORY_DAYS),
        now + chrono::TimeDelta::days(FEED_HISTORY_DAYS * 50),
        request.filter,
    )
    .await?;
    p.learn(db, &mut conn, &items).await?;
    let workspace = db::workspace::get(&db.read).await?.name;
    drop(conn);
    let mut write = db.write.acquire().await?;
    db::calendar::feed_used(&mut write, &digest, now).await?;
    drop(write);

    let events = items
        .iter()
        .filter_map(|item| {
            let entry = p.entry(item)?;
            let schedule = item.schedule?;
            let start = if schedule.all_day {
                EventStart::Date(schedule.at.date_naive())
            } else {
                EventStart::At(schedule.at)
            };
            let mut about = vec![format!("Status: {}", entry.status)];
            about.extend(entry.risk.as_ref().map(|r| format!("At risk: {r}")));
            about.push(format!("Channel: {}", entry.channel.label()));
            about.extend(entry.owner.as_ref().map(|o| format!("Owner: {}", o.name)));
            about.push(format!("Workflow: {}", entry.workflow));
            about.extend(entry.campaign.as_ref().map(|c| format!("Campaign: {c}")));
            let url = format!("{}/items/{}", request.origin, item.id);
            about.push(format!("Open in Baton: {url}"));
            Some(IcsEvent {
                uid: format!("item-{}@{}", item.id, request.host),
                start,
                summary: entry.title,
                description: about.join("\n"),
                url,
                categories: vec![entry.channel.label().to_string()],
                last_modified: item.updated_at,
                sequence: item.version,
            })
        })
        .collect();
    let calendar = IcsCalendar {
        name: format!("{workspace} content calendar"),
        time_zone: Some(p.zone.name().to_string()),
        events,
    };
    Ok(Some(render(&calendar, now)))
}
