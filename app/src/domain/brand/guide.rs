//! The workspace style guide: what the brand check looks for, all of it editable by admins.

use super::super::item::Channel;
use serde::{Deserialize, Serialize};

/// A word or phrase the brand does not use, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BannedPhrase {
    /// Matched as whole words, ignoring case: "ass" does not match "class".
    pub phrase: String,
    /// The preferred wording; empty means "leave it out".
    pub instead: String,
}

/// A phrase copy for a channel must contain, e.g. a disclaimer on paid social ads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredPhrase {
    /// The channel whose main copy needs it.
    pub channel: Channel,
    /// The phrase, matched as whole words, ignoring case.
    pub phrase: String,
}

/// What a character limit applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "channel")]
pub enum LimitTarget {
    /// The main copy of a post or ad on this channel.
    Channel(Channel),
    /// An email's subject line.
    EmailSubject,
    /// An email's preheader (the preview text after the subject).
    Preheader,
}

/// The most characters a piece of copy may have, counted as people count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharLimit {
    /// Where it applies.
    pub target: LimitTarget,
    /// Most characters allowed.
    pub max: u32,
}

/// How readable copy must be, scored with one of Flesch's formulas (English only).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "measure", content = "value")]
pub enum ReadingTarget {
    /// Flesch reading ease at least this (0–100, higher is easier; 60 is plain English).
    EaseAtLeast(f64),
    /// Flesch–Kincaid grade level at most this (the US school year a reader needs).
    GradeAtMost(f64),
}

/// The reading-level rule: a target, and how long copy must be before it is scored.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReadingLevel {
    /// The score to reach.
    pub target: ReadingTarget,
    /// Copy with fewer words is not scored: the formulas mean little on a few words.
    pub min_words: u32,
}

/// Everything the brand check enforces. `StyleGuide::default()` is the guide a workspace
/// starts with: the usual platform limits, plain English, one exclamation mark, no shouting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StyleGuide {
    /// Words and phrases not to use.
    pub banned: Vec<BannedPhrase>,
    /// Phrases the main copy of a channel must contain.
    pub required: Vec<RequiredPhrase>,
    /// Character limits; the first matching one applies.
    pub limits: Vec<CharLimit>,
    /// The reading-level target, if any.
    pub reading: Option<ReadingLevel>,
    /// Most exclamation marks in one piece of copy, if limited.
    pub max_exclamations: Option<u32>,
    /// Most words in ALL CAPS in one piece of copy, if limited.
    pub max_caps_words: Option<u32>,
    /// Acronyms that may be written in capitals without counting as shouting, e.g. "SEO".
    pub acronyms: Vec<String>,
}

impl Default for StyleGuide {
    fn default() -> Self {
        let limit = |target, max| CharLimit { target, max };
        Self {
            banned: Vec::new(),
            required: Vec::new(),
            limits: vec![
                limit(LimitTarget::Channel(Channel::X), 280),
                limit(LimitTarget::Channel(Channel::Linkedin), 3_000),
                limit(LimitTarget::Channel(Channel::Instagram), 2_200),
                limit(LimitTarget::EmailSubject, 60),
                limit(LimitTarget::Preheader, 100),
            ],
            reading: Some(ReadingLevel {
                target: ReadingTarget::EaseAtLeast(60.0),
                min_words: 30,
            }),
            max_exclamations: Some(1),
            max_caps_words: Some(0),
            acronyms: [
                "AI", "API", "B2B", "B2C", "CEO", "CTA", "EU", "FAQ", "KPI", "PDF", "ROI", "SEO",
                "SMS", "UK", "URL", "US", "USA",
            ]
            .map(str::to_owned)
            .to_vec(),
        }
    }
}

impl StyleGuide {
    /// The limit for a target, if the guide sets one.
    pub fn limit_for(&self, target: LimitTarget) -> Option<u32> {
        self.limits
            .iter()
            .find(|l| l.target == target)
            .map(|l| l.max)
    }

    /// Problems with the guide itself, in words for the settings page; empty when it is usable.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let has_words = |p: &str| p.chars().any(char::is_alphanumeric);
        for banned in self.banned.iter().filter(|b| !has_words(&b.phrase)) {
            problems.push(format!(
                "The banned phrase “{}” needs at least one letter or digit",
                banned.phrase.trim()
            ));
        }
        for required in self.required.iter().filter(|r| !has_words(&r.phrase)) {
            problems.push(format!(
                "The phrase required on {} needs at least one letter or digit",
                required.channel.label()
            ));
        }
        for limit in self.limits.iter().filter(|l| l.max == 0) {
            problems.push(format!(
                "The character limit for {} must be at least 1",
                target_name(limit.target)
            ));
        }
        if self.reading.is_some_and(|r| match r.target {
            ReadingTarget::EaseAtLeast(v) | ReadingTarget::GradeAtMost(v) => !v.is_finite(),
        }) {
            problems.push("The reading-level target must be a number".to_owned());
        }
        problems
    }
}

/// What a limit applies to, in words ("X", "an email subject").
pub(super) fn target_name(target: LimitTarget) -> String {
    match target {
        LimitTarget::Channel(channel) => channel.label().to_owned(),
        LimitTarget::EmailSubject => "an email subject".to_owned(),
        LimitTarget::Preheader => "a preheader".to_owned(),
    }
}
