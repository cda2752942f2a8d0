//! Personal access tokens as the profile page and the admins' list show them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::tokens::Scope;
use crate::domain::PersonId;

/// One token, without its secret (which is never stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    /// Its number.
    pub id: i64,
    /// Whose it is.
    pub person: PersonId,
    /// Their name, for the admins' list.
    pub person_name: String,
    /// What it is for.
    pub name: String,
    /// Its last four characters.
    pub hint: String,
    /// What it may do, `read` included.
    pub scopes: Vec<Scope>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was last used, if ever.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl TokenView {
    /// Whether it still opens the API at `now`.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

/// A token just made: the secret, shown this once, and the token as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewToken {
    /// The whole token, `baton_pat_…`.
    pub secret: String,
    /// The token as the list shows it.
    pub token: TokenView,
}
