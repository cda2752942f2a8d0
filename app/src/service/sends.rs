//! The send log at work: recording a send on an item (through the engine's `RecordSend`,
//! so only stages that keep a send log take one) with the over-contact warning, the log
//! across campaigns, and its CSV.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::auth::CurrentUser;
use crate::db::sends::{SendQuery, SendRow};
use crate::db::{self, Conn, Db};
use crate::domain::metrics::csv::{defuse_formula, CsvWriter};
use crate::domain::sends::{contacted_within, over_contact_warning, LoggedSend};
use crate::domain::{Item, ItemId, Operation};
use crate::error::{AppError, AppResult};
use crate::service::present::{campaign_tags, zone_of};
use crate::views::campaigns::{SendFilter, SendInput, SendLine, SendLog, SendRecorded};

/// The most sends `/sends` lists at once.
pub const SHOWN: usize = 500;
/// The most sends a CSV holds.
pub const EXPORTED: i64 = 20_000;

/// A moment in words, in `zone`: "Tue 1 Dec 2026, 09:00".
fn when(at: DateTime<Utc>, zone: &Tz) -> String {
    at.with_timezone(zone)
        .format("%a %-d %b %Y, %H:%M")
        .to_string()
}

/// The start of a local day, as a moment (the first moment after a gap at midnight).
fn day_start(day: NaiveDate, zone: &Tz) -> DateTime<Utc> {
    crate::service::automation::clock::utc_of(zone, day.and_time(NaiveTime::MIN))
}

/// The sends to `segment` within the planning rules' days of `at`.
async fn near(
    conn: &mut Conn,
    segment: &str,
    at: DateTime<Utc>,
) -> AppResult<(u32, Vec<LoggedSend>)> {
    let days = db::calendar::planning_rules(conn).await?.over_contact_days;
    // A day either side more than the rule, so every send on a local day within it is read
    // (the rule counts the reader's days, see `contacted_within`).
    let within = chrono::Duration::days(i64::from(days) + 1);
    let query = SendQuery {
        segment: Some(segment.to_owned()),
        from: at.checked_sub_signed(within),
        until: at.checked_add_signed(within),
        ..SendQuery::default()
    };
    let rows = db::sends::list(conn, &query, 50).await?;
    Ok((days, rows.into_iter().map(|r| r.send).collect()))
}

/// The over-contact warning for a send to `segment` at `at`, leaving out `item`'s own
/// sends when asked (a planned send is not its own earlier contact).
pub async fn over_contact(
    db: &Db,
    segment: &str,
    at: DateTime<Utc>,
    except: Option<ItemId>,
    zone: &Tz,
) -> AppResult<Option<String>> {
    let mut conn = db.read.acquire().await?;
    let (days, log) = near(&mut conn, segment, at).await?;
    let log: Vec<LoggedSend> = log.into_iter().filter(|s| Some(s.item) != except).collect();
    let local = |t: DateTime<Utc>| t.with_timezone(zone).date_naive();
    let earlier = contacted_within(segment, at, days, &log, local);
    Ok(over_contact_warning(segment, days, &earlier, |t| {
        when(t, zone)
    }))
}

/// Records a send on an item the viewer saw at `version`. The answer carries the
/// over-contact warning, with the earlier sends, when the segment was emailed within the
/// planning rules' days.
pub async fn record(
    db: &Db,
    viewer: &CurrentUser,
    item: ItemId,
    version: u32,
    input: &SendInput,
    now: DateTime<Utc>,
) -> AppResult<(SendRecorded, Item)> {
    let zone = zone_of(&viewer.time_zone);
    let Some(recipients) = input.recipients else {
        return Err(AppError::validation(
            "recipients",
            "Give how many recipients the send went to.",
        ));
    };
    if input.segment.trim().is_empty() {
        return Err(AppError::validation(
            "segment",
            "Give the segment or list the send went to.",
        ));
    }
    let sent_at = match input.sent_at {
        None => now,
        Some(local) => crate::service::automation::clock::utc_of(&zone, local),
    };
    if sent_at > now + chrono::Duration::minutes(5) || sent_at.year() < 2000 {
        return Err(AppError::validation(
            "sent_at",
            "A send is recorded once it has gone out: give a time that has passed.",
        ));
    }
    // Read before the send is stored, so the send is not its own earlier contact.
    let warning = over_contact(db, &input.segment, sent_at, None, &zone).await?;
    let operation = Operation::RecordSend {
        what: input.subject.trim().to_owned(),
        segment: input.segment.trim().to_owned(),
        sent_at: Some(sent_at),
        recipients: Some(recipients),
    };
    let outcome = super::items::apply(db, viewer.id, item, version, &operation, now).await?;
    Ok((
        SendRecorded {
            version: outcome.item.version,
            warnings: warning.into_iter().collect(),
        },
        outcome.item,
    ))
}

fn query_of(filter: &SendFilter, zone: &Tz) -> AppResult<SendQuery> {
    if let (Some(from), Some(until)) = (filter.from, filter.until) {
        if until < from {
            return Err(AppError::validation(
                "until",
                "The period ends before it starts: pick an end on or after the start.",
            ));
        }
    }
    if let Some(segment) = &filter.segment {
        crate::domain::limits::check("The segment", segment, crate::domain::limits::SHORT)
            .map_err(|m| AppError::validation("segment", m))?;
    }
    Ok(SendQuery {
        segment: filter.segment.clone(),
        from: filter.from.map(|d| day_start(d, zone)),
        until: filter
            .until
            .and_then(|d| d.succ_opt())
            .map(|d| day_start(d, zone)),
        campaign: filter.campaign,
        item: None,
    })
}

/// `/sends`: the log across campaigns, newest first, filtered.
pub async fn log(db: &Db, viewer: &CurrentUser, filter: &SendFilter) -> AppResult<SendLog> {
    let zone = zone_of(&viewer.time_zone);
    let query = query_of(filter, &zone)?;
    let mut conn = db.read.acquire().await?;
    let mut rows = db::sends::list(&mut conn, &query, SHOWN as i64 + 1).await?;
    let more = rows.len() > SHOWN;
    rows.truncate(SHOWN);
    let people = db.directory(&mut conn).await?;
    let campaigns = db.campaigns(&mut conn).await?;
    let sends: Vec<SendLine> = rows
        .into_iter()
        .map(|row| line(row, &people, &campaigns, &zone))
        .collect();
    Ok(SendLog {
        recipients: sends
            .iter()
            .filter_map(|s| s.recipients)
            .fold(0u64, u64::saturating_add),
        sends,
        more,
        segments: db::sends::segments(&mut conn).await?,
        campaigns: campaign_tags(&campaigns),
        time_zone: zone.name().to_owned(),
    })
}

fn line(
    row: SendRow,
    people: &crate::domain::People,
    campaigns: &[db::campaigns::CampaignRow],
    zone: &Tz,
) -> SendLine {
    let SendRow { send, campaign, by } = row;
    SendLine {
        item: send.item,
        title: send.title,
        when: when(send.sent_at, zone),
        subject: send.subject,
        segment: send.segment,
        recipients: send.recipients,
        sent_at: send.sent_at,
        by: people
            .get(by)
            .map_or_else(|| "Baton (automatic)".to_owned(), |p| p.name.clone()),
        campaign: campaign.and_then(|c| {
            campaigns
                .iter()
                .find(|x| x.id == c.0)
                .map(|x| x.name.clone())
        }),
    }
}

/// The log as CSV (file name and text), with the same filter.
pub async fn csv(
    db: &Db,
    viewer: &CurrentUser,
    filter: &SendFilter,
) -> AppResult<(String, String)> {
    let zone = zone_of(&viewer.time_zone);
    let query = query_of(filter, &zone)?;
    let mut conn = db.read.acquire().await?;
    let rows = db::sends::list(&mut conn, &query, EXPORTED).await?;
    let people = db.directory(&mut conn).await?;
    let campaigns = db.campaigns(&mut conn).await?;
    let mut out = CsvWriter::new();
    out.row([
        "sent_at_utc",
        "sent_local",
        "item_id",
        "item",
        "subject",
        "segment",
        "recipients",
        "campaign",
        "recorded_by",
    ]);
    for row in rows {
        let l = line(row, &people, &campaigns, &zone);
        out.row([
            l.sent_at.to_rfc3339(),
            l.when,
            l.item.to_string(),
            defuse_formula(&l.title).into_owned(),
            defuse_formula(&l.subject).into_owned(),
            defuse_formula(&l.segment).into_owned(),
            l.recipients.map(|n| n.to_string()).unwrap_or_default(),
            defuse_formula(&l.campaign.unwrap_or_default()).into_owned(),
            l.by,
        ]);
    }
    Ok(("baton-sends.csv".to_owned(), out.finish()))
}
