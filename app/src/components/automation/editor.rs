//! The rule editor: name and scope, then When / If / Then, with the rule read back as a
//! sentence and every problem shown next to its cause as it is typed — the same checks the
//! server makes when the rule is saved. Preview and "try on one item" apply nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::actions::ActionsEditor;
use super::conditions::ConditionsEditor;
use super::runs::RunList;
use super::trigger::TriggerEditor;
use super::{Editing, SELECT};
use crate::api::automation::{
    preview_rule, save_rule, try_rule, PreviewView, RuleContext, RunView,
};
use crate::components::error_view::ErrorView;
use crate::components::forms::{
    CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON, SUCCESS,
};
use crate::domain::automation::{describe, validate, Rule, Scope};
use crate::domain::{ItemId, WorkflowId};
use crate::error::AppError;

/// Edits `rule` (id 0: a new one); `saved` hears of each save.
#[component]
pub fn RuleEditor(
    rule: Rule,
    context: RuleContext,
    can_edit: bool,
    today: chrono::NaiveDate,
    #[prop(optional)] saved: Option<Callback<Rule>>,
) -> impl IntoView {
    let is_new = rule.id.0 == 0;
    let rule = RwSignal::new(rule);
    let context = StoredValue::new(context);
    let problems = Memo::new(move |_| {
        rule.with(|r| {
            context.with_value(|c| {
                validate(
                    r,
                    crate::domain::automation::Catalog {
                        workflows: &c.workflows,
                        people: &c.people,
                        campaigns: &c.campaigns,
                        endpoints: &c.endpoints,
                    },
                )
            })
        })
    });
    let scope = Memo::new(move |_| rule.with(|r| r.scope.workflow().cloned()));
    let editing = Editing {
        rule,
        context,
        problems,
        scope,
        can_edit,
    };
    let sentence = Memo::new(move |_| rule.with(|r| editing.with_catalog(|c| describe(r, c))));
    let error = RwSignal::new(None::<AppError>);
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let preview = RwSignal::new(None::<PreviewView>);
    let trial = RwSignal::new(None::<RunView>);
    let trial_item = RwSignal::new(String::new());
    let navigate = use_navigate();

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = rule.get_untracked();
        busy.set(true);
        error.set(None);
        status.set(String::new());
        let navigate = navigate.clone();
        spawn_local(async move {
            match save_rule(draft).await {
                Ok(stored) => {
                    status.set(format!(
                        "Saved “{}” as version {}.",
                        stored.name, stored.version
                    ));
                    if is_new {
                        navigate(&format!("/automations/{}", stored.id), Default::default());
                    } else {
                        rule.set(stored.clone());
                    }
                    if let Some(saved) = saved {
                        saved.run(stored);
                    }
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let run_preview = move |_| {
        let draft = rule.get_untracked();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match preview_rule(draft).await {
                Ok(p) => preview.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let run_trial = move |_| {
        let draft = rule.get_untracked();
        let Ok(id) = trial_item
            .get_untracked()
            .trim()
            .trim_start_matches('#')
            .parse::<i64>()
        else {
            error.set(Some(AppError::validation(
                "item",
                "Enter the number of an item, e.g. 42 (it is in the item's address).",
            )));
            return;
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match try_rule(draft, ItemId(id)).await {
                Ok(run) => trial.set(Some(run)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let workflows = context.with_value(|c| {
        c.workflows
            .iter()
            .map(|w| (w.id.clone(), w.name.clone()))
            .collect::<Vec<_>>()
    });
    let current_scope = rule.with_untracked(|r| r.scope.workflow().cloned());
    let disabled = !can_edit;
    view! {
        <form class=format!("{CARD} space-y-6") on:submit=save aria-label="Rule">
            {(!can_edit).then(|| view! { <p class=HINT>"Managers and admins change rules; you can read this one and its runs."</p> })}
            <div class="grid gap-4 sm:grid-cols-2">
                <div>
                    <label for="rule-name" class=LABEL>"Name"</label>
                    <input id="rule-name" class=INPUT required disabled=disabled maxlength="100"
                        prop:value=rule.with_untracked(|r| r.name.clone())
                        on:input=move |ev| { let name = event_target_value(&ev); rule.update(|r| r.name = name); }/>
                </div>
                <div>
                    <label for="rule-scope" class=LABEL>"Listens to"</label>
                    <select id="rule-scope" class=SELECT disabled=disabled on:change=move |ev| {
                        let value = event_target_value(&ev);
                        rule.update(|r| r.scope = if value.is_empty() { Scope::Workspace } else { Scope::Workflow(WorkflowId(value)) });
                    }>
                        <option value="" selected=current_scope.is_none()>"Every workflow"</option>
                        {workflows.into_iter().map(|(id, name)| {
                            let selected = current_scope.as_ref() == Some(&id);
                            view! { <option value=id.to_string() selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <TriggerEditor editing today/>
            <ConditionsEditor editing/>
            <ActionsEditor editing/>
            <section aria-labelledby="rule-reads" class="rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-800/60">
                <h3 id="rule-reads" class="font-medium">"The rule reads"</h3>
                <p class="mt-1" data-testid="rule-sentence">{move || sentence.get()}</p>
                <p class="mt-1 text-xs" role="status">{move || match problems.with(Vec::len) {
                    0 => "No problems: it can be saved.".to_owned(),
                    1 => "1 problem to fix before it can be saved.".to_owned(),
                    n => format!("{n} problems to fix before it can be saved."),
                }}</p>
            </section>
            <div class="space-y-2" aria-live="polite">
                {move || error.get().map(|error| view! { <ErrorView error/> })}
                {move || (!status.get().is_empty()).then(|| view! { <p role="status" class=SUCCESS>{status.get()}</p> })}
            </div>
            {can_edit.then(|| view! {
                <div class="flex flex-wrap items-end gap-3">
                    <button type="submit" class=PRIMARY_BUTTON disabled=move || busy.get()>
                        {if is_new { "Save the rule (switched off)" } else { "Save changes" }}
                    </button>
                    <button type="button" class=SECONDARY_BUTTON disabled=move || busy.get() on:click=run_preview>"Preview the last 30 days"</button>
                    <div class="flex items-end gap-2">
                        <div>
                            <label for="trial-item" class="text-xs font-medium text-slate-600 dark:text-slate-400">"Item number"</label>
                            <input id="trial-item" class=format!("{INPUT} w-28") inputmode="numeric" prop:value=move || trial_item.get()
                                on:input=move |ev| trial_item.set(event_target_value(&ev))/>
                        </div>
                        <button type="button" class=SECONDARY_BUTTON disabled=move || busy.get() on:click=run_trial>"Try on this item"</button>
                    </div>
                </div>
            })}
        </form>
        {move || trial.get().map(|run| view! {
            <section aria-labelledby="trial-heading" class=format!("{CARD} mt-4")>
                <h2 id="trial-heading" class="text-lg font-semibold">"On this item, now"</h2>
                <p class=HINT>"What the rule would do if it were set off now. Nothing was changed."</p>
                <RunList runs=vec![run] show_rule=false/>
            </section>
        })}
        {move || preview.get().map(|p| view! {
            <section aria-labelledby="preview-heading" class=format!("{CARD} mt-4")>
                <h2 id="preview-heading" class="text-lg font-semibold">"Preview"</h2>
                <p class=HINT>{format!("{}. Nothing was changed.", p.considered)}</p>
                <p class="mt-2 text-sm">{match (p.runs.len(), p.not_met) {
                    (0, 0) => "It would not have been set off.".to_owned(),
                    (0, n) => format!("It would have been set off {n} times, but its conditions did not hold."),
                    (runs, 0) => format!("It would have acted {runs} times:"),
                    (runs, n) => format!("It would have acted {runs} times (and {n} more times its conditions did not hold):"),
                }}</p>
                <RunList runs=p.runs show_rule=false/>
            </section>
        })}
    }
}
