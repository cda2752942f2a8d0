//! Live updates: "this item changed" notices, handed to every open board.
//!
//! Notices are numbered per workflow, so a board that reconnects can tell from
//! the number it last saw whether it missed any (and then reloads).

use std::collections::HashMap;
use std::sync::Mutex;

use tokio::sync::broadcast;

use crate::domain::{Item, ItemId, PersonId, WorkflowId};
use crate::views::board::BoardNotice;

/// How many notices a slow board may fall behind before it is told to reload.
const BACKLOG: usize = 1024;

/// The hub notices go through.
#[derive(Debug)]
pub struct LiveHub {
    sender: broadcast::Sender<BoardNotice>,
    last: Mutex<HashMap<WorkflowId, u64>>,
    people: broadcast::Sender<PersonId>,
}

impl Default for LiveHub {
    fn default() -> Self {
        LiveHub {
            sender: broadcast::channel(BACKLOG).0,
            last: Mutex::default(),
            people: broadcast::channel(BACKLOG).0,
        }
    }
}

impl LiveHub {
    /// Tells open boards that an item changed (a board with nobody watching ignores it).
    pub fn publish(&self, item: ItemId, workflow: &WorkflowId, version: u32) {
        let seq = {
            let mut last = self
                .last
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let seq = last.entry(workflow.clone()).or_insert(0);
            *seq += 1;
            *seq
        };
        let _ = self.sender.send(BoardNotice {
            item,
            workflow: workflow.clone(),
            version,
            seq,
        });
    }

    /// Tells open boards that this item, as just saved, changed.
    pub fn item_changed(&self, item: &Item) {
        self.publish(item.id, &item.workflow_id, item.version);
    }

    /// The number of the last notice about `workflow` (0 before the first).
    pub fn last_seq(&self, workflow: &WorkflowId) -> u64 {
        let last = self
            .last
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        last.get(workflow).copied().unwrap_or(0)
    }

    /// How many notices there have been about any workflow: what a view of
    /// every workflow (the calendar) compares to tell whether it missed any.
    pub fn total(&self) -> u64 {
        let last = self
            .last
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        last.values().sum()
    }

    /// A receiver of every notice from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<BoardNotice> {
        self.sender.subscribe()
    }

    /// Tells these people's open pages that they have something new (a notification that no
    /// item change announces, such as an SLA reminder).
    pub fn nudge(&self, people: &[PersonId]) {
        for person in people {
            let _ = self.people.send(*person);
        }
    }

    /// A receiver of every nudge from now on (each names the person it is for).
    pub fn subscribe_nudges(&self) -> broadcast::Receiver<PersonId> {
        self.people.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn notices_are_numbered_per_workflow_and_reach_subscribers() {
        let hub = LiveHub::default();
        let mut rx = hub.subscribe();
        let blog = WorkflowId::new("content-production");
        hub.publish(ItemId(1), &blog, 2);
        hub.publish(ItemId(2), &WorkflowId::new("seo"), 1);
        hub.publish(ItemId(1), &blog, 3);
        assert_eq!(hub.last_seq(&blog), 2);
        assert_eq!(hub.last_seq(&WorkflowId::new("email-campaign")), 0);
        assert_eq!(hub.total(), 3);
        let first = rx.recv().await.unwrap();
        assert_eq!((first.item, first.version, first.seq), (ItemId(1), 2, 1));
    }
}
