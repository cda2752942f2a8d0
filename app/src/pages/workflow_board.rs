//! `/board/<workflow>`: one workflow's Kanban board, with filters in the URL and
//! an item opened in a drawer (`?item=<id>`, its own address).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::board::{board_href, get_board, BoardFilter};
use crate::components::board::{BoardColumns, FilterBar};
use crate::components::error_view::ErrorView;
use crate::components::item::ItemDetailPanel;
use crate::domain::{ItemId, WorkflowId};

/// `/board/<workflow>`.
#[component]
pub fn WorkflowBoardPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let workflow =
        Memo::new(move |_| WorkflowId(params.read().get("workflow").unwrap_or_default()));
    let filter = Memo::new(move |_| {
        let q = query.read();
        BoardFilter::from_query(|key| q.get(key))
    });
    let open_item = Memo::new(move |_| {
        query
            .read()
            .get("item")
            .and_then(|v| v.parse::<i64>().ok())
            .map(ItemId)
    });
    let data = Resource::new(
        move || (workflow.get(), filter.get()),
        |(w, f)| get_board(w, f),
    );
    let reload = Callback::new(move |_| data.refetch());
    let close_href = move || board_href(&workflow.get(), &filter.get());

    view! {
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading the board…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => {
                        let name = view.name.clone();
                        let new_href = format!("/board/{}/new", view.workflow);
                        view! {
                            <Title text=name.clone()/>
                            <div class="mb-4 flex flex-wrap items-end justify-between gap-3">
                                <div>
                                    <p class="text-sm"><a href="/board" class="text-indigo-700 hover:underline dark:text-indigo-300">"All boards"</a></p>
                                    <h1 class="text-2xl font-semibold tracking-tight">{name}</h1>
                                    <p id="board-help" class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                                        {if view.can_work {
                                            "Drag a card to another column, or focus it and use Move (Shift+→ and Shift+← move it one stage)."
                                        } else {
                                            "You can look at every card; moving them needs a member account."
                                        }}
                                    </p>
                                </div>
                                {view.can_work.then(|| view! {
                                    <a href=new_href class="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">"New item"</a>
                                })}
                            </div>
                            <FilterBar view=view.clone()/>
                            <BoardColumns view reload/>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
        {move || open_item.get().map(|id| view! {
            <aside
                role="dialog"
                aria-label="Item"
                class="fixed inset-y-0 right-0 z-40 w-full overflow-y-auto border-l border-slate-200 bg-white p-4 shadow-2xl \
                       sm:w-[36rem] dark:border-slate-800 dark:bg-slate-950"
            >
                <div class="mb-3 flex items-center justify-between gap-2 text-sm">
                    <a href=close_href() data-noscroll="true" class="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
                        "Close"
                    </a>
                    <a href=format!("/items/{id}") class="text-indigo-700 hover:underline dark:text-indigo-300">"Open as a page"</a>
                </div>
                <ItemDetailPanel id=id/>
            </aside>
        })}
    }
}
