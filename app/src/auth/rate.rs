//! A small per-key rate limit (a sliding window kept in memory): how many times one
//! address may submit a public form, or one token call the API, in a window.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use chrono::{DateTime, TimeDelta, Utc};

/// At most `limit` hits per key within `window`.
#[derive(Debug)]
pub struct RateLimit {
    limit: usize,
    window: TimeDelta,
    hits: Mutex<HashMap<String, VecDeque<DateTime<Utc>>>>,
}

impl RateLimit {
    /// A limit of `limit` per `window`.
    pub fn new(limit: usize, window: TimeDelta) -> Self {
        RateLimit {
            limit,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a hit for `key` at `now`: `Ok` when allowed, or `Err` with when the next
    /// hit will be.
    pub fn hit(&self, key: &str, now: DateTime<Utc>) -> Result<(), DateTime<Utc>> {
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        if hits.len() > 10_000 {
            // Forget keys that have gone quiet, so the map cannot grow without bound.
            let window = self.window;
            hits.retain(|_, times| times.back().is_some_and(|t| *t > now - window));
        }
        let times = hits.entry(key.to_owned()).or_default();
        while times.front().is_some_and(|t| *t <= now - self.window) {
            times.pop_front();
        }
        if times.len() >= self.limit {
            return Err(times.front().copied().unwrap_or(now) + self.window);
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn hits_over_the_limit_wait_until_the_oldest_leaves_the_window() {
        let limit = RateLimit::new(2, TimeDelta::minutes(10));
        let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        assert!(limit.hit("a", t0).is_ok());
        assert!(limit.hit("a", t0 + TimeDelta::minutes(1)).is_ok());
        assert_eq!(
            limit.hit("a", t0 + TimeDelta::minutes(2)),
            Err(t0 + TimeDelta::minutes(10))
        );
        assert!(limit.hit("b", t0).is_ok(), "keys are counted apart");
        assert!(limit.hit("a", t0 + TimeDelta::minutes(10)).is_ok());
    }
}
