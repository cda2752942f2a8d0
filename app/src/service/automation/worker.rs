//! The automation worker: takes queued signals in order and runs every rule they set off.
//!
//! Each run is evaluated inside the write transaction that saves it, against the item as it
//! is then (so a WIP count or a version cannot change underneath), recorded once under its
//! (rule, signal) key, and its changes are saved through the engine as Baton together with
//! the events, timers, notifications and the deeper signals they send. A crash before the
//! commit leaves the signal waiting and nothing applied; after it, the key stops a rerun.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::context::{facts, Subject, Workspace};
use super::queue::{record_events, Cause};
use crate::db::{self, automation::StoredRule, Conn, Db};
use crate::domain::automation::{
    automation_account, evaluate, Evaluation, PauseReason, Rule, RunHealth, RunOutcome, Signal,
    Skip, Step, StepStatus, AUTOMATION,
};
use crate::domain::notify::{Notice, NoticeKind};
use crate::domain::{self, Ctx, Item, PersonId};
use crate::error::AppResult;
use crate::views::automation::{CheckView, RunDetail, StepView};

/// Signals taken per batch.
const BATCH: i64 = 100;

/// What a round of work did.
#[derive(Debug, Default, Clone)]
pub struct WorkReport {
    /// Signals taken off the queue.
    pub signals: usize,
    /// Runs recorded.
    pub runs: usize,
    /// Items changed or created by rules, as saved (boards should show them).
    pub changed: Vec<Item>,
    /// Everyone who got a notification.
    pub notified: Vec<PersonId>,
    /// Rules that paused themselves.
    pub paused: Vec<Rule>,
}

/// Works through the queue until it is empty.
pub async fn work(db: &Db, now: DateTime<Utc>) -> AppResult<WorkReport> {
    let mut report = WorkReport::default();
    loop {
        let (batch, rules) = {
            let mut conn = db.read.acquire().await?;
            let batch = db::automation::waiting(&mut conn, BATCH).await?;
            let rules: Vec<StoredRule> = db::automation::rules(&mut conn)
                .await?
                .into_iter()
                .filter(|r| r.rule.enabled)
                .collect();
            (batch, rules)
        };
        if batch.is_empty() {
            break;
        }
        for queued in batch {
            if !rules.is_empty() {
                handle(db, &rules, &queued.signal, now, &mut report).await?;
            }
            let mut conn = db.write.acquire().await?;
            db::automation::processed(&mut conn, queued.id, now).await?;
            report.signals += 1;
        }
        // Runs queue deeper signals of their own: go on until the queue is empty (the
        // depth limit ends every chain).
    }
    report.notified.sort();
    report.notified.dedup();
    Ok(report)
}

/// Whether an evaluation concerns the rule at all (it is recorded) or not (nothing to say).
fn concerns(eval: &Evaluation) -> bool {
    !matches!(
        eval.skipped,
        Some(Skip::Paused | Skip::OutOfScope | Skip::NotTriggered | Skip::ItemGone)
    )
}

async fn handle(
    db: &Db,
    rules: &[StoredRule],
    signal: &Signal,
    now: DateTime<Utc>,
    report: &mut WorkReport,
) -> AppResult<()> {
    // A first look with what the read pool sees, to pick the rules this signal concerns;
    // each of those is then evaluated again, for real, inside its own write transaction.
    let candidates: Vec<&Rule> = {
        let mut conn = db.read.acquire().await?;
        let workspace = Workspace::load(db, &mut conn).await?;
        let subject = match signal.item() {
            Some(id) => Subject::load(db, &mut conn, id).await?,
            None => None,
        };
        let none = BTreeMap::new();
        let f = facts(&workspace, subject.as_ref(), &BTreeMap::new(), &none, now);
        rules
            .iter()
            .map(|r| &r.rule)
            .filter(|rule| concerns(&evaluate(rule, signal, &f)))
            .collect()
    };
    for rule in candidates {
        run_rule(db, rule.id, signal, now, report).await?;
    }
    Ok(())
}

async fn health(conn: &mut Conn, rule: &Rule) -> AppResult<RunHealth> {
    let recent = db::automation::recent_outcomes(conn, rule.id, 200).await?;
    let failures_in_a_row = recent
        .iter()
        .take_while(|(_, outcome)| outcome == "refused" || outcome == "failed")
        .count();
    Ok(RunHealth {
        recent_runs: recent.iter().map(|(at, _)| *at).collect(),
        failures_in_a_row: u32::try_from(failures_in_a_row).unwrap_or(u32::MAX),
    })
}

fn outcome_word(outcome: RunOutcome) -> &'static str {
    match outcome {
        RunOutcome::Skipped => "skipped",
        RunOutcome::Done => "done",
        RunOutcome::Refused => "refused",
        RunOutcome::Failed => "failed",
    }
}

/// The run in the log's words.
pub fn detail_of(eval: &Evaluation) -> RunDetail {
    RunDetail {
        trigger: eval.trigger.clone(),
        skipped: eval.skipped.as_ref().map(Skip::message),
        conditions: eval
            .conditions
            .iter()
            .map(|c| CheckView {
                sentence: c.sentence.clone(),
                held: c.held,
            })
            .collect(),
        steps: eval
            .steps
            .iter()
            .map(|s| {
                let (outcome, reasons) = match &s.status {
                    StepStatus::Ready { .. } => ("done", Vec::new()),
                    StepStatus::Refused { reasons, .. } => (
                        "refused",
                        reasons.iter().map(|r| r.message.clone()).collect(),
                    ),
                    StepStatus::Failed { reason } => ("failed", vec![reason.clone()]),
                };
                StepView {
                    action: s.summary.clone(),
                    outcome: outcome.to_owned(),
                    reasons,
                }
            })
            .collect(),
    }
}

/// One line for the log.
pub fn summary_of(eval: &Evaluation) -> String {
    if let Some(skip) = &eval.skipped {
        return skip.message();
    }
    let done: Vec<&str> = eval
        .steps
        .iter()
        .filter(|s| matches!(s.status, StepStatus::Ready { .. }))
        .map(|s| s.summary.as_str())
        .collect();
    let stopped = eval.steps.iter().find_map(|s| match &s.status {
        StepStatus::Refused { reasons, .. } => Some(format!(
            "Refused: {} — {}",
            s.summary,
            reasons
                .iter()
                .map(|r| r.message.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        )),
        StepStatus::Failed { reason } => Some(format!("Failed: {} — {reason}", s.summary)),
        StepStatus::Ready { .. } => None,
    });
    match (done.is_empty(), stopped) {
        (_, Some(stop)) if done.is_empty() => stop,
        (_, Some(stop)) => format!("{}. {stop}", done.join("; ")),
        (false, None) => done.join("; "),
        (true, None) => "Nothing to do".to_owned(),
    }
}

async fn run_rule(
    db: &Db,
    rule: crate::domain::automation::RuleId,
    signal: &Signal,
    now: DateTime<Utc>,
    report: &mut WorkReport,
) -> AppResult<()> {
    let mut tx = db.write.begin().await?;
    // Read again: an earlier run of this batch may have paused it, or someone edited it.
    let Some(stored) = db::automation::rule(&mut tx, rule).await? else {
        return Ok(());
    };
    let rule = &stored.rule;
    let workspace = Workspace::load(db, &mut tx).await?;
    let subject = match signal.item() {
        Some(id) => Subject::load(db, &mut tx, id).await?,
        None => None,
    };
    let open_items = db::automation::open_items_per_person(&mut tx).await?;
    let round_robin = db::automation::round_robin(&mut tx).await?;
    let f = facts(&workspace, subject.as_ref(), &open_items, &round_robin, now);
    let eval = evaluate(rule, signal, &f);
    if !concerns(&eval) {
        return Ok(());
    }
    let health = health(&mut tx, rule).await?;
    let item_id = subject.as_ref().map(|s| s.item.id);
    if eval.ran() {
        if let Some(reason) = health.pause_before_run(now) {
            let summary = format!("Not run: the rule paused itself — it {}", reason.message());
            let detail = RunDetail {
                trigger: eval.trigger.clone(),
                skipped: Some(summary.clone()),
                ..RunDetail::default()
            };
            let detail = serde_json::to_string(&detail).unwrap_or_default();
            if db::automation::record_run(
                &mut tx,
                &eval.run,
                rule.version,
                item_id,
                eval.depth,
                "skipped",
                &summary,
                &detail,
                now,
            )
            .await?
            {
                pause(&mut tx, rule, reason, now, report).await?;
            }
            tx.commit().await?;
            return Ok(());
        }
    }
    let outcome = eval.outcome();
    let detail = serde_json::to_string(&detail_of(&eval)).unwrap_or_default();
    let recorded = db::automation::record_run(
        &mut tx,
        &eval.run,
        rule.version,
        item_id,
        eval.depth,
        outcome_word(outcome),
        &summary_of(&eval),
        &detail,
        now,
    )
    .await?;
    if !recorded {
        return Ok(()); // it ran for this signal before (a restart in the middle)
    }
    report.runs += 1;
    if eval.ran() {
        apply(
            db,
            &mut tx,
            &workspace,
            subject.as_ref(),
            rule,
            &eval,
            now,
            report,
        )
        .await?;
        if let Some(reason) = health.after(now, outcome).pause_after_run() {
            pause(&mut tx, rule, reason, now, report).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Pauses a rule that flooded or kept failing, and tells its owner.
async fn pause(
    conn: &mut Conn,
    rule: &Rule,
    reason: PauseReason,
    now: DateTime<Utc>,
    report: &mut WorkReport,
) -> AppResult<()> {
    let why = format!("It {}.", reason.message());
    db::automation::pause_rule(conn, rule.id, &why, now).await?;
    let notice = Notice {
        person: rule.owner,
        kind: NoticeKind::Automation,
        message: format!(
            "Your rule “{}” paused itself: it {}. Look at its runs, then switch it on again.",
            rule.name,
            reason.message()
        ),
    };
    crate::service::mail::notify(conn, None, Some(AUTOMATION), &[notice], now).await?;
    report.notified.push(rule.owner);
    report.paused.push(rule.clone());
    Ok(())
}

/// Saves what an evaluation planned: the item's changes, items to create, notifications,
/// whose turn it was. Refused or failed steps stopped the plan already.
#[allow(clippy::too_many_arguments)]
async fn apply(
    db: &Db,
    tx: &mut Conn,
    workspace: &Workspace,
    subject: Option<&Subject>,
    rule: &Rule,
    eval: &Evaluation,
    now: DateTime<Utc>,
    report: &mut WorkReport,
) -> AppResult<()> {
    let cause = Cause::Rule {
        rule: rule.id,
        depth: eval.depth,
    };
    let people = &workspace.people;
    let hours = db.working_hours(tx).await?;
    if let (Some(subject), Some(after)) = (subject, eval.item.as_ref()) {
        let before = &subject.item;
        let events: Vec<domain::Event> = eval.events().into_iter().cloned().collect();
        if after != before && db::items::update(tx, after, before).await? {
            record_events(tx, after, &events, cause, now).await?;
            if after.stage != before.stage || after.entered_stage_at != before.entered_stage_at {
                crate::service::items::plan_timers(tx, &subject.definition, after, &hours).await?;
            }
            let notices =
                domain::notify::notices_for(&subject.definition, before, after, &events, people);
            crate::service::mail::notify(tx, Some(after.id), Some(AUTOMATION), &notices, now)
                .await?;
            report.notified.extend(notices.iter().map(|n| n.person));
            report.changed.push(after.clone());
        }
    }
    let system = automation_account();
    for step in eval.ready() {
        match step {
            Step::Change(_) => {} // saved above, with the item
            Step::Notify(notification) => {
                let notices: Vec<Notice> = notification
                    .recipients
                    .iter()
                    .map(|person| Notice {
                        person: *person,
                        kind: NoticeKind::Automation,
                        message: notification.message.clone(),
                    })
                    .collect();
                crate::service::mail::notify(
                    tx,
                    notification.item,
                    Some(AUTOMATION),
                    &notices,
                    now,
                )
                .await?;
                report
                    .notified
                    .extend(notification.recipients.iter().copied());
            }
            Step::Create(create) => {
                let Some(def) = workspace.catalog().workflow(&create.workflow) else {
                    continue;
                };
                let ctx = Ctx::new(&system, people, now);
                let Ok(mut outcome) = domain::create_item(def, create.new_item(), &ctx) else {
                    continue; // evaluation tried the same creation; a race with a deleted person
                };
                let id = db::items::insert(tx, &outcome.item).await?;
                outcome.item.id = id;
                record_events(tx, &outcome.item, &outcome.events, cause, now).await?;
                crate::service::items::plan_timers(tx, def, &outcome.item, &hours).await?;
                report.changed.push(outcome.item);
            }
            Step::Webhook(call) => {
                // Queued here, in the run's transaction; the webhook sender delivers it.
                let data = serde_json::json!({
                    "rule": { "id": rule.id.0, "name": rule.name },
                    "item": eval.item.as_ref().or(subject.map(|s| &s.item))
                        .filter(|i| Some(i.id) == call.item)
                        .map(crate::service::webhooks::item_data),
                });
                crate::service::webhooks::queue_to(
                    tx,
                    call.endpoint,
                    crate::domain::outbound::EventType::AutomationCalled.as_str(),
                    data,
                    now,
                )
                .await?;
            }
        }
    }
    for turn in &eval.round_robin {
        db::automation::set_round_robin(tx, &turn.team, turn.person).await?;
    }
    Ok(())
}
