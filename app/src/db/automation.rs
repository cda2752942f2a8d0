//! Automation's storage: rules and their versions, the durable signal queue, the run log
//! and round-robin turns.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::codec::{json_text, text_json};
use super::Conn;
use crate::domain::automation::{Rule, RuleId, RunKey, Signal};
use crate::domain::{ItemId, PersonId, WorkflowId};

/// A rule as stored, with what lists show beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRule {
    /// The rule (its `id`, `enabled` and `version` are the stored ones).
    pub rule: Rule,
    /// Why it paused itself, if it did.
    pub paused_reason: Option<String>,
    /// When it was last switched on.
    pub enabled_at: Option<DateTime<Utc>>,
    /// The last schedule slot that ran.
    pub last_slot: Option<NaiveDateTime>,
    /// The built-in rule it is, if any.
    pub builtin_key: Option<String>,
}

#[derive(sqlx::FromRow)]
struct RuleRow {
    id: i64,
    enabled: bool,
    version: i64,
    definition: String,
    paused_reason: Option<String>,
    enabled_at: Option<DateTime<Utc>>,
    last_slot: Option<NaiveDateTime>,
    builtin_key: Option<String>,
}

impl RuleRow {
    fn into_stored(self) -> Result<StoredRule, sqlx::Error> {
        let mut rule: Rule = text_json(&self.definition)?;
        rule.id = RuleId(self.id);
        rule.enabled = self.enabled;
        rule.version = u32::try_from(self.version).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        Ok(StoredRule {
            rule,
            paused_reason: self.paused_reason,
            enabled_at: self.enabled_at,
            last_slot: self.last_slot,
            builtin_key: self.builtin_key,
        })
    }
}

const RULE_COLUMNS: &str =
    "id, enabled, version, definition, paused_reason, enabled_at, last_slot, builtin_key";

/// Every rule that is not archived, oldest first.
pub async fn rules(conn: &mut Conn) -> Result<Vec<StoredRule>, sqlx::Error> {
    let rows: Vec<RuleRow> = sqlx::query_as(&format!(
        "SELECT {RULE_COLUMNS} FROM automation_rules WHERE archived_at IS NULL ORDER BY id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(RuleRow::into_stored).collect()
}

/// One rule, archived or not.
pub async fn rule(conn: &mut Conn, id: RuleId) -> Result<Option<StoredRule>, sqlx::Error> {
    let row: Option<RuleRow> = sqlx::query_as(&format!(
        "SELECT {RULE_COLUMNS} FROM automation_rules WHERE id = $1 AND archived_at IS NULL"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(RuleRow::into_stored).transpose()
}

/// Stores a new rule (version 1) and returns its id.
pub async fn insert_rule(
    conn: &mut Conn,
    rule: &Rule,
    builtin_key: Option<&str>,
    by: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<RuleId, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO automation_rules (name, workflow_id, owner_id, enabled, version, definition, \
         enabled_at, builtin_key, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(&rule.name)
    .bind(rule.scope.workflow().map(|w| w.as_str().to_owned()))
    .bind(rule.owner.0)
    .bind(rule.enabled)
    .bind(json_text(rule)?)
    .bind(rule.enabled.then_some(now))
    .bind(builtin_key)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let stored = Rule {
        id: RuleId(id),
        version: 1,
        ..rule.clone()
    };
    add_version(conn, &stored, by, now).await?;
    Ok(RuleId(id))
}

async fn add_version(
    conn: &mut Conn,
    rule: &Rule,
    by: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO automation_rule_versions (rule_id, version, definition, saved_by, saved_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(rule.id.0)
    .bind(i64::from(rule.version))
    .bind(json_text(rule)?)
    .bind(by.map(|p| p.0))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Saves `rule` as the next version if it is still at `expected` version; false when
/// someone else saved first. Switching it on clears a pause and restarts its clocks.
pub async fn update_rule(
    conn: &mut Conn,
    rule: &Rule,
    expected: u32,
    by: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let next = Rule {
        version: expected + 1,
        ..rule.clone()
    };
    let done = sqlx::query(
        "UPDATE automation_rules SET name = $1, workflow_id = $2, owner_id = $3, enabled = $4, \
         version = $5, definition = $6, updated_at = $7, \
         paused_reason = CASE WHEN $4 THEN NULL ELSE paused_reason END, \
         enabled_at = CASE WHEN $4 AND NOT enabled THEN $7 ELSE enabled_at END \
         WHERE id = $8 AND version = $9 AND archived_at IS NULL",
    )
    .bind(&next.name)
    .bind(next.scope.workflow().map(|w| w.as_str().to_owned()))
    .bind(next.owner.0)
    .bind(next.enabled)
    .bind(i64::from(next.version))
    .bind(json_text(&next)?)
    .bind(now)
    .bind(rule.id.0)
    .bind(i64::from(expected))
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    add_version(conn, &next, by, now).await?;
    Ok(true)
}

/// Pauses a rule by itself (a flood, failures in a row), saying why.
pub async fn pause_rule(
    conn: &mut Conn,
    id: RuleId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let definition: Option<String> =
        sqlx::query_scalar("SELECT definition FROM automation_rules WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(definition) = definition else {
        return Ok(());
    };
    let mut rule: Rule = text_json(&definition)?;
    rule.enabled = false;
    sqlx::query(
        "UPDATE automation_rules SET enabled = FALSE, paused_reason = $1, definition = $2, \
         updated_at = $3 WHERE id = $4",
    )
    .bind(reason)
    .bind(json_text(&rule)?)
    .bind(now)
    .bind(id.0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Archives a rule: it stops, its runs stay.
pub async fn archive_rule(
    conn: &mut Conn,
    id: RuleId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE automation_rules SET archived_at = $1, enabled = FALSE WHERE id = $2 AND archived_at IS NULL",
    )
    .bind(now)
    .bind(id.0)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Notes the schedule slot that was queued.
pub async fn set_last_slot(
    conn: &mut Conn,
    id: RuleId,
    slot: NaiveDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE automation_rules SET last_slot = $1 WHERE id = $2")
        .bind(slot)
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The keys of the built-in rules already installed (archived ones too: never twice).
pub async fn builtin_keys(conn: &mut Conn) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT builtin_key FROM automation_rules WHERE builtin_key IS NOT NULL ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await
}

/// Queues a signal, unless one with the same key was queued before; true when queued.
pub async fn enqueue(
    conn: &mut Conn,
    signal: &Signal,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO automation_signals (signal_key, payload, queued_at) VALUES ($1, $2, $3) \
         ON CONFLICT (signal_key) DO NOTHING",
    )
    .bind(signal.id.key())
    .bind(json_text(signal)?)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A queued signal.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    /// Its place in the queue.
    pub id: i64,
    /// The signal.
    pub signal: Signal,
}

/// The oldest signals not processed yet, at most `limit`.
pub async fn waiting(conn: &mut Conn, limit: i64) -> Result<Vec<Queued>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, payload FROM automation_signals WHERE processed_at IS NULL ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, payload)| {
            Ok(Queued {
                id,
                signal: text_json(&payload)?,
            })
        })
        .collect()
}

/// How many signals wait.
pub async fn waiting_count(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM automation_signals WHERE processed_at IS NULL")
        .fetch_one(&mut *conn)
        .await
}

/// Marks a signal done.
pub async fn processed(conn: &mut Conn, id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE automation_signals SET processed_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Forgets signals processed before `before` (their runs stay in the log).
pub async fn prune(conn: &mut Conn, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM automation_signals WHERE processed_at IS NOT NULL AND processed_at < $1",
    )
    .bind(before)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// A run as the log keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRun {
    /// Its id.
    pub id: i64,
    /// The rule.
    pub rule: RuleId,
    /// The rule's version that ran.
    pub rule_version: u32,
    /// The item it was about, if any.
    pub item: Option<ItemId>,
    /// How deep in a chain of automation.
    pub depth: u32,
    /// done, refused, failed or skipped.
    pub outcome: String,
    /// One line: what happened.
    pub summary: String,
    /// The evaluation as JSON (trigger, conditions, steps).
    pub detail: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Records a run unless this rule already ran for this signal; true when recorded (the
/// caller goes on to apply it), false when it had run (the caller does nothing).
#[allow(clippy::too_many_arguments)]
pub async fn record_run(
    conn: &mut Conn,
    key: &RunKey,
    rule_version: u32,
    item: Option<ItemId>,
    depth: u32,
    outcome: &str,
    summary: &str,
    detail: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO automation_runs (rule_id, signal_key, rule_version, item_id, depth, outcome, summary, detail, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (rule_id, signal_key) DO NOTHING",
    )
    .bind(key.rule.0)
    .bind(key.signal.key())
    .bind(i64::from(rule_version))
    .bind(item.map(|i| i.0))
    .bind(i64::from(depth))
    .bind(outcome)
    .bind(summary)
    .bind(detail)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

type RunRow = (
    i64,
    i64,
    i64,
    Option<i64>,
    i64,
    String,
    String,
    String,
    DateTime<Utc>,
);

fn run_of(row: RunRow) -> StoredRun {
    let (id, rule, version, item, depth, outcome, summary, detail, at) = row;
    StoredRun {
        id,
        rule: RuleId(rule),
        rule_version: u32::try_from(version).unwrap_or(0),
        item: item.map(ItemId),
        depth: u32::try_from(depth).unwrap_or(0),
        outcome,
        summary,
        detail,
        at,
    }
}

/// The newest runs, of one rule or of all, of one outcome or any, at most `limit`.
pub async fn runs(
    conn: &mut Conn,
    rule: Option<RuleId>,
    outcome: Option<&str>,
    limit: i64,
) -> Result<Vec<StoredRun>, sqlx::Error> {
    let rows: Vec<RunRow> = sqlx::query_as(
        "SELECT id, rule_id, rule_version, item_id, depth, outcome, summary, detail, at \
         FROM automation_runs WHERE ($1 IS NULL OR rule_id = $1) AND ($2 IS NULL OR outcome = $2) \
         ORDER BY id DESC LIMIT $3",
    )
    .bind(rule.map(|r| r.0))
    .bind(outcome)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(run_of).collect())
}

/// The runs about one item, newest first.
pub async fn runs_for_item(conn: &mut Conn, item: ItemId) -> Result<Vec<StoredRun>, sqlx::Error> {
    let rows: Vec<RunRow> = sqlx::query_as(
        "SELECT id, rule_id, rule_version, item_id, depth, outcome, summary, detail, at \
         FROM automation_runs WHERE item_id = $1 AND outcome <> 'skipped' ORDER BY id DESC LIMIT 100",
    )
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(run_of).collect())
}

/// Per rule: runs since `since` (skipped ones not counted) and the time of the newest run.
pub async fn run_tallies(
    conn: &mut Conn,
    since: DateTime<Utc>,
) -> Result<Vec<(RuleId, i64, Option<DateTime<Utc>>)>, sqlx::Error> {
    let rows: Vec<(i64, i64, Option<DateTime<Utc>>)> = sqlx::query_as(
        "SELECT rule_id, SUM(CASE WHEN at >= $1 AND outcome <> 'skipped' THEN 1 ELSE 0 END), \
         MAX(CASE WHEN outcome <> 'skipped' THEN at END) FROM automation_runs GROUP BY rule_id",
    )
    .bind(since)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(rule, n, last)| (RuleId(rule), n, last))
        .collect())
}

/// A rule's recent run times (skipped ones not counted) and its outcomes, newest first,
/// for its health: how often it ran in the last minute, how many failed in a row.
pub async fn recent_outcomes(
    conn: &mut Conn,
    rule: RuleId,
    limit: i64,
) -> Result<Vec<(DateTime<Utc>, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT at, outcome FROM automation_runs WHERE rule_id = $1 AND outcome <> 'skipped' \
         ORDER BY id DESC LIMIT $2",
    )
    .bind(rule.0)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
}

/// For the benchmark: milliseconds from each event to the run it set off (runs of item
/// events only), in no order.
pub async fn run_latencies(conn: &mut Conn) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(DateTime<Utc>, DateTime<Utc>)> = sqlx::query_as(
        "SELECT e.at, r.at FROM automation_runs r JOIN item_events e \
         ON r.signal_key = 'event:' || e.id WHERE r.outcome <> 'skipped'",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(event, run)| (run - event).num_milliseconds())
        .collect())
}

/// Round-robin turns: per team key, who was assigned last.
pub async fn round_robin(
    conn: &mut Conn,
) -> Result<std::collections::BTreeMap<String, PersonId>, sqlx::Error> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT team_key, last_person FROM automation_round_robin")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|(k, p)| (k, PersonId(p))).collect())
}

/// Remembers whose turn it was in a team.
pub async fn set_round_robin(
    conn: &mut Conn,
    team_key: &str,
    person: PersonId,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO automation_round_robin (team_key, last_person) VALUES ($1, $2) \
         ON CONFLICT (team_key) DO UPDATE SET last_person = excluded.last_person",
    )
    .bind(team_key)
    .bind(person.0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Open (active, not in the last stage) items per assignee, for "whoever has the fewest".
pub async fn open_items_per_person(
    conn: &mut Conn,
) -> Result<std::collections::BTreeMap<PersonId, u32>, sqlx::Error> {
    // The last stage of each workflow version is in its JSON; counting all active items
    // assigned is what "fewest open items" means on a board anyway (done items leave it).
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT a.person_id, COUNT(*) FROM item_assignees a JOIN items i ON i.id = a.item_id \
         WHERE i.archived_at IS NULL GROUP BY a.person_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(p, n)| (PersonId(p), u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}

/// Items a scheduled rule works through: active items of a workflow (or every workflow),
/// oldest first.
pub async fn active_items(
    conn: &mut Conn,
    workflow: Option<&WorkflowId>,
    limit: i64,
) -> Result<Vec<ItemId>, sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM items WHERE archived_at IS NULL AND ($1 IS NULL OR workflow_id = $1) \
         ORDER BY id LIMIT $2",
    )
    .bind(workflow.map(|w| w.as_str().to_owned()))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(ItemId).collect())
}

/// Active items whose due date (or publish date) plus `offset_hours` falls in `(from, to]`:
/// what a "due in / overdue by / after publish" rule has come to.
pub async fn items_at_moment(
    conn: &mut Conn,
    publish: bool,
    offset_hours: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ItemId>, sqlx::Error> {
    let shift = chrono::TimeDelta::hours(offset_hours);
    let column = if publish { "scheduled_at" } else { "due_at" };
    let ids: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM items WHERE archived_at IS NULL AND {column} > $1 AND {column} <= $2 ORDER BY id"
    ))
    .bind(from - shift)
    .bind(to - shift)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(ItemId).collect())
}
