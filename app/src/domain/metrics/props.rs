//! Properties of the metrics over random item stories.

use super::cfd::cumulative_flow;
use super::cycle_time::cycle_times;
use super::days::{day_start, Period};
use super::fixtures::{at, day, flow, offset, Story};
use super::forecast::{
    how_many_by, item_outlooks, when_done, FinishReference, ForecastSettings, OutlookStatus,
    ThroughputSample,
};
use super::history::ItemHistory;
use super::words::Noun;
use chrono::{TimeDelta, Utc};
use proptest::prelude::*;

const STAGES: [&str; 5] = ["brief", "draft", "review", "published", "legal"];

/// One step of a story: move to a stage (4 is a stage the workflow lost), archive or
/// restore, after some hours (0 = the same moment as the step before).
fn step() -> impl Strategy<Value = (u8, i64)> {
    (0u8..7, 0i64..40)
}

fn story(id: i64, start_hour: i64, steps: &[(u8, i64)]) -> ItemHistory {
    let mut when = at(1, 0) + TimeDelta::hours(start_hour);
    let mut story = Story::new(id, when);
    for (kind, gap) in steps {
        when += TimeDelta::hours(*gap);
        story = match kind {
            0..=4 => story.to(STAGES[*kind as usize], when),
            5 => story.archive(when),
            _ => story.restore(when),
        };
    }
    story.history()
}

fn stories() -> impl Strategy<Value = Vec<ItemHistory>> {
    prop::collection::vec((0i64..500, prop::collection::vec(step(), 0..12)), 1..25).prop_map(
        |items| {
            items
                .iter()
                .enumerate()
                .map(|(i, (start, steps))| story(i as i64, *start, steps))
                .collect()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn cfd_bands_are_the_items_in_each_stage_at_each_days_end(histories in stories()) {
        let flow = flow();
        let period = Period::new(day(2), day(30));
        let cfd = cumulative_flow(&histories, &flow, period, offset());
        let totals = cfd.totals();
        for (i, d) in period.days().enumerate() {
            // The last moment of the day.
            let end = day_start(d + TimeDelta::days(1), offset()) - TimeDelta::seconds(1);
            let existing: Vec<&ItemHistory> =
                histories.iter().filter(|h| h.counts_at(end, &flow)).collect();
            prop_assert_eq!(totals[i] as usize, existing.len(), "day {}", d);
            for band in &cfd.bands {
                let expected = existing
                    .iter()
                    .filter(|h| {
                        let stage = &h.visit_at(end).unwrap().stage;
                        match &band.stage {
                            Some(key) => stage == key,
                            None => flow.position(stage).is_none(),
                        }
                    })
                    .count();
                prop_assert_eq!(band.counts[i] as usize, expected, "{} on {}", band.name, d);
            }
        }
    }

    #[test]
    fn cycle_time_percentiles_are_ordered(histories in stories()) {
        let report = cycle_times(&histories, Period::new(day(1), day(30)), offset());
        if let Some(p) = report.percentiles {
            prop_assert!(p.p50 <= p.p70 && p.p70 <= p.p85 && p.p85 <= p.p95);
            prop_assert!(report.points.iter().all(|pt| pt.days >= 1));
        } else {
            prop_assert!(report.points.is_empty());
        }
    }

    #[test]
    fn constant_throughput_gives_an_exact_forecast(
        per_day in 1u32..6,
        days in 1usize..90,
        remaining in 0u32..300,
        horizon_from_start in 0i64..40,
        seed in any::<u64>(),
    ) {
        let sample = ThroughputSample { period: None, daily: vec![per_day; days] };
        let settings = ForecastSettings { trials: 200, seed, ..ForecastSettings::default() };
        let noun = Noun::new("post", "posts");
        let start = day(1);
        let f = when_done(&sample, remaining, start, &settings, &noun);
        let needed = i64::from(remaining.div_ceil(per_day).max(1));
        let exact = Some(start + TimeDelta::days(needed - 1));
        prop_assert_eq!((f.p50, f.p85, f.p95), (exact, exact, exact));
        let by = start + TimeDelta::days(horizon_from_start);
        let m = how_many_by(&sample, start, by, &settings, &noun);
        let count = per_day * (horizon_from_start as u32 + 1);
        prop_assert_eq!((m.p50, m.p85, m.p95), (count, count, count));
    }

    #[test]
    fn forecasts_are_the_same_for_the_same_seed_and_ordered(
        daily in prop::collection::vec(0u32..5, 1..90),
        remaining in 1u32..80,
        seed in any::<u64>(),
    ) {
        let sample = ThroughputSample { period: None, daily };
        let settings = ForecastSettings { trials: 500, seed, ..ForecastSettings::default() };
        let noun = Noun::new("post", "posts");
        let a = when_done(&sample, remaining, day(1), &settings, &noun);
        prop_assert_eq!(&a, &when_done(&sample, remaining, day(1), &settings, &noun));
        if let (Some(p50), Some(p85)) = (a.p50, a.p85) {
            prop_assert!(p50 <= p85);
            prop_assert!(a.p95.is_none_or(|p95| p85 <= p95));
        }
        let m = how_many_by(&sample, day(1), day(20), &settings, &noun);
        prop_assert_eq!(&m, &how_many_by(&sample, day(1), day(20), &settings, &noun));
        prop_assert!(m.p95 <= m.p85 && m.p85 <= m.p50);
    }

    #[test]
    fn an_item_stuck_in_its_stage_only_loses_chance_as_the_clock_runs(
        review_hours in prop::collection::vec(1i64..150, 20..40),
        plan_in in 0u32..10,
    ) {
        // Finished posts with random Review times, finishing on many different days.
        let reference_posts: Vec<ItemHistory> = review_hours
            .iter()
            .enumerate()
            .map(|(i, hours)| {
                let start = at(1, 9) + TimeDelta::hours(i as i64 * 13);
                Story::new(i as i64, start)
                    .to("draft", start + TimeDelta::hours(1))
                    .to("review", start + TimeDelta::hours(2))
                    .to("published", start + TimeDelta::hours(2 + hours))
                    .history()
            })
            .collect();
        let noun = Noun::new("post", "posts");
        let reference = FinishReference::build(&reference_posts, &flow(), Period::new(day(1), day(30)), offset(), &noun);
        prop_assume!(reference.confidence.enough);
        let stuck = Story::new(999, at(20, 8))
            .to("draft", at(20, 9))
            .to("review", at(20, 10))
            .planned(20 + plan_in)
            .history();
        let mut last_chance = 1.0;
        let mut flagged = false;
        for hours in (3..24 * 12).step_by(5) {
            let now: chrono::DateTime<Utc> = at(20, 10) + TimeDelta::hours(hours);
            let o = item_outlooks([&stuck], &flow(), &reference, now, offset(), &noun).remove(0);
            match o.status {
                OutlookStatus::OnTrack | OutlookStatus::TrendingLate => {
                    let chance = o.chance.unwrap();
                    prop_assert!(chance <= last_chance + 1e-12, "chance rose to {} at +{}h", chance, hours);
                    prop_assert_eq!(o.is_trending_late(), chance < 0.5);
                    prop_assert!(!flagged || o.is_trending_late(), "unflagged again at +{}h", hours);
                    prop_assert!(!o.is_trending_late() || o.reason.is_some());
                    flagged |= o.is_trending_late();
                    last_chance = chance;
                }
                OutlookStatus::Overdue => {
                    prop_assert!(now.with_timezone(&offset()).date_naive() > day(20 + plan_in));
                }
                other => prop_assert!(false, "unexpected {:?}", other),
            }
        }
    }
}
