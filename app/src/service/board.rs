//! Boards read from storage and presented: columns, pages of cards, one card,
//! and a move whose refusal or conflict comes back as an answer to show.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};

use super::cards::blockers;
use super::present::{campaign_tags, person_tags, zone_of, Presenter};
use crate::auth::CurrentUser;
use crate::db::board::{Scope, Slice};
use crate::db::{self, Conn, Db};
use crate::domain::filter::BoardFilter;
use crate::domain::{Item, ItemId, Operation, StageKey, WorkflowDefinition, WorkflowId};
use crate::error::{AppError, AppResult};
use crate::views::board::{
    BoardSummary, BoardView, CardUpdate, CardView, ColumnPage, ColumnView, Directory, MoveResult,
};

/// Cards per column page.
pub const PAGE: u32 = 30;

/// Cards that reached the last stage longer ago than this stay off the board unless asked for.
pub const DONE_DAYS: i64 = 14;

/// The end of the current week (next Monday 00:00 UTC).
fn week_end(now: DateTime<Utc>) -> DateTime<Utc> {
    let days_left = 7 - i64::from(now.weekday().num_days_from_monday());
    (now.date_naive() + Duration::days(days_left))
        .and_time(NaiveTime::MIN)
        .and_utc()
}

fn scope<'a>(
    def: &'a WorkflowDefinition,
    filter: &'a BoardFilter,
    now: DateTime<Utc>,
) -> Scope<'a> {
    Scope {
        workflow: &def.id,
        filter,
        last_stage: def.stages.last().map(|s| &s.key),
        done_before: now - Duration::days(DONE_DAYS),
        now,
        week_end: week_end(now),
    }
}

async fn current(
    db: &Db,
    conn: &mut Conn,
    workflow: &WorkflowId,
) -> AppResult<Arc<WorkflowDefinition>> {
    db.current_definition(conn, workflow)
        .await?
        .ok_or_else(|| AppError::not_found(format!("The board {workflow}")))
}

/// A presenter for a board: the viewer, the team, the campaigns and every stage's count.
async fn presenter(
    db: &Db,
    conn: &mut Conn,
    workflow: &WorkflowId,
    viewer: &CurrentUser,
    now: DateTime<Utc>,
) -> AppResult<Presenter> {
    let counts = db::items::stage_counts(conn, workflow).await?;
    Ok(
        Presenter::load(db, conn, viewer.id, zone_of(&viewer.time_zone), now)
            .await?
            .with_counts(counts),
    )
}

/// The cards of `items`, with the definitions they follow learned first (older versions
/// included: items keep the version they started on).
async fn cards_of(
    db: &Db,
    conn: &mut Conn,
    p: &mut Presenter,
    items: &[Item],
) -> AppResult<Vec<CardView>> {
    p.learn(db, conn, items).await?;
    p.learn_outlooks(db, conn, items).await?;
    Ok(items.iter().filter_map(|item| p.card(item)).collect())
}

/// The most items one board export holds.
pub const EXPORT_ROWS: u32 = 10_000;

/// A board's matching items as CSV (every column, not just the first page; at most
/// [`EXPORT_ROWS`] per stage), with the file's name.
pub async fn export_csv(
    db: &Db,
    workflow: &WorkflowId,
    filter: &BoardFilter,
    now: DateTime<Utc>,
) -> AppResult<(String, String)> {
    let mut conn = db.read.acquire().await?;
    let def = current(db, &mut conn, workflow).await?;
    let scope = scope(&def, filter, now);
    let slice = Slice::EveryStage {
        per_stage: EXPORT_ROWS,
    };
    let items = db::board::cards(&mut conn, &scope, slice).await?;
    let people = db.directory(&mut conn).await?;
    let campaigns = db
        .campaigns(&mut conn)
        .await?
        .into_iter()
        .map(|c| (crate::domain::CampaignId(c.id), c.name))
        .collect();
    let sheet = crate::domain::exchange::Sheet {
        definition: &def,
        people: &people,
        campaigns: &campaigns,
    };
    let name = format!("{workflow}-items-{}.csv", now.format("%Y-%m-%d"));
    Ok((name, sheet.csv(&items)))
}

/// A workflow's board: every column with its first page of matching cards.
pub async fn board(
    db: &Db,
    viewer: &CurrentUser,
    workflow: &WorkflowId,
    filter: &BoardFilter,
    seq: u64,
    now: DateTime<Utc>,
) -> AppResult<BoardView> {
    let mut conn = db.read.acquire().await?;
    let def = current(db, &mut conn, workflow).await?;
    let scope = scope(&def, filter, now);
    let matching = db::board::matching_counts(&mut conn, &scope).await?;
    let hidden_done = if filter.all_done {
        0
    } else {
        db::board::long_done(&mut conn, &scope).await?
    };
    let items = db::board::cards(&mut conn, &scope, Slice::EveryStage { per_stage: PAGE }).await?;
    let mut p = presenter(db, &mut conn, workflow, viewer, now).await?;
    let cards = cards_of(db, &mut conn, &mut p, &items).await?;
    let columns_of = def;
    let columns = columns_of
        .stages
        .iter()
        .map(|stage| ColumnView {
            key: stage.key.clone(),
            name: stage.name.clone(),
            wip_limit: stage.wip_limit,
            count: p.counts.get(&stage.key).copied().unwrap_or(0),
            matching: matching.get(&stage.key).copied().unwrap_or(0),
            cards: cards
                .iter()
                .filter(|c| c.stage == stage.key)
                .cloned()
                .collect(),
            next: columns_of.next_stage(&stage.key).map(|s| s.key.clone()),
        })
        .collect();
    Ok(BoardView {
        workflow: columns_of.id.clone(),
        name: columns_of.name.clone(),
        columns,
        filter: filter.clone(),
        can_work: viewer.can_work(),
        me: viewer.id,
        people: p.person_tags(),
        campaigns: p.campaign_tags(),
        hidden_done,
        seq,
    })
}

/// The next page of one column.
pub async fn column(
    db: &Db,
    viewer: &CurrentUser,
    workflow: &WorkflowId,
    stage: &StageKey,
    filter: &BoardFilter,
    offset: u32,
    now: DateTime<Utc>,
) -> AppResult<ColumnPage> {
    let mut conn = db.read.acquire().await?;
    let def = current(db, &mut conn, workflow).await?;
    let scope = scope(&def, filter, now);
    let matching = db::board::matching_counts(&mut conn, &scope).await?;
    let slice = Slice::Stage {
        stage,
        offset,
        limit: PAGE,
    };
    let items = db::board::cards(&mut conn, &scope, slice).await?;
    let mut p = presenter(db, &mut conn, workflow, viewer, now).await?;
    Ok(ColumnPage {
        cards: cards_of(db, &mut conn, &mut p, &items).await?,
        matching: matching.get(stage).copied().unwrap_or(0),
    })
}

/// One card as it is now, if it matches `filter`, with the stage counts.
pub async fn card(
    db: &Db,
    viewer: &CurrentUser,
    id: ItemId,
    filter: &BoardFilter,
    now: DateTime<Utc>,
) -> AppResult<CardUpdate> {
    let mut conn = db.read.acquire().await?;
    let workflow = db::board::workflow_of(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Item {id}")))?;
    let def = current(db, &mut conn, &workflow).await?;
    let items = db::board::cards(&mut conn, &scope(&def, filter, now), Slice::Card(id)).await?;
    let mut p = presenter(db, &mut conn, &workflow, viewer, now).await?;
    Ok(CardUpdate {
        card: cards_of(db, &mut conn, &mut p, &items).await?.pop(),
        counts: p.counts,
    })
}

/// Moves a card; a refusal lists every unmet gate with its fix, a conflict sends the card as it is now.
/// A card that moved comes with its workflow, for the live notice.
pub async fn move_card(
    db: &Db,
    actor: &CurrentUser,
    id: ItemId,
    version: u32,
    stage: StageKey,
    now: DateTime<Utc>,
) -> AppResult<(MoveResult, Option<WorkflowId>)> {
    let op = Operation::MoveTo {
        stage,
        reason: None,
    };
    let attempt = match super::items::attempt(
        db,
        actor.id,
        id,
        version,
        std::slice::from_ref(&op),
        now,
    )
    .await
    {
        Ok(attempt) => attempt,
        Err(AppError::Conflict { message }) => {
            let mut conn = db.read.acquire().await?;
            let item = db::items::load(&mut conn, id).await?;
            drop(conn);
            let card = match item {
                Some(item) => presented(db, actor, &item, now).await?,
                None => None,
            };
            return Ok((MoveResult::Conflict { message, card }, None));
        }
        Err(other) => return Err(other),
    };
    // What the engine read to decide is what the answer shows: no second read.
    let super::items::Attempt {
        before,
        definition,
        result,
        ..
    } = attempt;
    let workflow = before.workflow_id.clone();
    // The answer is the card; the only count it needs is of the stage after the card's, when
    // that stage has a WIP limit (a full next stage is what "blocked" says). Counting is the
    // dearest read on a big board, so nothing else is counted.
    let shown = result.as_ref().map_or(&before, |o| &o.item);
    let limited_next: Vec<&StageKey> = definition
        .next_stage(&shown.stage)
        .filter(|next| next.wip_limit.is_some())
        .map(|next| &next.key)
        .into_iter()
        .collect();
    let mut conn = db.read.acquire().await?;
    let counts = db::items::stage_counts_in(&mut conn, &workflow, &limited_next).await?;
    let mut p = Presenter::load(db, &mut conn, actor.id, zone_of(&actor.time_zone), now)
        .await?
        .with_counts(counts);
    p.learn_outlooks(db, &mut conn, std::slice::from_ref(shown))
        .await?;
    drop(conn);
    p.know(definition.clone());
    let card = |item: &Item| p.card(item).ok_or(AppError::Internal);
    match result {
        Ok(outcome) => {
            let moved = MoveResult::Moved {
                card: card(&outcome.item)?,
            };
            Ok((moved, Some(workflow)))
        }
        Err(refusal) => {
            let blockers = blockers(&before, &definition, &p.people, &refusal.reasons);
            Ok((
                MoveResult::Refused {
                    card: card(&before)?,
                    blockers,
                },
                None,
            ))
        }
    }
}

async fn presented(
    db: &Db,
    viewer: &CurrentUser,
    item: &Item,
    now: DateTime<Utc>,
) -> AppResult<Option<CardView>> {
    let mut conn = db.read.acquire().await?;
    let mut p = presenter(db, &mut conn, &item.workflow_id, viewer, now).await?;
    Ok(cards_of(db, &mut conn, &mut p, std::slice::from_ref(item))
        .await?
        .pop())
}

/// People and campaigns for pickers.
pub async fn directory(db: &Db, viewer: &CurrentUser) -> AppResult<Directory> {
    let mut conn = db.read.acquire().await?;
    let people = db.directory(&mut conn).await?;
    let campaigns = db.campaigns(&mut conn).await?;
    Ok(Directory {
        people: person_tags(&people),
        campaigns: campaign_tags(&campaigns),
        me: viewer.id,
        can_work: viewer.can_work(),
    })
}

/// Every board with its counts per stage, cards waiting on approvers and cards overdue.
pub async fn summaries(db: &Db, now: DateTime<Utc>) -> AppResult<Vec<BoardSummary>> {
    let mut conn = db.read.acquire().await?;
    let defs = db.current_definitions(&mut conn).await?;
    let tallies = db::board::tallies(&mut conn, now).await?;
    Ok(defs
        .into_iter()
        .map(|def| {
            let mine: Vec<_> = tallies.iter().filter(|t| t.workflow == def.id).collect();
            let last = def.stages.last().map(|s| s.key.clone());
            let stages: Vec<(String, u32)> = def
                .stages
                .iter()
                .map(|s| {
                    (
                        s.name.clone(),
                        mine.iter()
                            .filter(|t| t.stage == s.key)
                            .map(|t| t.active)
                            .sum(),
                    )
                })
                .collect();
            BoardSummary {
                total: stages.iter().map(|(_, n)| n).sum(),
                waiting: mine.iter().map(|t| t.waiting).sum(),
                overdue: mine
                    .iter()
                    .filter(|t| Some(&t.stage) != last.as_ref())
                    .map(|t| t.overdue)
                    .sum(),
                workflow: def.id.clone(),
                name: def.name.clone(),
                stages,
            }
        })
        .collect())
}

#[cfg(test)]
#[path = "board_tests.rs"]
mod tests;
