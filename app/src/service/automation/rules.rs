//! Rules as people manage them: listed in words, saved only when valid (versioned, with a
//! conflict when two people save from the same version), switched on and off, archived,
//! previewed against the last 30 days, tried on one item — and the suggested rules the
//! built-in workflows ship with, installed switched off.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};

use super::context::{facts, Subject, Workspace};
use super::worker::{detail_of, summary_of};
use crate::db::{self, automation::StoredRule, automation::StoredRun, Db};
use crate::domain::automation::{
    builtin_rules, describe, evaluate, validate, Rule, RuleId, Scope, Signal, Skip, Trigger,
};
use crate::domain::{limits, ItemId, PersonId, Role};
use crate::error::{AppError, AppResult};
use crate::service::present::person_tag;
use crate::views::automation::{
    AutomationPage, PreviewView, RuleContext, RuleDetail, RuleSummary, RunDetail, RunView,
};

/// How far back a preview replays stored events.
pub const PREVIEW_DAYS: i64 = 30;

/// Stored events a preview replays at most (the newest).
const PREVIEW_EVENTS: i64 = 5_000;

fn summary(
    stored: &StoredRule,
    workspace: &Workspace,
    tallies: &BTreeMap<RuleId, (i64, Option<DateTime<Utc>>)>,
) -> RuleSummary {
    let rule = &stored.rule;
    let catalog = workspace.catalog();
    let (runs, last_run) = tallies.get(&rule.id).copied().unwrap_or((0, None));
    RuleSummary {
        id: rule.id,
        name: rule.name.clone(),
        sentence: describe(rule, catalog),
        scope: match &rule.scope {
            Scope::Workspace => "Every workflow".to_owned(),
            Scope::Workflow(id) => catalog.workflow_name(id),
        },
        enabled: rule.enabled,
        paused_reason: stored.paused_reason.clone(),
        owner: person_tag(&workspace.people, rule.owner),
        last_run,
        runs_this_week: u32::try_from(runs).unwrap_or(u32::MAX),
        builtin: stored.builtin_key.is_some(),
    }
}

async fn tallies(
    conn: &mut db::Conn,
    now: DateTime<Utc>,
) -> AppResult<BTreeMap<RuleId, (i64, Option<DateTime<Utc>>)>> {
    Ok(db::automation::run_tallies(conn, now - TimeDelta::days(7))
        .await?
        .into_iter()
        .map(|(rule, n, last)| (rule, (n, last)))
        .collect())
}

/// Run records as the log shows them.
async fn run_views(
    conn: &mut db::Conn,
    runs: Vec<StoredRun>,
    names: &BTreeMap<RuleId, String>,
) -> AppResult<Vec<RunView>> {
    let mut titles: BTreeMap<ItemId, String> = BTreeMap::new();
    let mut views = Vec::with_capacity(runs.len());
    for run in runs {
        let item = match run.item {
            Some(id) => {
                if let std::collections::btree_map::Entry::Vacant(slot) = titles.entry(id) {
                    let title = db::items::load(conn, id)
                        .await?
                        .map_or_else(|| format!("Item {id}"), |i| i.title);
                    slot.insert(title);
                }
                Some((id, titles[&id].clone()))
            }
            None => None,
        };
        views.push(RunView {
            id: run.id,
            rule: run.rule,
            rule_name: names
                .get(&run.rule)
                .cloned()
                .unwrap_or_else(|| format!("Rule {}", run.rule)),
            at: run.at,
            outcome: run.outcome,
            summary: run.summary,
            item,
            depth: run.depth,
            detail: serde_json::from_str::<RunDetail>(&run.detail).unwrap_or_default(),
        });
    }
    Ok(views)
}

/// The rule list, with the newest runs across rules (of one outcome, if asked).
pub async fn page(
    db: &Db,
    role: Role,
    outcome: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<AutomationPage> {
    let mut conn = db.read.acquire().await?;
    let workspace = Workspace::load(db, &mut conn).await?;
    let stored = db::automation::rules(&mut conn).await?;
    let tallies = tallies(&mut conn, now).await?;
    let mut rules: Vec<RuleSummary> = stored
        .iter()
        .map(|s| summary(s, &workspace, &tallies))
        .collect();
    rules.sort_by_key(|r| !r.enabled);
    let names = stored
        .iter()
        .map(|s| (s.rule.id, s.rule.name.clone()))
        .collect();
    let runs = db::automation::runs(&mut conn, None, outcome, 50).await?;
    let recent = run_views(&mut conn, runs, &names).await?;
    let waiting = db::automation::waiting_count(&mut conn).await?;
    Ok(AutomationPage {
        rules,
        can_edit: can_edit(role),
        recent,
        waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
    })
}

fn can_edit(role: Role) -> bool {
    matches!(role, Role::Manager | Role::Admin)
}

/// What the rule editor works with.
pub async fn context(db: &Db, now: DateTime<Utc>) -> AppResult<RuleContext> {
    let mut conn = db.read.acquire().await?;
    let workspace = Workspace::load(db, &mut conn).await?;
    Ok(RuleContext {
        today: workspace.today(now),
        workflows: workspace.workflows,
        people: workspace.people,
        campaigns: workspace.campaigns,
        endpoints: workspace.endpoints,
    })
}

/// One rule with its runs (of one outcome, if asked).
pub async fn detail(
    db: &Db,
    role: Role,
    id: RuleId,
    outcome: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<RuleDetail> {
    let mut conn = db.read.acquire().await?;
    let stored = db::automation::rule(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Rule {id}")))?;
    let workspace = Workspace::load(db, &mut conn).await?;
    let tallies = tallies(&mut conn, now).await?;
    let names = [(id, stored.rule.name.clone())].into();
    let runs = db::automation::runs(&mut conn, Some(id), outcome, 100).await?;
    let runs = run_views(&mut conn, runs, &names).await?;
    Ok(RuleDetail {
        summary: summary(&stored, &workspace, &tallies),
        rule: stored.rule,
        context: RuleContext {
            today: workspace.today(now),
            workflows: workspace.workflows,
            people: workspace.people,
            campaigns: workspace.campaigns,
            endpoints: workspace.endpoints,
        },
        runs,
        can_edit: can_edit(role),
    })
}

/// Every problem of a rule, as one refusal (nothing is saved when there is one).
fn checked(rule: &Rule, workspace: &Workspace) -> AppResult<()> {
    if let Err(message) = limits::check("The rule's name", rule.name.trim(), limits::NAME) {
        return Err(AppError::validation("name", message));
    }
    if rule.name.trim().is_empty() {
        return Err(AppError::validation("name", "Give the rule a name."));
    }
    let mut problems = validate(rule, workspace.catalog());
    for (path, template) in rule.actions.iter().enumerate().flat_map(|(i, a)| {
        a.templates()
            .into_iter()
            .map(move |(field, text)| (format!("actions.{i}.{field}"), text))
    }) {
        if let Err(message) = limits::check("The text", template, limits::COMMENT) {
            problems.push(crate::domain::automation::RuleProblem { path, message });
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let first = &problems[0];
    Err(AppError::Validation {
        field: first.path.clone(),
        message: problems
            .iter()
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
            .join(" "),
    })
}

/// Saves a rule: a new one (id 0) as version 1, a changed one as its next version if it is
/// still at the version the editor started from. Returns the saved rule.
pub async fn save(db: &Db, actor: PersonId, rule: Rule, now: DateTime<Utc>) -> AppResult<Rule> {
    let mut tx = db.write.begin().await?;
    let workspace = Workspace::load(db, &mut tx).await?;
    let mut rule = Rule {
        name: rule.name.trim().to_owned(),
        ..rule
    };
    checked(&rule, &workspace)?;
    if rule.id.0 == 0 {
        rule.id = db::automation::insert_rule(&mut tx, &rule, None, Some(actor), now).await?;
        rule.version = 1;
    } else {
        if db::automation::rule(&mut tx, rule.id).await?.is_none() {
            return Err(AppError::not_found(format!("Rule {}", rule.id)));
        }
        let expected = rule.version;
        if !db::automation::update_rule(&mut tx, &rule, expected, Some(actor), now).await? {
            return Err(AppError::Conflict {
                message: "This rule was changed by someone else since you opened it — reload to see their changes, then make yours again.".into(),
            });
        }
        rule.version = expected + 1;
    }
    tx.commit().await?;
    Ok(rule)
}

/// Switches a rule on or off (the version the person saw, to catch a race).
pub async fn switch(
    db: &Db,
    actor: PersonId,
    id: RuleId,
    version: u32,
    on: bool,
    now: DateTime<Utc>,
) -> AppResult<Rule> {
    let mut tx = db.write.begin().await?;
    let stored = db::automation::rule(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Rule {id}")))?;
    let workspace = Workspace::load(db, &mut tx).await?;
    let rule = Rule {
        enabled: on,
        version,
        ..stored.rule
    };
    if on {
        checked(&rule, &workspace)?;
    }
    if !db::automation::update_rule(&mut tx, &rule, version, Some(actor), now).await? {
        return Err(AppError::Conflict {
            message: "This rule was changed by someone else since you opened it — reload, then try again.".into(),
        });
    }
    tx.commit().await?;
    Ok(Rule {
        version: version + 1,
        ..rule
    })
}

/// Archives a rule: it stops and leaves the list; its runs stay in the log.
pub async fn archive(db: &Db, id: RuleId, now: DateTime<Utc>) -> AppResult<()> {
    let mut tx = db.write.begin().await?;
    if !db::automation::archive_rule(&mut tx, id, now).await? {
        return Err(AppError::not_found(format!("Rule {id}")));
    }
    tx.commit().await?;
    Ok(())
}

/// The rule runs about one item, newest first (skipped ones aside).
pub async fn item_runs(db: &Db, item: ItemId) -> AppResult<Vec<RunView>> {
    let mut conn = db.read.acquire().await?;
    let names = db::automation::rules(&mut conn)
        .await?
        .into_iter()
        .map(|s| (s.rule.id, s.rule.name))
        .collect();
    let runs = db::automation::runs_for_item(&mut conn, item).await?;
    run_views(&mut conn, runs, &names).await
}

/// The workspace's time zone.
pub async fn workspace_zone(db: &Db) -> AppResult<String> {
    let mut conn = db.read.acquire().await?;
    Ok(db::workspace::time_zone(&mut conn).await?)
}

/// Changes the workspace's time zone; schedules read their times in it from now on.
pub async fn save_workspace_zone(db: &Db, zone: &str) -> AppResult<String> {
    let zone = zone.trim();
    if zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(AppError::validation(
            "zone",
            format!(
                "'{}' is not a time zone Baton knows; pick one from the list, e.g. Europe/Berlin.",
                limits::shortened(zone, 60)
            ),
        ));
    }
    let mut conn = db.write.acquire().await?;
    db::workspace::set_time_zone(&mut conn, zone).await?;
    Ok(zone.to_owned())
}

/// Installs the rules the built-in workflows ship with, switched off and owned by the
/// workspace's first admin; each once, ever (one archived stays archived). Does nothing
/// while there is no admin yet.
pub async fn install_builtins(db: &Db, now: DateTime<Utc>) -> AppResult<usize> {
    let mut tx = db.write.begin().await?;
    let people = db::people::directory(&mut tx).await?;
    let Some(admin) = people
        .persons
        .iter()
        .filter(|p| p.role == Role::Admin)
        .min_by_key(|p| p.id)
    else {
        return Ok(0);
    };
    let installed = db::automation::builtin_keys(&mut tx).await?;
    let mut added = 0;
    for rule in builtin_rules(admin.id) {
        let key = rule.name.clone();
        if installed.contains(&key) {
            continue;
        }
        db::automation::insert_rule(&mut tx, &rule, Some(&key), None, now).await?;
        added += 1;
    }
    tx.commit().await?;
    Ok(added)
}

/// What `rule` (saved or as edited, not yet saved) would have done over the last 30 days:
/// every stored change replayed through it, against the items as they are now (the trail
/// keeps what changed, not every item's whole past). Nothing is applied.
pub async fn preview(db: &Db, rule: &Rule, now: DateTime<Utc>) -> AppResult<PreviewView> {
    let mut conn = db.read.acquire().await?;
    let workspace = Workspace::load(db, &mut conn).await?;
    checked(rule, &workspace)?;
    let rule = Rule {
        enabled: true,
        ..rule.clone()
    };
    let since = now - TimeDelta::days(PREVIEW_DAYS);
    let events = db::events::since(&mut conn, since, PREVIEW_EVENTS).await?;
    let considered = events.len();
    let open_items = db::automation::open_items_per_person(&mut conn).await?;
    let round_robin = db::automation::round_robin(&mut conn).await?;
    let mut subjects: BTreeMap<ItemId, Option<Subject>> = BTreeMap::new();
    let mut runs = Vec::new();
    let mut not_met = 0;
    let names = [(rule.id, rule.name.clone())].into();
    let mut stored_runs = Vec::new();
    for stored in events.into_iter().rev() {
        if let std::collections::btree_map::Entry::Vacant(slot) = subjects.entry(stored.item) {
            slot.insert(Subject::load(db, &mut conn, stored.item).await?);
        }
        let Some(subject) = subjects[&stored.item].as_ref() else {
            continue;
        };
        let signal = Signal::from_event(stored.id, &subject.item, stored.event, None);
        let f = facts(&workspace, Some(subject), &open_items, &round_robin, now);
        let eval = evaluate(&rule, &signal, &f);
        match &eval.skipped {
            None => stored_runs.push(StoredRun {
                id: stored.id,
                rule: rule.id,
                rule_version: rule.version,
                item: Some(subject.item.id),
                depth: 0,
                outcome: format!("{:?}", eval.outcome()).to_lowercase(),
                summary: summary_of(&eval),
                detail: serde_json::to_string(&detail_of(&eval)).unwrap_or_default(),
                at: signal.at,
            }),
            Some(Skip::ConditionsNotMet) => not_met += 1,
            Some(_) => {}
        }
    }
    runs.extend(run_views(&mut conn, stored_runs, &names).await?);
    let kind = match &rule.trigger {
        Trigger::Schedule { .. } | Trigger::MetricCrossed(_) => " (this rule waits for a schedule or a result, which stored changes do not replay; try it on one item instead)",
        Trigger::DueWithin { .. } | Trigger::OverdueBy { .. } | Trigger::AfterPublish { .. } => " (this rule waits for a date, which stored changes do not replay; try it on one item instead)",
        _ => "",
    };
    Ok(PreviewView {
        considered: format!(
            "{} changes of the last {PREVIEW_DAYS} days, replayed against the items as they are now{kind}",
            limits::grouped(considered)
        ),
        runs,
        not_met,
    })
}

/// What `rule` would do for `item` now, as if its trigger had just happened to it: the
/// conditions with their results and each action's outcome. Nothing is applied.
pub async fn try_on_item(
    db: &Db,
    rule: &Rule,
    item: ItemId,
    now: DateTime<Utc>,
) -> AppResult<RunView> {
    let mut conn = db.read.acquire().await?;
    let workspace = Workspace::load(db, &mut conn).await?;
    checked(rule, &workspace)?;
    let subject = Subject::load(db, &mut conn, item)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Item {item}")))?;
    let open_items = db::automation::open_items_per_person(&mut conn).await?;
    let round_robin = db::automation::round_robin(&mut conn).await?;
    let f = facts(&workspace, Some(&subject), &open_items, &round_robin, now);
    let rule = Rule {
        enabled: true,
        ..rule.clone()
    };
    let signal = super::test_signal::as_if_triggered(rule.id, &rule.trigger, &subject.item, now)
        .ok_or_else(|| {
            AppError::validation(
                "item",
                "This rule's trigger cannot be tried on an item (it is about a campaign's results).",
            )
        })?;
    let eval = evaluate(&rule, &signal, &f);
    if matches!(eval.skipped, Some(Skip::OutOfScope)) {
        return Err(AppError::validation(
            "item",
            format!(
                "{} is not in the rule's workflow.",
                limits::shortened(&subject.item.title, 80)
            ),
        ));
    }
    let names = [(rule.id, rule.name.clone())].into();
    let run = StoredRun {
        id: 0,
        rule: rule.id,
        rule_version: rule.version,
        item: Some(item),
        depth: 0,
        outcome: format!("{:?}", eval.outcome()).to_lowercase(),
        summary: summary_of(&eval),
        detail: serde_json::to_string(&detail_of(&eval)).unwrap_or_default(),
        at: now,
    };
    run_views(&mut conn, vec![run], &names)
        .await?
        .pop()
        .ok_or(AppError::Internal)
}
