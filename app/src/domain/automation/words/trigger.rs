//! Triggers in words: "When an email enters QA", "Every Monday at 09:00".

use super::super::super::definition::WorkflowKind;
use super::super::super::ids::StageKey;
use super::super::metric::MetricName;
use super::super::rule::Scope;
use super::super::trigger::{ApprovalOutcome, CreatedVia, Trigger};
use super::{capitalized, Names};

/// What the rule's items are called: ("email", "an").
fn noun(scope: &Scope, names: &Names) -> (String, &'static str) {
    let kind = scope
        .workflow()
        .and_then(|w| names.catalog.workflow(w))
        .map(|d| (d.kind, d.name.clone()));
    let word = match &kind {
        None if scope.workflow().is_none() => "item".to_owned(),
        None => format!(
            "{} item",
            scope
                .workflow()
                .map(ToString::to_string)
                .unwrap_or_default()
        ),
        Some((kind, name)) => match kind {
            WorkflowKind::Content => "content piece".to_owned(),
            WorkflowKind::Paid => "paid campaign".to_owned(),
            WorkflowKind::Email => "email".to_owned(),
            WorkflowKind::Social => "social post".to_owned(),
            WorkflowKind::Reporting => "report".to_owned(),
            WorkflowKind::Seo => "SEO item".to_owned(),
            WorkflowKind::Nurture => "lead nurturing item".to_owned(),
            WorkflowKind::IntegratedCampaign => "integrated campaign".to_owned(),
            WorkflowKind::Custom => format!("{name} item"),
        },
    };
    let article = article(&word);
    (word, article)
}

fn article(word: &str) -> &'static str {
    let first = word.chars().next().unwrap_or('x').to_ascii_lowercase();
    // Initialisms read letter by letter: "an SEO item".
    let spelled = word.starts_with("SEO");
    if "aeiou".contains(first) || spelled {
        "an"
    } else {
        "a"
    }
}

fn stage_or(names: &Names, stage: &Option<StageKey>, any: &str) -> String {
    stage
        .as_ref()
        .map_or_else(|| any.to_owned(), |s| names.stage(s))
}

fn metric_subject(metric: &MetricName, possessive: &Option<String>) -> String {
    match possessive {
        Some(whose) => format!("{whose} {}", metric.words()),
        None => {
            let words = metric.words();
            format!("{} {words}", article(&words))
        }
    }
}

/// The trigger in words, starting with "When" (or the schedule).
pub(in super::super) fn words(trigger: &Trigger, scope: &Scope, names: &Names) -> String {
    let (word, a) = noun(scope, names);
    let one = format!("{a} {word}");
    let whose = format!("{one}'s");
    match trigger {
        Trigger::ItemCreated { via } => {
            let how = match via {
                None => "",
                Some(CreatedVia::Manual) => " by hand",
                Some(CreatedVia::Template) => " from a template",
                Some(CreatedVia::Intake) => " from an intake form",
                Some(CreatedVia::Hook) => " by an inbound hook",
                Some(CreatedVia::Automation) => " by a rule",
            };
            format!("When {one} is created{how}")
        }
        Trigger::EnteredStage { stage } => {
            format!("When {one} enters {}", stage_or(names, stage, "any stage"))
        }
        Trigger::LeftStage { stage } => {
            format!("When {one} leaves {}", stage_or(names, stage, "any stage"))
        }
        Trigger::FieldChanged { field: Some(f) } => {
            format!("When {whose} {} changes", names.field(f))
        }
        Trigger::FieldChanged { field: None } => format!("When any field of {one} changes"),
        Trigger::ApprovalDecided { outcome } => match outcome {
            Some(ApprovalOutcome::Approved) => format!("When {one} is approved"),
            Some(ApprovalOutcome::ChangesRequested) => {
                format!("When changes are requested on {one}")
            }
            None => format!("When an approver decides on {one}"),
        },
        Trigger::ChecklistCompleted { stage: Some(s) } => {
            format!("When the {} checklist of {one} is complete", names.stage(s))
        }
        Trigger::ChecklistCompleted { stage: None } => {
            format!("When a stage checklist of {one} is complete")
        }
        Trigger::DueWithin { hours } => format!("When {one} is due within {hours} h"),
        Trigger::OverdueBy { hours: 0 } => format!("When {one} becomes overdue"),
        Trigger::OverdueBy { hours } => format!("When {one} is {hours} h overdue"),
        Trigger::AfterPublish { hours } => format!("{hours} h after {one} is published"),
        Trigger::SlaReminder { stage } => format!(
            "When 75 % of {whose} time in {} is used",
            stage_or(names, stage, "a stage")
        ),
        Trigger::SlaBreached { stage } => format!(
            "When {one} runs out of time in {}",
            stage_or(names, stage, "a stage")
        ),
        Trigger::Schedule {
            recurrence,
            for_each_item,
            ..
        } => {
            let when = capitalized(&recurrence.to_words());
            if *for_each_item {
                format!("{when}, for each active {word}")
            } else {
                when
            }
        }
        Trigger::MetricCrossed(threshold) => {
            let possessive = scope.workflow().map(|_| whose.clone());
            let mut text = format!(
                "When {} is recorded {} {}",
                metric_subject(&threshold.metric, &possessive),
                threshold.bound.words(),
                threshold.metric.value_words(threshold.value)
            );
            if let Some(hours) = threshold.within_hours_of_launch {
                text.push_str(&format!(" within {hours} h of launch"));
            }
            text
        }
    }
}
