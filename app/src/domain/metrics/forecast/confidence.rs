//! Whether a forecast rests on enough history: fewer than 20 finished items or 10 days
//! with a finish, and it says so in words instead of pretending.

use super::super::words::{counted, Noun};
use serde::{Deserialize, Serialize};

/// Fewer finished items than this and a forecast is a guess.
pub const MIN_FINISHED_ITEMS: u32 = 20;
/// Fewer days with something finished than this and a forecast is a guess.
pub const MIN_ACTIVE_DAYS: u32 = 10;

/// Whether a forecast rests on enough history to be trusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confidence {
    /// Finished items the forecast rests on.
    pub finished_items: u32,
    /// Days on which at least one item finished.
    pub active_days: u32,
    /// Whether both are enough.
    pub enough: bool,
    /// When not enough, why, in words — show this instead of the numbers.
    pub note: Option<String>,
}

impl Confidence {
    /// Judges a history of `finished_items` finished over `active_days` days.
    pub fn judge(finished_items: u32, active_days: u32, noun: &Noun) -> Self {
        let few_items = finished_items < MIN_FINISHED_ITEMS;
        let few_days = active_days < MIN_ACTIVE_DAYS;
        let note = (few_items || few_days).then(|| {
            let rests = format!(
                "This forecast rests on {} finished on {}",
                noun.count(u64::from(finished_items)),
                counted(u64::from(active_days), "day", "different days"),
            );
            let needs = match (few_items, few_days) {
                (true, true) => format!(
                    "at least {MIN_FINISHED_ITEMS} finished {} on {MIN_ACTIVE_DAYS} different days",
                    noun.plural
                ),
                (true, false) => format!("at least {MIN_FINISHED_ITEMS} finished {}", noun.plural),
                _ => format!(
                    "{} finished on at least {MIN_ACTIVE_DAYS} different days",
                    noun.plural
                ),
            };
            format!("{rests}; a dependable one needs {needs}. Treat it as a rough guess.")
        });
        Self {
            finished_items,
            active_days,
            enough: note.is_none(),
            note,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_little_history_is_said_in_words() {
        let posts = Noun::new("post", "posts");
        assert!(Confidence::judge(20, 10, &posts).enough);
        let few = Confidence::judge(12, 6, &posts);
        assert!(!few.enough);
        assert_eq!(
            few.note.as_deref(),
            Some(
                "This forecast rests on 12 posts finished on 6 different days; a dependable one \
                 needs at least 20 finished posts on 10 different days. Treat it as a rough guess."
            )
        );
        let one = Confidence::judge(1, 1, &posts);
        assert!(one
            .note
            .unwrap()
            .starts_with("This forecast rests on 1 post finished on 1 day;"));
        let bursty = Confidence::judge(40, 3, &posts);
        assert!(bursty
            .note
            .unwrap()
            .contains("needs posts finished on at least 10 different days."));
    }
}
