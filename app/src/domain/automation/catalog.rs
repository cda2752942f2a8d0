//! What rules refer to by id or key, to check and name them: workflows, people, campaigns
//! and webhook endpoints.

use super::super::definition::WorkflowDefinition;
use super::super::ids::{CampaignId, WorkflowId};
use super::super::people::People;
use super::ids::EndpointId;
use std::collections::BTreeMap;

/// The workspace as rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Catalog<'a> {
    /// Current definitions of every workflow (items are created in these).
    pub workflows: &'a [WorkflowDefinition],
    /// The team directory.
    pub people: &'a People,
    /// Campaign names by id.
    pub campaigns: &'a BTreeMap<CampaignId, String>,
    /// Outbound webhook endpoints by id, with their names.
    pub endpoints: &'a BTreeMap<EndpointId, String>,
}

impl<'a> Catalog<'a> {
    /// The current definition of a workflow.
    pub fn workflow(&self, id: &WorkflowId) -> Option<&'a WorkflowDefinition> {
        self.workflows.iter().find(|w| &w.id == id)
    }

    /// A workflow's name, or its id when it is unknown.
    pub fn workflow_name(&self, id: &WorkflowId) -> String {
        self.workflow(id)
            .map_or_else(|| id.to_string(), |w| w.name.clone())
    }

    /// A campaign's name, or "campaign #id".
    pub fn campaign_name(&self, id: CampaignId) -> String {
        self.campaigns
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("campaign #{id}"))
    }

    /// An endpoint's name, or "webhook #id".
    pub fn endpoint_name(&self, id: EndpointId) -> String {
        self.endpoints
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("webhook #{id}"))
    }
}
