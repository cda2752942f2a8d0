//! A campaign's timeline: one lane per channel, each item a bar from the day it was
//! started to the day it goes out, coloured by stage, late and blocked ones marked, and
//! today's line. A bar's day moves by dragging it or, with the bar focused, with the
//! arrow keys — through the calendar's own reschedule, with its warnings and refusals.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::calendar::reschedule_item;
use crate::components::dom;
use crate::components::error_view::ErrorView;
use crate::components::forms::WARNING;
use crate::domain::campaign::Span;
use crate::domain::words;
use crate::error::AppError;
use crate::views::campaigns::{Lane, TimelineItem};

/// Pixels a press must travel before it becomes a drag.
const THRESHOLD: f64 = 4.0;

/// Bar colours by stage position (light and dark), the last stage in green.
const STAGE_COLOURS: [&str; 6] = [
    "border-slate-400 bg-slate-100 text-slate-900 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100",
    "border-sky-400 bg-sky-100 text-sky-950 dark:border-sky-600 dark:bg-sky-950 dark:text-sky-100",
    "border-violet-400 bg-violet-100 text-violet-950 dark:border-violet-600 dark:bg-violet-950 dark:text-violet-100",
    "border-amber-400 bg-amber-100 text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100",
    "border-indigo-400 bg-indigo-100 text-indigo-950 dark:border-indigo-600 dark:bg-indigo-950 dark:text-indigo-100",
    "border-teal-400 bg-teal-100 text-teal-950 dark:border-teal-600 dark:bg-teal-950 dark:text-teal-100",
];
const DONE_COLOUR: &str = "border-emerald-500 bg-emerald-100 text-emerald-950 dark:border-emerald-600 dark:bg-emerald-950 dark:text-emerald-100";

fn bar_class(item: &TimelineItem) -> String {
    let colour = if item.done {
        DONE_COLOUR
    } else {
        STAGE_COLOURS[item.stage_index % STAGE_COLOURS.len()]
    };
    let late = if item.late {
        " ring-2 ring-red-600 dark:ring-red-400"
    } else {
        ""
    };
    let blocked = if item.blocked.is_some() {
        " border-dashed"
    } else {
        ""
    };
    format!("absolute top-1 flex h-7 min-w-[1.75rem] items-center overflow-hidden rounded border px-1.5 text-xs font-medium whitespace-nowrap shadow-sm touch-none select-none focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 {colour}{late}{blocked}")
}

/// What a bar says to a screen reader and in its tooltip.
fn bar_words(item: &TimelineItem) -> String {
    let mut parts = vec![
        item.title.clone(),
        format!("{} in {}", item.workflow_name, item.stage),
    ];
    if let Some(date) = item.date {
        parts.push(format!("goes out {}", words::day(date)));
    }
    if item.done {
        parts.push("done".into());
    }
    if item.late {
        parts.push("late".into());
    }
    if let Some(why) = &item.blocked {
        parts.push(format!("blocked: {why}"));
    }
    if let Some(why) = &item.trending_late {
        parts.push(format!("trending late: {why}"));
    }
    parts.join(", ")
}

/// A drag under way: which bar, where the press began, pixels per day, days moved so far.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Dragging {
    id: crate::domain::ItemId,
    x0: f64,
    day_px: f64,
    days: i64,
    moved: bool,
}

/// The timeline of a campaign.
#[component]
pub fn Timeline(
    lanes: Vec<Lane>,
    span: Span,
    today: chrono::NaiveDate,
    starts_on: Option<chrono::NaiveDate>,
    ends_on: Option<chrono::NaiveDate>,
    can_work: bool,
) -> impl IntoView {
    let lanes = RwSignal::new(lanes);
    let dragging = RwSignal::new(None::<Dragging>);
    let swallow_click = StoredValue::new(false);
    let error = RwSignal::new(None::<AppError>);
    let warnings = RwSignal::new(Vec::<String>::new());
    let status = RwSignal::new(String::new());
    // One date change at a time: a second key press before the first is answered would
    // send the version the first one used up.
    let busy = StoredValue::new(false);

    let find = move |id: crate::domain::ItemId| {
        lanes.with_untracked(|ls| {
            ls.iter()
                .flat_map(|l| l.items.iter())
                .find(|i| i.id == id)
                .cloned()
        })
    };
    let move_to = move |id: crate::domain::ItemId, days: i64| {
        if busy.get_value() {
            return;
        }
        let Some(item) = find(id) else { return };
        let Some(date) = item.date else { return };
        let Some(to) = date.checked_add_signed(chrono::Duration::days(days)) else {
            return;
        };
        error.set(None);
        warnings.set(Vec::new());
        status.set(String::new());
        busy.set_value(true);
        spawn_local(async move {
            match reschedule_item(id, item.version, to, item.time).await {
                Ok(answer) => {
                    lanes.update(|ls| {
                        for i in ls.iter_mut().flat_map(|l| l.items.iter_mut()) {
                            if i.id == id {
                                i.version = answer.entry.version;
                                i.date = answer.entry.date;
                                i.late =
                                    !i.done && (i.overdue || i.date.is_some_and(|d| d < today));
                            }
                        }
                    });
                    status.set(format!("“{}” now goes out {}.", item.title, words::day(to)));
                    warnings.set(answer.warnings);
                    // The bars were drawn again: keep the moved one focused for the next key.
                    dom::focus_later(format!("bar-{id}"), true);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set_value(false);
        });
    };

    let day_labels: Vec<(f64, String)> = {
        let mut out = Vec::new();
        let mut day = span.first;
        while day <= span.last {
            use chrono::Datelike;
            if day.weekday() == chrono::Weekday::Mon || day == span.first {
                out.push((span.left(day), day.format("%-d %b").to_string()));
            }
            day = day.succ_opt().unwrap_or(span.last + chrono::Days::new(1));
        }
        out
    };
    let day_share = span.width(today, today);
    let today_left = span.left(today) + day_share / 2.0;
    let band = match (starts_on, ends_on) {
        (None, None) => None,
        (a, b) => {
            let first = a.unwrap_or(span.first);
            let last = b.unwrap_or(span.last);
            Some((span.left(first), span.width(first, last)))
        }
    };

    view! {
        <div class="space-y-2">
            <p id="timeline-keys" class="text-xs text-slate-600 dark:text-slate-400">
                {if can_work {
                    "Drag a bar to move the day it goes out, or focus it and press ← or → to move it a day. Enter opens the item."
                } else {
                    "Each bar runs from the day the item was started to the day it goes out. Viewers can look but not move them."
                }}
            </p>
            <div class="overflow-x-auto">
                <div class="min-w-[40rem]" data-timeline-days=span.days().to_string()>
                    <div class="relative ml-28 h-5 text-[0.7rem] text-slate-600 dark:text-slate-400" aria-hidden="true">
                        {day_labels.into_iter().map(|(left, label)| view! {
                            <span class="absolute top-0" style=format!("left: {left:.3}%")>{label}</span>
                        }).collect_view()}
                    </div>
                    <div class="relative">
                        <div class="pointer-events-none absolute inset-y-0 left-28 right-0" aria-hidden="true">
                            {band.map(|(left, width)| view! {
                                <div class="absolute inset-y-0 bg-indigo-50 dark:bg-indigo-950/40" style=format!("left: {left:.3}%; width: {width:.3}%")></div>
                            })}
                            <div class="absolute inset-y-0 z-10 w-0.5 bg-red-600 dark:bg-red-400" style=format!("left: {today_left:.3}%")
                                title="Today"></div>
                        </div>
                        <ul class="relative space-y-2" aria-label="Timeline lanes">
                            {move || lanes.get().into_iter().map(|lane| view! {
                                <li class="flex items-start border-t border-slate-200 pt-2 dark:border-slate-800">
                                    <span class="w-28 shrink-0 pr-2 text-sm font-medium">{lane.channel.label()}</span>
                                    <ul class="min-w-0 flex-1 space-y-1" aria-label=format!("{} items", lane.channel.label())>
                                        {lane.items.into_iter().map(|item| {
                                            let id = item.id;
                                            let date = item.date.unwrap_or(item.start);
                                            let start = item.start.min(date);
                                            let left = span.left(start);
                                            let width = span.width(start, date);
                                            let class = bar_class(&item);
                                            let label = bar_words(&item);
                                            let title = item.title.clone();
                                            let offset = move || {
                                                dragging.get()
                                                    .filter(|d| d.id == id && d.moved)
                                                    .map(|d| format!("transform: translateX({}px); z-index: 20;", d.days as f64 * d.day_px))
                                                    .unwrap_or_default()
                                            };
                                            view! {
                                                <li class="timeline-track relative h-9" data-timeline-track="">
                                                    <a href=format!("/items/{id}") data-bar="" data-item=id.0.to_string() draggable="false"
                                                        class=class aria-label=label.clone() title=label aria-describedby="timeline-keys"
                                                        style=move || format!("left: {left:.3}%; width: {width:.3}%; {}", offset())
                                                        on:pointerdown=move |ev| {
                                                            if !can_work || ev.button() != 0 {
                                                                return;
                                                            }
                                                            let Some(width) = dom::width_of(ev.target(), "[data-timeline-track]") else { return };
                                                            dragging.set(Some(Dragging {
                                                                id,
                                                                x0: f64::from(ev.client_x()),
                                                                day_px: width / span.days() as f64,
                                                                days: 0,
                                                                moved: false,
                                                            }));
                                                        }
                                                        on:pointermove=move |ev| {
                                                            let Some(mut d) = dragging.get_untracked().filter(|d| d.id == id) else { return };
                                                            let dx = f64::from(ev.client_x()) - d.x0;
                                                            if !d.moved && dx.abs() < THRESHOLD {
                                                                return;
                                                            }
                                                            if !d.moved {
                                                                dom::capture(ev.target(), ev.pointer_id(), "[data-bar]");
                                                            }
                                                            ev.prevent_default();
                                                            d.moved = true;
                                                            d.days = (dx / d.day_px).round() as i64;
                                                            dragging.set(Some(d));
                                                        }
                                                        on:pointerup=move |_| {
                                                            let Some(d) = dragging.get_untracked().filter(|d| d.id == id) else { return };
                                                            dragging.set(None);
                                                            if d.moved {
                                                                swallow_click.set_value(true);
                                                                if d.days != 0 {
                                                                    move_to(id, d.days);
                                                                }
                                                            }
                                                        }
                                                        on:pointercancel=move |_| dragging.set(None)
                                                        on:click=move |ev| {
                                                            if swallow_click.get_value() {
                                                                swallow_click.set_value(false);
                                                                ev.prevent_default();
                                                            }
                                                        }
                                                        on:keydown=move |ev| {
                                                            if !can_work {
                                                                return;
                                                            }
                                                            let days = match ev.key().as_str() {
                                                                "ArrowLeft" => -1,
                                                                "ArrowRight" => 1,
                                                                _ => return,
                                                            };
                                                            ev.prevent_default();
                                                            move_to(id, days);
                                                        }
                                                        id=format!("bar-{id}")>
                                                        <span class="truncate">{title}</span>
                                                    </a>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            </div>
            <div aria-live="polite" class="space-y-2">
                {move || error.get().map(|error| view! { <ErrorView error/> })}
                {move || (!status.get().is_empty()).then(|| view! { <p role="status" class="text-sm text-slate-700 dark:text-slate-300">{status.get()}</p> })}
                {move || warnings.get().into_iter().map(|w| view! { <p role="note" class=WARNING>{w}</p> }).collect_view()}
            </div>
            <p class="text-xs text-slate-600 dark:text-slate-400">
                "Red line: today. Shaded: the campaign's dates. Green: done. A red ring: late. A dashed border: waiting on someone else."
            </p>
        </div>
    }
}
