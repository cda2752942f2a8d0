//! The run log: what each run was set off by, each condition with its result, each action
//! with its outcome.

use leptos::prelude::*;

use crate::domain::words;
use crate::views::automation::RunView;

fn outcome_class(outcome: &str) -> &'static str {
    match outcome {
        "done" => "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
        "refused" => "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
        "failed" => "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200",
        _ => "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
    }
}

fn outcome_words(outcome: &str) -> &'static str {
    match outcome {
        "done" => "Done",
        "refused" => "Refused",
        "failed" => "Failed",
        _ => "Did nothing",
    }
}

/// Runs, newest first.
#[component]
pub fn RunList(runs: Vec<RunView>, show_rule: bool) -> impl IntoView {
    if runs.is_empty() {
        return view! { <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">"No runs yet."</p> }.into_any();
    }
    view! {
        <ul class="mt-3 divide-y divide-slate-200 dark:divide-slate-800" aria-label="Runs">
            {runs.into_iter().map(|run| {
                let detail = run.detail.clone();
                let heading = match (&run.item, show_rule) {
                    (Some((id, title)), true) => format!("{} · {title} (#{id})", run.rule_name),
                    (Some((id, title)), false) => format!("{title} (#{id})"),
                    (None, true) => run.rule_name.clone(),
                    (None, false) => "No item".to_owned(),
                };
                let href = run.item.as_ref().map(|(id, _)| format!("/items/{id}"));
                view! {
                    <li class="py-3 text-sm">
                        <div class="flex flex-wrap items-baseline gap-2">
                            <span class=format!("rounded px-1.5 py-0.5 text-xs font-medium {}", outcome_class(&run.outcome))>{outcome_words(&run.outcome)}</span>
                            {match href {
                                Some(href) => view! { <a href=href class="font-medium text-indigo-700 hover:underline dark:text-indigo-300">{heading}</a> }.into_any(),
                                None => view! { <span class="font-medium">{heading}</span> }.into_any(),
                            }}
                            <time class="text-xs text-slate-500 dark:text-slate-400" datetime=run.at.to_rfc3339()>{words::moment(run.at)}</time>
                            {(run.depth > 0).then(|| view! { <span class="text-xs text-slate-500">{format!("set off by another rule ({} deep)", run.depth)}</span> })}
                        </div>
                        <p class="mt-1">{run.summary.clone()}</p>
                        <details class="mt-1">
                            <summary class="cursor-pointer text-xs text-slate-600 dark:text-slate-400">"Trigger, conditions and actions"</summary>
                            <p class="mt-1 text-xs">{detail.trigger.clone()}</p>
                            <ul class="mt-1 space-y-0.5 text-xs">
                                {detail.conditions.into_iter().map(|c| view! {
                                    <li>{if c.held { "✓ " } else { "✗ " }}{c.sentence}</li>
                                }).collect_view()}
                                {detail.steps.into_iter().map(|s| view! {
                                    <li>{format!("{}: {}", outcome_words(&s.outcome), s.action)}
                                        {(!s.reasons.is_empty()).then(|| format!(" — {}", s.reasons.join("; ")))}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </details>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
