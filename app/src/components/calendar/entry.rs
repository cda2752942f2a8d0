//! An entry: title (a link to the item), channel, owner and status, at-risk
//! marked in words; dragged with mouse or touch to another day, or moved with
//! the keyboard (Shift+arrows, or the Reschedule dialog).

use chrono::TimeDelta;
use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::prelude::*;

use super::channels::{edge, swatch};
use super::dom;
use super::model::{Cal, Target};
use crate::api::calendar::EntryView;
use crate::components::drag::Drag;

/// What a screen reader hears for the entry besides its title.
fn described(entry: &EntryView) -> String {
    let mut parts = vec![entry.channel.label().to_string()];
    if let Some(time) = entry.time {
        parts.push(time.format("%H:%M").to_string());
    }
    if let Some(owner) = &entry.owner {
        parts.push(format!("owner {}", owner.name));
    }
    parts.push(entry.status.clone());
    if let Some(risk) = &entry.risk {
        parts.push(format!("at risk: {risk}"));
    }
    if let Some(late) = &entry.trending_late {
        parts.push(format!("trending late: {late}"));
    }
    parts.join(", ")
}

/// One entry on a day or in the unscheduled tray.
#[component]
pub fn Entry(entry: EntryView, cal: Cal) -> impl IntoView {
    let id = entry.id;
    let held = StoredValue::new(entry.clone());
    let drag = Drag::new("[data-entry]");
    let on_down = move |ev: PointerEvent| drag.down(&ev, cal.can_work);
    let on_move = move |ev: PointerEvent| {
        let Some(at) = drag.moved(&ev) else { return };
        let over = dom::spot_at(at.x, at.y)
            .as_ref()
            .and_then(Target::from_spot);
        if cal.target.get_untracked() != over {
            cal.target.set(over);
        }
    };
    let on_up = move |ev: PointerEvent| {
        let Some((x, y)) = drag.up(&ev) else { return };
        cal.target.set(None);
        if let Some(target) = dom::spot_at(x, y).as_ref().and_then(Target::from_spot) {
            let entry = held.get_value();
            let time = target.time_for(&entry);
            cal.reschedule(entry, target.date, time);
        }
    };
    let on_cancel = move |_: PointerEvent| {
        drag.cancel();
        cal.target.set(None);
    };
    let on_click = move |ev: leptos::ev::MouseEvent| drag.click(&ev);
    let on_key = move |ev: KeyboardEvent| {
        if !cal.can_work || !ev.shift_key() {
            return;
        }
        let step = match ev.key().as_str() {
            "ArrowLeft" => -1,
            "ArrowRight" => 1,
            "ArrowUp" => -7,
            "ArrowDown" => 7,
            _ => return,
        };
        let entry = held.get_value();
        let Some(date) = entry.date else {
            return;
        };
        ev.prevent_default();
        let time = entry.time;
        cal.reschedule(entry, date + TimeDelta::days(step), time);
    };
    let style = move || drag.style("");
    let dragging = move || drag.dragging();
    let at_risk = entry.risk.is_some();
    let description = described(&entry);
    let describe_id = format!("entry-{id}-about");
    let title = entry.title.clone();
    let for_dialog = entry.clone();
    let action = if entry.date.is_some() {
        "Move"
    } else {
        "Schedule"
    };
    let action_label = format!("{action} {title}");
    view! {
        <li
            data-entry=id.to_string()
            style=style
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_cancel
            on:click=on_click
            on:keydown=on_key
            class=format!(
                "group/entry relative select-none rounded border border-l-4 bg-white px-1.5 py-1 text-xs shadow-sm \
                 dark:bg-slate-900 {} {}",
                edge(entry.channel),
                if at_risk { "border-red-400 ring-1 ring-red-400 dark:border-red-700" } else { "border-slate-200 dark:border-slate-700" },
            )
            class:shadow-lg=dragging
            class:cursor-grabbing=dragging
        >
            <p class="break-words font-medium leading-snug">
                {entry.time.map(|t| view! { <span aria-hidden="true" class="mr-1 tabular-nums font-normal text-slate-500 dark:text-slate-400">{t.format("%H:%M").to_string()}</span> })}
                <a
                    id=format!("entry-{id}")
                    href=format!("/items/{id}")
                    draggable="false"
                    aria-describedby=describe_id.clone()
                    class="text-slate-900 hover:underline dark:text-slate-100"
                >
                    {entry.title.clone()}
                </a>
            </p>
            <span id=describe_id class="sr-only">{description}</span>
            <div class="mt-0.5 flex items-start gap-1">
                <p aria-hidden="true" class="min-w-0 flex-1 text-[11px] leading-snug text-slate-600 dark:text-slate-400">
                    <span class=format!("mr-1 inline-block h-2 w-2 rounded-sm {}", swatch(entry.channel))></span>
                    {entry.channel.label()}
                    {entry.owner.as_ref().map(|o| format!(" · {}", o.name.split_whitespace().next().unwrap_or(&o.name)))}
                    {format!(" · {}", entry.status)}
                </p>
                <Show when=move || cal.can_work>
                    <button
                        type="button"
                        aria-label=action_label.clone()
                        on:click={
                            let entry = for_dialog.clone();
                            move |_| cal.ui.moving.set(Some(entry.clone()))
                        }
                        class="inline-flex min-h-6 min-w-6 shrink-0 items-center justify-center rounded px-1 text-[11px] font-medium text-indigo-700 hover:bg-indigo-50 \
                               focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 \
                               dark:text-indigo-300 dark:hover:bg-indigo-950"
                    >
                        {action}
                    </button>
                    <span
                        data-drag-handle
                        aria-hidden="true"
                        title="Drag to another day"
                        class="cursor-grab touch-none select-none text-slate-400"
                    >
                        "⠿"
                    </span>
                </Show>
            </div>
            {entry.risk.clone().map(|risk| view! {
                <p aria-hidden="true" class="mt-0.5 text-[11px] font-semibold text-red-700 dark:text-red-300">
                    {format!("⚠ At risk: {risk}")}
                </p>
            })}
            {entry.trending_late.clone().map(|late| view! {
                <p aria-hidden="true" title=late.clone() class="mt-0.5 text-[11px] font-semibold text-amber-800 dark:text-amber-300">
                    {format!("↘ Trending late: {late}")}
                </p>
            })}
        </li>
    }
}
