//! The board's filter bar: text, the shared channel/campaign/owner selects, due date, written into
//! the URL so the filtered board can be shared and survives a reload.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::board::BoardView;
use crate::components::filters::{FacetSelects, SELECT};
use crate::components::forms::LABEL;
use crate::domain::filter::{board_href, BoardFilter, DueFilter, ItemFilter};

/// Filters for one board.
#[component]
pub fn FilterBar(view: BoardView) -> impl IntoView {
    let navigate = use_navigate();
    let filter = view.filter.clone();
    let workflow = view.workflow.clone();
    let go = {
        let (filter, workflow) = (filter.clone(), workflow.clone());
        move |change: &dyn Fn(&mut BoardFilter)| {
            let mut next = filter.clone();
            change(&mut next);
            navigate(
                &board_href(&workflow, &next),
                NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let mine = filter.facets.owner == Some(view.me);
    let me = view.me;
    let go_facets = go.clone();
    let go_mine = go.clone();
    let go_due = go.clone();
    let go_text = go.clone();
    let go_done = go.clone();
    let go_archived = go;
    let selected = |on: bool| if on { Some("") } else { None };
    view! {
        <form
            role="search"
            aria-label="Filter the board"
            on:submit=|ev| ev.prevent_default()
            class="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-3 lg:grid-cols-7 \
                   dark:border-slate-800 dark:bg-slate-900"
        >
            <div class="col-span-2 sm:col-span-3 lg:col-span-2">
                <label for="filter-text" class=LABEL>"Search"</label>
                <input
                    id="filter-text"
                    type="search"
                    placeholder="Words in the title"
                    value=filter.text.clone()
                    on:change=move |ev| {
                        let text = event_target_value(&ev).trim().to_string();
                        go_text(&move |f| f.text = text.clone());
                    }
                    class=SELECT
                />
            </div>
            <FacetSelects
                id_prefix="filter"
                filter=filter.facets.clone()
                people=view.people.clone()
                campaigns=view.campaigns.clone()
                on_change=Callback::new(move |facets: ItemFilter| go_facets(&move |f: &mut BoardFilter| f.facets = facets.clone()))
            />
            <div>
                <label for="filter-due" class=LABEL>"Due"</label>
                <select
                    id="filter-due"
                    class=SELECT
                    on:change=move |ev| {
                        let due = match event_target_value(&ev).as_str() {
                            "overdue" => Some(DueFilter::Overdue),
                            "week" => Some(DueFilter::ThisWeek),
                            _ => None,
                        };
                        go_due(&move |f| f.due = due);
                    }
                >
                    <option value="" selected=selected(filter.due.is_none())>"Any time"</option>
                    <option value="overdue" selected=selected(filter.due == Some(DueFilter::Overdue))>"Overdue"</option>
                    <option value="week" selected=selected(filter.due == Some(DueFilter::ThisWeek))>"Due this week"</option>
                </select>
            </div>
            <div class="col-span-2 flex flex-wrap items-end gap-3 sm:col-span-3 lg:col-span-1 lg:flex-col lg:items-start lg:gap-1">
                <button
                    type="button"
                    aria-pressed=if mine { "true" } else { "false" }
                    on:click=move |_| go_mine(&move |f| f.facets.owner = if mine { None } else { Some(me) })
                    class="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 \
                           aria-pressed:border-indigo-500 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-800 \
                           dark:border-slate-700 dark:hover:bg-slate-800 dark:aria-pressed:bg-indigo-950 dark:aria-pressed:text-indigo-200"
                >
                    "Only my items"
                </button>
                <label class="flex items-center gap-1 text-xs">
                    <input
                        type="checkbox"
                        checked=filter.all_done
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            go_done(&move |f| f.all_done = on);
                        }
                    />
                    {format!("Older done items{}", if view.hidden_done > 0 { format!(" ({})", view.hidden_done) } else { String::new() })}
                </label>
                <label class="flex items-center gap-1 text-xs">
                    <input
                        type="checkbox"
                        checked=filter.archived
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            go_archived(&move |f| f.archived = on);
                        }
                    />
                    "Archived"
                </label>
            </div>
        </form>
    }
}
