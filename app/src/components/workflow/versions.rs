//! The version history and a diff in words between any two versions.

use leptos::prelude::*;

use crate::api::versions::{version_diff, VersionEntry};
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, INPUT, LABEL};
use crate::domain::{words, WorkflowId};

/// Every version, newest first, and the changes between two of them.
#[component]
pub fn VersionsSection(id: WorkflowId, versions: Vec<VersionEntry>) -> impl IntoView {
    let numbers: Vec<u32> = versions.iter().map(|v| v.version).collect();
    let newest = numbers.first().copied().unwrap_or(1);
    let older = numbers.get(1).copied().unwrap_or(newest);
    let from = RwSignal::new(older);
    let to = RwSignal::new(newest);
    let id = StoredValue::new(id);
    let diff = Resource::new(
        move || (from.get(), to.get()),
        move |(a, b)| version_diff(id.get_value(), a.min(b), a.max(b)),
    );
    let picker = move |label: &'static str, html_id: &'static str, chosen: RwSignal<u32>| {
        let numbers = numbers.clone();
        view! {
            <div>
                <label for=html_id class=LABEL>{label}</label>
                <select id=html_id class=INPUT on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse() { chosen.set(v) }
                }>
                    {numbers.into_iter().map(|v| view! { <option value=v.to_string() selected=move || chosen.get() == v>{format!("Version {v}")}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let single = versions.len() < 2;
    view! {
        <section aria-labelledby="versions-heading" class=CARD>
            <h2 id="versions-heading" class="text-lg font-semibold">"Versions"</h2>
            <div class="mt-3 overflow-x-auto">
                <table class="min-w-full text-sm">
                    <caption class="sr-only">"Every saved version, newest first"</caption>
                    <thead>
                        <tr class="border-b border-slate-300 text-left dark:border-slate-700">
                            <th scope="col" class="p-2">"Version"</th>
                            <th scope="col" class="p-2">"Saved"</th>
                            <th scope="col" class="p-2">"By"</th>
                            <th scope="col" class="p-2">"Open items"</th>
                            <th scope="col" class="p-2">"Status"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {versions.into_iter().map(|v| {
                            let status = [
                                v.current.then(|| "Current".to_string()),
                                v.pilot.then(|| "Pilot".to_string()),
                                v.note.clone(),
                            ].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                            view! {
                                <tr class="border-b border-slate-200 dark:border-slate-800">
                                    <th scope="row" class="p-2 text-left font-medium">{v.version}</th>
                                    <td class="p-2">{words::moment(v.saved_at)}</td>
                                    <td class="p-2">{v.saved_by}</td>
                                    <td class="p-2">{v.open_items}</td>
                                    <td class="p-2">{status}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3 class="mt-5 font-semibold">"What changed"</h3>
            {if single {
                view! { <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"Only one version so far: save a change in the designer to see it here."</p> }.into_any()
            } else {
                view! {
                    <div class="mt-2 grid max-w-md grid-cols-2 gap-3">
                        {picker("From", "diff-from", from)}
                        {picker("To", "diff-to", to)}
                    </div>
                    <Transition fallback=|| view! { <p class="mt-2 text-sm text-slate-500">"Comparing…"</p> }>
                        {move || Suspend::new(async move {
                            match diff.await {
                                Ok(d) if d.from == d.to => view! { <p class="mt-2 text-sm">"Pick two different versions."</p> }.into_any(),
                                Ok(d) if d.changes.is_empty() => view! { <p class="mt-2 text-sm">{format!("No differences between version {} and version {}.", d.from, d.to)}</p> }.into_any(),
                                Ok(d) => view! {
                                    <ul aria-label=format!("Changes from version {} to version {}", d.from, d.to) class="mt-2 list-disc space-y-1 pl-5 text-sm">
                                        {d.changes.into_iter().map(|c| view! { <li>{c.text}</li> }).collect_view()}
                                    </ul>
                                }.into_any(),
                                Err(error) => view! { <ErrorView error/> }.into_any(),
                            }
                        })}
                    </Transition>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}
