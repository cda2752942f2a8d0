//! The SLA scheduler's work: fire the timers that came due, once each.
//!
//! The clock is the caller's: `tick(db, now)` fires what is due at `now`, so the server passes
//! the wall clock and tests pass whatever moment they need. Firing a timer and what it does
//! (a reminder notification, or the escalation with its event) commit together, so a crash
//! in between fires it again in full or not at all, and a second server never fires it twice.

use chrono::{DateTime, TimeDelta, Utc};

use crate::db::{self, timers::StoredTimer, Conn, Db};
use crate::domain::automation::Signal;
use crate::domain::notify::{Notice, NoticeKind};
use crate::domain::timers::{on_due, DueTimer, Firing, TimerKind};
use crate::domain::{
    self, Ctx, Item, ItemId, Operation, People, Person, PersonId, WorkflowId, WorkingHours,
};
use crate::error::AppResult;
use crate::service::automation::queue::{queue, record_events, Cause};

/// How many due timers one tick handles before it lets the next tick continue.
const BATCH: i64 = 200;

/// What a tick did.
#[derive(Debug, Default, Clone)]
pub struct TickReport {
    /// Reminders sent: item and who was reminded.
    pub reminded: Vec<(ItemId, Vec<PersonId>)>,
    /// Items escalated, as saved (boards should show them).
    pub escalated: Vec<Item>,
    /// Timers that came due but had nothing left to do.
    pub skipped: usize,
    /// Everyone who got a notification.
    pub notified: Vec<PersonId>,
}

/// Fires every timer due at `now` that has not fired.
pub async fn tick(db: &Db, now: DateTime<Utc>) -> AppResult<TickReport> {
    let mut report = TickReport::default();
    loop {
        let (due, shared) = {
            let mut conn = db.read.acquire().await?;
            let due = db::timers::due(&mut conn, now, BATCH).await?;
            // What every timer of the batch reads alike, read once.
            let shared = Shared {
                people: db.directory(&mut conn).await?,
                hours: db.working_hours(&mut conn).await?,
                system: db::people::automation(&mut conn).await?,
            };
            (due, shared)
        };
        let batch = due.len();
        for timer in due {
            fire(db, &shared, &timer, now, &mut report).await?;
        }
        if (batch as i64) < BATCH {
            break;
        }
    }
    report.notified.sort();
    report.notified.dedup();
    Ok(report)
}

/// The directory, working hours and automation account a batch of timers fires with.
struct Shared {
    people: People,
    hours: WorkingHours,
    system: Person,
}

async fn fire(
    db: &Db,
    shared: &Shared,
    timer: &StoredTimer,
    now: DateTime<Utc>,
    report: &mut TickReport,
) -> AppResult<()> {
    let mut tx = db.write.begin().await?;
    let Some(item) = db::items::load(&mut tx, timer.item).await? else {
        return Ok(()); // deleted with its timers
    };
    let def = db
        .definition(&mut tx, &item.workflow_id, item.workflow_version)
        .await?;
    let Shared {
        people,
        hours,
        system,
    } = shared;
    let escalation_also_due = timer.kind == TimerKind::Reminder
        && db::timers::escalation_due(&mut tx, timer, now).await?;
    let due = DueTimer {
        kind: timer.kind,
        stage: timer.stage.clone(),
        entered_at: timer.entered_at,
        escalation_also_due,
    };
    let stage = def.as_ref().and_then(|d| d.stage(&timer.stage));
    let firing = match stage {
        Some(stage) => on_due(&due, stage, &item, people),
        None => Firing::Skip(domain::timers::Skip::LeftStage),
    };
    let outcome = match (&firing, def.as_ref(), stage) {
        (Firing::Skip(why), _, _) => {
            report.skipped += 1;
            why.as_str()
        }
        (Firing::Remind(who), Some(_), Some(stage)) => {
            let left = domain::sla_due_at(stage, &item, hours)
                .map(|due| due - now)
                .unwrap_or_default();
            let message = format!(
                "Reminder: “{}” is due out of {} in {} — 75 % of its time is used",
                item.title,
                stage.name,
                domain::words::duration(left.max(TimeDelta::zero()))
            );
            let notices: Vec<Notice> = who
                .iter()
                .map(|p| Notice {
                    person: *p,
                    kind: NoticeKind::Reminder,
                    message: message.clone(),
                })
                .collect();
            crate::service::mail::notify(&mut tx, Some(item.id), None, &notices, now).await?;
            report.notified.extend(who.iter().copied());
            report.reminded.push((item.id, who.clone()));
            queue(&mut tx, &Signal::sla(&item, TimerKind::Reminder, now), now).await?;
            let data = serde_json::json!({
                "item": crate::service::webhooks::item_data(&item),
                "waiting_on": who.iter().map(|p| p.0).collect::<Vec<_>>(),
                "message": message,
            });
            crate::service::webhooks::queue(
                &mut tx,
                crate::domain::outbound::EventType::SlaReminder,
                data,
                now,
            )
            .await?;
            "fired"
        }
        (Firing::Escalate, Some(def), Some(stage)) => {
            let ctx = Ctx::new(system, people, now);
            let waited = stage
                .escalation
                .as_ref()
                .and_then(|r| r.after_hours)
                .or(stage.sla.map(|s| s.hours))
                .unwrap_or(0);
            let reason = format!("No move out of {} within {waited} h", stage.name);
            let op = Operation::Escalate {
                reason: Some(reason),
            };
            match domain::apply(def, &item, &op, &ctx) {
                Ok(outcome) => {
                    if !db::items::update(&mut tx, &outcome.item, &item).await? {
                        return Ok(()); // changed under us: the next tick sees it fresh
                    }
                    record_events(&mut tx, &outcome.item, &outcome.events, Cause::Person, now)
                        .await?;
                    let notices = domain::notify::notices_for(
                        def,
                        &item,
                        &outcome.item,
                        &outcome.events,
                        people,
                    );
                    crate::service::mail::notify(
                        &mut tx,
                        Some(item.id),
                        Some(system.id),
                        &notices,
                        now,
                    )
                    .await?;
                    report.notified.extend(notices.iter().map(|n| n.person));
                    let breached = Signal::sla(&outcome.item, TimerKind::Escalation, now);
                    queue(&mut tx, &breached, now).await?;
                    report.escalated.push(outcome.item);
                    "fired"
                }
                Err(refusal) => {
                    tracing::warn!(item = %item.id, reasons = ?refusal.messages(), "SLA escalation refused");
                    report.skipped += 1;
                    "refused"
                }
            }
        }
        _ => {
            report.skipped += 1;
            "left_stage"
        }
    };
    if db::timers::mark_fired(&mut tx, timer, now, outcome).await? {
        tx.commit().await?;
    }
    Ok(())
}

/// Plans the timers of every active item's current stage visit that has none yet (items from
/// before timers existed, or demo data). Run at start-up; returns how many items got some.
pub async fn plan_missing(db: &Db) -> AppResult<usize> {
    let mut tx = db.write.begin().await?;
    let hours = db.working_hours(&mut tx).await?;
    let planned = plan_visits(db, &mut tx, true, &hours).await?;
    tx.commit().await?;
    Ok(planned)
}

/// After the working hours change to `hours`, the timers not fired yet are planned again
/// with them — inside the caller's transaction, the one that saves the hours.
pub async fn replan_unfired(db: &Db, conn: &mut Conn, hours: &WorkingHours) -> AppResult<usize> {
    db::timers::forget_unfired(conn).await?;
    plan_visits(db, conn, false, hours).await
}

async fn plan_visits(
    db: &Db,
    conn: &mut Conn,
    only_missing: bool,
    hours: &WorkingHours,
) -> AppResult<usize> {
    let visits = db::timers::active_visits(conn, only_missing).await?;
    let mut planned = 0;
    for (id, workflow, version, stage) in visits {
        let version = u32::try_from(version).unwrap_or(0);
        let Some(def) = db.definition(conn, &WorkflowId(workflow), version).await? else {
            continue;
        };
        if def.stage(&stage).is_none_or(|s| s.sla.is_none()) {
            continue;
        }
        if let Some(item) = db::items::load(conn, id).await? {
            super::items::plan_timers(conn, &def, &item, hours).await?;
            planned += 1;
        }
    }
    Ok(planned)
}

#[cfg(test)]
#[path = "sla_tests.rs"]
mod tests;
