//! Evaluating a rule for a signal: does the trigger match, which conditions hold, and what
//! each action comes to. Pure: every fact is passed in, and changes to the item are tried
//! with the engine's own `apply`, as the automation account, so no gate is ever skipped.

use super::super::context::Ctx;
use super::super::events::Event;
use super::super::item::Item;
use super::super::operations::{apply, create_item};
use super::condition_check::{check_all, ConditionResult, Subject};
use super::facts::{automation_account, Facts};
use super::ids::RunKey;
use super::plan::Planner;
use super::rule::Rule;
use super::signal::{Signal, SignalKind};
use super::step::{PlannedStep, RoundRobinTurn, RunOutcome, Step, StepStatus};
use super::words::{action, trigger, Names};
use super::MAX_DEPTH;
use serde::{Deserialize, Serialize};

/// Why a rule did not run for a signal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "skip")]
pub enum Skip {
    /// The rule is paused.
    Paused,
    /// The signal was caused by automation `depth` levels deep (the loop guard).
    TooDeep {
        /// The signal's depth.
        depth: u32,
    },
    /// The signal is about another workflow (or another rule's schedule).
    OutOfScope,
    /// The signal is not the trigger's happening.
    NotTriggered,
    /// The signal concerns an item that was not found.
    ItemGone,
    /// The conditions do not hold.
    ConditionsNotMet,
}

impl Skip {
    /// Why, in words, for the run log.
    pub fn message(&self) -> String {
        match self {
            Skip::Paused => "The rule is paused".to_owned(),
            Skip::TooDeep { depth } => format!(
                "Not run: this change was made by automation {depth} levels deep, and chains stop at {MAX_DEPTH}"
            ),
            Skip::OutOfScope => "Not run: the change is outside the rule's workflow".to_owned(),
            Skip::NotTriggered => "Not run: this is not what the rule waits for".to_owned(),
            Skip::ItemGone => "Not run: the item no longer exists".to_owned(),
            Skip::ConditionsNotMet => "Not run: the conditions do not hold".to_owned(),
        }
    }
}

/// What a rule does (or would do) for a signal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// The run's identity: record it once.
    pub run: RunKey,
    /// The rule version evaluated.
    pub rule_version: u32,
    /// The signal's depth; signals of the run's changes are one deeper.
    pub depth: u32,
    /// The trigger in words.
    pub trigger: String,
    /// Why it did not run; `None` when it ran.
    pub skipped: Option<Skip>,
    /// Each condition with its result (empty when skipped before the conditions).
    pub conditions: Vec<ConditionResult>,
    /// Each action, in order, up to the first that is refused or fails.
    pub steps: Vec<PlannedStep>,
    /// The item after every accepted change, when there was at least one.
    pub item: Option<Item>,
    /// Round-robin turns taken, to store with the run.
    pub round_robin: Vec<RoundRobinTurn>,
}

impl Evaluation {
    /// Whether the rule ran (trigger matched, conditions held, not paused or too deep).
    pub fn ran(&self) -> bool {
        self.skipped.is_none()
    }

    /// How the run went.
    pub fn outcome(&self) -> RunOutcome {
        match self.steps.last().map(|s| &s.status) {
            _ if !self.ran() => RunOutcome::Skipped,
            Some(StepStatus::Refused { .. }) => RunOutcome::Refused,
            Some(StepStatus::Failed { .. }) => RunOutcome::Failed,
            _ => RunOutcome::Done,
        }
    }

    /// The steps ready to be done, in order.
    pub fn ready(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter_map(|s| match &s.status {
            StepStatus::Ready { step, .. } => Some(step),
            _ => None,
        })
    }

    /// The engine events of the accepted changes, in order: append them to the item's
    /// activity, then signal each at depth `depth + 1`.
    pub fn events(&self) -> Vec<&Event> {
        self.steps
            .iter()
            .flat_map(|s| match &s.status {
                StepStatus::Ready { events, .. } => events.iter().collect(),
                _ => Vec::new(),
            })
            .collect()
    }
}

/// Evaluates `rule` for `signal`. Changes are tried on the item in order as the automation
/// account; the first refusal or failure stops the rest.
pub fn evaluate(rule: &Rule, signal: &Signal, facts: &Facts) -> Evaluation {
    let mut names = Names::for_rule(rule, facts.catalog);
    names.def = facts.definition.or(names.def);
    let mut eval = Evaluation {
        run: RunKey {
            rule: rule.id,
            signal: signal.id.clone(),
        },
        rule_version: rule.version,
        depth: signal.depth,
        trigger: trigger::words(&rule.trigger, &rule.scope, &names),
        skipped: None,
        conditions: Vec::new(),
        steps: Vec::new(),
        item: None,
        round_robin: Vec::new(),
    };
    let in_scope = match &signal.kind {
        SignalKind::Schedule { rule: id, .. } => *id == rule.id,
        _ => rule.scope.covers(signal.workflow()),
    };
    let item = facts.item.filter(|i| Some(i.id) == signal.item());
    let skip = if !rule.enabled {
        Some(Skip::Paused)
    } else if signal.depth >= MAX_DEPTH {
        Some(Skip::TooDeep {
            depth: signal.depth,
        })
    } else if !in_scope {
        Some(Skip::OutOfScope)
    } else if signal.item().is_some() && item.is_none() {
        Some(Skip::ItemGone)
    } else if !rule.trigger.matches(signal, item, facts.definition) {
        Some(Skip::NotTriggered)
    } else {
        None
    };
    if skip.is_some() {
        eval.skipped = skip;
        return eval;
    }
    let subject = Subject {
        item,
        def: facts.definition,
        reading: signal.reading_of(),
        now: facts.now,
    };
    let (met, results) = check_all(&rule.conditions, &subject, &names);
    eval.conditions = results;
    if !met {
        eval.skipped = Some(Skip::ConditionsNotMet);
        return eval;
    }
    run_actions(rule, signal, facts, &names, item, &mut eval);
    eval
}

fn run_actions(
    rule: &Rule,
    signal: &Signal,
    facts: &Facts,
    names: &Names,
    item: Option<&Item>,
    eval: &mut Evaluation,
) {
    let date = match &signal.kind {
        SignalKind::Schedule { slot, .. } => slot.date(),
        _ => facts.today,
    };
    let planner = Planner {
        rule,
        signal,
        names,
        def: facts.definition,
        date,
        open_items: &facts.open_items,
    };
    let actor = automation_account();
    let people = facts.catalog.people;
    let mut working: Option<Item> = item.cloned();
    let mut counts = facts.stage_counts.clone();
    let mut cursors = facts.round_robin.clone();
    let mut changed = false;
    for (i, action) in rule.actions.iter().enumerate() {
        let status = match planner.plan(action, working.as_ref(), &mut cursors) {
            Err(reason) => StepStatus::Failed { reason },
            Ok((Step::Change(_), _)) if working.is_none() || facts.definition.is_none() => {
                StepStatus::Failed {
                    reason: "The item's workflow is not known".to_owned(),
                }
            }
            Ok((step, turn)) => {
                let tried = match (&step, working.as_ref(), facts.definition) {
                    (Step::Change(change), Some(current), Some(def)) => {
                        let ctx = Ctx::new(&actor, people, facts.now)
                            .with_stage_counts(counts.clone())
                            .with_open_linked_items(facts.open_linked_items);
                        apply(def, current, &change.operation(), &ctx).map(|outcome| {
                            if outcome.item.stage != current.stage {
                                let from = counts.entry(current.stage.clone()).or_insert(1);
                                *from = from.saturating_sub(1);
                                *counts.entry(outcome.item.stage.clone()).or_insert(0) += 1;
                            }
                            changed |= outcome.item != *current;
                            (Some(outcome.item), outcome.events)
                        })
                    }
                    (Step::Create(create), _, _) => {
                        let ctx = Ctx::new(&actor, people, facts.now);
                        match facts.catalog.workflow(&create.workflow) {
                            Some(def) => create_item(def, create.new_item(), &ctx)
                                .map(|_| (None, Vec::new())),
                            None => Ok((None, Vec::new())),
                        }
                    }
                    _ => Ok((None, Vec::new())),
                };
                match tried {
                    Ok((next, events)) => {
                        if let Some(next) = next {
                            working = Some(next);
                        }
                        eval.round_robin.extend(turn);
                        StepStatus::Ready { step, events }
                    }
                    Err(refusal) => StepStatus::Refused {
                        step,
                        reasons: refusal.reasons,
                    },
                }
            }
        };
        let stop = !matches!(status, StepStatus::Ready { .. });
        eval.steps.push(PlannedStep {
            path: format!("actions.{i}"),
            summary: action::words(action, names),
            status,
        });
        if stop {
            break;
        }
    }
    if changed {
        eval.item = working;
    }
}
