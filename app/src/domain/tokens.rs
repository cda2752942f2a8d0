//! Personal access tokens: what a token may do, and the rules for making one.
//!
//! A token acts as its person and never more: what it may do is its scopes *and* what the
//! person's role allows at the moment of the request, so a person who loses a right loses it
//! on every token at once.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::limits;
use super::people::Role;

/// What every token starts with, so secret scanners (and people) can tell what it is.
pub const PREFIX: &str = "baton_pat_";
/// How long a token lasts unless its maker says otherwise.
pub const DEFAULT_DAYS: u32 = 90;
/// The longest a token may last.
pub const MAX_DAYS: u32 = 365;
/// How many open tokens one person may have.
pub const MAX_PER_PERSON: usize = 50;

/// One thing a token may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// Read what its person can read. Every token has it.
    #[serde(rename = "read")]
    Read,
    /// Create, edit, move and comment on items, decide approvals, edit campaigns.
    #[serde(rename = "items:write")]
    ItemsWrite,
    /// Record results (metrics) on items and campaigns.
    #[serde(rename = "results:write")]
    ResultsWrite,
    /// Everything its person may do, admin work included.
    #[serde(rename = "admin")]
    Admin,
}

impl Scope {
    /// Every scope, in the order forms list them.
    pub const ALL: [Scope; 4] = [
        Scope::Read,
        Scope::ItemsWrite,
        Scope::ResultsWrite,
        Scope::Admin,
    ];

    /// The scope's name in the API and in the database.
    pub fn key(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::ItemsWrite => "items:write",
            Scope::ResultsWrite => "results:write",
            Scope::Admin => "admin",
        }
    }

    /// The scope named `key`.
    pub fn parse(key: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.key() == key)
    }

    /// What it allows, in a few words for the token form.
    pub fn describe(self) -> &'static str {
        match self {
            Scope::Read => {
                "Read items, workflows, campaigns, people, the calendar and the activity"
            }
            Scope::ItemsWrite => {
                "Create, edit and move items, comment, decide approvals, edit campaigns"
            }
            Scope::ResultsWrite => "Record results such as open rates and CPA",
            Scope::Admin => "Everything you may do as an admin",
        }
    }

    /// The least role whose person could use this scope at all.
    fn least_role(self) -> Option<Role> {
        match self {
            Scope::Read => None,
            Scope::ItemsWrite | Scope::ResultsWrite => Some(Role::Member),
            Scope::Admin => Some(Role::Admin),
        }
    }
}

/// A token's scopes: always `read`; `admin` implies the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scopes(BTreeSet<Scope>);

impl Scopes {
    /// The scopes given, with `read` added.
    pub fn of(scopes: impl IntoIterator<Item = Scope>) -> Scopes {
        let mut set: BTreeSet<Scope> = scopes.into_iter().collect();
        set.insert(Scope::Read);
        Scopes(set)
    }

    /// Reads the stored, space-separated form; unknown names are ignored.
    pub fn parse(text: &str) -> Scopes {
        Scopes::of(text.split_whitespace().filter_map(Scope::parse))
    }

    /// The stored form: names separated by spaces, in a fixed order.
    pub fn text(&self) -> String {
        self.iter().map(Scope::key).collect::<Vec<_>>().join(" ")
    }

    /// The scopes, in order.
    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }

    /// Whether the token was given `scope` (directly, or through `admin`).
    pub fn grants(&self, scope: Scope) -> bool {
        self.0.contains(&scope) || self.0.contains(&Scope::Admin)
    }
}

/// Why a token may not do something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denial {
    /// The token was not given the scope.
    Scope(Scope),
    /// The token's person may not (any more) do what the scope would allow.
    Role(Scope),
}

impl Denial {
    /// The refusal in words.
    pub fn message(&self) -> String {
        match self {
            Denial::Scope(scope) => format!(
                "This token lacks the “{}” scope. Make a token with it on your profile.",
                scope.key()
            ),
            Denial::Role(scope) => format!(
                "This token's person may not use the “{}” scope with their current role.",
                scope.key()
            ),
        }
    }
}

/// Whether a token with `scopes`, acting for a person with `role`, may use `needed`.
pub fn permits(scopes: &Scopes, role: Role, needed: Scope) -> Result<(), Denial> {
    if !scopes.grants(needed) {
        return Err(Denial::Scope(needed));
    }
    if !role_allows(role, needed) {
        return Err(Denial::Role(needed));
    }
    Ok(())
}

fn role_allows(role: Role, scope: Scope) -> bool {
    match scope.least_role() {
        None => true,
        Some(Role::Admin) => role == Role::Admin,
        Some(_) => role.can_work(),
    }
}

/// What a person asks for when they make a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRequest {
    /// What it is for ("ESP open rates").
    pub name: String,
    /// The scopes beyond `read`.
    pub scopes: Vec<Scope>,
    /// Days until it expires; `None` takes [`DEFAULT_DAYS`].
    pub days: Option<u32>,
}

/// A token request that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedToken {
    /// Its name, trimmed.
    pub name: String,
    /// Its scopes, `read` included.
    pub scopes: Scopes,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// Checks a token request from a person with `role`: `Err((field, message))` names what to fix.
pub fn check_request(
    request: &TokenRequest,
    role: Role,
    now: DateTime<Utc>,
) -> Result<CheckedToken, (&'static str, String)> {
    let name = request.name.trim();
    if name.is_empty() {
        return Err((
            "name",
            "Give the token a name that says what uses it, such as “ESP open rates”.".into(),
        ));
    }
    limits::check("The name", name, limits::NAME).map_err(|m| ("name", m))?;
    let days = request.days.unwrap_or(DEFAULT_DAYS);
    if days == 0 || days > MAX_DAYS {
        return Err((
            "days",
            format!("A token lasts from 1 to {MAX_DAYS} days; {days} is outside that."),
        ));
    }
    if let Some(scope) = request
        .scopes
        .iter()
        .copied()
        .find(|s| !role_allows(role, *s))
    {
        return Err((
            "scopes",
            format!(
                "Your role cannot use the “{}” scope, so a token cannot have it either.",
                scope.key()
            ),
        ));
    }
    Ok(CheckedToken {
        name: name.to_string(),
        scopes: Scopes::of(request.scopes.iter().copied()),
        expires_at: now + TimeDelta::days(i64::from(days)),
    })
}

/// Whether `text` has the shape of a token (so a mistyped header gets a clear answer).
pub fn looks_like_token(text: &str) -> bool {
    text.strip_prefix(PREFIX).is_some_and(|rest| {
        rest.len() == 43
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// The last four characters of a token, shown beside its name.
pub fn hint(token: &str) -> String {
    let start = token.len().saturating_sub(4);
    token.get(start..).unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap()
    }

    fn request(scopes: Vec<Scope>, days: Option<u32>) -> TokenRequest {
        TokenRequest {
            name: "  ESP open rates ".into(),
            scopes,
            days,
        }
    }

    #[test]
    fn every_token_reads_and_admin_grants_the_rest() {
        let read_only = Scopes::of([]);
        assert!(read_only.grants(Scope::Read));
        assert!(!read_only.grants(Scope::ItemsWrite));
        let admin = Scopes::of([Scope::Admin]);
        for scope in Scope::ALL {
            assert!(admin.grants(scope), "{scope:?}");
        }
        assert_eq!(Scopes::parse(&admin.text()), admin);
        assert_eq!(
            Scopes::parse("results:write bogus").text(),
            "read results:write"
        );
    }

    #[test]
    fn a_token_never_does_more_than_its_person() {
        let writer = Scopes::of([Scope::ItemsWrite, Scope::ResultsWrite]);
        assert_eq!(permits(&writer, Role::Member, Scope::ItemsWrite), Ok(()));
        assert_eq!(
            permits(&writer, Role::Viewer, Scope::ItemsWrite),
            Err(Denial::Role(Scope::ItemsWrite))
        );
        assert_eq!(
            permits(&Scopes::of([]), Role::Admin, Scope::ResultsWrite),
            Err(Denial::Scope(Scope::ResultsWrite))
        );
        let admin = Scopes::of([Scope::Admin]);
        assert_eq!(
            permits(&admin, Role::Manager, Scope::Admin),
            Err(Denial::Role(Scope::Admin))
        );
        assert_eq!(permits(&admin, Role::Manager, Scope::ItemsWrite), Ok(()));
    }

    #[test]
    fn requests_get_a_default_expiry_and_a_trimmed_name() {
        let checked = check_request(&request(vec![], None), Role::Viewer, now()).unwrap();
        assert_eq!(checked.name, "ESP open rates");
        assert_eq!(checked.expires_at, now() + TimeDelta::days(90));
        assert_eq!(checked.scopes.text(), "read");
    }

    #[test]
    fn requests_outside_the_rules_name_their_field() {
        let cases = [
            (request(vec![], Some(0)), Role::Admin, "days"),
            (request(vec![], Some(366)), Role::Admin, "days"),
            (
                request(vec![Scope::ItemsWrite], None),
                Role::Viewer,
                "scopes",
            ),
            (request(vec![Scope::Admin], None), Role::Manager, "scopes"),
            (
                TokenRequest {
                    name: "   ".into(),
                    ..request(vec![], None)
                },
                Role::Admin,
                "name",
            ),
            (
                TokenRequest {
                    name: "x".repeat(101),
                    ..request(vec![], None)
                },
                Role::Admin,
                "name",
            ),
        ];
        for (req, role, field) in cases {
            assert_eq!(
                check_request(&req, role, now()).unwrap_err().0,
                field,
                "{req:?}"
            );
        }
        assert!(check_request(&request(vec![], Some(365)), Role::Viewer, now()).is_ok());
    }

    #[test]
    fn token_shapes_are_recognised() {
        let token = format!("{PREFIX}{}", "a".repeat(43));
        assert!(looks_like_token(&token));
        assert!(!looks_like_token(&"a".repeat(53)));
        assert!(!looks_like_token(&format!("{PREFIX}short")));
        assert_eq!(hint(&token), "aaaa");
    }
}
