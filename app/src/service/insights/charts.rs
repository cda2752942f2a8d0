//! The figures of /insights as plain shapes in a view box: the server lays them out, the
//! page draws them as SVG (no chart library in the browser). Every figure here has a
//! table with the same numbers next to it; the shapes only make them easy to see.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use crate::domain::metrics::{
    AgeBand, AgingWip, CumulativeFlow, CycleTimes, Period, StageTimes, WeekCount, WipReport,
};
use crate::domain::words::day as long_day;
use crate::domain::ItemId;
use crate::views::insights::{Anchor, Figure, Mark, Spot, Tone};

/// View box width of every figure.
pub const WIDTH: u16 = 720;
/// View box height of every figure.
pub const HEIGHT: u16 = 280;
/// Items listed behind one dot; the rest are counted.
pub const SPOT_ITEMS: usize = 12;

const LEFT: f32 = 48.0;
const RIGHT: f32 = 64.0;
const TOP: f32 = 14.0;
const BOTTOM: f32 = 36.0;

fn round(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}

/// "3 Jun".
fn short(day: NaiveDate) -> String {
    day.format("%-d %b").to_string()
}

/// The plot area and the scales of one figure.
struct Frame {
    x_max: f32,
    y_max: f32,
}

impl Frame {
    fn new(x_max: f32, y_max: f32) -> Self {
        Frame {
            x_max: x_max.max(1.0),
            y_max: y_max.max(1.0),
        }
    }

    fn plot_width() -> f32 {
        f32::from(WIDTH) - LEFT - RIGHT
    }

    fn plot_height() -> f32 {
        f32::from(HEIGHT) - TOP - BOTTOM
    }

    fn x(&self, v: f32) -> f32 {
        round(LEFT + v / self.x_max * Self::plot_width())
    }

    fn y(&self, v: f32) -> f32 {
        round(TOP + Self::plot_height() - v / self.y_max * Self::plot_height())
    }

    fn bottom() -> f32 {
        TOP + Self::plot_height()
    }

    /// Axes, horizontal grid lines at `y_ticks` and labels at `x_ticks` (position, label).
    fn axes(&self, marks: &mut Vec<Mark>, x_ticks: &[(f32, String)], y_ticks: &[f32], unit: &str) {
        for &v in y_ticks {
            let y = self.y(v);
            marks.push(Mark::Rule {
                x1: LEFT,
                y1: y,
                x2: LEFT + Self::plot_width(),
                y2: y,
                tone: Tone::Grid,
                dashed: false,
            });
            marks.push(Mark::Text {
                x: LEFT - 6.0,
                y: y + 4.0,
                text: format_tick(v),
                anchor: Anchor::End,
                tone: Tone::Axis,
            });
        }
        if !unit.is_empty() {
            marks.push(Mark::Text {
                x: 4.0,
                y: TOP + 4.0,
                text: unit.to_owned(),
                anchor: Anchor::Start,
                tone: Tone::Axis,
            });
        }
        marks.push(Mark::Rule {
            x1: LEFT,
            y1: Self::bottom(),
            x2: LEFT + Self::plot_width(),
            y2: Self::bottom(),
            tone: Tone::Axis,
            dashed: false,
        });
        for (v, label) in x_ticks {
            marks.push(Mark::Text {
                x: self.x(*v),
                y: Self::bottom() + 16.0,
                text: label.clone(),
                anchor: Anchor::Middle,
                tone: Tone::Axis,
            });
        }
    }
}

fn format_tick(v: f32) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A round upper bound for a scale and its grid lines (at most five).
fn nice(max: f32) -> (f32, Vec<f32>) {
    let max = max.max(1.0);
    let raw = max / 4.0;
    let magnitude = 10f32.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(raw)
        .max(if max <= 4.0 { 1.0 } else { 0.0 });
    let top = (max / step).ceil() * step;
    let ticks = (0..)
        .map(|i| i as f32 * step)
        .take_while(|v| *v <= top + 1e-3)
        .collect();
    (top, ticks)
}

/// About six evenly spaced day labels over a period.
fn day_ticks(period: Period) -> Vec<(f32, String)> {
    let days = period.len_days().max(1);
    let step = days.div_ceil(6).max(1);
    (0..days)
        .step_by(step as usize)
        .map(|i| {
            let day = period.first + Duration::days(i64::from(i));
            (i as f32 + 0.5, short(day))
        })
        .collect()
}

fn figure(label: String, marks: Vec<Mark>, legend: Vec<(Tone, String)>) -> Figure {
    Figure {
        width: WIDTH,
        height: HEIGHT,
        label,
        marks,
        legend,
    }
}

/// A dashed line across the plot at `v`, labelled at the right.
fn level(frame: &Frame, marks: &mut Vec<Mark>, v: f32, label: String, tone: Tone) {
    let y = frame.y(v);
    marks.push(Mark::Rule {
        x1: LEFT,
        y1: y,
        x2: LEFT + Frame::plot_width(),
        y2: y,
        tone,
        dashed: true,
    });
    marks.push(Mark::Text {
        x: LEFT + Frame::plot_width() + 4.0,
        y: y + 4.0,
        text: label,
        anchor: Anchor::Start,
        tone,
    });
}

fn spot_of(label: String, items: &[ItemId], titles: &BTreeMap<ItemId, String>) -> Spot {
    Spot {
        label,
        items: items
            .iter()
            .take(SPOT_ITEMS)
            .map(|id| {
                (
                    *id,
                    titles
                        .get(id)
                        .cloned()
                        .unwrap_or_else(|| format!("Item {id}")),
                )
            })
            .collect(),
        more: items.len().saturating_sub(SPOT_ITEMS) as u32,
    }
}

/// The cycle-time scatter plot: a dot per finish day and cycle time (several items on one
/// spot share a dot), with the P50 / P70 / P85 / P95 lines.
pub fn cycle_scatter(ct: &CycleTimes, titles: &BTreeMap<ItemId, String>) -> (Figure, Vec<Spot>) {
    let period = ct.period;
    let max_days = ct.points.iter().map(|p| p.days).max().unwrap_or(1);
    let (top, ticks) = nice(max_days as f32);
    let frame = Frame::new(period.len_days() as f32, top);
    let mut marks = Vec::new();
    frame.axes(&mut marks, &day_ticks(period), &ticks, "days");
    let mut spots_at: BTreeMap<(NaiveDate, u32), Vec<ItemId>> = BTreeMap::new();
    for p in &ct.points {
        spots_at
            .entry((p.finished, p.days))
            .or_default()
            .push(p.item);
    }
    let mut spots = Vec::new();
    for ((finished, days), items) in spots_at {
        let index = period.index_of(finished).unwrap_or(0) as f32 + 0.5;
        let n = items.len();
        let label = format!(
            "{} finished {} after {}",
            if n == 1 {
                "1 item".to_owned()
            } else {
                format!("{n} items")
            },
            long_day(finished),
            crate::domain::metrics::words::days(days)
        );
        marks.push(Mark::Dot {
            x: frame.x(index),
            y: frame.y(days as f32),
            r: round(3.0 + (n.min(9) as f32).sqrt()),
            tone: Tone::Series(0),
            tip: label.clone(),
            spot: Some(spots.len() as u32),
        });
        spots.push(spot_of(label, &items, titles));
    }
    let mut legend = vec![(
        Tone::Series(0),
        "A finished item (a bigger dot: several)".to_owned(),
    )];
    if let Some(p) = ct.percentiles {
        for (name, v) in [
            ("P50", p.p50),
            ("P70", p.p70),
            ("P85", p.p85),
            ("P95", p.p95),
        ] {
            level(
                &frame,
                &mut marks,
                v as f32,
                format!("{name} {v}d"),
                Tone::Accent,
            );
        }
        legend.push((
            Tone::Accent,
            format!(
                "Percentile lines: P50 {}, P70 {}, P85 {}, P95 {} (days)",
                p.p50, p.p70, p.p85, p.p95
            ),
        ));
    }
    let label = format!(
        "Scatter plot of cycle times: {} finished items from {} to {}, days on the vertical axis.",
        ct.points.len(),
        long_day(period.first),
        long_day(period.last)
    );
    (figure(label, marks, legend), spots)
}

/// Bars, one per label, of values on one scale.
pub fn bars(
    label: String,
    values: &[(String, f64, Tone, String)],
    unit: &str,
    max: Option<f64>,
    legend: Vec<(Tone, String)>,
) -> Figure {
    let highest = values.iter().map(|v| v.1).fold(0.0, f64::max);
    let (top, ticks) = match max {
        Some(max) => (
            max as f32,
            (0..=4).map(|i| max as f32 * i as f32 / 4.0).collect(),
        ),
        None => nice(highest as f32),
    };
    let n = values.len().max(1) as f32;
    let frame = Frame::new(n, top);
    let mut marks = Vec::new();
    let every = (values.len() / 12).max(1);
    let x_ticks: Vec<(f32, String)> = values
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, v)| (i as f32 + 0.5, v.0.clone()))
        .collect();
    frame.axes(&mut marks, &x_ticks, &ticks, unit);
    let slot = Frame::plot_width() / n;
    for (i, (_, value, tone, tip)) in values.iter().enumerate() {
        let x = frame.x(i as f32) + slot * 0.15;
        let y = frame.y(*value as f32);
        marks.push(Mark::Rect {
            x: round(x),
            y,
            w: round(slot * 0.7),
            h: round(Frame::bottom() - y),
            tone: *tone,
            tip: tip.clone(),
        });
    }
    figure(label, marks, legend)
}

/// Items finished per week.
pub fn weekly(weeks: &[WeekCount], what: &str) -> Figure {
    let values: Vec<(String, f64, Tone, String)> = weeks
        .iter()
        .map(|w| {
            (
                short(w.monday),
                f64::from(w.count),
                Tone::Series(0),
                format!(
                    "Week of {}: {} {what}{}",
                    long_day(w.monday),
                    w.count,
                    if w.days_in_period < 7 {
                        format!(" ({} of its days in the period)", w.days_in_period)
                    } else {
                        String::new()
                    }
                ),
            )
        })
        .collect();
    bars(
        format!("Bar chart: {what} per week, {} weeks.", weeks.len()),
        &values,
        "",
        None,
        Vec::new(),
    )
}

/// The cumulative flow diagram: a band per stage, the last (finished) at the bottom.
pub fn flow_areas(cfd: &CumulativeFlow) -> Figure {
    let days = cfd.period.len_days() as usize;
    let totals = cfd.totals();
    let (top, ticks) = nice(totals.iter().copied().max().unwrap_or(1) as f32);
    let frame = Frame::new(days.saturating_sub(1).max(1) as f32, top);
    let mut marks = Vec::new();
    let x_ticks: Vec<(f32, String)> = day_ticks(cfd.period)
        .into_iter()
        .map(|(x, l)| (x - 0.5, l))
        .collect();
    frame.axes(&mut marks, &x_ticks, &ticks, "items");
    let mut below = vec![0u32; days];
    let mut legend = Vec::new();
    for (i, band) in cfd.bands.iter().enumerate().rev() {
        let above: Vec<u32> = below.iter().zip(&band.counts).map(|(b, c)| b + c).collect();
        let mut points: Vec<(f32, f32)> = above
            .iter()
            .enumerate()
            .map(|(d, v)| (frame.x(d as f32), frame.y(*v as f32)))
            .collect();
        points.extend(
            below
                .iter()
                .enumerate()
                .rev()
                .map(|(d, v)| (frame.x(d as f32), frame.y(*v as f32))),
        );
        let tone = Tone::Series(i as u8);
        marks.push(Mark::Path {
            points,
            tone,
            fill: true,
            dashed: false,
            tip: band.name.clone(),
        });
        legend.push((tone, band.name.clone()));
        below = above;
    }
    legend.reverse();
    figure(
        format!(
            "Cumulative flow diagram: items in each stage at the end of each day, {} to {}.",
            long_day(cfd.period.first),
            long_day(cfd.period.last)
        ),
        marks,
        legend,
    )
}

/// Work in progress per stage per day, each against its WIP limit (dashed).
pub fn wip_lines(wip: &WipReport) -> Figure {
    let stages: Vec<_> = wip
        .stages
        .iter()
        .take(wip.stages.len().saturating_sub(1))
        .collect();
    let highest = stages
        .iter()
        .flat_map(|s| s.daily.iter().copied().chain(s.limit))
        .max()
        .unwrap_or(1);
    let (top, ticks) = nice(highest as f32);
    let days = wip.period.len_days() as usize;
    let frame = Frame::new(days.saturating_sub(1).max(1) as f32, top);
    let mut marks = Vec::new();
    let x_ticks: Vec<(f32, String)> = day_ticks(wip.period)
        .into_iter()
        .map(|(x, l)| (x - 0.5, l))
        .collect();
    frame.axes(&mut marks, &x_ticks, &ticks, "items");
    let mut legend = Vec::new();
    for (i, stage) in stages.iter().enumerate() {
        let tone = Tone::Series(i as u8);
        if let Some(limit) = stage.limit {
            level(
                &frame,
                &mut marks,
                limit as f32,
                format!("{} limit {limit}", stage.name),
                tone,
            );
        }
        marks.push(Mark::Path {
            points: stage
                .daily
                .iter()
                .enumerate()
                .map(|(d, v)| (frame.x(d as f32), frame.y(*v as f32)))
                .collect(),
            tone,
            fill: false,
            dashed: false,
            tip: stage.name.clone(),
        });
        legend.push((
            tone,
            match stage.limit {
                Some(limit) => format!("{} (limit {limit}, dashed)", stage.name),
                None => format!("{} (no limit)", stage.name),
            },
        ));
    }
    figure(
        "Line chart: work in progress per stage at the end of each day, with WIP limits dashed."
            .to_owned(),
        marks,
        legend,
    )
}

fn band_tone(band: AgeBand) -> Tone {
    match band {
        AgeBand::WithinMedian => Tone::Good,
        AgeBand::WithinP85 => Tone::Warn,
        AgeBand::BeyondP85 => Tone::Bad,
        AgeBand::Unrated => Tone::Muted,
    }
}

/// Aging work in progress: every open item at its stage by its age, coloured against the
/// P50 and P85 of finished items.
pub fn aging_dots(
    aging: &AgingWip,
    stage_names: &[String],
    titles: &BTreeMap<ItemId, String>,
) -> (Figure, Vec<Spot>) {
    let columns = stage_names.len().max(1);
    let highest = aging
        .items
        .iter()
        .map(|i| i.age_days)
        .chain(aging.reference.map(|p| p.p85))
        .max()
        .unwrap_or(1);
    let (top, ticks) = nice(highest as f32);
    let frame = Frame::new(columns as f32, top);
    let mut marks = Vec::new();
    let x_ticks: Vec<(f32, String)> = stage_names
        .iter()
        .enumerate()
        .map(|(i, n)| (i as f32 + 0.5, n.clone()))
        .collect();
    frame.axes(&mut marks, &x_ticks, &ticks, "days old");
    let mut spots_at: BTreeMap<(usize, u32), Vec<(ItemId, AgeBand)>> = BTreeMap::new();
    for item in &aging.items {
        let column = item.position.unwrap_or(columns - 1).min(columns - 1);
        spots_at
            .entry((column, item.age_days))
            .or_default()
            .push((item.item, item.band));
    }
    let mut spots = Vec::new();
    let mut per_column: BTreeMap<usize, usize> = BTreeMap::new();
    for ((column, age), items) in spots_at {
        let nth = per_column.entry(column).or_default();
        let jitter = ((*nth % 5) as f32 - 2.0) * 0.12;
        *nth += 1;
        let ids: Vec<ItemId> = items.iter().map(|(id, _)| *id).collect();
        let band = items
            .iter()
            .map(|(_, b)| *b)
            .max()
            .unwrap_or(AgeBand::Unrated);
        let stage = stage_names.get(column).cloned().unwrap_or_default();
        let label = format!(
            "{} in {stage}, {} old",
            if ids.len() == 1 {
                "1 item".to_owned()
            } else {
                format!("{} items", ids.len())
            },
            crate::domain::metrics::words::days(age)
        );
        marks.push(Mark::Dot {
            x: frame.x(column as f32 + 0.5 + jitter),
            y: frame.y(age as f32),
            r: round(3.5 + (ids.len().min(9) as f32).sqrt()),
            tone: band_tone(band),
            tip: label.clone(),
            spot: Some(spots.len() as u32),
        });
        spots.push(spot_of(label, &ids, titles));
    }
    let mut legend = Vec::new();
    if let Some(p) = aging.reference {
        level(
            &frame,
            &mut marks,
            p.p50 as f32,
            format!("P50 {}d", p.p50),
            Tone::Accent,
        );
        level(
            &frame,
            &mut marks,
            p.p85 as f32,
            format!("P85 {}d", p.p85),
            Tone::Accent,
        );
        legend.push((Tone::Good, format!("Younger than P50 ({} days)", p.p50)));
        legend.push((Tone::Warn, format!("Between P50 and P85 ({} days)", p.p85)));
        legend.push((
            Tone::Bad,
            "Older than 85 % of finished items took".to_owned(),
        ));
    } else {
        legend.push((
            Tone::Muted,
            "Not rated: nothing finished to compare with".to_owned(),
        ));
    }
    (
        figure(
            format!(
                "Aging work in progress: {} open items by stage (across) and age in days (up).",
                aging.items.len()
            ),
            marks,
            legend,
        ),
        spots,
    )
}

/// Time in stage: each stage's share of cycle time, split into waiting for approval and
/// working.
pub fn stage_bars(times: &StageTimes) -> Figure {
    let n = times.stages.len().max(1) as f32;
    let frame = Frame::new(n, 100.0);
    let mut marks = Vec::new();
    let x_ticks: Vec<(f32, String)> = times
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (i as f32 + 0.5, s.name.clone()))
        .collect();
    frame.axes(
        &mut marks,
        &x_ticks,
        &[0.0, 25.0, 50.0, 75.0, 100.0],
        "% of cycle time",
    );
    let slot = Frame::plot_width() / n;
    let all: i64 = times
        .stages
        .iter()
        .map(|s| s.total_secs)
        .sum::<i64>()
        .max(1);
    for (i, stage) in times.stages.iter().enumerate() {
        let share = stage.total_secs as f32 / all as f32 * 100.0;
        let waiting = stage.waiting_secs.min(stage.total_secs) as f32 / all as f32 * 100.0;
        let x = round(frame.x(i as f32) + slot * 0.2);
        let w = round(slot * 0.6);
        let top = frame.y(share);
        let middle = frame.y(share - waiting);
        marks.push(Mark::Rect {
            x,
            y: middle,
            w,
            h: round(Frame::bottom() - middle),
            tone: Tone::Series(0),
            tip: format!("{}: working", stage.name),
        });
        if waiting > 0.0 {
            marks.push(Mark::Rect {
                x,
                y: top,
                w,
                h: round(middle - top),
                tone: Tone::Warn,
                tip: format!("{}: waiting for approval", stage.name),
            });
        }
        marks.push(Mark::Text {
            x: round(x + w / 2.0),
            y: round(top - 4.0),
            text: format!("{:.0} %", share),
            anchor: Anchor::Middle,
            tone: Tone::Axis,
        });
    }
    figure(
        "Bar chart: each stage's share of cycle time, waiting for approval stacked on working."
            .to_owned(),
        marks,
        vec![
            (Tone::Series(0), "Working".to_owned()),
            (Tone::Warn, "Waiting for approval".to_owned()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_round_up_to_easy_numbers() {
        assert_eq!(nice(9.0).0, 10.0);
        assert_eq!(nice(3.0), (3.0, vec![0.0, 1.0, 2.0, 3.0]));
        assert_eq!(nice(87.0).0, 100.0);
        assert!(nice(0.0).1.len() >= 2);
        let frame = Frame::new(10.0, 10.0);
        assert_eq!(frame.x(0.0), LEFT);
        assert_eq!(frame.y(0.0), round(Frame::bottom()));
        assert!(frame.y(10.0) < frame.y(5.0), "up is more");
    }
}
