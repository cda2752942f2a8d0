//! What the campaign pages and the send log send and take.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::tags::{CampaignTag, PersonTag};
use crate::domain::campaign::{Counts, Span};
use crate::domain::{CampaignId, Channel, ItemId, WorkflowId};

/// A campaign in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignSummary {
    /// Id.
    pub id: CampaignId,
    /// Name.
    pub name: String,
    /// "1 Dec – 20 Dec 2026", or "No dates yet".
    pub dates: String,
    /// Owner.
    pub owner: Option<PersonTag>,
    /// Channels its items go out on.
    pub channels: Vec<Channel>,
    /// "12,000 EUR".
    pub budget: Option<String>,
    /// Its items' counts.
    pub counts: Counts,
    /// "3 items late", "On track", "Closed".
    pub status: String,
    /// Whether it needs attention (late or blocked work).
    pub attention: bool,
    /// Closed.
    pub closed: bool,
}

/// `/campaigns`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignList {
    /// Open campaigns first.
    pub campaigns: Vec<CampaignSummary>,
    /// Whether the viewer may create, edit and close them.
    pub can_edit: bool,
    /// People who may own one.
    pub people: Vec<PersonTag>,
}

/// An item on a campaign's timeline and in its lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineItem {
    /// The item.
    pub id: ItemId,
    /// Its version, sent back with a date change.
    pub version: u32,
    /// Title.
    pub title: String,
    /// Workflow.
    pub workflow: WorkflowId,
    /// Workflow name.
    pub workflow_name: String,
    /// Stage name.
    pub stage: String,
    /// Board position of the stage (0 = first), for its colour.
    pub stage_index: usize,
    /// Channel.
    pub channel: Channel,
    /// The local day it was started.
    pub start: NaiveDate,
    /// The local day it goes out (`None`: not planned yet).
    pub date: Option<NaiveDate>,
    /// The local time it goes out, for timed items (kept when its day moves).
    pub time: Option<chrono::NaiveTime>,
    /// At its workflow's last stage.
    pub done: bool,
    /// Past its planned date or its due date, and not done.
    pub late: bool,
    /// Past its due date and not done (late whatever its planned date).
    pub overdue: bool,
    /// Why it waits on someone else.
    pub blocked: Option<String>,
    /// Why it is unlikely to be done by its date.
    pub trending_late: Option<String>,
    /// Owner.
    pub owner: Option<PersonTag>,
    /// What its finished work left behind, in words, and its address if it has one.
    pub outcome: Option<(String, Option<String>)>,
}

/// One lane of the timeline: a channel and its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lane {
    /// The channel.
    pub channel: Channel,
    /// Its items with a date, by date.
    pub items: Vec<TimelineItem>,
}

/// A goal against the results so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalProgress {
    /// "MQLs at least 400".
    pub goal: String,
    /// "312", or `None` when nothing was measured.
    pub result: Option<String>,
    /// Whether the result meets the goal so far.
    pub met: Option<bool>,
}

/// A result recorded for the campaign as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignResult {
    /// Metric in words.
    pub metric: String,
    /// Value in words.
    pub value: String,
    /// When measured.
    pub at: DateTime<Utc>,
    /// Who recorded it.
    pub by: String,
}

/// A line of the campaign's activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailLine {
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub who: String,
    /// What, in words.
    pub what: String,
    /// The item it was about, with its title.
    pub item: Option<(ItemId, String)>,
}

/// Items of one workflow, by stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkflowGroup {
    /// Workflow.
    pub workflow: WorkflowId,
    /// Its name.
    pub name: String,
    /// Stage names with their items, in board order (empty stages left out).
    pub stages: Vec<(String, Vec<TimelineItem>)>,
}

/// What the edit form starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignForm {
    /// The campaign's version, sent back with the change.
    pub version: u32,
    /// The input as saved.
    pub input: crate::domain::campaign::CampaignInput,
}

/// `/campaigns/<id>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignDetail {
    /// The list's line of it.
    pub summary: CampaignSummary,
    /// What it is for.
    pub description: String,
    /// Its dates, for the timeline's marks.
    pub starts_on: Option<NaiveDate>,
    /// Last day.
    pub ends_on: Option<NaiveDate>,
    /// The days the timeline shows.
    pub span: Span,
    /// Today, for the viewer.
    pub today: NaiveDate,
    /// One lane per channel with dated items.
    pub lanes: Vec<Lane>,
    /// Items with no date yet.
    pub undated: Vec<TimelineItem>,
    /// Items by workflow and stage.
    pub groups: Vec<WorkflowGroup>,
    /// Goals against results.
    pub goals: Vec<GoalProgress>,
    /// Spend recorded so far, in the budget's currency.
    pub spend: Option<String>,
    /// "4,200 EUR of 12,000 EUR spent (35 %)".
    pub budget_line: Option<String>,
    /// Results recorded for the campaign as a whole.
    pub results: Vec<CampaignResult>,
    /// Its activity, newest first.
    pub trail: Vec<TrailLine>,
    /// The edit form's start.
    pub form: CampaignForm,
    /// Whether the viewer may edit and close it.
    pub can_edit: bool,
    /// Whether the viewer may move its items' dates and record results.
    pub can_work: bool,
    /// The viewer's time zone, named.
    pub time_zone: String,
    /// People who may own it, for the edit form.
    pub people: Vec<PersonTag>,
    /// Decisions taken on its reports, newest first.
    pub decisions: Vec<DecisionLine>,
}

/// What saving a campaign answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignSaved {
    /// The campaign.
    pub id: CampaignId,
    /// Scheduled items that now fall outside its dates, in words.
    pub outside: Vec<String>,
}

/// Which sends `/sends` lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendFilter {
    /// Only this segment.
    #[serde(default)]
    pub segment: Option<String>,
    /// Sent on or after this day (viewer's zone).
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Sent on or before this day.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Only this campaign's items.
    #[serde(default)]
    pub campaign: Option<CampaignId>,
}

impl SendFilter {
    /// Reads the filter from a page's query (`segment`, `from`, `until`, `campaign`).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |key: &str| {
            get(key)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let day =
            |key: &str| text(key).and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok());
        SendFilter {
            segment: text("segment"),
            from: day("from"),
            until: day("until"),
            campaign: text("campaign")
                .and_then(|v| v.parse::<i64>().ok())
                .map(CampaignId),
        }
    }

    /// The filter as `?segment=…&from=…` (or nothing), for links and the CSV download.
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(s) = &self.segment {
            pairs.push(("segment", s.clone()));
        }
        if let Some(d) = self.from {
            pairs.push(("from", d.to_string()));
        }
        if let Some(d) = self.until {
            pairs.push(("until", d.to_string()));
        }
        if let Some(c) = self.campaign {
            pairs.push(("campaign", c.to_string()));
        }
        crate::domain::filter::query_string(&pairs)
    }
}

/// A send in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendLine {
    /// The item.
    pub item: ItemId,
    /// Its title.
    pub title: String,
    /// Subject.
    pub subject: String,
    /// Segment.
    pub segment: String,
    /// Recipients.
    pub recipients: Option<u64>,
    /// When it went out.
    pub sent_at: DateTime<Utc>,
    /// "Tue 1 Dec, 09:00", in the viewer's zone.
    pub when: String,
    /// Who recorded it.
    pub by: String,
    /// The item's campaign.
    pub campaign: Option<String>,
}

/// `/sends`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendLog {
    /// The sends, newest first.
    pub sends: Vec<SendLine>,
    /// Whether more matched than are listed.
    pub more: bool,
    /// Recipients of the listed sends, added up.
    pub recipients: u64,
    /// Every segment sent to, for the filter.
    pub segments: Vec<String>,
    /// Every campaign, for the filter.
    pub campaigns: Vec<CampaignTag>,
    /// The viewer's time zone, named.
    pub time_zone: String,
}

/// A send as the item's form records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendInput {
    /// What was sent: the subject line.
    pub subject: String,
    /// The segment or list.
    pub segment: String,
    /// How many recipients.
    pub recipients: Option<u64>,
    /// When it went out, local to the viewer; `None`: now.
    pub sent_at: Option<chrono::NaiveDateTime>,
}

/// What recording a send answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendRecorded {
    /// The item's new version.
    pub version: u32,
    /// The over-contact warning, with the earlier sends listed, when there is one.
    pub warnings: Vec<String>,
}

/// A decision of a report's action log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionLine {
    /// Id.
    pub id: crate::domain::DecisionId,
    /// The report it was taken on, with its title.
    pub report: (ItemId, String),
    /// What was decided.
    pub decision: String,
    /// Who owns it.
    pub owner: Option<String>,
    /// By when, in words.
    pub due: Option<String>,
    /// Where it stands.
    pub status: crate::domain::decisions::DecisionStatus,
    /// The item it created, with its title.
    pub created_item: Option<(ItemId, String)>,
    /// When it was taken.
    pub at: DateTime<Utc>,
}

/// A report's action log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionLog {
    /// Its decisions, oldest first.
    pub decisions: Vec<DecisionLine>,
    /// Whether the viewer may record one now (the report is at its action log).
    pub can_record: bool,
    /// Whether the viewer may change a decision's status.
    pub can_update: bool,
    /// Workflows a decision can create an item in.
    pub workflows: Vec<(WorkflowId, String)>,
    /// Who can own a decision.
    pub people: Vec<PersonTag>,
}
