//! The inbox's pieces: the live pulse that keeps counts fresh, the navigation badge,
//! the notification bell, and the rows of the inbox page.

mod bell;
mod live;
mod rows;

pub use bell::Bell;
pub use live::{use_pulse, Pulse};
pub use rows::InboxList;

use chrono::{DateTime, TimeDelta, Utc};
use leptos::prelude::*;

use crate::api::inbox::get_inbox_counts;
use crate::components::session::{signed_in, use_session};
use crate::domain::words::duration as span;

/// "Due in 5 h" or "Overdue by 2 days", counted from the server's `now`.
pub fn countdown(deadline: DateTime<Utc>, now: DateTime<Utc>) -> String {
    if deadline <= now {
        format!("Overdue by {}", span(now - deadline))
    } else {
        format!("Due in {}", span(deadline - now))
    }
}

/// How long ago, in a few words: "just now", "5 min ago", "3 h ago".
pub fn ago(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    if now - at < TimeDelta::minutes(1) {
        "just now".into()
    } else {
        format!("{} ago", span(now - at))
    }
}

/// The number next to "Inbox" in the navigation: how many items wait on the person.
#[component]
pub fn InboxBadge() -> impl IntoView {
    let session = use_session();
    let pulse = use_pulse();
    let counts = Resource::new(
        move || (session.version(), pulse.get()),
        |_| get_inbox_counts(),
    );
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let signed = signed_in(&session.status.await).is_some();
                let waiting = counts.await.map(|c| c.waiting).unwrap_or(0);
                (signed && waiting > 0).then(|| view! {
                    <span
                        data-testid="inbox-count"
                        class="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-white dark:bg-indigo-400 dark:text-slate-950"
                    >
                        <span class="sr-only">", waiting: "</span>
                        {waiting}
                    </span>
                })
            })}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn countdowns_read_naturally() {
        let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
        assert_eq!(
            countdown(now + TimeDelta::minutes(45), now),
            "Due in 45 min"
        );
        assert_eq!(countdown(now + TimeDelta::hours(5), now), "Due in 5 h");
        assert_eq!(countdown(now + TimeDelta::hours(50), now), "Due in 2 days");
        assert_eq!(countdown(now - TimeDelta::hours(2), now), "Overdue by 2 h");
        assert_eq!(ago(now - TimeDelta::seconds(20), now), "just now");
        assert_eq!(ago(now - TimeDelta::hours(3), now), "3 h ago");
    }
}
