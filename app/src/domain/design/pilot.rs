//! Pilots: a new version tried by a team, a campaign or chosen people before everyone.

use super::super::ids::{CampaignId, PersonId};
use super::super::people::People;
use super::words::join_and;
use serde::{Deserialize, Serialize};

/// Whose new items follow the pilot version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum PilotGroup {
    /// Items owned by someone in this team.
    Team(String),
    /// Items of this campaign.
    Campaign(CampaignId),
    /// Items owned by one of these people.
    People(Vec<PersonId>),
}

impl PilotGroup {
    /// Whether a new item with this owner (in these teams) and campaign is in the pilot.
    pub fn includes(
        &self,
        owner: Option<PersonId>,
        owner_teams: &[String],
        campaign: Option<CampaignId>,
    ) -> bool {
        match self {
            PilotGroup::Team(team) => {
                owner.is_some()
                    && owner_teams
                        .iter()
                        .any(|t| t.trim().eq_ignore_ascii_case(team.trim()))
            }
            PilotGroup::Campaign(id) => campaign == Some(*id),
            PilotGroup::People(ids) => owner.is_some_and(|o| ids.contains(&o)),
        }
    }

    /// The group in words: "the Design team", "the campaign's items", "Dana and Lee".
    pub fn describe(&self, people: &People, campaign_name: Option<&str>) -> String {
        match self {
            PilotGroup::Team(team) => format!("the {} team", team.trim()),
            PilotGroup::Campaign(_) => match campaign_name {
                Some(name) => format!("items of the campaign {name}"),
                None => "items of one campaign".to_owned(),
            },
            PilotGroup::People(ids) => {
                let names: Vec<String> = ids.iter().map(|id| people.name_of(*id)).collect();
                if names.is_empty() {
                    "nobody yet".to_owned()
                } else {
                    join_and(&names)
                }
            }
        }
    }
}

/// The version a new item follows: the pilot version when a pilot runs and the item is in
/// its group, else the current version. Items keep the version they start with.
pub fn version_for_new_item(
    pilot: Option<&PilotGroup>,
    current_version: u32,
    pilot_version: u32,
    owner: Option<PersonId>,
    owner_teams: &[String],
    campaign: Option<CampaignId>,
) -> u32 {
    match pilot {
        Some(group) if group.includes(owner, owner_teams, campaign) => pilot_version,
        _ => current_version,
    }
}
