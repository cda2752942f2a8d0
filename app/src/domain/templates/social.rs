//! Social publishing: Content calendar → Creation → Approval → Scheduled → Monitoring.

use super::super::approval::ApprovalPolicy;
use super::super::definition::{
    EscalationRule, Stage, Transitions, WorkflowDefinition, WorkflowKind,
};
use super::super::fields::FieldType;
use super::{calendar, choice, field, keys, lines, optional, raci, workflow};

/// Social posts: each brand account has its own approver, who signs off within a day.
pub(super) fn social_publishing() -> WorkflowDefinition {
    let platforms = choice(&["LinkedIn", "Instagram", "X", "Facebook", "TikTok"]);
    let formats = choice(&["Text post", "Image", "Carousel", "Video", "Story / Reel"]);
    let fields = vec![
        field("topic", "Topic", FieldType::Text, ""),
        field("platform", "Platform", platforms, ""),
        field("format", "Format", formats, ""),
        field("draft_copy", "Draft copy", FieldType::LongText, ""),
        field(
            "asset_url",
            "Asset",
            FieldType::Url,
            "Link to the image or video",
        ),
        field(
            "brand_account",
            "Brand account",
            FieldType::Text,
            "The handle it goes out from, e.g. @acme",
        ),
        field(
            "brand_account_approver",
            "Brand account approver",
            FieldType::Person,
            "Who signs off posts for this brand account",
        ),
        field(
            "post_url",
            "Live post link",
            FieldType::Url,
            "The published post",
        ),
    ];
    let stages = vec![
        Stage {
            raci: raci(&["Social"], &["Social lead"], &["Content", "Design"], &[]),
            required_fields: keys(&["topic", "platform", "format", "draft_copy", "asset_url"]),
            ..Stage::new(
                "content-calendar",
                "Content calendar",
                "Plan the post: topic, platform, format, draft copy and asset.",
            )
        },
        Stage {
            raci: raci(&["Social", "Design"], &["Social lead"], &[], &[]),
            required_fields: keys(&["brand_account", "brand_account_approver"]),
            checklist: {
                let mut list = lines(&[
                    ("copy-final", "Copy final and within the platform's limits"),
                    ("asset-sized", "Asset sized for the platform"),
                    ("alt-text", "Alt text or captions added"),
                ]);
                list.push(optional("hashtags", "Hashtags and mentions checked"));
                list
            },
            wip_limit: Some(6),
            ..Stage::new(
                "creation",
                "Creation",
                "Finish copy and asset for the brand account it goes out from.",
            )
        },
        Stage {
            raci: raci(
                &["Brand account approver"],
                &["Social lead"],
                &["Brand"],
                &["Social"],
            ),
            approval: Some(ApprovalPolicy::single_from_field("brand_account_approver")),
            sla: calendar(24),
            escalation: Some(EscalationRule::default()),
            transitions: Transitions {
                next: None,
                on_changes_requested: Some("creation".into()),
            },
            ..Stage::new(
                "approval",
                "Approval",
                "The brand account's approver signs off copy and asset.",
            )
        },
        Stage {
            raci: raci(&["Social"], &["Social lead"], &[], &[]),
            requires_schedule: true,
            checklist: lines(&[("queued", "Queued in the publishing tool")]),
            ..Stage::new(
                "scheduled",
                "Scheduled",
                "Queued to go out at the scheduled time.",
            )
        },
        Stage {
            raci: raci(&["Social"], &["Social lead"], &["Community"], &["Content"]),
            sla: calendar(48),
            checklist: lines(&[
                ("replies", "Replies and mentions handled"),
                ("results", "Results noted"),
            ]),
            ..Stage::new(
                "monitoring",
                "Monitoring",
                "Watch replies and performance for 48 hours after posting.",
            )
        },
    ];
    workflow(
        "social-publishing",
        "Social publishing",
        WorkflowKind::Social,
        fields,
        stages,
    )
}
