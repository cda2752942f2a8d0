//! The approval inbox: what waits on one person, most urgent first.
//!
//! An item appears at most once, for the strongest reason it waits on the person:
//! an escalation that landed on them, an approval only they can give now, changes
//! requested on their work, work at a stage where they are the one it waits on, or — for
//! its owner — work trending late (judged by the metrics' forecast, passed in as data).

use super::approval::approval_progress_among;
use super::definition::WorkflowDefinition;
use super::ids::{ItemId, PersonId};
use super::item::Item;
use super::people::{People, Person};
use super::sla::{sla_due_at, sla_status, SlaStatus};
use super::timers::waiting_on;
use super::working_hours::WorkingHours;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Why an item is in someone's inbox, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InboxReason {
    /// The item was escalated to them (or a team they are in).
    Escalated,
    /// They are an approver the item waits on now.
    Approval,
    /// Changes were requested on an item they own or work on.
    ChangesRequested,
    /// The item is at a stage where it waits on them to do the work.
    Responsible,
    /// They own it, and it is unlikely to be done by its date.
    TrendingLate,
}

/// The latest "changes requested" of an item: who asked, when, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    /// The approver who asked for changes.
    pub by: PersonId,
    /// When.
    pub at: DateTime<Utc>,
    /// What should change.
    pub text: String,
}

/// One item with what the inbox needs to judge it.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The item.
    pub item: &'a Item,
    /// The workflow version it follows.
    pub definition: &'a WorkflowDefinition,
    /// Its latest "changes requested", if any.
    pub feedback: Option<&'a Feedback>,
    /// Why it is trending late, when it is (see `metrics::forecast::item_outlooks`).
    pub late: Option<&'a str>,
}

/// One row of a person's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxEntry {
    /// The item.
    pub item: ItemId,
    /// Why it is here.
    pub reason: InboxReason,
    /// The item's SLA in its stage now.
    pub sla: SlaStatus,
    /// The deadline that orders the inbox: the escalation moment for escalations (already
    /// past), else the stage SLA, else the item's due date.
    pub deadline: Option<DateTime<Utc>>,
}

/// Why `item` waits on `person`, if it does.
pub fn reason_for(
    person: &Person,
    candidate: Candidate<'_>,
    people: &People,
) -> Option<InboxReason> {
    let Candidate {
        item,
        definition: def,
        feedback,
        late,
    } = candidate;
    if item.is_archived() {
        return None;
    }
    let stage = def.stage(&item.stage)?;
    if item
        .escalation
        .as_ref()
        .is_some_and(|e| e.to.iter().any(|party| party.includes(person)))
    {
        return Some(InboxReason::Escalated);
    }
    let is_last = def.stages.last().is_some_and(|s| s.key == stage.key);
    if item.is_submitted() {
        let awaited = stage.approval.as_ref().is_some_and(|policy| {
            approval_progress_among(policy, item, people)
                .waiting_on
                .contains(&person.id)
        });
        if awaited {
            return Some(InboxReason::Approval);
        }
    } else {
        let theirs = item.owner == Some(person.id) || item.assignees.contains(&person.id);
        if theirs && feedback.is_some_and(|f| f.at >= item.entered_stage_at) {
            return Some(InboxReason::ChangesRequested);
        }
        if !is_last && waiting_on(stage, item, people).contains(&person.id) {
            return Some(InboxReason::Responsible);
        }
    }
    (!is_last && late.is_some() && item.owner == Some(person.id))
        .then_some(InboxReason::TrendingLate)
}

/// Everything waiting on `person`, most urgent first: earliest deadline first (so breached
/// SLAs and escalations lead), then items without a deadline by priority and by how long
/// they have waited.
pub fn inbox_for(
    person: &Person,
    candidates: &[Candidate<'_>],
    people: &People,
    now: DateTime<Utc>,
    hours: &WorkingHours,
) -> Vec<InboxEntry> {
    let mut rows: Vec<(InboxEntry, &Item)> = candidates
        .iter()
        .filter_map(|c| {
            let reason = reason_for(person, *c, people)?;
            let stage = c.definition.stage(&c.item.stage)?;
            let deadline = match (&c.item.escalation, reason) {
                (Some(e), InboxReason::Escalated) => Some(e.at),
                _ => sla_due_at(stage, c.item, hours).or(c.item.due),
            };
            let entry = InboxEntry {
                item: c.item.id,
                reason,
                sla: sla_status(stage, c.item, now, hours),
                deadline,
            };
            Some((entry, c.item))
        })
        .collect();
    rows.sort_by(|(a, ai), (b, bi)| {
        let by_deadline = match (a.deadline, b.deadline) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        by_deadline
            .then(bi.priority.cmp(&ai.priority))
            .then(ai.entered_stage_at.cmp(&bi.entered_stage_at))
            .then(a.reason.cmp(&b.reason))
            .then(ai.id.cmp(&bi.id))
    });
    rows.into_iter().map(|(entry, _)| entry).collect()
}

#[cfg(test)]
mod tests {
    use super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef, Decision, Verdict};
    use super::super::definition::Sla;
    use super::super::ids::ItemId;
    use super::super::item::{EscalationState, Priority};
    use super::super::people::Party;
    use super::super::testkit::{flow, people, sample_item, t0, DANA, LEE, MAX, SAM};
    use super::*;
    use chrono::TimeDelta;

    fn person(id: PersonId) -> Person {
        people().get(id).unwrap().clone()
    }

    fn in_review(id: i64) -> Item {
        let mut item = sample_item();
        item.id = ItemId(id);
        item.stage = "review".into();
        item.entered_stage_at = t0();
        item.owner = Some(SAM);
        item
    }

    fn candidates<'a>(items: &'a [Item], def: &'a WorkflowDefinition) -> Vec<Candidate<'a>> {
        items
            .iter()
            .map(|item| Candidate {
                item,
                definition: def,
                feedback: None,
                late: None,
            })
            .collect()
    }

    #[test]
    fn a_submitted_item_waits_on_each_undecided_approver_of_a_parallel_policy() {
        let def = flow(); // review: 2 of Dana, Lee, Max
        let mut item = in_review(1);
        item.submitted_at = Some(t0());
        let c = Candidate {
            item: &item,
            definition: &def,
            feedback: None,
            late: None,
        };
        let people = people();
        for who in [DANA, LEE, MAX] {
            assert_eq!(
                reason_for(&person(who), c, &people),
                Some(InboxReason::Approval)
            );
        }
        assert_eq!(
            reason_for(&person(SAM), c, &people),
            None,
            "the owner waits too"
        );
        let mut item = item.clone();
        item.approvals.insert(
            DANA,
            Decision {
                verdict: Verdict::Approved,
                at: t0(),
            },
        );
        let c = Candidate {
            item: &item,
            definition: &def,
            feedback: None,
            late: None,
        };
        assert_eq!(
            reason_for(&person(DANA), c, &people),
            None,
            "Dana has decided"
        );
        assert_eq!(
            reason_for(&person(LEE), c, &people),
            Some(InboxReason::Approval)
        );
    }

    #[test]
    fn a_sequential_approval_is_only_in_the_inbox_of_the_person_whose_turn_it_is() {
        let mut def = flow();
        def.stages[1].approval = Some(ApprovalPolicy {
            rule: ApprovalRule::Sequential,
            approvers: vec![ApproverRef::Person(LEE), ApproverRef::Person(DANA)],
        });
        let mut item = in_review(1);
        item.submitted_at = Some(t0());
        let people = people();
        let reason = |item: &Item, who| {
            reason_for(
                &person(who),
                Candidate {
                    item,
                    definition: &def,
                    feedback: None,
                    late: None,
                },
                &people,
            )
        };
        assert_eq!(reason(&item, LEE), Some(InboxReason::Approval));
        assert_eq!(reason(&item, DANA), None);
        item.approvals.insert(
            LEE,
            Decision {
                verdict: Verdict::Approved,
                at: t0(),
            },
        );
        assert_eq!(reason(&item, LEE), None);
        assert_eq!(reason(&item, DANA), Some(InboxReason::Approval));
    }

    #[test]
    fn feedback_reaches_the_owner_until_the_item_moves_on() {
        let def = flow();
        let mut item = in_review(1);
        item.stage = "revisions".into();
        let feedback = Feedback {
            by: DANA,
            at: t0(),
            text: "Shorter intro".into(),
        };
        let people = people();
        let c = Candidate {
            item: &item,
            definition: &def,
            feedback: Some(&feedback),
            late: None,
        };
        assert_eq!(
            reason_for(&person(SAM), c, &people),
            Some(InboxReason::ChangesRequested)
        );
        let mut item = item.clone();
        item.entered_stage_at = t0() + TimeDelta::hours(2);
        let c = Candidate { item: &item, ..c };
        assert_ne!(
            reason_for(&person(SAM), c, &people),
            Some(InboxReason::ChangesRequested),
            "once it moved on, the feedback was acted on"
        );
    }

    #[test]
    fn an_item_trending_late_waits_on_its_owner_and_only_while_it_is_open() {
        let def = flow();
        let mut item = in_review(1);
        item.submitted_at = Some(t0());
        let why = "In Review for 4 days; 85 % of posts leave Review within 2.";
        let c = Candidate {
            item: &item,
            definition: &def,
            feedback: None,
            late: Some(why),
        };
        let people = people();
        assert_eq!(
            reason_for(&person(SAM), c, &people),
            Some(InboxReason::TrendingLate),
            "the owner hears of it though the item waits on approvers"
        );
        assert_eq!(
            reason_for(&person(DANA), c, &people),
            Some(InboxReason::Approval),
            "an approver sees the stronger reason"
        );
        assert_eq!(
            reason_for(&person(MAX), c, &people),
            Some(InboxReason::Approval)
        );
        assert_eq!(
            reason_for(&person(SAM), Candidate { late: None, ..c }, &people),
            None
        );
        let mut done = item.clone();
        done.stage = def.stages.last().unwrap().key.clone();
        done.submitted_at = None;
        assert_eq!(
            reason_for(&person(SAM), Candidate { item: &done, ..c }, &people),
            None,
            "finished work is not late"
        );
    }

    #[test]
    fn an_escalation_lands_on_members_of_the_target_team() {
        let def = flow();
        let mut item = in_review(1);
        item.escalation = Some(EscalationState {
            to: vec![Party::team("content")],
            at: t0(),
        });
        let c = Candidate {
            item: &item,
            definition: &def,
            feedback: None,
            late: None,
        };
        assert_eq!(
            reason_for(&person(MAX), c, &people()),
            Some(InboxReason::Escalated)
        );
    }

    #[test]
    fn breached_and_escalated_items_come_first_then_by_deadline_then_priority() {
        let mut def = flow();
        def.stages[1].sla = Some(Sla {
            hours: 48,
            business_hours: false,
        });
        let mut items: Vec<Item> = (1..=4).map(in_review).collect();
        for item in &mut items {
            item.submitted_at = Some(t0());
        }
        items[0].entered_stage_at = t0() + TimeDelta::hours(10); // due later
        items[1].entered_stage_at = t0(); // due first
        items[2].stage = "brief".into(); // no SLA, waits on its owner... not Dana
        items[2].submitted_at = None;
        items[3].escalation = Some(EscalationState {
            to: vec![Party::Person(DANA)],
            at: t0() - TimeDelta::hours(1),
        });
        items[3].priority = Priority::Low;
        let now = t0() + TimeDelta::hours(50);
        let rows = inbox_for(
            &person(DANA),
            &candidates(&items, &def),
            &people(),
            now,
            &WorkingHours::default(),
        );
        let order: Vec<(i64, InboxReason)> = rows.iter().map(|r| (r.item.0, r.reason)).collect();
        assert_eq!(
            order,
            vec![
                (4, InboxReason::Escalated),
                (2, InboxReason::Approval),
                (1, InboxReason::Approval)
            ]
        );
        assert!(matches!(rows[1].sla, SlaStatus::Breached { .. }));
        assert!(matches!(rows[2].sla, SlaStatus::DueSoon { .. }));
    }
}
