//! The in-memory world the cascade property runs in: items, a queue of signals, the
//! ledger of runs storage will keep, and the independent gate the engine is checked against.

use super::super::super::context::Ctx;
use super::super::super::events::EventKind;
use super::super::super::fields::{FieldType, FieldValue, Money};
use super::super::super::ids::{StageKey, WorkflowId};
use super::super::super::operations::{create_item, NewItem};
use super::super::super::testkit::{t0, DANA, LEE, MAX, SAM};
use super::cascade_oracle::{check_automated_outcome, progress};
use super::*;
use std::collections::{BTreeSet, VecDeque};

#[derive(Debug, Clone)]
pub(super) enum Work {
    Progress { who: usize },
    Fill { field: usize },
    MoveBack,
    Approve { who: usize },
    RequestChanges { who: usize },
    Create { def: usize },
}

pub(super) fn sample_value(field_type: &FieldType, who: usize) -> FieldValue {
    match field_type {
        FieldType::Text | FieldType::LongText => {
            FieldValue::Text(["Words", "Other words"][who % 2].into())
        }
        FieldType::Url => FieldValue::Url("https://acme.com/page".into()),
        FieldType::DateTime => FieldValue::DateTime(t0()),
        FieldType::Number => FieldValue::Number(2.5),
        FieldType::Money => FieldValue::Money(Money {
            amount_minor: 1000,
            currency: "EUR".into(),
        }),
        FieldType::Choice { options } => FieldValue::Choice(options[who % options.len()].clone()),
        FieldType::Person => FieldValue::Person([DANA, LEE, MAX, SAM][who % 4]),
        FieldType::Segment => FieldValue::Segment("Newsletter".into()),
        FieldType::Percent => FieldValue::Percent(12.5),
        FieldType::Date => FieldValue::Date(t0().date_naive()),
        FieldType::YesNo => FieldValue::YesNo(who.is_multiple_of(2)),
    }
}

/// What the random runs reached, so the property cannot pass by doing nothing.
#[derive(Debug, Default, Clone)]
pub(super) struct Stats {
    pub(super) runs: u32,
    pub(super) automated_moves: u32,
    pub(super) refused: u32,
    pub(super) failed: u32,
    pub(super) created: u32,
    pub(super) too_deep: u32,
    pub(super) deduplicated: u32,
    pub(super) deepest_run: u32,
}

pub(super) struct Sim {
    pub(super) world: World,
    pub(super) rules: Vec<Rule>,
    pub(super) items: BTreeMap<ItemId, Item>,
    pub(super) queue: VecDeque<Signal>,
    pub(super) delivered: Vec<Signal>,
    pub(super) ledger: BTreeSet<RunKey>,
    pub(super) cursors: BTreeMap<String, PersonId>,
    pub(super) next_event: i64,
    pub(super) next_item: i64,
    pub(super) now: chrono::DateTime<chrono::Utc>,
    pub(super) stats: Stats,
}

impl Sim {
    fn def_of(&self, item: &Item) -> &WorkflowDefinition {
        self.world.def(item.workflow_id.as_str())
    }

    fn stage_counts(&self, workflow: &WorkflowId) -> BTreeMap<StageKey, u32> {
        let mut counts = BTreeMap::new();
        for item in self
            .items
            .values()
            .filter(|i| &i.workflow_id == workflow && !i.is_archived())
        {
            *counts.entry(item.stage.clone()).or_insert(0) += 1;
        }
        counts
    }

    /// Stores what a change logged and queues its signals.
    fn record(&mut self, item: &Item, events: &[Event], caused_by: Option<(RuleId, u32)>) {
        for event in events {
            self.next_event += 1;
            let signal = Signal::from_event(self.next_event, item, event.clone(), caused_by);
            assert!(
                signal.depth <= MAX_DEPTH,
                "a signal deeper than the loop guard allows"
            );
            self.queue.push_back(signal);
        }
    }

    pub(super) fn person_change(&mut self, which: usize, work: &Work) {
        let people = self.world.people.clone();
        if let Work::Create { def } = work {
            let def = self.world.defs[*def].clone();
            self.next_item += 1;
            let new = NewItem {
                campaign: Some(SPRING),
                ..NewItem::titled("Request")
            };
            let mut out = create_item(
                &def,
                new,
                &Ctx::new(people.get(SAM).unwrap(), &people, self.now),
            )
            .unwrap();
            out.item.id = ItemId(self.next_item);
            self.items.insert(out.item.id, out.item.clone());
            return self.record(&out.item, &out.events, None);
        }
        let ids: Vec<ItemId> = self.items.keys().copied().collect();
        let item = self.items[&ids[which % ids.len()]].clone();
        let def = self.def_of(&item).clone();
        let stage = def.stage(&item.stage).expect("stage").clone();
        let approvers = [DANA, LEE, MAX];
        let (actor, op) = match work {
            Work::Fill { field } => {
                let f = &def.fields[field % def.fields.len()];
                (
                    SAM,
                    Operation::EditFields {
                        values: [(f.key.clone(), Some(sample_value(&f.field_type, *field)))].into(),
                    },
                )
            }
            Work::MoveBack => (
                SAM,
                Operation::MoveTo {
                    stage: def.stages[0].key.clone(),
                    reason: None,
                },
            ),
            Work::Approve { who } => (approvers[who % 3], Operation::Approve),
            Work::RequestChanges { who } => (
                approvers[who % 3],
                Operation::RequestChanges {
                    feedback: "Tighten".into(),
                },
            ),
            Work::Progress { who } => (SAM, progress(&def, &item, &stage, *who)),
            Work::Create { .. } => unreachable!(),
        };
        let ctx = Ctx::new(people.get(actor).unwrap(), &people, self.now)
            .with_stage_counts(self.stage_counts(&item.workflow_id));
        if let Ok(out) = apply(&def, &item, &op, &ctx) {
            self.items.insert(item.id, out.item.clone());
            self.record(&out.item, &out.events, None);
        }
    }

    pub(super) fn drain(&mut self) {
        while let Some(signal) = self.queue.pop_front() {
            self.delivered.push(signal.clone());
            for r in 0..self.rules.len() {
                self.deliver(r, &signal);
            }
        }
    }

    fn deliver(&mut self, r: usize, signal: &Signal) {
        let rule = self.rules[r].clone();
        let key = RunKey {
            rule: rule.id,
            signal: signal.id.clone(),
        };
        // The unique key storage keeps: a signal delivered again finds its run recorded.
        if self.ledger.contains(&key) {
            self.stats.deduplicated += 1;
            return;
        }
        let item = signal.item().and_then(|id| self.items.get(&id)).cloned();
        let def = item.as_ref().map(|i| self.def_of(i).clone());
        let catalog = self.world.catalog();
        let mut facts = Facts::new(catalog, self.now, t0().date_naive());
        facts.item = item.as_ref();
        facts.definition = def.as_ref();
        if let Some(item) = &item {
            facts.stage_counts = self.stage_counts(&item.workflow_id);
        }
        for i in self.items.values() {
            for a in &i.assignees {
                *facts.open_items.entry(*a).or_insert(0) += 1;
            }
        }
        facts.round_robin = self.cursors.clone();
        let eval = evaluate(&rule, signal, &facts);
        assert_eq!(eval.run, key, "the run is known by its rule and signal");
        self.ledger.insert(key);
        if signal.depth >= MAX_DEPTH {
            assert_eq!(
                eval.skipped,
                Some(Skip::TooDeep {
                    depth: signal.depth
                }),
                "ran past the loop guard"
            );
            self.stats.too_deep += 1;
        }
        if !eval.ran() {
            assert!(eval.steps.is_empty() && eval.item.is_none());
            return;
        }
        assert!(signal.depth < MAX_DEPTH);
        self.stats.runs += 1;
        self.stats.deepest_run = self.stats.deepest_run.max(signal.depth + 1);
        self.apply_run(&rule, &eval, item, def);
    }

    /// Does what the service will do with an evaluation, checking each change again with
    /// the engine on the stored item.
    fn apply_run(
        &mut self,
        rule: &Rule,
        eval: &Evaluation,
        item: Option<Item>,
        def: Option<WorkflowDefinition>,
    ) {
        let actor = automation_account();
        let people = self.world.people.clone();
        let mut current = item.clone();
        let caused_by = Some((rule.id, eval.depth));
        for step in &eval.steps {
            match &step.status {
                StepStatus::Ready {
                    step: Step::Change(change),
                    events,
                } => {
                    let (before, def) = (
                        current.clone().expect("an item"),
                        def.as_ref().expect("its workflow"),
                    );
                    let ctx = Ctx::new(&actor, &people, self.now)
                        .with_stage_counts(self.counts_with(&before));
                    let out = apply(def, &before, &change.operation(), &ctx)
                        .expect("the engine accepts what evaluate accepted");
                    assert_eq!(
                        &out.events, events,
                        "evaluate tried exactly what the engine does"
                    );
                    check_automated_outcome(def, &people, &ctx, &before, &out.events);
                    self.stats.automated_moves += out
                        .events
                        .iter()
                        .filter(|e| matches!(e.kind, EventKind::MovedForward { .. }))
                        .count() as u32;
                    self.items.insert(out.item.id, out.item.clone());
                    self.record(&out.item, &out.events, caused_by);
                    current = Some(out.item);
                }
                StepStatus::Ready {
                    step: Step::Create(new),
                    ..
                } => {
                    self.next_item += 1;
                    let target = self.world.def(new.workflow.as_str()).clone();
                    let mut out = create_item(
                        &target,
                        new.new_item(),
                        &Ctx::new(&actor, &people, self.now),
                    )
                    .expect("evaluate checked the creation");
                    out.item.id = ItemId(self.next_item);
                    assert_eq!(
                        out.item.campaign,
                        item.as_ref().and_then(|i| i.campaign),
                        "linked to the same campaign"
                    );
                    self.items.insert(out.item.id, out.item.clone());
                    self.record(&out.item, &out.events, caused_by);
                    self.stats.created += 1;
                }
                StepStatus::Ready { .. } => {}
                StepStatus::Refused {
                    step: Step::Change(change),
                    reasons,
                } => {
                    let before = current.clone().expect("an item");
                    let ctx = Ctx::new(&actor, &people, self.now)
                        .with_stage_counts(self.counts_with(&before));
                    let refused = apply(def.as_ref().unwrap(), &before, &change.operation(), &ctx)
                        .expect_err("the engine refuses it too");
                    assert_eq!(&refused.reasons, reasons);
                    self.stats.refused += 1;
                }
                StepStatus::Refused { .. } => self.stats.refused += 1,
                StepStatus::Failed { reason } => {
                    assert!(!reason.trim().is_empty());
                    self.stats.failed += 1;
                }
            }
        }
        if let (Some(after), Some(current)) = (&eval.item, &current) {
            assert_eq!(
                after, current,
                "the evaluation's item is what applying its steps gives"
            );
        }
        self.cursors.extend(
            eval.round_robin
                .iter()
                .map(|t| (team_key(&t.team), t.person)),
        );
    }

    fn counts_with(&self, item: &Item) -> BTreeMap<StageKey, u32> {
        self.stage_counts(&item.workflow_id)
    }
}
