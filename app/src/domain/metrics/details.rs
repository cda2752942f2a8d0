//! The attributes of an item that metrics group and judge by, and the date it is judged
//! against.

use super::super::ids::{CampaignId, PersonId, WorkflowId};
use super::super::item::{Channel, Item, Schedule};
use super::days::local_day;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The item's attributes the metrics group and judge by, as they are now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDetails {
    /// Title on the card.
    pub title: String,
    /// The workflow it follows.
    pub workflow: WorkflowId,
    /// Where it goes out.
    pub channel: Channel,
    /// Its campaign.
    pub campaign: Option<CampaignId>,
    /// Its owner.
    pub owner: Option<PersonId>,
    /// Planned publish/send/launch moment.
    pub schedule: Option<Schedule>,
    /// Due date.
    pub due: Option<DateTime<Utc>>,
}

impl ItemDetails {
    /// The details of an item as stored now.
    pub fn of(item: &Item) -> Self {
        Self {
            title: item.title.clone(),
            workflow: item.workflow_id.clone(),
            channel: item.channel,
            campaign: item.campaign,
            owner: item.owner,
            schedule: item.schedule,
            due: item.due,
        }
    }

    /// The day it should be done by: its planned date, or its due date when it has none.
    /// An all-day plan is a date for everyone (see the calendar's convention); a timed plan
    /// and a due date fall on the team's local day.
    pub fn deadline(&self, offset: FixedOffset) -> Option<Deadline> {
        match (self.schedule, self.due) {
            (Some(plan), _) => Some(Deadline {
                date: if plan.all_day {
                    plan.at.date_naive()
                } else {
                    local_day(plan.at, offset)
                },
                kind: DeadlineKind::Planned,
            }),
            (None, Some(due)) => Some(Deadline {
                date: local_day(due, offset),
                kind: DeadlineKind::Due,
            }),
            (None, None) => None,
        }
    }
}

/// Which date an item is judged against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Its planned publish/send/launch date.
    Planned,
    /// Its due date (it has no planned date).
    Due,
}

/// The day an item should reach its last stage by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The day.
    pub date: NaiveDate,
    /// Planned or due.
    pub kind: DeadlineKind,
}
