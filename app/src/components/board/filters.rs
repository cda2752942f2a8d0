//! The board's filter bar: text, the shared channel/campaign/owner selects, due date, written into
//! the URL so the filtered board can be shared and survives a reload. On a phone the bar folds
//! behind one "Filters" button and the filters that are set show as chips that remove them.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::board::BoardView;
use crate::components::filters::{FacetSelects, SELECT};
use crate::components::forms::LABEL;
use crate::domain::filter::{board_href, ActiveFilter, BoardFilter, DueFilter, ItemFilter};

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
    let go_archived = go.clone();
    let go_chip = go;
    let open = RwSignal::new(false);
    let active = filter.active();
    let chips = active
        .iter()
        .map(|chip| {
            let chip = *chip;
            let go_chip = go_chip.clone();
            let label = chip_label(chip, &view);
            let name = format!("Remove the filter {label}");
            view! {
                <li>
                    <button
                        type="button"
                        aria-label=name
                        on:click=move |_| go_chip(&move |f| *f = f.without(chip))
                        class="inline-flex min-h-6 items-center gap-1 rounded-full border border-indigo-300 bg-indigo-50 px-3 py-1 text-xs font-medium text-indigo-900 \
                               hover:bg-indigo-100 dark:border-indigo-700 dark:bg-indigo-950 dark:text-indigo-100"
                    >
                        {label}
                        <span aria-hidden="true">"×"</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    let count = active.len();
    let selected = |on: bool| if on { Some("") } else { None };
    view! {
        <div class="mb-3 flex flex-wrap items-center gap-2 sm:hidden">
            <button
                type="button"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="board-filters"
                on:click=move |_| open.update(|o| *o = !*o)
                class="min-h-11 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-100 \
                       dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
            >
                {if count > 0 { format!("Filters ({count})") } else { "Filters".to_string() }}
            </button>
            <ul aria-label="Active filters" class="flex flex-wrap gap-2">{chips}</ul>
        </div>
        <form
            id="board-filters"
            role="search"
            aria-label="Filter the board"
            on:submit=|ev| ev.prevent_default()
            class=move || format!(
                "mb-4 {} grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid sm:grid-cols-3 lg:grid-cols-7 \
                 dark:border-slate-800 dark:bg-slate-900",
                if open.get() { "grid" } else { "hidden" },
            )
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
                    class="min-h-6 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 \
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

/// What a chip says: the filter's value in words.
fn chip_label(chip: ActiveFilter, view: &BoardView) -> String {
    let filter = &view.filter;
    match chip {
        ActiveFilter::Text => format!("\u{201c}{}\u{201d}", filter.text),
        ActiveFilter::Channel => filter
            .facets
            .channel
            .map(|c| c.label().to_string())
            .unwrap_or_default(),
        ActiveFilter::Campaign => view
            .campaigns
            .iter()
            .find(|c| Some(c.id) == filter.facets.campaign)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| "A campaign".into()),
        ActiveFilter::Owner => view
            .people
            .iter()
            .find(|p| Some(p.id) == filter.facets.owner)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| "An owner".into()),
        ActiveFilter::Due => match filter.due {
            Some(DueFilter::Overdue) => "Overdue".into(),
            _ => "Due this week".into(),
        },
        ActiveFilter::AllDone => "Older done items".into(),
        ActiveFilter::Archived => "Archived".into(),
    }
}
