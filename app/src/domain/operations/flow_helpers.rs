//! Helpers shared by the move and approval tests.

use super::super::item::Schedule;
use super::super::testkit::*;
use super::*;

pub(super) fn move_to(stage: &str) -> Operation {
    Operation::MoveTo {
        stage: stage.into(),
        reason: None,
    }
}

pub(super) fn changes(feedback: &str) -> Operation {
    Operation::RequestChanges {
        feedback: feedback.into(),
    }
}

pub(super) fn scheduled(item: &Item) -> Item {
    scheduled_in(&flow(), item)
}

pub(super) fn scheduled_in(def: &WorkflowDefinition, item: &Item) -> Item {
    ok(
        def,
        item,
        Operation::SetSchedule {
            schedule: Some(Schedule {
                at: t0(),
                all_day: false,
            }),
        },
        SAM,
    )
}
