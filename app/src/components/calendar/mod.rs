//! The content calendar: month, week and agenda views of every scheduled item,
//! entries moved by drag and drop or the keyboard, an unscheduled tray, the
//! planning warnings, and live updates from other people's changes.

mod channels;
mod dialogs;
mod dom;
mod entry;
mod feed;
mod grid;
mod live;
mod model;
mod rules;
mod toolbar;
mod tray;

pub use feed::CalendarFeedSection;
pub use model::CalendarUi;

use leptos::prelude::*;

use crate::api::calendar::CalendarData;
use crate::domain::calendar::CalendarView;
use crate::domain::filter::CalendarQuery;
use dialogs::{CreateDialog, RescheduleDialog};
use grid::{AgendaList, MonthGrid, WeekGrid};
use model::{Cal, Tone};
use rules::RulesForm;
use toolbar::{FilterBar, PeriodBar};
use tray::Tray;

/// Whether the window is as narrow as a phone's (false until the page has hydrated).
pub fn is_narrow_screen() -> bool {
    dom::is_narrow()
}

/// A loaded calendar page.
#[component]
pub fn CalendarBody(
    data: CalendarData,
    /// The query it was loaded for (links keep it).
    query: CalendarQuery,
    /// Dialogs and messages that outlive a reload.
    ui: CalendarUi,
    /// Loads the calendar again.
    reload: Callback<()>,
) -> impl IntoView {
    let cal = Cal::new(&data, ui);
    let seq = data.seq;
    Effect::new(move |_| {
        live::follow(
            seq,
            move |notice| {
                if !cal.knows(notice.item, notice.version) {
                    reload.run(());
                }
            },
            move || reload.run(()),
        );
        // A reload redraws every entry: keep the one just moved focused.
        if let Some(id) = ui.last_moved.get_untracked() {
            dom::focus_later(format!("entry-{id}"), true);
        }
    });
    let help = if data.can_work {
        "Drag an entry to another day (or time, in the week view), or focus its title and press Shift with an arrow key; \
         its Move button lets you type a date. Click a day, or its +, to start an item on it."
    } else {
        "You can see every entry; moving them and adding items needs a member account."
    };
    let view_body = match data.view {
        CalendarView::Month => view! { <MonthGrid cal/> }.into_any(),
        CalendarView::Week => view! { <WeekGrid cal/> }.into_any(),
        CalendarView::Agenda => view! { <AgendaList cal/> }.into_any(),
    };
    let warnings = data.warnings.clone();
    let rules = data
        .is_admin
        .then(|| view! { <RulesForm rules=data.rules ui reload/> });
    view! {
        <div class="space-y-3">
            <PeriodBar data=data.clone() query=query.clone()/>
            <FilterBar data=data.clone() query/>
            <p class="text-xs text-slate-500 dark:text-slate-400">{help}</p>
            <NoticeBar ui/>
            <div class="flex flex-col gap-4 lg:flex-row lg:items-start">
                <div class="min-w-0 flex-1" data-calendar-ready="true">{view_body}</div>
                <aside aria-label="Planning" class="space-y-3 lg:w-72 lg:shrink-0">
                    <section aria-labelledby="warnings-heading" class="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
                        <h2 id="warnings-heading" class="font-semibold">"Planning warnings"</h2>
                        {if warnings.is_empty() {
                            view! { <p class="mt-1 text-xs">"Nothing to warn about."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="mt-1 space-y-1 text-xs">
                                    {warnings.into_iter().map(|w| view! { <li>{format!("⚠ {}", w.message)}</li> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                    <Tray cal more=data.unscheduled_more/>
                    {rules}
                </aside>
            </div>
        </div>
        <RescheduleDialog cal/>
        <CreateDialog cal workflows=data.workflows.clone() campaigns=data.campaigns.clone() filter=data.filter.clone() reload/>
    }
}

/// What happened after the last change: moved, moved with a warning, or
/// refused and why. Both regions are always on the page, so screen readers
/// announce what appears in them.
#[component]
fn NoticeBar(ui: CalendarUi) -> impl IntoView {
    let shown = move |tones: &'static [Tone]| {
        move || {
            ui.notice.get().filter(|n| tones.contains(&n.tone)).map(|n| {
                let class = match n.tone {
                    Tone::Done => "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
                    Tone::Warning => "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
                    Tone::Error => "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
                };
                view! {
                    <div class=format!("flex items-start justify-between gap-3 rounded-lg border p-3 text-sm {class}")>
                        <div>
                            <p class="font-medium">{n.text}</p>
                            <ul class="list-disc pl-5">
                                {n.details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                            </ul>
                            {n.link.map(|(href, label)| view! { <a href=href class="font-medium underline">{label}</a> })}
                        </div>
                        <button type="button" aria-label="Dismiss" on:click=move |_| ui.notice.set(None) class="rounded px-1 hover:bg-black/5">"×"</button>
                    </div>
                }
            })
        }
    };
    view! {
        <div role="status" aria-live="polite">{shown(&[Tone::Done, Tone::Warning])}</div>
        <div role="alert">{shown(&[Tone::Error])}</div>
    }
}
