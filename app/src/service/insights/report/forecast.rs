//! What comes next — when the open work will be done, how many by a date, which items are
//! trending late, whether past forecasts held — and one period against another.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Duration;

use super::super::load::Loaded;
use super::{delivery, period_words, Context};
use crate::db::{Conn, Db};
use crate::domain::metrics::words::percent;
use crate::domain::metrics::{
    compare, cycle_times, forecast_hits, how_many_by, item_outlooks, on_time_delivery, stage_times,
    throughput_sample, weekly_throughput, when_done, ForecastSettings, ItemHistory, Measure,
    MeasureKey, OutlookStatus, Period, StoredForecast,
};
use crate::domain::WorkflowDefinition;
use crate::error::AppResult;
use crate::views::insights::{Cell, ChartView};

/// The forecast charts of the report.
pub(super) async fn charts(
    db: &Db,
    conn: &mut Conn,
    cx: &Context,
    loaded: &[(Arc<WorkflowDefinition>, Loaded)],
) -> AppResult<Vec<ChartView>> {
    let parts: Vec<&Loaded> = loaded.iter().map(|(_, l)| l).collect();
    let all: Vec<&ItemHistory> = parts.iter().flat_map(|l| l.histories.iter()).collect();
    let open = all
        .iter()
        .filter(|h| h.finished.is_none() && !h.is_archived())
        .count() as u32;
    let sample = throughput_sample(all.iter().copied(), cx.today, cx.offset);
    let settings = ForecastSettings::default();
    let when = when_done(&sample, open, cx.today, &settings, &cx.noun);
    let mut when_chart = cx.chart(
        "forecast-when",
        "When will it be done?",
        when.summary(&cx.noun),
        format!(
            "A Monte Carlo forecast for the {} open {} shown (started or not): {} trials, each \
             day drawing the throughput of a random day of the last 90 (seeded, so the same \
             data gives the same answer).",
            open, cx.noun.plural, when.trials
        ),
    );
    let date = |d: Option<chrono::NaiveDate>| {
        d.map_or_else(
            || format!("not by {}", crate::domain::words::day(when.horizon)),
            crate::domain::words::day,
        )
    };
    when_chart.table = cx.table(
        &["Confidence", "Done by"],
        vec![
            vec![Cell::text("50 %"), Cell::text(date(when.p50))],
            vec![Cell::text("85 %"), Cell::text(date(when.p85))],
            vec![Cell::text("95 %"), Cell::text(date(when.p95))],
        ],
    );
    let by = cx
        .query
        .by
        .filter(|b| *b >= cx.today)
        .unwrap_or(cx.today + Duration::days(27));
    let many = how_many_by(&sample, cx.today, by, &settings, &cx.noun);
    let mut many_chart = cx.chart(
        "forecast-how-many",
        "How many by a date?",
        many.summary(&cx.noun),
        format!(
            "How many {} should reach their last stage from today to {}, both days counted, \
             at the pace of the last 90 days.",
            cx.noun.plural,
            crate::domain::words::day(by)
        ),
    );
    many_chart.table = cx.table(
        &["Confidence", "At least"],
        vec![
            vec![Cell::text("50 %"), Cell::text(many.p50.to_string())],
            vec![Cell::text("85 %"), Cell::text(many.p85.to_string())],
            vec![Cell::text("95 %"), Cell::text(many.p95.to_string())],
        ],
    );
    Ok(vec![
        when_chart,
        many_chart,
        late(db, conn, cx, loaded).await?,
        held(db, conn, cx).await?,
    ])
}

async fn late(
    db: &Db,
    conn: &mut Conn,
    cx: &Context,
    loaded: &[(Arc<WorkflowDefinition>, Loaded)],
) -> AppResult<ChartView> {
    let mut outlooks = Vec::new();
    let mut notes = Vec::new();
    for (def, l) in loaded {
        let reference =
            super::super::outlook::reference(db, conn, def, &l.flow, cx.offset, cx.today).await?;
        let noun = l.flow.noun();
        let mut unjudged = 0u64;
        for o in item_outlooks(
            &l.histories,
            &l.flow,
            &reference.reference,
            cx.now,
            cx.offset,
            &noun,
        ) {
            unjudged += u64::from(o.status == OutlookStatus::NotEnoughData);
            if o.status != OutlookStatus::NoDeadline {
                outlooks.push((l.flow.name.clone(), l.flow.stage_name(&o.stage), o));
            }
        }
        if let (Some(note), true) = (&reference.reference.confidence.note, unjudged > 0) {
            notes.push(format!(
                "{} cannot be judged yet: {note}",
                crate::domain::metrics::words::capitalised(&noun.count(unjudged))
            ));
        }
    }
    let rank = |s: OutlookStatus| match s {
        OutlookStatus::TrendingLate => 0,
        OutlookStatus::Overdue => 1,
        OutlookStatus::NotEnoughData => 2,
        OutlookStatus::OnTrack => 3,
        OutlookStatus::NoDeadline => 4,
    };
    outlooks.sort_by(|a, b| {
        (rank(a.2.status), a.2.chance.unwrap_or(1.0), a.2.item)
            .partial_cmp(&(rank(b.2.status), b.2.chance.unwrap_or(1.0), b.2.item))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let trending = outlooks
        .iter()
        .filter(|(_, _, o)| o.is_trending_late())
        .count() as u64;
    let mut summary = match trending {
        0 => format!("No open {} is trending late.", cx.noun.singular),
        1 => format!(
            "1 {} is trending late: less than an even chance to be done by its date, and the \
             date has not passed yet.",
            cx.noun.singular
        ),
        n => format!(
            "{n} {} are trending late: less than an even chance to be done by their dates, \
             which have not passed yet.",
            cx.noun.plural
        ),
    };
    if let Some(first) = notes.first() {
        summary.push(' ');
        summary.push_str(first);
    }
    let mut chart = cx.chart(
        "trending-late",
        "Trending late",
        summary,
        "Each open item's chance of reaching its last stage by its planned date (or due date), \
         from how long finished items of the last 90 days took from the same point; under 50 % \
         is trending late."
            .to_owned(),
    );
    let status = |s: OutlookStatus| match s {
        OutlookStatus::OnTrack => "On track",
        OutlookStatus::TrendingLate => "Trending late",
        OutlookStatus::Overdue => "Overdue",
        OutlookStatus::NoDeadline => "No date",
        OutlookStatus::NotEnoughData => "Not enough data",
    };
    let rows = outlooks
        .iter()
        .map(|(workflow, stage, o)| {
            vec![
                cx.item(o.item),
                Cell::text(workflow.clone()),
                Cell::text(stage.clone()),
                Cell::text(o.deadline.map(|d| d.date.to_string()).unwrap_or_default()),
                Cell::text(o.chance.map(percent).unwrap_or_else(|| "—".into())),
                Cell::text(status(o.status)),
                Cell::text(o.reason.clone().unwrap_or_default()),
            ]
        })
        .collect();
    chart.table = cx.table(
        &[
            "Item", "Workflow", "Stage", "Date", "Chance", "Outlook", "Why",
        ],
        rows,
    );
    Ok(chart)
}

async fn held(db: &Db, conn: &mut Conn, cx: &Context) -> AppResult<ChartView> {
    let rows = crate::db::insights::forecasts_since(conn, cx.today - Duration::days(365)).await?;
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|r| cx.query.campaign.is_none_or(|c| c == r.campaign))
        .collect();
    let ids: Vec<_> = {
        let mut ids: Vec<_> = rows.iter().flat_map(|r| r.items.iter().copied()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let stages = crate::db::insights::current_stages(conn, &ids).await?;
    let flows: BTreeMap<_, _> = super::super::flows(db, conn)
        .await?
        .into_iter()
        .filter_map(|(def, _)| Some((def.id.clone(), def.stages.last()?.key.clone())))
        .collect();
    let finish_day = |row: &crate::db::insights::ForecastRow| {
        let mut last = None;
        for id in &row.items {
            let Some((workflow, stage, at, archived)) = stages.get(id) else {
                continue;
            };
            let finished = flows.get(workflow).is_some_and(|l| l == stage);
            match (finished, archived) {
                (true, _) => {
                    let day = crate::domain::metrics::local_day(*at, cx.offset);
                    last = Some(last.map_or(day, |d: chrono::NaiveDate| d.max(day)));
                }
                (false, true) => {} // dropped: it will never finish
                (false, false) => return None,
            }
        }
        last.or(Some(row.made_on))
    };
    let mut by_campaign: BTreeMap<_, Vec<StoredForecast>> = BTreeMap::new();
    let mut latest: BTreeMap<_, &crate::db::insights::ForecastRow> = BTreeMap::new();
    for row in &rows {
        latest.insert(row.campaign, row);
        let Some(p85) = row.p85 else { continue };
        by_campaign
            .entry(row.campaign)
            .or_default()
            .push(StoredForecast {
                made_on: row.made_on,
                p85,
                finished: finish_day(row),
            });
    }
    let everything: Vec<StoredForecast> = by_campaign.values().flatten().copied().collect();
    let hits = forecast_hits(&everything, cx.today);
    let mut chart = cx.chart(
        "forecasts-held",
        "Did the forecasts hold?",
        hits.summary(),
        "Every day Baton keeps each open campaign's P85 forecast of when its open items will be \
         done; a forecast held when they were all done by its date."
            .to_owned(),
    );
    let table_rows = latest
        .iter()
        .map(|(campaign, row)| {
            let h = forecast_hits(by_campaign.get(campaign).into_iter().flatten(), cx.today);
            vec![
                Cell::text(
                    cx.campaign_names
                        .get(campaign)
                        .cloned()
                        .unwrap_or_else(|| format!("Campaign {campaign}")),
                ),
                Cell::text(
                    row.p85
                        .map(crate::domain::words::day)
                        .unwrap_or_else(|| "beyond two years".into()),
                ),
                Cell::text(format!(
                    "{}{}",
                    crate::domain::words::day(row.made_on),
                    if row.enough_data {
                        ""
                    } else {
                        " (rough guess: little data)"
                    }
                )),
                Cell::text(h.held.to_string()),
                Cell::text(h.missed.to_string()),
                Cell::text(h.pending.to_string()),
                Cell::text(h.share().map(percent).unwrap_or_else(|| "—".into())),
            ]
        })
        .collect();
    chart.table = cx.table(
        &[
            "Campaign",
            "Latest P85 date",
            "Made on",
            "Held",
            "Missed",
            "Not due yet",
            "Share held",
        ],
        table_rows,
    );
    Ok(chart)
}

fn measures(cx: &Context, parts: &[&Loaded], period: Period) -> Vec<Measure> {
    let all = parts.iter().flat_map(|l| l.histories.iter());
    let mut out = cycle_times(all.clone(), period, cx.offset).measures();
    out.extend(weekly_throughput(all.clone(), period, cx.offset).measures());
    out.extend(on_time_delivery(all.clone(), period, cx.offset).measures());
    let mut finished = 0;
    let mut fixed = 0;
    for l in parts {
        let e = crate::domain::metrics::error_rate(&l.histories, &l.flow, period, cx.offset);
        finished += e.finished;
        fixed += e.with_fixes;
    }
    out.push(Measure::new(
        MeasureKey::ErrorRate,
        (finished > 0).then(|| f64::from(fixed) / f64::from(finished)),
    ));
    out.extend(delivery::sla_of(cx, parts, period).measures());
    if let [one] = parts {
        out.extend(stage_times(&one.histories, &one.flow, period, cx.offset).measures());
    }
    out
}

fn said(key: MeasureKey, value: Option<f64>, cx: &Context) -> String {
    let Some(v) = value else {
        return "no data".to_owned();
    };
    match key {
        MeasureKey::CycleTimeP50 | MeasureKey::CycleTimeP85 | MeasureKey::CycleTimeP95 => {
            crate::domain::metrics::words::days(v.round().max(0.0) as u32)
        }
        MeasureKey::Throughput => format!(
            "{} {} a week",
            crate::domain::metrics::words::decimal(v),
            cx.noun.plural
        ),
        MeasureKey::Escalations => {
            format!("{} a week", crate::domain::metrics::words::decimal(v))
        }
        _ => percent(v),
    }
}

/// The figures of the period against those of the compared one, the earlier one first.
pub(super) fn comparison(cx: &Context, parts: &[&Loaded], other: Period) -> ChartView {
    let (before, after) = if other.first <= cx.period.first {
        (other, cx.period)
    } else {
        (cx.period, other)
    };
    let changes = compare(
        &measures(cx, parts, before),
        &measures(cx, parts, after),
        &cx.noun,
    );
    let better = changes.iter().filter(|c| c.improved == Some(true)).count();
    let worse = changes.iter().filter(|c| c.improved == Some(false)).count();
    let headline: Vec<&str> = changes
        .iter()
        .filter(|c| c.improved.is_some())
        .take(3)
        .map(|c| c.sentence.as_str())
        .collect();
    let summary = format!(
        "From {} to {}: {better} of {} figures got better and {worse} worse. {}",
        period_words(before),
        period_words(after),
        changes.len(),
        headline.join(" ")
    );
    let mut chart = cx.chart(
        "comparison",
        "Before and after",
        summary.trim_end().to_owned(),
        "The same figures for the two periods, worked out the same way.".to_owned(),
    );
    let rows = changes
        .iter()
        .map(|c| {
            vec![
                Cell::text(c.key.label()),
                Cell::text(said(c.key, c.before, cx)),
                Cell::text(said(c.key, c.after, cx)),
                Cell::text(match c.improved {
                    Some(true) => "Better",
                    Some(false) => "Worse",
                    None => "—",
                }),
                Cell::text(c.sentence.clone()),
            ]
        })
        .collect();
    let before_label = format!("Before ({})", period_words(before));
    let after_label = format!("After ({})", period_words(after));
    chart.table = cx.table(
        &["Figure", &before_label, &after_label, "Verdict", "In words"],
        rows,
    );
    chart
}
