//! Error rate: the share of finished items that needed a post-launch fix, and which stages
//! should have caught the problems (are the QA steps working?).

use super::super::ids::StageKey;
use super::compare::{Measure, MeasureKey};
use super::days::Period;
use super::flow::FlowSettings;
use super::history::ItemHistory;
use super::words::{counted, percent, share, Noun};
use chrono::FixedOffset;
use serde::{Deserialize, Serialize};

/// The fixes that name one stage as the one that should have caught them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageFixes {
    /// The stage; `None` for fixes that name no stage.
    pub stage: Option<StageKey>,
    /// Its name ("No stage named" when none was).
    pub name: String,
    /// Fixes naming it.
    pub fixes: u32,
    /// Items with at least one such fix.
    pub items: u32,
}

/// Post-launch fixes of the items finished in a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRate {
    /// The period.
    pub period: Period,
    /// Items finished in it.
    pub finished: u32,
    /// Of those, items with at least one fix (whenever it was recorded).
    pub with_fixes: u32,
    /// All their fixes.
    pub fixes: u32,
    /// Fixes per stage that should have caught them, most first.
    pub by_stage: Vec<StageFixes>,
}

/// The error rate of the histories finished in `period`; `flow` names the stages (a fix
/// may name a stage of another workflow when histories of several are given). O(n + fixes).
pub fn error_rate<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    flow: &FlowSettings,
    period: Period,
    offset: FixedOffset,
) -> ErrorRate {
    let mut report = ErrorRate {
        period,
        finished: 0,
        with_fixes: 0,
        fixes: 0,
        by_stage: Vec::new(),
    };
    for history in histories {
        if !history
            .finish_day(offset)
            .is_some_and(|d| period.contains(d))
        {
            continue;
        }
        report.finished += 1;
        if history.fixes.is_empty() {
            continue;
        }
        report.with_fixes += 1;
        report.fixes += history.fixes.len() as u32;
        let mut counted_stages: Vec<&Option<StageKey>> = Vec::new();
        for fix in &history.fixes {
            let stage = &fix.should_have_caught;
            let i = match report.by_stage.iter().position(|s| &s.stage == stage) {
                Some(i) => i,
                None => {
                    report.by_stage.push(StageFixes {
                        stage: stage.clone(),
                        name: stage
                            .as_ref()
                            .map_or_else(|| "No stage named".to_owned(), |k| flow.stage_name(k)),
                        fixes: 0,
                        items: 0,
                    });
                    report.by_stage.len() - 1
                }
            };
            report.by_stage[i].fixes += 1;
            if !counted_stages.contains(&stage) {
                counted_stages.push(stage);
                report.by_stage[i].items += 1;
            }
        }
    }
    report.by_stage.sort_by(|a, b| {
        b.fixes
            .cmp(&a.fixes)
            .then_with(|| a.stage.is_none().cmp(&b.stage.is_none()))
            .then_with(|| position(flow, &a.stage).cmp(&position(flow, &b.stage)))
    });
    report
}

fn position(flow: &FlowSettings, stage: &Option<StageKey>) -> usize {
    stage
        .as_ref()
        .and_then(|k| flow.position(k))
        .unwrap_or(usize::MAX)
}

impl ErrorRate {
    /// The share of finished items that needed a fix; `None` when nothing finished.
    pub fn share(&self) -> Option<f64> {
        (self.finished > 0).then(|| share(u64::from(self.with_fixes), u64::from(self.finished)))
    }

    /// "2 of 40 posts (5 %) needed a post-launch fix; 3 fixes name QA as the stage that
    /// should have caught them."
    pub fn summary(&self, noun: &Noun) -> String {
        let Some(rate) = self.share() else {
            return format!("No {} finished in this period.", noun.plural);
        };
        if self.with_fixes == 0 {
            return if self.finished == 1 {
                format!(
                    "The only {} finished in this period needed no post-launch fix.",
                    noun.singular
                )
            } else {
                format!(
                    "None of the {} finished in this period needed a post-launch fix.",
                    noun.count(u64::from(self.finished))
                )
            };
        }
        let mut sentence = format!(
            "{} of {} ({}) needed a post-launch fix",
            self.with_fixes,
            noun.count(u64::from(self.finished)),
            percent(rate)
        );
        if let Some(top) = self.by_stage.first().filter(|s| s.stage.is_some()) {
            let fixes = counted(u64::from(top.fixes), "fix", "fixes");
            let (name, them) = if top.fixes == 1 {
                ("names", "it")
            } else {
                ("name", "them")
            };
            sentence.push_str(&format!(
                "; {fixes} {name} {} as the stage that should have caught {them}",
                top.name
            ));
        }
        sentence.push('.');
        sentence
    }

    /// The figures to compare with another period.
    pub fn measures(&self) -> Vec<Measure> {
        vec![Measure::new(MeasureKey::ErrorRate, self.share())]
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{at, day, flow, offset, Story};
    use super::*;

    fn published(id: i64) -> Story {
        Story::new(id, at(1, 9))
            .to("draft", at(2, 9))
            .to("published", at(4, 9))
    }

    #[test]
    fn error_rate_counts_items_with_fixes_and_names_the_stages_that_missed_them() {
        let histories = [
            published(1)
                .fix(at(5, 9), Some("review"))
                .fix(at(6, 9), Some("review"))
                .history(),
            published(2)
                .fix(at(5, 9), Some("review"))
                .fix(at(5, 10), None)
                .history(),
            published(3).history(),
            published(4).history(),
            // A fix on an unfinished item does not count: it was never launched.
            Story::new(5, at(1, 9))
                .fix(at(5, 9), Some("draft"))
                .history(),
        ];
        let report = error_rate(&histories, &flow(), Period::new(day(1), day(9)), offset());
        assert_eq!(
            (report.finished, report.with_fixes, report.fixes),
            (4, 2, 4)
        );
        assert_eq!(report.share(), Some(0.5));
        let stages: Vec<(&str, u32, u32)> = report
            .by_stage
            .iter()
            .map(|s| (s.name.as_str(), s.fixes, s.items))
            .collect();
        assert_eq!(stages, vec![("Review", 3, 2), ("No stage named", 1, 1)]);
        assert_eq!(
            report.summary(&Noun::new("post", "posts")),
            "2 of 4 posts (50 %) needed a post-launch fix; 3 fixes name Review as the stage that should have caught them."
        );
    }

    #[test]
    fn no_fixes_is_said_plainly() {
        let report = error_rate(
            &[published(1).history()],
            &flow(),
            Period::new(day(1), day(9)),
            offset(),
        );
        assert_eq!(
            report.summary(&Noun::new("post", "posts")),
            "The only post finished in this period needed no post-launch fix."
        );
    }
}
