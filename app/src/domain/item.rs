//! The item (a card on the board) and its attributes.

use super::approval::Decision;
use super::fields::FieldValue;
use super::ids::{CampaignId, ChecklistKey, FieldKey, ItemId, PersonId, StageKey, WorkflowId};
use super::people::Party;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where an item will be published, sent or launched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Company blog.
    Blog,
    /// Email.
    Email,
    /// LinkedIn.
    Linkedin,
    /// Instagram.
    Instagram,
    /// X (Twitter).
    X,
    /// Facebook.
    Facebook,
    /// TikTok.
    Tiktok,
    /// Paid search ads.
    PaidSearch,
    /// Paid social ads.
    PaidSocial,
    /// Anything else.
    #[default]
    Other,
}

impl Channel {
    /// Every channel, in the order filters and forms list them.
    pub const ALL: [Channel; 10] = [
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

    /// How the channel is named on screen.
    pub fn label(self) -> &'static str {
        match self {
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

    /// The channel's value in URLs, forms and storage (its serde name).
    pub fn key(self) -> &'static str {
        match self {
            Channel::Blog => "blog",
            Channel::Email => "email",
            Channel::Linkedin => "linkedin",
            Channel::Instagram => "instagram",
            Channel::X => "x",
            Channel::Facebook => "facebook",
            Channel::Tiktok => "tiktok",
            Channel::PaidSearch => "paid_search",
            Channel::PaidSocial => "paid_social",
            Channel::Other => "other",
        }
    }

    /// Reads a channel back from its key.
    pub fn from_key(key: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// How urgent an item is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Whenever there is time.
    Low,
    /// The usual.
    #[default]
    Normal,
    /// Before normal work.
    High,
    /// Drop everything.
    Urgent,
}

/// The planned publish/send/launch moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// When (for all-day dates, midnight of that day in the team's offset).
    pub at: DateTime<Utc>,
    /// Whether only the date matters.
    pub all_day: bool,
}

/// Who ticked a checklist line, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tick {
    /// Who ticked it.
    pub by: PersonId,
    /// When.
    pub at: DateTime<Utc>,
}

/// An escalation raised for the item's current stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationState {
    /// Who was alerted.
    pub to: Vec<Party>,
    /// When.
    pub at: DateTime<Utc>,
}

/// A piece of marketing work moving through a workflow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Id allocated by storage.
    pub id: ItemId,
    /// Title on the card.
    pub title: String,
    /// The workflow it follows.
    pub workflow_id: WorkflowId,
    /// The version of that workflow it follows.
    pub workflow_version: u32,
    /// The stage it is in.
    pub stage: StageKey,
    /// Who owns it.
    pub owner: Option<PersonId>,
    /// Who works on it.
    pub assignees: Vec<PersonId>,
    /// Filled-in fields; they stay on the item across stages.
    pub fields: BTreeMap<FieldKey, FieldValue>,
    /// Ticked checklist lines, per stage.
    pub checklist: BTreeMap<StageKey, BTreeMap<ChecklistKey, Tick>>,
    /// When the work is due.
    pub due: Option<DateTime<Utc>>,
    /// Planned publish/send/launch moment.
    pub schedule: Option<Schedule>,
    /// Where it goes out.
    pub channel: Channel,
    /// The campaign it belongs to.
    pub campaign: Option<CampaignId>,
    /// How urgent it is.
    pub priority: Priority,
    /// "Changes requested" rounds used; never above the workflow's revision limit.
    pub revision_round: u32,
    /// Decisions of approvers for the current stage.
    pub approvals: BTreeMap<PersonId, Decision>,
    /// When it was submitted for approval in the current stage.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Escalation raised in the current stage.
    pub escalation: Option<EscalationState>,
    /// When it was archived; `None` while active.
    pub archived_at: Option<DateTime<Utc>>,
    /// When it entered its current stage (the SLA clock starts here).
    pub entered_stage_at: DateTime<Utc>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version; +1 on every applied change.
    pub version: u32,
    /// What the finished work left behind, once recorded.
    #[serde(default)]
    pub outcome: Option<super::events::OutcomeRecord>,
}

impl Item {
    /// Whether the item is archived.
    pub fn is_archived(&self) -> bool {
        self.archived_at.is_some()
    }

    /// The audience segment it goes to: the first segment field it has filled, trimmed.
    pub fn segment(&self) -> Option<String> {
        self.fields.values().find_map(|value| match value {
            super::fields::FieldValue::Segment(s) if !s.trim().is_empty() => {
                Some(s.trim().to_owned())
            }
            _ => None,
        })
    }

    /// Whether the item waits for approval in its current stage.
    pub fn is_submitted(&self) -> bool {
        self.submitted_at.is_some()
    }

    /// Whether the checklist line of a stage is ticked.
    pub fn is_ticked(&self, stage: &StageKey, line: &ChecklistKey) -> bool {
        self.checklist
            .get(stage)
            .is_some_and(|ticks| ticks.contains_key(line))
    }

    /// The value of a field, if filled with something non-blank.
    pub fn filled(&self, field: &FieldKey) -> Option<&FieldValue> {
        self.fields.get(field).filter(|v| !v.is_blank())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::sample_item;
    use super::*;

    #[test]
    fn blank_values_do_not_count_as_filled() {
        let mut item = sample_item();
        item.fields
            .insert("topic".into(), FieldValue::Text(" ".into()));
        assert!(item.filled(&"topic".into()).is_none());
        item.fields
            .insert("topic".into(), FieldValue::Text("Pricing".into()));
        assert!(item.filled(&"topic".into()).is_some());
    }

    #[test]
    fn item_round_trips_through_json() {
        let mut item = sample_item();
        item.schedule = Some(Schedule {
            at: item.created_at,
            all_day: true,
        });
        item.channel = Channel::PaidSocial;
        let json = serde_json::to_string(&item).unwrap();
        assert!(json.contains("\"paid_social\""));
        assert_eq!(serde_json::from_str::<Item>(&json).unwrap(), item);
    }

    #[test]
    fn channel_keys_are_their_stored_names() {
        for channel in Channel::ALL {
            let stored = serde_json::to_value(channel).unwrap();
            assert_eq!(stored.as_str(), Some(channel.key()), "{channel:?}");
            assert_eq!(Channel::from_key(channel.key()), Some(channel));
        }
        assert_eq!(Channel::from_key("fax"), None);
    }
}
