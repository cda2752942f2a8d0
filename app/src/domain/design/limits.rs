//! How big a definition may get: every name, text and number the designer takes has a
//! maximum, checked in the browser as someone types and again on save.

use super::super::approval::ApproverRef;
use super::super::definition::WorkflowDefinition;
use super::super::fields::FieldType;
use super::super::limits::{self, NAME, SHORT, TEXT_FIELD};
use super::super::people::Party;
use super::place::{FieldPart, Place, StagePart, WorkflowPart};
use serde::{Deserialize, Serialize};

/// Most stages in a workflow.
pub const MAX_STAGES: usize = 40;
/// Most fields in a workflow.
pub const MAX_FIELDS: usize = 80;
/// Most checklist lines in a stage.
pub const MAX_LINES: usize = 60;
/// Most options of a choice field.
pub const MAX_OPTIONS: usize = 100;
/// Most people and teams named in one list (a RACI letter, approvers, escalation).
pub const MAX_PARTIES: usize = 50;
/// Most hours of an SLA or an escalation delay (a year).
pub const MAX_HOURS: u32 = 8_760;
/// The highest WIP limit.
pub const MAX_WIP: u32 = 10_000;
/// The most revision rounds.
pub const MAX_REVISIONS: u32 = 20;

/// Something in the definition over its limit, placed like a [`super::Problem`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitProblem {
    /// Where to show it.
    pub place: Place,
    /// The same place as a path.
    pub path: String,
    /// What is too long or too many, and the most allowed.
    pub message: String,
}

struct Found(Vec<LimitProblem>);

impl Found {
    fn add(&mut self, place: Place, message: String) {
        self.0.push(LimitProblem {
            path: place.path(),
            place,
            message,
        });
    }

    fn text(&mut self, place: Place, what: &str, text: &str, max: usize) {
        if let Err(message) = limits::check(what, text, max) {
            self.add(place, message);
        }
    }

    fn count(&mut self, place: Place, what: &str, n: usize, max: usize) {
        if n > max {
            self.add(
                place,
                format!("{what}: {n}, and the most is {max}. Remove some and try again."),
            );
        }
    }

    fn number(&mut self, place: Place, what: &str, n: u32, max: u32) {
        if n > max {
            self.add(
                place,
                format!(
                    "{what} is {}, and the most is {}.",
                    limits::grouped(n as usize),
                    limits::grouped(max as usize)
                ),
            );
        }
    }

    fn parties(&mut self, place: &Place, what: &str, parties: &[Party]) {
        self.count(place.clone(), what, parties.len(), MAX_PARTIES);
        for party in parties {
            if let Party::Team(team) = party {
                self.text(place.clone(), "A team's name", team, NAME);
            }
        }
    }
}

/// Everything in `def` over its limit; empty when every text and number fits.
pub fn limit_problems(def: &WorkflowDefinition) -> Vec<LimitProblem> {
    let mut found = Found(Vec::new());
    let workflow = Place::workflow;
    found.text(workflow(WorkflowPart::Name), "The name", &def.name, NAME);
    found.number(
        workflow(WorkflowPart::RevisionLimit),
        "The number of revision rounds",
        def.revision_limit,
        MAX_REVISIONS,
    );
    found.count(
        workflow(WorkflowPart::Stages),
        "Stages",
        def.stages.len(),
        MAX_STAGES,
    );
    found.count(
        workflow(WorkflowPart::Fields),
        "Fields",
        def.fields.len(),
        MAX_FIELDS,
    );
    for field in &def.fields {
        let at = |part| Place::field(&field.key, part);
        found.text(at(FieldPart::Label), "The label", &field.label, SHORT);
        found.text(
            at(FieldPart::Help),
            "The help text",
            &field.help,
            TEXT_FIELD,
        );
        if let FieldType::Choice { options } = &field.field_type {
            found.count(
                at(FieldPart::Options),
                "Options",
                options.len(),
                MAX_OPTIONS,
            );
            for option in options {
                found.text(at(FieldPart::Options), "An option", option, SHORT);
            }
        }
    }
    for stage in &def.stages {
        let at = |part| Place::stage(&stage.key, part);
        found.text(at(StagePart::Name), "The stage's name", &stage.name, NAME);
        found.text(
            at(StagePart::Description),
            "The description",
            &stage.description,
            TEXT_FIELD,
        );
        let raci = &stage.raci;
        for (what, list) in [
            ("Responsible", &raci.responsible),
            ("Accountable", &raci.accountable),
            ("Consulted", &raci.consulted),
            ("Informed", &raci.informed),
        ] {
            found.parties(&at(StagePart::Raci), what, list);
        }
        found.count(
            at(StagePart::Checklist),
            "Checklist lines",
            stage.checklist.len(),
            MAX_LINES,
        );
        for line in &stage.checklist {
            let place = Place::ChecklistLine {
                stage: stage.key.clone(),
                line: line.key.clone(),
            };
            found.text(place, "The checklist line", &line.label, SHORT);
        }
        if let Some(sla) = stage.sla {
            found.number(at(StagePart::Sla), "The SLA", sla.hours, MAX_HOURS);
        }
        if let Some(escalation) = &stage.escalation {
            found.parties(
                &at(StagePart::Escalation),
                "Escalation targets",
                &escalation.to,
            );
            if let Some(hours) = escalation.after_hours {
                found.number(
                    at(StagePart::Escalation),
                    "The escalation delay",
                    hours,
                    MAX_HOURS,
                );
            }
        }
        if let Some(policy) = &stage.approval {
            found.count(
                at(StagePart::Approval),
                "Approvers",
                policy.approvers.len(),
                MAX_PARTIES,
            );
            for approver in &policy.approvers {
                if let ApproverRef::Team(team) = approver {
                    found.text(at(StagePart::Approval), "A team's name", team, NAME);
                }
            }
        }
        if let Some(limit) = stage.wip_limit {
            found.number(at(StagePart::WipLimit), "The WIP limit", limit, MAX_WIP);
        }
    }
    found.0
}

#[cfg(test)]
mod tests {
    use super::super::super::definition::{Sla, Stage, WorkflowDefinition};
    use super::super::blank_workflow;
    use super::*;

    fn flow() -> WorkflowDefinition {
        let mut def = blank_workflow("Launch");
        def.stages.push(Stage::new("brief", "Brief", ""));
        def
    }

    #[test]
    fn a_definition_within_its_limits_has_no_problems() {
        assert!(limit_problems(&flow()).is_empty());
        for template in crate::domain::builtin_templates() {
            assert!(limit_problems(&template).is_empty(), "{}", template.name);
        }
    }

    #[test]
    fn long_texts_and_big_numbers_are_placed_and_explained() {
        let mut def = flow();
        def.name = "n".repeat(NAME + 1);
        def.stages[0].sla = Some(Sla {
            hours: MAX_HOURS + 1,
            business_hours: false,
        });
        def.stages[0].raci.informed = vec![Party::Team("t".repeat(NAME + 1))];
        let found = limit_problems(&def);
        let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["name", "stages.brief.raci", "stages.brief.sla"],
            "{found:?}"
        );
        assert!(found[0].message.contains("the most is 100"), "{found:?}");
        assert_eq!(found[2].message, "The SLA is 8,761, and the most is 8,760.");
    }

    #[test]
    fn too_many_stages_are_counted() {
        let mut def = flow();
        def.stages = (0..=MAX_STAGES)
            .map(|i| Stage::new(&format!("s{i}"), "S", ""))
            .collect();
        let found = limit_problems(&def);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Stages: 41, and the most is 40. Remove some and try again."
        );
    }
}
