//! Items without a date: dragged onto a day, or scheduled from the keyboard.

use leptos::prelude::*;

use super::entry::Entry;
use super::model::Cal;

/// The unscheduled tray.
#[component]
pub fn Tray(cal: Cal, more: u32) -> impl IntoView {
    let tray = cal.tray;
    view! {
        <section
            aria-labelledby="tray-heading"
            data-tray="true"
            class="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
        >
            <h2 id="tray-heading" class="text-sm font-semibold">"Unscheduled"</h2>
            <p class="mb-2 text-xs text-slate-500 dark:text-slate-400">
                {if cal.can_work {
                    "Items with no publish date yet. Drag one onto a day, or use Schedule."
                } else {
                    "Items with no publish date yet."
                }}
            </p>
            <ul aria-label="Unscheduled items" class="max-h-[32rem] space-y-1 overflow-y-auto">
                {move || tray.get().into_iter().map(|entry| view! { <Entry entry cal/> }).collect_view()}
            </ul>
            <Show when=move || tray.with(Vec::is_empty)>
                <p class="text-xs text-slate-500 dark:text-slate-400">"Everything here has a date."</p>
            </Show>
            {(more > 0).then(|| view! {
                <p class="mt-2 text-xs text-slate-500 dark:text-slate-400">{format!("And {more} more — filter the calendar to find them.")}</p>
            })}
        </section>
    }
}
