//! Property tests: random sequences of operations by random actors (approvers, other
//! members, viewers) never skip a gate, never exceed the revision limit, always log
//! a change and never let a non-approver decide.

use super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use super::super::definition::{Stage, WorkflowKind};
use super::super::fields::{FieldType, FieldValue, Money};
use super::super::ids::{ChecklistKey, PersonId};
use super::super::item::Schedule;
use super::super::refusal::ReasonKind;
use super::super::templates::builtin_template;
use super::super::testkit::*;
use super::props_oracle::{approvers_of, check_outcome, Stats};
use super::*;
use chrono::TimeDelta;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

#[derive(Debug, Clone)]
enum Step {
    /// The next useful thing for the current stage (fill, tick, schedule, submit, approve, move).
    Progress {
        who: usize,
    },
    Fill {
        field: usize,
        who: usize,
        valid: bool,
    },
    Clear {
        field: usize,
    },
    Tick {
        line: usize,
    },
    Untick {
        line: usize,
    },
    MoveNext,
    MoveTo {
        stage: usize,
    },
    Submit,
    Approve,
    RequestChanges {
        blank: bool,
    },
    Schedule {
        set: bool,
    },
    Rename {
        blank: bool,
    },
    Escalate,
    Archive,
    Restore,
    Comment {
        blank: bool,
    },
}

#[derive(Debug, Clone)]
struct Scenario {
    def: usize,
    counts: Vec<u32>,
    steps: Vec<(PersonId, Step)>,
}

fn definitions() -> Vec<WorkflowDefinition> {
    let mut sequential = flow();
    sequential.revision_limit = 2;
    sequential.stages[1].approval = Some(ApprovalPolicy {
        rule: ApprovalRule::Sequential,
        approvers: vec![ApproverRef::Person(LEE), ApproverRef::Person(DANA)],
    });
    let mut single = flow();
    single.revision_limit = 0;
    single.stages[1].approval = Some(ApprovalPolicy {
        rule: ApprovalRule::Single,
        approvers: vec![ApproverRef::Person(MAX)],
    });
    let builtin = |kind| builtin_template(kind).expect("built-in");
    vec![
        flow(),
        sequential,
        single,
        builtin(WorkflowKind::Content),
        builtin(WorkflowKind::Social),
        builtin(WorkflowKind::Email),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        10 => any::<usize>().prop_map(|who| Step::Progress { who }),
        4 => (any::<usize>(), any::<usize>(), prop::bool::weighted(0.85))
            .prop_map(|(field, who, valid)| Step::Fill { field, who, valid }),
        1 => any::<usize>().prop_map(|field| Step::Clear { field }),
        6 => any::<usize>().prop_map(|line| Step::Tick { line }),
        1 => any::<usize>().prop_map(|line| Step::Untick { line }),
        5 => Just(Step::MoveNext),
        2 => any::<usize>().prop_map(|stage| Step::MoveTo { stage }),
        4 => Just(Step::Submit),
        6 => Just(Step::Approve),
        3 => any::<bool>().prop_map(|blank| Step::RequestChanges { blank }),
        2 => any::<bool>().prop_map(|set| Step::Schedule { set }),
        1 => any::<bool>().prop_map(|blank| Step::Rename { blank }),
        1 => Just(Step::Escalate),
        1 => Just(Step::Archive),
        1 => Just(Step::Restore),
        1 => any::<bool>().prop_map(|blank| Step::Comment { blank }),
    ]
}

fn actor() -> impl Strategy<Value = PersonId> {
    prop_oneof![
        4 => prop::sample::select(vec![MAX, DANA, LEE]),
        2 => prop::sample::select(vec![ADA, SAM]),
        1 => Just(VIC),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let count = prop_oneof![5 => Just(0u32), 1 => 0u32..8];
    (
        0..definitions().len(),
        prop::collection::vec(count, 8),
        prop::collection::vec((actor(), step()), 1..90),
    )
        .prop_map(|(def, counts, steps)| Scenario { def, counts, steps })
}

fn sample_value(field_type: &FieldType, who: usize, valid: bool) -> FieldValue {
    let person = [DANA, LEE, MAX, SAM][who % 4];
    match field_type {
        FieldType::Text | FieldType::LongText => {
            FieldValue::Text(if valid { "Words" } else { " " }.into())
        }
        FieldType::Url => FieldValue::Url(
            if valid {
                "https://acme.com/page"
            } else {
                "acme page"
            }
            .into(),
        ),
        FieldType::DateTime => FieldValue::DateTime(t0()),
        FieldType::Number => FieldValue::Number(if valid { 2.5 } else { f64::INFINITY }),
        FieldType::Money => FieldValue::Money(Money {
            amount_minor: 1000,
            currency: if valid { "EUR" } else { "euro" }.into(),
        }),
        FieldType::Choice { options } if valid => {
            FieldValue::Choice(options[who % options.len()].clone())
        }
        FieldType::Choice { .. } => FieldValue::Choice("Nope".into()),
        FieldType::Person => FieldValue::Person(if valid { person } else { PersonId(99) }),
        FieldType::Segment => FieldValue::Segment(if valid { "Newsletter" } else { " " }.into()),
        FieldType::Percent => FieldValue::Percent(if valid { 2.5 } else { f64::NAN }),
        FieldType::Date => FieldValue::Date(t0().date_naive()),
        FieldType::YesNo => FieldValue::YesNo(valid),
    }
}

fn operation(def: &WorkflowDefinition, item: &Item, step: &Step) -> Operation {
    let stage = def.stage(&item.stage).expect("item stage");
    let line = |i: usize| {
        stage
            .checklist
            .get(i % stage.checklist.len().max(1))
            .map_or_else(|| ChecklistKey::new("nope"), |l| l.key.clone())
    };
    let field = |i: usize| &def.fields[i % def.fields.len()];
    match step {
        Step::Progress { who } => progress(def, item, stage, *who),
        Step::Fill {
            field: f,
            who,
            valid,
        } => {
            let field = field(*f);
            let value = sample_value(&field.field_type, *who, *valid);
            Operation::EditFields {
                values: [(field.key.clone(), Some(value))].into(),
            }
        }
        Step::Clear { field: f } => Operation::EditFields {
            values: [(field(*f).key.clone(), None)].into(),
        },
        Step::Tick { line: l } => Operation::Tick { line: line(*l) },
        Step::Untick { line: l } => Operation::Untick { line: line(*l) },
        Step::MoveNext => {
            let next = def
                .next_stage(&item.stage)
                .map_or_else(|| item.stage.clone(), |s| s.key.clone());
            Operation::MoveTo {
                stage: next,
                reason: None,
            }
        }
        Step::MoveTo { stage } => Operation::MoveTo {
            stage: def.stages[stage % def.stages.len()].key.clone(),
            reason: None,
        },
        Step::Submit => Operation::Submit,
        Step::Approve => Operation::Approve,
        Step::RequestChanges { blank } => Operation::RequestChanges {
            feedback: if *blank { " " } else { "Tighten it" }.into(),
        },
        Step::Schedule { set } => Operation::SetSchedule {
            schedule: set.then_some(Schedule {
                at: t0(),
                all_day: false,
            }),
        },
        Step::Rename { blank } => Operation::Rename {
            title: if *blank { "" } else { "Renamed" }.into(),
        },
        Step::Escalate => Operation::Escalate { reason: None },
        Step::Archive => Operation::Archive,
        Step::Restore => Operation::Restore,
        Step::Comment { blank } => Operation::Comment {
            text: if *blank { "" } else { "Note" }.into(),
        },
    }
}

/// A guided step, so random runs get deep into the workflow.
fn progress(def: &WorkflowDefinition, item: &Item, stage: &Stage, who: usize) -> Operation {
    if let Some(key) = stage
        .required_fields
        .iter()
        .find(|k| item.filled(k).is_none())
    {
        let field = def.field(key).expect("defined field");
        return Operation::EditFields {
            values: [(
                key.clone(),
                Some(sample_value(&field.field_type, who, true)),
            )]
            .into(),
        };
    }
    if let Some(line) = stage
        .checklist
        .iter()
        .find(|l| !l.optional && !item.is_ticked(&stage.key, &l.key))
    {
        return Operation::Tick {
            line: line.key.clone(),
        };
    }
    let next = def.next_stage(&stage.key);
    if next.is_some_and(|n| n.requires_schedule) && item.schedule.is_none() {
        return Operation::SetSchedule {
            schedule: Some(Schedule {
                at: t0(),
                all_day: false,
            }),
        };
    }
    match (&stage.approval, item.is_submitted()) {
        (Some(_), false) => Operation::Submit,
        (Some(_), true) if who % 4 == 1 => Operation::RequestChanges {
            feedback: "Needs work".into(),
        },
        (Some(_), true) if who % 4 > 1 => Operation::Approve,
        _ => Operation::MoveTo {
            stage: next.map_or_else(|| stage.key.clone(), |n| n.key.clone()),
            reason: None,
        },
    }
}

fn run_scenario(scenario: &Scenario) -> Stats {
    let defs = definitions();
    let def = &defs[scenario.def];
    let people = people();
    let mut stats = Stats::default();
    let mut item = create_item(def, NewItem::titled("Random item"), &ctx(&people, SAM))
        .expect("created")
        .item;
    let counts: std::collections::BTreeMap<_, _> = def
        .stages
        .iter()
        .zip(&scenario.counts)
        .map(|(s, c)| (s.key.clone(), *c))
        .collect();
    for (i, (actor, step)) in scenario.steps.iter().enumerate() {
        let now = t0() + TimeDelta::minutes(i as i64 + 1);
        let ctx = Ctx::new(people.get(*actor).expect("person"), &people, now)
            .with_stage_counts(counts.clone());
        let op = operation(def, &item, step);
        match apply(def, &item, &op, &ctx) {
            Err(refusal) => {
                assert!(
                    !refusal.reasons.is_empty()
                        && refusal.reasons.iter().all(|r| !r.message.trim().is_empty())
                );
                if refusal.has(|k| *k == ReasonKind::NotAnApprover) {
                    stats.outsider_refused += 1;
                }
            }
            Ok(out) => {
                check_outcome(def, &people, &ctx, &item, &out, &mut stats);
                item = out.item;
            }
        }
        assert!(
            item.revision_round <= def.revision_limit,
            "revision limit exceeded"
        );
        let stage = def.stage(&item.stage).expect("stage");
        let approvers = approvers_of(stage, &item);
        assert!(
            item.approvals.keys().all(|id| approvers.contains(id)),
            "a non-approver's decision is on record"
        );
        if stage
            .approval
            .as_ref()
            .is_some_and(|p| p.rule == ApprovalRule::Sequential)
        {
            let decided = approvers
                .iter()
                .take_while(|id| item.approvals.contains_key(id))
                .count();
            assert_eq!(
                decided,
                item.approvals.len(),
                "sequential approvals out of order"
            );
        }
    }
    stats
}

proptest! {
    // No regression files: they would be written outside the domain folder.
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_operations_never_break_the_rules(scenario in scenario()) {
        run_scenario(&scenario);
    }
}

/// Guards the property test against passing vacuously: the random runs it draws from
/// do reach every kind of transition.
#[test]
fn random_runs_reach_every_kind_of_transition() {
    let mut runner = TestRunner::deterministic();
    let strategy = scenario();
    let mut total = Stats::default();
    for _ in 0..300 {
        let stats = run_scenario(&strategy.new_tree(&mut runner).expect("scenario").current());
        total.forward += stats.forward;
        total.advanced_on_approval += stats.advanced_on_approval;
        total.revisions += stats.revisions;
        total.back_to_brief += stats.back_to_brief;
        total.approvals += stats.approvals;
        total.outsider_refused += stats.outsider_refused;
    }
    assert!(
        total.forward > 0 && total.advanced_on_approval > 0 && total.approvals > 0,
        "{total:?}"
    );
    assert!(
        total.revisions > 0 && total.back_to_brief > 0 && total.outsider_refused > 0,
        "{total:?}"
    );
}
