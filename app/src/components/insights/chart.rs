//! One chart: its title, the sentence that sums it up, the figure (SVG laid out on the
//! server), the items behind a dot, the definition used, the table of its numbers and its
//! CSV download.

use leptos::prelude::*;

use crate::api::insights::{ChartView, DataTable, Spot};
use crate::components::forms::CARD;

/// The spot index of the dot an event happened on, if it was one.
fn spot_of(ev: &leptos::ev::Event) -> Option<u32> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        el.get_attribute("data-spot")?.parse().ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}

/// A chart of /insights.
#[component]
pub fn Chart(chart: ChartView) -> impl IntoView {
    let heading = format!("{}-title", chart.key);
    let labelled = heading.clone();
    let spots = StoredValue::new(chart.spots.clone());
    let shown = RwSignal::new(None::<u32>);
    let pick = move |ev: &leptos::ev::Event| {
        if let Some(spot) = spot_of(ev) {
            shown.set(Some(spot));
        }
    };
    let has_spots = !chart.spots.is_empty();
    let figure = chart.figure.clone().map(|figure| {
        let legend = figure.legend.clone();
        view! {
            <div
                class="mt-3 overflow-x-auto"
                on:click=move |ev| pick(&ev)
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Enter" || ev.key() == " " {
                        pick(&ev);
                    }
                }
                inner_html=figure.to_svg()
            ></div>
            {(!legend.is_empty()).then(|| view! {
                <ul class="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400" aria-label="Key">
                    {legend.into_iter().map(|(tone, text)| view! {
                        <li class="flex items-center gap-1.5">
                            <span aria-hidden="true" class=format!("inline-block h-2.5 w-2.5 rounded-sm {}", tone.swatch())></span>
                            {text}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {has_spots.then(|| view! {
                <p class="mt-1 text-xs text-slate-500 dark:text-slate-400">"Select a dot to list the items behind it."</p>
            })}
        }
    });
    view! {
        <section id=chart.key.clone() aria-labelledby=labelled class=CARD>
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 id=heading class="text-lg font-semibold">{chart.title.clone()}</h3>
                <a
                    href=chart.csv.clone()
                    download=""
                    rel="external"
                    class="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                >
                    {format!("Download {} as CSV", chart.title.to_lowercase())}
                </a>
            </div>
            <p class="mt-1 text-sm font-medium text-slate-800 dark:text-slate-200">{chart.summary.clone()}</p>
            {figure}
            {move || shown.get().and_then(|i| spots.with_value(|s| s.get(i as usize).cloned())).map(|spot| view! {
                <SpotList spot on_close=Callback::new(move |_| shown.set(None))/>
            })}
            <p class="mt-2 text-xs text-slate-500 dark:text-slate-400">{chart.about.clone()}</p>
            <Numbers table=chart.table.clone() title=chart.title.clone()/>
        </section>
    }
}

/// The items behind the dot that was picked.
#[component]
fn SpotList(spot: Spot, on_close: Callback<()>) -> impl IntoView {
    view! {
        <div role="region" aria-label="Items behind the dot" aria-live="polite"
            class="mt-2 rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm dark:border-indigo-900 dark:bg-indigo-950">
            <div class="flex items-start justify-between gap-2">
                <p class="font-medium">{spot.label.clone()}</p>
                <button type="button" class="rounded px-1 text-indigo-800 hover:bg-indigo-100 dark:text-indigo-200 dark:hover:bg-indigo-900"
                    aria-label="Close the list" on:click=move |_| on_close.run(())>"×"</button>
            </div>
            <ul class="mt-1 list-disc pl-5">
                {spot.items.into_iter().map(|(id, title)| view! {
                    <li><a href=format!("/items/{id}") class="text-indigo-700 hover:underline dark:text-indigo-300">{title}</a></li>
                }).collect_view()}
            </ul>
            {(spot.more > 0).then(|| view! { <p class="mt-1 text-xs">{format!("and {} more", spot.more)}</p> })}
        </div>
    }
}

/// The table of a chart's numbers, folded away until asked for.
#[component]
fn Numbers(table: DataTable, title: String) -> impl IntoView {
    if table.rows.is_empty() {
        return view! { <p class="mt-2 text-xs text-slate-500 dark:text-slate-400">"No numbers for this period."</p> }.into_any();
    }
    let more = table.more;
    view! {
        <details class="mt-3 text-sm">
            <summary class="cursor-pointer font-medium text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
                {format!("Table of the numbers ({} rows)", table.rows.len() as u32 + more)}
            </summary>
            <div class="mt-2 max-h-96 overflow-auto">
                <table class="min-w-full border-collapse text-left text-xs">
                    <caption class="sr-only">{title}</caption>
                    <thead class="sticky top-0 bg-slate-50 dark:bg-slate-800">
                        <tr>
                            {table.columns.into_iter().map(|c| view! {
                                <th scope="col" class="border-b border-slate-200 px-2 py-1 font-semibold dark:border-slate-700">{c}</th>
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {table.rows.into_iter().map(|row| view! {
                            <tr class="odd:bg-white even:bg-slate-50 dark:odd:bg-slate-900 dark:even:bg-slate-950">
                                {row.into_iter().map(|cell| view! {
                                    <td class="border-b border-slate-100 px-2 py-1 align-top dark:border-slate-800">
                                        {match cell.href {
                                            Some(href) => view! { <a href=href class="text-indigo-700 hover:underline dark:text-indigo-300">{cell.text}</a> }.into_any(),
                                            None => cell.text.into_any(),
                                        }}
                                    </td>
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(more > 0).then(|| view! {
                <p class="mt-1 text-xs text-slate-500 dark:text-slate-400">{format!("and {more} more rows in the CSV")}</p>
            })}
        </details>
    }
    .into_any()
}
