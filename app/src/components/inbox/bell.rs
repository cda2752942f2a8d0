//! The notification bell: unread count in its name, a list to open, mark as read.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{ago, use_pulse};
use crate::api::inbox::{list_notifications, mark_notifications_read, NotificationView};
use crate::components::error_view::ErrorView;
use crate::components::session::{signed_in, use_session};

/// The bell in the header, for signed-in people.
#[component]
pub fn Bell() -> impl IntoView {
    let session = use_session();
    let pulse = use_pulse();
    let reread = RwSignal::new(0u32);
    let list = Resource::new(
        move || (session.version(), pulse.get(), reread.get()),
        |_| list_notifications(),
    );
    let open = RwSignal::new(false);
    let mark = move |id: Option<i64>| {
        spawn_local(async move {
            if mark_notifications_read(id).await.is_ok() {
                reread.update(|n| *n += 1);
            }
        });
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in(&session.status.await)?;
                let loaded = list.await;
                let unread = loaded.as_ref().map(|l| l.unread).unwrap_or(0);
                let name = match unread {
                    0 => "Notifications, none unread".to_string(),
                    1 => "Notifications, 1 unread".to_string(),
                    n => format!("Notifications, {n} unread"),
                };
                Some(view! {
                    <div class="relative">
                        <button
                            type="button"
                            aria-label=name
                            aria-expanded=move || open.get().to_string()
                            aria-controls="notifications-panel"
                            class="relative rounded-md p-2 text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
                            on:click=move |_| open.update(|o| *o = !*o)
                        >
                            <svg aria-hidden="true" viewBox="0 0 20 20" class="h-5 w-5" fill="currentColor">
                                <path d="M10 2a5 5 0 0 0-5 5v2.6l-1.3 2.6A1 1 0 0 0 4.6 14h10.8a1 1 0 0 0 .9-1.4L15 9.6V7a5 5 0 0 0-5-5Zm0 16a2.5 2.5 0 0 0 2.4-2h-4.8A2.5 2.5 0 0 0 10 18Z"/>
                            </svg>
                            {(unread > 0).then(|| view! {
                                <span aria-hidden="true" class="absolute -right-0.5 -top-0.5 inline-flex min-w-4 items-center justify-center rounded-full bg-red-600 px-1 text-[10px] font-bold text-white">
                                    {unread}
                                </span>
                            })}
                        </button>
                        <Show when=move || open.get()>
                            <Panel loaded=loaded.clone() mark close=move || open.set(false)/>
                        </Show>
                    </div>
                })
            })}
        </Transition>
    }
}

#[component]
fn Panel(
    loaded: Result<crate::api::inbox::NotificationList, crate::error::AppError>,
    mark: impl Fn(Option<i64>) + Copy + Send + Sync + 'static,
    close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let body = match loaded {
        Err(error) => view! { <div class="p-3"><ErrorView error/></div> }.into_any(),
        Ok(list) if list.items.is_empty() => view! {
            <p class="p-4 text-sm text-slate-600 dark:text-slate-400">
                "Nothing yet. Approvals asked of you, decisions on your items, mentions, reminders and escalations will show up here."
            </p>
        }
        .into_any(),
        Ok(list) => {
            let now = list.now;
            let unread = list.unread;
            view! {
                <div class="flex items-center justify-between border-b border-slate-200 px-3 py-2 dark:border-slate-800">
                    <h2 class="text-sm font-semibold">"Notifications"</h2>
                    {(unread > 0).then(|| view! {
                        <button type="button" class="text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                            on:click=move |_| mark(None)>
                            "Mark all as read"
                        </button>
                    })}
                </div>
                <ul aria-label="Notifications" class="max-h-96 divide-y divide-slate-100 overflow-y-auto dark:divide-slate-800">
                    {list.items.into_iter().map(|n| view! { <Entry n now mark close/> }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    view! {
        <div
            id="notifications-panel"
            class="absolute right-0 z-40 mt-2 w-[min(24rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-900"
            on:keydown=move |ev| if ev.key() == "Escape" { close() }
        >
            {body}
        </div>
    }
}

#[component]
fn Entry(
    n: NotificationView,
    now: chrono::DateTime<chrono::Utc>,
    mark: impl Fn(Option<i64>) + Copy + Send + Sync + 'static,
    close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = n.id;
    let unread = !n.read;
    let when = ago(n.at, now);
    let text = view! {
        <span class="block">{n.message.clone()}</span>
        <span class="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">
            {when}{unread.then_some(" · unread")}
        </span>
    };
    let class = if unread {
        "block px-3 py-2 text-sm hover:bg-slate-50 dark:hover:bg-slate-800 border-l-4 border-indigo-500"
    } else {
        "block px-3 py-2 text-sm text-slate-600 hover:bg-slate-50 dark:text-slate-400 dark:hover:bg-slate-800 border-l-4 border-transparent"
    };
    view! {
        <li>
            {match n.item {
                Some(item) => view! {
                    <a href=format!("/items/{item}") class=class on:click=move |_| { if unread { mark(Some(id)); } close(); }>
                        {text}
                    </a>
                }.into_any(),
                None => view! { <div class=class>{text}</div> }.into_any(),
            }}
        </li>
    }
}
