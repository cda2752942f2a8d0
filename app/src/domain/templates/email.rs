//! Email campaign: Strategy & copy → Design & build → QA → Approval → Send & monitor.

use super::super::approval::ApprovalPolicy;
use super::super::definition::{
    EscalationRule, Stage, Transitions, WorkflowDefinition, WorkflowKind,
};
use super::super::fields::FieldType;
use super::{business, calendar, field, keys, lines, raci, workflow};

/// Email: QA with a seed-list test send, approval of content and send list, and a send log.
pub(super) fn email_campaign() -> WorkflowDefinition {
    let fields = vec![
        field(
            "objective",
            "Objective",
            FieldType::Text,
            "What the email should achieve",
        ),
        field("segment", "Segment", FieldType::Segment, "Who receives it"),
        field("subject_line", "Subject line", FieldType::Text, ""),
        field(
            "preheader",
            "Preheader",
            FieldType::Text,
            "Preview text shown after the subject",
        ),
        field(
            "cta",
            "Call to action",
            FieldType::Text,
            "The one thing readers should do",
        ),
        field(
            "send_time",
            "Send time",
            FieldType::DateTime,
            "When it goes out",
        ),
        field(
            "build_url",
            "Build / preview link",
            FieldType::Url,
            "Preview of the built email",
        ),
        field(
            "seed_list",
            "Seed list",
            FieldType::Text,
            "Addresses that receive the test send",
        ),
        field(
            "approver",
            "Approver",
            FieldType::Person,
            "Signs off content and send list",
        ),
    ];
    let stages = vec![
        Stage {
            raci: raci(
                &["Email marketing"],
                &["Marketing lead"],
                &["Copywriting"],
                &[],
            ),
            required_fields: keys(&[
                "objective",
                "segment",
                "subject_line",
                "preheader",
                "cta",
                "send_time",
            ]),
            sla: business(24),
            ..Stage::new(
                "strategy-copy",
                "Strategy & copy",
                "Decide objective, segment and timing; write subject, preheader, copy and CTA.",
            )
        },
        Stage {
            raci: raci(&["Design", "Email marketing"], &["Email lead"], &[], &[]),
            required_fields: keys(&["build_url"]),
            checklist: lines(&[
                ("template", "Brand template used"),
                ("mobile", "Mobile layout built"),
            ]),
            sla: business(24),
            wip_limit: Some(5),
            ..Stage::new(
                "design-build",
                "Design & build",
                "Design the email and build it in the sending tool.",
            )
        },
        Stage {
            raci: raci(&["Marketing ops"], &["Email lead"], &[], &[]),
            required_fields: keys(&["seed_list", "approver"]),
            checklist: lines(&[
                ("test-send", "Test send to the seed list"),
                ("rendering", "Rendering checked in major clients"),
                ("links", "Links work and carry UTM parameters"),
                ("merge-tags", "Merge tags fill correctly"),
                ("unsubscribe", "Unsubscribe link present"),
                ("plain-text", "Plain-text version ready"),
            ]),
            sla: business(8),
            ..Stage::new(
                "qa",
                "QA",
                "Test send to the seed list and check rendering, links, merge tags and compliance.",
            )
        },
        Stage {
            raci: raci(
                &["Email lead"],
                &["Marketing lead"],
                &["Legal"],
                &["Email marketing"],
            ),
            checklist: lines(&[("send-list", "Send list and suppressions confirmed")]),
            approval: Some(ApprovalPolicy::single_from_field("approver")),
            sla: calendar(24),
            escalation: Some(EscalationRule::default()),
            transitions: Transitions {
                next: None,
                on_changes_requested: Some("design-build".into()),
            },
            ..Stage::new(
                "approval",
                "Approval",
                "The approver signs off the content and the send list.",
            )
        },
        Stage {
            raci: raci(
                &["Email marketing"],
                &["Email lead"],
                &["Analytics"],
                &["Sales"],
            ),
            checklist: lines(&[(
                "results",
                "Opens, clicks and unsubscribes checked after 24 hours",
            )]),
            records_sends: true,
            ..Stage::new(
                "send-monitor",
                "Send & monitor",
                "Send, record each send in the send log, and watch the results.",
            )
        },
    ];
    workflow(
        "email-campaign",
        "Email campaign",
        WorkflowKind::Email,
        fields,
        stages,
    )
}
