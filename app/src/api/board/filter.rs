//! What a board shows: the filters a person picked, kept in the URL so a
//! filtered board can be shared and survives a reload.

use serde::{Deserialize, Serialize};

use crate::domain::{CampaignId, Channel, PersonId};

/// Due-date filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueFilter {
    /// Past the due date and not finished.
    Overdue,
    /// Due between now and the end of this week (Sunday, UTC).
    ThisWeek,
}

/// The filters of a board. Empty means every active card.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoardFilter {
    /// Only cards this person owns.
    pub owner: Option<PersonId>,
    /// Only cards of this campaign.
    pub campaign: Option<CampaignId>,
    /// Only cards for this channel.
    pub channel: Option<Channel>,
    /// Only overdue cards, or cards due this week.
    pub due: Option<DueFilter>,
    /// Words the title contains.
    pub text: String,
    /// Archived cards too.
    pub archived: bool,
    /// Cards that reached the last stage long ago too.
    pub all_done: bool,
}

/// Every channel, in the order filters and forms list them.
pub const CHANNELS: [Channel; 10] = [
    Channel::Blog,
    Channel::Email,
    Channel::Linkedin,
    Channel::Instagram,
    Channel::X,
    Channel::Facebook,
    Channel::Tiktok,
    Channel::PaidSearch,
    Channel::PaidSocial,
    Channel::Other,
];

/// How a channel is named on screen.
pub fn channel_label(channel: Channel) -> &'static str {
    match channel {
        Channel::Blog => "Blog",
        Channel::Email => "Email",
        Channel::Linkedin => "LinkedIn",
        Channel::Instagram => "Instagram",
        Channel::X => "X",
        Channel::Facebook => "Facebook",
        Channel::Tiktok => "TikTok",
        Channel::PaidSearch => "Paid search",
        Channel::PaidSocial => "Paid social",
        Channel::Other => "Other",
    }
}

/// The value a channel has in URLs and forms (its serde name).
pub fn channel_key(channel: Channel) -> String {
    serde_json::to_value(channel)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Reads a channel back from its key.
pub fn channel_from_key(key: &str) -> Option<Channel> {
    CHANNELS.into_iter().find(|c| channel_key(*c) == key)
}

impl BoardFilter {
    /// Reads the filters from URL query values (`get("owner")` etc.); unknown values are ignored.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let number = |key: &str| get(key).and_then(|v| v.trim().parse::<i64>().ok());
        BoardFilter {
            owner: number("owner").map(PersonId),
            campaign: number("campaign").map(CampaignId),
            channel: get("channel").and_then(|c| channel_from_key(&c)),
            due: match get("due").as_deref() {
                Some("overdue") => Some(DueFilter::Overdue),
                Some("week") => Some(DueFilter::ThisWeek),
                _ => None,
            },
            text: get("q").map(|q| q.trim().to_owned()).unwrap_or_default(),
            archived: get("archived").is_some_and(|v| v == "1"),
            all_done: get("done").is_some_and(|v| v == "all"),
        }
    }

    /// The filters as URL query pairs, in a stable order; empty filters are left out.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(owner) = self.owner {
            pairs.push(("owner", owner.to_string()));
        }
        if let Some(campaign) = self.campaign {
            pairs.push(("campaign", campaign.to_string()));
        }
        if let Some(channel) = self.channel {
            pairs.push(("channel", channel_key(channel)));
        }
        match self.due {
            Some(DueFilter::Overdue) => pairs.push(("due", "overdue".into())),
            Some(DueFilter::ThisWeek) => pairs.push(("due", "week".into())),
            None => {}
        }
        if !self.text.is_empty() {
            pairs.push(("q", self.text.clone()));
        }
        if self.archived {
            pairs.push(("archived", "1".into()));
        }
        if self.all_done {
            pairs.push(("done", "all".into()));
        }
        pairs
    }

    /// Whether any filter narrows the board.
    pub fn narrows(&self) -> bool {
        self.owner.is_some()
            || self.campaign.is_some()
            || self.channel.is_some()
            || self.due.is_some()
            || !self.text.is_empty()
    }
}

/// Encodes query pairs into `?a=1&b=2` (or nothing when there are none).
pub fn query_string(pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    format!("?{}", encoded.join("&"))
}

fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_survive_the_url_round_trip() {
        let filter = BoardFilter {
            owner: Some(PersonId(4)),
            campaign: Some(CampaignId(2)),
            channel: Some(Channel::PaidSocial),
            due: Some(DueFilter::ThisWeek),
            text: "pricing & plans".into(),
            archived: true,
            all_done: true,
        };
        let pairs = filter.to_query();
        let back = BoardFilter::from_query(|k| {
            pairs.iter().find(|(p, _)| *p == k).map(|(_, v)| v.clone())
        });
        assert_eq!(back, filter);
        assert_eq!(query_string(&[("q", "a b&c".into())]), "?q=a+b%26c");
    }

    #[test]
    fn unknown_values_are_ignored() {
        let filter = BoardFilter::from_query(|k| match k {
            "owner" => Some("me".into()),
            "channel" => Some("fax".into()),
            "due" => Some("someday".into()),
            _ => None,
        });
        assert_eq!(filter, BoardFilter::default());
        assert!(!filter.narrows());
    }
}
