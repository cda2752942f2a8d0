//! The keyboard way to move a card: a "Move" button opening a menu of the
//! stages it can go to (arrow keys to choose, Enter to move, Escape to close).

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use super::dom;
use super::model::Board;
use crate::domain::{ItemId, StageKey};

/// The "Move" button and its menu.
#[component]
pub fn MoveMenu(id: ItemId, title: String, stage: StageKey, board: Board) -> impl IntoView {
    let open = move || board.menu.get() == Some(id);
    let menu_id = format!("move-menu-{id}");
    let button_id = format!("move-{id}");
    let toggle = move |_| {
        if board.menu.get_untracked() == Some(id) {
            board.menu.set(None);
        } else {
            board.menu.set(Some(id));
            dom::focus_soon(format!("move-menu-{id}-0"));
        }
    };
    let keys = {
        let menu_id = menu_id.clone();
        let button_id = button_id.clone();
        move |ev: KeyboardEvent| {
            match ev.key().as_str() {
                "ArrowDown" => dom::step_menu(&menu_id, 1),
                "ArrowUp" => dom::step_menu(&menu_id, -1),
                "Home" => dom::focus_soon(format!("{menu_id}-0")),
                "Escape" => {
                    board.menu.set(None);
                    dom::focus_soon(button_id.clone());
                }
                "Tab" => {
                    board.menu.set(None);
                    return;
                }
                _ => return,
            }
            ev.prevent_default();
            ev.stop_propagation();
        }
    };
    let label = format!("Move {title} to");
    let controls = menu_id.clone();
    view! {
        <div class="relative" data-no-drag>
            <button
                id=button_id
                type="button"
                aria-haspopup="menu"
                aria-expanded=move || if open() { "true" } else { "false" }
                aria-controls=controls
                on:click=toggle
                class="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 \
                       focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 \
                       dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
            >
                "Move"
            </button>
            <Show when=open>
                <ul
                    id=menu_id.clone()
                    role="menu"
                    aria-label=label.clone()
                    on:keydown=keys.clone()
                    class="absolute right-0 z-30 mt-1 w-52 rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg \
                           dark:border-slate-700 dark:bg-slate-900"
                >
                    {
                        let targets = board.targets(&stage);
                        let first_forward = board.column(&stage).and_then(|c| c.next);
                        if targets.is_empty() {
                            view! { <li role="none" class="px-3 py-2 text-slate-500">"No moves from here"</li> }.into_any()
                        } else {
                            targets
                                .into_iter()
                                .enumerate()
                                .map(|(i, (key, name))| {
                                    let hint = if Some(&key) == first_forward.as_ref() { "next stage" } else { "back" };
                                    view! {
                                        <li role="none">
                                            <button
                                                id=format!("move-menu-{id}-{i}")
                                                type="button"
                                                role="menuitem"
                                                tabindex="-1"
                                                on:click=move |_| board.move_card(id, key.clone())
                                                class="flex w-full items-center justify-between px-3 py-1.5 text-left hover:bg-slate-100 \
                                                       focus:bg-indigo-50 focus:outline-none dark:hover:bg-slate-800 dark:focus:bg-indigo-950"
                                            >
                                                <span>{name}</span>
                                                <span class="text-xs text-slate-500 dark:text-slate-400">{hint}</span>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }
                    }
                </ul>
            </Show>
        </div>
    }
}
