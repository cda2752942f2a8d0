//! Which items a person wants to see: the filters the board, the calendar and
//! calendar feeds share, kept in the URL so a filtered view can be shared and
//! survives a reload.
//!
//! [`ItemFilter`] holds what every view filters on in the same sense (channel,
//! campaign, workflow, owner); [`BoardFilter`] adds what only a board has.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::{parse_date, CalendarView};
use super::ids::{CampaignId, PersonId, WorkflowId};
use super::item::{Channel, Item};

/// What a view narrows items by. Empty means every item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemFilter {
    /// Only items for this channel.
    pub channel: Option<Channel>,
    /// Only items of this campaign.
    pub campaign: Option<CampaignId>,
    /// Only items following this workflow.
    pub workflow: Option<WorkflowId>,
    /// Only items this person owns.
    pub owner: Option<PersonId>,
}

impl ItemFilter {
    /// Reads the filters from URL query values (`get("owner")` etc.); unknown values are ignored.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let number = |key: &str| get(key).and_then(|v| v.trim().parse::<i64>().ok());
        ItemFilter {
            channel: get("channel").and_then(|c| Channel::from_key(c.trim())),
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
            pairs.push(("channel", channel.key().to_owned()));
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

    /// Whether any filter narrows the items.
    pub fn narrows(&self) -> bool {
        *self != ItemFilter::default()
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

/// Due-date filters of a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueFilter {
    /// Past the due date and not finished.
    Overdue,
    /// Due between now and the end of this week (Sunday, UTC).
    ThisWeek,
}

/// The filters of a board: the shared ones (its workflow is the board's own) plus
/// due date, words in the title, and whether long-done and archived cards show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoardFilter {
    /// Owner, campaign and channel (a board ignores `workflow`: it shows its own).
    #[serde(flatten)]
    pub facets: ItemFilter,
    /// Only overdue cards, or cards due this week.
    pub due: Option<DueFilter>,
    /// Words the title contains.
    pub text: String,
    /// Archived cards too.
    pub archived: bool,
    /// Cards that reached the last stage long ago too.
    pub all_done: bool,
}

impl BoardFilter {
    /// Reads the filters from URL query values; unknown values are ignored.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        BoardFilter {
            facets: ItemFilter {
                workflow: None,
                ..ItemFilter::from_query(&get)
            },
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
        let mut pairs = ItemFilter {
            workflow: None,
            ..self.facets.clone()
        }
        .to_query();
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

    /// The filters that are set, in the order the filter bar shows them: what a phone lists
    /// as removable chips while the bar itself is folded away.
    pub fn active(&self) -> Vec<ActiveFilter> {
        let set = [
            (!self.text.is_empty(), ActiveFilter::Text),
            (self.facets.channel.is_some(), ActiveFilter::Channel),
            (self.facets.campaign.is_some(), ActiveFilter::Campaign),
            (self.facets.owner.is_some(), ActiveFilter::Owner),
            (self.due.is_some(), ActiveFilter::Due),
            (self.all_done, ActiveFilter::AllDone),
            (self.archived, ActiveFilter::Archived),
        ];
        set.into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, f)| f)
            .collect()
    }

    /// These filters with one of them cleared; the others stay as they are.
    pub fn without(&self, filter: ActiveFilter) -> BoardFilter {
        let mut next = self.clone();
        match filter {
            ActiveFilter::Text => next.text.clear(),
            ActiveFilter::Channel => next.facets.channel = None,
            ActiveFilter::Campaign => next.facets.campaign = None,
            ActiveFilter::Owner => next.facets.owner = None,
            ActiveFilter::Due => next.due = None,
            ActiveFilter::AllDone => next.all_done = false,
            ActiveFilter::Archived => next.archived = false,
        }
        next
    }

    /// Whether any filter narrows the board (showing more cards does not count).
    pub fn narrows(&self) -> bool {
        self.facets.owner.is_some()
            || self.facets.campaign.is_some()
            || self.facets.channel.is_some()
            || self.due.is_some()
            || !self.text.is_empty()
    }
}

/// One filter of a board that is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActiveFilter {
    /// Words in the title.
    Text,
    /// A channel.
    Channel,
    /// A campaign.
    Campaign,
    /// An owner.
    Owner,
    /// Overdue or due this week.
    Due,
    /// Long-done cards shown too.
    AllDone,
    /// Archived cards shown too.
    Archived,
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
    pub filter: ItemFilter,
}

impl CalendarQuery {
    /// Reads the query from URL values. An unreadable date or view counts as none.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        CalendarQuery {
            view: get("view").and_then(|v| CalendarView::from_key(&v)),
            date: get("date").and_then(|d| parse_date(&d)),
            filter: ItemFilter::from_query(&get),
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

/// A board's address with its filters.
pub fn board_href(workflow: &WorkflowId, filter: &BoardFilter) -> String {
    format!("/board/{workflow}{}", query_string(&filter.to_query()))
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

    fn read_pairs(pairs: &[(String, String)]) -> impl Fn(&str) -> Option<String> + '_ {
        move |k| pairs.iter().find(|(p, _)| p == k).map(|(_, v)| v.clone())
    }

    fn pairs_of(href: &str) -> Vec<(String, String)> {
        href.split_once('?')
            .map(|(_, q)| q)
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_string(), v.to_string())
            })
            .collect()
    }

    #[test]
    fn board_filters_survive_the_url_round_trip() {
        let filter = BoardFilter {
            facets: ItemFilter {
                owner: Some(PersonId(4)),
                campaign: Some(CampaignId(2)),
                channel: Some(Channel::PaidSocial),
                workflow: None,
            },
            due: Some(DueFilter::ThisWeek),
            text: "pricing & plans".into(),
            archived: true,
            all_done: true,
        };
        let pairs: Vec<(String, String)> = filter
            .to_query()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        assert_eq!(BoardFilter::from_query(read_pairs(&pairs)), filter);
        assert_eq!(query_string(&[("q", "a b&c".into())]), "?q=a+b%26c");
    }

    #[test]
    fn each_chip_removes_its_own_filter_and_keeps_the_rest() {
        let filter = BoardFilter {
            facets: ItemFilter {
                owner: Some(PersonId(4)),
                campaign: None,
                channel: Some(Channel::Email),
                workflow: None,
            },
            due: Some(DueFilter::Overdue),
            text: "launch".into(),
            archived: true,
            all_done: false,
        };
        let active = filter.active();
        assert_eq!(
            active,
            [
                ActiveFilter::Text,
                ActiveFilter::Channel,
                ActiveFilter::Owner,
                ActiveFilter::Due,
                ActiveFilter::Archived
            ]
        );
        for chip in &active {
            let rest = filter.without(*chip);
            let expected: Vec<ActiveFilter> =
                active.iter().copied().filter(|f| f != chip).collect();
            assert_eq!(rest.active(), expected, "removing {chip:?}");
        }
        let cleared = active.iter().fold(filter, |f, chip| f.without(*chip));
        assert_eq!(cleared, BoardFilter::default());
        assert!(BoardFilter::default().active().is_empty());
    }

    #[test]
    fn a_board_ignores_a_workflow_in_its_url() {
        let filter = BoardFilter::from_query(|k| (k == "workflow").then(|| "email".to_string()));
        assert_eq!(filter, BoardFilter::default());
        assert_eq!(
            board_href(&WorkflowId::new("social"), &filter),
            "/board/social"
        );
    }

    #[test]
    fn unknown_board_values_are_ignored() {
        let filter = BoardFilter::from_query(|k| match k {
            "owner" => Some("me".into()),
            "channel" => Some("fax".into()),
            "due" => Some("someday".into()),
            _ => None,
        });
        assert_eq!(filter, BoardFilter::default());
        assert!(!filter.narrows());
    }

    #[test]
    fn the_calendar_query_survives_the_url_round_trip() {
        let query = CalendarQuery {
            view: Some(CalendarView::Week),
            date: NaiveDate::from_ymd_opt(2026, 12, 7),
            filter: ItemFilter {
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
        let pairs = pairs_of(&href);
        assert_eq!(CalendarQuery::from_query(read_pairs(&pairs)), query);
    }

    #[test]
    fn unreadable_calendar_values_fall_back_to_the_defaults() {
        let pairs: Vec<(String, String)> = [
            ("view", "year"),
            ("date", "2026-02-30"),
            ("channel", "fax"),
            ("owner", "me"),
            ("workflow", " "),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let query = CalendarQuery::from_query(read_pairs(&pairs));
        assert_eq!(query, CalendarQuery::default());
        assert_eq!(query.href(), "/calendar");
    }

    #[test]
    fn board_and_calendar_read_the_shared_filters_the_same_way() {
        let pairs = pairs_of("?owner=4&campaign=2&channel=email");
        let board = BoardFilter::from_query(read_pairs(&pairs));
        let calendar = ItemFilter::from_query(read_pairs(&pairs));
        assert_eq!(board.facets, calendar);
    }
}
