//! The filter bar: owner, campaign, channel, due date and text, written into
//! the URL so the filtered board can be shared and survives a reload.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::board::{
    board_href, channel_from_key, channel_key, channel_label, BoardView, DueFilter, CHANNELS,
};
use crate::components::forms::LABEL;
use crate::domain::{CampaignId, PersonId};

const SELECT: &str =
    "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm \
    focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 \
    dark:border-slate-700 dark:bg-slate-950";

/// Filters for one board.
#[component]
pub fn FilterBar(view: BoardView) -> impl IntoView {
    let navigate = use_navigate();
    let filter = view.filter.clone();
    let workflow = view.workflow.clone();
    let go = {
        let (filter, workflow) = (filter.clone(), workflow.clone());
        move |change: &dyn Fn(&mut crate::api::board::BoardFilter)| {
            let mut next = filter.clone();
            change(&mut next);
            navigate(
                &board_href(&workflow, &next),
                NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let mine = filter.owner == Some(view.me);
    let me = view.me;
    let go_owner = go.clone();
    let go_mine = go.clone();
    let go_campaign = go.clone();
    let go_channel = go.clone();
    let go_due = go.clone();
    let go_text = go.clone();
    let go_done = go.clone();
    let go_archived = go;
    let selected = |on: bool| if on { Some("") } else { None };
    view! {
        <form
            role="search"
            aria-label="Filter the board"
            on:submit=|ev| ev.prevent_default()
            class="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-3 lg:grid-cols-7 \
                   dark:border-slate-800 dark:bg-slate-900"
        >
            <div class="col-span-2 sm:col-span-3 lg:col-span-2">
                <label for="filter-text" class=LABEL>"Search"</label>
                <input
                    id="filter-text"
                    type="search"
                    placeholder="Words in the title"
                    value=filter.text.clone()
                    on:change=move |ev| {
                        let text = event_target_value(&ev).trim().to_string();
                        go_text(&move |f| f.text = text.clone());
                    }
                    class=SELECT
                />
            </div>
            <div>
                <label for="filter-owner" class=LABEL>"Owner"</label>
                <select
                    id="filter-owner"
                    class=SELECT
                    on:change=move |ev| {
                        let owner = event_target_value(&ev).parse::<i64>().ok().map(PersonId);
                        go_owner(&move |f| f.owner = owner);
                    }
                >
                    <option value="" selected=selected(filter.owner.is_none())>"Anyone"</option>
                    {view.people.iter().map(|p| view! {
                        <option value=p.id.to_string() selected=selected(filter.owner == Some(p.id))>{p.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="filter-campaign" class=LABEL>"Campaign"</label>
                <select
                    id="filter-campaign"
                    class=SELECT
                    on:change=move |ev| {
                        let campaign = event_target_value(&ev).parse::<i64>().ok().map(CampaignId);
                        go_campaign(&move |f| f.campaign = campaign);
                    }
                >
                    <option value="" selected=selected(filter.campaign.is_none())>"Any"</option>
                    {view.campaigns.iter().map(|c| view! {
                        <option value=c.id.to_string() selected=selected(filter.campaign == Some(c.id))>{c.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="filter-channel" class=LABEL>"Channel"</label>
                <select
                    id="filter-channel"
                    class=SELECT
                    on:change=move |ev| {
                        let channel = channel_from_key(&event_target_value(&ev));
                        go_channel(&move |f| f.channel = channel);
                    }
                >
                    <option value="" selected=selected(filter.channel.is_none())>"Any"</option>
                    {CHANNELS.into_iter().map(|c| view! {
                        <option value=channel_key(c) selected=selected(filter.channel == Some(c))>{channel_label(c)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="filter-due" class=LABEL>"Due"</label>
                <select
                    id="filter-due"
                    class=SELECT
                    on:change=move |ev| {
                        let due = match event_target_value(&ev).as_str() {
                            "overdue" => Some(DueFilter::Overdue),
                            "week" => Some(DueFilter::ThisWeek),
                            _ => None,
                        };
                        go_due(&move |f| f.due = due);
                    }
                >
                    <option value="" selected=selected(filter.due.is_none())>"Any time"</option>
                    <option value="overdue" selected=selected(filter.due == Some(DueFilter::Overdue))>"Overdue"</option>
                    <option value="week" selected=selected(filter.due == Some(DueFilter::ThisWeek))>"Due this week"</option>
                </select>
            </div>
            <div class="col-span-2 flex flex-wrap items-end gap-3 sm:col-span-3 lg:col-span-1 lg:flex-col lg:items-start lg:gap-1">
                <button
                    type="button"
                    aria-pressed=if mine { "true" } else { "false" }
                    on:click=move |_| go_mine(&move |f| f.owner = if mine { None } else { Some(me) })
                    class="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 \
                           aria-pressed:border-indigo-500 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-800 \
                           dark:border-slate-700 dark:hover:bg-slate-800 dark:aria-pressed:bg-indigo-950 dark:aria-pressed:text-indigo-200"
                >
                    "Only my items"
                </button>
                <label class="flex items-center gap-1 text-xs">
                    <input
                        type="checkbox"
                        checked=filter.all_done
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            go_done(&move |f| f.all_done = on);
                        }
                    />
                    {format!("Older done items{}", if view.hidden_done > 0 { format!(" ({})", view.hidden_done) } else { String::new() })}
                </label>
                <label class="flex items-center gap-1 text-xs">
                    <input
                        type="checkbox"
                        checked=filter.archived
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            go_archived(&move |f| f.archived = on);
                        }
                    />
                    "Archived"
                </label>
            </div>
        </form>
    }
}
