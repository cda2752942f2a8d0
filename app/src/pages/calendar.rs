//! `/calendar`: what goes out when. The view, the day and the filters live in
//! the URL (`?view=week&date=2026-12-07&channel=email`); a date that cannot be
//! read shows today. Without a view in the URL a phone gets the agenda, rendered
//! as such on the server.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::calendar::get_calendar;
use crate::components::calendar::{is_narrow_screen, CalendarBody, CalendarUi};
use crate::components::error_view::ErrorView;
use crate::domain::calendar::CalendarView;
use crate::domain::filter::CalendarQuery;

/// `/calendar`.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        let q = query.read();
        CalendarQuery::from_query(|key| q.get(key))
    });
    // The server gives a phone the agenda (by what its browser says it is); a narrow
    // window it took for a desktop's is known only here, after hydration.
    let narrow = RwSignal::new(false);
    let effective = Memo::new(move |_| {
        let mut q = asked.get();
        if q.view.is_none() && narrow.get() {
            q.view = Some(CalendarView::Agenda);
        }
        q
    });
    let data = Resource::new(move || effective.get(), get_calendar);
    Effect::new(move |_| {
        let shown =
            data.with_untracked(|d| d.as_ref().and_then(|d| d.as_ref().ok()).map(|d| d.view));
        if shown != Some(CalendarView::Agenda) && is_narrow_screen() {
            narrow.set(true);
        }
    });
    let reload = Callback::new(move |_| data.refetch());
    let ui = CalendarUi::new();

    view! {
        <Title text="Calendar"/>
        <h1 class="mb-3 text-2xl font-semibold tracking-tight">"Calendar"</h1>
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading the calendar…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(loaded) => {
                        let query = effective.get_untracked();
                        view! { <CalendarBody data=loaded query ui reload/> }.into_any()
                    }
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
