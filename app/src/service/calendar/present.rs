//! How an item appears on a viewer's calendar: placed in their time zone, with
//! its owner, workflow, campaign and status worked out by the engine's rules.

use std::collections::BTreeMap;

use crate::db::Conn;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::db::{self, campaigns::CampaignRow};
use crate::domain::calendar::{entry_status, place, CampaignDates, Placed, PlanEntry};
use crate::domain::{
    CampaignId, FieldValue, Item, People, WorkflowDefinition, WorkflowId, WorkingHours,
};
use crate::error::AppResult;
use crate::service::cards::person_tag;
use crate::views::calendar::EntryView;

/// A person's IANA time zone; one that cannot be read counts as UTC.
pub fn zone_of(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// What every entry of one calendar is presented with.
pub struct Presenter {
    /// The viewer's time zone.
    pub zone: Tz,
    /// Now.
    pub now: DateTime<Utc>,
    /// Today, for the viewer.
    pub today: NaiveDate,
    /// The team.
    pub people: People,
    /// Campaigns by id.
    pub campaigns: BTreeMap<CampaignId, CampaignRow>,
    /// The definitions items follow, by workflow and version.
    pub definitions: BTreeMap<(WorkflowId, u32), WorkflowDefinition>,
    /// The team's working hours, for business-hours SLAs.
    pub hours: WorkingHours,
}

impl Presenter {
    /// Reads the team and the campaigns.
    pub async fn load(
        db: &crate::db::Db,
        conn: &mut Conn,
        zone: Tz,
        now: DateTime<Utc>,
    ) -> AppResult<Presenter> {
        let people = db.directory(conn).await?;
        let campaigns = db
            .campaigns(conn)
            .await?
            .into_iter()
            .map(|c| (CampaignId(c.id), c))
            .collect();
        Ok(Presenter {
            today: crate::domain::calendar::today_in(now, &zone),
            zone,
            now,
            people,
            campaigns,
            definitions: BTreeMap::new(),
            hours: WorkingHours::default(),
        })
    }

    /// Reads the definitions of these items that are not known yet.
    pub async fn learn(&mut self, conn: &mut Conn, items: &[Item]) -> AppResult<()> {
        for item in items {
            let key = (item.workflow_id.clone(), item.workflow_version);
            if let std::collections::btree_map::Entry::Vacant(slot) = self.definitions.entry(key) {
                let def =
                    db::workflows::load_version(conn, &item.workflow_id, item.workflow_version)
                        .await?;
                if let Some(def) = def {
                    slot.insert(def);
                }
            }
        }
        Ok(())
    }

    /// The definition an item follows, if it was learned.
    pub fn definition(&self, item: &Item) -> Option<&WorkflowDefinition> {
        self.definitions
            .get(&(item.workflow_id.clone(), item.workflow_version))
    }

    /// Whether the item reached its workflow's last stage (its work is done).
    pub fn is_done(&self, item: &Item) -> bool {
        self.definition(item)
            .and_then(|d| d.stages.last())
            .is_some_and(|s| s.key == item.stage)
    }

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
            owner: item.owner.and_then(|o| person_tag(&self.people, o)),
            workflow: def.name.clone(),
            campaign: item
                .campaign
                .and_then(|c| self.campaigns.get(&c))
                .map(|c| c.name.clone()),
            status: status.label,
            risk: status.risk,
            date,
            time: placed.and_then(|p| p.time),
        })
    }
}

/// The audience segment an item goes to: the first segment field it has filled.
pub fn segment_of(item: &Item) -> Option<String> {
    item.fields.values().find_map(|value| match value {
        FieldValue::Segment(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    })
}
