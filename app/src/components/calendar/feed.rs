//! One's private calendar subscription, on the profile page: turn it on, copy
//! the address once, regenerate it if it leaked, or turn it off.

use leptos::prelude::*;

use crate::api::calendar::{calendar_feed_status, RenewCalendarFeed, RevokeCalendarFeed};
use crate::components::copy_link::CopyableLink;
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, HINT, PRIMARY_BUTTON, SECONDARY_BUTTON};

/// The "Calendar subscription" card.
#[component]
pub fn CalendarFeedSection() -> impl IntoView {
    let renew = ServerAction::<RenewCalendarFeed>::new();
    let revoke = ServerAction::<RevokeCalendarFeed>::new();
    let status = Resource::new(
        move || (renew.version().get(), revoke.version().get()),
        |_| calendar_feed_status(),
    );
    // The address is shown only right after it was made; turning the feed off hides it.
    let shown = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(made)) = renew.value().get() {
            shown.set(Some(made.path));
        }
    });
    Effect::new(move |_| {
        if matches!(revoke.value().get(), Some(Ok(()))) {
            shown.set(None);
        }
    });
    let busy = move || renew.pending().get() || revoke.pending().get();
    view! {
        <section class=CARD aria-labelledby="feed-heading">
            <h2 id="feed-heading" class="text-lg font-semibold">"Calendar subscription"</h2>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                "See the content calendar in Google Calendar, Outlook or Apple Calendar through a private address only you have."
            </p>
            <Transition fallback=|| view! { <p class="mt-3 text-sm">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(feed) => {
                            let on = feed.created_at.is_some();
                            let since = feed.created_at.map(|at| crate::domain::words::day(at.date_naive())).unwrap_or_default();
                            let used = feed.last_used_at.map_or_else(
                                || "No calendar app has fetched it yet.".to_string(),
                                |at| format!("Last fetched {}.", crate::domain::words::moment(at)),
                            );
                            view! {
                                <p class="mt-3 text-sm">
                                    {if on { format!("On since {since}. {used}") } else { "Off.".to_string() }}
                                </p>
                                <div class="mt-3 flex flex-wrap gap-2">
                                    <button type="button" class=PRIMARY_BUTTON disabled=busy on:click=move |_| { renew.dispatch(RenewCalendarFeed {}); }>
                                        {if on { "Regenerate the address" } else { "Turn on the calendar feed" }}
                                    </button>
                                    {on.then(|| view! {
                                        <button type="button" class=SECONDARY_BUTTON disabled=busy on:click=move |_| { revoke.dispatch(RevokeCalendarFeed {}); }>
                                            "Turn off"
                                        </button>
                                    })}
                                </div>
                                {on.then(|| view! { <p class=HINT>"Regenerating ends the old address at once; turning off ends it for good."</p> })}
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })}
            </Transition>
            {move || renew.value().get().and_then(Result::err).map(|error| view! { <div class="mt-3"><ErrorView error/></div> })}
            {move || revoke.value().get().and_then(Result::err).map(|error| view! { <div class="mt-3"><ErrorView error/></div> })}
            {move || shown.get().map(|path| view! {
                <div class="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
                    <p class="mb-2 text-sm font-semibold">"Copy it now: Baton keeps only a fingerprint of this address and can't show it again."</p>
                    <CopyableLink path label="Your private calendar address" id="calendar-feed-url"/>
                    <p class=HINT>
                        "Anyone with it can see the calendar, so keep it to yourself. In Google Calendar: Other calendars → From URL; \
                         in Outlook: Add calendar → Subscribe from web; in Apple Calendar: File → New Calendar Subscription. \
                         To subscribe to part of the calendar, add filters to the end, e.g. &channel=email, &campaign=2, \
                         &workflow=content-production or &owner=4."
                    </p>
                </div>
            })}
        </section>
    }
}
