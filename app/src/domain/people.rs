//! People, roles and parties (a person or a team named in a RACI or an escalation).

use super::ids::PersonId;
use serde::{Deserialize, Serialize};

/// What a person may do in Baton. Approval rights never come from the role:
/// only the stage's approver list grants them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the workspace.
    Admin,
    /// Leads a team; works on items.
    Manager,
    /// Works on items.
    Member,
    /// Reads only; may not change anything.
    Viewer,
}

impl Role {
    /// Whether this role may create, edit and move items.
    pub fn can_work(self) -> bool {
        !matches!(self, Role::Viewer)
    }

    /// Whether this role may change workflows and campaigns (managers and admins).
    pub fn can_manage(self) -> bool {
        matches!(self, Role::Manager | Role::Admin)
    }
}

/// A member of the team directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Account id.
    pub id: PersonId,
    /// Display name used in messages ("Waiting on approval from Dana").
    pub name: String,
    /// Contact address.
    pub email: String,
    /// What the person may do.
    pub role: Role,
    /// Teams or job roles the person belongs to, e.g. "Design".
    pub teams: Vec<String>,
}

impl Person {
    /// Whether the person belongs to the named team (case-insensitive).
    pub fn in_team(&self, team: &str) -> bool {
        self.teams
            .iter()
            .any(|t| t.trim().eq_ignore_ascii_case(team.trim()))
    }
}

/// The team directory, used to resolve names for messages and team membership.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct People {
    /// Everyone the workspace knows.
    pub persons: Vec<Person>,
}

impl People {
    /// A directory of the given persons.
    pub fn new(persons: Vec<Person>) -> Self {
        Self { persons }
    }

    /// Looks a person up by id.
    pub fn get(&self, id: PersonId) -> Option<&Person> {
        self.persons.iter().find(|p| p.id == id)
    }

    /// The person's display name, or "person #id" for someone unknown.
    pub fn name_of(&self, id: PersonId) -> String {
        self.get(id)
            .map_or_else(|| format!("person #{id}"), |p| p.name.clone())
    }

    /// Names of several persons joined with commas.
    pub fn names_of(&self, ids: &[PersonId]) -> String {
        ids.iter()
            .map(|id| self.name_of(*id))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Someone named in a RACI or as an escalation target.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum Party {
    /// A specific person.
    Person(PersonId),
    /// A team or job role by name, e.g. "Design".
    Team(String),
}

impl Party {
    /// A team or job role by name.
    pub fn team(name: &str) -> Self {
        Party::Team(name.to_owned())
    }

    /// Whether the given person is (or belongs to) this party.
    pub fn includes(&self, person: &Person) -> bool {
        match self {
            Party::Person(id) => *id == person.id,
            Party::Team(team) => person.in_team(team),
        }
    }

    /// The party in words, for messages.
    pub fn describe(&self, people: &People) -> String {
        match self {
            Party::Person(id) => people.name_of(*id),
            Party::Team(team) => team.clone(),
        }
    }
}

/// An email address as Baton stores it (trimmed, lower case), or why it is not one.
pub fn checked_email(text: &str) -> Result<String, String> {
    let email = text.trim().to_lowercase();
    let looks_right = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && !email.contains(char::is_whitespace);
    if !looks_right {
        return Err("Enter an email address like dana@example.com.".to_string());
    }
    super::limits::check("The email address", &email, super::limits::EMAIL)?;
    Ok(email)
}

/// A person's name as Baton stores it (trimmed), or why it cannot be one.
pub fn checked_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        return Err("Enter the person's name.".to_string());
    }
    super::limits::check("The name", name, super::limits::NAME)?;
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dana() -> Person {
        Person {
            id: PersonId(1),
            name: "Dana".into(),
            email: "dana@example.com".into(),
            role: Role::Member,
            teams: vec!["Design".into()],
        }
    }

    #[test]
    fn viewers_cannot_work_everyone_else_can() {
        assert!(!Role::Viewer.can_work());
        assert!(Role::Member.can_work() && Role::Manager.can_work() && Role::Admin.can_work());
    }

    #[test]
    fn team_party_matches_members_ignoring_case() {
        assert!(Party::team("design").includes(&dana()));
        assert!(!Party::team("SEO").includes(&dana()));
        assert!(Party::Person(PersonId(1)).includes(&dana()));
    }

    #[test]
    fn unknown_people_get_a_readable_placeholder() {
        let people = People::new(vec![dana()]);
        assert_eq!(
            people.names_of(&[PersonId(1), PersonId(9)]),
            "Dana, person #9"
        );
    }

    #[test]
    fn emails_are_stored_trimmed_in_lower_case_and_nonsense_is_explained() {
        assert_eq!(
            checked_email("  Dana@Example.COM "),
            Ok("dana@example.com".to_string())
        );
        for bad in [
            "",
            "dana",
            "dana@",
            "@example.com",
            "dana@example",
            "da na@example.com",
            "dana@example.com.",
        ] {
            assert!(checked_email(bad).is_err(), "{bad}");
        }
        let long = format!("{}@example.com", "d".repeat(300));
        assert!(checked_email(&long).unwrap_err().contains("too long"));
    }

    #[test]
    fn names_are_trimmed_and_limited() {
        assert_eq!(
            checked_name(" Dana Whitfield "),
            Ok("Dana Whitfield".to_string())
        );
        assert!(checked_name("   ").is_err());
        assert!(checked_name(&"a".repeat(101))
            .unwrap_err()
            .contains("the most is 100"));
    }
}
