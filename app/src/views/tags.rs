//! People and campaigns as every view names them: on cards, entries, rows and pickers.

use serde::{Deserialize, Serialize};

use crate::domain::{CampaignId, PersonId, Role};

/// A person as cards and pickers show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonTag {
    /// Id.
    pub id: PersonId,
    /// Full name.
    pub name: String,
    /// Two letters for the avatar.
    pub initials: String,
    /// Role, so pickers can leave viewers out.
    pub role: Role,
}

/// A campaign as cards and pickers show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignTag {
    /// Id.
    pub id: CampaignId,
    /// Name.
    pub name: String,
}
