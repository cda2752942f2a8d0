//! `/insights`: is the workflow working? Flow metrics from the activity trail, delivery,
//! forecasts and early warnings, any two periods side by side — with the workflow, the
//! period and the filters in the URL.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::insights::{get_insights, InsightsQuery, InsightsView};
use crate::components::error_view::ErrorView;
use crate::components::forms::CARD;
use crate::components::insights::{Chart, ChartGroup, Controls, HowManyBy, StartStage};

/// `/insights`.
#[component]
pub fn InsightsPage() -> impl IntoView {
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        let q = query.read();
        InsightsQuery::from_query(|key| q.get(key))
    });
    let data = Resource::new(move || asked.get(), get_insights);
    let reload = Callback::new(move |_| data.refetch());
    view! {
        <Title text="Insights"/>
        <div class="mb-4">
            <h1 class="text-2xl font-semibold tracking-tight">"Insights"</h1>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                "Is the workflow working? Cycle time, throughput, where items wait, on-time delivery, fixes and forecasts — all worked out from the activity trail."
            </p>
        </div>
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Working out the numbers…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Report view reload/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Report(view: InsightsView, reload: Callback<()>) -> impl IntoView {
    let period = view.period.label.clone();
    let compared = view.compared.as_ref().map(|c| c.label.clone());
    let exports = view.exports.clone();
    view! {
        <Controls view=view.clone()/>
        <div class="mt-3 flex flex-wrap items-start justify-between gap-3">
            <p class="text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
                <span class="font-medium">{format!("Showing {period}")}</span>
                {compared.map(|c| format!(", compared with {c}"))}
                "."
            </p>
            {view.start.clone().map(|start| view! { <StartStage start on_saved=reload/> })}
        </div>
        {view.comparison.clone().map(|chart| view! {
            <section aria-labelledby="comparison-heading" class="mt-6">
                <h2 id="comparison-heading" class="sr-only">"Comparison"</h2>
                <Chart chart/>
            </section>
        })}
        <ChartGroup id="flow" title="How the work flows" charts=view.flow.clone()/>
        <ChartGroup id="delivery" title="How it is delivered" charts=view.delivery.clone()/>
        <section aria-labelledby="forecasts-heading" class="mt-8">
            <div class="flex flex-wrap items-end justify-between gap-3">
                <h2 id="forecasts-heading" class="text-xl font-semibold tracking-tight">"What comes next"</h2>
                <HowManyBy query=view.query.clone() by=view.query.by/>
            </div>
            <div class="mt-3 grid gap-4 xl:grid-cols-2">
                {view.forecasts.clone().into_iter().map(|chart| view! { <Chart chart/> }).collect_view()}
            </div>
        </section>
        <section aria-labelledby="exports-heading" class=format!("mt-8 {CARD}")>
            <h2 id="exports-heading" class="text-lg font-semibold">"The activity trail, out"</h2>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                "Every event of the period (item, workflow, stages, who, when, field changes, decisions), and one row per item, for your own analysis."
            </p>
            <ul class="mt-2 space-y-1 text-sm">
                {exports.into_iter().map(|(label, href)| view! {
                    <li><a href=href download="" rel="external" class="font-medium text-indigo-700 hover:underline dark:text-indigo-300">{label}</a></li>
                }).collect_view()}
            </ul>
        </section>
        <Glossary/>
    }
}

/// What each number means, as the page works them out.
#[component]
fn Glossary() -> impl IntoView {
    const TERMS: [(&str, &str); 9] = [
        ("Cycle time", "Calendar days from the first time an item enters the workflow's start stage to reaching its last stage, both days counted. P50, P70, P85 and P95 are nearest-rank percentiles: 85 % of items finished within P85."),
        ("Throughput", "Items reaching the last stage per Monday-to-Sunday week; weeks with none count as zero."),
        ("Work in progress", "Items started and not finished. Cumulative flow counts each item in the stage it was in at the end of each day; archived unfinished items count as dropped."),
        ("Aging", "How long each open item has been in progress, against the P50 and P85 of finished items: the early warning."),
        ("Where items wait", "Time in each stage between starting and finishing, split into waiting for an approval decision and working; the bottleneck holds the most."),
        ("On time", "Reached the last stage on or before the planned publish/send/launch date, or the due date when there is none."),
        ("Post-launch fixes", "The share of finished items that needed a fix after going out, recorded on the item's page with the stage that should have caught it."),
        ("SLA performance", "Stage visits that left within their stage's SLA (business-hours SLAs count the working week), and escalations per week."),
        ("Forecasts", "10,000 seeded Monte Carlo trials drawing daily throughput from the last 90 days. An item is trending late when its chance to make its date falls under 50 %, judged from finished items that had been where it is as long. Fewer than 20 finished items or 10 days with a finish is not enough data, and the page says so."),
    ];
    view! {
        <section aria-labelledby="glossary-heading" class=format!("mt-8 {CARD}")>
            <h2 id="glossary-heading" class="text-lg font-semibold">"What the numbers mean"</h2>
            <dl class="mt-2 grid gap-3 text-sm sm:grid-cols-2">
                {TERMS.into_iter().map(|(term, meaning)| view! {
                    <div>
                        <dt class="font-medium">{term}</dt>
                        <dd class="text-slate-600 dark:text-slate-400">{meaning}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}
