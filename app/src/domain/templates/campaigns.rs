//! SEO, lead nurturing and the integrated multi-channel campaign.

use super::super::approval::ApprovalPolicy;
use super::super::definition::{EscalationRule, Stage, WorkflowDefinition, WorkflowKind};
use super::super::fields::FieldType;
use super::super::people::Party;
use super::{business, field, keys, lines, optional, raci, workflow};

/// SEO: research a keyword, optimise the page, then monitor rank and traffic.
pub(super) fn seo() -> WorkflowDefinition {
    let fields = vec![
        field(
            "target_page",
            "Target page",
            FieldType::Url,
            "The page being optimised",
        ),
        field("primary_keyword", "Primary keyword", FieldType::Text, ""),
        field(
            "secondary_keywords",
            "Secondary keywords",
            FieldType::LongText,
            "",
        ),
        field(
            "search_volume",
            "Monthly search volume",
            FieldType::Number,
            "",
        ),
        field(
            "baseline_rank",
            "Current rank",
            FieldType::Number,
            "Position before the work starts",
        ),
    ];
    let stages = vec![
        Stage {
            raci: raci(&["SEO"], &["Content lead"], &["Content"], &[]),
            required_fields: keys(&[
                "target_page",
                "primary_keyword",
                "search_volume",
                "baseline_rank",
            ]),
            sla: business(24),
            ..Stage::new(
                "keyword-research",
                "Keyword research",
                "Pick the keyword and record where the page ranks today.",
            )
        },
        Stage {
            raci: raci(&["SEO", "Content"], &["Content lead"], &["Web"], &[]),
            checklist: {
                let mut list = lines(&[
                    ("title-tag", "Title tag includes the keyword"),
                    ("meta-description", "Meta description written"),
                    ("headers", "Headers structured around the topic"),
                    ("internal-links", "Internal links from related pages"),
                ]);
                list.push(optional("schema", "Structured data added"));
                list
            },
            sla: business(40),
            wip_limit: Some(5),
            ..Stage::new(
                "on-page-optimization",
                "On-page optimization",
                "Optimise the page for the keyword.",
            )
        },
        Stage {
            raci: raci(&["SEO"], &["Content lead"], &[], &["Content"]),
            checklist: lines(&[("reindexed", "Page re-indexed")]),
            ..Stage::new(
                "monitoring",
                "Monitoring",
                "Track rank and organic traffic for the keyword over the following weeks.",
            )
        },
    ];
    workflow("seo", "SEO", WorkflowKind::Seo, fields, stages)
}

/// Lead nurturing: nurture until the score threshold, then hand off to sales within a day.
pub(super) fn lead_nurturing() -> WorkflowDefinition {
    let fields = vec![
        field("segment", "Nurture segment", FieldType::Segment, ""),
        field(
            "score_threshold",
            "Lead score threshold",
            FieldType::Number,
            "Score at which a lead goes to sales",
        ),
        field("nurture_track", "Nurture sequence link", FieldType::Url, ""),
        field(
            "sales_owner",
            "Sales owner",
            FieldType::Person,
            "Who takes the lead over",
        ),
        field(
            "handoff_notes",
            "Hand-off notes",
            FieldType::LongText,
            "Context sales needs",
        ),
    ];
    let stages = vec![
        Stage {
            raci: raci(
                &["Marketing ops"],
                &["Demand generation lead"],
                &["Sales"],
                &[],
            ),
            required_fields: keys(&[
                "segment",
                "score_threshold",
                "nurture_track",
                "sales_owner",
                "handoff_notes",
            ]),
            checklist: lines(&[("scoring-agreed", "Scoring model agreed with sales")]),
            ..Stage::new(
                "score-threshold",
                "Score threshold",
                "Nurture the lead until its score passes the threshold.",
            )
        },
        Stage {
            raci: raci(&["Sales"], &["Sales lead"], &[], &["Marketing ops"]),
            checklist: lines(&[
                (
                    "crm-assigned",
                    "Lead assigned to the sales owner in the CRM",
                ),
                ("notes-shared", "Hand-off notes shared"),
            ]),
            sla: business(24),
            escalation: Some(EscalationRule {
                to: vec![Party::team("Sales lead")],
                after_hours: None,
            }),
            ..Stage::new(
                "hand-off-to-sales",
                "Hand-off to sales",
                "Sales picks the lead up with its context within a working day.",
            )
        },
    ];
    workflow(
        "lead-nurturing",
        "Lead nurturing",
        WorkflowKind::Nurture,
        fields,
        stages,
    )
}

/// Integrated campaign: groups items of several workflows through its campaign id.
/// "Channel production" is left only when every linked item is done (counted by the caller).
pub(super) fn integrated_campaign() -> WorkflowDefinition {
    let fields = vec![
        field("goal", "Campaign goal", FieldType::LongText, ""),
        field(
            "budget",
            "Budget",
            FieldType::Money,
            "Total across channels",
        ),
        field(
            "channels",
            "Channels and items",
            FieldType::LongText,
            "Which channels take part and what each produces",
        ),
        field("launch_date", "Launch date", FieldType::DateTime, ""),
        field(
            "approver",
            "Campaign approver",
            FieldType::Person,
            "Signs off the plan",
        ),
        field(
            "results",
            "Results",
            FieldType::LongText,
            "Against the goal",
        ),
        field("learnings", "Learnings", FieldType::LongText, ""),
    ];
    let stages = vec![
        Stage {
            raci: raci(&["Campaign manager"], &["Marketing lead"], &["Channel owners"], &["Sales"]),
            required_fields: keys(&["goal", "budget", "channels", "launch_date", "approver"]),
            approval: Some(ApprovalPolicy::single_from_field("approver")),
            sla: business(40),
            escalation: Some(EscalationRule::default()),
            ..Stage::new("plan", "Plan", "Goal, budget, channels and timeline, signed off by the campaign approver.")
        },
        Stage {
            raci: raci(&["Channel owners"], &["Campaign manager"], &[], &["Marketing lead"]),
            checklist: lines(&[("items-linked", "Every channel item is linked to this campaign")]),
            gate_linked_items: true,
            ..Stage::new(
                "channel-production",
                "Channel production",
                "Each channel's items run in their own workflows; this moves on when all of them are done.",
            )
        },
        Stage {
            raci: raci(&["Channel owners"], &["Campaign manager"], &["Analytics"], &["Sales", "Leadership"]),
            checklist: lines(&[("all-live", "Every channel live"), ("tracking", "Tracking verified across channels")]),
            ..Stage::new("launch", "Launch", "Go live across channels on the launch date.")
        },
        Stage {
            raci: raci(&["Campaign manager"], &["Marketing lead"], &["Channel owners"], &["Leadership"]),
            ..Stage::new("wrap-up", "Wrap-up", "Record results and learnings against the goal.")
        },
    ];
    workflow(
        "integrated-campaign",
        "Integrated campaign",
        WorkflowKind::IntegratedCampaign,
        fields,
        stages,
    )
}
