//! An item's history in the compact form every metric reads: its stage visits with the
//! time spent waiting for approval, when it was archived, escalated and fixed after launch.
//!
//! Built once from the item's events ([`ItemHistory::from_events`]) or kept up to date as
//! events are written ([`ItemHistory::record`]), so metrics never re-read the raw trail.

use super::super::events::{Event, EventKind};
use super::super::ids::{ItemId, StageKey};
use super::super::item::Item;
use super::days::local_day;
pub use super::details::{Deadline, DeadlineKind, ItemDetails};
use super::flow::FlowSettings;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// One stay of an item in a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageVisit {
    /// The stage.
    pub stage: StageKey,
    /// When the item entered it.
    pub entered: DateTime<Utc>,
    /// When it left; `None` while it is still there.
    pub left: Option<DateTime<Utc>>,
    /// Seconds spent waiting for an approval decision, in waits that have ended.
    pub approval_wait_secs: i64,
    /// When the wait for approval now running began.
    pub awaiting_since: Option<DateTime<Utc>>,
    /// Whether the item is submitted for approval in this visit (a wait restarts when
    /// approvals are reset while it is still submitted).
    #[serde(default)]
    pub submitted: bool,
}

impl StageVisit {
    fn new(stage: StageKey, entered: DateTime<Utc>) -> Self {
        Self {
            stage,
            entered,
            left: None,
            approval_wait_secs: 0,
            awaiting_since: None,
            submitted: false,
        }
    }

    /// How long the visit lasted, or has lasted by `now` while still open.
    pub fn duration(&self, now: DateTime<Utc>) -> TimeDelta {
        (self.left.unwrap_or(now) - self.entered).max(TimeDelta::zero())
    }

    /// Time spent waiting for approval in the visit (by `now` while it is open).
    pub fn approval_wait(&self, now: DateTime<Utc>) -> TimeDelta {
        let running = self.awaiting_since.map_or(TimeDelta::zero(), |since| {
            (self.left.unwrap_or(now) - since).max(TimeDelta::zero())
        });
        TimeDelta::seconds(self.approval_wait_secs) + running
    }

    fn end_wait(&mut self, at: DateTime<Utc>) {
        if let Some(since) = self.awaiting_since.take() {
            self.approval_wait_secs += (at - since).num_seconds().max(0);
        }
    }
}

/// A time an item spent in the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveSpan {
    /// When it was archived.
    pub from: DateTime<Utc>,
    /// When it was restored; `None` while it is still archived.
    pub to: Option<DateTime<Utc>>,
}

impl ArchiveSpan {
    /// Whether the item was in the archive at `at`.
    pub fn covers(&self, at: DateTime<Utc>) -> bool {
        self.from <= at && self.to.is_none_or(|to| at < to)
    }
}

/// An escalation raised while the item was in a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationMark {
    /// The stage.
    pub stage: StageKey,
    /// When.
    pub at: DateTime<Utc>,
}

/// A fix needed after an item went out, recorded by the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostLaunchFix {
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// What went wrong.
    pub what: String,
    /// The stage that should have caught it, if the team said.
    pub should_have_caught: Option<StageKey>,
}

/// Everything the metrics need to know about one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemHistory {
    /// The item.
    pub item: ItemId,
    /// Its attributes now.
    pub details: ItemDetails,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// Its stage visits, oldest first; the last one is open unless the history is empty.
    pub visits: Vec<StageVisit>,
    /// Its times in the archive, oldest first.
    pub archived: Vec<ArchiveSpan>,
    /// Escalations raised, oldest first.
    pub escalations: Vec<EscalationMark>,
    /// Post-launch fixes recorded (set by the caller; they are not item events).
    pub fixes: Vec<PostLaunchFix>,
    /// When work started: the first entry into the start stage or a later one.
    pub started: Option<DateTime<Utc>>,
    /// When it entered the last stage, while it is still there.
    pub finished: Option<DateTime<Utc>>,
}

impl ItemHistory {
    /// An empty history for an item, to [`record`](Self::record) its events into.
    pub fn new(item: &Item) -> Self {
        Self {
            item: item.id,
            details: ItemDetails::of(item),
            created: item.created_at,
            visits: Vec::new(),
            archived: Vec::new(),
            escalations: Vec::new(),
            fixes: Vec::new(),
            started: None,
            finished: None,
        }
    }

    /// The history of an item from all its events in the order they were stored. A trail
    /// without a `Created` event starts in the stage the first move left (or the item's
    /// stage now) at the item's creation time.
    pub fn from_events<'a>(
        item: &Item,
        events: impl IntoIterator<Item = &'a Event>,
        flow: &FlowSettings,
    ) -> Self {
        let mut history = Self::new(item);
        for event in events {
            history.record(event, flow);
        }
        if history.visits.is_empty() {
            history.enter(item.stage.clone(), item.created_at, flow);
        }
        history
    }

    /// Adds the next event of the item. Events must come in the order they were stored;
    /// one timed before the previous one is taken to happen at the same moment.
    pub fn record(&mut self, event: &Event, flow: &FlowSettings) {
        let at = self
            .latest()
            .map_or(event.at, |latest| event.at.max(latest));
        if let Some(to) = event.kind.moved_to() {
            if self.visits.is_empty() {
                let from = moved_from(&event.kind)
                    .cloned()
                    .unwrap_or_else(|| to.clone());
                self.enter(from, self.created.min(at), flow);
            }
            self.enter(to.clone(), at, flow);
            return;
        }
        match &event.kind {
            EventKind::Created { stage, .. } if self.visits.is_empty() => {
                self.created = at;
                self.enter(stage.clone(), at, flow);
            }
            EventKind::SubmittedForApproval { .. } => {
                if let Some(visit) = self.open_visit() {
                    visit.submitted = true;
                    visit.awaiting_since.get_or_insert(at);
                }
            }
            EventKind::Approved {
                approved, needed, ..
            } if approved >= needed => {
                if let Some(visit) = self.open_visit() {
                    visit.end_wait(at);
                }
            }
            EventKind::ChangesRequested { .. } => {
                if let Some(visit) = self.open_visit() {
                    visit.end_wait(at);
                    visit.submitted = false;
                }
            }
            EventKind::ApprovalsReset { .. } => {
                if let Some(visit) = self.open_visit().filter(|v| v.submitted) {
                    visit.awaiting_since.get_or_insert(at);
                }
            }
            EventKind::Escalated { stage, .. } => self.escalations.push(EscalationMark {
                stage: stage.clone(),
                at,
            }),
            EventKind::Archived if !self.is_archived() => {
                self.archived.push(ArchiveSpan { from: at, to: None });
            }
            EventKind::Restored => {
                if let Some(span) = self.archived.last_mut().filter(|s| s.to.is_none()) {
                    span.to = Some(at);
                }
            }
            _ => {}
        }
    }

    /// Refreshes the attributes after the item changed.
    pub fn set_details(&mut self, item: &Item) {
        self.details = ItemDetails::of(item);
    }

    /// Recomputes started and finished for new settings (e.g. another start stage).
    pub fn recompute(&mut self, flow: &FlowSettings) {
        self.started = self
            .visits
            .iter()
            .find(|v| flow.starts_work(&v.stage))
            .map(|v| v.entered);
        self.finished = self
            .visits
            .last()
            .filter(|v| flow.is_last(&v.stage))
            .map(|v| v.entered);
    }

    fn enter(&mut self, stage: StageKey, at: DateTime<Utc>, flow: &FlowSettings) {
        if let Some(visit) = self.open_visit() {
            visit.end_wait(at);
            visit.left = Some(at);
        }
        if self.started.is_none() && flow.starts_work(&stage) {
            self.started = Some(at);
        }
        self.finished = flow.is_last(&stage).then_some(at);
        self.visits.push(StageVisit::new(stage, at));
    }

    fn open_visit(&mut self) -> Option<&mut StageVisit> {
        self.visits.last_mut().filter(|v| v.left.is_none())
    }

    fn latest(&self) -> Option<DateTime<Utc>> {
        let visit = self.visits.last().map(|v| v.left.unwrap_or(v.entered));
        let span = self.archived.last().map(|s| s.to.unwrap_or(s.from));
        let escalation = self.escalations.last().map(|e| e.at);
        [visit, span, escalation].into_iter().flatten().max()
    }

    /// The stage visit it is in now.
    pub fn current(&self) -> Option<&StageVisit> {
        self.visits.last()
    }

    /// Whether it is in the archive now.
    pub fn is_archived(&self) -> bool {
        self.archived.last().is_some_and(|s| s.to.is_none())
    }

    /// Whether it was dropped: archived now without having finished. Dropped items are left
    /// out of every metric.
    pub fn is_dropped(&self) -> bool {
        self.is_archived() && self.finished.is_none()
    }

    /// Whether it counts at `at`: created by then and not in the archive unless finished.
    pub fn counts_at(&self, at: DateTime<Utc>, flow: &FlowSettings) -> bool {
        let Some(visit) = self.visit_at(at) else {
            return false;
        };
        flow.is_last(&visit.stage) || !self.archived.iter().any(|s| s.covers(at))
    }

    /// The visit it was in at `at`.
    pub fn visit_at(&self, at: DateTime<Utc>) -> Option<&StageVisit> {
        let after = self.visits.partition_point(|v| v.entered <= at);
        after.checked_sub(1).map(|i| &self.visits[i])
    }

    /// Whether it is work in progress now: started, not finished and not dropped.
    pub fn in_progress(&self) -> bool {
        self.started.is_some() && self.finished.is_none() && !self.is_archived()
    }

    /// The local day work started.
    pub fn start_day(&self, offset: FixedOffset) -> Option<NaiveDate> {
        self.started.map(|at| local_day(at, offset))
    }

    /// The local day it finished.
    pub fn finish_day(&self, offset: FixedOffset) -> Option<NaiveDate> {
        self.finished.map(|at| local_day(at, offset))
    }

    /// Its cycle time in days (finish day − start day + 1), once finished.
    pub fn cycle_days(&self, offset: FixedOffset) -> Option<u32> {
        let (start, finish) = (self.start_day(offset)?, self.finish_day(offset)?);
        Some(super::days::days_counted(start, finish).max(1))
    }

    /// The day it should be done by.
    pub fn deadline(&self, offset: FixedOffset) -> Option<Deadline> {
        self.details.deadline(offset)
    }
}

/// The stage a move left, for trails that lack their `Created` event.
fn moved_from(kind: &EventKind) -> Option<&StageKey> {
    match kind {
        EventKind::MovedForward { from, .. }
        | EventKind::MovedBack { from, .. }
        | EventKind::AdvancedOnApproval { from, .. }
        | EventKind::ReturnedForRevision { from, .. }
        | EventKind::SentBackToBrief { from, .. } => Some(from),
        _ => None,
    }
}
