//! The inbox on a real database: who sees what, decisions in place, and bad decisions.

use chrono::Duration;

use super::*;
use crate::domain::notify::NoticeKind;
use crate::domain::{EventKind, StageKey};
use crate::service::testkit::*;

async fn reasons(team: &Team, person: PersonId) -> Vec<(String, InboxReason)> {
    inbox(team.db(), person, t0() + Duration::hours(1))
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|r| (r.title, r.reason))
        .collect()
}

async fn told(team: &Team, person: PersonId) -> Vec<NoticeKind> {
    let list = notifications(team.db(), person, t0()).await.unwrap();
    list.items.into_iter().map(|n| n.kind).collect()
}

fn approve() -> InboxDecision {
    InboxDecision::Approve
}

fn changes(text: &str) -> InboxDecision {
    InboxDecision::RequestChanges {
        feedback: text.into(),
    }
}

#[tokio::test]
async fn a_single_approval_waits_on_any_approver_and_moves_the_item_on_when_given() {
    let team = team_with(ApprovalRule::Single, calendar(24)).await;
    let item = submitted(&team, "Launch blog post", t0()).await;
    for approver in [team.cy, team.di, team.ed] {
        assert_eq!(
            reasons(&team, approver).await,
            vec![("Launch blog post".to_string(), InboxReason::Approval)]
        );
    }
    assert!(told(&team, team.cy)
        .await
        .contains(&NoticeKind::ApprovalAsked));
    let row = &inbox(team.db(), team.di, t0()).await.unwrap().rows[0];
    assert!(row.can_decide);
    assert_eq!(row.approval.as_ref().unwrap().policy, "One approver");

    let approved = decide(team.db(), team.di, item.id, item.version, approve(), t0())
        .await
        .unwrap();
    assert_eq!(
        approved.stage,
        StageKey::new("publish"),
        "moved on by itself"
    );
    for approver in [team.cy, team.di, team.ed] {
        assert!(reasons(&team, approver).await.is_empty());
    }
    assert!(told(&team, team.ann).await.contains(&NoticeKind::Approved));
}

#[tokio::test]
async fn parallel_approval_shows_who_decided_and_needs_everyone_or_n_of_m() {
    // All of three.
    let team = team_with(ApprovalRule::All, calendar(24)).await;
    let item = submitted(&team, "Pricing email", t0()).await;
    let after_cy = decide(team.db(), team.cy, item.id, item.version, approve(), t0())
        .await
        .unwrap();
    assert_eq!(after_cy.stage, StageKey::new("review"));
    let view = inbox(team.db(), team.di, t0()).await.unwrap().rows[0]
        .approval
        .clone()
        .unwrap();
    let states: Vec<(String, ApproverState)> = view
        .approvers
        .iter()
        .map(|a| (a.person.name.clone(), a.state))
        .collect();
    assert_eq!(
        states,
        vec![
            ("Cy".to_string(), ApproverState::Approved),
            ("Di".to_string(), ApproverState::Waiting),
            ("Ed".to_string(), ApproverState::Waiting),
        ]
    );
    assert_eq!((view.approved, view.needed), (1, 3));
    assert!(reasons(&team, team.cy).await.is_empty(), "Cy has decided");
    let after_di = decide(
        team.db(),
        team.di,
        item.id,
        after_cy.version,
        approve(),
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(after_di.stage, StageKey::new("review"));
    let done = decide(
        team.db(),
        team.ed,
        item.id,
        after_di.version,
        approve(),
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(done.stage, StageKey::new("publish"));

    // Two of three: the second approval is enough; the third approver's row goes away.
    let team = team_with(ApprovalRule::AtLeast { count: 2 }, calendar(24)).await;
    let item = submitted(&team, "Partner page", t0()).await;
    assert_eq!(
        inbox(team.db(), team.ed, t0()).await.unwrap().rows[0]
            .approval
            .as_ref()
            .unwrap()
            .policy,
        "2 of 3"
    );
    let one = decide(team.db(), team.ed, item.id, item.version, approve(), t0())
        .await
        .unwrap();
    let two = decide(team.db(), team.cy, item.id, one.version, approve(), t0())
        .await
        .unwrap();
    assert_eq!(two.stage, StageKey::new("publish"));
    assert!(reasons(&team, team.di).await.is_empty());
}

#[tokio::test]
async fn sequential_approval_reaches_each_approver_in_turn() {
    let team = team_with(ApprovalRule::Sequential, calendar(24)).await;
    let item = submitted(&team, "Annual report", t0()).await;
    assert_eq!(reasons(&team, team.cy).await.len(), 1);
    assert!(
        reasons(&team, team.di).await.is_empty(),
        "not Di's turn yet"
    );
    let early = decide(team.db(), team.di, item.id, item.version, approve(), t0()).await;
    assert_eq!(
        early.unwrap_err(),
        AppError::InvalidMove {
            reasons: vec!["Waiting on Cy to decide first".into()]
        }
    );
    let after_cy = decide(team.db(), team.cy, item.id, item.version, approve(), t0())
        .await
        .unwrap();
    assert!(reasons(&team, team.cy).await.is_empty());
    assert_eq!(reasons(&team, team.di).await.len(), 1);
    assert!(told(&team, team.di)
        .await
        .contains(&NoticeKind::ApprovalAsked));
    assert!(
        !told(&team, team.ed)
            .await
            .contains(&NoticeKind::ApprovalAsked),
        "Ed is asked only when it is his turn"
    );
    let after_di = decide(
        team.db(),
        team.di,
        item.id,
        after_cy.version,
        approve(),
        t0(),
    )
    .await
    .unwrap();
    let done = decide(
        team.db(),
        team.ed,
        item.id,
        after_di.version,
        approve(),
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(done.stage, StageKey::new("publish"));
}

#[tokio::test]
async fn requested_changes_reach_the_owner_with_the_feedback_and_a_second_round_goes_to_the_brief()
{
    let team = team_with(ApprovalRule::Single, calendar(24)).await;
    let item = submitted(&team, "Holiday campaign", t0()).await;
    let empty = decide(
        team.db(),
        team.cy,
        item.id,
        item.version,
        changes("  "),
        t0(),
    )
    .await;
    assert_eq!(
        empty.unwrap_err(),
        AppError::InvalidMove {
            reasons: vec!["Say what should change: feedback is required".into()]
        }
    );
    assert_eq!(
        reload(&team, &item).await.version,
        item.version,
        "nothing recorded"
    );

    let returned = decide(
        team.db(),
        team.cy,
        item.id,
        item.version,
        changes("The headline promises too much"),
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(
        returned.stage,
        StageKey::new("review"),
        "back to the start of Review"
    );
    let rows = inbox(team.db(), team.ann, t0()).await.unwrap().rows;
    assert_eq!(rows[0].reason, InboxReason::ChangesRequested);
    assert_eq!(
        rows[0].feedback,
        Some(("Cy".into(), "The headline promises too much".into()))
    );
    assert!(told(&team, team.ann)
        .await
        .contains(&NoticeKind::ChangesRequested));

    // Resubmitted, and changes asked again: the one revision round is used, back to the brief.
    let again = crate::service::items::apply(
        team.db(),
        team.ann,
        item.id,
        returned.version,
        &Operation::Submit,
        t0(),
    )
    .await
    .unwrap()
    .item;
    let brief = decide(
        team.db(),
        team.cy,
        item.id,
        again.version,
        changes("Still off"),
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(brief.stage, StageKey::new("brief"));
    let history = crate::service::items::load(team.db(), item.id)
        .await
        .unwrap()
        .events;
    assert!(history
        .iter()
        .any(|e| matches!(&e.kind, EventKind::SentBackToBrief { feedback, .. } if feedback == "Still off")));
}

#[tokio::test]
async fn stale_foreign_and_repeated_decisions_are_refused_and_record_nothing() {
    let team = team_with(ApprovalRule::All, calendar(24)).await;
    let item = submitted(&team, "Product tour video", t0()).await;
    let after_cy = decide(team.db(), team.cy, item.id, item.version, approve(), t0())
        .await
        .unwrap();

    let stale = decide(team.db(), team.di, item.id, item.version, approve(), t0()).await;
    assert!(matches!(
        stale.unwrap_err(),
        AppError::Conflict { message } if message.contains("changed since you opened it")
    ));
    let twice = decide(
        team.db(),
        team.cy,
        item.id,
        after_cy.version,
        approve(),
        t0(),
    )
    .await;
    assert_eq!(
        twice.unwrap_err(),
        AppError::InvalidMove {
            reasons: vec!["You have already decided on this stage".into()]
        }
    );
    let not_theirs = decide(
        team.db(),
        team.ann,
        item.id,
        after_cy.version,
        approve(),
        t0(),
    )
    .await;
    assert_eq!(
        not_theirs.unwrap_err(),
        AppError::InvalidMove {
            reasons: vec!["Only Cy, Di, Ed can decide on Review".into()]
        }
    );
    assert_eq!(reload(&team, &item).await.version, after_cy.version);
}

#[tokio::test]
async fn an_escalation_lands_in_the_inbox_of_the_accountable_team_first() {
    let team = team_with(ApprovalRule::Single, calendar(8)).await;
    submitted(&team, "Escalated post", t0()).await;
    let late = submitted(&team, "Waiting post", t0() + Duration::hours(2)).await;
    crate::service::sla::tick(team.db(), t0() + Duration::hours(8))
        .await
        .unwrap();
    let bo = inbox(team.db(), team.bo, t0() + Duration::hours(8))
        .await
        .unwrap();
    assert_eq!(bo.rows.len(), 1);
    assert_eq!(bo.rows[0].reason, InboxReason::Escalated);
    assert_eq!(bo.rows[0].escalation.as_deref(), Some("Escalated to Leads"));
    assert!(!bo.rows[0].can_decide, "Bo is not an approver");
    let cy = inbox(team.db(), team.cy, t0() + Duration::hours(8))
        .await
        .unwrap();
    let order: Vec<&str> = cy.rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        order,
        vec!["Escalated post", "Waiting post"],
        "breached first"
    );
    assert!(matches!(
        cy.rows[0].sla,
        crate::domain::SlaStatus::Breached { .. }
    ));
    assert_eq!(cy.rows[1].item, late.id);
    let counts = counts(team.db(), team.bo, t0() + Duration::hours(8))
        .await
        .unwrap();
    assert_eq!(
        counts,
        InboxCounts {
            waiting: 1,
            unread: 1
        }
    );
}

#[tokio::test]
async fn notifications_are_marked_read_only_by_their_owner() {
    let team = team_with(ApprovalRule::All, calendar(24)).await;
    submitted(&team, "Newsletter", t0()).await;
    let cy = notifications(team.db(), team.cy, t0()).await.unwrap();
    assert_eq!(cy.unread, 1);
    let id = cy.items[0].id;
    let mut conn = team.db().write.acquire().await.unwrap();
    assert_eq!(
        db::notifications::mark_read(&mut conn, team.di, Some(id), t0())
            .await
            .unwrap(),
        0,
        "Di cannot mark Cy's notification"
    );
    assert_eq!(
        db::notifications::mark_read(&mut conn, team.cy, None, t0())
            .await
            .unwrap(),
        1
    );
    drop(conn);
    assert_eq!(
        notifications(team.db(), team.cy, t0())
            .await
            .unwrap()
            .unread,
        0
    );
}

#[test]
fn the_working_hours_form_is_checked_in_words() {
    let form = |start: &str, end: &str, days: Vec<u8>| WorkingHoursForm {
        offset_minutes: 60,
        days,
        start: start.into(),
        end: end.into(),
    };
    let ok = parse_hours(&form("08:30", "16:30", vec![5, 1, 2])).unwrap();
    assert_eq!(hours_form(&ok), form("08:30", "16:30", vec![1, 2, 5]));
    let err = |f| parse_hours(&f).unwrap_err().to_string();
    assert_eq!(
        err(form("9am", "17:00", vec![1])),
        "“9am” is not a time of day; write it like 09:00."
    );
    assert_eq!(
        err(form("17:00", "09:00", vec![1])),
        "The working day must end after it starts."
    );
    assert_eq!(
        err(form("09:00", "17:00", vec![])),
        "Pick at least one working day."
    );
    assert_eq!(
        err(form("09:00", "17:00", vec![8])),
        "8 is not a day of the week (1–7)."
    );
}

#[tokio::test]
async fn the_header_count_follows_every_change_though_it_is_remembered_between_pages() {
    let team = team_with(ApprovalRule::Single, calendar(24)).await;
    let waiting = async |person| {
        counts(team.db(), person, t0() + Duration::hours(1))
            .await
            .unwrap()
            .waiting
    };
    assert_eq!(waiting(team.cy).await, 0);
    let first = submitted(&team, "First post", t0()).await;
    assert_eq!(
        waiting(team.cy).await,
        1,
        "a submission reaches the approver"
    );
    assert_eq!(waiting(team.cy).await, 1, "asked again, nothing changed");
    submitted(&team, "Second post", t0()).await;
    assert_eq!(waiting(team.cy).await, 2);
    decide(team.db(), team.di, first.id, first.version, approve(), t0())
        .await
        .unwrap();
    assert_eq!(waiting(team.cy).await, 1, "approved by someone else: gone");
    assert_eq!(waiting(team.bo).await, 0);
}
