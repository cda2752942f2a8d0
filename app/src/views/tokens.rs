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

    /// Whether it works at `now`, and if not, why not.
    pub fn state(&self, now: DateTime<Utc>) -> TokenState {
        if self.revoked_at.is_some() {
            TokenState::Revoked
        } else if self.expires_at <= now {
            TokenState::Expired
        } else {
            TokenState::Active
        }
    }
}

/// Whether a token works, as its list says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    /// It opens the API.
    Active,
    /// Its time ran out.
    Expired,
    /// Someone revoked it.
    Revoked,
}

impl TokenState {
    /// The word the list shows.
    pub fn label(self) -> &'static str {
        match self {
            TokenState::Active => "active",
            TokenState::Expired => "expired",
            TokenState::Revoked => "revoked",
        }
    }
}

/// Tokens as listed, with the server's clock to tell which still work (the browser has
/// no clock of its own that it can be trusted with).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenList {
    /// The newest first.
    pub tokens: Vec<TokenView>,
    /// The server's clock when they were read.
    pub now: DateTime<Utc>,
}

/// A token just made: the secret, shown this once, and the token as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewToken {
    /// The whole token, `baton_pat_…`.
    pub secret: String,
    /// The token as the list shows it.
    pub token: TokenView,
}

#[cfg(test)]
mod tests {
    use chrono::{TimeDelta, TimeZone};

    use super::*;

    #[test]
    fn tokens_are_revoked_before_they_are_expired() {
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap();
        let token = TokenView {
            id: 1,
            person: PersonId(1),
            person_name: "Ann".into(),
            name: "ESP".into(),
            hint: "abcd".into(),
            scopes: vec![Scope::Read],
            created_at: now - TimeDelta::days(10),
            expires_at: now + TimeDelta::days(1),
            last_used_at: None,
            revoked_at: None,
        };
        assert_eq!(token.state(now), TokenState::Active);
        assert_eq!(token.state(now + TimeDelta::days(1)).label(), "expired");
        let revoked = TokenView {
            revoked_at: Some(now),
            ..token.clone()
        };
        assert_eq!(revoked.state(now + TimeDelta::days(2)), TokenState::Revoked);
        for t in [&token, &revoked] {
            for at in [now, now + TimeDelta::days(2)] {
                assert_eq!(t.is_open(at), t.state(at) == TokenState::Active);
            }
        }
    }
}
