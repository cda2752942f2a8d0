//! `/campaigns`: every campaign with its dates, owner, channels, budget, items and status,
//! and (for managers) "New campaign". `/campaigns/<id>`: one campaign — its timeline, its
//! items by workflow and stage, goals against results, budget against spend, its trail.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::PageHeader;
use crate::api::campaigns::{
    close_campaign, get_campaign, list_campaigns, record_campaign_result, reopen_campaign,
    CampaignDetail, CampaignSaved, CampaignSummary, TimelineItem,
};
use crate::components::campaigns::form::{CampaignForm, Saving};
use crate::components::campaigns::timeline::Timeline;
use crate::components::error_view::ErrorView;
use crate::components::forms::{
    CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON, SUCCESS, WARNING,
};
use crate::domain::campaign::CampaignInput;
use crate::domain::{words, CampaignId};
use crate::error::AppError;

const BADGE: &str = "rounded px-1.5 py-0.5 text-xs font-medium";
const BADGE_OK: &str = "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200";
const BADGE_ATTENTION: &str = "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200";
const BADGE_QUIET: &str = "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300";

fn status_badge(summary: &CampaignSummary) -> impl IntoView {
    let tone = if summary.closed || summary.counts.items == 0 {
        BADGE_QUIET
    } else if summary.attention {
        BADGE_ATTENTION
    } else {
        BADGE_OK
    };
    view! { <span class=format!("{BADGE} {tone}")>{summary.status.clone()}</span> }
}

/// `/campaigns`.
#[component]
pub fn CampaignsPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let page = Resource::new(move || reload.get(), |_| list_campaigns());
    let navigate = use_navigate();
    let created = Callback::new(move |saved: CampaignSaved| {
        navigate(&format!("/campaigns/{}", saved.id), Default::default());
    });
    view! {
        <Title text="Campaigns"/>
        <PageHeader title="Campaigns" subtitle="Email, social, content and paid work timed as one: each campaign's items, dates, goals and budget in one place."/>
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! {
                        <div class="space-y-6">
                            <div class="flex flex-wrap items-center justify-between gap-3">
                                <p class="text-sm text-slate-600 dark:text-slate-400">{match page.campaigns.iter().filter(|c| !c.closed).count() {
                                    1 => "1 open campaign.".to_owned(),
                                    n => format!("{n} open campaigns."),
                                }}</p>
                                <a href="/sends" class=SECONDARY_BUTTON>"Send log"</a>
                            </div>
                            {if page.campaigns.is_empty() {
                                view! { <p class="text-sm">"No campaigns yet."{page.can_edit.then_some(" Create the first one below.")}</p> }.into_any()
                            } else {
                                view! { <CampaignTable campaigns=page.campaigns.clone()/> }.into_any()
                            }}
                            {page.can_edit.then(|| view! {
                                <section aria-labelledby="new-campaign-heading" class=CARD>
                                    <h2 id="new-campaign-heading" class="text-lg font-semibold">"New campaign"</h2>
                                    <div class="mt-3">
                                        <CampaignForm start=CampaignInput::default() saving=Saving::New people=page.people.clone() saved=created/>
                                    </div>
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
fn CampaignTable(campaigns: Vec<CampaignSummary>) -> impl IntoView {
    view! {
        <div class=format!("{CARD} overflow-x-auto !p-0")>
            <table class="w-full text-left text-sm">
                <caption class="sr-only">"Campaigns"</caption>
                <thead class="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
                    <tr>
                        <th scope="col" class="px-4 py-2">"Campaign"</th>
                        <th scope="col" class="px-4 py-2">"Dates"</th>
                        <th scope="col" class="px-4 py-2">"Owner"</th>
                        <th scope="col" class="px-4 py-2">"Channels"</th>
                        <th scope="col" class="px-4 py-2">"Budget"</th>
                        <th scope="col" class="px-4 py-2 text-right">"Items"</th>
                        <th scope="col" class="px-4 py-2">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    {campaigns.into_iter().map(|c| {
                        let channels = if c.channels.is_empty() {
                            "—".to_owned()
                        } else {
                            c.channels.iter().map(|ch| ch.label()).collect::<Vec<_>>().join(", ")
                        };
                        view! {
                            <tr class="border-t border-slate-100 dark:border-slate-800">
                                <th scope="row" class="px-4 py-2 font-medium">
                                    <a href=format!("/campaigns/{}", c.id) class="text-indigo-700 hover:underline dark:text-indigo-300">{c.name.clone()}</a>
                                </th>
                                <td class="px-4 py-2">{c.dates.clone()}</td>
                                <td class="px-4 py-2">{c.owner.as_ref().map_or_else(|| "—".to_owned(), |o| o.name.clone())}</td>
                                <td class="px-4 py-2">{channels}</td>
                                <td class="px-4 py-2">{c.budget.clone().unwrap_or_else(|| "—".into())}</td>
                                <td class="px-4 py-2 text-right tabular-nums">{format!("{} ({} done)", c.counts.items, c.counts.done)}</td>
                                <td class="px-4 py-2">{status_badge(&c)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// `/campaigns/<id>`.
#[component]
pub fn CampaignPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .map(CampaignId)
    });
    // An address that cannot name a campaign is an unknown address, answered with a 404.
    if id.get_untracked().is_none() {
        return view! { <super::not_found::NotFound/> }.into_any();
    }
    let reload = RwSignal::new(0u32);
    let detail = Resource::new(
        move || (id.get(), reload.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_campaign(id).await,
                None => Err(AppError::not_found("That campaign")),
            }
        },
    );
    let notice = RwSignal::new(None::<(String, Vec<String>)>);
    view! {
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading the campaign…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <Campaign detail reload notice/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Campaign(
    detail: CampaignDetail,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<(String, Vec<String>)>>,
) -> impl IntoView {
    let CampaignDetail {
        summary,
        description,
        starts_on,
        ends_on,
        span,
        today,
        lanes,
        undated,
        groups,
        goals,
        spend: _,
        budget_line,
        results,
        trail,
        form,
        can_edit,
        can_work,
        time_zone,
        people,
        decisions,
    } = detail;
    let id = summary.id;
    let editing = RwSignal::new(false);
    let saved = Callback::new(move |answer: CampaignSaved| {
        editing.set(false);
        notice.set(Some(("Saved.".into(), answer.outside)));
        reload.update(|n| *n += 1);
    });
    let close_error = RwSignal::new(None::<AppError>);
    let closing = RwSignal::new(false);
    let confirming = RwSignal::new(None::<String>);
    let version = form.version;
    let close = move |confirm: bool| {
        if closing.get_untracked() {
            return;
        }
        closing.set(true);
        close_error.set(None);
        spawn_local(async move {
            match close_campaign(id, version, confirm).await {
                Ok(_) => {
                    confirming.set(None);
                    notice.set(Some(("Campaign closed.".into(), Vec::new())));
                    reload.update(|n| *n += 1);
                }
                Err(AppError::Validation { field, message }) if field == "confirm" => {
                    confirming.set(Some(message));
                    crate::components::dom::focus_later("close-anyway".into(), false);
                }
                Err(e) => close_error.set(Some(e)),
            }
            closing.set(false);
        });
    };
    let reopen = move |_| {
        if closing.get_untracked() {
            return;
        }
        closing.set(true);
        close_error.set(None);
        spawn_local(async move {
            match reopen_campaign(id, version).await {
                Ok(_) => {
                    notice.set(Some(("Campaign reopened.".into(), Vec::new())));
                    reload.update(|n| *n += 1);
                }
                Err(e) => close_error.set(Some(e)),
            }
            closing.set(false);
        });
    };
    let closed = summary.closed;
    let counts = summary.counts;
    let has_bars = lanes.iter().any(|l| !l.items.is_empty());
    view! {
        <Title text=summary.name.clone()/>
        <div class="mb-6 space-y-1">
            <p class="text-sm"><a href="/campaigns" class="text-indigo-700 hover:underline dark:text-indigo-300">"Campaigns"</a></p>
            <h1 class="text-2xl font-semibold tracking-tight">{summary.name.clone()}</h1>
            <p class="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
                <span>{summary.dates.clone()}</span>
                <span>{summary.owner.as_ref().map_or_else(|| "· no owner".to_owned(), |o| format!("· owned by {}", o.name))}</span>
                {status_badge(&summary)}
            </p>
            {(!description.is_empty()).then(|| view! { <p class="max-w-3xl text-sm">{description.clone()}</p> })}
        </div>
        <div aria-live="polite" class="mb-4 space-y-2">
            {move || notice.get().map(|(text, outside)| view! {
                <p role="status" class=SUCCESS>{text}</p>
                {(!outside.is_empty()).then(|| view! {
                    <div role="note" class=WARNING>
                        <p class="font-medium">"These scheduled items now fall outside the campaign's dates:"</p>
                        <ul class="mt-1 list-disc pl-5">{outside.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
                    </div>
                })}
            })}
        </div>
        <div class="space-y-6">
            <section aria-label="At a glance" class="grid gap-3 sm:grid-cols-4">
                <Stat label="Items" value=counts.items.to_string()/>
                <Stat label="Done" value=counts.done.to_string()/>
                <Stat label="Late" value=counts.late.to_string()/>
                <Stat label="Blocked" value=counts.blocked.to_string()/>
            </section>
            <section aria-labelledby="timeline-heading" class=CARD>
                <h2 id="timeline-heading" class="text-lg font-semibold">"Timeline"</h2>
                <p class=HINT>{format!("Days in your time zone ({time_zone}).")}</p>
                <div class="mt-3">
                    {if has_bars {
                        view! { <Timeline lanes span today starts_on ends_on can_work/> }.into_any()
                    } else {
                        view! { <p class="text-sm text-slate-600 dark:text-slate-400">"No item of this campaign has a date yet: give one a publish, send or launch date on the calendar or on the item."</p> }.into_any()
                    }}
                </div>
                {(!undated.is_empty()).then(|| view! {
                    <div class="mt-4">
                        <h3 class="text-sm font-semibold">"Not planned yet"</h3>
                        <ul class="mt-1 list-disc pl-5 text-sm">
                            {undated.into_iter().map(|i| view! { <li><ItemLink item=i/></li> }).collect_view()}
                        </ul>
                    </div>
                })}
            </section>
            <section aria-labelledby="items-heading" class=CARD>
                <h2 id="items-heading" class="text-lg font-semibold">"Items by workflow"</h2>
                {if groups.is_empty() {
                    view! { <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">"No items yet. Pick this campaign on an item (or when starting one on the calendar) to add it."</p> }.into_any()
                } else {
                    view! {
                        <div class="mt-3 grid gap-4 md:grid-cols-2">
                            {groups.into_iter().map(|g| view! {
                                <div>
                                    <h3 class="font-medium"><a href=format!("/board/{}", g.workflow) class="hover:underline">{g.name}</a></h3>
                                    <dl class="mt-1 space-y-1 text-sm">
                                        {g.stages.into_iter().map(|(stage, items)| view! {
                                            <div>
                                                <dt class="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{stage}</dt>
                                                {items.into_iter().map(|i| view! { <dd><ItemLink item=i/></dd> }).collect_view()}
                                            </div>
                                        }).collect_view()}
                                    </dl>
                                </div>
                            }).collect_view()}
                        </div>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="goals-heading" class=CARD>
                <h2 id="goals-heading" class="text-lg font-semibold">"Goals and budget"</h2>
                {budget_line.map(|line| view! { <p class="mt-2 text-sm">{line}</p> })}
                {if goals.is_empty() {
                    view! { <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">"No goals set."{can_edit.then_some(" Add targets such as “mqls >= 400” when editing the campaign.")}</p> }.into_any()
                } else {
                    view! {
                        <table class="mt-2 w-full text-left text-sm">
                            <caption class="sr-only">"Goals against results so far"</caption>
                            <thead class="text-xs text-slate-600 dark:text-slate-400">
                                <tr><th scope="col">"Goal"</th><th scope="col">"So far"</th><th scope="col">"Status"</th></tr>
                            </thead>
                            <tbody>
                                {goals.into_iter().map(|g| view! {
                                    <tr class="border-t border-slate-100 dark:border-slate-800">
                                        <td class="py-1">{g.goal}</td>
                                        <td class="py-1 tabular-nums">{g.result.unwrap_or_else(|| "not measured yet".into())}</td>
                                        <td class="py-1">{match g.met {
                                            Some(true) => "Met",
                                            Some(false) => "Not met yet",
                                            None => "—",
                                        }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
                <p class=HINT>"Results recorded on the campaign count as they are; otherwise its items' newest results add up (leads, spend) or are averaged (rates, CPA)."</p>
                {(!results.is_empty()).then(|| view! {
                    <details class="mt-2 text-sm">
                        <summary class="cursor-pointer font-medium">{format!("Campaign results recorded ({})", results.len())}</summary>
                        <ul class="mt-1 space-y-1">
                            {results.into_iter().map(|r| view! {
                                <li>{format!("{}: {} — {}, {}", r.metric, r.value, words::moment(r.at), r.by)}</li>
                            }).collect_view()}
                        </ul>
                    </details>
                })}
                {can_work.then(|| view! { <RecordResult id reload/> })}
            </section>
            {(!decisions.is_empty()).then(|| view! {
                <section aria-labelledby="decisions-heading" class=CARD>
                    <h2 id="decisions-heading" class="text-lg font-semibold">"Decisions from its reports"</h2>
                    <div class="mt-2"><crate::components::campaigns::decisions::DecisionList decisions=decisions.clone() show_report=true can_update=false/></div>
                </section>
            })}
            {can_edit.then(|| view! {
                <section aria-labelledby="manage-heading" class=CARD>
                    <h2 id="manage-heading" class="text-lg font-semibold">"Manage"</h2>
                    <div class="mt-2 flex flex-wrap gap-2">
                        <button type="button" class=SECONDARY_BUTTON aria-controls="edit-campaign" aria-expanded=move || editing.get().to_string()
                            on:click=move |_| editing.update(|e| *e = !*e)>"Edit campaign"</button>
                        {if closed {
                            view! { <button type="button" class=SECONDARY_BUTTON disabled=move || closing.get() on:click=reopen>"Reopen campaign"</button> }.into_any()
                        } else {
                            view! { <button type="button" class=SECONDARY_BUTTON disabled=move || closing.get() on:click=move |_| close(false)>"Close campaign"</button> }.into_any()
                        }}
                    </div>
                    {move || confirming.get().map(|message| view! {
                        <div role="alertdialog" aria-labelledby="close-question" class=format!("{WARNING} mt-3")>
                            <p id="close-question">{message}</p>
                            <div class="mt-2 flex gap-2">
                                <button type="button" id="close-anyway" class=PRIMARY_BUTTON disabled=move || closing.get() on:click=move |_| close(true)>"Close it anyway"</button>
                                <button type="button" class=SECONDARY_BUTTON on:click=move |_| confirming.set(None)>"Keep it open"</button>
                            </div>
                        </div>
                    })}
                    <div aria-live="polite">{move || close_error.get().map(|error| view! { <ErrorView error/> })}</div>
                    <Show when=move || editing.get()>
                        <div id="edit-campaign" class="mt-4">
                            <CampaignForm start=form.input.clone() saving=Saving::Existing(id, form.version) people=people.clone() saved/>
                        </div>
                    </Show>
                </section>
            })}
            <section aria-labelledby="trail-heading" class=CARD>
                <h2 id="trail-heading" class="text-lg font-semibold">"Activity"</h2>
                {if trail.is_empty() {
                    view! { <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">"Nothing yet."</p> }.into_any()
                } else {
                    view! {
                        <ol class="mt-2 space-y-2 text-sm">
                            {trail.into_iter().map(|line| view! {
                                <li class="border-l-2 border-slate-200 pl-3 dark:border-slate-700">
                                    <span class="font-medium">{line.who}</span>" "{line.what}
                                    {line.item.map(|(item, title)| view! {
                                        " — "<a href=format!("/items/{item}") class="text-indigo-700 underline dark:text-indigo-300">{title}</a>
                                    })}
                                    <span class="block text-xs text-slate-600 dark:text-slate-400"><time datetime=line.at.to_rfc3339()>{words::moment(line.at)}</time></span>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>
        </div>
    }
}

#[component]
fn Stat(label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class=format!("{CARD} !p-4")>
            <p class="text-xs font-medium text-slate-600 dark:text-slate-400">{label}</p>
            <p class="text-2xl font-semibold tabular-nums">{value}</p>
        </div>
    }
}

#[component]
fn ItemLink(item: TimelineItem) -> impl IntoView {
    let mut notes = Vec::new();
    if let Some(d) = item.date {
        notes.push(format!("goes out {}", words::day(d)));
    }
    if item.done {
        notes.push("done".into());
    }
    if item.late {
        notes.push("late".into());
    }
    if let Some(why) = &item.blocked {
        notes.push(format!("blocked: {why}"));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" — {}", notes.join(", "))
    };
    view! {
        <a href=format!("/items/{}", item.id) class="text-indigo-700 hover:underline dark:text-indigo-300">{item.title}</a>
        <span class="text-slate-600 dark:text-slate-400">{format!(" · {}{notes}", item.channel.label())}</span>
        {item.outcome.map(|(words, url)| view! {
            <span class="block text-xs">
                "Outcome: "
                {match url {
                    Some(href) => view! { <a href=href class="text-indigo-700 hover:underline dark:text-indigo-300" rel="noopener noreferrer">{words}</a> }.into_any(),
                    None => view! { <span>{words}</span> }.into_any(),
                }}
            </span>
        })}
    }
}

#[component]
fn RecordResult(id: CampaignId, reload: RwSignal<u32>) -> impl IntoView {
    let metric = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let raw = value
            .get_untracked()
            .trim()
            .replace(',', "")
            .trim_end_matches('%')
            .trim()
            .to_owned();
        let Ok(number) = raw.parse::<f64>() else {
            error.set(Some(AppError::validation(
                "value",
                "The value must be a number, e.g. 4200 or 12.5.",
            )));
            return;
        };
        busy.set(true);
        error.set(None);
        let name = metric.get_untracked();
        spawn_local(async move {
            match record_campaign_result(id, name, number).await {
                Ok(()) => reload.update(|n| *n += 1),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="mt-3 grid gap-2 sm:grid-cols-[1fr_10rem_auto] sm:items-end" on:submit=submit aria-label="Record a campaign result">
            <div>
                <label for="campaign-metric" class=LABEL>"Result"</label>
                <input id="campaign-metric" class=INPUT list="campaign-metrics" placeholder="spend" required maxlength="60"
                    prop:value=move || metric.get() on:input=move |ev| metric.set(event_target_value(&ev))/>
                <datalist id="campaign-metrics">
                    {["spend", "mqls", "leads", "cpa", "ctr", "open_rate", "conversion_rate"].into_iter().map(|m| view! { <option value=m/> }).collect_view()}
                </datalist>
            </div>
            <div>
                <label for="campaign-value" class=LABEL>"Value"</label>
                <input id="campaign-value" class=INPUT inputmode="decimal" required
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class=SECONDARY_BUTTON disabled=move || busy.get()>"Record result"</button>
        </form>
        <div aria-live="polite">{move || error.get().map(|error| view! { <ErrorView error/> })}</div>
    }
}
