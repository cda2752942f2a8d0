//! The three views: a month of weeks, one week with times, and the agenda.
//! Every day is labelled with its full date and is a place to drop entries.

use chrono::{Datelike, Timelike};
use leptos::prelude::*;

use super::dom;
use super::entry::Entry;
use super::model::{Cal, Day};
use crate::domain::calendar::grid::WEEKDAYS;

/// Hours the week view always shows; others appear when an entry needs them.
const WORKING_HOURS: std::ops::RangeInclusive<u32> = 7..=21;

fn entries(
    day: &Day,
    cal: Cal,
    keep: impl Fn(&crate::api::calendar::EntryView) -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let signal = day.entries;
    view! {
        <ul class="space-y-1">
            {move || {
                signal
                    .get()
                    .into_iter()
                    .filter(|e| keep(e))
                    .map(|entry| view! { <Entry entry cal/> })
                    .collect_view()
            }}
        </ul>
    }
}

/// Opens the "new item" form for a day when its empty space is clicked.
fn start_here(cal: Cal, day: &Day) -> impl Fn(leptos::ev::MouseEvent) + 'static {
    let date = day.view.date;
    let open = cal.can_work && !day.view.past;
    move |ev: leptos::ev::MouseEvent| {
        if open && !dom::on_entry(ev.target()) {
            cal.ui.creating.set(Some(date));
        }
    }
}

/// The small "+" that starts an item on a day, for people who may.
fn add_button(cal: Cal, day: &Day) -> impl IntoView {
    let date = day.view.date;
    let label = format!("New item on {}", day.view.label);
    (cal.can_work && !day.view.past).then(|| {
        view! {
            <button
                type="button"
                aria-label=label
                title="New item on this day"
                on:click=move |_| cal.ui.creating.set(Some(date))
                class="inline-flex min-h-6 min-w-6 items-center justify-center rounded text-sm leading-none text-slate-600 hover:bg-slate-100 hover:text-slate-800 dark:text-slate-400 \
                       focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:bg-slate-800 dark:hover:text-slate-200"
            >
                "+"
            </button>
        }
    })
}

fn today_badge(day: &Day) -> impl IntoView {
    day.view.today.then(|| {
        view! { <span class="rounded bg-indigo-600 px-1 text-[10px] font-semibold uppercase tracking-wide text-white">"Today"</span> }
    })
}

fn day_warnings(day: &Day) -> impl IntoView {
    day.view
        .warnings
        .iter()
        .map(|w| view! { <p class="mt-1 text-[11px] font-medium text-amber-800 dark:text-amber-300">{format!("⚠ {w}")}</p> })
        .collect_view()
}

fn highlight(cal: Cal, date: chrono::NaiveDate) -> impl Fn() -> bool + Copy {
    move || cal.target.get().is_some_and(|t| t.date == date)
}

/// A month as a grid of weeks, Monday first.
#[component]
pub fn MonthGrid(cal: Cal) -> impl IntoView {
    let weeks: Vec<Vec<Day>> = cal
        .days
        .with_value(|days| days.chunks(7).map(|w| w.to_vec()).collect());
    view! {
        <table class="w-full table-fixed border-collapse text-sm">
            <thead>
                <tr>
                    {WEEKDAYS.iter().map(|d| {
                        let name = format!("{d:?}");
                        view! { <th scope="col" class="pb-1 text-left text-xs font-medium text-slate-500 dark:text-slate-400">{name}</th> }
                    }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {weeks.into_iter().map(|week| view! {
                    <tr>
                        {week.into_iter().map(|day| month_cell(cal, day)).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn month_cell(cal: Cal, day: Day) -> impl IntoView {
    let date = day.view.date;
    let over = highlight(cal, date);
    let dim = !day.view.in_period;
    view! {
        <td
            aria-label=day.view.label.clone()
            aria-current=day.view.today.then_some("date")
            data-drop-date=date.format("%Y-%m-%d").to_string()
            on:click=start_here(cal, &day)
            class="h-28 border border-slate-200 p-1 align-top dark:border-slate-800"
            class:bg-white=!dim
            class:dark:bg-slate-900=!dim
            class:bg-slate-50=dim
            class:dark:bg-slate-950=dim
            class:ring-2=over
            class:ring-inset=over
            class:ring-indigo-500=over
        >
            <div class="mb-1 flex items-center justify-between gap-1">
                <span class="flex items-center gap-1">
                    <span
                        aria-hidden="true"
                        class="text-xs font-semibold"
                        class:text-slate-500=dim
                        class:text-indigo-700=day.view.today
                        class:dark:text-indigo-300=day.view.today
                    >
                        {date.day()}
                    </span>
                    {today_badge(&day)}
                </span>
                {add_button(cal, &day)}
            </div>
            {entries(&day, cal, |_| true)}
            {day_warnings(&day)}
        </td>
    }
}

/// One week, Monday to Sunday: all-day entries, then hour by hour.
#[component]
pub fn WeekGrid(cal: Cal) -> impl IntoView {
    let days: Vec<Day> = cal.days.get_value();
    let signals: Vec<_> = days.iter().map(|d| d.entries).collect();
    let hours = Memo::new(move |_| {
        let mut hours: Vec<u32> = WORKING_HOURS.collect();
        for signal in &signals {
            signal.with(|es| hours.extend(es.iter().filter_map(|e| e.time.map(|t| t.hour()))));
        }
        hours.sort_unstable();
        hours.dedup();
        hours
    });
    view! {
        <div class="-mx-4 overflow-x-auto px-4">
            <table class="w-full min-w-[56rem] table-fixed border-collapse text-sm">
                <thead>
                    <tr>
                        {days.iter().map(|day| {
                            let heading = day.view.date.format("%a %-d").to_string();
                            view! {
                                <th scope="col" class="pb-1 text-left text-xs font-medium text-slate-500 dark:text-slate-400">
                                    {heading}
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        {days.into_iter().map(|day| week_column(cal, day, hours)).collect_view()}
                    </tr>
                </tbody>
            </table>
        </div>
    }
}

fn week_column(cal: Cal, day: Day, hours: Memo<Vec<u32>>) -> impl IntoView {
    let date = day.view.date;
    let iso = date.format("%Y-%m-%d").to_string();
    let over = highlight(cal, date);
    let slot_over = move |slot: Option<u32>| {
        cal.target.get().is_some_and(|t| {
            t.date == date
                && match (t.slot, slot) {
                    (super::model::Slot::AllDay, None) => true,
                    (super::model::Slot::At(time), Some(h)) => time.hour() == h,
                    _ => false,
                }
        })
    };
    let day_for_slots = day.clone();
    let iso_for_slots = iso.clone();
    view! {
        <td
            aria-label=day.view.label.clone()
            aria-current=day.view.today.then_some("date")
            data-drop-date=iso.clone()
            class="border border-slate-200 bg-white p-1 align-top dark:border-slate-800 dark:bg-slate-900"
            class:ring-2=over
            class:ring-inset=over
            class:ring-indigo-500=over
        >
            <div
                data-drop-date=iso.clone()
                data-drop-slot="all-day"
                on:click=start_here(cal, &day)
                class="min-h-10 rounded border-b border-dashed border-slate-200 pb-1 dark:border-slate-700"
                class:bg-indigo-50=move || slot_over(None)
                class:dark:bg-indigo-950=move || slot_over(None)
            >
                <div class="mb-1 flex items-center justify-between gap-1">
                    <span class="flex items-center gap-1">
                        {today_badge(&day)}
                        <span class="text-[10px] uppercase tracking-wide text-slate-600 dark:text-slate-400">"All day"</span>
                    </span>
                    {add_button(cal, &day)}
                </div>
                {entries(&day, cal, |e| e.time.is_none())}
            </div>
            {move || {
                let day = day_for_slots.clone();
                let iso = iso_for_slots.clone();
                hours.get().into_iter().map(move |hour| {
                    let label = format!("{hour:02}:00");
                    let slot = label.clone();
                    view! {
                        <div
                            data-drop-date=iso.clone()
                            data-drop-slot=slot
                            class="min-h-9 border-b border-slate-100 py-0.5 dark:border-slate-800"
                            class:bg-indigo-50=move || slot_over(Some(hour))
                            class:dark:bg-indigo-950=move || slot_over(Some(hour))
                        >
                            <span aria-hidden="true" class="block text-[10px] tabular-nums text-slate-600 dark:text-slate-400">{label}</span>
                            {entries(&day, cal, move |e| e.time.is_some_and(|t| t.hour() == hour))}
                        </div>
                    }
                }).collect_view()
            }}
            {day_warnings(&day)}
        </td>
    }
}

/// The coming days that have entries (and today), as a list.
#[component]
pub fn AgendaList(cal: Cal) -> impl IntoView {
    let days: Vec<Day> = cal.days.get_value();
    let signals: Vec<_> = days.iter().map(|d| d.entries).collect();
    let empty = move || signals.iter().all(|s| s.with(Vec::is_empty));
    view! {
        <ol aria-label="Agenda" class="space-y-3">
            {days.into_iter().map(|day| {
                let shown = {
                    let entries = day.entries;
                    let today = day.view.today;
                    move || today || entries.with(|e| !e.is_empty())
                };
                let heading_id = format!("agenda-{}", day.view.date.format("%Y-%m-%d"));
                let date = day.view.date;
                let over = highlight(cal, date);
                view! {
                    <Show when=shown>
                        <li
                            aria-labelledby=heading_id.clone()
                            data-drop-date=date.format("%Y-%m-%d").to_string()
                            class="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
                            class:ring-2=over
                            class:ring-indigo-500=over
                        >
                            <div class="mb-2 flex items-center justify-between gap-2">
                                <h3 id=heading_id.clone() class="flex items-center gap-2 text-sm font-semibold">
                                    {day.view.label.clone()}
                                    {today_badge(&day)}
                                </h3>
                                {add_button(cal, &day)}
                            </div>
                            {entries(&day, cal, |_| true)}
                            {day_warnings(&day)}
                        </li>
                    </Show>
                }
            }).collect_view()}
        </ol>
        <Show when=empty>
            <p class="text-sm text-slate-600 dark:text-slate-400">"Nothing is scheduled in these four weeks."</p>
        </Show>
    }
}
