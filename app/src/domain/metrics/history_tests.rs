//! Building item histories from engine events.

use super::super::events::{Event, EventKind};
use super::fixtures::{at, day, flow, offset, Story, ACTOR};
use super::history::ItemHistory;
use chrono::TimeDelta;

const H: i64 = 3600;

#[test]
fn visits_follow_the_moves_and_waiting_for_approval_ends_at_the_decision() {
    let story = Story::new(1, at(3, 9))
        .to("draft", at(3, 10))
        .to("review", at(4, 9))
        .submit(at(4, 11))
        .approve_to("published", at(5, 11));
    let h = story.history();
    let stages: Vec<&str> = h.visits.iter().map(|v| v.stage.as_str()).collect();
    assert_eq!(stages, vec!["brief", "draft", "review", "published"]);
    assert_eq!(h.visits[1].duration(at(9, 9)), TimeDelta::hours(23));
    assert_eq!(h.visits[2].approval_wait_secs, 24 * H);
    assert_eq!(h.visits[2].approval_wait(at(9, 9)), TimeDelta::hours(24));
    assert!(h.visits[3].left.is_none());
    assert_eq!(h.started, Some(at(3, 10)));
    assert_eq!(h.finished, Some(at(5, 11)));
    assert_eq!(h.cycle_days(offset()), Some(3));
}

#[test]
fn a_wait_runs_until_all_needed_approvals_are_in_and_restarts_when_they_are_reset() {
    let mut story = Story::new(1, at(3, 9))
        .to("draft", at(3, 10))
        .to("review", at(4, 9))
        .submit(at(4, 10));
    let log = |story: &mut Story, h: u32, kind: EventKind| {
        story.events.push(Event {
            actor: ACTOR,
            at: at(5, h),
            kind,
        })
    };
    let approved = |approved| EventKind::Approved {
        stage: "review".into(),
        approved,
        needed: 2,
    };
    log(&mut story, 9, approved(1));
    log(&mut story, 10, approved(2));
    // Approval complete but the next stage's gate held it; then an edit reset the approvals.
    log(
        &mut story,
        11,
        EventKind::AdvanceHeld {
            to: "published".into(),
            reasons: vec!["Needs a publish date".into()],
        },
    );
    log(
        &mut story,
        12,
        EventKind::ApprovalsReset {
            stage: "review".into(),
            reason: "Edited Topic".into(),
        },
    );
    let h = story.history();
    let review = &h.visits[2];
    assert_eq!(review.approval_wait_secs, 24 * H);
    assert_eq!(review.awaiting_since, Some(at(5, 12)));
    assert_eq!(review.approval_wait(at(5, 15)), TimeDelta::hours(27));
}

#[test]
fn changes_requested_end_the_wait_and_a_reset_afterwards_does_not_restart_it() {
    let mut story = Story::new(1, at(3, 9))
        .to("draft", at(3, 10))
        .to("review", at(4, 9))
        .submit(at(4, 10));
    story.events.push(Event {
        actor: ACTOR,
        at: at(4, 14),
        kind: EventKind::ChangesRequested {
            stage: "review".into(),
            feedback: "Tone".into(),
        },
    });
    story.events.push(Event {
        actor: ACTOR,
        at: at(4, 15),
        kind: EventKind::ApprovalsReset {
            stage: "review".into(),
            reason: "Edited".into(),
        },
    });
    let h = story.history();
    assert_eq!(h.visits[2].approval_wait_secs, 4 * H);
    assert_eq!(h.visits[2].awaiting_since, None);
}

#[test]
fn work_stays_started_after_moving_back_and_is_finished_only_while_in_the_last_stage() {
    let back_to_brief = Story::new(1, at(3, 9))
        .to("draft", at(4, 9))
        .back("brief", at(5, 9))
        .to("draft", at(6, 9))
        .history();
    assert_eq!(back_to_brief.started, Some(at(4, 9)));
    assert!(back_to_brief.in_progress());
    let reopened = Story::new(2, at(3, 9))
        .to("draft", at(3, 10))
        .to("published", at(4, 9))
        .back("review", at(5, 9));
    assert_eq!(reopened.history().finished, None);
    let returned = reopened.to("published", at(8, 9)).history();
    assert_eq!(returned.finished, Some(at(8, 9)));
    assert_eq!(returned.finish_day(offset()), Some(day(8)));
    assert_eq!(returned.cycle_days(offset()), Some(6));
}

#[test]
fn created_past_the_start_stage_starts_at_creation() {
    let mut story = Story::new(1, at(3, 9));
    story.events[0].kind = EventKind::Created {
        stage: "review".into(),
        source: super::super::events::CreationSource::Template,
    };
    let h = story.history();
    assert_eq!(h.started, Some(at(3, 9)));
    assert_eq!(h.visits[0].stage.as_str(), "review");
}

#[test]
fn archiving_before_finishing_drops_the_item_and_restoring_brings_it_back() {
    let dropped = Story::new(1, at(3, 9))
        .to("draft", at(3, 10))
        .archive(at(4, 9));
    let h = dropped.history();
    assert!(h.is_dropped() && !h.in_progress());
    assert!(h.counts_at(at(3, 12), &flow()));
    assert!(!h.counts_at(at(4, 12), &flow()));
    let h = dropped.restore(at(6, 9)).history();
    assert_eq!(h.archived.len(), 1);
    assert!(!h.is_dropped() && h.in_progress());
    assert!(h.counts_at(at(6, 12), &flow()));
    let tidied = Story::new(2, at(3, 9))
        .to("draft", at(3, 10))
        .to("published", at(4, 9))
        .archive(at(5, 9))
        .history();
    assert!(tidied.is_archived() && !tidied.is_dropped());
    assert!(tidied.counts_at(at(6, 9), &flow()));
    assert!(!tidied.counts_at(at(3, 8), &flow()));
}

#[test]
fn a_trail_without_its_created_event_starts_in_the_stage_the_first_move_left() {
    let story = Story::new(1, at(3, 9)).to("draft", at(4, 9));
    let h = ItemHistory::from_events(&story.item, &story.events[1..], &flow());
    assert_eq!(h.visits[0].stage.as_str(), "brief");
    assert_eq!(h.visits[0].entered, at(3, 9));
    assert_eq!(h.visits[1].entered, at(4, 9));
    let empty = ItemHistory::from_events(&story.item, &[], &flow());
    assert_eq!(empty.visits.len(), 1);
    assert_eq!(empty.visits[0].stage, story.item.stage);
}

#[test]
fn an_event_stamped_before_the_previous_one_happens_at_the_same_moment() {
    let story = Story::new(1, at(3, 9))
        .to("draft", at(4, 9))
        .to("review", at(4, 8));
    let h = story.history();
    assert_eq!(h.visits[2].entered, at(4, 9));
    assert_eq!(h.visits[1].duration(at(9, 9)), TimeDelta::zero());
}

#[test]
fn recording_event_by_event_gives_the_same_history_and_it_round_trips_as_json() {
    let story = Story::new(1, at(3, 9))
        .to("draft", at(3, 10))
        .escalate(at(4, 9))
        .to("review", at(4, 10))
        .submit(at(4, 11));
    let mut kept = ItemHistory::new(&story.item);
    for event in &story.events {
        kept.record(event, &flow());
    }
    assert_eq!(kept, story.history());
    assert_eq!(kept.escalations.len(), 1);
    assert_eq!(kept.escalations[0].stage.as_str(), "draft");
    let json = serde_json::to_string(&kept).unwrap();
    assert_eq!(serde_json::from_str::<ItemHistory>(&json).unwrap(), kept);
}

#[test]
fn recompute_applies_another_start_stage() {
    let mut h = Story::new(1, at(3, 9))
        .to("draft", at(3, 10))
        .to("review", at(5, 9))
        .to("published", at(6, 9))
        .history();
    assert_eq!(h.cycle_days(offset()), Some(4));
    h.recompute(&flow().starting_at(&"review".into()));
    assert_eq!(h.started, Some(at(5, 9)));
    assert_eq!(h.cycle_days(offset()), Some(2));
}
