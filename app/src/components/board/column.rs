//! A column: a stage's list of cards with its count and WIP limit, quick add
//! on the first one, and "Show more" for long columns.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::card::Card;
use super::model::{Board, Column};
use crate::api::board::{board_card, board_column};
use crate::api::items::create_item;

/// One stage of the board.
#[component]
pub fn StageColumn(
    column: Column,
    board: Board,
    first: bool,
    card_href: Callback<i64, String>,
) -> impl IntoView {
    let key = column.key.clone();
    let heading_id = format!("column-{key}");
    let over = move || column.wip_limit.is_some_and(|l| column.count.get() > l);
    let full = move || column.wip_limit.is_some_and(|l| column.count.get() >= l);
    let count_label = move || match column.wip_limit {
        Some(limit) => format!("{} / {limit}", column.count.get()),
        None => column.count.get().to_string(),
    };
    let count_title = move || match column.wip_limit {
        Some(limit) => format!("{} cards, WIP limit {limit}", column.count.get()),
        None => format!("{} cards", column.count.get()),
    };
    let is_target = {
        let key = key.clone();
        move || board.drop_target.get().as_ref() == Some(&key)
    };
    let remaining = move || {
        column
            .matching
            .get()
            .saturating_sub(column.cards.with(Vec::len) as u32)
    };
    let loading = RwSignal::new(false);
    let show_more = {
        let key = key.clone();
        move |_| {
            let (workflow, filter, key) = (
                board.workflow.get_value(),
                board.filter.get_value(),
                key.clone(),
            );
            let offset = column.cards.with_untracked(Vec::len) as u32;
            loading.set(true);
            spawn_local(async move {
                if let Ok(page) = board_column(workflow, key.clone(), filter, offset).await {
                    board.append(&key, page.cards, page.matching);
                }
                loading.set(false);
            });
        }
    };
    let filtered = board.filter.with_value(|f| f.narrows());
    let name = column.name.clone();
    view! {
        <section
            data-stage=key.to_string()
            aria-labelledby=heading_id.clone()
            class="flex w-72 shrink-0 flex-col rounded-lg border border-slate-200 bg-slate-100/70 p-2 \
                   dark:border-slate-800 dark:bg-slate-900/60"
            class:ring-2=is_target.clone()
            class:ring-indigo-500=is_target
        >
            <header class="mb-2 flex items-center justify-between gap-2 px-1">
                <h2 id=heading_id.clone() class="truncate text-sm font-semibold text-slate-800 dark:text-slate-200">{name.clone()}</h2>
                <span class="flex items-center gap-1">
                    <Show when=over>
                        <span class="rounded bg-red-600 px-1.5 py-0.5 text-[11px] font-semibold text-white">"Over limit"</span>
                    </Show>
                    <span
                        title=count_title
                        aria-label=count_title
                        class=move || {
                            let tone = if full() {
                                "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200"
                            } else {
                                "bg-white text-slate-700 dark:bg-slate-800 dark:text-slate-300"
                            };
                            format!("rounded-full px-2 py-0.5 text-xs font-medium {tone}")
                        }
                    >
                        {count_label}
                    </span>
                </span>
            </header>
            {filtered.then(|| view! {
                <p class="mb-2 px-1 text-xs text-slate-600 dark:text-slate-400">
                    {move || format!("{} matching", column.matching.get())}
                </p>
            })}
            {(first && board.can_work).then(|| view! { <QuickAdd board=board/> })}
            <ul aria-label=name class="flex min-h-16 flex-col gap-2">
                <For
                    each=move || column.cards.get()
                    key=|card| (card.id, card.version)
                    children=move |card| {
                        let href = card_href.run(card.id.0);
                        view! { <Card card=card board=board href=href/> }
                    }
                />
            </ul>
            <Show when=move || { remaining() > 0 }>
                <button
                    type="button"
                    on:click=show_more.clone()
                    disabled=move || loading.get()
                    class="mt-2 rounded-md px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-white disabled:opacity-60 \
                           dark:text-indigo-300 dark:hover:bg-slate-800"
                >
                    {move || if loading.get() { "Loading…".to_string() } else { format!("Show more ({} more)", remaining()) }}
                </button>
            </Show>
        </section>
    }
}

/// "Add an item": a title is enough, the rest comes later.
#[component]
fn QuickAdd(board: Board) -> impl IntoView {
    let title = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let workflow = board.workflow.get_value();
    let full_form = format!("/board/{workflow}/new");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = title.get_untracked().trim().to_string();
        if text.is_empty() {
            error.set(Some("Give the item a title.".into()));
            return;
        }
        saving.set(true);
        error.set(None);
        let (workflow, filter) = (board.workflow.get_value(), board.filter.get_value());
        spawn_local(async move {
            match create_item(workflow, text.clone()).await {
                Ok(item) => {
                    title.set(String::new());
                    if let Ok(update) = board_card(item.id, filter).await {
                        if let Some(card) = update.card {
                            board.place(card);
                        }
                        board.set_counts(&update.counts);
                    }
                    board.announcement.set(format!("Added {text}."));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            saving.set(false);
        });
    };
    view! {
        <form on:submit=submit class="mb-2 space-y-1">
            <label for="quick-add" class="sr-only">"New item title"</label>
            <div class="flex gap-1">
                <input
                    id="quick-add"
                    type="text"
                    placeholder="Add an item…"
                    prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))
                    class="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm \
                           focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 \
                           dark:border-slate-700 dark:bg-slate-950"
                />
                <button
                    type="submit"
                    disabled=move || saving.get()
                    class="rounded-md bg-indigo-600 px-2 py-1 text-xs font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
                >
                    "Add"
                </button>
            </div>
            {move || error.get().map(|e| view! { <p role="alert" class="text-xs text-red-700 dark:text-red-300">{e}</p> })}
            <a href=full_form.clone() class="block text-xs text-indigo-700 hover:underline dark:text-indigo-300">"Full form with all fields"</a>
        </form>
    }
}
