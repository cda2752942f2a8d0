//! An item's Results: what was measured after it went out (open rate, CTR, CPA, leads —
//! any number the team names), recorded by people here or by tools through a hook; and
//! what automation did to the item, rule by rule.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::automation::{get_item_automation, record_result};
use crate::components::automation::runs::RunList;
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, HINT, INPUT, LABEL, SECONDARY_BUTTON};
use crate::domain::{words, ItemId};
use crate::error::AppError;

/// The Results section and the item's automation runs.
#[component]
pub fn Results(id: ItemId, can_work: bool) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let data = Resource::new(move || reload.get(), move |_| get_item_automation(id));
    let metric = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let at = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(number) = value
            .get_untracked()
            .trim()
            .replace(',', ".")
            .trim_end_matches('%')
            .trim()
            .parse::<f64>()
        else {
            error.set(Some(AppError::validation(
                "value",
                "The value must be a number, e.g. 12.5 for 12.5 %.",
            )));
            return;
        };
        let when = at.get_untracked();
        let when = (!when.is_empty())
            .then(|| {
                chrono::NaiveDateTime::parse_from_str(&when, "%Y-%m-%dT%H:%M")
                    .ok()
                    .map(|t| t.and_utc())
            })
            .flatten();
        let name = metric.get_untracked();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match record_result(id, name, number, when).await {
                Ok(_) => {
                    value.set(String::new());
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="results-heading" class=CARD>
            <h3 id="results-heading" class="font-semibold">"Results"</h3>
            <p class=HINT>"What was measured once it went out. A rule can act when a result crosses a threshold."</p>
            <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! {
                            {if data.results.is_empty() {
                                view! { <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">"No results recorded yet."</p> }.into_any()
                            } else {
                                view! {
                                    <table class="mt-2 w-full text-left text-sm">
                                        <caption class="sr-only">"Results of this item"</caption>
                                        <thead class="text-xs text-slate-500 dark:text-slate-400">
                                            <tr><th scope="col">"Metric"</th><th scope="col">"Value"</th><th scope="col">"Measured"</th><th scope="col">"By"</th></tr>
                                        </thead>
                                        <tbody>
                                            {data.results.into_iter().map(|r| view! {
                                                <tr class="border-t border-slate-100 dark:border-slate-800">
                                                    <td class="py-1">{r.metric}</td>
                                                    <td class="py-1 tabular-nums">{r.value}</td>
                                                    <td class="py-1">{words::moment(r.at)}</td>
                                                    <td class="py-1">{r.by}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any()
                            }}
                            {(!data.runs.is_empty()).then(|| view! {
                                <details class="mt-3">
                                    <summary class="cursor-pointer text-sm font-medium">{match data.runs.len() {
                                        1 => "By automation (1 run)".to_owned(),
                                        n => format!("By automation ({n} runs)"),
                                    }}</summary>
                                    <RunList runs=data.runs show_rule=true/>
                                </details>
                            })}
                        }.into_any(),
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })}
            </Transition>
            {can_work.then(|| view! {
                <form class="mt-3 grid gap-2 sm:grid-cols-[1fr_8rem_12rem_auto] sm:items-end" on:submit=record aria-label="Record a result">
                    <div>
                        <label for="result-metric" class=LABEL>"Metric"</label>
                        <input id="result-metric" class=INPUT list="result-metrics" placeholder="open_rate" required maxlength="60"
                            prop:value=move || metric.get() on:input=move |ev| metric.set(event_target_value(&ev))/>
                        <datalist id="result-metrics">
                            {["open_rate", "click_rate", "ctr", "cpa", "cpc", "unsubscribe_rate", "conversion_rate", "lead_score", "leads"]
                                .into_iter().map(|m| view! { <option value=m/> }).collect_view()}
                        </datalist>
                    </div>
                    <div>
                        <label for="result-value" class=LABEL>"Value"</label>
                        <input id="result-value" class=INPUT inputmode="decimal" required prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                    </div>
                    <div>
                        <label for="result-at" class=LABEL>"Measured (UTC, optional)"</label>
                        <input id="result-at" type="datetime-local" class=INPUT prop:value=move || at.get() on:input=move |ev| at.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class=SECONDARY_BUTTON disabled=move || busy.get()>"Record result"</button>
                </form>
                <div aria-live="polite">{move || error.get().map(|error| view! { <ErrorView error/> })}</div>
            })}
        </section>
    }
}
