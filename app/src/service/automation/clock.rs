//! What comes due by the clock: schedule slots ("every Monday 09:00" in the workspace's
//! time zone) and moments tied to an item's dates ("overdue by 24 h", "48 h after
//! publish"). Each is queued as a signal once — its key is unique — so a tick that runs
//! twice, or after a restart, queues nothing twice; slots missed while the server was down
//! run once, the latest, not once each.

use chrono::{DateTime, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use super::queue::queue;
use crate::db::{self, Db};
use crate::domain::automation::{scheduled_run, Signal, Trigger, MAX_ITEMS_PER_SCHEDULED_RUN};
use crate::error::AppResult;

/// How far back a date trigger looks for moments it has not seen (a rule switched on
/// today does not fire for items overdue since last year).
const MOMENT_LOOKBACK: TimeDelta = TimeDelta::days(2);

/// UTC for a local date-time in `zone`; a time skipped by a clock change counts as the
/// moment just after the gap.
pub fn utc_of(zone: &Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(at) => at.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        chrono::LocalResult::None => utc_of(zone, local + TimeDelta::hours(1)),
    }
}

/// What a tick queued.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ClockReport {
    /// Signals queued.
    pub queued: usize,
    /// Items left out of scheduled runs by the per-run limit.
    pub left_out: usize,
}

/// Queues what is due at `now`.
pub async fn tick(db: &Db, now: DateTime<Utc>) -> AppResult<ClockReport> {
    let mut report = ClockReport::default();
    let mut tx = db.write.begin().await?;
    let zone = crate::service::present::zone_of(&db::workspace::time_zone(&mut tx).await?);
    let local_now = now.with_timezone(&zone).naive_local();
    for stored in db::automation::rules(&mut tx).await? {
        let rule = &stored.rule;
        if !rule.enabled {
            continue;
        }
        let since = stored.enabled_at.unwrap_or(now);
        if let Trigger::Schedule {
            recurrence,
            starts,
            for_each_item,
        } = &rule.trigger
        {
            let switched_on = since.with_timezone(&zone).naive_local();
            let last = stored.last_slot.or(Some(switched_on));
            let Some(slot) = recurrence.due_slot(*starts, last, local_now) else {
                continue;
            };
            let items = if *for_each_item {
                let limit = i64::try_from(MAX_ITEMS_PER_SCHEDULED_RUN).unwrap_or(500) + 1;
                db::automation::active_items(&mut tx, rule.scope.workflow(), limit).await?
            } else {
                Vec::new()
            };
            let run = scheduled_run(rule.id, *for_each_item, slot, utc_of(&zone, slot), &items);
            for signal in &run.signals {
                report.queued += usize::from(queue(&mut tx, signal, now).await?);
            }
            report.left_out += run.left_out;
            db::automation::set_last_slot(&mut tx, rule.id, slot).await?;
        } else if let Some((base, offset)) = rule.trigger.moment() {
            let publish = base == crate::domain::automation::MomentBase::Publish;
            let from = since.max(now - MOMENT_LOOKBACK);
            let ids = db::automation::items_at_moment(&mut tx, publish, offset, from, now).await?;
            for id in ids {
                let Some(item) = db::items::load(&mut tx, id).await? else {
                    continue;
                };
                if let Some(signal) = Signal::moment(&item, base, offset) {
                    report.queued += usize::from(queue(&mut tx, &signal, now).await?);
                }
            }
        }
    }
    // Signals done a week ago have nothing left to tell (their runs stay in the log).
    db::automation::prune(&mut tx, now - TimeDelta::days(7)).await?;
    tx.commit().await?;
    Ok(report)
}
