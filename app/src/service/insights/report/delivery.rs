//! How the work is delivered: on time, without post-launch fixes, inside its SLAs — per
//! workflow, or added up across workflows.

use super::super::charts;
use super::super::load::Loaded;
use super::Context;
use crate::domain::metrics::throughput::WeekCount;
use crate::domain::metrics::words::{counted, percent};
use crate::domain::metrics::{
    elapsed_sla_hours, error_rate, on_time_delivery, sla_performance, ErrorRate, ItemHistory,
    OnTimeCount, SlaCount, SlaPerformance, StageFixes,
};
use crate::views::insights::{Cell, ChartView, Tone};

/// The delivery charts of the report.
pub(super) fn charts(cx: &Context, parts: &[&Loaded]) -> Vec<ChartView> {
    let sla = sla_of(cx, parts, cx.period);
    vec![
        on_time(cx, parts),
        errors(cx, parts),
        sla_chart(cx, parts, &sla),
        escalations(cx, &sla),
    ]
}

fn histories<'a>(parts: &'a [&'a Loaded]) -> impl Iterator<Item = &'a ItemHistory> + Clone {
    parts.iter().flat_map(|l| l.histories.iter())
}

fn share_tone(share: Option<f64>) -> Tone {
    match share {
        Some(s) if s >= 0.85 => Tone::Good,
        Some(s) if s >= 0.6 => Tone::Warn,
        Some(_) => Tone::Bad,
        None => Tone::Muted,
    }
}

fn on_time(cx: &Context, parts: &[&Loaded]) -> ChartView {
    let report = on_time_delivery(histories(parts), cx.period, cx.offset);
    let mut chart = cx.chart(
        "on-time",
        "On-time delivery",
        report.summary(&cx.noun),
        "The share of finished items that reached their last stage on or before their planned \
         publish, send or launch date — or their due date when they have none. Items with \
         neither are left out."
            .to_owned(),
    );
    let row = |group: String, c: &OnTimeCount| {
        vec![
            Cell::text(group),
            Cell::text(c.on_time.to_string()),
            Cell::text(c.late.to_string()),
            Cell::text(c.without_date.to_string()),
            Cell::text(c.share().map(percent).unwrap_or_else(|| "—".into())),
        ]
    };
    let mut rows = vec![row("All".to_owned(), &report.overall)];
    let mut bars = Vec::new();
    let mut group = |name: String, c: &OnTimeCount, rows: &mut Vec<Vec<Cell>>| {
        rows.push(row(name.clone(), c));
        if let Some(share) = c.share() {
            bars.push((
                name.clone(),
                share * 100.0,
                share_tone(Some(share)),
                format!(
                    "{name}: {} on time ({} of {})",
                    percent(share),
                    c.on_time,
                    c.judged()
                ),
            ));
        }
    };
    if parts.len() > 1 {
        for (workflow, c) in &report.by_workflow {
            group(
                format!("Workflow: {}", cx.workflow_name(workflow)),
                c,
                &mut rows,
            );
        }
    }
    for (channel, c) in &report.by_channel {
        group(format!("Channel: {}", channel.label()), c, &mut rows);
    }
    if !bars.is_empty() {
        chart.figure = Some(charts::bars(
            "Bar chart: the share delivered on time, per group.".to_owned(),
            &bars,
            "% on time",
            Some(100.0),
            vec![
                (Tone::Good, "85 % or more".to_owned()),
                (Tone::Warn, "60–84 %".to_owned()),
                (Tone::Bad, "under 60 %".to_owned()),
            ],
        ));
    }
    chart.table = cx.table(
        &["Group", "On time", "Late", "No date", "Share on time"],
        rows,
    );
    chart
}

/// The error rate of every workflow of the report, added up (stages named per workflow).
fn merged_errors(cx: &Context, parts: &[&Loaded]) -> ErrorRate {
    let mut merged: Option<ErrorRate> = None;
    for l in parts {
        let mut one = error_rate(&l.histories, &l.flow, cx.period, cx.offset);
        if parts.len() > 1 {
            for s in &mut one.by_stage {
                if s.stage.is_some() {
                    s.name = format!("{}: {}", l.flow.name, s.name);
                }
            }
        }
        merged = Some(match merged {
            None => one,
            Some(mut m) => {
                m.finished += one.finished;
                m.with_fixes += one.with_fixes;
                m.fixes += one.fixes;
                for s in one.by_stage {
                    match m.by_stage.iter_mut().find(|x| x.name == s.name) {
                        Some(x) => {
                            x.fixes += s.fixes;
                            x.items += s.items;
                        }
                        None => m.by_stage.push(s),
                    }
                }
                m
            }
        });
    }
    let mut merged = merged.unwrap_or(ErrorRate {
        period: cx.period,
        finished: 0,
        with_fixes: 0,
        fixes: 0,
        by_stage: Vec::new(),
    });
    merged
        .by_stage
        .sort_by_key(|s: &StageFixes| std::cmp::Reverse(s.fixes));
    merged
}

fn errors(cx: &Context, parts: &[&Loaded]) -> ChartView {
    let report = merged_errors(cx, parts);
    let mut chart = cx.chart(
        "error-rate",
        "Post-launch fixes",
        report.summary(&cx.noun),
        "The share of items finished in the period that needed a fix after they went out \
         (recorded on the item's page), and the stages the team says should have caught the \
         problems: are the QA steps working?"
            .to_owned(),
    );
    if !report.by_stage.is_empty() {
        let bars: Vec<_> = report
            .by_stage
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    f64::from(s.fixes),
                    Tone::Bad,
                    format!(
                        "{}: {}",
                        s.name,
                        counted(u64::from(s.fixes), "fix", "fixes")
                    ),
                )
            })
            .collect();
        chart.figure = Some(charts::bars(
            "Bar chart: post-launch fixes by the stage that should have caught them.".to_owned(),
            &bars,
            "fixes",
            None,
            Vec::new(),
        ));
    }
    let mut rows = vec![vec![
        Cell::text("All finished items"),
        Cell::text(report.fixes.to_string()),
        Cell::text(format!(
            "{} of {} ({})",
            report.with_fixes,
            report.finished,
            report.share().map(percent).unwrap_or_else(|| "—".into())
        )),
    ]];
    rows.extend(report.by_stage.iter().map(|s| {
        vec![
            Cell::text(s.name.clone()),
            Cell::text(s.fixes.to_string()),
            Cell::text(s.items.to_string()),
        ]
    }));
    chart.table = cx.table(
        &["Stage that should have caught it", "Fixes", "Items"],
        rows,
    );
    chart
}

/// SLA performance of every workflow of the report, added up.
pub(super) fn sla_of(
    cx: &Context,
    parts: &[&Loaded],
    period: crate::domain::metrics::Period,
) -> SlaPerformance {
    let elapsed = elapsed_sla_hours(&cx.hours);
    let mut merged: Option<SlaPerformance> = None;
    for l in parts {
        let mut one = sla_performance(&l.histories, &l.flow, period, cx.offset, cx.now, &elapsed);
        if parts.len() > 1 {
            for s in &mut one.stages {
                s.name = format!("{}: {}", l.flow.name, s.name);
            }
        }
        merged = Some(match merged {
            None => one,
            Some(mut m) => {
                m.overall.within += one.overall.within;
                m.overall.breached += one.overall.breached;
                m.overall.running += one.overall.running;
                m.stages.extend(one.stages);
                for (week, other) in m.escalations.iter_mut().zip(&one.escalations) {
                    week.count += other.count;
                }
                m
            }
        });
    }
    merged.unwrap_or_else(|| SlaPerformance {
        period,
        overall: SlaCount::default(),
        stages: Vec::new(),
        escalations: crate::domain::metrics::throughput::weekly_counts([], period),
    })
}

fn sla_chart(cx: &Context, _parts: &[&Loaded], report: &SlaPerformance) -> ChartView {
    let mut chart = cx.chart(
        "sla",
        "SLA performance",
        report.summary(),
        "Each stage visit begun in the period, against its stage's SLA (business-hours SLAs \
         count the team's working week): within, breached, or still running inside it."
            .to_owned(),
    );
    let bars: Vec<_> = report
        .stages
        .iter()
        .filter_map(|s| {
            let share = s.visits.share()?;
            Some((
                s.name.clone(),
                share * 100.0,
                share_tone(Some(share)),
                format!(
                    "{}: {} within {} h ({} of {})",
                    s.name,
                    percent(share),
                    s.sla.hours,
                    s.visits.within,
                    s.visits.within + s.visits.breached
                ),
            ))
        })
        .collect();
    if !bars.is_empty() {
        chart.figure = Some(charts::bars(
            "Bar chart: the share of stage visits within their SLA, per stage.".to_owned(),
            &bars,
            "% within SLA",
            Some(100.0),
            Vec::new(),
        ));
    }
    let rows = report
        .stages
        .iter()
        .map(|s| {
            vec![
                Cell::text(s.name.clone()),
                Cell::text(format!(
                    "{} h{}",
                    s.sla.hours,
                    if s.sla.business_hours {
                        " (working hours)"
                    } else {
                        ""
                    }
                )),
                Cell::text(s.visits.within.to_string()),
                Cell::text(s.visits.breached.to_string()),
                Cell::text(s.visits.running.to_string()),
                Cell::text(s.visits.share().map(percent).unwrap_or_else(|| "—".into())),
            ]
        })
        .collect();
    chart.table = cx.table(
        &[
            "Stage",
            "SLA",
            "Within",
            "Breached",
            "Still running",
            "Share within",
        ],
        rows,
    );
    chart
}

fn escalations(cx: &Context, report: &SlaPerformance) -> ChartView {
    let total: u32 = report.escalations.iter().map(|w| w.count).sum();
    let mut chart = cx.chart(
        "escalations",
        "Escalations per week",
        format!(
            "{} in the period, {} a week on average.",
            counted(u64::from(total), "escalation", "escalations"),
            crate::domain::metrics::words::decimal(report.escalations_per_week())
        ),
        "Escalations raised when an item stayed in a stage past its SLA, per Monday-to-Sunday week."
            .to_owned(),
    );
    if total > 0 {
        chart.figure = Some(charts::weekly(&report.escalations, "escalations"));
    }
    let rows = report
        .escalations
        .iter()
        .map(|w: &WeekCount| {
            vec![
                Cell::text(w.monday.to_string()),
                Cell::text(w.days_in_period.to_string()),
                Cell::text(w.count.to_string()),
            ]
        })
        .collect();
    chart.table = cx.table(&["Week starting", "Days in period", "Escalations"], rows);
    chart
}
