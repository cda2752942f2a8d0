//! The content calendar's server functions: a page of the calendar, moving an
//! entry to another day, starting an item on a day, the planning rules, and
//! one's private subscription feed.

pub use crate::views::calendar::*;

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;

use crate::domain::calendar::PlanningRules;
use crate::domain::filter::CalendarQuery;
use crate::domain::ItemId;
use crate::error::AppError;

/// One page of the calendar: its days with their entries in the viewer's time
/// zone, the unscheduled tray, and the planning warnings.
#[server(endpoint = "get_calendar", input = leptos::server_fn::codec::Json)]
pub async fn get_calendar(query: CalendarQuery) -> Result<CalendarData, AppError> {
    // With no view asked for, a phone gets the agenda, decided here so the server renders
    // the page the phone will show (the browser would otherwise swap the month for it).
    let mut query = query;
    if query.view.is_none() && crate::api::guard::from_a_phone() {
        query.view = Some(crate::domain::calendar::CalendarView::Agenda);
    }
    crate::api::serve(Access::SignedIn, |me, state| async move {
        let seq = state.live.total();
        let mut data =
            crate::service::calendar::calendar(&state.db, &me.user, &query, chrono::Utc::now())
                .await?;
        data.seq = seq;
        Ok(data)
    })
    .await
}

/// Moves an entry last seen at `version` to `date` (local to the viewer), at
/// `time` or all day. A date gone by is refused with the reason; other open
/// calendars and boards hear of the change.
#[server(endpoint = "reschedule_item", input = leptos::server_fn::codec::Json)]
pub async fn reschedule_item(
    id: ItemId,
    version: u32,
    date: NaiveDate,
    time: Option<NaiveTime>,
) -> Result<Rescheduled, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        let (answer, item) = crate::service::calendar::reschedule(
            &state.db,
            &me.user,
            id,
            version,
            date,
            time,
            chrono::Utc::now(),
        )
        .await?;
        state.live.item_changed(&item);
        Ok(answer)
    })
    .await
}

/// Starts an item on a day of the calendar.
#[server(endpoint = "create_calendar_item", input = leptos::server_fn::codec::Json)]
pub async fn create_calendar_item(entry: NewEntry) -> Result<Rescheduled, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        let (answer, item) =
            crate::service::calendar::create(&state.db, &me.user, entry, chrono::Utc::now())
                .await?;
        state.live.item_changed(&item);
        Ok(answer)
    })
    .await
}

/// Changes the thresholds of the planning warnings (admins only).
#[server(endpoint = "save_planning_rules")]
pub async fn save_planning_rules(
    over_contact_days: u32,
    max_posts_per_platform_day: u32,
) -> Result<PlanningRules, AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        let rules = PlanningRules {
            over_contact_days,
            max_posts_per_platform_day,
        };
        crate::service::calendar::save_rules(&state.db, rules).await
    })
    .await
}

/// Whether one's subscription feed is on, and when it was last used.
#[server(endpoint = "calendar_feed_status")]
pub async fn calendar_feed_status() -> Result<FeedStatus, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::calendar::feed_status(&state.db, me.user.id).await
    })
    .await
}

/// Turns one's feed on with a new secret address (the old one stops working).
#[server(endpoint = "renew_calendar_feed")]
pub async fn renew_calendar_feed() -> Result<NewFeed, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::calendar::renew_feed(&state.db, me.user.id, chrono::Utc::now()).await
    })
    .await
}

/// Turns one's feed off: its address stops working at once.
#[server(endpoint = "revoke_calendar_feed")]
pub async fn revoke_calendar_feed() -> Result<(), AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::calendar::revoke_feed(&state.db, me.user.id).await
    })
    .await
}
