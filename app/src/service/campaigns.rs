//! Campaigns at work on stored data: the list with each one's status, one campaign with
//! its timeline, goals, budget and trail, and creating, editing and closing them. Dates of
//! items move through the calendar's own `SetSchedule` path ([`super::calendar::reschedule`]).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::auth::CurrentUser;
use crate::db::campaigns::Campaign;
use crate::db::{self, Conn, Db};
use crate::domain::automation::metric::MetricName;
use crate::domain::calendar::CampaignDates;
use crate::domain::campaign::{
    money_words, rolled_up, status_words, CampaignInput, CampaignPlan, Counts, Span, SPEND,
};
use crate::domain::{words, CampaignId, Channel, Item, PersonId};
use crate::error::{AppError, AppResult};
use crate::service::present::{zone_of, Presenter};
use crate::views::activity;
use crate::views::campaigns::*;

/// The most trail lines a campaign page shows.
const TRAIL: i64 = 60;

fn not_found(id: CampaignId) -> AppError {
    AppError::not_found(format!("Campaign {id}"))
}

/// "1 Dec – 20 Dec 2026", "from 1 Dec", "No dates yet".
fn dates_words(plan: &CampaignPlan) -> String {
    let day = |d: chrono::NaiveDate| d.format("%-d %b %Y").to_string();
    match (plan.starts_on, plan.ends_on) {
        (Some(a), Some(b)) => format!("{} – {}", a.format("%-d %b"), day(b)),
        (Some(a), None) => format!("From {}", day(a)),
        (None, Some(b)) => format!("Until {}", day(b)),
        (None, None) => "No dates yet".into(),
    }
}

/// The item as the campaign pages show it (its definition must have been learned).
fn timeline_item(p: &Presenter, item: &Item) -> Option<TimelineItem> {
    let def = p.definition(item)?;
    let card = p.card(item)?;
    let done = p.is_done(item);
    let placed = p.placed(item);
    let date = placed.map(|placed| placed.date);
    let late = !done && (card.overdue || date.is_some_and(|d| d < p.today));
    let blocked = if done {
        None
    } else {
        card.blocked.clone().or_else(|| {
            item.escalation
                .as_ref()
                .map(|_| "Escalated: it waited too long in its stage".to_owned())
        })
    };
    Some(TimelineItem {
        id: item.id,
        version: item.version,
        title: item.title.clone(),
        workflow: item.workflow_id.clone(),
        workflow_name: def.name.clone(),
        stage: def
            .stage(&item.stage)
            .map_or_else(|| item.stage.to_string(), |s| s.name.clone()),
        stage_index: def.stage_index(&item.stage).unwrap_or(0),
        channel: item.channel,
        start: item.created_at.with_timezone(&p.zone).date_naive(),
        date,
        time: placed.and_then(|placed| placed.time),
        done,
        late,
        overdue: !done && card.overdue,
        blocked,
        trending_late: card.trending_late,
        owner: card.owner,
        outcome: item.outcome.as_ref().map(|o| (o.words(), o.url.clone())),
    })
}

fn counts_of(items: &[TimelineItem]) -> Counts {
    let n = |f: &dyn Fn(&TimelineItem) -> bool| items.iter().filter(|i| f(i)).count() as u32;
    Counts {
        items: items.len() as u32,
        done: n(&|i| i.done),
        late: n(&|i| i.late),
        blocked: n(&|i| i.blocked.is_some()),
    }
}

fn summary(p: &Presenter, campaign: &Campaign, items: &[TimelineItem]) -> CampaignSummary {
    let counts = counts_of(items);
    let closed = campaign.closed_at.is_some();
    let mut channels: Vec<Channel> = items.iter().map(|i| i.channel).collect();
    channels.sort_by_key(|c| Channel::ALL.iter().position(|a| a == c));
    channels.dedup();
    CampaignSummary {
        id: campaign.id,
        name: campaign.plan.name.clone(),
        dates: dates_words(&campaign.plan),
        owner: campaign.plan.owner.and_then(|o| p.person_tag(o)),
        channels,
        budget: campaign.plan.budget.as_ref().map(money_words),
        counts,
        status: status_words(counts, closed),
        attention: !closed && (counts.late > 0 || counts.blocked > 0),
        closed,
    }
}

/// Reads a campaign's items with what presenting them needs.
async fn items_of(
    db: &Db,
    conn: &mut Conn,
    p: &mut Presenter,
    id: CampaignId,
) -> AppResult<(Vec<Item>, Vec<TimelineItem>)> {
    let items = db::items::list_for_campaign(conn, id).await?;
    p.learn(db, conn, &items).await?;
    p.learn_outlooks(db, conn, &items).await?;
    // Only items whose definition was learned are shown, and the two lists stay in step.
    let (items, shown) = items
        .into_iter()
        .filter_map(|i| timeline_item(p, &i).map(|line| (i, line)))
        .unzip();
    Ok((items, shown))
}

/// `/campaigns`: every campaign, open ones first, with its status in words.
pub async fn list(db: &Db, viewer: &CurrentUser, now: DateTime<Utc>) -> AppResult<CampaignList> {
    let mut conn = db.read.acquire().await?;
    let mut p = Presenter::load(db, &mut conn, viewer.id, zone_of(&viewer.time_zone), now).await?;
    let campaigns = db::campaigns::all(&mut conn).await?;
    let mut out = Vec::with_capacity(campaigns.len());
    for campaign in &campaigns {
        let (_, items) = items_of(db, &mut conn, &mut p, campaign.id).await?;
        out.push(summary(&p, campaign, &items));
    }
    Ok(CampaignList {
        campaigns: out,
        can_edit: viewer.role.can_manage(),
        people: p.person_tags(),
    })
}

/// The newest value of each metric in `readings` (which come newest first).
fn newest(readings: &[db::results::Reading]) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for r in readings {
        out.entry(r.metric.as_str().to_owned()).or_insert(r.value);
    }
    out
}

/// `/campaigns/<id>`: the timeline, the items by workflow and stage, goals against
/// results, the budget against spend and the trail.
pub async fn detail(
    db: &Db,
    viewer: &CurrentUser,
    id: CampaignId,
    now: DateTime<Utc>,
) -> AppResult<CampaignDetail> {
    let mut conn = db.read.acquire().await?;
    let campaign = db::campaigns::get(&mut conn, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    let mut p = Presenter::load(db, &mut conn, viewer.id, zone_of(&viewer.time_zone), now).await?;
    let (items, shown) = items_of(db, &mut conn, &mut p, id).await?;
    let plan = &campaign.plan;

    let mut lanes: Vec<Lane> = Vec::new();
    let mut undated = Vec::new();
    for item in &shown {
        if item.date.is_none() {
            undated.push(item.clone());
        } else if let Some(lane) = lanes.iter_mut().find(|l| l.channel == item.channel) {
            lane.items.push(item.clone());
        } else {
            lanes.push(Lane {
                channel: item.channel,
                items: vec![item.clone()],
            });
        }
    }
    lanes.sort_by_key(|l| Channel::ALL.iter().position(|c| *c == l.channel));
    for lane in &mut lanes {
        lane.items.sort_by_key(|i| (i.date, i.id));
    }
    let bars = shown
        .iter()
        .filter_map(|i| i.date.map(|d| (i.start.min(d), d)));
    let span = Span::covering(plan.starts_on, plan.ends_on, bars, p.today);

    let mut groups: Vec<WorkflowGroup> = Vec::new();
    for (item, line) in items.iter().zip(&shown) {
        let Some(def) = p.definition(item) else {
            continue;
        };
        debug_assert_eq!(item.id, line.id);
        let group = match groups.iter().position(|g| g.workflow == item.workflow_id) {
            Some(at) => &mut groups[at],
            None => {
                groups.push(WorkflowGroup {
                    workflow: item.workflow_id.clone(),
                    name: def.name.clone(),
                    stages: def
                        .stages
                        .iter()
                        .map(|s| (s.name.clone(), Vec::new()))
                        .collect(),
                });
                groups.last_mut().expect("just pushed")
            }
        };
        if let Some(stage) = group.stages.get_mut(line.stage_index) {
            stage.1.push(line.clone());
        }
    }
    for group in &mut groups {
        group.stages.retain(|(_, items)| !items.is_empty());
    }
    groups.sort_by(|a, b| a.name.cmp(&b.name));

    // Results: the campaign's own readings, and each item's newest per metric.
    let own = db::results::of_campaign(&mut conn, id).await?;
    let own_newest = newest(&own);
    let mut per_item: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for item in &items {
        for (metric, value) in newest(&db::results::of_item(&mut conn, item.id).await?) {
            per_item.entry(metric).or_default().push(value);
        }
    }
    let value_of = |metric: &MetricName| {
        rolled_up(
            metric,
            own_newest.get(metric.as_str()).copied(),
            per_item.get(metric.as_str()).map_or(&[][..], Vec::as_slice),
        )
    };
    let goals = plan
        .goals
        .iter()
        .map(|goal| {
            let name = goal.metric_name();
            let result = value_of(&name);
            GoalProgress {
                goal: goal.words(),
                result: result.map(|v| name.value_words(v)),
                met: result.map(|v| goal.met_by(v)),
            }
        })
        .collect();
    let spent = value_of(&MetricName::new(SPEND));
    let spend = spent.map(|v| match &plan.budget {
        Some(budget) => money_words(&crate::domain::Money {
            amount_minor: (v * 100.0).round() as i64,
            currency: budget.currency.clone(),
        }),
        None => crate::domain::automation::metric::number_words(v),
    });
    let budget_line = plan.budget.as_ref().map(|budget| match (spent, &spend) {
        (Some(v), Some(words)) if budget.amount_minor > 0 => {
            let share = v * 100.0 * 100.0 / budget.amount_minor as f64;
            let over = if share > 100.0 {
                " — over budget"
            } else {
                ""
            };
            format!(
                "{words} of {} spent ({share:.0} %){over}",
                money_words(budget)
            )
        }
        _ => format!("Budget {}; no spend recorded yet", money_words(budget)),
    });
    let name_of = |person: Option<i64>| {
        person
            .and_then(|id| p.people.get(PersonId(id)))
            .map_or_else(|| "Baton (automatic)".to_owned(), |x| x.name.clone())
    };
    let results = own
        .iter()
        .map(|r| CampaignResult {
            metric: r.metric.words(),
            value: r.metric.value_words(r.value),
            at: r.recorded_at,
            by: r
                .recorded_by
                .map_or_else(|| "A hook".to_owned(), |by| name_of(Some(by.0))),
        })
        .collect();

    // The trail: the campaign's own changes and its items' events, newest first.
    let people = p.person_tags();
    let by_id: BTreeMap<_, _> = items.iter().map(|i| (i.id, i)).collect();
    let mut trail: Vec<TrailLine> = db::campaigns::trail(&mut conn, id, TRAIL)
        .await?
        .into_iter()
        .map(|row| TrailLine {
            at: row.at,
            who: name_of(row.person_id),
            what: row.what,
            item: None,
        })
        .collect();
    for stored in db::events::of_campaign(&mut conn, id, TRAIL).await? {
        let Some(item) = by_id.get(&stored.item) else {
            continue;
        };
        let Some(def) = p.definition(item) else {
            continue;
        };
        trail.push(TrailLine {
            at: stored.event.at,
            who: activity::name_of(&people, stored.event.actor),
            what: activity::describe(&stored.event.kind, def, &people),
            item: Some((item.id, item.title.clone())),
        });
    }
    trail.sort_by_key(|line| std::cmp::Reverse(line.at));
    trail.truncate(TRAIL as usize);

    let decisions =
        super::decisions::lines(&p.people, db::decisions::of_campaign(&mut conn, id).await?);
    Ok(CampaignDetail {
        decisions,
        summary: summary(&p, &campaign, &shown),
        description: plan.description.clone(),
        starts_on: plan.starts_on,
        ends_on: plan.ends_on,
        span,
        today: p.today,
        lanes,
        undated,
        groups,
        goals,
        spend,
        budget_line,
        results,
        trail,
        form: CampaignForm {
            version: campaign.version,
            input: input_of(plan),
        },
        can_edit: viewer.role.can_manage(),
        can_work: viewer.role.can_work(),
        time_zone: p.zone.name().to_owned(),
        people,
    })
}

/// The form's input for a saved plan (what editing starts from).
pub fn input_of(plan: &CampaignPlan) -> CampaignInput {
    CampaignInput {
        name: plan.name.clone(),
        description: plan.description.clone(),
        starts_on: plan.starts_on,
        ends_on: plan.ends_on,
        owner: plan.owner,
        budget: plan
            .budget
            .as_ref()
            .map_or_else(String::new, ToString::to_string),
        goals: plan
            .goals
            .iter()
            .map(|g| g.line())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Checks input against the rules and the team: the plan to save.
async fn checked(
    db: &Db,
    conn: &mut Conn,
    input: &CampaignInput,
    before: Option<&Campaign>,
) -> AppResult<CampaignPlan> {
    let plan = input
        .checked()
        .map_err(|(field, message)| AppError::validation(field, message))?;
    // Only a new name is checked, so campaigns that shared a name before names had to
    // differ can still be edited.
    let renamed = before.is_none_or(|b| !b.plan.name.eq_ignore_ascii_case(&plan.name));
    let except = before.map(|b| b.id);
    if renamed && db::campaigns::name_taken(conn, &plan.name, except).await? {
        return Err(AppError::validation(
            "name",
            format!(
                "A campaign called “{}” already exists: pick another name.",
                plan.name
            ),
        ));
    }
    if let Some(owner) = plan.owner {
        let people = db.directory(conn).await?;
        if !people.get(owner).is_some_and(|p| p.role.can_work()) {
            return Err(AppError::validation(
                "owner",
                "The owner must be someone on the team who can work on items.",
            ));
        }
    }
    Ok(plan)
}

/// Creates a campaign (managers and admins).
pub async fn create(
    db: &Db,
    by: PersonId,
    input: &CampaignInput,
    now: DateTime<Utc>,
) -> AppResult<CampaignSaved> {
    let mut tx = db.write.begin().await?;
    let plan = checked(db, &mut tx, input, None).await?;
    let id = db::campaigns::create(&mut tx, &plan, now).await?;
    db::campaigns::log(&mut tx, id, Some(by), now, "created the campaign").await?;
    tx.commit().await?;
    db.team_changed();
    Ok(CampaignSaved {
        id,
        outside: Vec::new(),
    })
}

/// What changed between two plans, as trail lines.
fn changes(
    before: &CampaignPlan,
    after: &CampaignPlan,
    people: &crate::domain::People,
) -> Vec<String> {
    let mut lines = Vec::new();
    if before.name != after.name {
        lines.push(format!("renamed it to “{}”", after.name));
    }
    if (before.starts_on, before.ends_on) != (after.starts_on, after.ends_on) {
        lines.push(format!("set the dates to {}", dates_words(after)));
    }
    if before.owner != after.owner {
        lines.push(match after.owner.and_then(|o| people.get(o)) {
            Some(p) => format!("made {} the owner", p.name),
            None => "removed the owner".into(),
        });
    }
    if before.budget != after.budget {
        lines.push(match &after.budget {
            Some(b) => format!("set the budget to {}", money_words(b)),
            None => "removed the budget".into(),
        });
    }
    if before.goals != after.goals {
        lines.push(if after.goals.is_empty() {
            "removed the goals".into()
        } else {
            let goals: Vec<String> = after.goals.iter().map(|g| g.words()).collect();
            format!("set the goals: {}", goals.join("; "))
        });
    }
    if before.description != after.description {
        lines.push("changed the description".into());
    }
    lines
}

/// Changes a campaign last seen at `version` (managers and admins). When its dates
/// change, says which scheduled items now fall outside them.
pub async fn update(
    db: &Db,
    viewer: &CurrentUser,
    id: CampaignId,
    version: u32,
    input: &CampaignInput,
    now: DateTime<Utc>,
) -> AppResult<CampaignSaved> {
    let mut tx = db.write.begin().await?;
    let before = db::campaigns::get(&mut tx, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    let plan = checked(db, &mut tx, input, Some(&before)).await?;
    if !db::campaigns::update(&mut tx, id, version, &plan).await? {
        return Err(changed_meanwhile());
    }
    let people = db.directory(&mut tx).await?;
    for line in changes(&before.plan, &plan, &people) {
        db::campaigns::log(&mut tx, id, Some(viewer.id), now, &line).await?;
    }
    // What now falls outside is worked out before the commit, so the answer can't fail
    // after the change is saved.
    let moved = (before.plan.starts_on, before.plan.ends_on) != (plan.starts_on, plan.ends_on);
    let outside = if moved {
        outside_dates(db, &mut tx, viewer, id, &plan, now).await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    db.team_changed();
    Ok(CampaignSaved { id, outside })
}

fn changed_meanwhile() -> AppError {
    AppError::Conflict {
        message: "This campaign was changed by someone else since you opened it — reload to see their changes, then try again.".into(),
    }
}

/// The campaign's scheduled items that fall outside its dates, in words.
async fn outside_dates(
    db: &Db,
    conn: &mut Conn,
    viewer: &CurrentUser,
    id: CampaignId,
    plan: &CampaignPlan,
    now: DateTime<Utc>,
) -> AppResult<Vec<String>> {
    let p = Presenter::load(db, conn, viewer.id, zone_of(&viewer.time_zone), now).await?;
    let dates = CampaignDates {
        starts_on: plan.starts_on,
        ends_on: plan.ends_on,
    };
    let items = db::items::list_for_campaign(conn, id).await?;
    Ok(items
        .iter()
        .filter_map(|item| {
            let date = p.placed(item)?.date;
            let why = dates.outside(date, p.today)?;
            Some(format!(
                "“{}” ({}): {why}",
                item.title,
                words::day_near(date, p.today)
            ))
        })
        .collect())
}

/// Closes a campaign (managers and admins). With open items it asks first: unless
/// `confirm`, the answer is a refusal saying how many are open.
pub async fn close(
    db: &Db,
    viewer: &CurrentUser,
    id: CampaignId,
    version: u32,
    confirm: bool,
    now: DateTime<Utc>,
) -> AppResult<CampaignSaved> {
    let mut conn = db.read.acquire().await?;
    let mut p = Presenter::load(db, &mut conn, viewer.id, zone_of(&viewer.time_zone), now).await?;
    let (_, items) = items_of(db, &mut conn, &mut p, id).await?;
    drop(conn);
    let open = counts_of(&items).open();
    if open > 0 && !confirm {
        let message = if open == 1 {
            "1 item is still open. Close the campaign anyway? It stays as it is, on its board."
                .to_owned()
        } else {
            format!("{open} items are still open. Close the campaign anyway? They stay as they are, on their boards.")
        };
        return Err(AppError::validation("confirm", message));
    }
    let mut tx = db.write.begin().await?;
    let campaign = db::campaigns::get(&mut tx, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    if campaign.closed_at.is_some() {
        return Err(AppError::validation(
            "closed",
            "This campaign is already closed.",
        ));
    }
    if !db::campaigns::set_closed(&mut tx, id, version, Some(now)).await? {
        return Err(changed_meanwhile());
    }
    let line = match open {
        0 => "closed the campaign".to_owned(),
        1 => "closed the campaign with 1 item still open".to_owned(),
        n => format!("closed the campaign with {n} items still open"),
    };
    db::campaigns::log(&mut tx, id, Some(viewer.id), now, &line).await?;
    tx.commit().await?;
    db.team_changed();
    Ok(CampaignSaved {
        id,
        outside: Vec::new(),
    })
}

/// Opens a closed campaign again (managers and admins).
pub async fn reopen(
    db: &Db,
    by: PersonId,
    id: CampaignId,
    version: u32,
    now: DateTime<Utc>,
) -> AppResult<CampaignSaved> {
    let mut tx = db.write.begin().await?;
    let campaign = db::campaigns::get(&mut tx, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    if campaign.closed_at.is_none() {
        return Err(AppError::validation(
            "closed",
            "This campaign is open already.",
        ));
    }
    if !db::campaigns::set_closed(&mut tx, id, version, None).await? {
        return Err(changed_meanwhile());
    }
    db::campaigns::log(&mut tx, id, Some(by), now, "reopened the campaign").await?;
    tx.commit().await?;
    db.team_changed();
    Ok(CampaignSaved {
        id,
        outside: Vec::new(),
    })
}

#[cfg(test)]
#[path = "campaign_tests.rs"]
mod tests;
