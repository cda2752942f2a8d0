//! Monte Carlo forecasts from daily throughput: each trial walks day by day, drawing the
//! throughput of a random day of the last 90 (with replacement, zero days included), until
//! the work is done — never by adding up cycle times, which would assume one item at a time.

use super::super::days::{days_counted, local_day, Period};
use super::super::history::ItemHistory;
use super::super::stats::{nearest_rank, reached_by};
use super::super::throughput::daily_counts;
use super::super::words::{capitalised, counted, Noun};
use super::rng::Rng;
use super::Confidence;
use crate::domain::words::day as short_date;
use chrono::{FixedOffset, NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

/// Days of throughput history a forecast draws from.
pub const SAMPLE_DAYS: u32 = 90;
/// The seed used unless the caller picks another: the same data gives the same answer.
pub const DEFAULT_SEED: u64 = 0x6261_746F_6E21;

/// How a forecast is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastSettings {
    /// Trials to run.
    pub trials: u32,
    /// Seed of the random draws.
    pub seed: u64,
    /// Days a trial may run before it counts as "not done within the horizon" (bounds the
    /// work when throughput is nearly zero).
    pub horizon_days: u32,
}

impl Default for ForecastSettings {
    fn default() -> Self {
        Self {
            trials: 10_000,
            seed: DEFAULT_SEED,
            horizon_days: 730,
        }
    }
}

/// Items finished per day over the days a forecast draws from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThroughputSample {
    /// The days; `None` when there are none yet.
    pub period: Option<Period>,
    /// Finishes on each day, zero days included.
    pub daily: Vec<u32>,
}

/// The throughput of the [`SAMPLE_DAYS`] whole days before `today` (today is not over yet),
/// not reaching back before the first item was created. O(n + days).
pub fn throughput_sample<'a>(
    histories: impl IntoIterator<Item = &'a ItemHistory>,
    today: NaiveDate,
    offset: FixedOffset,
) -> ThroughputSample {
    let histories: Vec<&ItemHistory> = histories.into_iter().collect();
    let last = today - TimeDelta::days(1);
    let earliest = histories.iter().map(|h| local_day(h.created, offset)).min();
    let first = (today - TimeDelta::days(i64::from(SAMPLE_DAYS))).max(earliest.unwrap_or(today));
    if first > last {
        return ThroughputSample {
            period: None,
            daily: Vec::new(),
        };
    }
    let period = Period::new(first, last);
    ThroughputSample {
        period: Some(period),
        daily: daily_counts(histories, period, offset),
    }
}

impl ThroughputSample {
    /// Items finished in the sample.
    pub fn finished(&self) -> u32 {
        self.daily.iter().sum()
    }

    /// Days with at least one finish.
    pub fn active_days(&self) -> u32 {
        self.daily.iter().filter(|n| **n > 0).count() as u32
    }

    /// Whether it is enough to forecast from.
    pub fn confidence(&self, noun: &Noun) -> Confidence {
        Confidence::judge(self.finished(), self.active_days(), noun)
    }
}

/// When `remaining` items will be done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhenForecast {
    /// Items left.
    pub remaining: u32,
    /// The first day simulated.
    pub start: NaiveDate,
    /// Half of the trials were done by this day; `None`: not within the horizon.
    pub p50: Option<NaiveDate>,
    /// 85 % of the trials were done by this day.
    pub p85: Option<NaiveDate>,
    /// 95 % of the trials were done by this day.
    pub p95: Option<NaiveDate>,
    /// The last day a trial may run to.
    pub horizon: NaiveDate,
    /// Trials not done by the horizon.
    pub beyond_horizon: u32,
    /// Trials run.
    pub trials: u32,
    /// Days of history drawn from.
    pub sample_days: u32,
    /// Whether the history is enough to trust it.
    pub confidence: Confidence,
}

/// When `remaining` items will be done, simulating from `start` (usually today) on.
/// O(trials × days simulated), days bounded by the horizon.
pub fn when_done(
    sample: &ThroughputSample,
    remaining: u32,
    start: NaiveDate,
    settings: &ForecastSettings,
    noun: &Noun,
) -> WhenForecast {
    let trials = settings.trials.max(1);
    let horizon = settings.horizon_days.max(1);
    // done_on[d] = trials done after d simulated days.
    let mut done_on = vec![0u32; horizon as usize + 1];
    let mut beyond = 0;
    let daily = &sample.daily;
    if remaining == 0 {
        done_on[1] = trials;
    } else if daily.iter().all(|n| *n == 0) {
        beyond = trials;
    } else {
        let mut rng = Rng::seeded(settings.seed);
        let n = daily.len() as u64;
        for _ in 0..trials {
            let (mut done, mut days) = (0u32, 0u32);
            while done < remaining && days < horizon {
                done = done.saturating_add(daily[rng.below(n) as usize]);
                days += 1;
            }
            if done >= remaining {
                done_on[days as usize] += 1;
            } else {
                beyond += 1;
            }
        }
    }
    let day_at = |percent: u32| {
        let rank = (trials as usize * percent as usize).div_ceil(100).max(1);
        let mut seen = 0usize;
        done_on.iter().enumerate().find_map(|(days, count)| {
            seen += *count as usize;
            (seen >= rank).then(|| start + TimeDelta::days(days.max(1) as i64 - 1))
        })
    };
    WhenForecast {
        remaining,
        start,
        p50: day_at(50),
        p85: day_at(85),
        p95: day_at(95),
        horizon: start + TimeDelta::days(i64::from(horizon) - 1),
        beyond_horizon: beyond,
        trials,
        sample_days: daily.len() as u32,
        confidence: sample.confidence(noun),
    }
}

impl WhenForecast {
    /// "The 12 remaining posts should be done by 14 Jun 2024 with 85 % confidence (by
    /// 10 Jun 2024 with 50 %, by 18 Jun 2024 with 95 %)." — or why it cannot be said.
    pub fn summary(&self, noun: &Noun) -> String {
        if self.remaining == 0 {
            return format!("No {} are left to do.", noun.plural);
        }
        if let Some(note) = &self.confidence.note {
            return note.clone();
        }
        let what = if self.remaining == 1 {
            format!("the remaining {}", noun.singular)
        } else {
            format!("the {} remaining {}", self.remaining, noun.plural)
        };
        match (self.p50, self.p85, self.p95) {
            (Some(p50), Some(p85), p95) => {
                let p95 = p95.map_or_else(
                    || {
                        format!(
                            "and even by {} only with less than 95 %",
                            short_date(self.horizon)
                        )
                    },
                    |d| format!("by {} with 95 %", short_date(d)),
                );
                format!(
                    "{} should be done by {} with 85 % confidence (by {} with 50 %, {p95}).",
                    capitalised(&what),
                    short_date(p85),
                    short_date(p50)
                )
            }
            _ => format!(
                "At the pace of the last {}, {what} would not be done by {}.",
                counted(u64::from(self.sample_days), "day", "days"),
                short_date(self.horizon)
            ),
        }
    }
}

/// How many items will be done from `start` to `by`, both days included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HowManyForecast {
    /// The first day simulated.
    pub start: NaiveDate,
    /// The last day counted.
    pub by: NaiveDate,
    /// Days simulated (capped at the horizon).
    pub days: u32,
    /// Half of the trials finished at least this many.
    pub p50: u32,
    /// 85 % of the trials finished at least this many: the 15th percentile of the counts,
    /// since for a count, confidence is in reaching it.
    pub p85: u32,
    /// 95 % of the trials finished at least this many (the 5th percentile).
    pub p95: u32,
    /// The median count, for charts.
    pub median: u32,
    /// Trials run.
    pub trials: u32,
    /// Whether the history is enough to trust it.
    pub confidence: Confidence,
}

/// How many items will be done from `start` through `by`. O(trials × days).
pub fn how_many_by(
    sample: &ThroughputSample,
    start: NaiveDate,
    by: NaiveDate,
    settings: &ForecastSettings,
    noun: &Noun,
) -> HowManyForecast {
    let trials = settings.trials.max(1);
    let days = days_counted(start, by).min(settings.horizon_days);
    let daily = &sample.daily;
    let mut counts = if daily.is_empty() || days == 0 {
        vec![0u32; trials as usize]
    } else {
        let mut rng = Rng::seeded(settings.seed);
        let n = daily.len() as u64;
        (0..trials)
            .map(|_| {
                (0..days).fold(0u32, |total, _| {
                    total.saturating_add(daily[rng.below(n) as usize])
                })
            })
            .collect()
    };
    counts.sort_unstable();
    HowManyForecast {
        start,
        by,
        days,
        p50: reached_by(&counts, 50).unwrap_or(0),
        p85: reached_by(&counts, 85).unwrap_or(0),
        p95: reached_by(&counts, 95).unwrap_or(0),
        median: nearest_rank(&counts, 50).unwrap_or(0),
        trials,
        confidence: sample.confidence(noun),
    }
}

impl HowManyForecast {
    /// "By 28 Jun 2024, at least 14 more posts should be done with 85 % confidence (18 with
    /// 50 %, 11 with 95 %)."
    pub fn summary(&self, noun: &Noun) -> String {
        if let Some(note) = &self.confidence.note {
            return note.clone();
        }
        let more = |n: u32| {
            counted(
                u64::from(n),
                &format!("more {}", noun.singular),
                &format!("more {}", noun.plural),
            )
        };
        if self.p85 == 0 {
            return format!(
                "By {}, no more {} can be promised with 85 % confidence ({} with 50 %).",
                short_date(self.by),
                noun.plural,
                self.p50
            );
        }
        format!(
            "By {}, at least {} should be done with 85 % confidence ({} with 50 %, {} with 95 %).",
            short_date(self.by),
            more(self.p85),
            self.p50,
            self.p95
        )
    }
}
