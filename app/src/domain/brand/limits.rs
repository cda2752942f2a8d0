//! How big a style guide may get: every phrase and number the settings page takes has a
//! maximum, said in words the same way in the browser and on save.

use super::super::limits::{self, SHORT};
use super::guide::{target_name, ReadingTarget, StyleGuide};

/// Most banned phrases.
pub const MAX_BANNED: usize = 500;
/// Most required phrases.
pub const MAX_REQUIRED: usize = 100;
/// Most character limits.
pub const MAX_LIMITS: usize = 30;
/// Most acronyms.
pub const MAX_ACRONYMS: usize = 300;
/// The highest character limit.
pub const MAX_CHARACTERS: u32 = 100_000;
/// The highest exclamation-mark or ALL CAPS limit, and the longest copy left unscored.
pub const MAX_COUNT: u32 = 10_000;

fn count(out: &mut Vec<String>, what: &str, n: usize, max: usize) {
    if n > max {
        out.push(format!(
            "{what}: {n}, and the most is {max}. Remove some and try again."
        ));
    }
}

fn text(out: &mut Vec<String>, what: &str, value: &str, max: usize) {
    if let Err(message) = limits::check(what, value, max) {
        out.push(message);
    }
}

fn number(out: &mut Vec<String>, what: &str, n: u32, max: u32) {
    if n > max {
        out.push(format!(
            "{what} is {}, and the most is {}.",
            limits::grouped(n as usize),
            limits::grouped(max as usize)
        ));
    }
}

/// What in `guide` is too long or too many; empty when it all fits.
pub fn guide_limit_problems(guide: &StyleGuide) -> Vec<String> {
    let mut out = Vec::new();
    count(&mut out, "Banned phrases", guide.banned.len(), MAX_BANNED);
    for banned in &guide.banned {
        text(&mut out, "A banned phrase", &banned.phrase, SHORT);
        text(&mut out, "A preferred wording", &banned.instead, SHORT);
    }
    count(
        &mut out,
        "Required phrases",
        guide.required.len(),
        MAX_REQUIRED,
    );
    for required in &guide.required {
        text(&mut out, "A required phrase", &required.phrase, SHORT);
    }
    count(&mut out, "Character limits", guide.limits.len(), MAX_LIMITS);
    for limit in &guide.limits {
        let what = format!("The character limit for {}", target_name(limit.target));
        number(&mut out, &what, limit.max, MAX_CHARACTERS);
    }
    count(&mut out, "Acronyms", guide.acronyms.len(), MAX_ACRONYMS);
    for acronym in &guide.acronyms {
        text(&mut out, "An acronym", acronym, 20);
    }
    if let Some(reading) = guide.reading {
        match reading.target {
            ReadingTarget::EaseAtLeast(v) if !(0.0..=100.0).contains(&v) => {
                out.push("The reading ease target must be between 0 and 100.".to_owned());
            }
            ReadingTarget::GradeAtMost(v) if !(0.0..=20.0).contains(&v) => {
                out.push("The reading grade target must be between 0 and 20.".to_owned());
            }
            _ => {}
        }
        number(
            &mut out,
            "The shortest copy scored",
            reading.min_words,
            MAX_COUNT,
        );
    }
    if let Some(n) = guide.max_exclamations {
        number(&mut out, "The exclamation-mark limit", n, MAX_COUNT);
    }
    if let Some(n) = guide.max_caps_words {
        number(&mut out, "The ALL CAPS limit", n, MAX_COUNT);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::guide::{BannedPhrase, ReadingLevel};
    use super::*;

    #[test]
    fn the_default_guide_fits_and_excess_is_said_in_words() {
        assert!(guide_limit_problems(&StyleGuide::default()).is_empty());
        let mut guide = StyleGuide::default();
        guide.banned.push(BannedPhrase {
            phrase: "x".repeat(SHORT + 1),
            instead: String::new(),
        });
        guide.reading = Some(ReadingLevel {
            target: ReadingTarget::EaseAtLeast(120.0),
            min_words: 30,
        });
        guide.limits[0].max = MAX_CHARACTERS + 1;
        let found = guide_limit_problems(&guide);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("A banned phrase is too long"));
        assert_eq!(
            found[1],
            "The character limit for X is 100,001, and the most is 100,000."
        );
        assert_eq!(
            found[2],
            "The reading ease target must be between 0 and 100."
        );
    }
}
