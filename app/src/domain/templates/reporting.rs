//! Campaign reporting: Data collection → Analysis → Distribution → Action log.

use super::super::definition::{Stage, WorkflowDefinition, WorkflowKind};
use super::super::fields::FieldType;
use super::{business, choice, field, keys, lines, raci, workflow};

/// Reporting: collect, analyse against prior period and targets, distribute, log decisions.
pub(super) fn campaign_reporting() -> WorkflowDefinition {
    let formats = choice(&["Slide deck", "Dashboard", "Email summary", "Document"]);
    let fields = vec![
        field(
            "period",
            "Reporting period",
            FieldType::Text,
            "e.g. March 2025",
        ),
        field(
            "data_sources",
            "Data sources",
            FieldType::LongText,
            "Platforms and exports used",
        ),
        field(
            "data_link",
            "Data link",
            FieldType::Url,
            "Where the collected data lives",
        ),
        field(
            "prior_period",
            "Against prior period",
            FieldType::LongText,
            "How results compare with the previous period",
        ),
        field(
            "targets",
            "Against targets",
            FieldType::LongText,
            "How results compare with the targets",
        ),
        field("insights", "Key insights", FieldType::LongText, ""),
        field(
            "recipients",
            "Recipients",
            FieldType::LongText,
            "Who receives the report",
        ),
        field("format", "Format", formats, ""),
        field(
            "distribution_schedule",
            "Schedule",
            FieldType::Text,
            "When it goes out, e.g. first Monday of the month",
        ),
        field(
            "decisions",
            "Decisions",
            FieldType::LongText,
            "Decisions taken, each with an owner and a date",
        ),
    ];
    let stages = vec![
        Stage {
            raci: raci(&["Analytics"], &["Marketing ops"], &["Channel owners"], &[]),
            required_fields: keys(&["period", "data_sources", "data_link"]),
            checklist: lines(&[
                ("full-period", "Data covers the full period"),
                ("gaps-noted", "Tracking gaps noted"),
            ]),
            sla: business(24),
            ..Stage::new(
                "data-collection",
                "Data collection",
                "Pull the numbers for the period from every channel.",
            )
        },
        Stage {
            raci: raci(
                &["Analytics"],
                &["Marketing lead"],
                &["Channel owners"],
                &[],
            ),
            required_fields: keys(&["prior_period", "targets", "insights"]),
            sla: business(24),
            wip_limit: Some(3),
            ..Stage::new(
                "analysis",
                "Analysis",
                "Compare results against the prior period and the targets.",
            )
        },
        Stage {
            raci: raci(&["Analytics"], &["Marketing lead"], &[], &["Leadership"]),
            required_fields: keys(&["recipients", "format", "distribution_schedule"]),
            checklist: lines(&[("sent", "Report sent to every recipient")]),
            ..Stage::new(
                "distribution",
                "Distribution",
                "Send the report to its recipients in the agreed format and schedule.",
            )
        },
        Stage {
            raci: raci(
                &["Marketing lead"],
                &["Marketing lead"],
                &["Channel owners"],
                &["Leadership"],
            ),
            checklist: lines(&[("owners", "Every decision has an owner and a date")]),
            ..Stage::new(
                "action-log",
                "Action log",
                "Record the decisions taken in the Decisions field and who acts on them.",
            )
        },
    ];
    workflow(
        "campaign-reporting",
        "Campaign reporting",
        WorkflowKind::Reporting,
        fields,
        stages,
    )
}
