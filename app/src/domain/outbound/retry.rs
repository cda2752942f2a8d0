//! When a webhook delivery is tried again, what an answer means, and when an endpoint is
//! given up on — the Standard Webhooks schedule.

use chrono::{DateTime, TimeDelta, Utc};

/// The waits before each attempt after the first (the first goes at once): 5 seconds,
/// 5 minutes, 30 minutes, 2 hours, 5 hours, 10 hours, 10 hours — eight attempts in all,
/// spread over about 27 hours.
pub const WAITS: [TimeDelta; 7] = [
    TimeDelta::seconds(5),
    TimeDelta::minutes(5),
    TimeDelta::minutes(30),
    TimeDelta::hours(2),
    TimeDelta::hours(5),
    TimeDelta::hours(10),
    TimeDelta::hours(10),
];

/// How long a sender holds the deliveries it took, so that no other sender (another Baton
/// server on the same database) posts them too: longer than an attempt can take (10 s,
/// side by side). If a sender stops while holding some, they are due again when the hold ends.
pub const CLAIM: TimeDelta = TimeDelta::minutes(2);

/// How many times a delivery is attempted at most.
pub const ATTEMPTS: u32 = WAITS.len() as u32 + 1;

/// The most a wait is stretched by, so that many deliveries failing together don't all come
/// back at the same second: a tenth.
pub const JITTER: f64 = 0.1;

/// An endpoint whose deliveries have failed for this long without a success in between is
/// switched off and its admins are told.
pub const GIVE_UP_AFTER: TimeDelta = TimeDelta::days(3);

/// After a secret is rotated, the old one goes on signing (beside the new) for this long, so
/// the receiver can switch over.
pub const ROTATION_OVERLAP: TimeDelta = TimeDelta::hours(24);

/// What the receiver's answer means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Any 2xx: delivered.
    Delivered,
    /// 410 Gone: the receiver wants no more; the endpoint is switched off.
    Gone,
    /// Anything else — another status, a timeout, a refused connection: try again later.
    Failed,
}

impl Answer {
    /// Reads the status code (`None` when there was no answer at all).
    pub fn of(status: Option<u16>) -> Answer {
        match status {
            Some(200..=299) => Answer::Delivered,
            Some(410) => Answer::Gone,
            _ => Answer::Failed,
        }
    }
}

/// When to try again after `made` attempts have failed, the last at `last`; `None` when the
/// schedule is spent. `jitter` in 0..1 (the caller's random number) stretches the wait by up
/// to [`JITTER`].
pub fn next_attempt(made: u32, last: DateTime<Utc>, jitter: f64) -> Option<DateTime<Utc>> {
    let wait = WAITS.get(usize::try_from(made.checked_sub(1)?).ok()?)?;
    let stretch = jitter.clamp(0.0, 1.0) * JITTER;
    let extra = TimeDelta::milliseconds((wait.num_milliseconds() as f64 * stretch) as i64);
    Some(last + *wait + extra)
}

/// Whether an endpoint failing since `failing_since` (its first failure after its last
/// success) has failed long enough to be switched off.
pub fn should_give_up(failing_since: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    failing_since.is_some_and(|since| now - since >= GIVE_UP_AFTER)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
    }

    #[test]
    fn answers_mean_what_the_specification_says() {
        assert_eq!(Answer::of(Some(200)), Answer::Delivered);
        assert_eq!(Answer::of(Some(204)), Answer::Delivered);
        assert_eq!(Answer::of(Some(299)), Answer::Delivered);
        assert_eq!(Answer::of(Some(410)), Answer::Gone);
        for failed in [
            Some(301),
            Some(400),
            Some(404),
            Some(429),
            Some(500),
            Some(503),
            None,
        ] {
            assert_eq!(Answer::of(failed), Answer::Failed, "{failed:?}");
        }
    }

    #[test]
    fn without_jitter_the_schedule_is_the_specifications() {
        let mut at = t0();
        let mut times = vec![at];
        let mut made = 1;
        while let Some(next) = next_attempt(made, at, 0.0) {
            at = next;
            times.push(at);
            made += 1;
        }
        assert_eq!(times.len() as u32, ATTEMPTS);
        let gaps: Vec<i64> = times
            .windows(2)
            .map(|w| (w[1] - w[0]).num_seconds())
            .collect();
        assert_eq!(gaps, [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000]);
        // The last attempt goes 27 h 35 min 5 s after the first.
        assert_eq!((at - t0()).num_seconds(), 27 * 3_600 + 35 * 60 + 5);
        assert_eq!(
            next_attempt(0, t0(), 0.0),
            None,
            "nothing was attempted yet"
        );
    }

    proptest! {
        #[test]
        fn jitter_only_ever_stretches_a_wait_by_up_to_a_tenth(made in 1u32..8, jitter in -1.0f64..2.0) {
            let plain = next_attempt(made, t0(), 0.0).unwrap() - t0();
            let stretched = next_attempt(made, t0(), jitter).unwrap() - t0();
            prop_assert!(stretched >= plain);
            prop_assert!(stretched.num_milliseconds() <= plain.num_milliseconds() + plain.num_milliseconds() / 10);
        }
    }

    #[test]
    fn an_endpoint_is_given_up_on_after_three_days_of_failures() {
        assert!(!should_give_up(None, t0()));
        let since = t0() - TimeDelta::days(3) + TimeDelta::seconds(1);
        assert!(!should_give_up(Some(since), t0()));
        assert!(should_give_up(Some(t0() - TimeDelta::days(3)), t0()));
    }
}
