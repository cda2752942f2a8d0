//! Paid campaign launch: Brief & audience → Creative production → Build & QA → Approval →
//! Launch & monitoring.

use super::super::approval::ApprovalPolicy;
use super::super::definition::{
    EscalationRule, Stage, Transitions, WorkflowDefinition, WorkflowKind,
};
use super::super::fields::FieldType;
use super::{business, calendar, choice, field, keys, lines, optional, raci, workflow};

/// Paid media: the live build is approved while still paused, then launched and watched.
pub(super) fn paid_campaign_launch() -> WorkflowDefinition {
    let objectives = choice(&["Awareness", "Traffic", "Leads", "Conversions", "Sales"]);
    let fields = vec![
        field(
            "objective",
            "Objective",
            objectives,
            "What the campaign is optimised for",
        ),
        field(
            "audience_segment",
            "Audience segment",
            FieldType::Segment,
            "Who the ads target",
        ),
        field(
            "budget",
            "Budget",
            FieldType::Money,
            "Total budget for the flight",
        ),
        field(
            "kpis",
            "KPIs",
            FieldType::LongText,
            "Targets the campaign is judged against, e.g. CPA 40 EUR",
        ),
        field(
            "landing_page_url",
            "Landing page URL",
            FieldType::Url,
            "Where the ads send people",
        ),
        field(
            "start_date",
            "Start date",
            FieldType::DateTime,
            "First day of the flight",
        ),
        field(
            "end_date",
            "End date",
            FieldType::DateTime,
            "Last day of the flight",
        ),
        field(
            "creative_url",
            "Creative assets link",
            FieldType::Url,
            "Folder with the final ads",
        ),
        field(
            "ad_copy",
            "Ad copy",
            FieldType::LongText,
            "Headlines, descriptions and calls to action",
        ),
        field(
            "approver",
            "Approver",
            FieldType::Person,
            "Signs off the live build",
        ),
        field(
            "first_day_check",
            "First-day check time",
            FieldType::DateTime,
            "When results are first checked",
        ),
        field(
            "pause_ctr_below",
            "Pause if CTR below (%)",
            FieldType::Number,
            "Pause threshold for click-through rate",
        ),
        field(
            "pause_cpa_above",
            "Pause if CPA above",
            FieldType::Money,
            "Pause threshold for cost per acquisition",
        ),
    ];
    let stages = vec![
        Stage {
            raci: raci(&["Performance marketing"], &["Marketing lead"], &["Sales", "Analytics"], &[]),
            required_fields: keys(&[
                "objective",
                "audience_segment",
                "budget",
                "kpis",
                "landing_page_url",
                "start_date",
                "end_date",
            ]),
            sla: business(24),
            ..Stage::new("brief-audience", "Brief & audience", "Set objective, audience, budget, KPIs, landing page and dates.")
        },
        Stage {
            raci: raci(&["Design", "Copywriting"], &["Creative lead"], &["Performance marketing"], &[]),
            required_fields: keys(&["creative_url", "ad_copy"]),
            checklist: {
                let mut list = lines(&[("sized", "Sized for every placement"), ("brand", "Brand guidelines followed")]);
                list.push(optional("variants", "A/B variants prepared"));
                list
            },
            sla: business(40),
            wip_limit: Some(4),
            ..Stage::new("creative-production", "Creative production", "Produce the ads and their copy.")
        },
        Stage {
            raci: raci(&["Performance marketing"], &["Marketing ops"], &["Analytics"], &[]),
            required_fields: keys(&["approver", "first_day_check", "pause_ctr_below", "pause_cpa_above"]),
            checklist: lines(&[
                ("pixels", "Tracking pixels firing"),
                ("utm", "UTM parameters correct"),
                ("landing-page", "Landing page loads and converts"),
                ("targeting", "Audience targeting correct"),
                ("budget", "Budget set correctly"),
                ("paused", "Campaign paused pending approval"),
            ]),
            sla: business(16),
            wip_limit: Some(3),
            ..Stage::new(
                "build-qa",
                "Build & QA",
                "Build the campaign in the ad platform, paused, set the monitoring plan and check everything.",
            )
        },
        Stage {
            raci: raci(&["Marketing lead"], &["Marketing lead"], &["Finance"], &["Performance marketing"]),
            approval: Some(ApprovalPolicy::single_from_field("approver")),
            sla: calendar(24),
            escalation: Some(EscalationRule::default()),
            transitions: Transitions { next: None, on_changes_requested: Some("build-qa".into()) },
            ..Stage::new("approval", "Approval", "The approver signs off the live build, still paused, before any spend.")
        },
        Stage {
            raci: raci(&["Performance marketing"], &["Marketing lead"], &["Analytics"], &["Sales"]),
            checklist: lines(&[
                ("unpaused", "Campaign unpaused"),
                ("first-day-check", "First-day check done"),
                ("thresholds", "Pause thresholds watched (CTR, CPA)"),
            ]),
            ..Stage::new(
                "launch-monitoring",
                "Launch & monitoring",
                "Unpause, check at the first-day check time, and pause if CTR drops below or CPA rises above the thresholds.",
            )
        },
    ];
    workflow(
        "paid-campaign-launch",
        "Paid campaign launch",
        WorkflowKind::Paid,
        fields,
        stages,
    )
}
