//! Planning warnings: a channel going quiet, one audience segment emailed too
//! often, too many posts on one platform in a day.

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use super::grid::{full_date, Span};
use crate::domain::{Channel, ItemId};

/// A channel with nothing planned this many days ahead is "quiet".
pub const QUIET_DAYS: i64 = 7;

/// The social platforms, where posts per day are counted.
pub const PLATFORMS: [Channel; 5] = [
    Channel::Linkedin,
    Channel::Instagram,
    Channel::X,
    Channel::Facebook,
    Channel::Tiktok,
];

/// The thresholds an admin sets for the whole workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanningRules {
    /// Two email sends to one segment within this many days are over-contact.
    pub over_contact_days: u32,
    /// More posts than this on one platform on one day is too many.
    pub max_posts_per_platform_day: u32,
}

impl Default for PlanningRules {
    fn default() -> Self {
        PlanningRules {
            over_contact_days: 3,
            max_posts_per_platform_day: 3,
        }
    }
}

impl PlanningRules {
    /// Allowed range of `over_contact_days`.
    pub const OVER_CONTACT_RANGE: (u32, u32) = (1, 60);
    /// Allowed range of `max_posts_per_platform_day`.
    pub const MAX_POSTS_RANGE: (u32, u32) = (1, 50);

    /// What is wrong with these thresholds, by field; empty when they are fine.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        let (lo, hi) = Self::OVER_CONTACT_RANGE;
        if !(lo..=hi).contains(&self.over_contact_days) {
            problems.push((
                "over_contact_days",
                format!("Choose between {lo} and {hi} days."),
            ));
        }
        let (lo, hi) = Self::MAX_POSTS_RANGE;
        if !(lo..=hi).contains(&self.max_posts_per_platform_day) {
            problems.push((
                "max_posts_per_platform_day",
                format!("Choose between {lo} and {hi} posts."),
            ));
        }
        problems
    }
}

/// A scheduled entry as planning sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEntry {
    /// The item.
    pub id: ItemId,
    /// Its title.
    pub title: String,
    /// Where it goes out.
    pub channel: Channel,
    /// The local day it goes out.
    pub date: NaiveDate,
    /// The audience segment it goes to, if it names one.
    pub segment: Option<String>,
}

/// What a warning is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum WarningKind {
    /// Nothing planned on a channel the team uses in the next days.
    QuietChannel {
        /// The channel.
        channel: Channel,
    },
    /// Two sends to one segment too close together.
    OverContact {
        /// The segment, as written on the later send.
        segment: String,
    },
    /// Too many posts on one platform in a day.
    TooManyPosts {
        /// The platform.
        channel: Channel,
        /// How many posts.
        count: u32,
    },
}

/// A planning warning, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// What it is about.
    pub kind: WarningKind,
    /// The day it concerns (none for a quiet channel).
    pub date: Option<NaiveDate>,
    /// The entries involved.
    pub items: Vec<ItemId>,
    /// In plain words.
    pub message: String,
}

/// Every warning for a calendar showing `span` on `today`: quiet channels
/// among `watched` (the next [`QUIET_DAYS`] days), and over-contact and too
/// many posts on days of the span. `entries` are every scheduled, active entry
/// near the span; `name` says how a channel is called on screen.
pub fn planning_warnings(
    entries: &[PlanEntry],
    watched: &[Channel],
    rules: PlanningRules,
    today: NaiveDate,
    span: Span,
    name: fn(Channel) -> &'static str,
) -> Vec<Warning> {
    let mut warnings = quiet_channels(entries, watched, today, name);
    warnings.extend(over_contact(entries, rules, span));
    warnings.extend(too_many_posts(entries, rules, span, name));
    warnings
}

fn quiet_channels(
    entries: &[PlanEntry],
    watched: &[Channel],
    today: NaiveDate,
    name: fn(Channel) -> &'static str,
) -> Vec<Warning> {
    let until = today + TimeDelta::days(QUIET_DAYS);
    watched
        .iter()
        .filter(|channel| {
            !entries
                .iter()
                .any(|e| e.channel == **channel && today <= e.date && e.date < until)
        })
        .map(|channel| Warning {
            kind: WarningKind::QuietChannel { channel: *channel },
            date: None,
            items: Vec::new(),
            message: format!(
                "Nothing planned for {} in the next {QUIET_DAYS} days",
                name(*channel)
            ),
        })
        .collect()
}

fn over_contact(entries: &[PlanEntry], rules: PlanningRules, span: Span) -> Vec<Warning> {
    let mut by_segment: BTreeMap<String, Vec<&PlanEntry>> = BTreeMap::new();
    for entry in entries.iter().filter(|e| e.channel == Channel::Email) {
        if let Some(segment) = entry.segment.as_deref().map(str::trim) {
            if !segment.is_empty() {
                by_segment
                    .entry(crate::domain::sends::segment_key(segment))
                    .or_default()
                    .push(entry);
            }
        }
    }
    let within = i64::from(rules.over_contact_days);
    let mut warnings = Vec::new();
    for sends in by_segment.values_mut() {
        sends.sort_by_key(|e| (e.date, e.id));
        for pair in sends.windows(2) {
            let (first, second) = (pair[0], pair[1]);
            let gap = (second.date - first.date).num_days();
            if gap > within || !(span.contains(first.date) || span.contains(second.date)) {
                continue;
            }
            let segment = second.segment.clone().unwrap_or_default().trim().to_owned();
            let apart = match gap {
                0 => "on the same day".to_string(),
                1 => "1 day apart".to_string(),
                n => format!("{n} days apart"),
            };
            warnings.push(Warning {
                kind: WarningKind::OverContact {
                    segment: segment.clone(),
                },
                date: Some(second.date),
                items: vec![first.id, second.id],
                message: format!(
                    "Over-contact: “{segment}” gets two emails {apart} ({} on {}, {} on {})",
                    first.title,
                    first.date.format("%-d %b"),
                    second.title,
                    second.date.format("%-d %b"),
                ),
            });
        }
    }
    warnings.sort_by_key(|w| w.date);
    warnings
}

fn too_many_posts(
    entries: &[PlanEntry],
    rules: PlanningRules,
    span: Span,
    name: fn(Channel) -> &'static str,
) -> Vec<Warning> {
    let mut per_day: BTreeMap<(NaiveDate, usize), Vec<ItemId>> = BTreeMap::new();
    for entry in entries.iter().filter(|e| span.contains(e.date)) {
        if let Some(platform) = PLATFORMS.iter().position(|p| *p == entry.channel) {
            per_day
                .entry((entry.date, platform))
                .or_default()
                .push(entry.id);
        }
    }
    per_day
        .into_iter()
        .filter(|(_, items)| items.len() > rules.max_posts_per_platform_day as usize)
        .map(|((date, platform), items)| {
            let channel = PLATFORMS[platform];
            let count = items.len() as u32;
            Warning {
                kind: WarningKind::TooManyPosts { channel, count },
                date: Some(date),
                message: format!(
                    "{count} {} posts on {} (more than {})",
                    name(channel),
                    full_date(date),
                    rules.max_posts_per_platform_day
                ),
                items,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "warnings_tests.rs"]
mod tests;
