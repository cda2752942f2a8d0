//! `/automations`: every rule in words with how it has been running, the newest runs, and
//! (for managers) "New rule". `/automations/new` and `/automations/<id>`: the editor.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::PageHeader;
use crate::api::automation::{
    archive_rule, get_automations, get_rule, get_rule_context, switch_rule, RuleDetail, RuleSummary,
};
use crate::components::automation::editor::RuleEditor;
use crate::components::automation::runs::RunList;
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, HINT, PRIMARY_BUTTON, SECONDARY_BUTTON};
use crate::components::session::{signed_in, use_session};
use crate::domain::automation::{Conditions, Rule, RuleId, Scope, Trigger};
use crate::domain::words;
use crate::error::AppError;

const OUTCOMES: [(&str, &str); 5] = [
    ("", "Every run"),
    ("done", "Done"),
    ("refused", "Refused"),
    ("failed", "Failed"),
    ("skipped", "Did nothing"),
];

fn outcome_filter() -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("outcome").filter(|o| !o.is_empty()))
}

#[component]
fn OutcomeFilter(base: String, current: Option<String>) -> impl IntoView {
    view! {
        <nav aria-label="Runs to show" class="flex flex-wrap gap-1 text-sm">
            {OUTCOMES.into_iter().map(|(key, words)| {
                let href = if key.is_empty() { base.clone() } else { format!("{base}?outcome={key}") };
                let here = current.as_deref().unwrap_or("") == key;
                view! {
                    <a href=href aria-current=here.then_some("page")
                        class="rounded-md px-2 py-1 hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-800 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-indigo-950 dark:aria-[current=page]:text-indigo-200">{words}</a>
                }
            }).collect_view()}
        </nav>
    }
}

/// `/automations`.
#[component]
pub fn AutomationsPage() -> impl IntoView {
    let outcome = outcome_filter();
    let page = Resource::new(move || outcome.get(), get_automations);
    view! {
        <Title text="Automations"/>
        <PageHeader title="Automations" subtitle="Rules that run by themselves: when something happens, if it fits, do the next steps — through the same gates people pass."/>
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! {
                        <div class="space-y-6">
                            <div class="flex flex-wrap items-center justify-between gap-3">
                                <p class="text-sm text-slate-600 dark:text-slate-400">{format!("{} rules, {} switched on.", page.rules.len(), page.rules.iter().filter(|r| r.enabled).count())}
                                    {(page.waiting > 0).then(|| format!(" {} changes are waiting to be looked at.", page.waiting))}</p>
                                {page.can_edit.then(|| view! { <a href="/automations/new" class=PRIMARY_BUTTON>"New rule"</a> })}
                            </div>
                            <ul class="grid gap-3 md:grid-cols-2" aria-label="Rules">
                                {page.rules.into_iter().map(|r| view! { <RuleCard rule=r/> }).collect_view()}
                            </ul>
                            <section aria-labelledby="runs-heading" class=CARD>
                                <div class="flex flex-wrap items-center justify-between gap-2">
                                    <h2 id="runs-heading" class="text-lg font-semibold">"Recent runs"</h2>
                                    <OutcomeFilter base="/automations".into() current=outcome.get_untracked()/>
                                </div>
                                <RunList runs=page.recent show_rule=true/>
                            </section>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RuleCard(rule: RuleSummary) -> impl IntoView {
    let state = match (&rule.paused_reason, rule.enabled) {
        (_, true) => "On".to_owned(),
        (Some(_), false) => "Paused itself".to_owned(),
        (None, false) => "Off".to_owned(),
    };
    view! {
        <li class=format!("{CARD} !p-4")>
            <div class="flex items-start justify-between gap-2">
                <h3 class="font-semibold"><a href=format!("/automations/{}", rule.id) class="hover:underline">{rule.name.clone()}</a></h3>
                <span class=if rule.enabled { "rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" } else { "rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300" }>{state}</span>
            </div>
            <p class="mt-1 text-sm">{rule.sentence.clone()}</p>
            {rule.paused_reason.clone().map(|why| view! { <p class="mt-1 text-xs text-amber-800 dark:text-amber-200">{why}</p> })}
            <p class="mt-2 text-xs text-slate-500 dark:text-slate-400">
                {format!("{} · {} runs this week · ", rule.scope, rule.runs_this_week)}
                {rule.last_run.map_or_else(|| "never ran".to_owned(), |at| format!("last ran {}", words::moment(at)))}
                {rule.owner.map(|o| format!(" · owner {}", o.name))}
                {rule.builtin.then_some(" · suggested by Baton")}
            </p>
        </li>
    }
}

/// `/automations/new`.
#[component]
pub fn NewRulePage() -> impl IntoView {
    let session = use_session();
    let context = Resource::new(|| (), |_| get_rule_context());
    view! {
        <Title text="New rule"/>
        <PageHeader title="New rule" subtitle="It is saved switched off: preview it, then switch it on."/>
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let me = signed_in(&session.status.await);
                match (context.await, me) {
                    (Ok(context), Some(me)) => {
                        let can_edit = matches!(me.role, crate::domain::Role::Manager | crate::domain::Role::Admin);
                        let rule = Rule {
                            id: RuleId(0),
                            name: String::new(),
                            scope: context.workflows.first().map_or(Scope::Workspace, |w| Scope::Workflow(w.id.clone())),
                            owner: me.id,
                            enabled: false,
                            version: 0,
                            trigger: Trigger::EnteredStage { stage: None },
                            conditions: Conditions::none(),
                            actions: Vec::new(),
                        };
                        let today = context.today;
                        view! { <RuleEditor rule context can_edit today/> }.into_any()
                    }
                    (Err(error), _) => view! { <ErrorView error/> }.into_any(),
                    (_, None) => view! { <ErrorView error=AppError::Unauthorized/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// `/automations/<id>`.
#[component]
pub fn RulePage() -> impl IntoView {
    let params = use_params_map();
    let outcome = outcome_filter();
    let reload = RwSignal::new(0u32);
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .map(RuleId)
    });
    let detail = Resource::new(
        move || (id.get(), outcome.get(), reload.get()),
        |(id, outcome, _)| async move {
            match id {
                Some(id) => get_rule(id, outcome).await,
                None => Err(AppError::not_found("That rule")),
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <RuleView detail reload outcome=outcome.get_untracked()/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RuleView(detail: RuleDetail, reload: RwSignal<u32>, outcome: Option<String>) -> impl IntoView {
    let RuleDetail {
        rule,
        summary,
        context,
        runs,
        can_edit,
    } = detail;
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let (id, version, enabled) = (rule.id, rule.version, rule.enabled);
    let toggle = move |_| {
        busy.set(true);
        spawn_local(async move {
            match switch_rule(id, version, !enabled).await {
                Ok(_) => reload.update(|n| *n += 1),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let archive = move |_| {
        busy.set(true);
        spawn_local(async move {
            match archive_rule(id).await {
                Ok(()) => {
                    if let Some(window) = leptos::web_sys::window() {
                        let _ = window.location().set_href("/automations");
                    }
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let saved = Callback::new(move |_| reload.update(|n| *n += 1));
    let today = context.today;
    let title = summary.name.clone();
    view! {
        <Title text=title.clone()/>
        <div class="mb-6 flex flex-wrap items-start justify-between gap-3">
            <div>
                <p class="text-sm"><a href="/automations" class="text-indigo-700 hover:underline dark:text-indigo-300">"Automations"</a></p>
                <h1 class="text-2xl font-semibold tracking-tight">{title}</h1>
                <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">{summary.sentence.clone()}</p>
                <p class="mt-1 text-sm font-medium" role="status">{if enabled { "Switched on".to_owned() } else { match &summary.paused_reason { Some(why) => format!("Paused itself. {why}"), None => "Switched off".to_owned() } }}</p>
            </div>
            {can_edit.then(|| view! {
                <div class="flex gap-2">
                    <button type="button" class=PRIMARY_BUTTON disabled=move || busy.get() on:click=toggle>{if enabled { "Switch off" } else { "Switch on" }}</button>
                    <button type="button" class=SECONDARY_BUTTON disabled=move || busy.get() on:click=archive>"Archive"</button>
                </div>
            })}
        </div>
        <div aria-live="polite">{move || error.get().map(|error| view! { <ErrorView error/> })}</div>
        <RuleEditor rule context can_edit today saved/>
        <section aria-labelledby="log-heading" class=format!("{CARD} mt-6")>
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 id="log-heading" class="text-lg font-semibold">"Run log"</h2>
                <OutcomeFilter base=format!("/automations/{id}") current=outcome/>
            </div>
            <p class=HINT>"Every time it was set off: the conditions with their results, and each action's outcome."</p>
            <RunList runs show_rule=false/>
        </section>
    }
}
