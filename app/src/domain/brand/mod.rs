//! The brand check: the workspace style guide, enforced where the copy is written.
//!
//! [`check`] runs on one piece of copy as someone types (in the browser, no round trip);
//! [`brand_reasons`] runs it over an item's copy fields for the "brand check passes" gate
//! of a stage (`Stage::brand_check`), whose refusal lists the findings.
//!
//! Characters are counted as people count them, in grapheme clusters (UAX #29, from the
//! small `unicode-segmentation` crate); words are runs of letters and digits, so banned
//! phrases match whole words only, ignoring case. In scripts written without spaces
//! (Chinese, Japanese, Thai…) no word boundary is visible, so phrases there match anywhere.

mod check;
mod gate;
mod guide;
mod limits;
mod reading;
#[cfg(test)]
mod tests;
mod text;
#[cfg(test)]
mod text_tests;

pub use check::{check, BrandRule, Finding};
pub use gate::brand_reasons;
pub use guide::{
    BannedPhrase, CharLimit, LimitTarget, ReadingLevel, ReadingTarget, RequiredPhrase, StyleGuide,
};
pub use limits::guide_limit_problems;
pub use reading::{readability, syllables, Readability};
pub use text::count_characters;

use super::fields::{FieldDef, FieldType};
use serde::{Deserialize, Serialize};

/// Which piece of copy is checked, which decides the character limit that applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CopyField {
    /// The main copy of a post, ad or email: the channel's limit and required phrases apply.
    Body,
    /// An email subject line.
    EmailSubject,
    /// An email preheader.
    Preheader,
    /// Other public copy (a headline, a call to action, a meta title): words and style only.
    Other,
}

/// Whether a workflow field holds copy the brand check reads, and which kind: text fields
/// whose key or label names it. "Subject" → email subject; "preheader" → preheader; "copy",
/// "caption", "body", "message" or "post" → main copy; "headline", "tagline", "call to
/// action"/"CTA", "meta title"/"meta description" → other copy. Everything else (a topic,
/// an objective, notes) is the team's own words and is not checked.
pub fn copy_field_of(field: &FieldDef) -> Option<CopyField> {
    if !matches!(field.field_type, FieldType::Text | FieldType::LongText) {
        return None;
    }
    let words: Vec<String> = format!("{} {}", field.key, field.label)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    let joined = words.join(" ");
    if has("subject") {
        Some(CopyField::EmailSubject)
    } else if has("preheader") {
        Some(CopyField::Preheader)
    } else if ["copy", "caption", "body", "message", "post"]
        .iter()
        .any(|w| has(w))
    {
        Some(CopyField::Body)
    } else if ["headline", "tagline", "cta"].iter().any(|w| has(w))
        || ["call to action", "meta title", "meta description"]
            .iter()
            .any(|p| joined.contains(p))
    {
        Some(CopyField::Other)
    } else {
        None
    }
}
