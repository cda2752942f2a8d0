//! `/workflows/<id>/how-it-runs`: the workflow told stage by stage — who does what, what
//! they need, what done means and what triggers the next step — made to be printed.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::versions::get_workflow_page;
use crate::components::designer::RaciTable;
use crate::components::error_view::ErrorView;
use crate::components::forms::SECONDARY_BUTTON;
use crate::domain::design::how_it_runs;
use crate::domain::WorkflowId;

/// `/workflows/<id>/how-it-runs`.
#[component]
pub fn HowItRunsPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| WorkflowId(params.read().get("id").unwrap_or_default()));
    let page = Resource::new(move || id.get(), get_workflow_page);
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let def = page.definition;
                        let stories = how_it_runs(&def, &page.people);
                        let id = def.id.clone();
                        view! {
                            <Title text=format!("How {} runs", def.name)/>
                            <article class="mx-auto max-w-3xl print:max-w-none">
                                <p class="text-sm print:hidden"><a href=format!("/workflows/{id}") class="text-indigo-700 hover:underline dark:text-indigo-300">"Back to the workflow"</a></p>
                                <header class="mb-6 mt-2 flex flex-wrap items-end justify-between gap-3">
                                    <div>
                                        <h1 class="text-2xl font-semibold tracking-tight">{format!("How {} runs", def.name)}</h1>
                                        <p class="text-sm text-slate-600 dark:text-slate-400 print:text-black">
                                            {format!("Version {}, stage by stage: who does what, what they need, what done means and what comes next.", def.version)}
                                        </p>
                                    </div>
                                    <button type="button" class=format!("{SECONDARY_BUTTON} print:hidden") on:click=print>"Print"</button>
                                </header>
                                <ol class="space-y-5">
                                    {stories.into_iter().enumerate().map(|(i, s)| view! {
                                        <li class="break-inside-avoid rounded-lg border border-slate-200 p-4 dark:border-slate-800 print:border-black">
                                            <h2 class="text-lg font-semibold">{format!("{}. {}", i + 1, s.name)}</h2>
                                            {(!s.purpose.is_empty()).then(|| view! { <p class="mt-1 italic">{s.purpose.clone()}</p> })}
                                            <dl class="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
                                                <dt class="font-semibold">"Who"</dt><dd>{s.who.clone()}</dd>
                                                <dt class="font-semibold">"Sign-off"</dt><dd>{s.sign_off.clone()}</dd>
                                                <dt class="font-semibold">"What it needs"</dt>
                                                <dd>{if s.needs.is_empty() {
                                                    view! { <span>"Nothing is checked before it moves on."</span> }.into_any()
                                                } else {
                                                    view! { <ul class="list-disc pl-5">{s.needs.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul> }.into_any()
                                                }}</dd>
                                                <dt class="font-semibold">"Done means"</dt><dd>{s.done.clone()}</dd>
                                                <dt class="font-semibold">"Next"</dt><dd>{s.next.clone()}</dd>
                                                {s.timing.clone().map(|t| view! { <dt class="font-semibold">"Timing"</dt><dd>{t}</dd> })}
                                            </dl>
                                        </li>
                                    }).collect_view()}
                                </ol>
                                <section class="mt-8 break-inside-avoid" aria-labelledby="print-raci">
                                    <h2 id="print-raci" class="text-lg font-semibold">"Who does what (RACI)"</h2>
                                    <div class="mt-2"><RaciTable def=def.clone() people=page.people.clone()/></div>
                                </section>
                            </article>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
