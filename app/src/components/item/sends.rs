//! An item's send log, in stages that keep one ("Send & monitor"): every send recorded
//! so far, and the form that records one more (a resend to non-openers is a second send).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Control;
use crate::api::campaigns::{record_send, SendInput};
use crate::components::forms::{CARD, HINT, INPUT, LABEL, SECONDARY_BUTTON};
use crate::domain::{limits, words, EventKind, Item};
use crate::error::AppError;

/// The send log of `item`.
#[component]
pub fn SendLog(
    item: Item,
    events: Vec<crate::domain::Event>,
    control: Control,
    can_work: bool,
) -> impl IntoView {
    let sends: Vec<_> = events
        .iter()
        .rev()
        .filter_map(|e| match &e.kind {
            EventKind::SendRecorded(send) => Some(send.clone()),
            _ => None,
        })
        .collect();
    let segment_field = item.segment();
    let subject = RwSignal::new(String::new());
    let segment = RwSignal::new(segment_field.unwrap_or_default());
    let recipients = RwSignal::new(String::new());
    let at = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let id = item.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let count = recipients.get_untracked().trim().replace([',', ' '], "");
        let Ok(count) = count.parse::<u64>() else {
            error.set(Some(AppError::validation(
                "recipients",
                "Give how many recipients the send went to, as a whole number.",
            )));
            return;
        };
        let when = at.get_untracked();
        let sent_at = if when.is_empty() {
            None
        } else {
            match chrono::NaiveDateTime::parse_from_str(&when, "%Y-%m-%dT%H:%M") {
                Ok(t) => Some(t),
                Err(_) => {
                    error.set(Some(AppError::validation(
                        "sent_at",
                        "Give the time it went out, or leave it empty for now.",
                    )));
                    return;
                }
            }
        };
        let send = SendInput {
            subject: subject.get_untracked(),
            segment: segment.get_untracked(),
            recipients: Some(count),
            sent_at,
        };
        control.busy.set(true);
        control.status.set(String::new());
        control.warnings.set(Vec::new());
        spawn_local(async move {
            match record_send(id, control.version.get_value(), send).await {
                Ok(answer) => {
                    control.version.set_value(answer.version);
                    control.status.set("Send recorded.".into());
                    control.warnings.set(answer.warnings);
                    control.reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
            control.busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="sends-heading" class=CARD>
            <h3 id="sends-heading" class="font-semibold">"Send log"</h3>
            <p class=HINT>"Each send of this email: when, to which segment, how many recipients. A resend to non-openers is a second send. All sends are in "<a href="/sends" class="text-indigo-700 hover:underline dark:text-indigo-300">"the send log"</a>"."</p>
            {if sends.is_empty() {
                view! { <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">"No sends recorded yet."</p> }.into_any()
            } else {
                view! {
                    <table class="mt-2 w-full text-left text-sm">
                        <caption class="sr-only">"Sends of this item"</caption>
                        <thead class="text-xs text-slate-600 dark:text-slate-400">
                            <tr><th scope="col">"Sent"</th><th scope="col">"Subject"</th><th scope="col">"Segment"</th><th scope="col" class="text-right">"Recipients"</th></tr>
                        </thead>
                        <tbody>
                            {sends.into_iter().map(|s| view! {
                                <tr class="border-t border-slate-100 dark:border-slate-800">
                                    <td class="py-1"><time datetime=s.sent_at.to_rfc3339()>{words::moment(s.sent_at)}</time></td>
                                    <td class="py-1">{s.what}</td>
                                    <td class="py-1">{s.segment}</td>
                                    <td class="py-1 text-right tabular-nums">{s.recipients.map(limits::grouped_u64).unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {can_work.then(|| view! {
                <form class="mt-3 grid gap-2 sm:grid-cols-2" on:submit=submit aria-label="Record a send">
                    <div>
                        <label for="send-subject" class=LABEL>"Subject"</label>
                        <input id="send-subject" class=INPUT required maxlength=limits::SHORT.to_string()
                            prop:value=move || subject.get() on:input=move |ev| subject.set(event_target_value(&ev))/>
                    </div>
                    <div>
                        <label for="send-segment" class=LABEL>"Segment or list"</label>
                        <input id="send-segment" class=INPUT required maxlength=limits::SHORT.to_string()
                            prop:value=move || segment.get() on:input=move |ev| segment.set(event_target_value(&ev))/>
                    </div>
                    <div>
                        <label for="send-recipients" class=LABEL>"Recipients"</label>
                        <input id="send-recipients" class=INPUT required inputmode="numeric" placeholder="12400"
                            prop:value=move || recipients.get() on:input=move |ev| recipients.set(event_target_value(&ev))/>
                    </div>
                    <div>
                        <label for="send-at" class=LABEL>"Sent at (your time; empty for now)"</label>
                        <input id="send-at" type="datetime-local" class=INPUT
                            prop:value=move || at.get() on:input=move |ev| at.set(event_target_value(&ev))/>
                    </div>
                    <div class="sm:col-span-2">
                        <button type="submit" class=SECONDARY_BUTTON disabled=move || control.busy.get()>"Record send"</button>
                    </div>
                </form>
                <div aria-live="polite">{move || error.get().map(|error| view! { <crate::components::error_view::ErrorView error/> })}</div>
            })}
        </section>
    }
}
