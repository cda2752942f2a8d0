//! Property test: random rules react to random work by people, and to each other's changes,
//! in an in-memory world that does what the service will do — evaluate each (rule, signal)
//! once, apply the planned changes with the engine, signal their events one level deeper.
//! It checks that automation never passes a gate the engine would not let a person pass,
//! never approves or ticks (even when listed as an approver), never runs deeper than
//! `MAX_DEPTH`, and never runs a rule twice for one signal however often it is delivered.

use super::super::super::approval::{ApprovalPolicy, ApprovalRule, ApproverRef};
use super::super::super::definition::WorkflowKind;
use super::super::super::item::Channel;
use super::super::super::templates::builtin_template;
use super::super::super::testkit::{t0, DANA, LEE, MAX, SAM};
use super::cascade_world::{sample_value, Sim, Stats, Work};
use super::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::collections::{BTreeSet, VecDeque};

/// The fixture flow, with Baton's own account listed among Review's approvers: automation
/// must still never approve.
fn definitions() -> Vec<WorkflowDefinition> {
    let mut flow = testkit::flow();
    flow.stages[1].approval = Some(ApprovalPolicy {
        rule: ApprovalRule::AtLeast { count: 2 },
        approvers: vec![
            ApproverRef::Person(AUTOMATION),
            ApproverRef::Person(DANA),
            ApproverRef::Person(LEE),
        ],
    });
    let builtin = |kind| builtin_template(kind).expect("built-in");
    vec![
        flow,
        builtin(WorkflowKind::Social),
        builtin(WorkflowKind::Email),
    ]
}

#[derive(Debug, Clone)]
struct RuleSpec {
    scope: Option<usize>,
    trigger: (u8, usize),
    condition: Option<(u8, usize)>,
    actions: Vec<(u8, usize)>,
}

#[derive(Debug, Clone)]
struct Scenario {
    rules: Vec<RuleSpec>,
    work: Vec<(usize, Work)>,
    redeliver: Vec<usize>,
}

fn rule_spec() -> impl Strategy<Value = RuleSpec> {
    (
        prop_oneof![4 => (0..3usize).prop_map(Some), 1 => Just(None)],
        (0..7u8, any::<usize>()),
        prop::option::weighted(0.3, (0..3u8, any::<usize>())),
        prop::collection::vec((0..12u8, any::<usize>()), 1..4),
    )
        .prop_map(|(scope, trigger, condition, actions)| RuleSpec {
            scope,
            trigger,
            condition,
            actions,
        })
}

fn work() -> impl Strategy<Value = Work> {
    prop_oneof![
        8 => any::<usize>().prop_map(|who| Work::Progress { who }),
        3 => any::<usize>().prop_map(|field| Work::Fill { field }),
        1 => Just(Work::MoveBack),
        3 => any::<usize>().prop_map(|who| Work::Approve { who }),
        1 => any::<usize>().prop_map(|who| Work::RequestChanges { who }),
        1 => (0..3usize).prop_map(|def| Work::Create { def }),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec(rule_spec(), 1..5),
        prop::collection::vec((any::<usize>(), work()), 1..60),
        prop::collection::vec(any::<usize>(), 0..6),
    )
        .prop_map(|(rules, work, redeliver)| Scenario {
            rules,
            work,
            redeliver,
        })
}

fn build_rule(id: i64, spec: &RuleSpec, defs: &[WorkflowDefinition]) -> Rule {
    let def = spec.scope.map(|i| &defs[i]);
    let any_def = def.unwrap_or(&defs[spec.trigger.1 % defs.len()]);
    let stage = |i: usize| any_def.stages[i % any_def.stages.len()].key.clone();
    let field = |i: usize| any_def.fields[i % any_def.fields.len()].key.clone();
    let named_stage = |i: usize| def.map(|_| stage(i)).filter(|_| !i.is_multiple_of(3));
    let (kind, i) = spec.trigger;
    let trigger = match kind {
        0 => Trigger::ItemCreated { via: None },
        1 => Trigger::EnteredStage {
            stage: named_stage(i),
        },
        2 => Trigger::LeftStage {
            stage: named_stage(i),
        },
        3 => Trigger::FieldChanged {
            field: def.map(|_| field(i)).filter(|_| i.is_multiple_of(2)),
        },
        4 => Trigger::ApprovalDecided { outcome: None },
        5 => Trigger::ChecklistCompleted { stage: None },
        _ => Trigger::FieldChanged { field: None },
    };
    let conditions = match spec.condition {
        None => Conditions::none(),
        Some((0, i)) => Conditions::all(vec![Condition::Stage {
            stage: OneOf::IsNot(vec![stage(i)]),
        }]),
        Some((1, _)) => Conditions::all(vec![Condition::RevisionRound {
            op: Comparison::AtMost,
            round: 0,
        }]),
        Some(_) => Conditions::all(vec![Condition::Channel {
            channel: OneOf::IsNot(vec![Channel::Blog]),
        }]),
    };
    let actions = spec
        .actions
        .iter()
        .map(|(kind, i)| match kind {
            0 | 1 => Action::MoveTo { stage: stage(*i) },
            2 => {
                let f = &any_def.fields[i % any_def.fields.len()];
                Action::SetField {
                    field: f.key.clone(),
                    to: Some(FieldSource::Value {
                        value: sample_value(&f.field_type, *i),
                    }),
                }
            }
            3 => Action::Assign {
                to: Assignee::Person {
                    person: [DANA, LEE, SAM][i % 3],
                },
                keep_others: i.is_multiple_of(2),
            },
            4 => Action::Assign {
                to: Assignee::RoundRobin {
                    team: "Content".into(),
                },
                keep_others: false,
            },
            5 => Action::Assign {
                to: Assignee::FewestOpen {
                    team: "Content".into(),
                },
                keep_others: false,
            },
            6 => Action::Comment {
                text: "Seen {title} in {stage}".into(),
            },
            7 => Action::SubmitForApproval,
            8 => Action::Escalate {
                reason: "Pause and escalate".into(),
            },
            9 => Action::Notify {
                to: vec![
                    Recipient::Owner,
                    Recipient::Team {
                        team: "Design".into(),
                    },
                ],
                message: "{title}".into(),
            },
            10 => Action::CreateItem {
                workflow: defs[i % defs.len()].id.clone(),
                title: "Spawned from {title}".into(),
                values: Default::default(),
                channel: None,
                link_campaign: true,
            },
            _ => Action::CallWebhook { endpoint: CRM },
        })
        .collect();
    Rule {
        id: RuleId(id),
        name: format!("Rule {id}"),
        scope: def.map_or(Scope::Workspace, |d| Scope::Workflow(d.id.clone())),
        owner: MAX,
        enabled: true,
        version: 1,
        trigger,
        conditions,
        actions,
    }
}

fn run_scenario(scenario: &Scenario) -> Stats {
    let mut world = World::new();
    world.defs = definitions();
    let rules = scenario
        .rules
        .iter()
        .enumerate()
        .map(|(i, spec)| build_rule(i as i64 + 1, spec, &world.defs))
        .collect();
    let mut sim = Sim {
        world,
        rules,
        items: BTreeMap::new(),
        queue: VecDeque::new(),
        delivered: Vec::new(),
        ledger: BTreeSet::new(),
        cursors: BTreeMap::new(),
        next_event: 0,
        next_item: 0,
        now: t0(),
        stats: Stats::default(),
    };
    for def in 0..3 {
        sim.person_change(0, &Work::Create { def });
    }
    sim.drain();
    for (i, (which, work)) in scenario.work.iter().enumerate() {
        sim.now = t0() + TimeDelta::minutes(i as i64 + 1);
        sim.person_change(*which, work);
        // A retry or a restart delivers some signals again.
        if let Some(again) = scenario
            .redeliver
            .get(i)
            .and_then(|n| sim.delivered.get(n % sim.delivered.len().max(1)))
        {
            sim.queue.push_back(again.clone());
        }
        sim.drain();
    }
    let runs_recorded = sim.ledger.len();
    assert_eq!(
        runs_recorded,
        sim.rules.len()
            * sim
                .delivered
                .iter()
                .map(|s| &s.id)
                .collect::<BTreeSet<_>>()
                .len(),
        "every rule met every signal exactly once"
    );
    sim.stats
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_rules_never_skip_a_gate_loop_forever_or_run_twice(scenario in scenario()) {
        run_scenario(&scenario);
    }
}

/// Guards the property against passing vacuously: the random runs do move items, get
/// refused, create items, reach the loop guard and see signals delivered twice.
#[test]
fn random_cascades_reach_every_kind_of_outcome() {
    let mut runner = TestRunner::deterministic();
    let strategy = scenario();
    let mut total = Stats::default();
    for _ in 0..120 {
        let s = run_scenario(&strategy.new_tree(&mut runner).expect("scenario").current());
        total.runs += s.runs;
        total.automated_moves += s.automated_moves;
        total.refused += s.refused;
        total.failed += s.failed;
        total.created += s.created;
        total.too_deep += s.too_deep;
        total.deduplicated += s.deduplicated;
        total.deepest_run = total.deepest_run.max(s.deepest_run);
    }
    assert!(
        total.runs > 0 && total.automated_moves > 0 && total.created > 0,
        "{total:?}"
    );
    assert!(total.refused > 0 && total.failed > 0, "{total:?}");
    assert!(
        total.too_deep > 0 && total.deduplicated > 0 && total.deepest_run == MAX_DEPTH,
        "{total:?}"
    );
}
