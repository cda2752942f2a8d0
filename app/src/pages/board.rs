//! `/board`: the team's boards, one per workflow, with their counts and what waits.

use leptos::prelude::*;
use leptos_meta::Title;

use super::PageHeader;
use crate::api::board::list_boards;
use crate::components::error_view::ErrorView;

/// `/board`: the team's boards, one per workflow.
#[component]
pub fn BoardPage() -> impl IntoView {
    let boards = Resource::new(|| (), |_| list_boards());
    view! {
        <Title text="Board"/>
        <PageHeader
            title="Board"
            subtitle="Every workflow as a Kanban board: cards move stage by stage, and a gate that is not met says why."
        />
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading boards…"</p> }>
            {move || Suspend::new(async move {
                match boards.await {
                    Ok(list) => view! {
                        <ul aria-label="Boards" class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                            {list.into_iter().map(|b| {
                                let href = format!("/board/{}", b.workflow);
                                view! {
                                    <li class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
                                        <h2 class="font-semibold">
                                            <a href=href class="hover:underline">{b.name.clone()}</a>
                                        </h2>
                                        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                                            {format!("{} active", b.total)}
                                            {(b.waiting > 0).then(|| view! {
                                                " · "<span class="text-amber-700 dark:text-amber-300">{format!("{} waiting on approval", b.waiting)}</span>
                                            })}
                                            {(b.overdue > 0).then(|| view! {
                                                " · "<span class="text-red-700 dark:text-red-300">{format!("{} overdue", b.overdue)}</span>
                                            })}
                                        </p>
                                        <ol class="mt-3 flex flex-wrap gap-1 text-xs" aria-label=format!("{} stages", b.name)>
                                            {b.stages.into_iter().map(|(name, n)| view! {
                                                <li class="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                                                    {format!("{name} {n}")}
                                                </li>
                                            }).collect_view()}
                                        </ol>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
