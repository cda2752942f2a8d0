//! Reports' action logs at work: decisions recorded on a report at its "Action log" stage,
//! each optionally creating the item that carries it out (in the report's campaign, in
//! the same transaction), and their status kept up.

use chrono::{DateTime, Utc};

use crate::auth::CurrentUser;
use crate::db::decisions::{Decision, NewDecision};
use crate::db::{self, Db};
use crate::domain::decisions::{logs_decisions, DecisionInput, DecisionStatus};
use crate::domain::{limits, words, DecisionId, Item, ItemId, NewItem, People};
use crate::error::{AppError, AppResult};
use crate::service::automation::queue::Cause;
use crate::views::campaigns::{ActionLog, DecisionLine};

/// The decisions as lines, names from the directory.
pub fn lines(people: &People, decisions: Vec<Decision>) -> Vec<DecisionLine> {
    decisions
        .into_iter()
        .map(|d| DecisionLine {
            id: d.id,
            report: (d.report, d.report_title),
            decision: d.decision,
            owner: d.owner.and_then(|o| people.get(o)).map(|p| p.name.clone()),
            due: d.due_on.map(words::day),
            status: d.status,
            created_item: d.created_item,
            at: d.created_at,
        })
        .collect()
}

/// A report's action log, for `viewer`.
pub async fn action_log(db: &Db, viewer: &CurrentUser, report: ItemId) -> AppResult<ActionLog> {
    let loaded = super::items::load(db, report).await?;
    let mut conn = db.read.acquire().await?;
    let people = db.directory(&mut conn).await?;
    let decisions = db::decisions::of_report(&mut conn, report).await?;
    let workflows = db
        .current_definitions(&mut conn)
        .await?
        .iter()
        .map(|d| (d.id.clone(), d.name.clone()))
        .collect();
    let can_work = viewer.role.can_work();
    Ok(ActionLog {
        decisions: lines(&people, decisions),
        can_record: can_work && logs_decisions(&loaded.definition, &loaded.item),
        can_update: can_work,
        workflows,
        people: crate::service::present::person_tags(&people),
    })
}

/// Records a decision on a report at its action log; with `creates_in`, also creates the
/// item that carries it out, in the report's campaign, owned by the decision's owner.
pub async fn record(
    db: &Db,
    viewer: &CurrentUser,
    report: ItemId,
    input: &DecisionInput,
    now: DateTime<Utc>,
) -> AppResult<(DecisionLine, Option<Item>)> {
    let decision = input
        .checked()
        .map_err(|(field, message)| AppError::validation(field, message))?;
    let loaded = super::items::load(db, report).await?;
    if !logs_decisions(&loaded.definition, &loaded.item) {
        let at = loaded
            .definition
            .stages
            .last()
            .map_or("its last stage".to_owned(), |s| s.name.clone());
        return Err(AppError::validation(
            "decision",
            format!("Decisions are recorded on a report once it reaches {at}."),
        ));
    }
    let mut tx = db.write.begin().await?;
    let people = db.directory(&mut tx).await?;
    if let Some(owner) = input.owner {
        if !people.get(owner).is_some_and(|p| p.role.can_work()) {
            return Err(AppError::validation(
                "owner",
                "The owner must be someone on the team who can work on items.",
            ));
        }
    }
    let created = match &input.creates_in {
        None => None,
        Some(workflow) => {
            let owner = input.owner.unwrap_or(viewer.id);
            let new = NewItem {
                owner: Some(owner),
                assignees: vec![owner],
                due: input
                    .due_on
                    .map(|d| d.and_hms_opt(17, 0, 0).unwrap_or_default().and_utc()),
                campaign: loaded.item.campaign,
                ..NewItem::titled(&limits::shortened(&decision, limits::TITLE))
            };
            let made = super::items::create_within(
                db,
                &mut tx,
                viewer.id,
                Cause::Person,
                workflow,
                new,
                now,
            )
            .await?;
            Some(made.item)
        }
    };
    let id = db::decisions::insert(
        &mut tx,
        &NewDecision {
            report,
            campaign: loaded.item.campaign,
            decision: &decision,
            owner: input.owner,
            due_on: input.due_on,
            created_item: created.as_ref().map(|i| i.id),
            by: viewer.id,
        },
        now,
    )
    .await?;
    let stored = db::decisions::get(&mut tx, id)
        .await?
        .ok_or(AppError::Internal)?;
    tx.commit().await?;
    let line = lines(&people, vec![stored]).remove(0);
    Ok((line, created))
}

/// Changes where a decision stands.
pub async fn set_status(
    db: &Db,
    id: DecisionId,
    status: DecisionStatus,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let mut tx = db.write.begin().await?;
    if !db::decisions::set_status(&mut tx, id, status, now).await? {
        return Err(AppError::not_found(format!("Decision {id}")));
    }
    tx.commit().await?;
    Ok(())
}
