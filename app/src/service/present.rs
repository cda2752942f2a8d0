//! How items are shown to one viewer — as board cards ([`super::cards`]) and as calendar
//! entries ([`super::calendar::present`]) — from the same facts: the team, the campaigns,
//! the working week, the definitions the items follow, the viewer's time zone and the
//! time. One presenter, so the board, the calendar, its feed and the inbox cannot
//! disagree about an item (an SLA counted in business hours, a date, a name).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::db::campaigns::CampaignRow;
use crate::db::{Conn, Db};
use crate::domain::{
    CampaignId, Item, ItemId, People, PersonId, StageKey, WorkflowDefinition, WorkflowId,
    WorkingHours,
};
use crate::error::AppResult;
use crate::views::tags::{CampaignTag, PersonTag};

/// A person's IANA time zone; one that cannot be read counts as UTC.
pub fn zone_of(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// What every item shown to one viewer is presented with.
#[derive(Debug, Clone)]
pub struct Presenter {
    /// Who is looking.
    pub viewer: PersonId,
    /// The viewer's time zone: dates are the days they see.
    pub zone: Tz,
    /// Now.
    pub now: DateTime<Utc>,
    /// Today, for the viewer.
    pub today: NaiveDate,
    /// The team.
    pub people: People,
    /// Campaigns by id.
    pub campaigns: BTreeMap<CampaignId, CampaignRow>,
    /// The team's working hours, for business-hours SLAs.
    pub hours: WorkingHours,
    /// Active items per stage, where a board needs them ("the next stage is full").
    pub counts: BTreeMap<StageKey, u32>,
    /// Why items are trending late, for those learned (see [`Presenter::learn_outlooks`]).
    pub late: BTreeMap<ItemId, String>,
    definitions: BTreeMap<(WorkflowId, u32), Arc<WorkflowDefinition>>,
}

impl Presenter {
    /// Reads the team, the campaigns and the working week (each remembered by [`Db`]).
    pub async fn load(
        db: &Db,
        conn: &mut Conn,
        viewer: PersonId,
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
        let hours = db.working_hours(conn).await?;
        Ok(Presenter {
            viewer,
            today: crate::domain::calendar::today_in(now, &zone),
            zone,
            now,
            people,
            campaigns,
            hours,
            counts: BTreeMap::new(),
            late: BTreeMap::new(),
            definitions: BTreeMap::new(),
        })
    }

    /// The same presenter, with the stage counts a board shows.
    pub fn with_counts(mut self, counts: BTreeMap<StageKey, u32>) -> Self {
        self.counts = counts;
        self
    }

    /// Reads (through [`Db::definition`]) the definitions these items follow that are not known yet.
    pub async fn learn(&mut self, db: &Db, conn: &mut Conn, items: &[Item]) -> AppResult<()> {
        for item in items {
            let key = (item.workflow_id.clone(), item.workflow_version);
            if self.definitions.contains_key(&key) {
                continue;
            }
            if let Some(def) = db
                .definition(conn, &item.workflow_id, item.workflow_version)
                .await?
            {
                self.definitions.insert(key, def);
            }
        }
        Ok(())
    }

    /// Works out which of these items are trending late, and why (one small read per
    /// workflow: the items' compact trails, judged against the workflow's cached reference).
    pub async fn learn_outlooks(
        &mut self,
        db: &Db,
        conn: &mut Conn,
        items: &[Item],
    ) -> AppResult<()> {
        let reasons =
            crate::service::insights::outlook::late_reasons(db, conn, items, self.now).await?;
        self.late.extend(reasons);
        Ok(())
    }

    /// Why the item is trending late, if it is.
    pub fn late_reason(&self, item: &Item) -> Option<String> {
        self.late.get(&item.id).cloned()
    }

    /// Takes a definition already read.
    pub fn know(&mut self, def: Arc<WorkflowDefinition>) {
        self.definitions.insert((def.id.clone(), def.version), def);
    }

    /// The definition an item follows, if it was learned.
    pub fn definition(&self, item: &Item) -> Option<&WorkflowDefinition> {
        self.definitions
            .get(&(item.workflow_id.clone(), item.workflow_version))
            .map(Arc::as_ref)
    }

    /// Whether the item reached its workflow's last stage (its work is done).
    pub fn is_done(&self, item: &Item) -> bool {
        self.definition(item)
            .and_then(|d| d.stages.last())
            .is_some_and(|s| s.key == item.stage)
    }

    /// A campaign's name.
    pub fn campaign_name(&self, campaign: Option<CampaignId>) -> Option<String> {
        self.campaigns.get(&campaign?).map(|c| c.name.clone())
    }

    /// A person as a tag.
    pub fn person_tag(&self, id: PersonId) -> Option<PersonTag> {
        person_tag(&self.people, id)
    }

    /// Everyone as tags, for pickers.
    pub fn person_tags(&self) -> Vec<PersonTag> {
        person_tags(&self.people)
    }

    /// Every campaign as tags, by name.
    pub fn campaign_tags(&self) -> Vec<CampaignTag> {
        campaign_tags(self.campaigns.values())
    }
}

/// A person as a tag.
pub fn person_tag(people: &People, id: PersonId) -> Option<PersonTag> {
    people.get(id).map(|p| PersonTag {
        id: p.id,
        name: p.name.clone(),
        initials: crate::auth::initials(&p.name),
        role: p.role,
    })
}

/// Everyone as tags.
pub fn person_tags(people: &People) -> Vec<PersonTag> {
    people
        .persons
        .iter()
        .filter_map(|p| person_tag(people, p.id))
        .collect()
}

/// Campaigns as tags, by name.
pub fn campaign_tags<'a>(campaigns: impl IntoIterator<Item = &'a CampaignRow>) -> Vec<CampaignTag> {
    let mut tags: Vec<CampaignTag> = campaigns
        .into_iter()
        .map(|c| CampaignTag {
            id: CampaignId(c.id),
            name: c.name.clone(),
        })
        .collect();
    tags.sort_by(|a, b| a.name.cmp(&b.name));
    tags
}
