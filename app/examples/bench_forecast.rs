//! Times the Monte Carlo forecasts on a busy workflow's throughput: 10,000 trials of
//! "when will these be done" and "how many by then", from 90 days of history.
//!
//! `cargo run --release -p app --example bench_forecast`

use std::time::Instant;

use app::domain::metrics::forecast::rng::Rng;
use app::domain::metrics::{
    how_many_by, when_done, ForecastSettings, Noun, Period, ThroughputSample,
};
use chrono::{Duration, NaiveDate};

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).expect("a day");
    let mut rng = Rng::seeded(7);
    // About 68 items a day (50,000 over two years), quieter at weekends.
    let daily: Vec<u32> = (0..90)
        .map(|d| {
            if d % 7 >= 5 {
                rng.below(20) as u32
            } else {
                60 + rng.below(40) as u32
            }
        })
        .collect();
    let sample = ThroughputSample {
        period: Some(Period::new(
            today - Duration::days(90),
            today - Duration::days(1),
        )),
        daily,
    };
    let settings = ForecastSettings::default();
    let noun = Noun::new("post", "posts");
    for (what, remaining) in [("400 open items", 400), ("5,000 open items", 5_000)] {
        let mut times = Vec::new();
        let mut answer = None;
        for _ in 0..30 {
            let started = Instant::now();
            answer = Some(when_done(&sample, remaining, today, &settings, &noun));
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "when will {what} be done, {} trials: p50 {:.1} ms, p95 {:.1} ms — {}",
            settings.trials,
            times[14],
            times[28],
            answer.map(|a| a.summary(&noun)).unwrap_or_default()
        );
    }
    let mut times = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        let _ = how_many_by(&sample, today, today + Duration::days(27), &settings, &noun);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "how many by four weeks from now, {} trials: p50 {:.1} ms, p95 {:.1} ms",
        settings.trials, times[14], times[28]
    );
}
