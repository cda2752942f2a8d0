//! What /insights sends: each chart already worked out on the server — its title, the
//! sentence that sums it up, its figure as plain shapes to draw as SVG, and the table of
//! its numbers — so the browser only draws, and needs no chart library.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::WorkflowTag;
use super::tags::{CampaignTag, PersonTag};
use crate::domain::filter::query_string;
use crate::domain::words::escape_markup;
use crate::domain::{CampaignId, Channel, ItemId, PersonId, StageKey, WorkflowId};

/// The periods offered, in whole weeks ending today.
pub const PERIOD_WEEKS: [u32; 4] = [4, 12, 26, 52];
/// The period shown unless another is asked for.
pub const DEFAULT_WEEKS: u32 = 12;
/// The `workflow` value that means every workflow.
pub const ALL_WORKFLOWS: &str = "all";

/// Everything /insights' address says: which work, which period, compared with what.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct InsightsQuery {
    /// One workflow's id, [`ALL_WORKFLOWS`], or `None` for the first workflow.
    pub workflow: Option<WorkflowId>,
    /// The last this many days… in whole weeks, ending today (when `from`/`to` are not set).
    pub weeks: Option<u32>,
    /// A period's first day.
    pub from: Option<NaiveDate>,
    /// A period's last day.
    pub to: Option<NaiveDate>,
    /// Compare with the period just before, of the same length.
    pub compare: bool,
    /// Or compare with this period's first day…
    pub compare_from: Option<NaiveDate>,
    /// …and last day.
    pub compare_to: Option<NaiveDate>,
    /// Only this channel.
    pub channel: Option<Channel>,
    /// Only this campaign.
    pub campaign: Option<CampaignId>,
    /// Only items this person owns.
    pub owner: Option<PersonId>,
    /// Only items owned by members of this team.
    pub team: Option<String>,
    /// The day "how many by" counts to.
    pub by: Option<NaiveDate>,
}

impl InsightsQuery {
    /// Reads the query from URL values; what cannot be read counts as not given.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let date =
            |key: &str| get(key).and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok());
        let number = |key: &str| get(key).and_then(|v| v.trim().parse::<i64>().ok());
        let text = |key: &str| {
            get(key)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        InsightsQuery {
            workflow: text("workflow").map(WorkflowId),
            weeks: get("weeks")
                .and_then(|w| w.trim().parse::<u32>().ok())
                .filter(|w| (1..=260).contains(w)),
            from: date("from"),
            to: date("to"),
            compare: get("compare").is_some_and(|v| v == "previous"),
            compare_from: date("compare_from"),
            compare_to: date("compare_to"),
            channel: get("channel").and_then(|c| Channel::from_key(c.trim())),
            campaign: number("campaign").map(CampaignId),
            owner: number("owner").map(PersonId),
            team: text("team"),
            by: date("by"),
        }
    }

    /// The query as URL pairs, in a stable order; what is not set is left out.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let mut pairs = Vec::new();
        if let Some(w) = &self.workflow {
            pairs.push(("workflow", w.to_string()));
        }
        if let Some(w) = self.weeks {
            pairs.push(("weeks", w.to_string()));
        }
        if let Some(d) = self.from {
            pairs.push(("from", day(d)));
        }
        if let Some(d) = self.to {
            pairs.push(("to", day(d)));
        }
        if self.compare {
            pairs.push(("compare", "previous".to_owned()));
        }
        if let Some(d) = self.compare_from {
            pairs.push(("compare_from", day(d)));
        }
        if let Some(d) = self.compare_to {
            pairs.push(("compare_to", day(d)));
        }
        if let Some(c) = self.channel {
            pairs.push(("channel", c.key().to_owned()));
        }
        if let Some(c) = self.campaign {
            pairs.push(("campaign", c.to_string()));
        }
        if let Some(o) = self.owner {
            pairs.push(("owner", o.to_string()));
        }
        if let Some(t) = &self.team {
            pairs.push(("team", t.clone()));
        }
        if let Some(d) = self.by {
            pairs.push(("by", day(d)));
        }
        pairs
    }

    /// The page's address for this query.
    pub fn href(&self) -> String {
        format!("/insights{}", query_string(&self.to_query()))
    }

    /// The address of one chart's numbers (or an export) as CSV for this query.
    pub fn csv_href(&self, what: &str) -> String {
        format!("/insights/export/{what}{}", query_string(&self.to_query()))
    }

    /// Whether this looks at every workflow together.
    pub fn all_workflows(&self) -> bool {
        self.workflow
            .as_ref()
            .is_some_and(|w| w.as_str() == ALL_WORKFLOWS)
    }
}

/// How a shape is coloured; each has a light and a dark look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Axes and their labels.
    Axis,
    /// Grid lines.
    Grid,
    /// One of the series colours, by index (bands of a flow diagram, stages).
    Series(u8),
    /// Good: within the median, on time.
    Good,
    /// Getting old, due soon.
    Warn,
    /// Too old, late, over a limit.
    Bad,
    /// The line people read against (a percentile, a limit).
    Accent,
    /// Not rated, not judged.
    Muted,
}

/// Where a label sits on its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// Text starts at the point.
    Start,
    /// Text is centred on it.
    Middle,
    /// Text ends at it.
    End,
}

/// One shape of a figure, in the figure's own units (its view box).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mark", rename_all = "snake_case")]
pub enum Mark {
    /// A bar or a block.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Colour.
        tone: Tone,
        /// What it stands for, shown on hover.
        tip: String,
    },
    /// A point; `spot` names the items behind it (an index into the chart's spots).
    Dot {
        /// Centre, across.
        x: f32,
        /// Centre, down.
        y: f32,
        /// Radius.
        r: f32,
        /// Colour.
        tone: Tone,
        /// What it stands for, shown on hover.
        tip: String,
        /// The items behind it.
        spot: Option<u32>,
    },
    /// A line through points, or a filled area when `fill`.
    Path {
        /// The points, in order.
        points: Vec<(f32, f32)>,
        /// Colour.
        tone: Tone,
        /// A filled area (closed back along its points) rather than a line.
        fill: bool,
        /// A dashed line.
        dashed: bool,
        /// What it stands for.
        tip: String,
    },
    /// A straight line.
    Rule {
        /// Start, across.
        x1: f32,
        /// Start, down.
        y1: f32,
        /// End, across.
        x2: f32,
        /// End, down.
        y2: f32,
        /// Colour.
        tone: Tone,
        /// Dashed.
        dashed: bool,
    },
    /// A label.
    Text {
        /// Where, across.
        x: f32,
        /// Where, down (the text's baseline).
        y: f32,
        /// What it says.
        text: String,
        /// How it sits on the point.
        anchor: Anchor,
        /// Colour.
        tone: Tone,
    },
}

/// A figure: shapes in a view box, with a label for those who cannot see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// View box width.
    pub width: u16,
    /// View box height.
    pub height: u16,
    /// What it shows, in words (the table below has the numbers).
    pub label: String,
    /// The shapes, drawn in order.
    pub marks: Vec<Mark>,
    /// The colour key: tone and what it means.
    pub legend: Vec<(Tone, String)>,
}

impl Tone {
    /// Its fill colour, light and dark.
    pub fn fill(self) -> &'static str {
        match self {
            Tone::Axis => "fill-slate-500 dark:fill-slate-400",
            Tone::Grid => "fill-slate-200 dark:fill-slate-800",
            Tone::Series(n) => match n % 8 {
                0 => "fill-indigo-500 dark:fill-indigo-400",
                1 => "fill-sky-500 dark:fill-sky-400",
                2 => "fill-emerald-500 dark:fill-emerald-400",
                3 => "fill-amber-500 dark:fill-amber-400",
                4 => "fill-rose-500 dark:fill-rose-400",
                5 => "fill-violet-500 dark:fill-violet-400",
                6 => "fill-teal-500 dark:fill-teal-400",
                _ => "fill-slate-500 dark:fill-slate-400",
            },
            Tone::Good => "fill-emerald-500 dark:fill-emerald-400",
            Tone::Warn => "fill-amber-500 dark:fill-amber-400",
            Tone::Bad => "fill-red-600 dark:fill-red-400",
            Tone::Accent => "fill-fuchsia-700 dark:fill-fuchsia-300",
            Tone::Muted => "fill-slate-400 dark:fill-slate-500",
        }
    }

    /// Its line colour, light and dark.
    pub fn stroke(self) -> &'static str {
        match self {
            Tone::Axis => "stroke-slate-400 dark:stroke-slate-500",
            Tone::Grid => "stroke-slate-200 dark:stroke-slate-800",
            Tone::Series(n) => match n % 8 {
                0 => "stroke-indigo-500 dark:stroke-indigo-400",
                1 => "stroke-sky-500 dark:stroke-sky-400",
                2 => "stroke-emerald-500 dark:stroke-emerald-400",
                3 => "stroke-amber-500 dark:stroke-amber-400",
                4 => "stroke-rose-500 dark:stroke-rose-400",
                5 => "stroke-violet-500 dark:stroke-violet-400",
                6 => "stroke-teal-500 dark:stroke-teal-400",
                _ => "stroke-slate-500 dark:stroke-slate-400",
            },
            Tone::Good => "stroke-emerald-500 dark:stroke-emerald-400",
            Tone::Warn => "stroke-amber-500 dark:stroke-amber-400",
            Tone::Bad => "stroke-red-600 dark:stroke-red-400",
            Tone::Accent => "stroke-fuchsia-700 dark:stroke-fuchsia-300",
            Tone::Muted => "stroke-slate-400 dark:stroke-slate-500",
        }
    }

    /// A swatch for legends (a background colour).
    pub fn swatch(self) -> &'static str {
        match self {
            Tone::Axis | Tone::Muted => "bg-slate-400 dark:bg-slate-500",
            Tone::Grid => "bg-slate-200 dark:bg-slate-800",
            Tone::Series(n) => match n % 8 {
                0 => "bg-indigo-500 dark:bg-indigo-400",
                1 => "bg-sky-500 dark:bg-sky-400",
                2 => "bg-emerald-500 dark:bg-emerald-400",
                3 => "bg-amber-500 dark:bg-amber-400",
                4 => "bg-rose-500 dark:bg-rose-400",
                5 => "bg-violet-500 dark:bg-violet-400",
                6 => "bg-teal-500 dark:bg-teal-400",
                _ => "bg-slate-500 dark:bg-slate-400",
            },
            Tone::Good => "bg-emerald-500 dark:bg-emerald-400",
            Tone::Warn => "bg-amber-500 dark:bg-amber-400",
            Tone::Bad => "bg-red-600 dark:bg-red-400",
            Tone::Accent => "bg-fuchsia-700 dark:bg-fuchsia-300",
        }
    }
}

impl Figure {
    /// The figure as SVG markup: every text escaped, colours as classes (so dark mode
    /// applies), each dot with the items behind it as `data-spot`. A labelled group, not an
    /// image: its dots are buttons a keyboard reaches, and an image has no parts to reach.
    pub fn to_svg(&self) -> String {
        use std::fmt::Write;
        let mut out = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="group" aria-label="{}" class="h-auto w-full" font-size="11">"#,
            self.width,
            self.height,
            escape_markup(&self.label)
        );
        let points = |p: &[(f32, f32)]| {
            p.iter()
                .map(|(x, y)| format!("{x},{y}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        for mark in &self.marks {
            let _ = match mark {
                Mark::Rect {
                    x,
                    y,
                    w,
                    h,
                    tone,
                    tip,
                } => write!(
                    out,
                    r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="2" class="{}"><title>{}</title></rect>"#,
                    tone.fill(),
                    escape_markup(tip)
                ),
                Mark::Dot {
                    x,
                    y,
                    r,
                    tone,
                    tip,
                    spot,
                } => match spot {
                    Some(spot) => write!(
                        out,
                        r#"<circle cx="{x}" cy="{y}" r="{r}" fill-opacity="0.8" tabindex="0" role="button" aria-label="{0}" data-spot="{spot}" class="cursor-pointer {1} stroke-white dark:stroke-slate-900 focus:outline-none focus-visible:stroke-indigo-500"><title>{0}</title></circle>"#,
                        escape_markup(tip),
                        tone.fill()
                    ),
                    None => write!(
                        out,
                        r#"<circle cx="{x}" cy="{y}" r="{r}" fill-opacity="0.8" class="{}"><title>{}</title></circle>"#,
                        tone.fill(),
                        escape_markup(tip)
                    ),
                },
                Mark::Path {
                    points: p,
                    tone,
                    fill: true,
                    tip,
                    ..
                } => write!(
                    out,
                    r#"<polygon points="{}" fill-opacity="0.85" class="{}"><title>{}</title></polygon>"#,
                    points(p),
                    tone.fill(),
                    escape_markup(tip)
                ),
                Mark::Path {
                    points: p,
                    tone,
                    dashed,
                    tip,
                    ..
                } => write!(
                    out,
                    r#"<polyline points="{}" fill="none" stroke-width="2"{} class="{}"><title>{}</title></polyline>"#,
                    points(p),
                    if *dashed {
                        r#" stroke-dasharray="5 4""#
                    } else {
                        ""
                    },
                    tone.stroke(),
                    escape_markup(tip)
                ),
                Mark::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    tone,
                    dashed,
                } => write!(
                    out,
                    r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="1" pointer-events="none"{} class="{}"/>"#,
                    if *dashed {
                        r#" stroke-dasharray="5 4""#
                    } else {
                        ""
                    },
                    tone.stroke()
                ),
                Mark::Text {
                    x,
                    y,
                    text,
                    anchor,
                    tone,
                } => write!(
                    out,
                    r#"<text x="{x}" y="{y}" text-anchor="{}" pointer-events="none" class="{}">{}</text>"#,
                    match anchor {
                        Anchor::Start => "start",
                        Anchor::Middle => "middle",
                        Anchor::End => "end",
                    },
                    tone.fill(),
                    escape_markup(text)
                ),
            };
        }
        out.push_str("</svg>");
        out
    }
}

/// One cell of a table: text, and a link when it names an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// What it says.
    pub text: String,
    /// Where it leads.
    pub href: Option<String>,
}

impl Cell {
    /// A cell of text.
    pub fn text(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            href: None,
        }
    }

    /// A cell that links to an item.
    pub fn item(id: ItemId, title: impl Into<String>) -> Self {
        Cell {
            text: title.into(),
            href: Some(format!("/items/{id}")),
        }
    }
}

/// The numbers behind a chart, for people who don't read charts and for screen readers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataTable {
    /// Column headings.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
    /// Rows left out to keep the page light (the CSV has them all).
    pub more: u32,
}

/// The items behind one dot of a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spot {
    /// What the dot stands for: "Finished 3 Jun 2024 after 5 days".
    pub label: String,
    /// The items, as (id, title).
    pub items: Vec<(ItemId, String)>,
    /// Items left out of the list.
    pub more: u32,
}

/// One chart of the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartView {
    /// Its key: its anchor on the page and its CSV's name.
    pub key: String,
    /// Its title.
    pub title: String,
    /// What it says, in a sentence or two.
    pub summary: String,
    /// What it is, in one line (the definition used).
    pub about: String,
    /// The figure, when there is something to draw.
    pub figure: Option<Figure>,
    /// Its numbers.
    pub table: DataTable,
    /// Where its numbers download as CSV.
    pub csv: String,
    /// The items behind its dots.
    pub spots: Vec<Spot>,
}

/// A period shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodView {
    /// First day.
    pub first: NaiveDate,
    /// Last day.
    pub last: NaiveDate,
    /// In words: "4 Mar 2026 – 26 May 2026 (12 weeks)".
    pub label: String,
}

/// A saved version of the workflow shown, for "before and after" comparisons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionMark {
    /// The version.
    pub version: u32,
    /// The day it was saved (team's time).
    pub saved_on: NaiveDate,
}

/// The workflow's start stage, and whether the viewer may change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartStageView {
    /// The workflow.
    pub workflow: WorkflowId,
    /// Its stages, as (key, name), the last one left out (work cannot start finished).
    pub stages: Vec<(StageKey, String)>,
    /// The stage work starts at.
    pub current: StageKey,
    /// Whether the viewer may change it (managers and admins).
    pub can_change: bool,
}

/// The whole /insights page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsightsView {
    /// The query as understood (the workflow filled in).
    pub query: InsightsQuery,
    /// Workflows to choose from.
    pub workflows: Vec<WorkflowTag>,
    /// Everyone, for the owner filter.
    pub people: Vec<PersonTag>,
    /// Every campaign.
    pub campaigns: Vec<CampaignTag>,
    /// Every team.
    pub teams: Vec<String>,
    /// Today, in the team's time.
    pub today: NaiveDate,
    /// The period shown.
    pub period: PeriodView,
    /// The period compared with, if any.
    pub compared: Option<PeriodView>,
    /// Versions of the workflow saved since its first, for before/after comparisons.
    pub versions: Vec<VersionMark>,
    /// The start stage setting, for one workflow.
    pub start: Option<StartStageView>,
    /// Period against period, when comparing.
    pub comparison: Option<ChartView>,
    /// How the work flows: cycle time, throughput, cumulative flow, WIP, aging, time in stage.
    pub flow: Vec<ChartView>,
    /// How it is delivered: on time, post-launch fixes, SLAs.
    pub delivery: Vec<ChartView>,
    /// What comes next: forecasts, items trending late, whether past forecasts held.
    pub forecasts: Vec<ChartView>,
    /// Whether the viewer may record fixes (members and up).
    pub can_work: bool,
    /// The activity trail of the period and the per-item summary, as CSV.
    pub exports: Vec<(String, String)>,
}

/// One post-launch fix, as the item page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixView {
    /// What went wrong.
    pub what: String,
    /// The stage that should have caught it, by name.
    pub stage: Option<String>,
    /// Who recorded it.
    pub by: String,
    /// When, in words.
    pub when: String,
}

/// An item's post-launch fixes, and whether one can be recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemFixes {
    /// Whether the item reached its last stage (only delivered work needs fixing).
    pub finished: bool,
    /// The fixes recorded, oldest first.
    pub fixes: Vec<FixView>,
    /// The stages that could have caught a problem, as (key, name).
    pub stages: Vec<(StageKey, String)>,
    /// Whether the viewer may record one.
    pub can_record: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_draw_as_svg_with_every_text_escaped() {
        let figure = Figure {
            width: 100,
            height: 50,
            label: "Cycle <times>".into(),
            marks: vec![
                Mark::Dot {
                    x: 1.0,
                    y: 2.5,
                    r: 3.0,
                    tone: Tone::Bad,
                    tip: "\"Launch\" & <b>".into(),
                    spot: Some(4),
                },
                Mark::Text {
                    x: 0.0,
                    y: 10.0,
                    text: "P85 <11d>".into(),
                    anchor: Anchor::End,
                    tone: Tone::Accent,
                },
            ],
            legend: Vec::new(),
        };
        let svg = figure.to_svg();
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" role="group" aria-label="Cycle &lt;times&gt;""#), "{svg}");
        assert!(svg.contains(r#"data-spot="4""#));
        assert!(svg.contains("&quot;Launch&quot; &amp; &lt;b&gt;"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains(r#"text-anchor="end" pointer-events="none" class="fill-fuchsia-700 dark:fill-fuchsia-300">P85 &lt;11d&gt;</text>"#));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn the_query_round_trips_through_the_address() {
        let q = InsightsQuery {
            workflow: Some(WorkflowId::new("content-production")),
            weeks: Some(4),
            compare: true,
            channel: Some(Channel::Email),
            team: Some("Content".into()),
            by: NaiveDate::from_ymd_opt(2026, 6, 30),
            ..InsightsQuery::default()
        };
        let href = q.href();
        assert_eq!(
            href,
            "/insights?workflow=content-production&weeks=4&compare=previous&channel=email&team=Content&by=2026-06-30"
        );
        let pairs: Vec<(String, String)> = q
            .to_query()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        let back = InsightsQuery::from_query(|key| {
            pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
        });
        assert_eq!(back, q);
        let odd = InsightsQuery::from_query(|key| match key {
            "weeks" => Some("9999".into()),
            "from" => Some("yesterday".into()),
            "workflow" => Some(" ".into()),
            _ => None,
        });
        assert_eq!(odd, InsightsQuery::default());
        assert!(InsightsQuery {
            workflow: Some(WorkflowId::new(ALL_WORKFLOWS)),
            ..InsightsQuery::default()
        }
        .all_workflows());
    }
}
