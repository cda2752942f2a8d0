//! `/settings`: the workspace's working hours (business-hours SLAs count in them), its time
//! zone (schedules run in it), the brand style guide and, for admins, integrations and API
//! tokens.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

use super::PageHeader;
use crate::api::inbox::{get_working_hours, save_working_hours, WorkingHoursForm};
use crate::components::automation::hooks::ZoneForm;
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, SUCCESS};
use crate::components::session::{signed_in, use_session};
use crate::components::style_guide::StyleGuideSection;
use crate::domain::Role;
use crate::error::AppError;

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// "UTC+05:30" for 330 minutes.
fn offset_label(minutes: i32) -> String {
    let sign = if minutes < 0 { '−' } else { '+' };
    let m = minutes.abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// `/settings`: working hours (admins change them; everyone can read them).
#[component]
pub fn SettingsPage() -> impl IntoView {
    let session = use_session();
    let hours = Resource::new(|| (), |_| get_working_hours());
    view! {
        <Title text="Settings"/>
        <PageHeader
            title="Settings"
            subtitle="How the workspace counts time (business-hours SLAs, the time zone schedules run in), the brand style guide copy is checked against, and how Baton connects to other tools."
        />
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let admin = signed_in(&session.status.await).is_some_and(|u| u.role == Role::Admin);
                match hours.await {
                    Ok(form) => view! {
                        <div class="space-y-6">
                            <HoursForm form admin/>
                            <ZoneForm admin/>
                            <StyleGuideSection admin/>
                            <section class=CARD aria-labelledby="notifications-heading">
                                <h2 id="notifications-heading" class="text-lg font-semibold">"Your notifications"</h2>
                                <p class=HINT>"What Baton emails you (at once, in a daily digest, or not at all) and your calendar feed."</p>
                                <p class="mt-3"><a href="/settings/notifications" class=PRIMARY_BUTTON>"Choose notifications"</a></p>
                            </section>
                            <section class=CARD aria-labelledby="imports-heading">
                                <h2 id="imports-heading" class="text-lg font-semibold">"Import and export"</h2>
                                <p class=HINT>"Bring a Trello board or a spreadsheet in, with a preview first; download a board as CSV or, for admins, the whole workspace as JSON."</p>
                                <p class="mt-3"><a href="/imports" class=PRIMARY_BUTTON>"Import and export"</a></p>
                            </section>
                            {admin.then(|| view! {
                                <section class=CARD aria-labelledby="integrations-heading">
                                    <h2 id="integrations-heading" class="text-lg font-semibold">"Integrations"</h2>
                                    <p class=HINT>"Email through your SMTP server, inbound hooks other tools post results and requests to, and outbound webhooks Baton signs and sends."</p>
                                    <p class="mt-3"><a href="/settings/integrations" class=PRIMARY_BUTTON>"Manage integrations"</a></p>
                                </section>
                            })}
                            {admin.then(|| view! {
                                <section class=CARD aria-labelledby="tokens-heading">
                                    <h2 id="tokens-heading" class="text-lg font-semibold">"API tokens"</h2>
                                    <p class=HINT>"Everyone's personal access tokens: whose each is, what it may do, when it was last used; revoke one that leaked. People make their own on their profile."</p>
                                    <p class="mt-3"><a href="/settings/tokens" class=PRIMARY_BUTTON>"See everyone's tokens"</a></p>
                                </section>
                            })}
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn HoursForm(form: WorkingHoursForm, admin: bool) -> impl IntoView {
    let offset = RwSignal::new(form.offset_minutes);
    let days = RwSignal::new(form.days.clone());
    let start = RwSignal::new(form.start.clone());
    let end = RwSignal::new(form.end.clone());
    let error = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = WorkingHoursForm {
            offset_minutes: offset.get_untracked(),
            days: days.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
        };
        busy.set(true);
        error.set(None);
        saved.set(String::new());
        spawn_local(async move {
            match save_working_hours(form).await {
                Ok(_) => saved.set(
                    "Working hours saved. SLA clocks that are running now count with them.".into(),
                ),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let offsets: Vec<i32> = (-24..=28).map(|half| half * 30).collect();
    view! {
        <form class=format!("{CARD} max-w-xl space-y-5") on:submit=submit>
            <h2 class="text-lg font-semibold">"Working hours"</h2>
            {(!admin).then(|| view! { <p class=HINT>"Only admins can change the working hours."</p> })}
            <div>
                <label for="offset" class=LABEL>"Time zone offset"</label>
                <select id="offset" class=INPUT disabled=!admin
                    on:change=move |ev| offset.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {offsets.into_iter().map(|m| view! {
                        <option value=m.to_string() selected=move || offset.get() == m>{offset_label(m)}</option>
                    }).collect_view()}
                </select>
                <p class=HINT>"A fixed offset: change it when your clocks change for summer time."</p>
            </div>
            <fieldset>
                <legend class=LABEL>"Working days"</legend>
                <div class="mt-2 flex flex-wrap gap-x-4 gap-y-2">
                    {DAYS.iter().enumerate().map(|(i, name)| {
                        let n = i as u8 + 1;
                        view! {
                            <label class="flex items-center gap-1.5 text-sm">
                                <input type="checkbox" class="h-4 w-4" disabled=!admin
                                    prop:checked=move || days.with(|d| d.contains(&n))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        days.update(|d| {
                                            d.retain(|x| *x != n);
                                            if on { d.push(n); d.sort_unstable(); }
                                        });
                                    }/>
                                {*name}
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="grid grid-cols-2 gap-4">
                <div>
                    <label for="start" class=LABEL>"Day starts"</label>
                    <input id="start" type="time" class=INPUT disabled=!admin prop:value=move || start.get()
                        on:input=move |ev| start.set(event_target_value(&ev))/>
                </div>
                <div>
                    <label for="end" class=LABEL>"Day ends"</label>
                    <input id="end" type="time" class=INPUT disabled=!admin prop:value=move || end.get()
                        on:input=move |ev| end.set(event_target_value(&ev))/>
                </div>
            </div>
            <div class="space-y-2" aria-live="polite">
                {move || error.get().map(|error| view! { <ErrorView error/> })}
                {move || (!saved.get().is_empty()).then(|| view! { <p role="status" class=SUCCESS>{saved.get()}</p> })}
            </div>
            {admin.then(|| view! {
                <button type="submit" class=PRIMARY_BUTTON disabled=move || busy.get()>"Save working hours"</button>
            })}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::offset_label;

    #[test]
    fn offsets_are_written_like_clocks() {
        assert_eq!(offset_label(0), "UTC+00:00");
        assert_eq!(offset_label(330), "UTC+05:30");
        assert_eq!(offset_label(-210), "UTC−03:30");
    }
}
