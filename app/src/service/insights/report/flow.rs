//! How the work flows: cycle time, throughput, cumulative flow, WIP, aging work in progress
//! and time in stage (one workflow), or each workflow side by side (all of them).

use super::super::charts;
use super::super::load::Loaded;
use super::Context;
use crate::domain::metrics::words::{capitalised, decimal, duration, percent};
use crate::domain::metrics::{
    aging_wip, cumulative_flow, cycle_times, stage_times, weekly_throughput, AgeBand, ItemHistory,
};
use crate::views::insights::{Cell, ChartView};

/// The flow charts of the report.
pub(super) fn charts(cx: &Context, parts: &[&Loaded]) -> Vec<ChartView> {
    let mut out = vec![cycle_time(cx, parts), throughput(cx, parts)];
    match parts {
        [one] if !cx.query.all_workflows() => {
            out.extend([
                flow_diagram(cx, one),
                wip(cx, one),
                aging(cx, one),
                stage_time(cx, one),
            ]);
        }
        _ => out.push(by_workflow(cx, parts)),
    }
    out
}

fn histories<'a>(parts: &'a [&'a Loaded]) -> impl Iterator<Item = &'a ItemHistory> + Clone {
    parts.iter().flat_map(|l| l.histories.iter())
}

/// Where work starts and finishes, in words.
fn span_words(parts: &[&Loaded]) -> String {
    match parts {
        [one] => {
            let flow = &one.flow;
            let start = flow
                .stages
                .get(flow.start)
                .map_or_else(String::new, |s| s.name.clone());
            let last = flow
                .stages
                .last()
                .map_or_else(String::new, |s| s.name.clone());
            format!("from entering {start} to reaching {last}")
        }
        _ => "from each workflow's start stage to its last stage".to_owned(),
    }
}

fn cycle_time(cx: &Context, parts: &[&Loaded]) -> ChartView {
    let ct = cycle_times(histories(parts), cx.period, cx.offset);
    let about = format!(
        "Cycle time counts calendar days {}, both days counted (started and finished on the \
         same day is 1 day). P85 is the time 85 % of {} finished within (nearest rank).",
        span_words(parts),
        cx.noun.plural
    );
    let mut chart = cx.chart("cycle-time", "Cycle time", ct.summary(&cx.noun), about);
    if !ct.points.is_empty() {
        let (figure, spots) = charts::cycle_scatter(&ct, &cx.titles);
        chart.figure = Some(figure);
        chart.spots = spots;
    }
    let workflow_of: std::collections::BTreeMap<_, _> = histories(parts)
        .map(|h| (h.item, &h.details.workflow))
        .collect();
    let mut points = ct.points.clone();
    points.sort_by_key(|p| std::cmp::Reverse((p.finished, p.item)));
    let rows = points
        .iter()
        .map(|p| {
            vec![
                cx.item(p.item),
                Cell::text(
                    workflow_of
                        .get(&p.item)
                        .map(|w| cx.workflow_name(w))
                        .unwrap_or_default(),
                ),
                Cell::text(p.finished.to_string()),
                Cell::text(p.days.to_string()),
            ]
        })
        .collect();
    chart.table = cx.table(&["Item", "Workflow", "Finished", "Cycle time (days)"], rows);
    chart
}

fn throughput(cx: &Context, parts: &[&Loaded]) -> ChartView {
    let tp = weekly_throughput(histories(parts), cx.period, cx.offset);
    let mut chart = cx.chart(
        "throughput",
        "Throughput",
        tp.summary(&cx.noun),
        format!(
            "{} reaching their last stage per Monday-to-Sunday week; weeks with none count as \
             zero, and weeks cut by the period say how many of their days are in it.",
            capitalised(&cx.noun.plural)
        ),
    );
    if tp.total() > 0 {
        chart.figure = Some(charts::weekly(&tp.weeks, "finished"));
    }
    let rows = tp
        .weeks
        .iter()
        .map(|w| {
            vec![
                Cell::text(w.monday.to_string()),
                Cell::text(format!("W{:02}", w.iso_week)),
                Cell::text(w.days_in_period.to_string()),
                Cell::text(w.count.to_string()),
            ]
        })
        .collect();
    chart.table = cx.table(
        &["Week starting", "ISO week", "Days in period", "Finished"],
        rows,
    );
    chart
}

fn flow_diagram(cx: &Context, one: &Loaded) -> ChartView {
    let flow = &one.flow;
    let mut cfd = cumulative_flow(&one.histories, flow, cx.period, cx.offset);
    let last_key = flow.stages.last().map(|s| s.key.clone());
    if let Some(band) = cfd.bands.iter_mut().find(|b| b.stage == last_key) {
        for count in &mut band.counts {
            *count += one.finished_before;
        }
    }
    let end = cfd.period.len_days().saturating_sub(1) as usize;
    let at_end = |i: usize| {
        cfd.bands
            .get(i)
            .and_then(|b| b.counts.get(end))
            .copied()
            .unwrap_or(0)
    };
    let last = flow.stages.len().saturating_sub(1);
    let in_progress: u32 = (flow.start.min(last)..last).map(at_end).sum();
    let waiting: u32 = (0..flow.start.min(last)).map(at_end).sum();
    let finished = weekly_throughput(&one.histories, cx.period, cx.offset).total();
    let summary = format!(
        "On {}, {} {} in progress and {} not started; {} finished during the period.",
        crate::domain::words::day(cfd.period.last),
        cx.noun.count(u64::from(in_progress)),
        if in_progress == 1 { "was" } else { "were" },
        waiting,
        cx.noun.count(u64::from(finished)),
    );
    let mut chart = cx.chart(
        "cfd",
        "Cumulative flow",
        summary,
        "Items in each stage at the end of each day, finished work at the bottom. The vertical \
         distance between bands is work in progress, the horizontal distance roughly the time \
         in between, the slope of the bottom band throughput."
            .to_owned(),
    );
    chart.figure = Some(charts::flow_areas(&cfd));
    let mut columns = vec!["Day".to_owned()];
    columns.extend(cfd.bands.iter().map(|b| b.name.clone()));
    let rows = cfd
        .period
        .days()
        .enumerate()
        .map(|(d, day)| {
            let mut row = vec![Cell::text(day.to_string())];
            row.extend(
                cfd.bands
                    .iter()
                    .map(|b| Cell::text(b.counts[d].to_string())),
            );
            row
        })
        .collect();
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    chart.table = cx.table(&names, rows);
    chart
}

fn wip(cx: &Context, one: &Loaded) -> ChartView {
    let cfd = cumulative_flow(&one.histories, &one.flow, cx.period, cx.offset);
    let report = cfd.wip();
    let mut chart = cx.chart(
        "wip",
        "Work in progress against WIP limits",
        report.summary(),
        "Items in each stage at the end of each day, against the stage's WIP limit (dashed)."
            .to_owned(),
    );
    chart.figure = Some(charts::wip_lines(&report));
    let rows = report
        .stages
        .iter()
        .take(report.stages.len().saturating_sub(1))
        .map(|s| {
            vec![
                Cell::text(s.name.clone()),
                Cell::text(
                    s.limit
                        .map(|l| l.to_string())
                        .unwrap_or_else(|| "none".into()),
                ),
                Cell::text(decimal(s.average)),
                Cell::text(s.peak.to_string()),
                Cell::text(s.days_over_limit.to_string()),
            ]
        })
        .collect();
    chart.table = cx.table(
        &[
            "Stage",
            "WIP limit",
            "Average",
            "Most on a day",
            "Days over the limit",
        ],
        rows,
    );
    chart
}

fn aging(cx: &Context, one: &Loaded) -> ChartView {
    let flow = &one.flow;
    let reference = cycle_times(&one.histories, cx.period, cx.offset).percentiles;
    let report = aging_wip(&one.histories, flow, reference, cx.now, cx.offset);
    let mut chart = cx.chart(
        "aging",
        "Aging work in progress",
        report.summary(&cx.noun),
        format!(
            "Every {} started and not finished, at its stage by its age in days, coloured against \
             the cycle times of the period: what is getting old now.",
            cx.noun.singular
        ),
    );
    let names: Vec<String> = flow
        .stages
        .iter()
        .take(flow.stages.len().saturating_sub(1))
        .map(|s| s.name.clone())
        .collect();
    if !report.items.is_empty() {
        let (figure, spots) = charts::aging_dots(&report, &names, &cx.titles);
        chart.figure = Some(figure);
        chart.spots = spots;
    }
    let band = |b: AgeBand| match b {
        AgeBand::WithinMedian => "Within P50",
        AgeBand::WithinP85 => "Between P50 and P85",
        AgeBand::BeyondP85 => "Older than P85",
        AgeBand::Unrated => "Not rated",
    };
    let mut items = report.items.clone();
    items.sort_by(|a, b| (b.age_days, a.item).cmp(&(a.age_days, b.item)));
    let rows = items
        .iter()
        .map(|i| {
            vec![
                cx.item(i.item),
                Cell::text(flow.stage_name(&i.stage)),
                Cell::text(i.age_days.to_string()),
                Cell::text(duration(i.in_stage_secs)),
                Cell::text(band(i.band)),
            ]
        })
        .collect();
    chart.table = cx.table(
        &[
            "Item",
            "Stage",
            "Age (days)",
            "In this stage for",
            "Age against finished items",
        ],
        rows,
    );
    chart
}

fn stage_time(cx: &Context, one: &Loaded) -> ChartView {
    let report = stage_times(&one.histories, &one.flow, cx.period, cx.offset);
    let mut chart = cx.chart(
        "stage-time",
        "Where items wait",
        report.summary(&cx.noun),
        format!(
            "Time finished {} spent in each stage between starting and finishing (every visit \
             counts), split into waiting for an approval decision and working. The bottleneck \
             is the stage holding the most of it.",
            cx.noun.plural
        ),
    );
    if !report.stages.is_empty() {
        chart.figure = Some(charts::stage_bars(&report));
    }
    let rows = report
        .stages
        .iter()
        .map(|s| {
            vec![
                Cell::text(s.name.clone()),
                Cell::text(s.visits.to_string()),
                Cell::text(duration(s.total.median_secs)),
                Cell::text(duration(s.total.p85_secs)),
                Cell::text(duration(s.waiting.median_secs)),
                Cell::text(duration(s.working.median_secs)),
                Cell::text(percent(s.share_of_cycle_time)),
                Cell::text(percent(s.share_of_waiting)),
            ]
        })
        .collect();
    chart.table = cx.table(
        &[
            "Stage",
            "Visits",
            "Median visit",
            "P85 visit",
            "Median waiting for approval",
            "Median working",
            "Share of cycle time",
            "Share of waiting",
        ],
        rows,
    );
    chart
}

fn by_workflow(cx: &Context, parts: &[&Loaded]) -> ChartView {
    let mut chart = cx.chart(
        "by-workflow",
        "Each workflow",
        format!(
            "Flow diagrams, WIP, aging and time in stage are drawn per workflow, since their \
             stages differ: choose one above. Here is each workflow's {} at a glance.",
            "cycle time, throughput and bottleneck"
        ),
        "Cycle time and throughput of the period; work in progress now; the stage holding the \
         most cycle time."
            .to_owned(),
    );
    let rows = parts
        .iter()
        .map(|l| {
            let ct = cycle_times(&l.histories, cx.period, cx.offset);
            let tp = weekly_throughput(&l.histories, cx.period, cx.offset);
            let st = stage_times(&l.histories, &l.flow, cx.period, cx.offset);
            let open = l.histories.iter().filter(|h| h.in_progress()).count();
            let p = ct.percentiles;
            vec![
                Cell::text(l.flow.name.clone()),
                Cell::text(ct.points.len().to_string()),
                Cell::text(p.map(|p| p.p50.to_string()).unwrap_or_default()),
                Cell::text(p.map(|p| p.p85.to_string()).unwrap_or_default()),
                Cell::text(decimal(tp.per_week())),
                Cell::text(open.to_string()),
                Cell::text(
                    st.bottleneck
                        .map(|b| format!("{} ({})", b.name, percent(b.share)))
                        .unwrap_or_default(),
                ),
            ]
        })
        .collect();
    chart.table = cx.table(
        &[
            "Workflow",
            "Finished",
            "Cycle time P50 (days)",
            "Cycle time P85 (days)",
            "Finished per week",
            "In progress now",
            "Bottleneck",
        ],
        rows,
    );
    chart
}
