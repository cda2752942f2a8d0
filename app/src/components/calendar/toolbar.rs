//! Above the calendar: the period and its previous/today/next links, the view
//! switch, the filters and the channel legend — all kept in the URL.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::channels::Legend;

use crate::api::calendar::CalendarData;
use crate::components::filters::FacetSelects;
use crate::domain::calendar::CalendarView;
use crate::domain::filter::{CalendarQuery, ItemFilter};

const NAV: &str =
    "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 \
    dark:border-slate-700 dark:hover:bg-slate-800";

/// The period, navigation and view switch.
#[component]
pub fn PeriodBar(data: CalendarData, query: CalendarQuery) -> impl IntoView {
    let navigate = use_navigate();
    let paged = query.clone();
    let at = move |date| {
        CalendarQuery {
            date: Some(date),
            ..paged.clone()
        }
        .href()
    };
    let today_href = CalendarQuery {
        date: None,
        ..query.clone()
    }
    .href();
    let unit = match data.view {
        CalendarView::Month => "month",
        CalendarView::Week => "week",
        CalendarView::Agenda => "four weeks",
    };
    let switch_query = query.clone();
    let anchor = data.anchor;
    view! {
        <div class="flex flex-wrap items-center justify-between gap-3">
            <div class="flex flex-wrap items-center gap-2">
                <h2 class="mr-2 text-xl font-semibold tracking-tight" aria-live="polite">{data.title.clone()}</h2>
                <nav aria-label="Dates" class="flex gap-1">
                    <a href=at(data.previous) class=NAV title=format!("Previous {unit}")>"Previous"</a>
                    <a href=today_href class=NAV>"Today"</a>
                    <a href=at(data.next) class=NAV title=format!("Next {unit}")>"Next"</a>
                </nav>
            </div>
            <div role="group" aria-label="View" class="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
                {CalendarView::ALL.into_iter().map(|view| {
                    let pressed = view == data.view;
                    let navigate = navigate.clone();
                    let query = switch_query.clone();
                    let go = move |_| {
                        let next = CalendarQuery {
                            view: Some(view),
                            date: Some(anchor),
                            ..query.clone()
                        };
                        navigate(&next.href(), NavigateOptions { scroll: false, ..Default::default() });
                    };
                    view! {
                        <button
                            type="button"
                            aria-pressed=if pressed { "true" } else { "false" }
                            on:click=go
                            class="px-3 py-1.5 text-sm font-medium hover:bg-slate-100 aria-pressed:bg-indigo-600 aria-pressed:text-white \
                                   dark:hover:bg-slate-800 dark:aria-pressed:bg-indigo-500"
                        >
                            {view.label()}
                        </button>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}

/// The filters: channel, campaign, workflow, owner.
#[component]
pub fn FilterBar(data: CalendarData, query: CalendarQuery) -> impl IntoView {
    let navigate = use_navigate();
    let filter = data.filter.clone();
    let go = move |change: &dyn Fn(&mut ItemFilter)| {
        let mut next = query.clone();
        change(&mut next.filter);
        navigate(
            &next.href(),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };
    view! {
        <form
            role="search"
            aria-label="Filter the calendar"
            on:submit=|ev| ev.prevent_default()
            class="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-4 dark:border-slate-800 dark:bg-slate-900"
        >
            <FacetSelects
                id_prefix="calendar"
                filter=filter
                people=data.people.clone()
                campaigns=data.campaigns.clone()
                workflows=data.workflows.clone()
                on_change=Callback::new(move |facets: ItemFilter| go(&move |f: &mut ItemFilter| *f = facets.clone()))
            />
            <div class="col-span-2 flex flex-wrap items-center justify-between gap-2 sm:col-span-4">
                <Legend/>
                <p class="text-xs text-slate-500 dark:text-slate-400">
                    {format!("Times in {}. ", data.time_zone.replace('_', " "))}
                    <a href="/profile" class="text-indigo-700 hover:underline dark:text-indigo-300">"Change it, or subscribe in your calendar app, in your profile."</a>
                </p>
            </div>
        </form>
    }
}
