//! The calendar read from storage and changed through the engine: a page of
//! days with entries placed in the viewer's time zone and the planning
//! warnings; a reschedule as the engine's `SetSchedule`, checked first against
//! the calendar's rules (never in the past; outside the campaign warns).

pub mod feed;
pub mod present;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};

use crate::auth::CurrentUser;
use crate::db::{self, Db};
use crate::domain::calendar::{
    check_date, full_date, place, planning_warnings, schedule_at, CalendarView, CampaignDates,
    PlanningRules, QUIET_DAYS,
};
use crate::domain::filter::{CalendarQuery, ItemFilter};
use crate::domain::{Channel, Item, ItemId, NewItem, Operation, Role, Schedule};
use crate::error::{AppError, AppResult};
use crate::service::present::{zone_of, Presenter};
use crate::views::calendar::{
    CalendarData, DayView, EntryView, NewEntry, Rescheduled, WorkflowTag,
};

pub use feed::{feed_status, ics_feed, renew_feed, revoke_feed, FeedRequest};

/// Items listed in the unscheduled tray at most.
pub const TRAY_SHOWN: usize = 30;

/// Unscheduled items read to fill the tray (finished ones are left out after reading).
const TRAY_READ: u32 = 200;

/// Midnight UTC starting `day`.
fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc()
}

/// One page of the calendar for `viewer` (its `seq` is left for the caller to set).
pub async fn calendar(
    db: &Db,
    viewer: &CurrentUser,
    query: &CalendarQuery,
    now: DateTime<Utc>,
) -> AppResult<CalendarData> {
    let zone = zone_of(&viewer.time_zone);
    let mut conn = db.read.acquire().await?;
    let mut p = Presenter::load(db, &mut conn, viewer.id, zone, now).await?;
    let today = p.today;
    let view = query.view.unwrap_or_default();
    let anchor = query.date.unwrap_or(today);
    let span = view.span(anchor);
    let rules = db::calendar::planning_rules(&mut conn).await?;
    // Warnings look a little past the page (sends just before or after it) and
    // at the coming week; a day of margin covers every time-zone offset.
    let margin = TimeDelta::days(i64::from(rules.over_contact_days) + 1);
    let first = span.first.min(today) - margin;
    let last = span.last.max(today + TimeDelta::days(QUIET_DAYS)) + margin;
    let near = db::calendar::scheduled_between(
        &mut conn,
        midnight(first),
        midnight(last),
        &ItemFilter::default(),
    )
    .await?;
    let tray = db::calendar::unscheduled(&mut conn, &query.filter, TRAY_READ).await?;
    p.learn(db, &mut conn, &near).await?;
    p.learn(db, &mut conn, &tray).await?;
    let shown: Vec<Item> = near
        .iter()
        .chain(&tray)
        .filter(|i| query.filter.matches(i))
        .cloned()
        .collect();
    p.learn_outlooks(db, &mut conn, &shown).await?;
    let watched = db::calendar::channels_in_use(&mut conn).await?;
    let workflows = db.current_definitions(&mut conn).await?;
    drop(conn);

    let plan: Vec<_> = near.iter().filter_map(|i| p.plan_entry(i)).collect();
    let warnings = planning_warnings(
        &plan,
        &watched,
        rules,
        today,
        span,
        crate::domain::Channel::label,
    );
    let mut days: Vec<DayView> = span
        .days()
        .map(|date| DayView {
            date,
            label: full_date(date),
            in_period: view != CalendarView::Month
                || (date.year(), date.month()) == (anchor.year(), anchor.month()),
            today: date == today,
            past: date < today,
            entries: Vec::new(),
            warnings: warnings
                .iter()
                .filter(|w| w.date == Some(date))
                .map(|w| w.message.clone())
                .collect(),
        })
        .collect();
    for item in near.iter().filter(|i| query.filter.matches(i)) {
        let Some(entry) = p.entry(item) else { continue };
        let Some(date) = entry.date.filter(|d| span.contains(*d)) else {
            continue;
        };
        let index = usize::try_from((date - span.first).num_days()).unwrap_or(0);
        if let Some(day) = days.get_mut(index) {
            day.entries.push(entry);
        }
    }
    for day in &mut days {
        day.entries
            .sort_by(|a, b| (a.time, &a.title, a.id).cmp(&(b.time, &b.title, b.id)));
    }
    let open: Vec<EntryView> = tray
        .iter()
        .filter(|i| !p.is_done(i))
        .filter_map(|i| p.entry(i))
        .collect();
    let unscheduled_more = open.len().saturating_sub(TRAY_SHOWN) as u32;
    let campaigns = p.campaign_tags();
    Ok(CalendarData {
        view,
        anchor,
        today,
        title: view.title(anchor),
        previous: view.previous(anchor),
        next: view.next(anchor),
        days,
        unscheduled: open.into_iter().take(TRAY_SHOWN).collect(),
        unscheduled_more,
        warnings,
        filter: query.filter.clone(),
        people: p.person_tags(),
        campaigns,
        workflows: workflows
            .into_iter()
            .map(|d| WorkflowTag {
                id: d.id.clone(),
                name: d.name.clone(),
                kind: d.kind,
            })
            .collect(),
        can_work: viewer.can_work(),
        is_admin: viewer.role == Role::Admin,
        rules,
        time_zone: p.zone.name().to_string(),
        seq: 0,
    })
}

/// Checks a new date for an item against the calendar's rules: the reason it
/// is refused, or the warnings that go with it.
fn checked(
    p: &Presenter,
    campaign: Option<CampaignDates>,
    date: NaiveDate,
    time: Option<NaiveTime>,
) -> AppResult<(Schedule, Vec<String>)> {
    let schedule = schedule_at(date, time, &p.zone);
    let placed = place(&schedule, &p.zone);
    let warnings = check_date(&schedule, placed, p.now, p.today, campaign)
        .map_err(|reason| AppError::validation("date", reason))?;
    Ok((schedule, warnings))
}

/// Moves an item the viewer saw at `version` to a local `date` and `time`
/// (`None`: all day). Returns the answer and the item as saved, for the live notice.
pub async fn reschedule(
    db: &Db,
    viewer: &CurrentUser,
    id: ItemId,
    version: u32,
    date: NaiveDate,
    time: Option<NaiveTime>,
    now: DateTime<Utc>,
) -> AppResult<(Rescheduled, Item)> {
    let mut conn = db.read.acquire().await?;
    let mut p = Presenter::load(db, &mut conn, viewer.id, zone_of(&viewer.time_zone), now).await?;
    let item = db::items::load(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Item {id}")))?;
    drop(conn);
    let (schedule, mut warnings) = checked(&p, p.campaign_dates(item.campaign), date, time)?;
    // A planned email to a segment the send log shows was emailed within the planning
    // rules' days: the same over-contact warning recording a send gives.
    if let Some(segment) = present::segment_of(&item).filter(|_| item.channel == Channel::Email) {
        let earlier =
            super::sends::over_contact(db, &segment, schedule.at, Some(item.id), &p.zone).await?;
        warnings.extend(earlier);
    }
    let operation = Operation::SetSchedule {
        schedule: Some(schedule),
    };
    let outcome = super::items::apply(db, viewer.id, id, version, &operation, now).await?;
    answer(db, &mut p, outcome.item, warnings).await
}

/// Starts an item on a day: the viewer owns it, it is scheduled as asked.
pub async fn create(
    db: &Db,
    viewer: &CurrentUser,
    new: NewEntry,
    now: DateTime<Utc>,
) -> AppResult<(Rescheduled, Item)> {
    let title = new.title.trim().to_owned();
    if title.is_empty() {
        return Err(AppError::validation("title", "Give the item a title."));
    }
    let mut conn = db.read.acquire().await?;
    let mut p = Presenter::load(db, &mut conn, viewer.id, zone_of(&viewer.time_zone), now).await?;
    drop(conn);
    if new.campaign.is_some_and(|c| !p.campaigns.contains_key(&c)) {
        return Err(AppError::validation(
            "campaign",
            "That campaign no longer exists.",
        ));
    }
    if new
        .campaign
        .and_then(|c| p.campaigns.get(&c))
        .is_some_and(|c| c.closed_at.is_some())
    {
        return Err(AppError::validation(
            "campaign",
            "That campaign is closed: reopen it first, or pick another.",
        ));
    }
    let campaign = p.campaign_dates(new.campaign);
    let (schedule, warnings) = checked(&p, campaign, new.date, new.time)?;
    let owner = viewer.id;
    let make = NewItem {
        owner: Some(owner),
        assignees: vec![owner],
        schedule: Some(schedule),
        channel: new.channel,
        campaign: new.campaign,
        ..NewItem::titled(&title)
    };
    let outcome = super::items::create(db, viewer.id, &new.workflow, make, now).await?;
    answer(db, &mut p, outcome.item, warnings).await
}

/// The calendar entry of an item just written, with the planning warnings its date raised.
async fn answer(
    db: &Db,
    p: &mut Presenter,
    item: Item,
    warnings: Vec<String>,
) -> AppResult<(Rescheduled, Item)> {
    let mut conn = db.read.acquire().await?;
    p.learn(db, &mut conn, std::slice::from_ref(&item)).await?;
    p.learn_outlooks(db, &mut conn, std::slice::from_ref(&item))
        .await?;
    drop(conn);
    let entry = p.entry(&item).ok_or(AppError::Internal)?;
    Ok((Rescheduled { entry, warnings }, item))
}

/// Saves the planning thresholds after checking them.
pub async fn save_rules(db: &Db, rules: PlanningRules) -> AppResult<PlanningRules> {
    if let Some((field, message)) = rules.problems().into_iter().next() {
        return Err(AppError::validation(field, message));
    }
    let mut tx = db.write.begin().await?;
    db::calendar::set_planning_rules(&mut tx, rules).await?;
    tx.commit().await?;
    Ok(rules)
}

#[cfg(test)]
mod tests;
