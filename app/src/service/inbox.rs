//! The inbox on stored data: what waits on a person, and decisions made from it.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveTime, Utc, Weekday};

use crate::db::{self, Db};
use crate::domain::calendar::grid::WEEKDAYS;
use crate::domain::inbox::{inbox_for, Candidate, Feedback, InboxReason};
use crate::domain::{
    approval_progress_among, ApprovalRule, Item, ItemId, Operation, People, PersonId, Verdict,
    WorkflowDefinition, WorkflowId, WorkingHours,
};
use crate::error::{AppError, AppResult};
use crate::views::inbox::{
    ApprovalView, ApproverState, InboxCounts, InboxDecision, InboxRow, InboxView, NotificationList,
    NotificationView, WorkingHoursForm,
};

use super::present::person_tag;

/// Everything the inbox judges: candidate items with their definitions and feedback.
struct Loaded {
    items: Vec<Item>,
    defs: BTreeMap<(WorkflowId, u32), Arc<WorkflowDefinition>>,
    names: BTreeMap<WorkflowId, String>,
    feedback: BTreeMap<ItemId, Feedback>,
    late: BTreeMap<ItemId, String>,
    people: People,
    hours: WorkingHours,
}

async fn load(db: &Db, person: PersonId, now: DateTime<Utc>) -> AppResult<Loaded> {
    let mut conn = db.read.acquire().await?;
    let people = db.directory(&mut conn).await?;
    let me = people.get(person).ok_or(AppError::Unauthorized)?.clone();
    let hours = db.working_hours(&mut conn).await?;
    let mut defs: BTreeMap<(WorkflowId, u32), Arc<WorkflowDefinition>> = BTreeMap::new();
    // Unassigned work waits on a stage's responsible people. The stages come from the
    // workflow versions (a short list, and their definitions are cached), not from the items.
    let mut responsible = Vec::new();
    for (workflow, version) in db::workflows::versions(&mut conn).await? {
        let Some(def) = db.definition(&mut conn, &workflow, version).await? else {
            continue;
        };
        for stage in &def.stages {
            if stage.raci.responsible.iter().any(|p| p.includes(&me)) {
                responsible.push((workflow.clone(), version, stage.key.clone()));
            }
        }
        defs.insert((workflow, version), def);
    }
    let items = db::inbox::candidates(&mut conn, person, &responsible).await?;
    // Every item follows a stored version, so `defs` has it; a version saved since is skipped.
    let items: Vec<Item> = items
        .into_iter()
        .filter(|item| defs.contains_key(&(item.workflow_id.clone(), item.workflow_version)))
        .collect();
    let feedback = db::inbox::latest_feedback(&mut conn, person).await?;
    // Their own work trending late waits on them too (and shows on its other rows).
    let theirs: Vec<Item> = items
        .iter()
        .filter(|i| i.owner == Some(person))
        .cloned()
        .collect();
    let late = super::insights::outlook::late_reasons(db, &mut conn, &theirs, now).await?;
    let names = db
        .current_definitions(&mut conn)
        .await?
        .into_iter()
        .map(|d| (d.id.clone(), d.name.clone()))
        .collect();
    Ok(Loaded {
        items,
        defs,
        names,
        feedback,
        late,
        people,
        hours,
    })
}

fn policy_words(rule: ApprovalRule, approvers: usize) -> String {
    match rule {
        ApprovalRule::Single => "One approver".into(),
        ApprovalRule::All => "All must approve".into(),
        ApprovalRule::AtLeast { count } => format!("{count} of {approvers}"),
        ApprovalRule::Sequential => "In order".into(),
    }
}

fn approval_view(def: &WorkflowDefinition, item: &Item, people: &People) -> Option<ApprovalView> {
    let policy = def.stage(&item.stage)?.approval.as_ref()?;
    let progress = approval_progress_among(policy, item, people);
    let approvers = progress
        .approvers
        .iter()
        .filter_map(|id| {
            let state = match item.approvals.get(id).map(|d| &d.verdict) {
                Some(Verdict::Approved) => ApproverState::Approved,
                Some(Verdict::ChangesRequested { .. }) => ApproverState::ChangesRequested,
                None if progress.waiting_on.contains(id) => ApproverState::Waiting,
                None if progress.satisfied => ApproverState::NotNeeded,
                None => ApproverState::Later,
            };
            Some(crate::views::inbox::ApproverView {
                person: person_tag(people, *id)?,
                state,
            })
        })
        .collect();
    Some(ApprovalView {
        policy: policy_words(policy.rule, progress.approvers.len()),
        approved: progress.approved.len() as u32,
        needed: progress.needed,
        approvers,
    })
}

fn rows(loaded: &Loaded, person: PersonId, now: DateTime<Utc>) -> AppResult<Vec<InboxRow>> {
    let me = loaded.people.get(person).ok_or(AppError::Unauthorized)?;
    let candidates: Vec<Candidate<'_>> = loaded
        .items
        .iter()
        .filter_map(|item| {
            Some(Candidate {
                item,
                definition: loaded
                    .defs
                    .get(&(item.workflow_id.clone(), item.workflow_version))?,
                feedback: loaded.feedback.get(&item.id),
                late: loaded.late.get(&item.id).map(String::as_str),
            })
        })
        .collect();
    let entries = inbox_for(me, &candidates, &loaded.people, now, &loaded.hours);
    let by_id: BTreeMap<ItemId, &Candidate<'_>> =
        candidates.iter().map(|c| (c.item.id, c)).collect();
    Ok(entries
        .into_iter()
        .filter_map(|entry| {
            let c = by_id.get(&entry.item)?;
            let (item, def) = (c.item, c.definition);
            let stage = def.stage(&item.stage)?;
            let approval = item
                .is_submitted()
                .then(|| approval_view(def, item, &loaded.people))
                .flatten();
            let feedback = (entry.reason == InboxReason::ChangesRequested)
                .then_some(c.feedback)
                .flatten()
                .map(|f| (loaded.people.name_of(f.by), f.text.clone()));
            let escalation = item.escalation.as_ref().map(|e| {
                let to: Vec<String> = e.to.iter().map(|p| p.describe(&loaded.people)).collect();
                format!("Escalated to {}", to.join(", "))
            });
            Some(InboxRow {
                item: item.id,
                version: item.version,
                title: item.title.clone(),
                workflow: item.workflow_id.clone(),
                workflow_name: loaded
                    .names
                    .get(&item.workflow_id)
                    .cloned()
                    .unwrap_or_else(|| def.name.clone()),
                stage: stage.name.clone(),
                reason: entry.reason,
                sla: entry.sla,
                deadline: entry.deadline,
                owner: item.owner.and_then(|o| person_tag(&loaded.people, o)),
                priority: item.priority,
                can_decide: entry.reason == InboxReason::Approval && me.role.can_work(),
                approval,
                feedback,
                escalation,
                late: c.late.map(str::to_owned),
            })
        })
        .collect())
}

/// Everything waiting on `person` at `now`, most urgent first.
pub async fn inbox(db: &Db, person: PersonId, now: DateTime<Utc>) -> AppResult<InboxView> {
    let loaded = load(db, person, now).await?;
    Ok(InboxView {
        rows: rows(&loaded, person, now)?,
        now,
    })
}

/// The navigation's counts: items waiting and notifications unread.
pub async fn counts(db: &Db, person: PersonId, now: DateTime<Utc>) -> AppResult<InboxCounts> {
    let (latest, unread) = {
        let mut conn = db.read.acquire().await?;
        (
            db::events::latest(&mut conn).await?,
            db::notifications::unread_count(&mut conn, person).await?,
        )
    };
    // What waits on a person depends on the items and the team, not on the clock.
    let offset = db
        .working_hours(&mut *db.read.acquire().await?)
        .await?
        .offset;
    let stamp = (latest, crate::domain::metrics::local_day(now, offset));
    let waiting = match db.waiting_as_of(person, stamp) {
        Some(n) => n,
        None => {
            let loaded = load(db, person, now).await?;
            let n = u32::try_from(rows(&loaded, person, now)?.len()).unwrap_or(u32::MAX);
            db.remember_waiting(person, stamp, n);
            n
        }
    };
    Ok(InboxCounts {
        waiting,
        unread: u32::try_from(unread).unwrap_or(u32::MAX),
    })
}

/// Approves or requests changes on an item seen at `version`. Someone else's change since then
/// is a conflict; a decision that is not the person's to make is refused with the reason.
pub async fn decide(
    db: &Db,
    person: PersonId,
    id: ItemId,
    version: u32,
    decision: InboxDecision,
    now: DateTime<Utc>,
) -> AppResult<Item> {
    let op = match decision {
        InboxDecision::Approve => Operation::Approve,
        InboxDecision::RequestChanges { feedback } => Operation::RequestChanges { feedback },
    };
    let attempt = super::items::attempt(db, person, id, version, &[op], now)
        .await
        .map_err(|err| match err {
            AppError::Conflict { .. } => AppError::Conflict {
                message: "This item changed since you opened it — nothing was recorded. Look at it again, then decide.".into(),
            },
            other => other,
        })?;
    Ok(attempt.result?.item)
}

/// An item's title (for reporting on bulk decisions).
pub async fn title_of(db: &Db, id: ItemId) -> AppResult<String> {
    let mut conn = db.read.acquire().await?;
    Ok(db::items::load(&mut conn, id)
        .await?
        .map_or_else(|| format!("Item {id}"), |i| i.title))
}

/// A person's newest notifications.
pub async fn notifications(
    db: &Db,
    person: PersonId,
    now: DateTime<Utc>,
) -> AppResult<NotificationList> {
    let mut conn = db.read.acquire().await?;
    let items = db::notifications::recent(&mut conn, person, 50)
        .await?
        .into_iter()
        .map(|n| NotificationView {
            id: n.id,
            item: n.item,
            kind: n.kind,
            message: n.message,
            at: n.created_at,
            read: n.read,
        })
        .collect();
    let unread = db::notifications::unread_count(&mut conn, person).await?;
    Ok(NotificationList {
        items,
        unread: u32::try_from(unread).unwrap_or(u32::MAX),
        now,
    })
}

/// Marks one of the person's notifications (`Some(id)`) or all of them read; returns how
/// many are left unread.
pub async fn mark_read(
    db: &Db,
    person: PersonId,
    id: Option<i64>,
    now: DateTime<Utc>,
) -> AppResult<u32> {
    let mut conn = db.write.acquire().await?;
    db::notifications::mark_read(&mut conn, person, id, now).await?;
    let unread = db::notifications::unread_count(&mut conn, person).await?;
    Ok(u32::try_from(unread).unwrap_or(u32::MAX))
}

/// Saves the team's working week; the SLA timers not fired yet are planned again with it.
///
/// One transaction: if anything fails, neither the hours nor any timer has changed.
pub async fn save_working_hours(db: &Db, hours: &WorkingHours) -> AppResult<()> {
    let mut tx = db.write.begin().await?;
    db::workspace::set_working_hours(&mut tx, hours).await?;
    super::sla::replan_unfired(db, &mut tx, hours).await?;
    tx.commit().await?;
    db.team_changed();
    Ok(())
}

/// The working week as the settings form shows it.
pub fn hours_form(hours: &WorkingHours) -> WorkingHoursForm {
    WorkingHoursForm {
        offset_minutes: hours.offset.local_minus_utc() / 60,
        days: WEEKDAYS
            .iter()
            .enumerate()
            .filter(|(_, d)| hours.days.contains(d))
            .map(|(i, _)| i as u8 + 1)
            .collect(),
        start: hours.start.format("%H:%M").to_string(),
        end: hours.end.format("%H:%M").to_string(),
    }
}

/// Reads the settings form, saying what is wrong with it in words.
pub fn parse_hours(form: &WorkingHoursForm) -> AppResult<WorkingHours> {
    let time = |field: &str, text: &str| {
        NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
            AppError::validation(
                field,
                format!("“{text}” is not a time of day; write it like 09:00."),
            )
        })
    };
    let start = time("start", &form.start)?;
    let end = time("end", &form.end)?;
    if end <= start {
        return Err(AppError::validation(
            "end",
            "The working day must end after it starts.",
        ));
    }
    if !(-14 * 60..=14 * 60).contains(&form.offset_minutes) {
        return Err(AppError::validation(
            "offset",
            "Pick an offset between UTC−14:00 and UTC+14:00.",
        ));
    }
    let mut days: Vec<Weekday> = Vec::new();
    for d in &form.days {
        let day = WEEKDAYS
            .get(usize::from(*d).wrapping_sub(1))
            .ok_or_else(|| {
                AppError::validation("days", format!("{d} is not a day of the week (1–7)."))
            })?;
        if !days.contains(day) {
            days.push(*day);
        }
    }
    if days.is_empty() {
        return Err(AppError::validation(
            "days",
            "Pick at least one working day.",
        ));
    }
    days.sort_by_key(|d| d.num_days_from_monday());
    let offset = chrono::FixedOffset::east_opt(form.offset_minutes * 60)
        .ok_or_else(|| AppError::validation("offset", "That offset is not valid."))?;
    Ok(WorkingHours {
        offset,
        days,
        start,
        end,
    })
}

#[cfg(test)]
#[path = "inbox_tests.rs"]
mod tests;
