//! Slows, then refuses, repeated failed sign-ins — per account and per address —
//! so passwords cannot be guessed at speed. Kept in memory: a restart forgets,
//! which costs an attacker a restart they cannot cause.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// Failures within this window count together.
pub const WINDOW: Duration = Duration::minutes(15);
/// Failures before each further try is slowed down.
pub const SLOW_AFTER: u32 = 3;
/// Failures on one account before it is locked for [`LOCKOUT`].
pub const LOCK_AFTER: u32 = 8;
/// Failures from one address before it is locked (higher: offices share addresses).
pub const LOCK_ADDRESS_AFTER: u32 = 40;
/// How long a lock lasts.
pub const LOCKOUT: Duration = Duration::minutes(15);

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    first_at: DateTime<Utc>,
    locked_until: Option<DateTime<Utc>>,
}

/// The verdict before checking a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Go ahead, after waiting this long.
    Proceed(std::time::Duration),
    /// Refused until then.
    Locked(DateTime<Utc>),
}

/// Failed sign-ins per key (`account:<email>`, `address:<ip>`).
#[derive(Debug, Default)]
pub struct SignInThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

/// The keys an attempt counts against.
pub fn keys(email: &str, address: Option<std::net::IpAddr>) -> Vec<String> {
    let mut keys = vec![format!("account:{}", email.trim().to_lowercase())];
    if let Some(ip) = address {
        keys.push(format!("address:{ip}"));
    }
    keys
}

impl SignInThrottle {
    /// Whether an attempt may go ahead now, and after what delay.
    pub fn check(&self, keys: &[String], now: DateTime<Utc>) -> Gate {
        let map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let mut worst = 0;
        for key in keys {
            let Some(f) = map.get(key) else { continue };
            if let Some(until) = f.locked_until.filter(|u| *u > now) {
                return Gate::Locked(until);
            }
            if now - f.first_at <= WINDOW {
                worst = worst.max(f.count);
            }
        }
        let extra = worst.saturating_sub(SLOW_AFTER - 1).min(5);
        Gate::Proceed(std::time::Duration::from_millis(u64::from(extra) * 700))
    }

    /// Records a failed attempt.
    pub fn failed(&self, keys: &[String], now: DateTime<Utc>) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in keys {
            let f = map.entry(key.clone()).or_insert(Failures {
                count: 0,
                first_at: now,
                locked_until: None,
            });
            if now - f.first_at > WINDOW || f.locked_until.is_some_and(|u| u <= now) {
                *f = Failures {
                    count: 0,
                    first_at: now,
                    locked_until: None,
                };
            }
            f.count += 1;
            let limit = if key.starts_with("address:") {
                LOCK_ADDRESS_AFTER
            } else {
                LOCK_AFTER
            };
            if f.count >= limit {
                f.locked_until = Some(now + LOCKOUT);
            }
        }
        map.retain(|_, f| now - f.first_at <= WINDOW || f.locked_until.is_some_and(|u| u > now));
    }

    /// Forgets an account's failures after a successful sign-in.
    pub fn succeeded(&self, keys: &[String]) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(account) = keys.first() {
            map.remove(account);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn failures_slow_down_then_lock_the_account_for_a_while() {
        let throttle = SignInThrottle::default();
        let keys = keys("Dana@Example.com", Some("10.0.0.7".parse().unwrap()));
        let t0 = Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap();
        assert_eq!(
            throttle.check(&keys, t0),
            Gate::Proceed(std::time::Duration::ZERO)
        );
        for n in 0..LOCK_AFTER - 1 {
            throttle.failed(&keys, t0 + Duration::seconds(i64::from(n)));
        }
        let Gate::Proceed(delay) = throttle.check(&keys, t0 + Duration::seconds(10)) else {
            panic!("not yet locked")
        };
        assert!(delay > std::time::Duration::ZERO, "slowed down");
        throttle.failed(&keys, t0 + Duration::seconds(11));
        let Gate::Locked(until) = throttle.check(&keys, t0 + Duration::seconds(12)) else {
            panic!("locked")
        };
        assert_eq!(until, t0 + Duration::seconds(11) + LOCKOUT);
        // Another account from another address is not affected.
        let other = super::keys("sam@example.com", Some("10.0.0.8".parse().unwrap()));
        assert_eq!(
            throttle.check(&other, t0 + Duration::seconds(12)),
            Gate::Proceed(std::time::Duration::ZERO)
        );
        // After the lockout, attempts are allowed again.
        assert!(matches!(
            throttle.check(&keys, until + Duration::seconds(1)),
            Gate::Proceed(_)
        ));
    }

    #[test]
    fn a_success_clears_the_account_but_not_the_address() {
        let throttle = SignInThrottle::default();
        let keys = keys("ana@example.com", Some("10.0.0.9".parse().unwrap()));
        let t0 = Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap();
        for _ in 0..5 {
            throttle.failed(&keys, t0);
        }
        throttle.succeeded(&keys);
        let only_account = vec![keys[0].clone()];
        assert_eq!(
            throttle.check(&only_account, t0),
            Gate::Proceed(std::time::Duration::ZERO)
        );
        assert!(
            matches!(throttle.check(&keys, t0), Gate::Proceed(d) if d > std::time::Duration::ZERO)
        );
    }
}
