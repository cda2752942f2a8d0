//! The /insights page: what the query asks for, read once, then every chart of it; and
//! each chart's numbers as CSV (the same tables, every row).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

use super::load::{load, Loaded};
use crate::auth::CurrentUser;
use crate::db::{self, Db};
use crate::domain::metrics::csv::{defuse_formula, CsvWriter};
use crate::domain::metrics::days::day_start;
use crate::domain::metrics::{local_day, FlowSettings, HistoryFilter, Noun, Period};
use crate::domain::{ItemId, Role, WorkflowDefinition, WorkingHours};
use crate::error::{AppError, AppResult};
use crate::service::present::{campaign_tags, person_tags};
use crate::views::calendar::WorkflowTag;
use crate::views::insights::{
    Cell, ChartView, DataTable, InsightsQuery, InsightsView, PeriodView, StartStageView,
    VersionMark, DEFAULT_WEEKS,
};

mod delivery;
mod flow;
mod forecast;

/// Rows a table shows on the page; its CSV has them all.
pub const PAGE_ROWS: usize = 200;
/// The longest period one page covers.
pub const MAX_PERIOD_DAYS: u32 = 3 * 366;

/// What a report is about, as understood.
pub(super) struct Context {
    pub query: InsightsQuery,
    pub offset: FixedOffset,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub period: Period,
    pub compared: Option<Period>,
    pub filter: HistoryFilter,
    pub hours: WorkingHours,
    pub noun: Noun,
    /// Rows per table on the page; `None` for CSV.
    pub cap: Option<usize>,
    pub titles: BTreeMap<ItemId, String>,
    pub workflow_names: BTreeMap<crate::domain::WorkflowId, String>,
    pub campaign_names: BTreeMap<crate::domain::CampaignId, String>,
}

impl Context {
    /// A table of `rows` under `columns`, cut to the page's length.
    pub fn table(&self, columns: &[&str], rows: Vec<Vec<Cell>>) -> DataTable {
        let more = self.cap.map_or(0, |cap| rows.len().saturating_sub(cap)) as u32;
        let rows = match self.cap {
            Some(cap) => rows.into_iter().take(cap).collect(),
            None => rows,
        };
        DataTable {
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows,
            more,
        }
    }

    /// A chart with its CSV address.
    pub fn chart(&self, key: &str, title: &str, summary: String, about: String) -> ChartView {
        ChartView {
            key: key.to_owned(),
            title: title.to_owned(),
            summary,
            about,
            figure: None,
            table: DataTable::default(),
            csv: self.query.csv_href(key),
            spots: Vec::new(),
        }
    }

    /// An item's title, for tables.
    pub fn item(&self, id: ItemId) -> Cell {
        Cell::item(
            id,
            self.titles
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("Item {id}")),
        )
    }

    /// A workflow's name.
    pub fn workflow_name(&self, id: &crate::domain::WorkflowId) -> String {
        self.workflow_names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

/// A period in words: "4 Mar 2026 – 26 May 2026 (12 weeks)".
pub(super) fn period_words(period: Period) -> String {
    let days = period.len_days();
    let length = if days.is_multiple_of(7) {
        crate::domain::metrics::words::counted(u64::from(days / 7), "week", "weeks")
    } else {
        crate::domain::metrics::words::days(days)
    };
    format!(
        "{} – {} ({length})",
        crate::domain::words::day(period.first),
        crate::domain::words::day(period.last)
    )
}

fn period_view(period: Period) -> PeriodView {
    PeriodView {
        first: period.first,
        last: period.last,
        label: period_words(period),
    }
}

/// The period the query asks for, and the one it compares with.
fn periods(query: &InsightsQuery, today: NaiveDate) -> AppResult<(Period, Option<Period>)> {
    let period = match (query.from, query.to) {
        (Some(from), Some(to)) => Period::new(from, to),
        (Some(from), None) => Period::new(from, today.max(from)),
        _ => Period::days_ending(today, query.weeks.unwrap_or(DEFAULT_WEEKS) * 7),
    };
    let compared = match (query.compare_from, query.compare_to) {
        (Some(from), Some(to)) => Some(Period::new(from, to)),
        _ if query.compare => Some(Period::days_ending(
            period.first - Duration::days(1),
            period.len_days(),
        )),
        _ => None,
    };
    for p in std::iter::once(period).chain(compared) {
        if p.len_days() > MAX_PERIOD_DAYS {
            return Err(AppError::validation(
                "period",
                "A period can be at most three years long: choose a shorter one.",
            ));
        }
    }
    Ok((period, compared))
}

/// Everything one report reads, and the page around its charts.
struct Read {
    context: Context,
    loaded: Vec<(Arc<WorkflowDefinition>, Loaded)>,
    view: InsightsView,
}

async fn read(
    db: &Db,
    viewer: &CurrentUser,
    query: &InsightsQuery,
    now: DateTime<Utc>,
    cap: Option<usize>,
) -> AppResult<Read> {
    let mut conn = db.read.acquire().await?;
    let hours = db.working_hours(&mut conn).await?;
    let offset = hours.offset;
    let today = local_day(now, offset);
    let people = db.directory(&mut conn).await?;
    let campaigns = db.campaigns(&mut conn).await?;
    let flows = super::flows(db, &mut conn).await?;
    let mut query = query.clone();
    if query.workflow.is_none() {
        // The busiest workflow — the most work in progress — as people would pick first.
        let counts = db::trails::stage_counts(&mut conn).await?;
        let open = |flow: &FlowSettings| -> i64 {
            let last = flow.stages.last().map(|s| &s.key);
            counts
                .iter()
                .filter(|((w, s), _)| *w == flow.workflow && Some(s) != last)
                .map(|(_, n)| *n)
                .sum()
        };
        query.workflow = flows
            .iter()
            .enumerate()
            .max_by_key(|(i, (_, flow))| (open(flow), std::cmp::Reverse(*i)))
            .map(|(_, (d, _))| d.id.clone());
    }
    let all = query.all_workflows();
    let chosen: Vec<(Arc<WorkflowDefinition>, FlowSettings)> = flows
        .iter()
        .filter(|(d, _)| all || query.workflow.as_ref() == Some(&d.id))
        .cloned()
        .collect();
    if chosen.is_empty() && !all {
        return Err(AppError::not_found(format!(
            "The workflow {}",
            query.workflow.clone().unwrap_or_default()
        )));
    }
    let (period, compared) = periods(&query, today)?;
    let owners = match (query.owner, &query.team) {
        (Some(owner), _) => Some(vec![owner]),
        (None, Some(team)) => Some(
            people
                .persons
                .iter()
                .filter(|p| p.in_team(team))
                .map(|p| p.id)
                .collect(),
        ),
        (None, None) => None,
    };
    let filter = HistoryFilter {
        workflow: None,
        channel: query.channel,
        campaign: query.campaign,
        owners,
    };
    let earliest = compared
        .map_or(period.first, |c| c.first.min(period.first))
        .min(today - Duration::days(super::outlook::REFERENCE_DAYS + 1));
    let since = day_start(earliest, offset);
    let mut loaded = Vec::new();
    for (def, flow) in &chosen {
        loaded.push((
            def.clone(),
            load(&mut conn, flow, &filter, since, now).await?,
        ));
    }
    let noun = match chosen.as_slice() {
        [(_, flow)] if !all => flow.noun(),
        _ => Noun::items(),
    };
    let titles = loaded
        .iter()
        .flat_map(|(_, l)| &l.histories)
        .map(|h| (h.item, h.details.title.clone()))
        .collect();
    let single = chosen.first().filter(|_| !all);
    let start = single.map(|(def, flow)| {
        let last = flow.stages.len().saturating_sub(1);
        StartStageView {
            workflow: def.id.clone(),
            stages: flow.stages[..last]
                .iter()
                .map(|s| (s.key.clone(), s.name.clone()))
                .collect(),
            current: flow.stages[flow.start.min(last.saturating_sub(1))]
                .key
                .clone(),
            can_change: matches!(viewer.role, Role::Manager | Role::Admin),
        }
    });
    // A version is worth comparing against when there are weeks of work before it.
    let history_from = db::events::oldest(&mut conn)
        .await?
        .map(|at| local_day(at, offset) + Duration::days(28));
    let versions = match single {
        Some((def, _)) => db::insights::version_dates(&mut conn, &def.id)
            .await?
            .into_iter()
            .filter(|(v, at)| *v > 1 && history_from.is_some_and(|d| local_day(*at, offset) >= d))
            .map(|(version, at)| VersionMark {
                version,
                saved_on: local_day(at, offset),
            })
            .collect(),
        None => Vec::new(),
    };
    let mut teams: Vec<String> = people
        .persons
        .iter()
        .flat_map(|p| p.teams.iter().cloned())
        .collect();
    teams.sort();
    teams.dedup();
    let context = Context {
        query: query.clone(),
        offset,
        now,
        today,
        period,
        compared,
        filter,
        hours,
        noun,
        cap,
        titles,
        workflow_names: flows
            .iter()
            .map(|(d, _)| (d.id.clone(), d.name.clone()))
            .collect(),
        campaign_names: campaigns
            .iter()
            .map(|c| (crate::domain::CampaignId(c.id), c.name.clone()))
            .collect(),
    };
    let mut exports = vec![(
        "Every event of the period (CSV)".to_owned(),
        query.csv_href("events"),
    )];
    if all {
        // The per-item summary has a pair of columns per stage, so it is one per workflow.
        for (def, _) in &chosen {
            let one = InsightsQuery {
                workflow: Some(def.id.clone()),
                ..query.clone()
            };
            exports.push((
                format!("One row per item of {} (CSV)", def.name),
                one.csv_href("items"),
            ));
        }
    } else {
        exports.push((
            "One row per item: stages entered and left, on time, fixes (CSV)".to_owned(),
            query.csv_href("items"),
        ));
    }
    let view = InsightsView {
        exports,
        query,
        workflows: flows
            .iter()
            .map(|(d, _)| WorkflowTag {
                id: d.id.clone(),
                name: d.name.clone(),
                kind: d.kind,
            })
            .collect(),
        people: person_tags(&people),
        campaigns: campaign_tags(&campaigns),
        teams,
        today,
        period: period_view(period),
        compared: compared.map(period_view),
        versions,
        start,
        comparison: None,
        flow: Vec::new(),
        delivery: Vec::new(),
        forecasts: Vec::new(),
        can_work: viewer.can_work(),
    };
    drop(conn);
    Ok(Read {
        context,
        loaded,
        view,
    })
}

async fn build(
    db: &Db,
    viewer: &CurrentUser,
    query: &InsightsQuery,
    now: DateTime<Utc>,
    cap: Option<usize>,
) -> AppResult<InsightsView> {
    let Read {
        context,
        loaded,
        mut view,
    } = read(db, viewer, query, now, cap).await?;
    let parts: Vec<&Loaded> = loaded.iter().map(|(_, l)| l).collect();
    view.flow = flow::charts(&context, &parts);
    view.delivery = delivery::charts(&context, &parts);
    view.comparison = context
        .compared
        .map(|other| forecast::comparison(&context, &parts, other));
    let mut conn = db.read.acquire().await?;
    view.forecasts = forecast::charts(db, &mut conn, &context, &loaded).await?;
    Ok(view)
}

/// The /insights page for `query`.
pub async fn insights(
    db: &Db,
    viewer: &CurrentUser,
    query: &InsightsQuery,
    now: DateTime<Utc>,
) -> AppResult<InsightsView> {
    build(db, viewer, query, now, Some(PAGE_ROWS)).await
}

/// One chart's numbers (`what` is its key), the period's events (`events`) or the per-item
/// summary (`items`) as CSV, with a file name; `None` when there is no such chart.
pub async fn chart_csv(
    db: &Db,
    viewer: &CurrentUser,
    query: &InsightsQuery,
    what: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<(String, String)>> {
    let name = |first: NaiveDate, last: NaiveDate| {
        format!(
            "baton-{what}-{}-{}.csv",
            first.format("%Y%m%d"),
            last.format("%Y%m%d")
        )
    };
    if what == "events" || what == "items" {
        let Read {
            context, loaded, ..
        } = read(db, viewer, query, now, None).await?;
        let text = if what == "events" {
            super::export::events(db, &context, &loaded).await?
        } else {
            super::export::items(db, &context, &loaded).await?
        };
        return Ok(Some((
            name(context.period.first, context.period.last),
            text,
        )));
    }
    let view = build(db, viewer, query, now, None).await?;
    let chart = view
        .comparison
        .iter()
        .chain(&view.flow)
        .chain(&view.delivery)
        .chain(&view.forecasts)
        .find(|c| c.key == what);
    Ok(chart.map(|c| {
        (
            name(view.period.first, view.period.last),
            table_csv(&c.table),
        )
    }))
}

/// A table as CSV: its columns, then every row (typed text defused for spreadsheets).
pub fn table_csv(table: &DataTable) -> String {
    let mut csv = CsvWriter::new();
    csv.row(&table.columns);
    for row in &table.rows {
        csv.row(row.iter().map(|c| defuse_formula(&c.text).into_owned()));
    }
    csv.finish()
}
