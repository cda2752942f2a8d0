//! Recording results — open rates, CTR, CPA, lead scores — on an item or a campaign, by a
//! person or through a hook. The reading and the signal threshold rules listen for are
//! saved together; the signal carries the value before it, so a rule fires when a value
//! crosses its threshold, not every time one is recorded below it.

use chrono::{DateTime, NaiveTime, TimeDelta, Utc};

use super::queue::queue;
use crate::db::{self, Db};
use crate::domain::automation::{
    HookId, MetricName, MetricReading, MetricTarget, Origin, ReadingId, Signal,
};
use crate::domain::{limits, CampaignId, ItemId, PersonId};
use crate::error::{AppError, AppResult};
use crate::views::automation::{ItemAutomation, ResultView};

/// What a result is recorded for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An item (an email's open rate).
    Item(ItemId),
    /// A campaign as a whole (MQLs so far).
    Campaign(CampaignId),
}

/// Who records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordedBy {
    /// A person, from the item's Results section.
    Person(PersonId),
    /// An inbound hook.
    Hook(HookId),
}

/// The longest metric name.
const METRIC_NAME: usize = limits::METRIC;

/// How far in the future a measurement may be dated (clocks disagree a little).
const FUTURE_SLACK: TimeDelta = TimeDelta::minutes(5);

/// Checks a result and returns the metric's stored name.
pub fn checked(
    metric: &str,
    value: f64,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppResult<MetricName> {
    limits::check("The metric's name", metric.trim(), METRIC_NAME)
        .map_err(|m| AppError::validation("metric", m))?;
    let name = MetricName::new(metric);
    if name.is_empty() {
        return Err(AppError::validation(
            "metric",
            "Name the metric, e.g. open_rate, ctr, cpa or lead_score.",
        ));
    }
    if !value.is_finite() {
        return Err(AppError::validation("value", "The value must be a number."));
    }
    if at > now + FUTURE_SLACK {
        return Err(AppError::validation(
            "at",
            "A result cannot be measured in the future; check the date and time.",
        ));
    }
    Ok(name)
}

/// Records a result measured at `at`, and queues the signal rules listen for.
pub async fn record(
    db: &Db,
    by: RecordedBy,
    target: Target,
    metric: &str,
    value: f64,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppResult<ReadingId> {
    let metric = checked(metric, value, at, now)?;
    let mut tx = db.write.begin().await?;
    let (target, launched) = match target {
        Target::Item(id) => {
            let item = db::items::load(&mut tx, id)
                .await?
                .ok_or_else(|| AppError::not_found(format!("Item {id}")))?;
            let target = MetricTarget::Item {
                item: id,
                workflow: item.workflow_id.clone(),
            };
            (target, item.schedule.map(|s| s.at))
        }
        Target::Campaign(id) => {
            let campaign = db::campaigns::list(&mut tx)
                .await?
                .into_iter()
                .find(|c| c.id == id.0)
                .ok_or_else(|| AppError::not_found(format!("Campaign {id}")))?;
            let start = campaign
                .starts_on
                .map(|d| d.and_time(NaiveTime::MIN).and_utc());
            (MetricTarget::Campaign { campaign: id }, start)
        }
    };
    let previous = db::results::previous(&mut tx, &target, &metric, at).await?;
    let (person, hook, origin) = match by {
        RecordedBy::Person(p) => (Some(p), None, Origin::Person(p)),
        RecordedBy::Hook(h) => (None, Some(h.0), Origin::Hook(h)),
    };
    let id = db::results::insert(&mut tx, &target, &metric, value, at, person, hook, now).await?;
    let reading = MetricReading {
        target,
        metric,
        value,
        previous,
        recorded_at: at,
        hours_since_launch: launched.map(|l| (at - l).num_minutes() as f64 / 60.0),
    };
    queue(&mut tx, &Signal::reading(id, reading, origin, 0), now).await?;
    tx.commit().await?;
    Ok(id)
}

/// An item's results and the rule runs about it.
pub async fn item_automation(db: &Db, item: ItemId) -> AppResult<ItemAutomation> {
    let results = of_item(db, item).await?;
    let runs = super::rules::item_runs(db, item).await?;
    Ok(ItemAutomation { results, runs })
}

/// An item's results, newest first, in words.
pub async fn of_item(db: &Db, item: ItemId) -> AppResult<Vec<ResultView>> {
    let mut conn = db.read.acquire().await?;
    let people = db.directory(&mut conn).await?;
    let hooks = db::hooks::list(&mut conn).await?;
    let readings = db::results::of_item(&mut conn, item).await?;
    Ok(readings
        .into_iter()
        .map(|r| ResultView {
            metric: r.metric.words(),
            value: r.metric.value_words(r.value),
            number: r.value,
            at: r.recorded_at,
            by: match (r.recorded_by, r.hook) {
                (Some(p), _) => people.name_of(p),
                (None, Some(h)) => hooks.iter().find(|hook| hook.id == h).map_or_else(
                    || "a hook".to_owned(),
                    |hook| format!("hook “{}”", hook.name),
                ),
                (None, None) => "Baton".to_owned(),
            },
        })
        .collect())
}
