//! The pieces of /insights: what to look at (workflow, period, comparison, filters), the
//! start stage setting, and the charts.

mod chart;

pub use chart::Chart;

use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::insights::{
    set_start_stage, InsightsQuery, InsightsView, StartStageView, ALL_WORKFLOWS, PERIOD_WEEKS,
};
use crate::components::error_view::ErrorView;
use crate::components::filters::{FacetSelects, SELECT};
use crate::components::forms::{LABEL, SECONDARY_BUTTON};
use crate::domain::filter::ItemFilter;
use crate::domain::WorkflowId;

fn selected(on: bool) -> Option<&'static str> {
    on.then_some("")
}

fn date_value(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Goes to /insights for a changed query, keeping the scroll position.
fn use_go(query: InsightsQuery) -> impl Fn(&dyn Fn(&mut InsightsQuery)) + Clone {
    let navigate = use_navigate();
    move |change: &dyn Fn(&mut InsightsQuery)| {
        let mut next = query.clone();
        change(&mut next);
        navigate(
            &next.href(),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    }
}

/// Workflow, period, comparison and filters, all kept in the address.
#[component]
pub fn Controls(view: InsightsView) -> impl IntoView {
    let query = view.query.clone();
    let go = use_go(query.clone());
    let custom = query.from.is_some();
    let weeks = query.weeks.unwrap_or(crate::api::insights::DEFAULT_WEEKS);
    let custom_period = RwSignal::new(custom);
    let (from, to) = (
        RwSignal::new(date_value(Some(view.period.first))),
        RwSignal::new(date_value(Some(view.period.last))),
    );
    let compare_value = if query.compare_from.is_some() {
        view.versions
            .iter()
            .find(|v| {
                query.from == Some(v.saved_on)
                    && query.compare_to == Some(v.saved_on - Duration::days(1))
            })
            .map_or("custom".to_owned(), |v| format!("v{}", v.version))
    } else if query.compare {
        "previous".to_owned()
    } else {
        String::new()
    };
    let today = view.today;
    let versions = view.versions.clone();
    let (go_workflow, go_period, go_apply, go_compare, go_facets, go_team) = (
        go.clone(),
        go.clone(),
        go.clone(),
        go.clone(),
        go.clone(),
        go,
    );
    let current = query.workflow.clone().unwrap_or_default();
    let facets = ItemFilter {
        channel: query.channel,
        campaign: query.campaign,
        workflow: None,
        owner: query.owner,
    };
    view! {
        <form
            role="search"
            aria-label="Choose what to look at"
            on:submit=|ev| ev.prevent_default()
            class="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-4 lg:grid-cols-7 dark:border-slate-800 dark:bg-slate-900"
        >
            <div class="col-span-2 sm:col-span-1">
                <label for="insights-workflow" class=LABEL>"Workflow"</label>
                <select id="insights-workflow" class=SELECT on:change=move |ev| {
                    let value = event_target_value(&ev);
                    go_workflow(&move |q| q.workflow = Some(WorkflowId(value.clone())));
                }>
                    {view.workflows.iter().map(|w| view! {
                        <option value=w.id.to_string() selected=selected(current == w.id)>{w.name.clone()}</option>
                    }).collect_view()}
                    <option value=ALL_WORKFLOWS selected=selected(current.as_str() == ALL_WORKFLOWS)>"All workflows"</option>
                </select>
            </div>
            <div>
                <label for="insights-period" class=LABEL>"Period"</label>
                <select id="insights-period" class=SELECT on:change=move |ev| {
                    let value = event_target_value(&ev);
                    if value == "custom" {
                        custom_period.set(true);
                        return;
                    }
                    custom_period.set(false);
                    let weeks = value.parse::<u32>().ok();
                    go_period(&move |q| {
                        q.weeks = weeks;
                        q.from = None;
                        q.to = None;
                    });
                }>
                    {PERIOD_WEEKS.into_iter().map(|w| view! {
                        <option value=w.to_string() selected=selected(!custom && w == weeks)>{format!("Last {w} weeks")}</option>
                    }).collect_view()}
                    <option value="custom" selected=selected(custom)>"Dates of my choice"</option>
                </select>
            </div>
            <Show when=move || custom_period.get()>
                {
                    let go_apply = go_apply.clone();
                    view! {
                        <div class="col-span-2 flex flex-wrap items-end gap-2">
                            <div>
                                <label for="insights-from" class=LABEL>"From"</label>
                                <input id="insights-from" type="date" class=SELECT prop:value=move || from.get()
                                    on:change=move |ev| from.set(event_target_value(&ev))/>
                            </div>
                            <div>
                                <label for="insights-to" class=LABEL>"To"</label>
                                <input id="insights-to" type="date" class=SELECT prop:value=move || to.get()
                                    on:change=move |ev| to.set(event_target_value(&ev))/>
                            </div>
                            <button type="button" class=SECONDARY_BUTTON on:click=move |_| {
                                let (first, last) = (parse_date(&from.get_untracked()), parse_date(&to.get_untracked()));
                                go_apply(&move |q| {
                                    q.from = first;
                                    q.to = last;
                                    q.weeks = None;
                                });
                            }>"Show these dates"</button>
                        </div>
                    }
                }
            </Show>
            <div>
                <label for="insights-compare" class=LABEL>"Compare with"</label>
                <select id="insights-compare" class=SELECT on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let versions = versions.clone();
                    go_compare(&move |q| {
                        q.compare = value == "previous";
                        q.compare_from = None;
                        q.compare_to = None;
                        if let Some(v) = value.strip_prefix('v').and_then(|n| n.parse::<u32>().ok()) {
                            if let Some(mark) = versions.iter().find(|m| m.version == v) {
                                // The days since the version was saved, against as many days before.
                                let days = (today - mark.saved_on).num_days().max(0) + 1;
                                q.from = Some(mark.saved_on);
                                q.to = Some(today);
                                q.weeks = None;
                                q.compare_from = Some(mark.saved_on - Duration::days(days));
                                q.compare_to = Some(mark.saved_on - Duration::days(1));
                            }
                        }
                    });
                }>
                    <option value="" selected=selected(compare_value.is_empty())>"Nothing"</option>
                    <option value="previous" selected=selected(compare_value == "previous")>"The period before"</option>
                    {view.versions.iter().map(|v| {
                        let value = format!("v{}", v.version);
                        let on = compare_value == value;
                        view! {
                            <option value=value selected=selected(on)>
                                {format!("Before version {} (saved {})", v.version, crate::domain::words::day(v.saved_on))}
                            </option>
                        }
                    }).collect_view()}
                    {(compare_value == "custom").then(|| view! { <option value="custom" selected="">"The dates in the address"</option> })}
                </select>
            </div>
            <FacetSelects
                id_prefix="insights"
                filter=facets
                people=view.people.clone()
                campaigns=view.campaigns.clone()
                on_change=Callback::new(move |f: ItemFilter| go_facets(&move |q: &mut InsightsQuery| {
                    q.channel = f.channel;
                    q.campaign = f.campaign;
                    q.owner = f.owner;
                }))
            />
            <div>
                <label for="insights-team" class=LABEL>"Team"</label>
                <select id="insights-team" class=SELECT on:change=move |ev| {
                    let value = event_target_value(&ev);
                    go_team(&move |q| q.team = (!value.is_empty()).then(|| value.clone()));
                }>
                    <option value="" selected=selected(query.team.is_none())>"Any team"</option>
                    {view.teams.iter().map(|t| view! {
                        <option value=t.clone() selected=selected(query.team.as_deref() == Some(t.as_str()))>{t.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
        </form>
    }
}

/// Where the workflow's work starts, changeable by managers.
#[component]
pub fn StartStage(start: StartStageView, on_saved: Callback<()>) -> impl IntoView {
    let current_name = start
        .stages
        .iter()
        .find(|(k, _)| *k == start.current)
        .map(|(_, n)| n.clone())
        .unwrap_or_default();
    if !start.can_change {
        return view! {
            <p class="text-sm text-slate-600 dark:text-slate-400">
                {format!("Cycle time counts from entering {current_name} (managers can change this).")}
            </p>
        }
        .into_any();
    }
    let choice = RwSignal::new(start.current.to_string());
    let error = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let workflow = start.workflow.clone();
    let save = move |_| {
        let workflow = workflow.clone();
        let stage = crate::domain::StageKey(choice.get_untracked());
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match set_start_stage(workflow, stage).await {
                Ok(_) => on_saved.run(()),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="flex flex-wrap items-end gap-2 text-sm">
            <div>
                <label for="insights-start" class=LABEL>"Work starts at"</label>
                <select id="insights-start" class=SELECT on:change=move |ev| choice.set(event_target_value(&ev))>
                    {start.stages.iter().map(|(key, name)| view! {
                        <option value=key.to_string() selected=selected(*key == start.current)>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="button" class=SECONDARY_BUTTON disabled=move || busy.get() on:click=save>"Save start stage"</button>
            <p class="basis-full text-xs text-slate-500 dark:text-slate-400">
                "Cycle time, aging and forecasts count from the first time an item enters this stage."
            </p>
            {move || error.get().map(|error| view! { <ErrorView error/> })}
        </div>
    }
    .into_any()
}

/// A group of charts under a heading.
#[component]
pub fn ChartGroup(
    id: &'static str,
    title: &'static str,
    charts: Vec<crate::api::insights::ChartView>,
) -> impl IntoView {
    let heading = format!("{id}-heading");
    let labelled = heading.clone();
    view! {
        <section aria-labelledby=labelled class="mt-8">
            <h2 id=heading class="text-xl font-semibold tracking-tight">{title}</h2>
            <div class="mt-3 grid gap-4 xl:grid-cols-2">
                {charts.into_iter().map(|chart| view! { <Chart chart/> }).collect_view()}
            </div>
        </section>
    }
}

/// "How many by …": the date the forecast counts to.
#[component]
pub fn HowManyBy(query: InsightsQuery, by: Option<NaiveDate>) -> impl IntoView {
    let go = use_go(query);
    let value = RwSignal::new(date_value(by));
    view! {
        <div class="flex flex-wrap items-end gap-2 text-sm">
            <div>
                <label for="insights-by" class=LABEL>"How many by"</label>
                <input id="insights-by" type="date" class=SELECT prop:value=move || value.get()
                    on:change=move |ev| value.set(event_target_value(&ev))/>
            </div>
            <button type="button" class=SECONDARY_BUTTON on:click=move |_| {
                let by = parse_date(&value.get_untracked());
                go(&move |q| q.by = by);
            }>"Forecast to this date"</button>
        </div>
    }
}
