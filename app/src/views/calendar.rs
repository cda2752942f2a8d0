//! What the calendar's server functions send: entries already placed in the
//! viewer's time zone (the browser needs no time-zone data), days, warnings.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::tags::{CampaignTag, PersonTag};
use crate::domain::calendar::{CalendarView, PlanningRules, Warning};
use crate::domain::filter::ItemFilter;
use crate::domain::{CampaignId, Channel, ItemId, WorkflowId, WorkflowKind};

/// One item on the calendar (or in the unscheduled tray).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryView {
    /// The item.
    pub id: ItemId,
    /// Its version, sent back with a reschedule so a stale entry is caught.
    pub version: u32,
    /// Title.
    pub title: String,
    /// Where it goes out.
    pub channel: Channel,
    /// Who owns it.
    pub owner: Option<PersonTag>,
    /// The workflow's name.
    pub workflow: String,
    /// The campaign's name.
    pub campaign: Option<String>,
    /// Stage and SLA, e.g. "In review — SLA breached".
    pub status: String,
    /// Why it may not go out as planned.
    pub risk: Option<String>,
    /// The local day it goes out (`None` in the tray).
    pub date: Option<NaiveDate>,
    /// The local time, for timed entries.
    pub time: Option<NaiveTime>,
    /// Why it is unlikely to be done by its date, when it is (before the date is missed).
    #[serde(default)]
    pub trending_late: Option<String>,
}

/// One day of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayView {
    /// The date.
    pub date: NaiveDate,
    /// Named in full: "Monday 7 December 2026".
    pub label: String,
    /// In the month shown (month view), always true in the other views.
    pub in_period: bool,
    /// Today, for the viewer.
    pub today: bool,
    /// Before today.
    pub past: bool,
    /// Entries, all-day first, then by time.
    pub entries: Vec<EntryView>,
    /// Planning warnings about this day.
    pub warnings: Vec<String>,
}

/// A workflow as the filter and the "new item" form list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowTag {
    /// Id.
    pub id: WorkflowId,
    /// Name.
    pub name: String,
    /// Kind, to suggest a channel.
    pub kind: WorkflowKind,
}

/// A whole calendar page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarData {
    /// The view.
    pub view: CalendarView,
    /// The day it is anchored on (today when the URL had none).
    pub anchor: NaiveDate,
    /// Today, for the viewer.
    pub today: NaiveDate,
    /// The heading: "December 2026".
    pub title: String,
    /// The anchor of the previous page.
    pub previous: NaiveDate,
    /// The anchor of the next page.
    pub next: NaiveDate,
    /// The days shown, in order.
    pub days: Vec<DayView>,
    /// Items without a date, matching the filters.
    pub unscheduled: Vec<EntryView>,
    /// Matching items without a date not listed in the tray.
    pub unscheduled_more: u32,
    /// Planning warnings.
    pub warnings: Vec<Warning>,
    /// The filters applied.
    pub filter: ItemFilter,
    /// Everyone, for the owner filter.
    pub people: Vec<PersonTag>,
    /// Campaigns, for the campaign filter and the form.
    pub campaigns: Vec<CampaignTag>,
    /// Workflows, for the filter and the "new item" form.
    pub workflows: Vec<WorkflowTag>,
    /// Whether the viewer may reschedule and add items.
    pub can_work: bool,
    /// Whether the viewer may change the planning rules.
    pub is_admin: bool,
    /// The planning thresholds.
    pub rules: PlanningRules,
    /// The viewer's time zone, which times are shown in.
    pub time_zone: String,
    /// How many live notices there had been when the calendar was read.
    pub seq: u64,
}

/// A reschedule that went through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rescheduled {
    /// The entry as it is now.
    pub entry: EntryView,
    /// What to keep in mind, e.g. "After the campaign ends (30 Nov)".
    pub warnings: Vec<String>,
}

/// An item started from the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEntry {
    /// The workflow it follows.
    pub workflow: WorkflowId,
    /// Title.
    pub title: String,
    /// Where it goes out.
    pub channel: Channel,
    /// The campaign, if any.
    #[serde(default)]
    pub campaign: Option<CampaignId>,
    /// The local day it goes out.
    pub date: NaiveDate,
    /// The local time; `None` for all day.
    #[serde(default)]
    pub time: Option<NaiveTime>,
}

/// Whether the person's subscription feed is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedStatus {
    /// When it was turned on (or last regenerated); `None` when off.
    pub created_at: Option<DateTime<Utc>>,
    /// When a calendar app last fetched it.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A new feed address, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFeed {
    /// The path with its token, e.g. `/calendar.ics?token=…`.
    pub path: String,
}
