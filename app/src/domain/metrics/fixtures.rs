//! Hand-made histories for the metrics tests: a four-stage workflow at UTC+02:00 and a
//! small story builder that writes real engine events.

use super::super::definition::{Sla, Stage, WorkflowDefinition, WorkflowKind};
use super::super::events::{CreationSource, Event, EventKind};
use super::super::ids::{ItemId, PersonId, StageKey};
use super::super::item::{Channel, Item, Schedule};
use super::super::testkit::sample_item;
use super::flow::FlowSettings;
use super::history::{ItemHistory, PostLaunchFix};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

pub const ACTOR: PersonId = PersonId(3);

/// The team's offset in the fixtures.
pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(2 * 3600).unwrap()
}

/// A local day of June 2024 (3 June is a Monday).
pub fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, d).unwrap()
}

/// Local time `h:00` on a day of June 2024, as UTC.
pub fn at(d: u32, h: u32) -> DateTime<Utc> {
    offset()
        .with_ymd_and_hms(2024, 6, d, h, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// Brief → Draft (WIP 2, SLA 48 h) → Review (approval, SLA 24 h) → Published; work starts at Draft.
pub fn definition() -> WorkflowDefinition {
    let mut draft = Stage::new("draft", "Draft", "");
    draft.wip_limit = Some(2);
    draft.sla = Some(Sla {
        hours: 48,
        business_hours: false,
    });
    let mut review = Stage::new("review", "Review", "");
    review.sla = Some(Sla {
        hours: 24,
        business_hours: false,
    });
    WorkflowDefinition {
        outcome: None,
        id: "blog".into(),
        name: "Blog".into(),
        kind: WorkflowKind::Content,
        version: 1,
        based_on: None,
        revision_limit: 1,
        fields: vec![],
        stages: vec![
            Stage::new("brief", "Brief", ""),
            draft,
            review,
            Stage::new("published", "Published", ""),
        ],
    }
}

pub fn flow() -> FlowSettings {
    FlowSettings::from_definition(&definition())
}

/// An item's story, told as engine events.
pub struct Story {
    pub item: Item,
    pub events: Vec<Event>,
    stage: StageKey,
    pub fixes: Vec<PostLaunchFix>,
}

impl Story {
    /// Created in Brief at `when`.
    pub fn new(id: i64, when: DateTime<Utc>) -> Self {
        let mut item = sample_item();
        item.id = ItemId(id);
        item.title = format!("Post {id}");
        item.workflow_id = "blog".into();
        item.created_at = when;
        item.stage = "brief".into();
        item.channel = Channel::Blog;
        let mut story = Self {
            item,
            events: Vec::new(),
            stage: "brief".into(),
            fixes: Vec::new(),
        };
        story.log(
            when,
            EventKind::Created {
                stage: "brief".into(),
                source: CreationSource::Manual,
            },
        );
        story
    }

    fn log(&mut self, when: DateTime<Utc>, kind: EventKind) {
        self.events.push(Event {
            actor: ACTOR,
            at: when,
            kind,
        });
    }

    pub fn to(mut self, stage: &str, when: DateTime<Utc>) -> Self {
        let (from, to) = (self.stage.clone(), StageKey::new(stage));
        self.log(
            when,
            EventKind::MovedForward {
                from,
                to: to.clone(),
            },
        );
        self.stage = to;
        self
    }

    pub fn back(mut self, stage: &str, when: DateTime<Utc>) -> Self {
        let (from, to) = (self.stage.clone(), StageKey::new(stage));
        let kind = EventKind::MovedBack {
            from,
            to: to.clone(),
            reason: None,
        };
        self.log(when, kind);
        self.stage = to;
        self
    }

    pub fn submit(mut self, when: DateTime<Utc>) -> Self {
        let stage = self.stage.clone();
        self.log(
            when,
            EventKind::SubmittedForApproval {
                stage,
                approvers: vec![ACTOR],
            },
        );
        self
    }

    /// Approved and moved on by itself to `next`.
    pub fn approve_to(mut self, next: &str, when: DateTime<Utc>) -> Self {
        let stage = self.stage.clone();
        self.log(
            when,
            EventKind::Approved {
                stage: stage.clone(),
                approved: 1,
                needed: 1,
            },
        );
        self.log(
            when,
            EventKind::AdvancedOnApproval {
                from: stage,
                to: next.into(),
            },
        );
        self.stage = next.into();
        self
    }

    pub fn escalate(mut self, when: DateTime<Utc>) -> Self {
        let stage = self.stage.clone();
        self.log(
            when,
            EventKind::Escalated {
                stage,
                to: vec![],
                reason: None,
            },
        );
        self
    }

    pub fn archive(mut self, when: DateTime<Utc>) -> Self {
        self.log(when, EventKind::Archived);
        self
    }

    pub fn restore(mut self, when: DateTime<Utc>) -> Self {
        self.log(when, EventKind::Restored);
        self
    }

    /// Planned for an all-day date.
    pub fn planned(mut self, d: u32) -> Self {
        self.item.schedule = Some(Schedule {
            at: day(d).and_hms_opt(0, 0, 0).unwrap().and_utc(),
            all_day: true,
        });
        self
    }

    pub fn due(mut self, when: DateTime<Utc>) -> Self {
        self.item.due = Some(when);
        self
    }

    pub fn channel(mut self, channel: Channel) -> Self {
        self.item.channel = channel;
        self
    }

    pub fn fix(mut self, when: DateTime<Utc>, stage: Option<&str>) -> Self {
        self.fixes.push(PostLaunchFix {
            at: when,
            what: "Broken link".into(),
            should_have_caught: stage.map(StageKey::new),
        });
        self
    }

    pub fn history(&self) -> ItemHistory {
        let mut history = ItemHistory::from_events(&self.item, &self.events, &flow());
        history.fixes = self.fixes.clone();
        history
    }
}

/// A post taken through Draft (day `d`) and Review to Published on day `f`, 9:00 to 17:00.
pub fn finished(id: i64, started: u32, published: u32) -> ItemHistory {
    Story::new(id, at(started, 8))
        .to("draft", at(started, 9))
        .to("review", at(published, 10))
        .to("published", at(published, 17))
        .history()
}
