//! How each person wants to hear about things outside Baton: per kind of notice at once, in
//! the daily digest, or not at all; which notices are urgent enough to be mailed alone; the
//! few minutes in which the rest are folded into one message; and when the digest goes.

use chrono::{Datelike, NaiveDateTime, NaiveTime, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};

use crate::domain::notify::NoticeKind;

/// Where one kind of notice goes for one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// By email as it happens (urgent kinds alone, the rest folded within a few minutes).
    AtOnce,
    /// Only in the daily digest.
    Digest,
    /// Never by email (still in Baton's bell).
    Off,
}

impl Delivery {
    /// Every choice, in the order the settings page offers them.
    pub const ALL: [Delivery; 3] = [Delivery::AtOnce, Delivery::Digest, Delivery::Off];

    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::AtOnce => "at_once",
            Delivery::Digest => "digest",
            Delivery::Off => "off",
        }
    }

    /// Reads the stored word back.
    pub fn parse(text: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.as_str() == text)
    }

    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            Delivery::AtOnce => "At once",
            Delivery::Digest => "In the daily digest",
            Delivery::Off => "Off",
        }
    }
}

/// The kinds of notice a person chooses for, in the order the settings page lists them.
pub const KINDS: [NoticeKind; 8] = [
    NoticeKind::ApprovalAsked,
    NoticeKind::ChangesRequested,
    NoticeKind::Escalated,
    NoticeKind::Mentioned,
    NoticeKind::Approved,
    NoticeKind::Reminder,
    NoticeKind::Automation,
    NoticeKind::Integration,
];

/// What the settings page calls a kind of notice.
pub fn kind_label(kind: NoticeKind) -> &'static str {
    match kind {
        NoticeKind::ApprovalAsked => "Your approval is asked",
        NoticeKind::ChangesRequested => "Changes are requested on your item",
        NoticeKind::Escalated => "Something is escalated to you",
        NoticeKind::Mentioned => "Someone mentions you",
        NoticeKind::Approved => "Your item is approved",
        NoticeKind::Reminder => "A review of yours is near its SLA",
        NoticeKind::Automation => "A rule tells you something",
        NoticeKind::Integration => "An integration stops working",
    }
}

/// Whether a kind is mailed alone the moment it happens: someone is waiting on the person.
pub fn is_urgent(kind: NoticeKind) -> bool {
    matches!(
        kind,
        NoticeKind::ApprovalAsked
            | NoticeKind::ChangesRequested
            | NoticeKind::Escalated
            | NoticeKind::Mentioned
    )
}

/// How long the first of several non-urgent notices waits for others to join it.
pub const BATCH_WINDOW: TimeDelta = TimeDelta::minutes(5);

/// When the daily digest goes, in the person's time zone, on working days.
pub const DIGEST_AT: NaiveTime = NaiveTime::from_hms_opt(8, 0, 0).expect("a valid time");

/// One person's choices; kinds they never chose for go at once, and the digest is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// The kinds chosen for, with the choice.
    pub chosen: Vec<(NoticeKind, Delivery)>,
    /// Whether the daily digest is sent.
    pub digest: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            chosen: Vec::new(),
            digest: true,
        }
    }
}

impl Prefs {
    /// Where a kind goes.
    pub fn of(&self, kind: NoticeKind) -> Delivery {
        self.chosen
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(Delivery::AtOnce, |(_, d)| *d)
    }

    /// Changes one kind's choice.
    pub fn set(&mut self, kind: NoticeKind, delivery: Delivery) {
        self.chosen.retain(|(k, _)| *k != kind);
        self.chosen.push((kind, delivery));
    }
}

/// What becomes of one notice for a person who has an email address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Mailed alone, now.
    Alone,
    /// Folded with the person's other notices of the next few minutes.
    Batched,
    /// Kept for the digest.
    Digest,
    /// Not mailed.
    Dropped,
}

/// Where a notice of `kind` goes under `prefs`.
pub fn route(prefs: &Prefs, kind: NoticeKind) -> Route {
    match prefs.of(kind) {
        Delivery::AtOnce if is_urgent(kind) => Route::Alone,
        Delivery::AtOnce => Route::Batched,
        Delivery::Digest if prefs.digest => Route::Digest,
        Delivery::Digest | Delivery::Off => Route::Dropped,
    }
}

/// The first digest moment after `now` (local time): 08:00 on the next working day, or today
/// if it is a working day before 08:00. `None` when there are no working days.
pub fn next_digest(now: NaiveDateTime, working_days: &[Weekday]) -> Option<NaiveDateTime> {
    let mut day = now.date();
    if now.time() >= DIGEST_AT {
        day = day.succ_opt()?;
    }
    for _ in 0..7 {
        if working_days.contains(&day.weekday()) {
            return Some(day.and_time(DIGEST_AT));
        }
        day = day.succ_opt()?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use Weekday::*;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    const WEEK: [Weekday; 5] = [Mon, Tue, Wed, Thu, Fri];

    #[test]
    fn what_someone_waits_on_goes_alone_and_the_rest_is_folded() {
        let prefs = Prefs::default();
        assert_eq!(route(&prefs, NoticeKind::ApprovalAsked), Route::Alone);
        assert_eq!(route(&prefs, NoticeKind::ChangesRequested), Route::Alone);
        assert_eq!(route(&prefs, NoticeKind::Escalated), Route::Alone);
        assert_eq!(route(&prefs, NoticeKind::Mentioned), Route::Alone);
        assert_eq!(route(&prefs, NoticeKind::Approved), Route::Batched);
        assert_eq!(route(&prefs, NoticeKind::Reminder), Route::Batched);
        assert_eq!(route(&prefs, NoticeKind::Automation), Route::Batched);
        assert_eq!(route(&prefs, NoticeKind::Integration), Route::Batched);
    }

    #[test]
    fn a_persons_choices_decide_and_the_digest_can_be_turned_off() {
        let mut prefs = Prefs::default();
        prefs.set(NoticeKind::Mentioned, Delivery::Digest);
        prefs.set(NoticeKind::Approved, Delivery::Off);
        prefs.set(NoticeKind::Mentioned, Delivery::Digest);
        assert_eq!(prefs.chosen.len(), 2);
        assert_eq!(route(&prefs, NoticeKind::Mentioned), Route::Digest);
        assert_eq!(route(&prefs, NoticeKind::Approved), Route::Dropped);
        assert_eq!(route(&prefs, NoticeKind::ApprovalAsked), Route::Alone);
        prefs.digest = false;
        assert_eq!(route(&prefs, NoticeKind::Mentioned), Route::Dropped);
    }

    #[test]
    fn every_kind_and_choice_has_words_and_a_stored_name() {
        for kind in KINDS {
            assert!(!kind_label(kind).is_empty());
        }
        for d in Delivery::ALL {
            assert_eq!(Delivery::parse(d.as_str()), Some(d));
        }
        assert_eq!(Delivery::parse("hourly"), None);
    }

    #[test]
    fn the_digest_goes_at_eight_on_the_next_working_day() {
        // 1 December 2026 is a Tuesday.
        assert_eq!(next_digest(at(1, 7, 59), &WEEK), Some(at(1, 8, 0)));
        assert_eq!(next_digest(at(1, 8, 0), &WEEK), Some(at(2, 8, 0)));
        // Friday evening → Monday.
        assert_eq!(next_digest(at(4, 18, 0), &WEEK), Some(at(7, 8, 0)));
        assert_eq!(next_digest(at(5, 9, 0), &WEEK), Some(at(7, 8, 0)));
        // A team that works Sundays gets one then.
        assert_eq!(next_digest(at(5, 9, 0), &[Sun]), Some(at(6, 8, 0)));
        assert_eq!(next_digest(at(5, 9, 0), &[]), None);
    }
}
