//! Above the calendar: the period and its previous/today/next links, the view
//! switch, the filters and the channel legend — all kept in the URL.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::channels::Legend;
use crate::api::board::{channel_from_key, channel_key, channel_label, CHANNELS};
use crate::api::calendar::{CalendarData, CalendarFilter, CalendarQuery};
use crate::components::forms::LABEL;
use crate::domain::calendar::CalendarView;
use crate::domain::{CampaignId, PersonId, WorkflowId};

const SELECT: &str =
    "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm \
    focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 \
    dark:border-slate-700 dark:bg-slate-950";

const NAV: &str =
    "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 \
    dark:border-slate-700 dark:hover:bg-slate-800";

/// The period, navigation and view switch.
#[component]
pub fn PeriodBar(data: CalendarData, query: CalendarQuery) -> impl IntoView {
    let navigate = use_navigate();
    let paged = query.clone();
    let at = move |date| {
        CalendarQuery {
            date: Some(date),
            ..paged.clone()
        }
        .href()
    };
    let today_href = CalendarQuery {
        date: None,
        ..query.clone()
    }
    .href();
    let unit = match data.view {
        CalendarView::Month => "month",
        CalendarView::Week => "week",
        CalendarView::Agenda => "four weeks",
    };
    let switch_query = query.clone();
    let anchor = data.anchor;
    view! {
        <div class="flex flex-wrap items-center justify-between gap-3">
            <div class="flex flex-wrap items-center gap-2">
                <h2 class="mr-2 text-xl font-semibold tracking-tight" aria-live="polite">{data.title.clone()}</h2>
                <nav aria-label="Dates" class="flex gap-1">
                    <a href=at(data.previous) class=NAV title=format!("Previous {unit}")>"Previous"</a>
                    <a href=today_href class=NAV>"Today"</a>
                    <a href=at(data.next) class=NAV title=format!("Next {unit}")>"Next"</a>
                </nav>
            </div>
            <div role="group" aria-label="View" class="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
                {CalendarView::ALL.into_iter().map(|view| {
                    let pressed = view == data.view;
                    let navigate = navigate.clone();
                    let query = switch_query.clone();
                    let go = move |_| {
                        let next = CalendarQuery {
                            view: Some(view),
                            date: Some(anchor),
                            ..query.clone()
                        };
                        navigate(&next.href(), NavigateOptions { scroll: false, ..Default::default() });
                    };
                    view! {
                        <button
                            type="button"
                            aria-pressed=if pressed { "true" } else { "false" }
                            on:click=go
                            class="px-3 py-1.5 text-sm font-medium hover:bg-slate-100 aria-pressed:bg-indigo-600 aria-pressed:text-white \
                                   dark:hover:bg-slate-800 dark:aria-pressed:bg-indigo-500"
                        >
                            {view.label()}
                        </button>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}

/// The filters: channel, campaign, workflow, owner.
#[component]
pub fn FilterBar(data: CalendarData, query: CalendarQuery) -> impl IntoView {
    let navigate = use_navigate();
    let filter = data.filter.clone();
    let go = move |change: &dyn Fn(&mut CalendarFilter)| {
        let mut next = query.clone();
        change(&mut next.filter);
        navigate(
            &next.href(),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };
    let (go_channel, go_campaign, go_workflow, go_owner) = (go.clone(), go.clone(), go.clone(), go);
    let selected = |on: bool| if on { Some("") } else { None };
    view! {
        <form
            role="search"
            aria-label="Filter the calendar"
            on:submit=|ev| ev.prevent_default()
            class="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-4 dark:border-slate-800 dark:bg-slate-900"
        >
            <div>
                <label for="calendar-channel" class=LABEL>"Channel"</label>
                <select id="calendar-channel" class=SELECT on:change=move |ev| {
                    let channel = channel_from_key(&event_target_value(&ev));
                    go_channel(&move |f| f.channel = channel);
                }>
                    <option value="" selected=selected(filter.channel.is_none())>"Every channel"</option>
                    {CHANNELS.into_iter().map(|c| view! {
                        <option value=channel_key(c) selected=selected(filter.channel == Some(c))>{channel_label(c)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="calendar-campaign" class=LABEL>"Campaign"</label>
                <select id="calendar-campaign" class=SELECT on:change=move |ev| {
                    let campaign = event_target_value(&ev).parse::<i64>().ok().map(CampaignId);
                    go_campaign(&move |f| f.campaign = campaign);
                }>
                    <option value="" selected=selected(filter.campaign.is_none())>"Any campaign"</option>
                    {data.campaigns.iter().map(|c| view! {
                        <option value=c.id.to_string() selected=selected(filter.campaign == Some(c.id))>{c.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="calendar-workflow" class=LABEL>"Workflow"</label>
                <select id="calendar-workflow" class=SELECT on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let workflow = (!value.is_empty()).then_some(WorkflowId(value));
                    go_workflow(&move |f| f.workflow = workflow.clone());
                }>
                    <option value="" selected=selected(filter.workflow.is_none())>"Any workflow"</option>
                    {data.workflows.iter().map(|w| view! {
                        <option value=w.id.to_string() selected=selected(filter.workflow.as_ref() == Some(&w.id))>{w.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="calendar-owner" class=LABEL>"Owner"</label>
                <select id="calendar-owner" class=SELECT on:change=move |ev| {
                    let owner = event_target_value(&ev).parse::<i64>().ok().map(PersonId);
                    go_owner(&move |f| f.owner = owner);
                }>
                    <option value="" selected=selected(filter.owner.is_none())>"Anyone"</option>
                    {data.people.iter().map(|p| view! {
                        <option value=p.id.to_string() selected=selected(filter.owner == Some(p.id))>{p.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="col-span-2 flex flex-wrap items-center justify-between gap-2 sm:col-span-4">
                <Legend/>
                <p class="text-xs text-slate-500 dark:text-slate-400">
                    {format!("Times in {}. ", data.time_zone.replace('_', " "))}
                    <a href="/profile" class="text-indigo-700 hover:underline dark:text-indigo-300">"Change it, or subscribe in your calendar app, in your profile."</a>
                </p>
            </div>
        </form>
    }
}
