//! How an item appears on a viewer's calendar: placed in their time zone, with
//! its owner, workflow, campaign and status worked out by the engine's rules —
//! the calendar's half of the shared [`Presenter`].

use crate::domain::calendar::{entry_status, place, CampaignDates, Placed, PlanEntry};
use crate::domain::{CampaignId, Item};
use crate::service::present::Presenter;
use crate::views::calendar::EntryView;

impl Presenter {
    /// Where the item falls for the viewer, if it has a date.
    pub fn placed(&self, item: &Item) -> Option<Placed> {
        item.schedule.map(|s| place(&s, &self.zone))
    }

    /// A campaign's dates.
    pub fn campaign_dates(&self, campaign: Option<CampaignId>) -> Option<CampaignDates> {
        let campaign = self.campaigns.get(&campaign?)?;
        Some(CampaignDates {
            starts_on: campaign.starts_on,
            ends_on: campaign.ends_on,
        })
    }

    /// The item as planning sees it.
    pub fn plan_entry(&self, item: &Item) -> Option<PlanEntry> {
        Some(PlanEntry {
            id: item.id,
            title: item.title.clone(),
            channel: item.channel,
            date: self.placed(item)?.date,
            segment: segment_of(item),
        })
    }

    /// The item as an entry.
    pub fn entry(&self, item: &Item) -> Option<EntryView> {
        let def = self.definition(item)?;
        let placed = self.placed(item);
        let date = placed.map(|p| p.date);
        let status = entry_status(def, item, date, self.now, self.today, &self.hours);
        Some(EntryView {
            id: item.id,
            version: item.version,
            title: item.title.clone(),
            channel: item.channel,
            owner: item.owner.and_then(|o| self.person_tag(o)),
            workflow: def.name.clone(),
            campaign: self.campaign_name(item.campaign),
            status: status.label,
            risk: status.risk,
            date,
            time: placed.and_then(|p| p.time),
            trending_late: self.late_reason(item),
        })
    }
}

/// The audience segment an item goes to (see [`Item::segment`]).
pub fn segment_of(item: &Item) -> Option<String> {
    item.segment()
}
