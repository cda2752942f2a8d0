//! What a calendar shows: its view, the day it is anchored on and its filters,
//! all kept in the URL (`/calendar?view=week&date=2026-12-07&channel=email`)
//! so a calendar can be shared, survives a reload, and feeds can reuse them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::api::board::{channel_from_key, channel_key, query_string};
use crate::domain::calendar::{parse_date, CalendarView};
use crate::domain::{CampaignId, Channel, Item, PersonId, WorkflowId};

/// The filters of a calendar (and of a feed). Empty means every entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct CalendarFilter {
    /// Only entries for this channel.
    pub channel: Option<Channel>,
    /// Only entries of this campaign.
    pub campaign: Option<CampaignId>,
    /// Only entries following this workflow.
    pub workflow: Option<WorkflowId>,
    /// Only entries this person owns.
    pub owner: Option<PersonId>,
}

impl CalendarFilter {
    /// Reads the filters from URL query values; unknown values are ignored.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let number = |key: &str| get(key).and_then(|v| v.trim().parse::<i64>().ok());
        CalendarFilter {
            channel: get("channel").and_then(|c| channel_from_key(c.trim())),
            campaign: number("campaign").map(CampaignId),
            workflow: get("workflow")
                .map(|w| w.trim().to_owned())
                .filter(|w| !w.is_empty())
                .map(WorkflowId),
            owner: number("owner").map(PersonId),
        }
    }

    /// The filters as URL query pairs, in a stable order; empty ones are left out.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(channel) = self.channel {
            pairs.push(("channel", channel_key(channel)));
        }
        if let Some(campaign) = self.campaign {
            pairs.push(("campaign", campaign.to_string()));
        }
        if let Some(workflow) = &self.workflow {
            pairs.push(("workflow", workflow.to_string()));
        }
        if let Some(owner) = self.owner {
            pairs.push(("owner", owner.to_string()));
        }
        pairs
    }

    /// Whether any filter narrows the calendar.
    pub fn narrows(&self) -> bool {
        *self != CalendarFilter::default()
    }

    /// Whether an item passes every filter.
    pub fn matches(&self, item: &Item) -> bool {
        self.channel.is_none_or(|c| c == item.channel)
            && self.campaign.is_none_or(|c| Some(c) == item.campaign)
            && self
                .workflow
                .as_ref()
                .is_none_or(|w| *w == item.workflow_id)
            && self.owner.is_none_or(|o| Some(o) == item.owner)
    }
}

/// Everything the calendar's URL says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct CalendarQuery {
    /// The view asked for; `None` lets the page choose (agenda on a phone, month elsewhere).
    pub view: Option<CalendarView>,
    /// The day to show; `None` (or a date that could not be read) means today.
    pub date: Option<NaiveDate>,
    /// The filters.
    pub filter: CalendarFilter,
}

impl CalendarQuery {
    /// Reads the query from URL values. An unreadable date or view counts as none.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        CalendarQuery {
            view: get("view").and_then(|v| CalendarView::from_key(&v)),
            date: get("date").and_then(|d| parse_date(&d)),
            filter: CalendarFilter::from_query(&get),
        }
    }

    /// The calendar's address for this query.
    pub fn href(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(view) = self.view {
            pairs.push(("view", view.key().to_string()));
        }
        if let Some(date) = self.date {
            pairs.push(("date", date.format("%Y-%m-%d").to_string()));
        }
        pairs.extend(self.filter.to_query());
        format!("/calendar{}", query_string(&pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> CalendarQuery {
        CalendarQuery::from_query(|k| {
            pairs
                .iter()
                .find(|(p, _)| *p == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_query_survives_the_url_round_trip() {
        let query = CalendarQuery {
            view: Some(CalendarView::Week),
            date: NaiveDate::from_ymd_opt(2026, 12, 7),
            filter: CalendarFilter {
                channel: Some(Channel::Email),
                campaign: Some(CampaignId(2)),
                workflow: Some(WorkflowId::new("email-campaign")),
                owner: Some(PersonId(4)),
            },
        };
        let href = query.href();
        assert_eq!(
            href,
            "/calendar?view=week&date=2026-12-07&channel=email&campaign=2&workflow=email-campaign&owner=4"
        );
        let pairs: Vec<(String, String)> = href
            .split_once('?')
            .unwrap()
            .1
            .split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_string(), v.to_string())
            })
            .collect();
        let back = CalendarQuery::from_query(|k| {
            pairs.iter().find(|(p, _)| p == k).map(|(_, v)| v.clone())
        });
        assert_eq!(back, query);
    }

    #[test]
    fn unreadable_values_fall_back_to_the_defaults() {
        let query = read(&[
            ("view", "year"),
            ("date", "2026-02-30"),
            ("channel", "fax"),
            ("owner", "me"),
            ("workflow", " "),
        ]);
        assert_eq!(query, CalendarQuery::default());
        assert_eq!(query.href(), "/calendar");
    }
}
