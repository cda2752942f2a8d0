//! What a rule is evaluated with, read from storage: the workspace (workflows, people,
//! campaigns), and the item a signal is about with the board facts around it.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{self, Conn, Db};
use crate::domain::automation::{Catalog, EndpointId, Facts};
use crate::domain::{CampaignId, Item, ItemId, People, PersonId, StageKey, WorkflowDefinition};
use crate::error::AppResult;

/// The workspace as rules see it: owned, so a [`Catalog`] can borrow it.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The current version of every workflow.
    pub workflows: Vec<WorkflowDefinition>,
    /// The team.
    pub people: People,
    /// Campaign names.
    pub campaigns: BTreeMap<CampaignId, String>,
    /// Outbound webhook endpoints rules may call, by name.
    pub endpoints: BTreeMap<EndpointId, String>,
    /// The workspace's time zone.
    pub zone: chrono_tz::Tz,
}

impl Workspace {
    /// Reads it (the team, campaigns and definitions are remembered by [`Db`]).
    pub async fn load(db: &Db, conn: &mut Conn) -> AppResult<Workspace> {
        let workflows = db
            .current_definitions(conn)
            .await?
            .iter()
            .map(|d| d.as_ref().clone())
            .collect();
        let people = db.directory(conn).await?;
        let campaigns = db
            .campaigns(conn)
            .await?
            .into_iter()
            .map(|c| (CampaignId(c.id), c.name))
            .collect();
        let zone = crate::service::present::zone_of(&db::workspace::time_zone(conn).await?);
        Ok(Workspace {
            workflows,
            people,
            campaigns,
            endpoints: crate::service::webhooks::names(conn).await?,
            zone,
        })
    }

    /// What rules refer to.
    pub fn catalog(&self) -> Catalog<'_> {
        Catalog {
            workflows: &self.workflows,
            people: &self.people,
            campaigns: &self.campaigns,
            endpoints: &self.endpoints,
        }
    }

    /// Today in the workspace's time zone.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.zone).date_naive()
    }
}

/// The item a signal is about, with the definition it follows and the board facts.
#[derive(Debug, Clone)]
pub struct Subject {
    /// The item as stored now.
    pub item: Item,
    /// The workflow version it follows.
    pub definition: Arc<WorkflowDefinition>,
    /// Active items per stage of its workflow (for WIP limits).
    pub stage_counts: BTreeMap<StageKey, u32>,
    /// Open items of other workflows in its campaign.
    pub open_linked_items: u32,
}

impl Subject {
    /// Reads the item and what is around it; `None` when it is gone.
    pub async fn load(db: &Db, conn: &mut Conn, id: ItemId) -> AppResult<Option<Subject>> {
        let Some(item) = db::items::load(conn, id).await? else {
            return Ok(None);
        };
        let Some(definition) = db
            .definition(conn, &item.workflow_id, item.workflow_version)
            .await?
        else {
            return Ok(None);
        };
        let stage_counts = db::items::stage_counts(conn, &item.workflow_id).await?;
        let open_linked_items =
            crate::service::items::open_linked_items(db, conn, item.id, item.campaign).await?;
        Ok(Some(Subject {
            item,
            definition,
            stage_counts,
            open_linked_items,
        }))
    }
}

/// Facts for evaluating a rule, from the workspace and (if any) the subject.
pub fn facts<'a>(
    workspace: &'a Workspace,
    subject: Option<&'a Subject>,
    open_items: &BTreeMap<PersonId, u32>,
    round_robin: &BTreeMap<String, PersonId>,
    now: DateTime<Utc>,
) -> Facts<'a> {
    let mut facts = Facts::new(workspace.catalog(), now, workspace.today(now));
    if let Some(subject) = subject {
        facts = facts.with_item(&subject.item, &subject.definition);
        facts.stage_counts = subject.stage_counts.clone();
        facts.open_linked_items = subject.open_linked_items;
    }
    facts.open_items = open_items.clone();
    facts.round_robin = round_robin.clone();
    facts
}
