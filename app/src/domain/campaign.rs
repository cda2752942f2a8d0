//! Campaigns as a place of their own: what a campaign is (name, dates, owner, budget,
//! goals), the checks a change must pass, how its items add up to a status and its
//! results to progress against its goals, and where its items sit on its timeline.
//! No I/O: the service reads and writes, this decides.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::automation::metric::{number_words, MetricName};
use super::field_checks::parse_money;
use super::limits;
use super::{Money, PersonId};

/// The most goals a campaign keeps.
pub const MAX_GOALS: usize = 20;
/// The longest description.
pub const DESCRIPTION: usize = 2_000;
/// The largest budget, in whole units: a typo guard, not a policy.
pub const MAX_BUDGET: i64 = 1_000_000_000;
/// The longest goals box.
pub const GOALS: usize = 4_000;
/// The years a campaign's dates may fall in.
pub const YEARS: (i32, i32) = (2000, 2100);
/// The most days a timeline shows (beyond them its bars are cut at the edge).
pub const MAX_SPAN_DAYS: u64 = 3 * 366;

/// A campaign as a form sends it: budget and goals as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CampaignInput {
    /// Name shown on cards.
    pub name: String,
    /// What it is for.
    #[serde(default)]
    pub description: String,
    /// First day.
    pub starts_on: Option<NaiveDate>,
    /// Last day.
    pub ends_on: Option<NaiveDate>,
    /// Who owns it.
    pub owner: Option<PersonId>,
    /// "12000 EUR", or empty for none.
    #[serde(default)]
    pub budget: String,
    /// One goal per line: "mqls >= 400", "cpa <= 45".
    #[serde(default)]
    pub goals: String,
}

/// Which way a goal points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sense {
    /// The result should reach the target (leads, MQLs, open rate).
    AtLeast,
    /// The result should stay under it (CPA, CPC, unsubscribe rate).
    AtMost,
}

/// One target of a campaign, e.g. "MQLs at least 400".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    /// The metric, normalized as results are ("mqls", "cpa").
    pub metric: String,
    /// Which way it points.
    pub sense: Sense,
    /// The number to reach or stay under.
    pub target: f64,
}

impl Goal {
    /// The metric's name as results are kept under.
    pub fn metric_name(&self) -> MetricName {
        MetricName::new(&self.metric)
    }

    /// "mqls at least 400", as the goals box is written (and read back).
    pub fn line(&self) -> String {
        let sense = match self.sense {
            Sense::AtLeast => ">=",
            Sense::AtMost => "<=",
        };
        format!("{} {sense} {}", self.metric, number_words(self.target))
    }

    /// "MQLs at least 400" in words.
    pub fn words(&self) -> String {
        let name = self.metric_name();
        let sense = match self.sense {
            Sense::AtLeast => "at least",
            Sense::AtMost => "at most",
        };
        format!("{} {sense} {}", name.words(), name.value_words(self.target))
    }

    /// Whether `result` meets the goal.
    pub fn met_by(&self, result: f64) -> bool {
        match self.sense {
            Sense::AtLeast => result >= self.target,
            Sense::AtMost => result <= self.target,
        }
    }
}

/// A campaign's input once checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignPlan {
    /// Name, trimmed.
    pub name: String,
    /// Description, trimmed.
    pub description: String,
    /// First day.
    pub starts_on: Option<NaiveDate>,
    /// Last day.
    pub ends_on: Option<NaiveDate>,
    /// Owner.
    pub owner: Option<PersonId>,
    /// Budget, when one is set.
    pub budget: Option<Money>,
    /// Goals, in the order written.
    pub goals: Vec<Goal>,
}

/// A problem with a campaign's input: the field and the reason.
pub type Problem = (&'static str, String);

impl CampaignInput {
    /// Checks the input: the plan to save, or the first problem with its field.
    pub fn checked(&self) -> Result<CampaignPlan, Problem> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(("name", "Give the campaign a name.".into()));
        }
        limits::check("The name", name, limits::NAME).map_err(|m| ("name", m))?;
        let description = self.description.trim();
        limits::check("The description", description, DESCRIPTION)
            .map_err(|m| ("description", m))?;
        for (field, date) in [("starts_on", self.starts_on), ("ends_on", self.ends_on)] {
            if date.is_some_and(|d| !(YEARS.0..=YEARS.1).contains(&d.year())) {
                return Err((
                    field,
                    format!(
                        "Campaign dates must fall between {} and {}.",
                        YEARS.0, YEARS.1
                    ),
                ));
            }
        }
        if let (Some(start), Some(end)) = (self.starts_on, self.ends_on) {
            if end < start {
                return Err((
                    "ends_on",
                    format!(
                        "The campaign can't end ({end}) before it starts ({start}): pick an end on or after the start."
                    ),
                ));
            }
        }
        let budget = parse_budget(&self.budget).map_err(|m| ("budget", m))?;
        let goals = parse_goals(&self.goals).map_err(|m| ("goals", m))?;
        Ok(CampaignPlan {
            name: name.to_owned(),
            description: description.to_owned(),
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            owner: self.owner,
            budget,
            goals,
        })
    }
}

/// Reads a budget: empty for none, else an amount and a currency ("12000 EUR").
pub fn parse_budget(raw: &str) -> Result<Option<Money>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    limits::check("The budget", raw, limits::SHORT)?;
    if raw.starts_with('-') || raw.contains(" -") {
        return Err("The budget can't be negative.".into());
    }
    let money = parse_money(raw).ok_or_else(|| {
        "The budget must be an amount and a three-letter currency, e.g. 12000 EUR.".to_owned()
    })?;
    if money.amount_minor < 0 {
        return Err("The budget can't be negative.".into());
    }
    if money.amount_minor / 100 > MAX_BUDGET {
        return Err(format!(
            "The budget is larger than Baton keeps ({} {}); check for a typo.",
            limits::grouped(MAX_BUDGET as usize),
            money.currency
        ));
    }
    Ok(Some(money))
}

/// An amount in words: "12,000 EUR", "45.50 EUR".
pub fn money_words(money: &Money) -> String {
    let whole = money.amount_minor / 100;
    let cents = money.amount_minor % 100;
    let grouped = limits::grouped_u64(whole.unsigned_abs());
    let sign = if money.amount_minor < 0 { "-" } else { "" };
    if cents == 0 {
        format!("{sign}{grouped} {}", money.currency)
    } else {
        format!("{sign}{grouped}.{:02} {}", cents.abs(), money.currency)
    }
}

/// Reads the goals box: one goal per line, blank lines ignored.
///
/// A line is a metric, a comparison and a number: "MQLs >= 400", "CPA ≤ €45",
/// "open rate at least 25 %". The metric is kept as results are (lower case, `_` for
/// spaces), so a goal finds the results recorded under the same name.
pub fn parse_goals(raw: &str) -> Result<Vec<Goal>, String> {
    limits::check("The goals", raw, GOALS)?;
    let mut goals = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        limits::check(&format!("Goal line {}", n + 1), line, limits::SHORT)?;
        if parse_goal(line).is_some_and(|g| g.metric.chars().count() > limits::METRIC) {
            return Err(format!(
                "Goal line {}: a result's name has at most {} characters.",
                n + 1,
                limits::METRIC
            ));
        }
        let goal = parse_goal(line).ok_or_else(|| {
            format!(
                "Goal line {} (“{}”) isn't a goal: write a metric, “at least” or “at most” (or >= / <=), and a number, e.g. “mqls >= 400”.",
                n + 1,
                limits::shortened(line, 40)
            )
        })?;
        if goals.iter().any(|g: &Goal| g.metric == goal.metric) {
            return Err(format!(
                "Two goals are for {}: keep one per metric.",
                goal.metric_name().words()
            ));
        }
        goals.push(goal);
        if goals.len() > MAX_GOALS {
            return Err(format!("A campaign keeps at most {MAX_GOALS} goals."));
        }
    }
    Ok(goals)
}

fn parse_goal(line: &str) -> Option<Goal> {
    const SENSES: [(&str, Sense); 6] = [
        (">=", Sense::AtLeast),
        ("≥", Sense::AtLeast),
        ("at least", Sense::AtLeast),
        ("<=", Sense::AtMost),
        ("≤", Sense::AtMost),
        ("at most", Sense::AtMost),
    ];
    let lower = line.to_lowercase();
    let (at, word, sense) = SENSES
        .iter()
        .filter_map(|(word, sense)| lower.find(word).map(|at| (at, *word, *sense)))
        .min_by_key(|(at, _, _)| *at)?;
    let metric = MetricName::new(&lower[..at]);
    // The one number after the comparison, currency signs and a % around it allowed:
    // "€45", "45 EUR", "25 %". Anything else ("45 in Q2", "-10") is not a goal.
    let rest = lower[at + word.len()..].trim();
    let rest = rest.trim_start_matches(|c: char| {
        !c.is_ascii_digit() && !c.is_alphanumeric() && c != '-' && c != '.'
    });
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (number, tail) = rest.split_at(end);
    let tail = tail.trim();
    let tail_ok = tail.is_empty()
        || tail == "%"
        || (tail.len() == 3 && tail.chars().all(|c| c.is_ascii_alphabetic()));
    if !tail_ok {
        return None;
    }
    let target = number
        .replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)?;
    (!metric.is_empty()).then(|| Goal {
        metric: metric.as_str().to_owned(),
        sense,
        target,
    })
}

/// Whether a metric's results add up across items (leads, MQLs, spend) rather than
/// being averaged (rates, costs per something, scores).
pub fn adds_up(metric: &MetricName) -> bool {
    const AVERAGED: [&str; 5] = ["cpa", "cpc", "cpm", "roas", "ctr"];
    !(metric.is_percentage()
        || AVERAGED.contains(&metric.as_str())
        || metric.as_str().ends_with("_score"))
}

/// A campaign's value of a metric: its own newest reading when one was recorded for the
/// campaign as a whole; otherwise its items' newest readings, added up or averaged (see
/// [`adds_up`]). `None` when nothing was measured.
pub fn rolled_up(metric: &MetricName, campaign_own: Option<f64>, items: &[f64]) -> Option<f64> {
    if campaign_own.is_some() {
        return campaign_own;
    }
    if items.is_empty() {
        return None;
    }
    let sum: f64 = items.iter().sum();
    Some(if adds_up(metric) {
        sum
    } else {
        sum / items.len() as f64
    })
}

/// The metric a campaign's spend is recorded under.
pub const SPEND: &str = "spend";

/// How a campaign's items stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    /// Items in it, archived ones left out.
    pub items: u32,
    /// At their workflow's last stage.
    pub done: u32,
    /// Not done and past their planned date or due date.
    pub late: u32,
    /// Waiting on someone else (an approval, a full next stage) or escalated.
    pub blocked: u32,
}

impl Counts {
    /// Items not done.
    pub fn open(&self) -> u32 {
        self.items - self.done
    }
}

/// A campaign's status in words: "Closed", "3 items late", "On track".
pub fn status_words(counts: Counts, closed: bool) -> String {
    let items = |n: u32| if n == 1 { "item" } else { "items" };
    if closed {
        return "Closed".into();
    }
    if counts.items == 0 {
        return "No items yet".into();
    }
    if counts.done == counts.items {
        return match counts.items {
            1 => "Its item is done".into(),
            n => format!("All {n} items done"),
        };
    }
    let mut parts = Vec::new();
    if counts.late > 0 {
        parts.push(format!("{} {} late", counts.late, items(counts.late)));
    }
    if counts.blocked > 0 {
        parts.push(format!(
            "{} {} blocked",
            counts.blocked,
            items(counts.blocked)
        ));
    }
    if parts.is_empty() {
        "On track".into()
    } else {
        parts.join(", ")
    }
}

/// The days a timeline shows, first and last included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First day shown.
    pub first: NaiveDate,
    /// Last day shown.
    pub last: NaiveDate,
}

impl Span {
    /// The days to show: the campaign's dates, widened to every bar and today, with a
    /// day either side; two weeks from today when there is nothing to go by.
    pub fn covering(
        starts_on: Option<NaiveDate>,
        ends_on: Option<NaiveDate>,
        bars: impl IntoIterator<Item = (NaiveDate, NaiveDate)>,
        today: NaiveDate,
    ) -> Span {
        let mut days: Vec<NaiveDate> = starts_on.into_iter().chain(ends_on).collect();
        for (start, end) in bars {
            days.push(start);
            days.push(end);
        }
        days.push(today);
        let first = *days.iter().min().unwrap_or(&today);
        let mut last = *days.iter().max().unwrap_or(&today);
        if last == first {
            last = first
                .checked_add_days(chrono::Days::new(13))
                .unwrap_or(first);
        }
        let day = chrono::Days::new(1);
        let first = first.checked_sub_days(day).unwrap_or(first);
        let last = last.checked_add_days(day).unwrap_or(last);
        let cap = first
            .checked_add_days(chrono::Days::new(MAX_SPAN_DAYS - 1))
            .unwrap_or(last);
        Span {
            first,
            last: last.min(cap),
        }
    }

    /// How many days it shows.
    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// Where a day begins, as a share (0–100 %) of the width.
    pub fn left(&self, day: NaiveDate) -> f64 {
        let offset = (day - self.first).num_days().clamp(0, self.days());
        offset as f64 * 100.0 / self.days() as f64
    }

    /// The width of the days `start..=end`, as a share of the width (at least one day).
    pub fn width(&self, start: NaiveDate, end: NaiveDate) -> f64 {
        let (start, end) = (start.max(self.first), end.min(self.last));
        let days = ((end - start).num_days() + 1).max(1);
        days as f64 * 100.0 / self.days() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn input() -> CampaignInput {
        CampaignInput {
            name: "  Spring launch ".into(),
            starts_on: Some(day(1)),
            ends_on: Some(day(20)),
            budget: "12000 EUR".into(),
            goals: "MQLs >= 400\n\nCPA ≤ €45\nopen rate at least 25 %\nspend <= 12,000 EUR".into(),
            ..CampaignInput::default()
        }
    }

    #[test]
    fn a_good_campaign_is_trimmed_and_its_budget_and_goals_read() {
        let plan = input().checked().unwrap();
        assert_eq!(plan.name, "Spring launch");
        assert_eq!(
            plan.budget,
            Some(Money {
                amount_minor: 1_200_000,
                currency: "EUR".into()
            })
        );
        let words: Vec<String> = plan.goals.iter().map(Goal::words).collect();
        assert_eq!(
            words,
            [
                "mqls at least 400",
                "CPA at most 45",
                "open rate at least 25 %",
                "spend at most 12000"
            ]
        );
        assert_eq!(plan.goals[0].line(), "mqls >= 400");
        assert_eq!(
            parse_goals(&plan.goals[1].line()).unwrap()[0],
            plan.goals[1]
        );
    }

    #[test]
    fn bad_input_names_its_field_and_says_why() {
        let cases = [
            (
                CampaignInput {
                    name: " ".into(),
                    ..input()
                },
                "name",
            ),
            (
                CampaignInput {
                    ends_on: Some(day(1)),
                    starts_on: Some(day(2)),
                    ..input()
                },
                "ends_on",
            ),
            (
                CampaignInput {
                    budget: "-5 EUR".into(),
                    ..input()
                },
                "budget",
            ),
            (
                CampaignInput {
                    budget: "EUR -5".into(),
                    ..input()
                },
                "budget",
            ),
            (
                CampaignInput {
                    budget: "lots".into(),
                    ..input()
                },
                "budget",
            ),
            (
                CampaignInput {
                    goals: "more leads".into(),
                    ..input()
                },
                "goals",
            ),
            (
                CampaignInput {
                    goals: "leads >= 4\nLeads >= 5".into(),
                    ..input()
                },
                "goals",
            ),
            (
                CampaignInput {
                    name: "x".repeat(101),
                    ..input()
                },
                "name",
            ),
        ];
        for (case, field) in cases {
            let (got, message) = case.checked().unwrap_err();
            assert_eq!(got, field, "{message}");
            assert!(message.ends_with('.'), "{message}");
        }
        let (_, message) = CampaignInput {
            budget: "-5 EUR".into(),
            ..input()
        }
        .checked()
        .unwrap_err();
        assert_eq!(message, "The budget can't be negative.");
    }

    #[test]
    fn a_campaign_may_have_no_dates_budget_or_goals() {
        let plan = CampaignInput {
            name: "Evergreen".into(),
            ..CampaignInput::default()
        }
        .checked()
        .unwrap();
        assert_eq!((plan.budget, plan.goals.len()), (None, 0));
    }

    #[test]
    fn results_add_up_for_counts_and_average_for_rates() {
        let leads = MetricName::new("leads");
        let cpa = MetricName::new("CPA");
        let open = MetricName::new("open rate");
        assert_eq!(rolled_up(&leads, None, &[10.0, 30.0]), Some(40.0));
        assert_eq!(rolled_up(&cpa, None, &[40.0, 50.0]), Some(45.0));
        assert_eq!(rolled_up(&open, None, &[20.0, 30.0]), Some(25.0));
        assert_eq!(rolled_up(&leads, Some(7.0), &[10.0]), Some(7.0));
        assert_eq!(rolled_up(&leads, None, &[]), None);
        let goal = &parse_goals("cpa <= 45").unwrap()[0];
        assert!(goal.met_by(45.0) && !goal.met_by(45.5));
    }

    #[test]
    fn the_status_says_what_needs_attention_first() {
        let counts = |items, done, late, blocked| Counts {
            items,
            done,
            late,
            blocked,
        };
        assert_eq!(status_words(counts(5, 1, 3, 0), false), "3 items late");
        assert_eq!(
            status_words(counts(5, 1, 1, 2), false),
            "1 item late, 2 items blocked"
        );
        assert_eq!(status_words(counts(5, 1, 0, 0), false), "On track");
        assert_eq!(status_words(counts(2, 2, 0, 0), false), "All 2 items done");
        assert_eq!(status_words(counts(0, 0, 0, 0), false), "No items yet");
        assert_eq!(status_words(counts(5, 1, 3, 0), true), "Closed");
    }

    #[test]
    fn the_timeline_covers_the_campaign_every_bar_and_today() {
        let span = Span::covering(Some(day(5)), Some(day(10)), [(day(3), day(12))], day(7));
        assert_eq!((span.first, span.last), (day(2), day(13)));
        assert_eq!(span.days(), 12);
        assert_eq!(span.left(day(2)), 0.0);
        assert!((span.width(day(2), day(13)) - 100.0).abs() < 1e-9);
        let far = NaiveDate::from_ymd_opt(2099, 1, 1).unwrap();
        let capped = Span::covering(None, None, [(day(1), far)], day(1));
        assert_eq!(capped.days(), MAX_SPAN_DAYS as i64);
        let edge = Span::covering(Some(NaiveDate::MIN), Some(NaiveDate::MAX), [], day(1));
        assert!(edge.days() >= 1);
        let empty = Span::covering(None, None, [], day(7));
        assert_eq!(empty.days(), 16);
    }

    #[test]
    fn money_reads_as_people_write_it() {
        let m = |amount_minor| Money {
            amount_minor,
            currency: "EUR".into(),
        };
        assert_eq!(money_words(&m(1_200_000)), "12,000 EUR");
        assert_eq!(money_words(&m(4_550)), "45.50 EUR");
    }
}
