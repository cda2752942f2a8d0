//! `/board/<workflow>`: one workflow's Kanban board, with filters in the URL and
//! an item opened in a drawer (`?item=<id>`, its own address).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::board::get_board;
use crate::components::board::{BoardColumns, FilterBar};
use crate::components::dom::{focus_later, in_field};
use crate::components::error_view::ErrorView;
use crate::components::item::ItemDetailPanel;
use crate::domain::filter::{board_href, BoardFilter};
use crate::domain::{ItemId, WorkflowId};

/// The drawer's element id (focus goes there when it opens).
const DRAWER_ID: &str = "item-drawer";

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
    // Focus follows the drawer: into it when it opens, back to the card when it closes,
    // so a keyboard user is never left at the top of the page.
    Effect::new(move |before: Option<Option<ItemId>>| {
        let open = open_item.get();
        match (before.flatten(), open) {
            (was, Some(id)) if was != Some(id) => focus_later(DRAWER_ID.to_string(), false),
            (Some(was), None) => focus_later(format!("card-{was}"), false),
            _ => {}
        }
        open
    });
    let navigate = use_navigate();
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        // Escape in a field belongs to the field (and must not lose what is being typed).
        if ev.key() == "Escape" && !ev.default_prevented() && !in_field(ev.target()) {
            ev.prevent_default();
            navigate(
                &close_href(),
                NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };

    view! {
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading the board…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => {
                        let name = view.name.clone();
                        let new_href = format!("/board/{}/new", view.workflow);
                        let intake_href = format!("/intake/{}", view.workflow);
                        let import_href = format!("/imports?workflow={}", view.workflow);
                        let mut export_query = vec![("workflow", view.workflow.to_string())];
                        export_query.extend(view.filter.to_query());
                        let export_href = format!(
                            "/exports/items{}",
                            crate::domain::filter::query_string(&export_query)
                        );
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
                                <div class="flex flex-wrap gap-2">
                                    <a href=export_href rel="external" download class="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">"Export CSV"</a>
                                    <a href=intake_href class="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">"Request form"</a>
                                    {view.can_work.then(|| view! {
                                        <a href=import_href.clone() class="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">"Import CSV"</a>
                                    })}
                                    {view.can_work.then(|| view! {
                                        <a href=new_href class="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">"New item"</a>
                                    })}
                                </div>
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
                id=DRAWER_ID
                role="dialog"
                aria-label="Item"
                tabindex="-1"
                on:keydown=close_on_escape.clone()
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
