//! SLA performance: the share of stage visits that stayed inside their stage's SLA, and
//! escalations per week.
//!
//! A visit belongs to the period it began in. It is *within* when it ended inside the SLA,
//! *breached* when it ended after it or is still open and already past it, and *running*
//! while open and inside it (not judged yet). Dropped items are left out: their clocks
//! stopped when they were archived.

use super::super::definition::Sla;
use super::super::ids::StageKey;
use super::super::working_hours::WorkingHours;
use super::compare::{Measure, MeasureKey};
use super::days::{local_day, Period};
use super::flow::FlowSettings;
use super::history::ItemHistory;
use super::throughput::{weekly_counts, WeekCount};
use super::words::{counted, decimal, percent, share};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

/// Stage visits by how they did against the SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SlaCount {
    /// Left the stage inside the SLA.
    pub within: u32,
    /// Left after it, or still there past it.
    pub breached: u32,
    /// Still there, inside it.
    pub running: u32,
}

impl SlaCount {
    /// The share within, of the visits judged; `None` when none were.
    pub fn share(&self) -> Option<f64> {
        let judged = self.within + self.breached;
        (judged > 0).then(|| share(u64::from(self.within), u64::from(judged)))
    }
}

/// One stage with an SLA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageSla {
    /// The stage.
    pub stage: StageKey,
    /// Its name.
    pub name: String,
    /// Its SLA.
    pub sla: Sla,
    /// Its visits.
    pub visits: SlaCount,
}

/// SLA performance over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaPerformance {
    /// The period.
    pub period: Period,
    /// All visits of stages with an SLA.
    pub overall: SlaCount,
    /// Per stage with an SLA, in board order.
    pub stages: Vec<StageSla>,
    /// Escalations raised per week, zero weeks included.
    pub escalations: Vec<WeekCount>,
}

/// Hours elapsed under an SLA: working hours for business-hours SLAs, else calendar hours —
/// the same rule the engine's SLA clock uses. Pass it to [`sla_performance`].
pub fn elapsed_sla_hours(
    hours: &WorkingHours,
) -> impl Fn(&Sla, DateTime<Utc>, DateTime<Utc>) -> f64 + '_ {
    move |sla, from, to| {
        if sla.business_hours {
            hours.hours_between(from, to)
        } else {
            (to - from).num_seconds().max(0) as f64 / 3600.0
        }
    }
}

/// SLA performance of `flow`'s stage visits begun in `period`, judged at `now`; `elapsed`
/// gives the hours that count between two instants (see [`elapsed_sla_hours`]).
/// O(visits × cost of `elapsed`).
pub fn sla_performance<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    flow: &FlowSettings,
    period: Period,
    offset: FixedOffset,
    now: DateTime<Utc>,
    elapsed: impl Fn(&Sla, DateTime<Utc>, DateTime<Utc>) -> f64,
) -> SlaPerformance {
    let mut counts = vec![SlaCount::default(); flow.stages.len()];
    let mut escalation_days = Vec::new();
    for history in histories
        .into_iter()
        .filter(|h| h.details.workflow == flow.workflow && !h.is_dropped())
    {
        escalation_days.extend(history.escalations.iter().map(|e| local_day(e.at, offset)));
        for visit in history
            .visits
            .iter()
            .filter(|v| period.contains(local_day(v.entered, offset)))
        {
            let Some(i) = flow.position(&visit.stage) else {
                continue;
            };
            let Some(sla) = flow.stages[i].sla else {
                continue;
            };
            let end = visit.left.unwrap_or(now).max(visit.entered);
            let over = elapsed(&sla, visit.entered, end) > f64::from(sla.hours);
            match (visit.left.is_some(), over) {
                (_, true) => counts[i].breached += 1,
                (true, false) => counts[i].within += 1,
                (false, false) => counts[i].running += 1,
            }
        }
    }
    let mut overall = SlaCount::default();
    let stages = flow
        .stages
        .iter()
        .zip(counts)
        .filter_map(|(stage, visits)| {
            overall.within += visits.within;
            overall.breached += visits.breached;
            overall.running += visits.running;
            Some(StageSla {
                stage: stage.key.clone(),
                name: stage.name.clone(),
                sla: stage.sla?,
                visits,
            })
        })
        .collect();
    SlaPerformance {
        period,
        overall,
        stages,
        escalations: weekly_counts(escalation_days, period),
    }
}

impl SlaPerformance {
    /// Escalations per week over the period.
    pub fn escalations_per_week(&self) -> f64 {
        let total: u32 = self.escalations.iter().map(|w| w.count).sum();
        f64::from(total) * 7.0 / f64::from(self.period.len_days().max(1))
    }

    /// "87 % of stage visits stayed within their SLA (52 of 60); 3 escalations in 4 weeks."
    pub fn summary(&self) -> String {
        let total: u32 = self.escalations.iter().map(|w| w.count).sum();
        let weeks = self.period.len_days().div_ceil(7);
        let escalations = if weeks == 1 {
            format!(
                "{} this week",
                counted(u64::from(total), "escalation", "escalations")
            )
        } else {
            format!(
                "{} in {} weeks ({} a week)",
                counted(u64::from(total), "escalation", "escalations"),
                weeks,
                decimal(self.escalations_per_week())
            )
        };
        let o = self.overall;
        match o.share() {
            _ if self.stages.is_empty() => "No stage of this workflow has an SLA.".to_owned(),
            None => format!("No stage visits with an SLA ended in this period; {escalations}."),
            Some(s) => format!(
                "{} of stage visits stayed within their SLA ({} of {}); {escalations}.",
                percent(s),
                o.within,
                o.within + o.breached
            ),
        }
    }

    /// The figures to compare with another period.
    pub fn measures(&self) -> Vec<Measure> {
        vec![
            Measure::new(MeasureKey::SlaPerformance, self.overall.share()),
            Measure::new(MeasureKey::Escalations, Some(self.escalations_per_week())),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{at, day, flow, offset, Story};
    use super::*;

    #[test]
    fn visits_are_judged_against_their_stage_sla_and_escalations_counted_by_week() {
        let wh = WorkingHours::office(offset());
        let histories = [
            // Draft 47 h (SLA 48 h: within); Review 25 h (SLA 24 h: breached, escalated).
            Story::new(1, at(3, 8))
                .to("draft", at(3, 9))
                .to("review", at(5, 8))
                .escalate(at(6, 8))
                .to("published", at(6, 9))
                .history(),
            // In Draft since the 10th 9:00; at now (11th 12:00) 27 h: running.
            Story::new(2, at(10, 8)).to("draft", at(10, 9)).history(),
            // In Review since the 7th: breached while still open.
            Story::new(3, at(6, 8))
                .to("draft", at(6, 9))
                .to("review", at(7, 9))
                .escalate(at(8, 9))
                .history(),
            // Dropped: left out, escalation too.
            Story::new(4, at(3, 8))
                .to("draft", at(3, 9))
                .escalate(at(6, 9))
                .archive(at(7, 9))
                .history(),
        ];
        let now = at(11, 12);
        let report = sla_performance(
            &histories,
            &flow(),
            Period::new(day(3), day(16)),
            offset(),
            now,
            elapsed_sla_hours(&wh),
        );
        let stages: Vec<(&str, SlaCount)> = report
            .stages
            .iter()
            .map(|s| (s.name.as_str(), s.visits))
            .collect();
        assert_eq!(
            stages,
            vec![
                (
                    "Draft",
                    SlaCount {
                        within: 2,
                        breached: 0,
                        running: 1
                    }
                ),
                (
                    "Review",
                    SlaCount {
                        within: 0,
                        breached: 2,
                        running: 0
                    }
                ),
            ]
        );
        let weeks: Vec<u32> = report.escalations.iter().map(|w| w.count).collect();
        assert_eq!(weeks, vec![2, 0]);
        assert_eq!(
            report.summary(),
            "50 % of stage visits stayed within their SLA (2 of 4); 2 escalations in 2 weeks (1 a week)."
        );
    }

    #[test]
    fn business_hours_slas_count_only_working_time() {
        let wh = WorkingHours::office(offset());
        let elapsed = elapsed_sla_hours(&wh);
        let business = Sla {
            hours: 8,
            business_hours: true,
        };
        // Friday 7 June 16:00 to Monday 10 June 10:00 local: 2 working hours.
        assert_eq!(elapsed(&business, at(7, 16), at(10, 10)), 2.0);
        let calendar = Sla {
            hours: 8,
            business_hours: false,
        };
        assert_eq!(elapsed(&calendar, at(7, 16), at(10, 10)), 66.0);
    }
}
