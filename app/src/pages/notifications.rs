//! `/settings/notifications`: what each person hears about by email (per kind: at once, in
//! the daily digest, or off), and their calendar subscription.

use leptos::prelude::*;
use leptos_meta::Title;

use super::PageHeader;
use crate::api::mail::{notification_prefs, SaveNotificationPrefs};
use crate::api::webhooks::chat_channels;
use crate::components::calendar::CalendarFeedSection;
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, HINT, INPUT, PRIMARY_BUTTON, SUCCESS};
use crate::domain::notify::NoticeKind;
use crate::domain::outbound::Delivery;
use crate::views::mail::NotificationPrefsView;

/// `/settings/notifications`.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let prefs = Resource::new(|| (), |_| notification_prefs());
    view! {
        <Title text="Notifications"/>
        <PageHeader
            title="Notifications"
            subtitle="What Baton emails you, and the calendar feed your own calendar app can subscribe to. Everything also shows in Baton's bell."
        />
        <div class="grid max-w-5xl gap-6 lg:grid-cols-[3fr_2fr]">
            <Transition fallback=|| view! { <div class=CARD>"Loading…"</div> }>
                {move || Suspend::new(async move {
                    match prefs.await {
                        Ok(view) => view! { <EmailChoices view/> }.into_any(),
                        Err(error) => view! { <div class=CARD><ErrorView error/></div> }.into_any(),
                    }
                })}
            </Transition>
            <div class="space-y-6">
                <ChatChannels/>
                <CalendarFeedSection/>
            </div>
        </div>
    }
}

/// Where the team's chat hears from Baton (admins set the channels up).
#[component]
fn ChatChannels() -> impl IntoView {
    let channels = Resource::new(|| (), |_| chat_channels());
    view! {
        <section class=CARD aria-labelledby="chat-heading">
            <h2 id="chat-heading" class="text-lg font-semibold">"Chat"</h2>
            <Transition fallback=|| view! { <p class="mt-2 text-sm text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match channels.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class=HINT>"Baton posts to no chat channel yet. An admin can add a Slack, Mattermost or Rocket.Chat channel under Settings → Integrations."</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <p class=HINT>"Baton posts to these channels for the whole team; follow them in your chat app."</p>
                            <ul class="mt-3 space-y-2 text-sm">
                                {list.into_iter().map(|c| view! {
                                    <li>
                                        <span class="font-medium">{c.name}</span>
                                        <span class="text-slate-500 dark:text-slate-400">{format!(" — {}: {}", c.workflow.unwrap_or_else(|| "every workflow".to_owned()), c.events.join(", ").to_lowercase())}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn EmailChoices(view: NotificationPrefsView) -> impl IntoView {
    let save = ServerAction::<SaveNotificationPrefs>::new();
    let choices: Vec<(NoticeKind, RwSignal<Delivery>)> = view
        .kinds
        .iter()
        .map(|k| (k.kind, RwSignal::new(k.delivery)))
        .collect();
    let digest = RwSignal::new(view.digest);
    let dirty = RwSignal::new(false);
    let to_send = choices.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        dirty.set(false);
        save.dispatch(SaveNotificationPrefs {
            choices: to_send
                .iter()
                .map(|(k, d)| (*k, d.get_untracked()))
                .collect(),
            digest: digest.get_untracked(),
        });
    };
    let pending = save.pending();
    let rows = view
        .kinds
        .into_iter()
        .zip(choices)
        .map(|(kind, (_, chosen))| {
            let id = format!("pref-{}", kind.kind.as_str());
            let hint = if kind.urgent {
                "At once means alone, the moment it happens: someone is waiting on you."
            } else {
                "At once means within a few minutes, folded with anything else that happened."
            };
            view! {
                <tr class="border-t border-slate-100 dark:border-slate-800">
                    <td class="py-2 pr-3 align-top">
                        <label for=id.clone() class="text-sm font-medium">{kind.label.clone()}</label>
                        <p class=HINT>{hint}</p>
                    </td>
                    <td class="py-2 align-top">
                        <select
                            id=id
                            class=INPUT
                            on:change=move |ev| {
                                if let Some(d) = Delivery::parse(&event_target_value(&ev)) {
                                    chosen.set(d);
                                    dirty.set(true);
                                }
                            }
                        >
                            {Delivery::ALL
                                .into_iter()
                                .map(|d| view! {
                                    <option value=d.as_str() selected=move || chosen.get() == d>{d.label()}</option>
                                })
                                .collect_view()}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class=CARD aria-labelledby="email-heading">
            <h2 id="email-heading" class="text-lg font-semibold">"Email"</h2>
            <p class=HINT>{format!("Emails go to {}.", view.email)}</p>
            {(!view.mail_on).then(|| view! {
                <p class="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" role="status">
                    "This Baton doesn't send email yet (an admin sets it up on the server). Your choices are kept and apply as soon as it does."
                </p>
            })}
            <form on:submit=on_submit class="mt-4">
                <table class="w-full text-left">
                    <caption class="sr-only">"Where each kind of notice goes"</caption>
                    <thead>
                        <tr class="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
                            <th scope="col" class="pb-2 font-medium">"When"</th>
                            <th scope="col" class="pb-2 font-medium">"Email"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <label class="mt-4 flex items-start gap-2 text-sm">
                    <input
                        type="checkbox"
                        class="mt-1"
                        prop:checked=move || digest.get()
                        on:change=move |ev| {
                            digest.set(event_target_checked(&ev));
                            dirty.set(true);
                        }
                    />
                    <span>
                        <span class="font-medium">"Send me the daily digest"</span>
                        <span class="block text-xs text-slate-500 dark:text-slate-400">
                            {format!("At {}: what is due, what waits on you, what is trending late, and what you chose to read there. Skipped when there is nothing in it.", view.digest_when)}
                        </span>
                    </span>
                </label>
                <div class="mt-4 flex items-center gap-3">
                    <button type="submit" class=PRIMARY_BUTTON disabled=move || pending.get()>"Save choices"</button>
                    {move || match save.value().get() {
                        Some(Ok(_)) if !dirty.get() => Some(view! { <p class=SUCCESS role="status">"Saved."</p> }.into_any()),
                        Some(Err(error)) => Some(view! { <ErrorView error/> }.into_any()),
                        _ => None,
                    }}
                </div>
            </form>
        </section>
    }
}
