//! Rules in words, for the rule list and the run log: "When an email's open rate is
//! recorded below 15 %, create “Re-engagement: {title}” in Email campaign".

pub(super) mod action;
pub(super) mod condition;
pub(super) mod labels;
pub(super) mod trigger;

use super::super::definition::WorkflowDefinition;
use super::super::ids::{FieldKey, StageKey};
use super::catalog::Catalog;
use super::metric::MetricName;
use super::rule::{Conditions, Rule};
use super::trigger::Trigger;

/// What sentences name things with: the workspace, the workflow in question and the
/// metric of the trigger, if any.
pub(super) struct Names<'a> {
    pub catalog: Catalog<'a>,
    pub def: Option<&'a WorkflowDefinition>,
    pub metric: Option<&'a MetricName>,
}

impl<'a> Names<'a> {
    /// Names for a rule: its workflow's definition and its trigger's metric.
    pub fn for_rule(rule: &'a Rule, catalog: Catalog<'a>) -> Self {
        let metric = match &rule.trigger {
            Trigger::MetricCrossed(threshold) => Some(&threshold.metric),
            _ => None,
        };
        Names {
            catalog,
            def: rule.scope.workflow().and_then(|w| catalog.workflow(w)),
            metric,
        }
    }

    /// A stage's name, or its key when the workflow does not have it.
    pub fn stage(&self, key: &StageKey) -> String {
        self.def
            .and_then(|d| d.stage(key))
            .map_or_else(|| key.to_string(), |s| s.name.clone())
    }

    /// A field's label, or its key when the workflow does not have it.
    pub fn field(&self, key: &FieldKey) -> String {
        self.def
            .map_or_else(|| key.to_string(), |d| d.field_label(key))
    }
}

/// "a or b", "a, b or c".
pub(super) fn join_or(items: &[String]) -> String {
    super::recurrence::join_words(items, "or")
}

/// "a and b", "a, b and c".
pub(super) fn join_and(items: &[String]) -> String {
    super::recurrence::join_words(items, "and")
}

/// Upper-cases the first letter.
pub(super) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn conditions_words(conditions: &Conditions, names: &Names) -> Option<String> {
    let groups: Vec<(usize, String)> = conditions
        .groups
        .iter()
        .filter(|g| !g.conditions.is_empty())
        .map(|g| {
            let parts: Vec<String> = g
                .conditions
                .iter()
                .map(|c| {
                    let words = condition::words(c, names);
                    let mut chars = words.chars();
                    chars
                        .next()
                        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
                })
                .collect();
            let joined = super::recurrence::join_words(&parts, g.combine.word());
            (parts.len(), joined)
        })
        .collect();
    match groups.as_slice() {
        [] => None,
        [(_, one)] => Some(one.clone()),
        many => {
            let parts: Vec<String> = many
                .iter()
                .map(|(n, g)| if *n > 1 { format!("({g})") } else { g.clone() })
                .collect();
            Some(super::recurrence::join_words(
                &parts,
                conditions.combine.word(),
            ))
        }
    }
}

/// The rule in one sentence, for the rule list.
pub fn describe(rule: &Rule, catalog: Catalog) -> String {
    let names = Names::for_rule(rule, catalog);
    let mut sentence = trigger::words(&rule.trigger, &rule.scope, &names);
    if let Some(conditions) = conditions_words(&rule.conditions, &names) {
        sentence.push_str(", if ");
        sentence.push_str(&conditions);
    }
    let actions: Vec<String> = rule
        .actions
        .iter()
        .map(|a| action::words(a, &names))
        .collect();
    if actions.is_empty() {
        sentence.push_str(", do nothing yet");
    } else {
        sentence.push_str(", ");
        sentence.push_str(&join_and(&actions));
    }
    sentence
}

/// The trigger in words, for the rule list's "When" column and the run log.
pub fn describe_trigger(rule: &Rule, catalog: Catalog) -> String {
    let names = Names::for_rule(rule, catalog);
    trigger::words(&rule.trigger, &rule.scope, &names)
}
