//! Content production: Brief → Draft → Review → Revisions → SEO & technical → Scheduled.

use super::super::approval::ApprovalPolicy;
use super::super::definition::{
    EscalationRule, Stage, Transitions, WorkflowDefinition, WorkflowKind,
};
use super::super::fields::FieldType;
use super::{business, calendar, field, keys, lines, optional, raci, workflow};

/// Blog posts and articles: one reviewer, one revision round, SEO checks, then scheduled.
pub(super) fn content_production() -> WorkflowDefinition {
    let fields = vec![
        field(
            "topic",
            "Topic",
            FieldType::Text,
            "What the piece is about, in a line",
        ),
        field(
            "audience",
            "Audience",
            FieldType::Segment,
            "Who it is written for",
        ),
        field(
            "brief",
            "Brief",
            FieldType::LongText,
            "Goal, angle, key messages and call to action",
        ),
        field(
            "reviewer",
            "Reviewer",
            FieldType::Person,
            "Approves the draft in Review",
        ),
        field(
            "draft_url",
            "Draft link",
            FieldType::Url,
            "Where the draft lives",
        ),
        field(
            "target_keyword",
            "Target keyword",
            FieldType::Text,
            "The search phrase the page should rank for",
        ),
        field(
            "meta_title",
            "Meta title",
            FieldType::Text,
            "Title shown in search results",
        ),
        field(
            "meta_description",
            "Meta description",
            FieldType::LongText,
            "Summary shown in search results",
        ),
    ];
    let stages = vec![
        Stage {
            raci: raci(&["Content"], &["Content lead"], &["SEO"], &["Requester"]),
            required_fields: keys(&["topic", "audience", "brief", "reviewer"]),
            checklist: lines(&[("goal-agreed", "Goal and audience agreed with the requester")]),
            sla: business(24),
            ..Stage::new("brief", "Brief", "Agree the topic, audience, angle and call to action, and name the reviewer.")
        },
        Stage {
            raci: raci(&["Content"], &["Content lead"], &["Subject-matter experts", "Design"], &[]),
            required_fields: keys(&["draft_url"]),
            checklist: {
                let mut list = lines(&[("follows-brief", "Draft follows the brief")]);
                list.push(optional("sources-cited", "Sources and data cited"));
                list
            },
            sla: business(40),
            wip_limit: Some(5),
            ..Stage::new("draft", "Draft", "Write the first full draft against the brief.")
        },
        Stage {
            raci: raci(&["Editor"], &["Content lead"], &["Brand"], &["Content"]),
            approval: Some(ApprovalPolicy::single_from_field("reviewer")),
            sla: calendar(48),
            escalation: Some(EscalationRule::default()),
            wip_limit: Some(5),
            transitions: Transitions { next: Some("seo-technical".into()), on_changes_requested: Some("revisions".into()) },
            ..Stage::new(
                "review",
                "Review",
                "The reviewer checks accuracy, tone and fit with the brief, then approves or requests changes.",
            )
        },
        Stage {
            raci: raci(&["Content"], &["Content lead"], &["Editor"], &[]),
            sla: business(24),
            transitions: Transitions { next: Some("review".into()), on_changes_requested: None },
            ..Stage::new(
                "revisions",
                "Revisions",
                "One round of revisions on the reviewer's feedback; the draft then goes back to Review.",
            )
        },
        Stage {
            raci: raci(&["SEO"], &["Content lead"], &["Web"], &[]),
            required_fields: keys(&["target_keyword", "meta_title", "meta_description"]),
            checklist: lines(&[
                ("metadata", "Metadata set (title, description, canonical)"),
                ("internal-links", "Internal links added"),
                ("alt-text", "Alt text on every image"),
                ("header-structure", "Header structure (one H1, logical H2/H3)"),
            ]),
            sla: business(16),
            ..Stage::new("seo-technical", "SEO & technical", "Optimise for search and check the page is technically sound.")
        },
        Stage {
            raci: raci(&["Content"], &["Content lead"], &[], &["Social", "Sales"]),
            requires_schedule: true,
            ..Stage::new("scheduled", "Scheduled", "Ready and scheduled; it goes live on the publish date.")
        },
    ];
    workflow(
        "content-production",
        "Content production",
        WorkflowKind::Content,
        fields,
        stages,
    )
}
