//! Six months of Northwind's finished work, told through the engine: every item is
//! created, filled in, ticked, submitted, approved (or sent back) and moved on by the
//! domain's own operations at the moments a real team would have acted, then stored with
//! its whole trail in one write — the same rows the live app writes, so every metric and
//! forecast reads it exactly as it would read a real team's history.
//!
//! The story the numbers tell: until twelve weeks ago every blog post's Review waited on
//! Dana alone (version 2 of Content production, a three-day SLA) and Review was the
//! bottleneck; then the team saved version 3 — the reviewer is chosen per post, Maya and
//! Leo share the load, the SLA is 48 hours — and moved the posts in flight onto it.
//! Work follows the seasons (a launch peak, a quiet holiday stretch); some items finish
//! after their planned dates, a few are dropped, a few needed a fix after they went out.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};

use super::copy;
use crate::db::{self, Db};
use crate::domain::design::{migrate, StageMap};
use crate::domain::metrics::forecast::rng::Rng;
use crate::domain::{
    self, approval_progress_among, ApprovalPolicy, ApprovalRule, ApproverRef, CampaignId, Channel,
    Ctx, Event, Item, NewItem, Operation, People, Person, PersonId, Priority, Schedule, Sla,
    WorkflowDefinition,
};
use crate::error::{AppError, AppResult};

/// Weeks of history.
pub const WEEKS: i64 = 26;
/// Weeks ago Content production's version 3 was saved.
pub const CHANGE_WEEKS_AGO: i64 = 12;

/// The moments the story turns on.
#[derive(Debug, Clone, Copy)]
pub struct Timeline {
    /// When the history begins.
    pub start: DateTime<Utc>,
    /// When Content production's Review changed.
    pub change: DateTime<Utc>,
    /// Nothing in the history finishes after this (the live items take over).
    pub cutoff: DateTime<Utc>,
    /// Now.
    pub now: DateTime<Utc>,
}

impl Timeline {
    /// The timeline ending `now`.
    pub fn ending(now: DateTime<Utc>) -> Self {
        Timeline {
            start: now - Duration::weeks(WEEKS),
            change: now - Duration::weeks(CHANGE_WEEKS_AGO),
            cutoff: now - Duration::days(2),
            now,
        }
    }
}

/// The people the history needs.
pub struct Cast<'a> {
    /// Everyone.
    pub people: &'a People,
    /// Baton itself, who escalates.
    pub system: &'a Person,
    /// A campaign running on a day, if any.
    pub campaigns: &'a [(CampaignId, DateTime<Utc>, DateTime<Utc>)],
}

impl Cast<'_> {
    fn named(&self, first: &str) -> &Person {
        self.people
            .persons
            .iter()
            .find(|p| p.name.starts_with(first))
            .expect("demo person")
    }
}

/// How a workflow's work runs: items started per week, hours of work per stage, hours an
/// approval takes, and how often changes are requested.
struct Pace {
    per_week: f64,
    worker: &'static str,
    work: fn(&str, &mut Rng) -> f64,
    decision: fn(&str, bool, &mut Rng) -> f64,
    changes_percent: fn(bool) -> u64,
}

fn between(rng: &mut Rng, low: f64, high: f64) -> f64 {
    low + (high - low) * (rng.below(10_000) as f64 / 10_000.0)
}

fn pace(workflow: &str) -> Pace {
    match workflow {
        "content-production" => Pace {
            per_week: 3.2,
            worker: "Priya",
            work: |stage, rng| match stage {
                "brief" => between(rng, 3.0, 20.0),
                "draft" => between(rng, 20.0, 70.0),
                "revisions" => between(rng, 6.0, 24.0),
                "seo-technical" => between(rng, 3.0, 14.0),
                _ => between(rng, 1.0, 4.0),
            },
            // Before the change every review waited on Dana: two to six days.
            decision: |_, before, rng| {
                if before {
                    between(rng, 44.0, 140.0)
                } else {
                    between(rng, 6.0, 40.0)
                }
            },
            changes_percent: |before| if before { 35 } else { 20 },
        },
        "social-publishing" => Pace {
            per_week: 5.0,
            worker: "Sam",
            work: |_, rng| between(rng, 2.0, 16.0),
            decision: |_, _, rng| between(rng, 2.0, 20.0),
            changes_percent: |_| 12,
        },
        "email-campaign" => Pace {
            per_week: 2.6,
            worker: "Aisha",
            work: |stage, rng| match stage {
                "design-build" => between(rng, 8.0, 36.0),
                _ => between(rng, 3.0, 16.0),
            },
            decision: |_, _, rng| between(rng, 3.0, 22.0),
            changes_percent: |_| 15,
        },
        "paid-campaign-launch" => Pace {
            per_week: 1.1,
            worker: "Leo",
            work: |stage, rng| match stage {
                "creative-production" => between(rng, 24.0, 80.0),
                _ => between(rng, 4.0, 24.0),
            },
            decision: |_, _, rng| between(rng, 4.0, 30.0),
            changes_percent: |_| 20,
        },
        "campaign-reporting" => Pace {
            per_week: 1.3,
            worker: "Leo",
            work: |_, rng| between(rng, 3.0, 20.0),
            decision: |_, _, rng| between(rng, 2.0, 12.0),
            changes_percent: |_| 5,
        },
        "seo" => Pace {
            per_week: 0.6,
            worker: "Priya",
            work: |_, rng| between(rng, 10.0, 60.0),
            decision: |_, _, rng| between(rng, 4.0, 24.0),
            changes_percent: |_| 10,
        },
        "lead-nurturing" => Pace {
            per_week: 0.4,
            worker: "Aisha",
            work: |_, rng| between(rng, 10.0, 50.0),
            decision: |_, _, rng| between(rng, 4.0, 24.0),
            changes_percent: |_| 5,
        },
        _ => Pace {
            per_week: 0.15,
            worker: "Maya",
            work: |_, rng| between(rng, 30.0, 120.0),
            decision: |_, _, rng| between(rng, 8.0, 40.0),
            changes_percent: |_| 10,
        },
    }
}

/// Busier around the spring launch, quiet over the holidays.
fn season(day: DateTime<Utc>, week: i64) -> f64 {
    let wave = 1.0 + 0.3 * ((week as f64) * std::f64::consts::TAU / 13.0).sin();
    let holidays = match (day.month(), day.day()) {
        (12, d) if d >= 20 => 0.3,
        (1, d) if d <= 3 => 0.3,
        (8, _) => 0.7,
        _ => 1.0,
    };
    wave * holidays
}

/// Content production's Review before the change: Dana signs off every post, in 3 days.
pub fn review_before(template: &WorkflowDefinition, dana: PersonId) -> WorkflowDefinition {
    let mut old = template.clone();
    if let Some(review) = old.stages.iter_mut().find(|s| s.key.as_str() == "review") {
        review.approval = Some(ApprovalPolicy {
            rule: ApprovalRule::Single,
            approvers: vec![ApproverRef::Person(dana)],
        });
        review.sla = Some(Sla {
            hours: 72,
            business_hours: false,
        });
        review.description =
            "Dana checks accuracy, tone and fit with the brief, then approves or requests changes."
                .to_owned();
    }
    old
}

/// One item walked through its workflow in memory.
struct Walk<'a> {
    def: Arc<WorkflowDefinition>,
    /// The version items move to at the change, when the item follows an older one.
    next: Option<(&'a Arc<WorkflowDefinition>, DateTime<Utc>)>,
    item: Item,
    events: Vec<Event>,
    cast: &'a Cast<'a>,
}

impl Walk<'_> {
    /// Moves the item to the new version once the change has happened.
    fn catch_up(&mut self, at: DateTime<Utc>) {
        let Some((new, when)) = self.next else { return };
        if at < when {
            return;
        }
        self.next = None;
        let maya = self.cast.named("Maya");
        let ctx = Ctx::new(maya, self.cast.people, when);
        if let Ok(mut moved) = migrate(
            &self.def,
            new,
            std::slice::from_ref(&self.item),
            &StageMap::new(),
            &ctx,
        ) {
            if let Some(outcome) = moved.pop() {
                self.item = outcome.item;
                self.events.extend(outcome.events);
                self.def = new.clone();
            }
        }
    }

    fn apply(&mut self, actor: &Person, op: Operation, at: DateTime<Utc>) -> bool {
        self.catch_up(at);
        let ctx = Ctx::new(actor, self.cast.people, at);
        match domain::apply(&self.def, &self.item, &op, &ctx) {
            Ok(outcome) => {
                self.item = outcome.item;
                self.events.extend(outcome.events);
                true
            }
            Err(_) => false,
        }
    }
}

/// An item of the history, as stored, with the fix found after it went out.
pub struct Told {
    /// The item as it ended.
    pub item: Item,
    /// Its whole trail.
    pub events: Vec<Event>,
    /// A post-launch fix: what, the stage that should have caught it, when.
    pub fix: Option<(&'static str, &'static str, DateTime<Utc>)>,
}

/// Walks the `n`-th item of `def`'s history, created at `created`; `None` when it would
/// not be done (or dropped) by the cutoff.
#[allow(clippy::too_many_arguments)]
fn tell(
    def: &Arc<WorkflowDefinition>,
    next: Option<(&Arc<WorkflowDefinition>, DateTime<Utc>)>,
    cast: &Cast<'_>,
    timeline: &Timeline,
    n: usize,
    created: DateTime<Utc>,
    rng: &mut Rng,
) -> Option<Told> {
    let p = pace(def.id.as_str());
    let worker = cast.named(p.worker).clone();
    let title = copy::title(def.id.as_str(), n);
    let campaign = cast
        .campaigns
        .iter()
        .find(|(_, from, to)| created >= *from && created <= *to)
        .filter(|_| rng.below(100) < 45)
        .map(|(id, _, _)| *id);
    // Planned for about when work like this is usually done: some plans are tight.
    let typical_days = match def.id.as_str() {
        "content-production" => 9,
        "paid-campaign-launch" | "integrated-campaign" => 12,
        "seo" | "lead-nurturing" => 10,
        _ => 5,
    };
    let slack = rng.below(9) as i64 - 3;
    let planned = (created + Duration::days(typical_days + slack))
        .date_naive()
        .and_hms_opt(9 + rng.below(8) as u32, 0, 0)?
        .and_utc();
    let new = NewItem {
        owner: Some(worker.id),
        assignees: vec![worker.id],
        due: None,
        schedule: Some(Schedule {
            at: planned,
            all_day: rng.below(4) == 0,
        }),
        channel: channel_for(def.id.as_str(), n),
        campaign,
        priority: [
            Priority::Normal,
            Priority::High,
            Priority::Normal,
            Priority::Low,
        ][n % 4],
        ..NewItem::titled(&title)
    };
    let ctx = Ctx::new(&worker, cast.people, created);
    let outcome = domain::create_item(def, new, &ctx).ok()?;
    let mut walk = Walk {
        def: def.clone(),
        next,
        item: outcome.item,
        events: outcome.events,
        cast,
    };
    let dana = cast.named("Dana").id;
    let reviewers = [dana, cast.named("Maya").id, cast.named("Leo").id];
    let approver_for = |key: &str, before: bool| -> PersonId {
        match key {
            "sales_owner" => cast.named("Tom").id,
            "reviewer" if !before => reviewers[n % reviewers.len()],
            _ => dana,
        }
    };
    let dropped_at = (rng.below(100) < 3).then(|| 1 + rng.below(2) as usize);
    let mut t = created;
    let mut rounds = 0;
    for _ in 0..40 {
        let Some(index) = walk.def.stage_index(&walk.item.stage) else {
            break;
        };
        if index + 1 == walk.def.stages.len() {
            break;
        }
        let stage = walk.def.stages[index].clone();
        if dropped_at == Some(index) {
            t += Duration::hours(between(rng, 4.0, 48.0) as i64);
            walk.apply(&worker, Operation::Archive, t);
            break;
        }
        t += Duration::minutes((60.0 * (p.work)(stage.key.as_str(), rng)) as i64);
        // Nobody works at night: what is done after hours is done the next morning.
        if t.hour() >= 19 {
            t = (t + Duration::days(1))
                .date_naive()
                .and_hms_opt(9, 30, 0)?
                .and_utc();
        }
        walk.catch_up(t);
        // Still on the version from before the change.
        let before = walk.next.is_some();
        let mut values = BTreeMap::new();
        for key in &stage.required_fields {
            if walk.item.filled(key).is_none() {
                if let Some(field) = walk.def.field(key) {
                    let person = approver_for(key.as_str(), before);
                    values.insert(key.clone(), Some(copy::value(field, &title, n, person, t)));
                }
            }
        }
        if !values.is_empty() {
            walk.apply(&worker, Operation::EditFields { values }, t);
        }
        for line in &stage.checklist {
            if !walk.item.is_ticked(&stage.key, &line.key) {
                walk.apply(
                    &worker,
                    Operation::Tick {
                        line: line.key.clone(),
                    },
                    t,
                );
            }
        }
        t += Duration::minutes(5);
        match &stage.approval {
            Some(policy) => {
                if !walk.item.is_submitted() && !walk.apply(&worker, Operation::Submit, t) {
                    return None;
                }
                let entered = walk.item.entered_stage_at;
                let waited = (p.decision)(stage.key.as_str(), before, rng);
                if let Some(sla) = walk.def.stage(&stage.key).and_then(|s| s.sla) {
                    if waited > f64::from(sla.hours) {
                        let at = entered + Duration::hours(i64::from(sla.hours));
                        let reason =
                            format!("No move out of {} within {} h", stage.name, sla.hours);
                        walk.apply(
                            cast.system,
                            Operation::Escalate {
                                reason: Some(reason),
                            },
                            at,
                        );
                    }
                }
                t = t.max(entered) + Duration::minutes((waited * 60.0) as i64);
                walk.catch_up(t);
                let policy = walk
                    .def
                    .stage(&stage.key)
                    .and_then(|s| s.approval.clone())
                    .unwrap_or_else(|| policy.clone());
                let approvers = approval_progress_among(&policy, &walk.item, cast.people).approvers;
                let ask_changes = rounds == 0 && rng.below(100) < (p.changes_percent)(before);
                if ask_changes && stage.transitions.on_changes_requested.is_some() {
                    if let Some(person) = approvers.first().and_then(|id| cast.people.get(*id)) {
                        rounds += 1;
                        let feedback = changes_feedback(n).to_owned();
                        walk.apply(person, Operation::RequestChanges { feedback }, t);
                        continue;
                    }
                }
                for approver in approvers {
                    if walk.item.stage != stage.key {
                        break;
                    }
                    if let Some(person) = cast.people.get(approver) {
                        walk.apply(person, Operation::Approve, t);
                        t += Duration::minutes(3);
                    }
                }
                if walk.item.stage == stage.key {
                    return None; // held by the next stage's gate: leave it out
                }
            }
            None => {
                let Some(next) = walk.def.next_stage(&stage.key).map(|s| s.key.clone()) else {
                    break;
                };
                if !walk.apply(
                    &worker,
                    Operation::MoveTo {
                        stage: next,
                        reason: None,
                    },
                    t,
                ) {
                    return None;
                }
            }
        }
        if rng.below(100) < 12 {
            let comment = comment(n).to_owned();
            walk.apply(
                cast.named("Dana"),
                Operation::Comment { text: comment },
                t + Duration::minutes(20),
            );
        }
    }
    let done = walk
        .def
        .stages
        .last()
        .is_some_and(|s| s.key == walk.item.stage);
    if (!done && !walk.item.is_archived()) || t > timeline.cutoff {
        return None;
    }
    let fix_chance = match (def.id.as_str(), t < timeline.change) {
        ("content-production", true) => 9,
        (_, true) => 5,
        _ => 3,
    };
    let fix = (done && rng.below(100) < fix_chance).then(|| {
        let (what, stage) = copy::fix(def.id.as_str(), n);
        let at =
            (t + Duration::hours(20 + rng.below(72) as i64)).min(timeline.now - Duration::hours(1));
        (what, stage, at)
    });
    Some(Told {
        item: walk.item,
        events: walk.events,
        fix,
    })
}

fn changes_feedback(n: usize) -> &'static str {
    [
        "The intro buries the point — lead with the customer's result, then explain how.",
        "Two claims need a source; and the CTA should match the campaign landing page.",
        "Tone is too salesy for this audience. Cut the superlatives and add one real example.",
        "Good draft. Tighten the middle section and check the product names against the style guide.",
    ][n % 4]
}

fn comment(n: usize) -> &'static str {
    [
        "Looks good. Can we link the pricing table from the intro?",
        "Sales asked for a one-line version of this for their follow-up emails.",
        "Let's reuse the chart from the Q1 report here.",
        "Checked with legal: fine to name the customer.",
    ][n % 4]
}

fn channel_for(workflow: &str, n: usize) -> Channel {
    const SOCIAL: [Channel; 4] = [
        Channel::Linkedin,
        Channel::Instagram,
        Channel::X,
        Channel::Facebook,
    ];
    match workflow {
        "content-production" | "seo" => Channel::Blog,
        "paid-campaign-launch" => [Channel::PaidSocial, Channel::PaidSearch][n % 2],
        "email-campaign" | "lead-nurturing" => Channel::Email,
        "social-publishing" => SOCIAL[n % SOCIAL.len()],
        _ => Channel::Other,
    }
}

/// Tells and stores the history of every workflow in `workflows` (each with the version
/// items start on before the change, and after it). Returns how many items it stored.
pub async fn seed(
    db: &Db,
    cast: &Cast<'_>,
    workflows: &[(Arc<WorkflowDefinition>, Arc<WorkflowDefinition>)],
    timeline: &Timeline,
) -> AppResult<usize> {
    let mut rng = Rng::seeded(0x4e6f_7274_6877_696e);
    let mut told = Vec::new();
    for (before, after) in workflows {
        let p = pace(after.id.as_str());
        let mut n = 0;
        for week in 0..WEEKS {
            let monday = timeline.start + Duration::weeks(week);
            let expected = p.per_week * season(monday, week);
            let count = expected.floor() as u64
                + u64::from((rng.below(100) as f64) < expected.fract() * 100.0);
            for _ in 0..count {
                let created = monday
                    + Duration::days(rng.below(5) as i64)
                    + Duration::minutes(9 * 60 + rng.below(8 * 60) as i64);
                let (def, next) = if created < timeline.change {
                    let next = (!Arc::ptr_eq(before, after)).then_some((after, timeline.change));
                    (before, next)
                } else {
                    (after, None)
                };
                if let Some(story) = tell(def, next, cast, timeline, n, created, &mut rng) {
                    told.push(story);
                }
                n += 1;
            }
        }
    }
    told.sort_by_key(|t| t.item.created_at);
    let stored = told.len();
    for chunk in told.chunks(60) {
        let mut tx = db.write.begin().await?;
        for story in chunk {
            let id = db::items::insert(&mut tx, &story.item).await?;
            db::events::append(&mut tx, id, &story.item.workflow_id, &story.events).await?;
            if let Some((what, stage, at)) = story.fix {
                let by = story.item.owner.unwrap_or(cast.named("Maya").id);
                db::insights::insert_fix(&mut tx, id, what, Some(&stage.into()), by, at).await?;
            }
        }
        tx.commit().await.map_err(AppError::from)?;
    }
    Ok(stored)
}
