//! Forecasts against small hand-computed cases, and the trending-late flag on a clock the
//! test controls.

use super::super::days::Period;
use super::super::fixtures::{at, day, flow, offset, Story};
use super::super::history::ItemHistory;
use super::super::words::Noun;
use super::*;

fn posts() -> Noun {
    Noun::new("post", "posts")
}

fn sample(daily: Vec<u32>) -> ThroughputSample {
    ThroughputSample {
        period: Some(Period::days_ending(day(30), daily.len() as u32)),
        daily,
    }
}

#[test]
fn a_trial_walks_day_by_day_through_drawn_days() {
    // Half the days finish 2, half none: 2 items are done on day d with chance 1 − 0.5^d,
    // so 85 % by the third day and 95 % by the fifth.
    let s = sample([0, 2].repeat(15));
    let f = when_done(&s, 2, day(10), &ForecastSettings::default(), &posts());
    assert_eq!(f.p85, Some(day(12)));
    assert_eq!(f.p95, Some(day(14)));
    assert!(f.p50 == Some(day(10)) || f.p50 == Some(day(11)));
    assert_eq!(f.trials, 10_000);
    assert_eq!(f.beyond_horizon, 0);
    // Two days: 0 with chance 1/4, 2 with 1/2, 4 with 1/4.
    let m = how_many_by(&s, day(10), day(11), &ForecastSettings::default(), &posts());
    assert_eq!((m.p50, m.p85, m.p95, m.days), (2, 0, 0, 2));
    assert_eq!(
        m.summary(&posts()),
        "By 11 Jun 2024, no more posts can be promised with 85 % confidence (2 with 50 %)."
    );
}

#[test]
fn nothing_left_and_no_throughput_are_said_plainly() {
    let s = sample(vec![3; 30]);
    let done = when_done(&s, 0, day(10), &ForecastSettings::default(), &posts());
    assert_eq!(done.p95, Some(day(10)));
    assert_eq!(done.summary(&posts()), "No posts are left to do.");
    let idle = sample(vec![0; 30]);
    let never = when_done(&idle, 5, day(10), &ForecastSettings::default(), &posts());
    assert_eq!((never.p50, never.beyond_horizon), (None, 10_000));
    assert!(!never.confidence.enough);
    assert!(never
        .summary(&posts())
        .starts_with("This forecast rests on 0 posts"));
}

#[test]
fn summaries_give_the_dates_with_their_confidence() {
    let s = sample((0..30).map(|i| 1 + i % 2).collect());
    let f = when_done(&s, 12, day(3), &ForecastSettings::default(), &posts());
    let (p50, p85, p95) = (f.p50.unwrap(), f.p85.unwrap(), f.p95.unwrap());
    assert!(day(3) < p50 && p50 <= p85 && p85 <= p95);
    let say = crate::domain::words::day;
    assert_eq!(
        f.summary(&posts()),
        format!(
            "The 12 remaining posts should be done by {} with 85 % confidence (by {} with 50 %, by {} with 95 %).",
            say(p85),
            say(p50),
            say(p95)
        )
    );
    let m = how_many_by(&s, day(3), day(9), &ForecastSettings::default(), &posts());
    assert!(m.p95 <= m.p85 && m.p85 <= m.p50 && m.p50 <= 14 && m.p95 >= 7);
    assert_eq!(
        m.summary(&posts()),
        format!(
            "By 9 Jun 2024, at least {} more posts should be done with 85 % confidence ({} with 50 %, {} with 95 %).",
            m.p85, m.p50, m.p95
        )
    );
}

#[test]
fn the_sample_is_the_last_ninety_whole_days_not_before_the_first_item() {
    let histories = [
        Story::new(1, at(1, 9))
            .to("draft", at(1, 10))
            .to("published", at(3, 9))
            .history(),
        Story::new(2, at(1, 9))
            .to("draft", at(1, 10))
            .to("published", at(10, 9))
            .history(),
    ];
    // Today is the 10th: the sample is the 1st to the 9th; today's finish is not in it.
    let s = throughput_sample(&histories, day(10), offset());
    assert_eq!(s.period, Some(Period::new(day(1), day(9))));
    assert_eq!(s.daily, vec![0, 0, 1, 0, 0, 0, 0, 0, 0]);
    assert_eq!((s.finished(), s.active_days()), (1, 1));
    assert_eq!(throughput_sample(&histories, day(1), offset()).period, None);
}

/// Twenty posts through Draft (1 day) and Review (1 day for half, 2 for the others),
/// finishing on eleven different days from the 3rd to the 13th.
fn reference_posts() -> Vec<ItemHistory> {
    (0..20)
        .map(|i| {
            let start = 1 + (i % 10) as u32;
            let review_days = if i < 10 { 1 } else { 2 };
            Story::new(i, at(start, 9))
                .to("draft", at(start, 10))
                .to("review", at(start + 1, 10))
                .to("published", at(start + 1 + review_days, 10))
                .history()
        })
        .collect()
}

fn reference() -> FinishReference {
    FinishReference::build(
        &reference_posts(),
        &flow(),
        Period::new(day(1), day(19)),
        offset(),
        &posts(),
    )
}

fn outlook_at(history: &ItemHistory, now: chrono::DateTime<chrono::Utc>) -> ItemOutlook {
    item_outlooks([history], &flow(), &reference(), now, offset(), &posts()).remove(0)
}

#[test]
fn the_reference_keeps_time_from_each_stage_to_finish_and_visit_lengths() {
    let r = reference();
    assert!(r.confidence.enough);
    assert_eq!(r.cycle_days.len(), 20);
    assert_eq!(r.from_stage_days[2].first(), Some(&2));
    assert_eq!(r.from_stage_days[2].last(), Some(&3));
    assert_eq!(r.visit_p85_secs[2], Some(48 * 3600));
    assert_eq!(r.visit_p85_secs[1], Some(24 * 3600));
}

#[test]
fn an_item_stuck_in_review_is_flagged_before_its_date_with_the_reason() {
    let stuck = Story::new(99, at(18, 9))
        .to("draft", at(19, 10))
        .to("review", at(20, 10))
        .planned(25)
        .history();
    // A day into Review, five days to go: every finished post made it from here in time.
    let early = outlook_at(&stuck, at(21, 12));
    assert_eq!(early.status, OutlookStatus::OnTrack);
    assert_eq!(early.chance, Some(1.0));
    assert_eq!(early.reason, None);
    // Four days in Review: no finished post stayed this long.
    let late = outlook_at(&stuck, at(24, 12));
    assert!(late.is_trending_late());
    assert_eq!(late.chance, Some(0.0));
    assert_eq!(
        late.reason.as_deref(),
        Some("In Review for 4 days; 85 % of posts leave Review within 2.")
    );
    // The date has passed.
    let overdue = outlook_at(&stuck, at(26, 9));
    assert_eq!(overdue.status, OutlookStatus::Overdue);
    assert_eq!(
        overdue.reason.as_deref(),
        Some("Planned for yesterday, and it is not done.")
    );
}

#[test]
fn an_item_with_too_little_time_left_is_flagged_by_what_the_rest_usually_takes() {
    let tight = Story::new(98, at(24, 9))
        .to("draft", at(24, 10))
        .planned(25)
        .history();
    let o = outlook_at(&tight, at(24, 12));
    assert!(o.is_trending_late());
    assert_eq!(
        o.reason.as_deref(),
        Some(
            "Planned for tomorrow; from this point in Draft, 85 % of posts take up to 3 more days."
        )
    );
    let roomy = Story::new(97, at(24, 9))
        .to("draft", at(24, 10))
        .planned(29)
        .history();
    assert_eq!(
        outlook_at(&roomy, at(24, 12)).status,
        OutlookStatus::OnTrack
    );
}

#[test]
fn items_without_a_date_or_enough_history_are_not_judged() {
    let undated = Story::new(96, at(24, 9)).to("draft", at(24, 10)).history();
    assert_eq!(
        outlook_at(&undated, at(24, 12)).status,
        OutlookStatus::NoDeadline
    );
    let few = FinishReference::build(
        &reference_posts()[..5],
        &flow(),
        Period::new(day(1), day(19)),
        offset(),
        &posts(),
    );
    let dated = Story::new(95, at(24, 9))
        .to("draft", at(24, 10))
        .planned(25)
        .history();
    let o = item_outlooks([&dated], &flow(), &few, at(24, 12), offset(), &posts()).remove(0);
    assert_eq!(o.status, OutlookStatus::NotEnoughData);
    assert_eq!(o.chance, None);
    assert!(o
        .reason
        .unwrap()
        .starts_with("This forecast rests on 5 posts finished on 5 different days"));
    let finished_or_dropped = [
        reference_posts().remove(0),
        Story::new(94, at(24, 9))
            .planned(25)
            .archive(at(24, 10))
            .history(),
    ];
    assert!(item_outlooks(
        &finished_or_dropped,
        &flow(),
        &reference(),
        at(24, 12),
        offset(),
        &posts()
    )
    .is_empty());
}

/// Twenty posts leaving Review the same day (half), after 5 days (a quarter) or after
/// 8 days (a quarter), counting from their entry into Review to their finish.
fn quick_or_slow_reference() -> FinishReference {
    let finished: Vec<ItemHistory> = (0..20)
        .map(|i| {
            let s = 1 + (i % 10) as u32;
            let finish = match i {
                0..=9 => at(s, 12),
                10..=14 => at(s + 4, 12),
                _ => at(s + 7, 12),
            };
            Story::new(i, at(s, 9))
                .to("draft", at(s, 10))
                .to("review", at(s, 11))
                .to("published", finish)
                .history()
        })
        .collect();
    FinishReference::build(
        &finished,
        &flow(),
        Period::new(day(1), day(20)),
        offset(),
        &posts(),
    )
}

#[test]
fn the_chance_counts_only_finished_items_that_had_lasted_as_long() {
    let reference = quick_or_slow_reference();
    let item = Story::new(99, at(20, 9))
        .to("draft", at(20, 10))
        .to("review", at(20, 11))
        .planned(25)
        .history();
    let at_now =
        |now| item_outlooks([&item], &flow(), &reference, now, offset(), &posts()).remove(0);
    // Three days into Review the quick half is out of the picture: of the ten that stayed
    // that long, five finished within six days of entering Review.
    let third_day = at_now(at(22, 12));
    assert_eq!(third_day.chance, Some(0.5));
    assert_eq!(third_day.status, OutlookStatus::OnTrack);
    let planned_day = at_now(at(25, 12));
    assert!(planned_day.is_trending_late());
    assert_eq!(
        planned_day.reason.as_deref(),
        Some("Planned for today; from this point in Review, 85 % of posts take up to 2 more days.")
    );
}

#[test]
fn a_stage_with_too_few_finished_items_falls_back_to_cycle_time_by_age() {
    let reference = quick_or_slow_reference();
    // Started on the 20th, now in a stage the workflow no longer has.
    let item = Story::new(99, at(20, 9))
        .to("draft", at(20, 10))
        .to("legal", at(21, 9))
        .planned(25)
        .history();
    let at_now =
        |now| item_outlooks([&item], &flow(), &reference, now, offset(), &posts()).remove(0);
    assert_eq!(at_now(at(22, 12)).chance, Some(0.5));
    assert_eq!(
        at_now(at(25, 12)).reason.as_deref(),
        Some("Planned for today; at this age, 85 % of posts take up to 2 more days.")
    );
}

#[test]
fn an_item_older_than_every_finished_one_is_flagged_with_that_reason() {
    let reference = quick_or_slow_reference();
    // In a retired stage (no visit lengths to compare with) for longer than any post took.
    let item = Story::new(99, at(10, 9))
        .to("draft", at(10, 10))
        .to("legal", at(10, 11))
        .planned(30)
        .history();
    let o = item_outlooks([&item], &flow(), &reference, at(20, 12), offset(), &posts()).remove(0);
    assert!(o.is_trending_late());
    assert_eq!(o.chance, Some(0.0));
    assert_eq!(
        o.reason.as_deref(),
        Some("11 days since work started; no finished post took that long.")
    );
}
