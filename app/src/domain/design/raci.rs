//! The RACI matrix: stages × people and teams, with R, A, C, I in each cell.

use super::super::definition::{Raci, WorkflowDefinition};
use super::super::ids::StageKey;
use super::super::people::{Party, People};
use serde::{Deserialize, Serialize};

/// One letter of RACI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RaciLetter {
    /// R: does the work.
    Responsible,
    /// A: owns the outcome.
    Accountable,
    /// C: gives input.
    Consulted,
    /// I: kept up to date.
    Informed,
}

impl RaciLetter {
    /// All four, in RACI order.
    pub const ALL: [RaciLetter; 4] = [
        RaciLetter::Responsible,
        RaciLetter::Accountable,
        RaciLetter::Consulted,
        RaciLetter::Informed,
    ];

    /// "R", "A", "C" or "I".
    pub fn initial(self) -> &'static str {
        match self {
            RaciLetter::Responsible => "R",
            RaciLetter::Accountable => "A",
            RaciLetter::Consulted => "C",
            RaciLetter::Informed => "I",
        }
    }

    /// "responsible", "accountable", "consulted" or "informed".
    pub fn word(self) -> &'static str {
        match self {
            RaciLetter::Responsible => "responsible",
            RaciLetter::Accountable => "accountable",
            RaciLetter::Consulted => "consulted",
            RaciLetter::Informed => "informed",
        }
    }

    /// The list of `raci` holding this letter.
    pub fn of(self, raci: &Raci) -> &Vec<Party> {
        match self {
            RaciLetter::Responsible => &raci.responsible,
            RaciLetter::Accountable => &raci.accountable,
            RaciLetter::Consulted => &raci.consulted,
            RaciLetter::Informed => &raci.informed,
        }
    }

    fn of_mut(self, raci: &mut Raci) -> &mut Vec<Party> {
        match self {
            RaciLetter::Responsible => &mut raci.responsible,
            RaciLetter::Accountable => &mut raci.accountable,
            RaciLetter::Consulted => &mut raci.consulted,
            RaciLetter::Informed => &mut raci.informed,
        }
    }
}

/// Gives or takes a letter from a party in a RACI; a party is listed once per letter.
pub(super) fn set_letter(raci: &mut Raci, party: &Party, letter: RaciLetter, on: bool) {
    let list = letter.of_mut(raci);
    let at = list.iter().position(|p| same_party(p, party));
    match (on, at) {
        (true, None) => list.push(party.clone()),
        (false, Some(i)) => {
            list.remove(i);
        }
        _ => {}
    }
}

/// Teams are named loosely ("design" is "Design"), as everywhere else.
fn same_party(a: &Party, b: &Party) -> bool {
    match (a, b) {
        (Party::Team(x), Party::Team(y)) => x.trim().eq_ignore_ascii_case(y.trim()),
        _ => a == b,
    }
}

/// A column of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixParty {
    /// The person or team.
    pub party: Party,
    /// Its name.
    pub name: String,
}

/// A row of the matrix: a stage and the letters of each party, in column order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixRow {
    /// The stage.
    pub stage: StageKey,
    /// Its name.
    pub name: String,
    /// For each party (same order as `RaciMatrix::parties`), the letters it holds.
    pub cells: Vec<Vec<RaciLetter>>,
}

/// Stages × parties with their RACI letters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaciMatrix {
    /// Columns: teams first (alphabetically), then people in directory order.
    pub parties: Vec<MatrixParty>,
    /// Rows, in stage order.
    pub rows: Vec<MatrixRow>,
}

/// The matrix of `def`: a column for every team and person of the directory and every
/// party the definition names, so any cell can be edited.
pub fn raci_matrix(def: &WorkflowDefinition, people: &People) -> RaciMatrix {
    let mut teams: Vec<String> = Vec::new();
    let mut persons: Vec<Party> = people.persons.iter().map(|p| Party::Person(p.id)).collect();
    let named = def.stages.iter().flat_map(|s| {
        RaciLetter::ALL
            .into_iter()
            .flat_map(|l| l.of(&s.raci).iter())
    });
    let directory_teams = people
        .persons
        .iter()
        .flat_map(|p| p.teams.iter())
        .map(|t| Party::Team(t.trim().to_owned()));
    for party in named.cloned().chain(directory_teams) {
        match &party {
            Party::Team(team) => {
                if !teams.iter().any(|t| t.eq_ignore_ascii_case(team.trim())) {
                    teams.push(team.trim().to_owned());
                }
            }
            Party::Person(_) if !persons.contains(&party) => persons.push(party),
            Party::Person(_) => {}
        }
    }
    teams.sort_by_key(|t| t.to_lowercase());
    let parties: Vec<MatrixParty> = teams
        .into_iter()
        .map(Party::Team)
        .chain(persons)
        .map(|party| MatrixParty {
            name: party.describe(people),
            party,
        })
        .collect();
    let rows = def
        .stages
        .iter()
        .map(|stage| MatrixRow {
            stage: stage.key.clone(),
            name: stage.name.clone(),
            cells: parties
                .iter()
                .map(|column| {
                    RaciLetter::ALL
                        .into_iter()
                        .filter(|l| {
                            l.of(&stage.raci)
                                .iter()
                                .any(|p| same_party(p, &column.party))
                        })
                        .collect()
                })
                .collect(),
        })
        .collect();
    RaciMatrix { parties, rows }
}

impl RaciMatrix {
    /// The matrix without the parties that hold no letter anywhere (for printing).
    pub fn named_only(&self) -> RaciMatrix {
        let keep: Vec<bool> = (0..self.parties.len())
            .map(|i| self.rows.iter().any(|r| !r.cells[i].is_empty()))
            .collect();
        fn pick<T: Clone>(all: &[T], keep: &[bool]) -> Vec<T> {
            all.iter()
                .zip(keep)
                .filter(|(_, k)| **k)
                .map(|(x, _)| x.clone())
                .collect()
        }
        RaciMatrix {
            parties: pick(&self.parties, &keep),
            rows: self
                .rows
                .iter()
                .map(|r| MatrixRow {
                    cells: pick(&r.cells, &keep),
                    ..r.clone()
                })
                .collect(),
        }
    }

    /// A cell as text, e.g. "R/A"; empty when the party holds no letter there.
    pub fn cell_text(&self, row: usize, party: usize) -> String {
        self.rows[row].cells[party]
            .iter()
            .map(|l| l.initial())
            .collect::<Vec<_>>()
            .join("/")
    }
}
