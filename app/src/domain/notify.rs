//! In-app notifications: who to tell about a change, and in what words.
//!
//! Derived from what an operation did (its events and the item before and after), so every
//! path that changes an item tells the same people the same things.

use super::approval::approval_progress_among;
use super::definition::WorkflowDefinition;
use super::events::{Event, EventKind};
use super::ids::PersonId;
use super::item::Item;
use super::people::{Party, People};
use serde::{Deserialize, Serialize};

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// Your approval is asked (submitted, or your turn in a sequence).
    ApprovalAsked,
    /// An approver approved your item.
    Approved,
    /// An approver requested changes on your item.
    ChangesRequested,
    /// Someone mentioned you in a comment.
    Mentioned,
    /// 75 % of a stage's SLA is used and the item waits on you.
    Reminder,
    /// An item was escalated to you.
    Escalated,
    /// An automation rule tells you something (its message), or that it paused itself.
    Automation,
    /// An integration stopped working: Baton switched off a webhook endpoint (admins).
    Integration,
}

impl NoticeKind {
    /// The word stored with the notification.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::ApprovalAsked => "approval_asked",
            NoticeKind::Approved => "approved",
            NoticeKind::ChangesRequested => "changes_requested",
            NoticeKind::Mentioned => "mentioned",
            NoticeKind::Reminder => "reminder",
            NoticeKind::Escalated => "escalated",
            NoticeKind::Automation => "automation",
            NoticeKind::Integration => "integration",
        }
    }

    /// Reads the stored word back.
    pub fn parse(text: &str) -> Option<Self> {
        [
            NoticeKind::ApprovalAsked,
            NoticeKind::Approved,
            NoticeKind::ChangesRequested,
            NoticeKind::Mentioned,
            NoticeKind::Reminder,
            NoticeKind::Escalated,
            NoticeKind::Automation,
            NoticeKind::Integration,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// One notification to store for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Who is told.
    pub person: PersonId,
    /// About what.
    pub kind: NoticeKind,
    /// What they read.
    pub message: String,
}

/// Everyone a party stands for.
pub fn members_of(parties: &[Party], people: &People) -> Vec<PersonId> {
    people
        .persons
        .iter()
        .filter(|p| parties.iter().any(|party| party.includes(p)))
        .map(|p| p.id)
        .collect()
}

/// People named in a comment with `@`: by full name, first name or the part of their email
/// before the `@` (case-insensitive), e.g. "@Dana", "@dana whitfield", "@dana.w".
pub fn mentions(text: &str, people: &People) -> Vec<PersonId> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for (at, _) in lower.match_indices('@') {
        let after = &lower[at + 1..];
        let preceded_by_word = lower[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric());
        if preceded_by_word {
            continue; // an email address in the text, not a mention
        }
        let matched = people.persons.iter().find(|p| {
            let name = p.name.to_lowercase();
            let first = name.split_whitespace().next().unwrap_or("").to_string();
            let handle = p.email.split('@').next().unwrap_or("").to_lowercase();
            [name, handle, first]
                .iter()
                .filter(|n| !n.is_empty())
                .any(|n| starts_word(after, n))
        });
        if let Some(person) = matched {
            if !found.contains(&person.id) {
                found.push(person.id);
            }
        }
    }
    found
}

/// Whether `text` starts with `word` followed by a non-word character or the end.
fn starts_word(text: &str, word: &str) -> bool {
    text.starts_with(word)
        && text[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn quoted(title: &str) -> String {
    format!("“{title}”")
}

/// The notifications an applied operation produces: `before` and `after` are the item around
/// the change, `events` what it logged. The person who acted is never told about their own act.
pub fn notices_for(
    def: &WorkflowDefinition,
    before: &Item,
    after: &Item,
    events: &[Event],
    people: &People,
) -> Vec<Notice> {
    let mut out: Vec<Notice> = Vec::new();
    let Some(actor) = events.first().map(|e| e.actor) else {
        return out;
    };
    let who = people.name_of(actor);
    let title = quoted(&after.title);
    let mut team: Vec<PersonId> = after.owner.into_iter().collect();
    for a in &after.assignees {
        if !team.contains(a) {
            team.push(*a);
        }
    }
    let mut tell = |person: PersonId, kind: NoticeKind, message: String| {
        let duplicate = out.iter().any(|n| n.person == person && n.kind == kind);
        if person != actor && !duplicate {
            out.push(Notice {
                person,
                kind,
                message,
            });
        }
    };
    let stage_name = |key| def.stage(key).map_or_else(String::new, |s| s.name.clone());
    for event in events {
        match &event.kind {
            EventKind::Approved {
                stage,
                approved,
                needed,
            } => {
                for p in &team {
                    let message = format!(
                        "{who} approved {title} in {} ({approved} of {needed})",
                        stage_name(stage)
                    );
                    tell(*p, NoticeKind::Approved, message);
                }
            }
            EventKind::ChangesRequested { stage, feedback } => {
                for p in &team {
                    let message = format!(
                        "{who} requested changes on {title} in {}: {feedback}",
                        stage_name(stage)
                    );
                    tell(*p, NoticeKind::ChangesRequested, message);
                }
            }
            EventKind::Commented { text } => {
                for p in mentions(text, people) {
                    tell(
                        p,
                        NoticeKind::Mentioned,
                        format!("{who} mentioned you on {title}: {text}"),
                    );
                }
            }
            EventKind::Escalated { stage, to, reason } => {
                let why = reason
                    .as_deref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default();
                for p in members_of(to, people) {
                    let message =
                        format!("{title} was escalated to you in {}{why}", stage_name(stage));
                    tell(p, NoticeKind::Escalated, message);
                }
            }
            _ => {}
        }
    }
    // Approvals now awaited that were not before: a submission, or the next turn of a sequence.
    let awaited = |item: &Item| -> Vec<PersonId> {
        let stage = def.stage(&item.stage);
        match stage.and_then(|s| s.approval.as_ref()) {
            Some(policy) if item.is_submitted() && !item.is_archived() => {
                approval_progress_among(policy, item, people).waiting_on
            }
            _ => Vec::new(),
        }
    };
    let before_awaited = if before.stage == after.stage {
        awaited(before)
    } else {
        Vec::new()
    };
    let asker = after
        .owner
        .map_or_else(|| who.clone(), |o| people.name_of(o));
    for p in awaited(after) {
        if !before_awaited.contains(&p) {
            let message = format!(
                "{asker} asks for your approval of {title} in {}",
                stage_name(&after.stage)
            );
            tell(p, NoticeKind::ApprovalAsked, message);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
    use super::super::context::Ctx;
    use super::super::operations::{apply, Operation, Outcome};
    use super::super::testkit::{flow, people, sample_item, t0, DANA, LEE, MAX, SAM};
    use super::*;

    fn run(def: &WorkflowDefinition, item: &Item, op: Operation, who: PersonId) -> Outcome {
        let people = people();
        let ctx = Ctx::new(people.get(who).unwrap(), &people, t0());
        apply(def, item, &op, &ctx).expect("operation applies")
    }

    fn submitted_in_review(def: &WorkflowDefinition) -> (Item, Vec<Notice>) {
        let mut item = sample_item();
        item.owner = Some(SAM);
        item.stage = "review".into();
        let out = run(def, &item, Operation::Submit, SAM);
        let notices = notices_for(def, &item, &out.item, &out.events, &people());
        (out.item, notices)
    }

    #[test]
    fn submitting_asks_every_approver_of_a_parallel_policy_and_not_the_submitter() {
        let def = flow();
        let (_, notices) = submitted_in_review(&def);
        let asked: Vec<PersonId> = notices.iter().map(|n| n.person).collect();
        assert_eq!(asked, vec![DANA, LEE, MAX]);
        assert!(notices.iter().all(|n| n.kind == NoticeKind::ApprovalAsked));
        assert!(
            notices[0].message.contains("Sam asks for your approval"),
            "{}",
            notices[0].message
        );
    }

    #[test]
    fn a_sequence_asks_the_next_approver_when_the_previous_one_approves() {
        let mut def = flow();
        def.stages[1].approval = Some(ApprovalPolicy {
            rule: ApprovalRule::Sequential,
            approvers: vec![ApproverRef::Person(LEE), ApproverRef::Person(DANA)],
        });
        let (item, notices) = submitted_in_review(&def);
        assert_eq!(
            notices.iter().map(|n| n.person).collect::<Vec<_>>(),
            vec![LEE]
        );
        let out = run(&def, &item, Operation::Approve, LEE);
        let next = notices_for(&def, &item, &out.item, &out.events, &people());
        let told: Vec<(PersonId, NoticeKind)> = next.iter().map(|n| (n.person, n.kind)).collect();
        assert_eq!(
            told,
            vec![
                (SAM, NoticeKind::Approved),
                (DANA, NoticeKind::ApprovalAsked)
            ]
        );
    }

    #[test]
    fn changes_requested_tells_the_owner_with_the_feedback() {
        let def = flow();
        let (item, _) = submitted_in_review(&def);
        let op = Operation::RequestChanges {
            feedback: "Cut the intro".into(),
        };
        let out = run(&def, &item, op, DANA);
        let notices = notices_for(&def, &item, &out.item, &out.events, &people());
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].person, SAM);
        assert_eq!(notices[0].kind, NoticeKind::ChangesRequested);
        assert!(notices[0].message.ends_with(": Cut the intro"));
    }

    #[test]
    fn mentions_match_names_first_names_and_handles_but_not_emails() {
        let people = people();
        assert_eq!(
            mentions("@dana and @Lee, please look", &people),
            vec![DANA, LEE]
        );
        assert_eq!(mentions("thanks @max.", &people), vec![MAX]);
        assert!(mentions("mail dana@example.com", &people).is_empty());
        assert!(mentions("@danapanda", &people).is_empty());
        assert_eq!(mentions("@dana @DANA", &people), vec![DANA]);
    }

    #[test]
    fn a_comment_tells_the_people_it_mentions_except_its_author() {
        let def = flow();
        let item = sample_item();
        let op = Operation::Comment {
            text: "@Dana can you check? cc @sam".into(),
        };
        let out = run(&def, &item, op, SAM);
        let notices = notices_for(&def, &item, &out.item, &out.events, &people());
        assert_eq!(notices.len(), 1);
        assert_eq!(
            (notices[0].person, notices[0].kind),
            (DANA, NoticeKind::Mentioned)
        );
    }

    #[test]
    fn notice_kinds_round_trip_through_their_stored_words() {
        for kind in [
            NoticeKind::ApprovalAsked,
            NoticeKind::Approved,
            NoticeKind::ChangesRequested,
            NoticeKind::Mentioned,
            NoticeKind::Reminder,
            NoticeKind::Escalated,
        ] {
            assert_eq!(NoticeKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(NoticeKind::parse("nope"), None);
    }
}
