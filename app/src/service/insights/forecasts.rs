//! Did the forecasts hold? Each day, each campaign with open work gets a Monte Carlo
//! forecast of when that work will be done, stored with the items it covers; /insights
//! later checks how often the P85 date held. Recording a day twice keeps the first, so a
//! restart or a second server changes nothing, and a server that was down records the
//! day it comes back (the days it missed cannot be forecast after the fact).

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

use super::load::load;
use crate::db::{self, insights::ForecastRow, Db};
use crate::domain::metrics::days::day_start;
use crate::domain::metrics::{
    local_day, throughput_sample, when_done, ForecastSettings, HistoryFilter, ItemHistory, Noun,
};
use crate::domain::{CampaignId, ItemId};
use crate::error::AppResult;

/// The forecast of `campaign` as it stood on `day`: the items open at the end of that day
/// and when they should be done, judged from the throughput of the 90 days before it.
/// `None` when nothing was open.
pub fn forecast_on(
    campaign: CampaignId,
    histories: &[&ItemHistory],
    day: NaiveDate,
    offset: FixedOffset,
    settings: &ForecastSettings,
) -> Option<ForecastRow> {
    let end = day_start(day + Duration::days(1), offset);
    let open: Vec<ItemId> = histories
        .iter()
        .filter(|h| {
            h.created < end
                && h.finished.is_none_or(|f| f >= end)
                && !h.archived.iter().any(|a| a.covers(end))
        })
        .map(|h| h.item)
        .collect();
    if open.is_empty() {
        return None;
    }
    let sample = throughput_sample(histories.iter().copied(), day, offset);
    let when = when_done(&sample, open.len() as u32, day, settings, &Noun::items());
    Some(ForecastRow {
        campaign,
        made_on: day,
        items: open,
        p50: when.p50,
        p85: when.p85,
        p95: when.p95,
        enough_data: when.confidence.enough,
    })
}

/// Stores the forecasts of every campaign with open work for each day of `days` (the
/// days a live server would have made them on); days already stored are kept.
async fn record_days(
    db: &Db,
    days: &[NaiveDate],
    now: DateTime<Utc>,
    settings: &ForecastSettings,
) -> AppResult<u32> {
    let Some(first) = days.iter().min().copied() else {
        return Ok(0);
    };
    let mut conn = db.read.acquire().await?;
    let offset = super::team_offset(db, &mut conn).await?;
    let campaigns = db.campaigns(&mut conn).await?;
    let flows = super::flows(db, &mut conn).await?;
    let since = day_start(first - Duration::days(91), offset);
    let mut rows = Vec::new();
    for campaign in campaigns {
        let id = CampaignId(campaign.id);
        let filter = HistoryFilter {
            campaign: Some(id),
            ..HistoryFilter::default()
        };
        let mut histories = Vec::new();
        for (_, flow) in &flows {
            histories.extend(load(&mut conn, flow, &filter, since, now).await?.histories);
        }
        let all: Vec<&ItemHistory> = histories.iter().collect();
        rows.extend(
            days.iter()
                .filter_map(|day| forecast_on(id, &all, *day, offset, settings)),
        );
    }
    drop(conn);
    let mut tx = db.write.begin().await?;
    let mut stored = 0;
    for row in &rows {
        stored += u32::from(db::insights::keep_forecast(&mut tx, row, now).await?);
    }
    tx.commit().await?;
    Ok(stored)
}

/// Today's forecasts, unless they are stored already. Returns how many were stored.
pub async fn record_daily(db: &Db, now: DateTime<Utc>) -> AppResult<u32> {
    let today = {
        let mut conn = db.read.acquire().await?;
        let offset = super::team_offset(db, &mut conn).await?;
        let today = local_day(now, offset);
        if db::insights::forecasts_made_on(&mut conn, today).await? > 0 {
            return Ok(0);
        }
        today
    };
    record_days(db, &[today], now, &ForecastSettings::default()).await
}

/// The forecasts of each of the `days` days before today, as if Baton had made them then
/// (for a demo or an imported history), with `trials` trials each; days already stored
/// are kept.
pub async fn record_past(db: &Db, days: u32, now: DateTime<Utc>, trials: u32) -> AppResult<u32> {
    let today = {
        let mut conn = db.read.acquire().await?;
        local_day(now, super::team_offset(db, &mut conn).await?)
    };
    let days: Vec<NaiveDate> = (1..=i64::from(days))
        .map(|n| today - Duration::days(n))
        .collect();
    let settings = ForecastSettings {
        trials,
        ..ForecastSettings::default()
    };
    record_days(db, &days, now, &settings).await
}
