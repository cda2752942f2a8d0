//! Pausing rules that flood or keep failing, and the bounded scheduled run.

use super::super::super::testkit::t0;
use super::*;

#[test]
fn a_rule_pauses_when_it_would_run_more_than_100_times_in_a_minute() {
    let now = t0();
    let runs = |n: i64, spread_seconds: i64| RunHealth {
        recent_runs: (0..n)
            .map(|i| now - TimeDelta::milliseconds(i * spread_seconds * 1000 / n.max(1)))
            .collect(),
        failures_in_a_row: 0,
    };
    assert_eq!(runs(99, 50).pause_before_run(now), None);
    let flooding = runs(100, 50).pause_before_run(now);
    assert_eq!(flooding, Some(PauseReason::Flooding));
    assert_eq!(
        flooding.unwrap().message(),
        "ran more than 100 times in a minute"
    );
    assert_eq!(
        runs(100, 120).pause_before_run(now),
        None,
        "spread over two minutes is fine"
    );
}

#[test]
fn a_rule_pauses_after_ten_failures_in_a_row_and_a_success_resets_the_count() {
    let mut health = RunHealth::default();
    for i in 0..9 {
        health = health.after(t0() + TimeDelta::minutes(i), RunOutcome::Refused);
        assert_eq!(health.pause_after_run(), None);
    }
    let skipped = health.after(t0() + TimeDelta::minutes(10), RunOutcome::Skipped);
    assert_eq!(
        skipped, health,
        "a rule that did not run neither failed nor succeeded"
    );
    let failed = health.after(t0() + TimeDelta::minutes(11), RunOutcome::Failed);
    assert_eq!(failed.pause_after_run(), Some(PauseReason::Failing));
    assert_eq!(PauseReason::Failing.message(), "failed 10 times in a row");
    assert_eq!(
        failed.pause_before_run(t0() + TimeDelta::minutes(12)),
        Some(PauseReason::Failing)
    );
    let done = health.after(t0() + TimeDelta::minutes(11), RunOutcome::Done);
    assert_eq!(done.failures_in_a_row, 0);
    assert_eq!(
        done.recent_runs.len(),
        1,
        "runs older than a minute are forgotten"
    );
}

#[test]
fn a_scheduled_run_touches_at_most_500_items() {
    let slot = NaiveDate::from_ymd_opt(2024, 6, 3)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let items: Vec<ItemId> = (1..=620).map(ItemId).collect();
    let run = scheduled_run(RuleId(3), true, slot, t0(), &items);
    assert_eq!(run.signals.len(), MAX_ITEMS_PER_SCHEDULED_RUN);
    assert_eq!(run.left_out, 120);
    assert_eq!(
        run.signals[0].id,
        SignalId::Schedule {
            rule: RuleId(3),
            slot,
            item: Some(ItemId(1))
        }
    );
    let once = scheduled_run(RuleId(3), false, slot, t0(), &items);
    assert_eq!(once.signals.len(), 1);
    assert_eq!(once.signals[0].item(), None);
}
