//! The brand check of one piece of copy: each finding in plain words, with the fix.

use super::super::item::Channel;
use super::guide::{target_name, LimitTarget, ReadingTarget, StyleGuide};
use super::reading::readability;
use super::text::{count_characters, exclamations, is_all_caps, words, Phrase, Word};
use super::CopyField;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which rule of the style guide a finding breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BrandRule {
    /// A banned word or phrase is used.
    BannedPhrase,
    /// A phrase the channel requires is missing.
    MissingPhrase,
    /// The copy is over its character limit.
    TooLong,
    /// The copy is harder to read than the target.
    ReadingLevel,
    /// Too many exclamation marks.
    Exclamations,
    /// Too many words in ALL CAPS.
    AllCaps,
}

/// One thing the brand check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule broken.
    pub rule: BrandRule,
    /// What is wrong, e.g. "“synergy” is on the banned list".
    pub message: String,
    /// How to fix it, starting in lowercase so it reads after a dash: "write “working together”".
    pub fix: String,
    /// Byte range of the offending words in the checked text, to highlight.
    pub at: Option<(usize, usize)>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} — {}", self.message, self.fix)
    }
}

fn finding(rule: BrandRule, message: String, fix: String, at: Option<(usize, usize)>) -> Finding {
    Finding {
        rule,
        message,
        fix,
        at,
    }
}

/// Checks one piece of copy written for `channel`: banned phrases, the channel's required
/// phrases (main copy only), the character limit, ALL CAPS, exclamation marks and the
/// reading level. Cheap enough to run on every keystroke.
pub fn check(guide: &StyleGuide, channel: Channel, text: &str, field: CopyField) -> Vec<Finding> {
    findings(guide, channel, text, field, field == CopyField::Body)
}

/// [`check`], with or without the required phrases.
pub(super) fn findings(
    guide: &StyleGuide,
    channel: Channel,
    text: &str,
    field: CopyField,
    required: bool,
) -> Vec<Finding> {
    let found = words(text);
    let mut out = banned(guide, text, &found);
    if required {
        out.extend(missing(guide, channel, &[text]));
    }
    out.extend(style(guide, channel, text, field, &found));
    out
}

fn banned(guide: &StyleGuide, text: &str, found: &[Word]) -> Vec<Finding> {
    let mut hits = Vec::new();
    for rule in &guide.banned {
        let Some(phrase) = Phrase::new(&rule.phrase) else {
            continue;
        };
        for (start, end) in phrase.find_in(text, found) {
            let used = &text[start..end];
            let fix = if rule.instead.trim().is_empty() {
                "leave it out".to_owned()
            } else {
                format!("write “{}”", rule.instead.trim())
            };
            let message = format!("“{used}” is on the banned list");
            hits.push(finding(
                BrandRule::BannedPhrase,
                message,
                fix,
                Some((start, end)),
            ));
        }
    }
    hits.sort_by_key(|f| f.at);
    hits
}

/// Required phrases of the channel missing from every one of `texts` (the item's main copy).
pub(super) fn missing(guide: &StyleGuide, channel: Channel, texts: &[&str]) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in guide.required.iter().filter(|r| r.channel == channel) {
        let Some(phrase) = Phrase::new(&rule.phrase) else {
            continue;
        };
        let present = texts
            .iter()
            .any(|t| !phrase.find_in(t, &words(t)).is_empty());
        if !present {
            let wanted = rule.phrase.trim();
            let message = format!("{} copy must include “{wanted}”", channel.label());
            out.push(finding(
                BrandRule::MissingPhrase,
                message,
                format!("add “{wanted}”"),
                None,
            ));
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn style(
    guide: &StyleGuide,
    channel: Channel,
    text: &str,
    field: CopyField,
    found: &[Word],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let target = match field {
        CopyField::Body => Some(LimitTarget::Channel(channel)),
        CopyField::EmailSubject => Some(LimitTarget::EmailSubject),
        CopyField::Preheader => Some(LimitTarget::Preheader),
        CopyField::Other => None,
    };
    if let Some((target, max)) = target.and_then(|t| Some((t, guide.limit_for(t)?))) {
        let count = count_characters(text);
        if count > max as usize {
            let message = format!(
                "{}; {} allows {max}",
                plural(count, "character", "characters"),
                target_name(target)
            );
            let fix = format!(
                "cut {}",
                plural(count - max as usize, "character", "characters")
            );
            out.push(finding(BrandRule::TooLong, message, fix, None));
        }
    }
    if let Some(max) = guide.max_caps_words {
        let allowed = |w: &Word| guide.acronyms.iter().any(|a| a.to_lowercase() == w.lower);
        let shouting: Vec<&Word> = found
            .iter()
            .filter(|w| !w.spaceless && is_all_caps(w.text) && !allowed(w))
            .collect();
        if shouting.len() > max as usize {
            let list = shouting
                .iter()
                .map(|w| w.text)
                .collect::<Vec<_>>()
                .join(", ");
            let message = format!(
                "{} in ALL CAPS ({list}); the style guide allows {max}",
                plural(shouting.len(), "word", "words")
            );
            let fix =
                "write them in normal case, or add real acronyms to the style guide".to_owned();
            let at = shouting.first().map(|w| (w.start, w.end));
            out.push(finding(BrandRule::AllCaps, message, fix, at));
        }
    }
    if let Some(max) = guide.max_exclamations {
        let count = exclamations(text);
        if count > max as usize {
            let message = format!(
                "{}; the style guide allows {max}",
                plural(count, "exclamation mark", "exclamation marks")
            );
            let fix = if max == 0 {
                "end with a full stop instead".to_owned()
            } else {
                format!(
                    "keep {} at most",
                    plural(max as usize, "exclamation mark", "exclamation marks")
                )
            };
            out.push(finding(BrandRule::Exclamations, message, fix, None));
        }
    }
    if let Some(rule) = guide.reading {
        let scored = readability(text).filter(|r| r.words >= rule.min_words);
        let fix = || "use shorter sentences and plainer words".to_owned();
        match (scored, rule.target) {
            (Some(r), ReadingTarget::EaseAtLeast(min)) if r.ease < min => {
                let message = format!(
                    "Reading ease {:.0} is below the style guide's {min:.0} (higher is easier)",
                    r.ease
                );
                out.push(finding(BrandRule::ReadingLevel, message, fix(), None));
            }
            (Some(r), ReadingTarget::GradeAtMost(max)) if r.grade > max => {
                let message = format!(
                    "Reading grade {:.1} is above the style guide's {max:.1}",
                    r.grade
                );
                out.push(finding(BrandRule::ReadingLevel, message, fix(), None));
            }
            _ => {}
        }
    }
    out
}
