//! The keyboard way to move an entry (a date and time form), and the form that
//! starts an item on a day.

use chrono::{NaiveDate, NaiveTime};
use leptos::ev::KeyboardEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::channels::likely_channel;
use super::dom;
use super::model::{Cal, Notice, Tone};
use crate::api::board::CampaignTag;
use crate::api::calendar::{create_calendar_item, NewEntry, WorkflowTag};
use crate::components::forms::{HINT, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON};
use crate::domain::calendar::full_date;
use crate::domain::filter::ItemFilter;
use crate::domain::{CampaignId, Channel, WorkflowId, WorkflowKind};
use crate::error::AppError;

const PANEL: &str = "fixed inset-x-0 top-16 z-50 mx-auto w-[min(28rem,calc(100%-2rem))] rounded-lg border border-slate-200 \
    bg-white p-4 shadow-2xl dark:border-slate-700 dark:bg-slate-900";

fn parse_date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

fn parse_time(raw: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M").ok()
}

/// Closes a dialog on Escape.
fn escape(close: impl Fn() + 'static) -> impl Fn(KeyboardEvent) + 'static {
    move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    }
}

/// Moves (or schedules) the entry in `ui.moving` to a date typed in.
#[component]
pub fn RescheduleDialog(cal: Cal) -> impl IntoView {
    let moving = cal.ui.moving;
    view! {
        {move || moving.get().map(|entry| {
            let date = RwSignal::new(entry.date.unwrap_or(cal.today).format("%Y-%m-%d").to_string());
            let all_day = RwSignal::new(entry.date.is_some() && entry.time.is_none() || entry.date.is_none());
            let time = RwSignal::new(entry.time.unwrap_or(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()).format("%H:%M").to_string());
            let problem = RwSignal::new(None::<&'static str>);
            let field = NodeRef::<Input>::new();
            Effect::new(move |_| {
                if let Some(input) = field.get() {
                    let _ = input.focus();
                }
            });
            let id = entry.id;
            let close = move || {
                moving.set(None);
                dom::focus_later(format!("entry-{id}"), false);
            };
            let verb = if entry.date.is_some() { "Reschedule" } else { "Schedule" };
            let heading = format!("{verb} {}", entry.title);
            let held = entry.clone();
            let submit = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let Some(day) = parse_date(&date.get_untracked()) else {
                    problem.set(Some("Enter a date like 2026-12-07."));
                    return;
                };
                let at = if all_day.get_untracked() {
                    None
                } else {
                    match parse_time(&time.get_untracked()) {
                        Some(t) => Some(t),
                        None => {
                            problem.set(Some("Enter a time like 09:30, or tick All day."));
                            return;
                        }
                    }
                };
                cal.reschedule(held.clone(), day, at);
            };
            view! {
                <div role="dialog" aria-labelledby="reschedule-heading" class=PANEL on:keydown=escape(close)>
                    <h2 id="reschedule-heading" class="text-base font-semibold">{heading}</h2>
                    <form on:submit=submit class="mt-3 space-y-3" novalidate>
                        <div>
                            <label for="reschedule-date" class=LABEL>"Date"</label>
                            <input id="reschedule-date" node_ref=field type="date" class=INPUT
                                prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                        </div>
                        <label class="flex items-center gap-2 text-sm">
                            <input type="checkbox" prop:checked=move || all_day.get() on:change=move |ev| all_day.set(event_target_checked(&ev))/>
                            "All day"
                        </label>
                        <div>
                            <label for="reschedule-time" class=LABEL>"Time"</label>
                            <input id="reschedule-time" type="time" class=INPUT disabled=move || all_day.get()
                                prop:value=move || time.get() on:input=move |ev| time.set(event_target_value(&ev))/>
                            <p class=HINT>"In your time zone."</p>
                        </div>
                        {move || problem.get().map(|p| view! { <p role="alert" class="text-sm text-red-700 dark:text-red-300">{p}</p> })}
                        <div class="flex gap-2">
                            <button type="submit" class=PRIMARY_BUTTON>{verb}</button>
                            <button type="button" class=SECONDARY_BUTTON on:click=move |_| close()>"Cancel"</button>
                        </div>
                    </form>
                </div>
            }
        })}
    }
}

/// What the "new item" form starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Suggestion {
    workflow: String,
    channel: Channel,
    campaign: String,
}

/// The filtered workflow, or one whose items go out on the filtered channel, or
/// a content workflow, or the first; the filtered channel, or the workflow's usual one.
fn suggest(workflows: &[WorkflowTag], filter: &ItemFilter) -> Suggestion {
    let chosen = filter
        .workflow
        .as_ref()
        .and_then(|id| workflows.iter().find(|w| w.id == *id))
        .or_else(|| {
            filter
                .channel
                .and_then(|c| workflows.iter().find(|w| likely_channel(w.kind) == c))
        })
        .or_else(|| workflows.iter().find(|w| w.kind == WorkflowKind::Content))
        .or_else(|| workflows.first());
    Suggestion {
        workflow: chosen.map(|w| w.id.to_string()).unwrap_or_default(),
        channel: filter
            .channel
            .or(chosen.map(|w| likely_channel(w.kind)))
            .unwrap_or_default(),
        campaign: filter.campaign.map(|c| c.to_string()).unwrap_or_default(),
    }
}

/// Starts an item on the day in `ui.creating`, choosing its workflow.
#[component]
pub fn CreateDialog(
    cal: Cal,
    workflows: Vec<WorkflowTag>,
    campaigns: Vec<CampaignTag>,
    /// The calendar's filters, which suggest the workflow, channel and campaign.
    filter: ItemFilter,
    /// Loads the calendar again once the item exists.
    reload: Callback<()>,
) -> impl IntoView {
    let suggested = suggest(&workflows, &filter);
    let creating = cal.ui.creating;
    let workflows = StoredValue::new(workflows);
    let campaigns = StoredValue::new(campaigns);
    view! {
        {move || creating.get().map(|day| {
            let title = RwSignal::new(String::new());
            let workflow = RwSignal::new(suggested.workflow.clone());
            let channel = RwSignal::new(suggested.channel.key().to_string());
            let campaign = RwSignal::new(suggested.campaign.clone());
            let date = RwSignal::new(day.format("%Y-%m-%d").to_string());
            let time = RwSignal::new(String::new());
            let error = RwSignal::new(None::<AppError>);
            let saving = RwSignal::new(false);
            let field = NodeRef::<Input>::new();
            Effect::new(move |_| {
                if let Some(input) = field.get() {
                    let _ = input.focus();
                }
            });
            let close = move || creating.set(None);
            let pick_workflow = move |ev: leptos::ev::Event| {
                let id = event_target_value(&ev);
                let kind = workflows.with_value(|ws| ws.iter().find(|w| w.id.as_str() == id).map(|w| w.kind));
                if let Some(kind) = kind {
                    channel.set(likely_channel(kind).key().to_string());
                }
                workflow.set(id);
            };
            let submit = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let problem = |field: &str, message: &str| Some(AppError::validation(field, message));
                let name = title.get_untracked().trim().to_string();
                let Some(on) = parse_date(&date.get_untracked()) else {
                    error.set(problem("date", "Enter a date like 2026-12-07."));
                    return;
                };
                let raw_time = time.get_untracked();
                let at = if raw_time.trim().is_empty() { None } else { parse_time(&raw_time) };
                if name.is_empty() {
                    error.set(problem("title", "Give the item a title."));
                    return;
                }
                if !raw_time.trim().is_empty() && at.is_none() {
                    error.set(problem("time", "Enter a time like 09:30, or leave it empty for all day."));
                    return;
                }
                let entry = NewEntry {
                    workflow: WorkflowId(workflow.get_untracked()),
                    title: name.clone(),
                    channel: crate::domain::Channel::from_key(&channel.get_untracked()).unwrap_or_default(),
                    campaign: campaign.get_untracked().parse::<i64>().ok().map(CampaignId),
                    date: on,
                    time: at,
                };
                saving.set(true);
                spawn_local(async move {
                    match create_calendar_item(entry).await {
                        Ok(done) => {
                            creating.set(None);
                            let tone = if done.warnings.is_empty() { Tone::Done } else { Tone::Warning };
                            cal.ui.tell(Notice {
                                tone,
                                text: format!("Added {name} on {}.", full_date(on)),
                                details: done.warnings,
                                link: Some((format!("/items/{}", done.entry.id), format!("Open {name}"))),
                            });
                            reload.run(());
                        }
                        Err(e) => error.set(Some(e)),
                    }
                    saving.set(false);
                });
            };
            let heading = format!("New item on {}", full_date(day));
            view! {
                <div role="dialog" aria-labelledby="create-heading" class=PANEL on:keydown=escape(close)>
                    <h2 id="create-heading" class="text-base font-semibold">{heading}</h2>
                    <form on:submit=submit class="mt-3 grid gap-3 sm:grid-cols-2" novalidate>
                        <div class="sm:col-span-2">
                            <label for="create-title" class=LABEL>"Title"</label>
                            <input id="create-title" node_ref=field type="text" class=INPUT required
                                prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                        </div>
                        <div class="sm:col-span-2">
                            <label for="create-workflow" class=LABEL>"Workflow"</label>
                            <select id="create-workflow" class=INPUT on:change=pick_workflow>
                                {workflows.with_value(|ws| ws.iter().map(|w| {
                                    let id = w.id.to_string();
                                    view! { <option value=id.clone() selected=move || workflow.get() == id>{w.name.clone()}</option> }
                                }).collect_view())}
                            </select>
                        </div>
                        <div>
                            <label for="create-channel" class=LABEL>"Channel"</label>
                            <select id="create-channel" class=INPUT prop:value=move || channel.get() on:change=move |ev| channel.set(event_target_value(&ev))>
                                {crate::domain::Channel::ALL.into_iter().map(|c| view! { <option value=c.key().to_string()>{c.label()}</option> }).collect_view()}
                            </select>
                        </div>
                        <div>
                            <label for="create-campaign" class=LABEL>"Campaign"</label>
                            <select id="create-campaign" class=INPUT prop:value=move || campaign.get() on:change=move |ev| campaign.set(event_target_value(&ev))>
                                <option value="">"None"</option>
                                {campaigns.with_value(|cs| cs.iter().map(|c| view! { <option value=c.id.to_string()>{c.name.clone()}</option> }).collect_view())}
                            </select>
                        </div>
                        <div>
                            <label for="create-date" class=LABEL>"Date"</label>
                            <input id="create-date" type="date" class=INPUT
                                prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                        </div>
                        <div>
                            <label for="create-time" class=LABEL>"Time"</label>
                            <input id="create-time" type="time" class=INPUT aria-describedby="create-time-hint"
                                prop:value=move || time.get() on:input=move |ev| time.set(event_target_value(&ev))/>
                            <p id="create-time-hint" class=HINT>"Empty for all day."</p>
                        </div>
                        {move || error.get().map(|e| view! { <p role="alert" class="text-sm text-red-700 sm:col-span-2 dark:text-red-300">{e.to_string()}</p> })}
                        <div class="flex gap-2 sm:col-span-2">
                            <button type="submit" class=PRIMARY_BUTTON disabled=move || saving.get()>"Create item"</button>
                            <button type="button" class=SECONDARY_BUTTON on:click=move |_| close()>"Cancel"</button>
                        </div>
                    </form>
                </div>
            }
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags() -> Vec<WorkflowTag> {
        [
            ("campaign-reporting", WorkflowKind::Reporting),
            ("content-production", WorkflowKind::Content),
            ("email-campaign", WorkflowKind::Email),
        ]
        .into_iter()
        .map(|(id, kind)| WorkflowTag {
            id: WorkflowId::new(id),
            name: id.to_string(),
            kind,
        })
        .collect()
    }

    #[test]
    fn the_form_starts_from_what_the_calendar_is_filtered_on() {
        let plain = suggest(&tags(), &ItemFilter::default());
        assert_eq!(
            (plain.workflow.as_str(), plain.channel),
            ("content-production", Channel::Blog)
        );
        let emails = ItemFilter {
            channel: Some(Channel::Email),
            campaign: Some(CampaignId(2)),
            ..ItemFilter::default()
        };
        let suggested = suggest(&tags(), &emails);
        assert_eq!(
            (
                suggested.workflow.as_str(),
                suggested.channel,
                suggested.campaign.as_str()
            ),
            ("email-campaign", Channel::Email, "2")
        );
        let reports = ItemFilter {
            workflow: Some(WorkflowId::new("campaign-reporting")),
            ..ItemFilter::default()
        };
        assert_eq!(suggest(&tags(), &reports).channel, Channel::Other);
    }
}
