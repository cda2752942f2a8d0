//! Imports: a file is uploaded and kept, previewed under the person's mapping as often as
//! they like, then imported in one transaction, so a failure leaves nothing half-imported.
//! The preview and the import run the same planning and the same engine checks.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use crate::auth::CurrentUser;
use crate::db::{self, imports::Upload, Conn, Db};
use crate::domain::exchange::imported::{check_size, ImportedItem};
use crate::domain::exchange::rows::{check_rows, Column, Lookup, Row, Sheet};
use crate::domain::exchange::trello::{self, Board, Mapping};
use crate::domain::limits::{self, shortened};
use crate::domain::{
    self, CampaignId, Ctx, FieldKey, FieldValue, People, Person, WorkflowDefinition, WorkflowId,
};
use crate::error::{AppError, AppResult};
use crate::views::imports::*;

/// How long an upload is kept for its preview.
const KEPT_FOR_HOURS: i64 = 24;

/// Keeps a file to import after checking that it is what it says it is; the person's
/// earlier upload of the same kind is let go, so each keeps at most one of each.
pub async fn upload(
    db: &Db,
    me: &CurrentUser,
    request: &UploadRequest,
    now: DateTime<Utc>,
) -> AppResult<Uploaded> {
    if request.kind == ImportKind::Trello && !me.role.can_manage() {
        return Err(AppError::Forbidden {
            action: "import a Trello board, which makes a new workflow — ask a manager or an admin"
                .into(),
        });
    }
    check_size(request.text.len()).map_err(|m| AppError::validation("file", m))?;
    match request.kind {
        ImportKind::Trello => Board::read(&request.text).map(drop),
        ImportKind::Csv => Sheet::read(&request.text).map(drop),
    }
    .map_err(|m| AppError::validation("file", m))?;
    let name = request.file_name.trim();
    let name = if name.is_empty() { "upload" } else { name };
    let name = shortened(name, limits::SHORT);
    let mut tx = db.write.begin().await?;
    db::imports::delete_of(&mut tx, me.id, request.kind.key()).await?;
    let id = db::imports::insert(
        &mut tx,
        me.id,
        request.kind.key(),
        &name,
        &request.text,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Uploaded {
        id,
        kind: request.kind,
    })
}

/// Lets go of one's upload without importing it.
pub async fn discard(db: &Db, me: &CurrentUser, id: i64) -> AppResult<()> {
    let mut tx = db.write.begin().await?;
    let upload = owned(&mut tx, me, id, None).await?;
    db::imports::delete(&mut tx, upload.id).await?;
    tx.commit().await?;
    Ok(())
}

/// Lets go of uploads older than a day (the scheduler calls this hourly).
pub async fn forget_old(db: &Db, now: DateTime<Utc>) -> AppResult<u64> {
    let mut conn = db.write.acquire().await?;
    Ok(db::imports::forget_older(&mut conn, now - Duration::hours(KEPT_FOR_HOURS)).await?)
}

/// The person's own upload `id` (of `kind`, when given).
async fn owned(
    conn: &mut Conn,
    me: &CurrentUser,
    id: i64,
    kind: Option<ImportKind>,
) -> AppResult<Upload> {
    let gone = || {
        AppError::not_found(format!(
            "Upload {id} (an upload is kept for {KEPT_FOR_HOURS} hours, until it is imported or discarded; upload the file again)"
        ))
    };
    let upload = db::imports::get(conn, id).await?.ok_or_else(gone)?;
    let kind_matches = kind.is_none_or(|k| k.key() == upload.kind);
    if upload.person_id != me.id.0 || !kind_matches {
        return Err(gone());
    }
    Ok(upload)
}

fn me_in<'a>(people: &'a People, me: &CurrentUser) -> AppResult<&'a Person> {
    people.get(me.id).ok_or(AppError::Unauthorized)
}

/// The Trello import page: the board, the mapping (completed with suggestions) and what
/// the import would do under it.
pub async fn trello_preview(
    db: &Db,
    me: &CurrentUser,
    id: i64,
    mapping: Option<Mapping>,
    now: DateTime<Utc>,
) -> AppResult<TrelloPreview> {
    let mut conn = db.read.acquire().await?;
    let upload = owned(&mut conn, me, id, Some(ImportKind::Trello)).await?;
    let board = Board::read(&upload.body).map_err(|m| AppError::validation("file", m))?;
    let people = db.directory(&mut conn).await?;
    let mapping = match mapping {
        Some(m) => m.completed(&board, &people),
        None => Mapping::suggested(&board, &people),
    };
    let ctx = Ctx::new(me_in(&people, me)?, &people, now);
    let summary =
        trello::plan(&board, &mapping, &people).map(|plan| trello_summary(&plan, &board, &ctx));
    let counts = board.card_counts();
    let count = |id: &str| counts.get(id).copied().unwrap_or(0);
    Ok(TrelloPreview {
        upload: upload.id,
        file_name: upload.file_name,
        board: board.name.clone(),
        lists: board
            .lists_in_order()
            .into_iter()
            .map(|l| ListRow {
                id: l.id.clone(),
                name: l.name.clone(),
                closed: l.closed,
                cards: count(&l.id),
            })
            .collect(),
        labels: board
            .labels
            .iter()
            .map(|l| LabelRow {
                id: l.id.clone(),
                name: l.title(),
                color: l.color.clone(),
                cards: count(&l.id),
            })
            .collect(),
        members: board
            .members
            .iter()
            .map(|m| MemberRow {
                id: m.id.clone(),
                name: m.title(),
                username: m.username.clone(),
                cards: count(&m.id),
            })
            .collect(),
        people: people
            .persons
            .iter()
            .map(|p| PersonChoice {
                id: p.id,
                label: format!("{} ({})", p.name, p.email),
            })
            .collect(),
        mapping,
        summary,
    })
}

fn trello_summary(plan: &trello::Plan, board: &Board, ctx: &Ctx<'_>) -> TrelloSummary {
    let def = &plan.definition;
    let list_names: BTreeMap<&str, &str> = board
        .lists
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str()))
        .collect();
    let stages = def
        .stages
        .iter()
        .map(|s| {
            let mut lists: Vec<String> = Vec::new();
            let mut items = 0;
            for (item, list) in plan.items.iter().zip(&plan.from_list) {
                if item.stage == s.key {
                    items += 1;
                    let name = list_names.get(list.as_str()).copied().unwrap_or_default();
                    if !lists.iter().any(|l| l == name) {
                        lists.push(name.to_owned());
                    }
                }
            }
            StageRow {
                name: s.name.clone(),
                lists,
                items,
                lines: s.checklist.len(),
            }
        })
        .collect();
    TrelloSummary {
        stages,
        items: plan.items.len(),
        archived: plan.items.iter().filter(|i| i.archived).count(),
        left_out: plan.left_out,
        comments: plan.items.iter().map(|i| i.comments.len()).sum(),
        comments_unmatched: plan.comments_unmatched,
        ticks: plan.items.iter().map(|i| i.ticks.len()).sum(),
        warnings: plan.warnings.clone(),
        refused: refusals(def, &plan.items, ctx),
        sample: plan
            .items
            .iter()
            .take(20)
            .map(|i| item_row(def, i, ctx.people))
            .collect(),
    }
}

/// The items the engine would refuse, each with its reasons, at most 50.
fn refusals(def: &WorkflowDefinition, items: &[ImportedItem], ctx: &Ctx<'_>) -> Vec<String> {
    items
        .iter()
        .filter_map(|item| {
            domain::create_imported(def, item.clone(), ctx)
                .err()
                .map(|r| {
                    let reasons: Vec<String> = r.reasons.into_iter().map(|r| r.message).collect();
                    format!(
                        "“{}”: {}",
                        shortened(&item.new.title, 60),
                        reasons.join("; ")
                    )
                })
        })
        .take(50)
        .collect()
}

fn item_row(def: &WorkflowDefinition, item: &ImportedItem, people: &People) -> ItemRow {
    ItemRow {
        title: item.new.title.clone(),
        stage: def
            .stage(&item.stage)
            .map_or_else(|| item.stage.to_string(), |s| s.name.clone()),
        owner: item.new.owner.map(|o| people.name_of(o)),
        channel: item.new.channel.label().to_owned(),
        tags: match item.new.fields.get(&FieldKey::new(trello::LABELS)) {
            Some(FieldValue::Text(t)) => t.clone(),
            _ => String::new(),
        },
        comments: item.comments.len(),
        archived: item.archived,
    }
}

/// Imports a Trello board as a new workflow and its items, all in one transaction.
pub async fn import_trello(
    db: &Db,
    me: &CurrentUser,
    id: i64,
    mapping: &Mapping,
    now: DateTime<Utc>,
) -> AppResult<ImportDone> {
    let mut tx = db.write.begin().await?;
    let upload = owned(&mut tx, me, id, Some(ImportKind::Trello)).await?;
    let board = Board::read(&upload.body).map_err(|m| AppError::validation("file", m))?;
    let people = db.directory(&mut tx).await?;
    let plan =
        trello::plan(&board, mapping, &people).map_err(|m| AppError::validation("mapping", m))?;
    let mut def = plan.definition;
    def.id = super::design::unused_id(&mut tx, &def.name).await?;
    super::design::check_design(&def)?;
    def.version = db::workflows::save(&mut tx, &def, false, Some(me.id), now).await?;
    let ctx = Ctx::new(me_in(&people, me)?, &people, now);
    let count = plan.items.len();
    for item in plan.items {
        store(&mut tx, db, &def, item, &ctx).await?;
    }
    db::imports::delete(&mut tx, upload.id).await?;
    tx.commit().await?;
    Ok(ImportDone {
        items: count,
        message: format!(
            "{} is imported as the workflow {}, with {} {}.",
            shortened(board.name.trim(), limits::NAME),
            def.name,
            limits::grouped(count),
            if count == 1 { "item" } else { "items" }
        ),
        workflow: def.id,
    })
}

/// Stores one imported item with its events. Imports set off no rules, webhooks or
/// notifications: they bring in work that already happened, not new requests.
async fn store(
    tx: &mut Conn,
    db: &Db,
    def: &WorkflowDefinition,
    item: ImportedItem,
    ctx: &Ctx<'_>,
) -> AppResult<()> {
    let title = item.new.title.clone();
    let mut outcome = domain::create_imported(def, item, ctx).map_err(|r| {
        let reasons: Vec<String> = r.reasons.into_iter().map(|r| r.message).collect();
        AppError::validation(
            "file",
            format!(
                "“{}” cannot be imported: {}. Nothing was imported.",
                shortened(&title, 60),
                reasons.join("; ")
            ),
        )
    })?;
    let id = db::items::insert(&mut *tx, &outcome.item).await?;
    outcome.item.id = id;
    db::events::append(&mut *tx, id, &def.id, &outcome.events).await?;
    if !outcome.item.is_archived() {
        let hours = db.working_hours(&mut *tx).await?;
        super::items::plan_timers(&mut *tx, def, &outcome.item, &hours).await?;
    }
    Ok(())
}

/// What a spreadsheet's rows are checked against: the workflows not archived, and the
/// campaigns by name.
struct Targets {
    workflows: Vec<WorkflowDefinition>,
    campaigns: BTreeMap<CampaignId, String>,
}

async fn targets(db: &Db, conn: &mut Conn) -> AppResult<Targets> {
    let rows = db::workflows::rows(&mut *conn).await?;
    let live: Vec<&WorkflowId> = rows
        .iter()
        .filter(|r| r.archived_at.is_none())
        .map(|r| &r.id)
        .collect();
    let workflows = db
        .current_definitions(&mut *conn)
        .await?
        .into_iter()
        .filter(|d| live.contains(&&d.id))
        .map(|d| d.as_ref().clone())
        .collect();
    let campaigns = db
        .campaigns(&mut *conn)
        .await?
        .into_iter()
        .map(|c| (CampaignId(c.id), c.name))
        .collect();
    Ok(Targets {
        workflows,
        campaigns,
    })
}

/// The workflow asked for, or the first there is.
fn chosen<'a>(
    targets: &'a Targets,
    workflow: Option<&WorkflowId>,
) -> AppResult<&'a WorkflowDefinition> {
    match workflow {
        Some(id) => targets.workflows.iter().find(|d| &d.id == id).ok_or_else(|| {
            AppError::validation(
                "workflow",
                format!("There is no workflow {id} to import into (it may be archived): choose another."),
            )
        }),
        None => targets
            .workflows
            .first()
            .ok_or_else(|| AppError::validation("workflow", "There is no workflow to import into.")),
    }
}

/// A mapping that fits the sheet: the person's when it has one choice per column, the
/// suggestion otherwise.
fn mapping_for(
    sheet: &Sheet,
    def: &WorkflowDefinition,
    mapping: Option<Vec<Column>>,
) -> Vec<Column> {
    match mapping {
        Some(m) if m.len() == sheet.headers.len() => m,
        _ => sheet.suggested(def),
    }
}

/// The CSV import page: the file's columns, the mapping and every row's check.
pub async fn csv_preview(
    db: &Db,
    me: &CurrentUser,
    id: i64,
    workflow: Option<WorkflowId>,
    mapping: Option<Vec<Column>>,
    now: DateTime<Utc>,
) -> AppResult<CsvPreview> {
    let mut conn = db.read.acquire().await?;
    let upload = owned(&mut conn, me, id, Some(ImportKind::Csv)).await?;
    let sheet = Sheet::read(&upload.body).map_err(|m| AppError::validation("file", m))?;
    let targets = targets(db, &mut conn).await?;
    let def = chosen(&targets, workflow.as_ref())?;
    let mapping = mapping_for(&sheet, def, mapping);
    let people = db.directory(&mut conn).await?;
    let ctx = Ctx::new(me_in(&people, me)?, &people, now);
    let lookup = Lookup {
        workflows: &targets.workflows,
        default_workflow: &def.id,
        campaigns: &targets.campaigns,
    };
    let summary = check_rows(&sheet, &mapping, &lookup, &ctx).map(|rows| csv_summary(&rows));
    let first = sheet.rows.first();
    Ok(CsvPreview {
        upload: upload.id,
        file_name: upload.file_name,
        workflow: def.id.clone(),
        workflows: targets
            .workflows
            .iter()
            .map(|d| (d.id.clone(), d.name.clone()))
            .collect(),
        columns: sheet
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| ColumnView {
                header: h.clone(),
                example: first
                    .and_then(|r| r.cells.get(i))
                    .map(|c| shortened(c, 60))
                    .unwrap_or_default(),
            })
            .collect(),
        choices: Column::choices(def)
            .into_iter()
            .map(|c| {
                let label = c.label(Some(def));
                (c, label)
            })
            .collect(),
        mapping,
        summary,
    })
}

fn csv_summary(rows: &[Row]) -> CsvSummary {
    let view = |r: &Row| RowView {
        line: r.line,
        title: shortened(&r.title, 80),
        lands_in: r.lands_in.clone(),
        errors: r.checked.as_ref().err().cloned().unwrap_or_default(),
    };
    let bad: Vec<RowView> = rows
        .iter()
        .filter(|r| r.checked.is_err())
        .map(view)
        .collect();
    let invalid = bad.len();
    let mut shown: Vec<RowView> = bad.into_iter().take(200).collect();
    shown.extend(rows.iter().filter(|r| r.checked.is_ok()).take(50).map(view));
    CsvSummary {
        valid: rows.len() - invalid,
        invalid,
        rows: shown,
    }
}

/// Imports a spreadsheet's good rows, all in one transaction. `expected` is how many good
/// rows the person saw in the preview: when the check comes out differently now (someone
/// left the team, a campaign was renamed), nothing is imported and they look again.
pub async fn import_csv(
    db: &Db,
    me: &CurrentUser,
    id: i64,
    workflow: &WorkflowId,
    mapping: Vec<Column>,
    expected: usize,
    now: DateTime<Utc>,
) -> AppResult<ImportDone> {
    let mut tx = db.write.begin().await?;
    let upload = owned(&mut tx, me, id, Some(ImportKind::Csv)).await?;
    let sheet = Sheet::read(&upload.body).map_err(|m| AppError::validation("file", m))?;
    let targets = targets(db, &mut tx).await?;
    let def = chosen(&targets, Some(workflow))?;
    let people = db.directory(&mut tx).await?;
    let ctx = Ctx::new(me_in(&people, me)?, &people, now);
    let lookup = Lookup {
        workflows: &targets.workflows,
        default_workflow: &def.id,
        campaigns: &targets.campaigns,
    };
    let rows = check_rows(&sheet, &mapping, &lookup, &ctx)
        .map_err(|m| AppError::validation("mapping", m))?;
    let good: Vec<(WorkflowId, ImportedItem)> =
        rows.into_iter().filter_map(|r| r.checked.ok()).collect();
    if good.is_empty() {
        return Err(AppError::validation(
            "file",
            "No row can be imported: fix the problems the preview lists, or map the columns differently.",
        ));
    }
    if good.len() != expected {
        return Err(AppError::Conflict {
            message: format!(
                "The preview showed {} rows to import and the check now finds {}: something changed meanwhile. Look at the preview again.",
                limits::grouped(expected),
                limits::grouped(good.len())
            ),
        });
    }
    let count = good.len();
    for (workflow, item) in good {
        let def = targets
            .workflows
            .iter()
            .find(|d| d.id == workflow)
            .ok_or_else(|| AppError::not_found(format!("Workflow {workflow}")))?;
        store(&mut tx, db, def, item, &ctx).await?;
    }
    db::imports::delete(&mut tx, upload.id).await?;
    tx.commit().await?;
    Ok(ImportDone {
        items: count,
        workflow: def.id.clone(),
        message: format!(
            "{} {} imported from {}.",
            limits::grouped(count),
            if count == 1 { "item is" } else { "items are" },
            upload.file_name
        ),
    })
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
