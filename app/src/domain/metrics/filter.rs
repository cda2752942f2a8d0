//! Narrowing histories to a channel, campaign, owner or team before computing a metric.

use super::super::ids::{CampaignId, PersonId, WorkflowId};
use super::super::item::Channel;
use super::history::ItemHistory;
use serde::{Deserialize, Serialize};

/// Which items a metric covers; an empty filter covers all.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HistoryFilter {
    /// Only this workflow.
    pub workflow: Option<WorkflowId>,
    /// Only this channel.
    pub channel: Option<Channel>,
    /// Only this campaign.
    pub campaign: Option<CampaignId>,
    /// Only items owned by one of these people (a person, or the members of a team).
    pub owners: Option<Vec<PersonId>>,
}

impl HistoryFilter {
    /// Whether the history passes.
    pub fn matches(&self, history: &ItemHistory) -> bool {
        let d = &history.details;
        self.workflow.as_ref().is_none_or(|w| &d.workflow == w)
            && self.channel.is_none_or(|c| d.channel == c)
            && self.campaign.is_none_or(|c| d.campaign == Some(c))
            && self
                .owners
                .as_ref()
                .is_none_or(|owners| d.owner.is_some_and(|o| owners.contains(&o)))
    }

    /// The histories that pass, for any metric: `cycle_times(filter.apply(&all), …)`.
    pub fn apply<'a>(
        &'a self,
        histories: &'a [ItemHistory],
    ) -> impl Iterator<Item = &'a ItemHistory> + Clone + 'a {
        histories.iter().filter(move |h| self.matches(h))
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{at, Story};
    use super::*;

    #[test]
    fn filters_combine_and_an_empty_one_keeps_everything() {
        let mut owned = Story::new(1, at(3, 9)).channel(Channel::Email);
        owned.item.owner = Some(PersonId(7));
        owned.item.campaign = Some(CampaignId(2));
        let histories = vec![owned.history(), Story::new(2, at(3, 9)).history()];
        assert_eq!(HistoryFilter::default().apply(&histories).count(), 2);
        let team = HistoryFilter {
            owners: Some(vec![PersonId(7), PersonId(8)]),
            ..HistoryFilter::default()
        };
        assert_eq!(
            team.apply(&histories).map(|h| h.item.0).collect::<Vec<_>>(),
            vec![1]
        );
        let email_in_other_campaign = HistoryFilter {
            channel: Some(Channel::Email),
            campaign: Some(CampaignId(3)),
            ..HistoryFilter::default()
        };
        assert_eq!(email_in_other_campaign.apply(&histories).count(), 0);
        let blog = HistoryFilter {
            workflow: Some("blog".into()),
            channel: Some(Channel::Blog),
            ..HistoryFilter::default()
        };
        assert_eq!(
            blog.apply(&histories).map(|h| h.item.0).collect::<Vec<_>>(),
            vec![2]
        );
    }
}
