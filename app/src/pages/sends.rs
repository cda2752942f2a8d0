//! `/sends`: the email send log across campaigns — when, which segment, how many
//! recipients, what, by whom — filtered by segment, campaign and period, and as CSV.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::PageHeader;
use crate::api::campaigns::{list_sends, SendFilter};
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON};
use crate::domain::limits;

/// `/sends`.
#[component]
pub fn SendsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        SendFilter::from_query(|key| q.get(key))
    });
    let log = Resource::new(move || filter.get(), list_sends);
    view! {
        <Title text="Send log"/>
        <PageHeader title="Send log" subtitle="Every email send recorded on an item: when it went out, to which segment, to how many."/>
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let current = filter.get_untracked();
                match log.await {
                    Ok(log) => view! {
                        <div class="space-y-4">
                            <form method="get" action="/sends" class=format!("{CARD} grid gap-3 sm:grid-cols-5 sm:items-end") aria-label="Filter the send log">
                                <div>
                                    <label for="sends-segment" class=LABEL>"Segment"</label>
                                    <select id="sends-segment" name="segment" class=INPUT>
                                        <option value="">"Every segment"</option>
                                        {log.segments.iter().map(|s| {
                                            let here = current.segment.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(s));
                                            view! { <option value=s.clone() selected=here>{s.clone()}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div>
                                    <label for="sends-campaign" class=LABEL>"Campaign"</label>
                                    <select id="sends-campaign" name="campaign" class=INPUT>
                                        <option value="">"Every campaign"</option>
                                        {log.campaigns.iter().map(|c| view! {
                                            <option value=c.id.to_string() selected=current.campaign == Some(c.id)>{c.name.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div>
                                    <label for="sends-from" class=LABEL>"From"</label>
                                    <input id="sends-from" name="from" type="date" class=INPUT value=current.from.map(|d| d.to_string()).unwrap_or_default()/>
                                </div>
                                <div>
                                    <label for="sends-until" class=LABEL>"Until"</label>
                                    <input id="sends-until" name="until" type="date" class=INPUT value=current.until.map(|d| d.to_string()).unwrap_or_default()/>
                                </div>
                                <div class="flex gap-2">
                                    <button type="submit" class=PRIMARY_BUTTON>"Show"</button>
                                    <a href=format!("/sends/export{}", current.query()) class=SECONDARY_BUTTON download="">"CSV"</a>
                                </div>
                            </form>
                            <p class="text-sm text-slate-600 dark:text-slate-400">{format!(
                                "{} sends{}, {} recipients in all. Times in your time zone ({}).",
                                limits::grouped(log.sends.len()),
                                if log.more { " (the newest shown; narrow the filter or download the CSV for all)" } else { "" },
                                limits::grouped_u64(log.recipients),
                                log.time_zone,
                            )}</p>
                            {if log.sends.is_empty() {
                                view! { <p class="text-sm">"No sends match. Sends are recorded on an email item in its “Send & monitor” stage."</p> }.into_any()
                            } else {
                                view! {
                                    <div class=format!("{CARD} overflow-x-auto !p-0")>
                                        <table class="w-full text-left text-sm">
                                            <caption class="sr-only">"Sends, newest first"</caption>
                                            <thead class="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
                                                <tr>
                                                    <th scope="col" class="px-4 py-2">"Sent"</th>
                                                    <th scope="col" class="px-4 py-2">"Item"</th>
                                                    <th scope="col" class="px-4 py-2">"Subject"</th>
                                                    <th scope="col" class="px-4 py-2">"Segment"</th>
                                                    <th scope="col" class="px-4 py-2 text-right">"Recipients"</th>
                                                    <th scope="col" class="px-4 py-2">"Campaign"</th>
                                                    <th scope="col" class="px-4 py-2">"Recorded by"</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {log.sends.into_iter().map(|s| view! {
                                                    <tr class="border-t border-slate-100 dark:border-slate-800">
                                                        <td class="px-4 py-2 whitespace-nowrap"><time datetime=s.sent_at.to_rfc3339()>{s.when}</time></td>
                                                        <td class="px-4 py-2"><a href=format!("/items/{}", s.item) class="text-indigo-700 hover:underline dark:text-indigo-300">{s.title}</a></td>
                                                        <td class="px-4 py-2">{s.subject}</td>
                                                        <td class="px-4 py-2">{s.segment}</td>
                                                        <td class="px-4 py-2 text-right tabular-nums">{s.recipients.map(limits::grouped_u64).unwrap_or_else(|| "—".into())}</td>
                                                        <td class="px-4 py-2">{s.campaign.unwrap_or_else(|| "—".into())}</td>
                                                        <td class="px-4 py-2">{s.by}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }.into_any()
                            }}
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
