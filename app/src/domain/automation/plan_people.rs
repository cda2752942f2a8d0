//! Who an action means: recipients of a notification and the person an item is assigned to,
//! with round-robin turns and open-item counts passed in as facts.

use super::super::fields::FieldValue;
use super::super::ids::{FieldKey, PersonId};
use super::super::item::Item;
use super::super::notify::members_of;
use super::super::people::{People, Person};
use super::action::{Assignee, RaciRole, Recipient};
use super::plan::Planner;
use super::step::RoundRobinTurn;
use std::collections::BTreeMap;

/// The team key round-robin cursors are stored under.
pub fn team_key(team: &str) -> String {
    team.trim().to_lowercase()
}

/// Everyone in a team who can work on items, by id.
fn workers<'p>(people: &'p People, team: &str) -> Vec<&'p Person> {
    let mut found: Vec<&Person> = people
        .persons
        .iter()
        .filter(|p| p.in_team(team) && p.role.can_work())
        .collect();
    found.sort_by_key(|p| p.id);
    found
}

impl Planner<'_> {
    pub(super) fn person_in(&self, item: &Item, field: &FieldKey) -> Result<PersonId, String> {
        let label = self.names.field(field);
        match item.filled(field) {
            Some(FieldValue::Person(id)) => Ok(*id),
            Some(_) => Err(format!("{label} does not name a person")),
            None => Err(format!("{label} is empty")),
        }
    }

    pub(super) fn recipients(
        &self,
        to: &[Recipient],
        item: Option<&Item>,
    ) -> Result<Vec<PersonId>, String> {
        let mut found: Vec<PersonId> = Vec::new();
        let mut gaps: Vec<String> = Vec::new();
        for r in to {
            let ids: Vec<PersonId> = match (r, item) {
                (Recipient::Person { person }, _) => self
                    .people()
                    .get(*person)
                    .map(|p| p.id)
                    .into_iter()
                    .collect(),
                (Recipient::Team { team }, _) => {
                    let members: Vec<PersonId> = self
                        .people()
                        .persons
                        .iter()
                        .filter(|p| p.in_team(team))
                        .map(|p| p.id)
                        .collect();
                    if members.is_empty() {
                        gaps.push(format!("nobody is in team {}", team.trim()));
                    }
                    members
                }
                (_, None) => {
                    gaps.push("this run has no item".to_owned());
                    Vec::new()
                }
                (Recipient::StageRole { role }, Some(item)) => {
                    let stage = self.def.and_then(|d| d.stage(&item.stage));
                    let parties = stage.map(|s| match role {
                        RaciRole::Responsible => &s.raci.responsible,
                        RaciRole::Accountable => &s.raci.accountable,
                        RaciRole::Consulted => &s.raci.consulted,
                        RaciRole::Informed => &s.raci.informed,
                    });
                    parties
                        .map(|p| members_of(p, self.people()))
                        .unwrap_or_default()
                }
                (Recipient::Owner, Some(item)) => item.owner.into_iter().collect(),
                (Recipient::Assignees, Some(item)) => item.assignees.clone(),
                (Recipient::FieldPerson { field }, Some(item)) => match self.person_in(item, field)
                {
                    Ok(id) => vec![id],
                    Err(gap) => {
                        gaps.push(gap);
                        Vec::new()
                    }
                },
            };
            for id in ids {
                if !found.contains(&id) {
                    found.push(id);
                }
            }
        }
        if found.is_empty() {
            let why = if gaps.is_empty() {
                String::new()
            } else {
                format!(" ({})", gaps.join("; "))
            };
            return Err(format!("Nobody to notify{why}"));
        }
        Ok(found)
    }

    pub(super) fn assignee(
        &self,
        to: &Assignee,
        item: &Item,
        cursors: &mut BTreeMap<String, PersonId>,
    ) -> Result<(PersonId, Option<RoundRobinTurn>), String> {
        let nobody = |team: &str| format!("Nobody in team {} can take the item", team.trim());
        match to {
            Assignee::Person { person } => match self.people().get(*person) {
                Some(p) => Ok((p.id, None)),
                None => Err(format!("Person #{person} is not in the team")),
            },
            Assignee::FieldPerson { field } => Ok((self.person_in(item, field)?, None)),
            Assignee::RoundRobin { team } => {
                let members = workers(self.people(), team);
                let last = cursors.get(&team_key(team)).copied();
                let next = members
                    .iter()
                    .find(|p| last.is_some_and(|l| p.id > l))
                    .or(members.first())
                    .ok_or_else(|| nobody(team))?;
                cursors.insert(team_key(team), next.id);
                let turn = RoundRobinTurn {
                    team: team.trim().to_owned(),
                    person: next.id,
                };
                Ok((next.id, Some(turn)))
            }
            Assignee::FewestOpen { team } => workers(self.people(), team)
                .into_iter()
                .min_by_key(|p| (self.open_items.get(&p.id).copied().unwrap_or(0), p.id))
                .map(|p| (p.id, None))
                .ok_or_else(|| nobody(team)),
        }
    }
}
