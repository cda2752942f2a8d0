//! Built-in workflows a team can use as they are or copy (`copy_as`) and change.
//!
//! Approvers are not fixed people: every approval step takes its approver from a
//! person field of the item ("reviewer", "approver", "brand_account_approver"), filled
//! in before the item is submitted. So the templates work for any team unchanged.

mod campaigns;
mod content;
mod email;
mod paid;
mod reporting;
mod social;

use super::definition::{
    ChecklistItem, OutcomeKind, OutcomeSpec, Raci, Sla, Stage, WorkflowDefinition, WorkflowKind,
    DEFAULT_REVISION_LIMIT,
};
use super::fields::{FieldDef, FieldType};
use super::ids::{ChecklistKey, FieldKey, WorkflowId};
use super::people::Party;

/// Every built-in workflow, in menu order: content production, paid campaign launch,
/// email campaign, social publishing, campaign reporting, SEO, lead nurturing and
/// integrated campaign.
pub fn builtin_templates() -> Vec<WorkflowDefinition> {
    vec![
        content::content_production(),
        paid::paid_campaign_launch(),
        email::email_campaign(),
        social::social_publishing(),
        reporting::campaign_reporting(),
        campaigns::seo(),
        campaigns::lead_nurturing(),
        campaigns::integrated_campaign(),
    ]
}

/// The built-in workflow of the given kind, if there is one.
pub fn builtin_template(kind: WorkflowKind) -> Option<WorkflowDefinition> {
    builtin_templates().into_iter().find(|t| t.kind == kind)
}

fn workflow(
    id: &str,
    name: &str,
    kind: WorkflowKind,
    fields: Vec<FieldDef>,
    stages: Vec<Stage>,
) -> WorkflowDefinition {
    WorkflowDefinition {
        id: WorkflowId::new(id),
        name: name.to_owned(),
        kind,
        version: 1,
        based_on: None,
        revision_limit: DEFAULT_REVISION_LIMIT,
        fields,
        stages,
        // Asked for at the last stage; a team makes it required in the designer's JSON or
        // its own workflow.
        outcome: outcome_of(kind).map(|kind| OutcomeSpec {
            kind,
            required: false,
        }),
    }
}

/// What a built-in workflow's finished work leaves behind.
fn outcome_of(kind: WorkflowKind) -> Option<OutcomeKind> {
    Some(match kind {
        WorkflowKind::Content | WorkflowKind::Social | WorkflowKind::Seo => {
            OutcomeKind::PublishedUrl
        }
        WorkflowKind::Paid | WorkflowKind::IntegratedCampaign => OutcomeKind::LiveCampaign,
        WorkflowKind::Email => OutcomeKind::SentEmail,
        WorkflowKind::Reporting => OutcomeKind::Report,
        WorkflowKind::Nurture => OutcomeKind::LeadsHandedOff,
        WorkflowKind::Custom => return None,
    })
}

fn field(key: &str, label: &str, field_type: FieldType, help: &str) -> FieldDef {
    FieldDef {
        key: FieldKey::new(key),
        label: label.to_owned(),
        field_type,
        help: help.to_owned(),
    }
}

fn choice(options: &[&str]) -> FieldType {
    FieldType::Choice {
        options: options.iter().map(|o| (*o).to_owned()).collect(),
    }
}

fn teams(names: &[&str]) -> Vec<Party> {
    names.iter().map(|n| Party::team(n)).collect()
}

fn raci(responsible: &[&str], accountable: &[&str], consulted: &[&str], informed: &[&str]) -> Raci {
    Raci {
        responsible: teams(responsible),
        accountable: teams(accountable),
        consulted: teams(consulted),
        informed: teams(informed),
    }
}

fn keys(keys: &[&str]) -> Vec<FieldKey> {
    keys.iter().map(|k| FieldKey::new(*k)).collect()
}

/// Checklist lines that must all be ticked.
fn lines(lines: &[(&str, &str)]) -> Vec<ChecklistItem> {
    lines
        .iter()
        .map(|(key, label)| ChecklistItem {
            key: ChecklistKey::new(*key),
            label: (*label).to_owned(),
            optional: false,
        })
        .collect()
}

fn optional(key: &str, label: &str) -> ChecklistItem {
    ChecklistItem {
        key: ChecklistKey::new(key),
        label: label.to_owned(),
        optional: true,
    }
}

fn business(hours: u32) -> Option<Sla> {
    Some(Sla {
        hours,
        business_hours: true,
    })
}

fn calendar(hours: u32) -> Option<Sla> {
    Some(Sla {
        hours,
        business_hours: false,
    })
}

#[cfg(test)]
mod tests {
    use super::super::validate::validate;
    use super::*;

    fn names(def: &WorkflowDefinition) -> Vec<&str> {
        def.stages.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn every_builtin_validates() {
        for template in builtin_templates() {
            assert_eq!(validate(&template), Ok(()), "{}", template.name);
        }
    }

    #[test]
    fn builtins_have_the_stages_from_the_brief_in_order() {
        let expected: Vec<(&str, Vec<&str>)> = vec![
            (
                "Content production",
                vec![
                    "Brief",
                    "Draft",
                    "Review",
                    "Revisions",
                    "SEO & technical",
                    "Scheduled",
                ],
            ),
            (
                "Paid campaign launch",
                vec![
                    "Brief & audience",
                    "Creative production",
                    "Build & QA",
                    "Approval",
                    "Launch & monitoring",
                ],
            ),
            (
                "Email campaign",
                vec![
                    "Strategy & copy",
                    "Design & build",
                    "QA",
                    "Approval",
                    "Send & monitor",
                ],
            ),
            (
                "Social publishing",
                vec![
                    "Content calendar",
                    "Creation",
                    "Approval",
                    "Scheduled",
                    "Monitoring",
                ],
            ),
            (
                "Campaign reporting",
                vec!["Data collection", "Analysis", "Distribution", "Action log"],
            ),
            (
                "SEO",
                vec!["Keyword research", "On-page optimization", "Monitoring"],
            ),
            (
                "Lead nurturing",
                vec!["Score threshold", "Hand-off to sales"],
            ),
            (
                "Integrated campaign",
                vec!["Plan", "Channel production", "Launch", "Wrap-up"],
            ),
        ];
        let templates = builtin_templates();
        assert_eq!(templates.len(), expected.len());
        for (template, (name, stages)) in templates.iter().zip(expected) {
            assert_eq!(template.name, name);
            assert_eq!(names(template), stages, "{name}");
        }
    }

    #[test]
    fn builtin_ids_and_kinds_are_unique() {
        let templates = builtin_templates();
        for (i, a) in templates.iter().enumerate() {
            for b in &templates[i + 1..] {
                assert_ne!(a.id, b.id);
                assert_ne!(a.kind, b.kind);
            }
        }
        assert_eq!(
            builtin_template(WorkflowKind::Email).unwrap().name,
            "Email campaign"
        );
        assert!(builtin_template(WorkflowKind::Custom).is_none());
    }

    #[test]
    fn every_approval_step_of_a_builtin_names_its_approver_by_a_person_field() {
        for template in builtin_templates() {
            for stage in template.stages.iter().filter(|s| s.approval.is_some()) {
                let policy = stage.approval.as_ref().unwrap();
                assert!(
                    !policy.approvers.is_empty(),
                    "{} / {}",
                    template.name,
                    stage.name
                );
                let before: Vec<_> = template
                    .stages
                    .iter()
                    .take_while(|s| s.key != stage.key)
                    .collect();
                for approver in &policy.approvers {
                    let super::super::approval::ApproverRef::Field(field) = approver else {
                        panic!("{}: fixed approver", template.name);
                    };
                    // The approver must be filled by the time the item is submitted in this stage.
                    let required_earlier = before
                        .iter()
                        .chain([&stage])
                        .any(|s| s.required_fields.contains(field));
                    assert!(
                        required_earlier,
                        "{} / {}: {field} not required before approval",
                        template.name, stage.name
                    );
                }
            }
        }
    }

    #[test]
    fn a_copy_can_be_changed_and_is_validated_again() {
        let content = builtin_template(WorkflowKind::Content).unwrap();
        let mut ours = content.copy_as("Our blog");
        assert_eq!(validate(&ours), Ok(()));
        ours.stages.retain(|s| s.name != "Revisions");
        let errors = validate(&ours).unwrap_err();
        assert!(errors
            .iter()
            .any(|e| e.to_string()
                == "Stage \"review\" leads to \"revisions\", which does not exist"));
    }
}
