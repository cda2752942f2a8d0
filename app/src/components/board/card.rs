//! A card: its face (owner, due date, channel, campaign, checklist, approval,
//! SLA, blocked), dragging with mouse or touch, moving with the keyboard, and
//! the reasons shown right on it when a move is refused.

use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::prelude::*;

use super::dom;
use super::model::Board;
use super::move_menu::MoveMenu;
use crate::api::board::{CardView, SlaLevel};
use crate::components::avatar::Avatar;
use crate::components::drag::Drag;
use crate::domain::StageKey;

const BADGE: &str = "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs";

fn sla_class(level: SlaLevel) -> &'static str {
    match level {
        SlaLevel::OnTrack => {
            "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        }
        SlaLevel::DueSoon => "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
        SlaLevel::Breached => "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200",
    }
}

/// What a screen reader says for the card: the title first, then what its face shows.
fn spoken(card: &CardView) -> String {
    let mut parts = vec![card.title.clone()];
    if let Some(owner) = &card.owner {
        parts.push(format!("owner {}", owner.name));
    }
    if let Some(due) = &card.due {
        parts.push(if card.overdue {
            format!("{due}, overdue")
        } else {
            due.clone()
        });
    }
    if let Some((done, total)) = card.checklist {
        parts.push(format!("checklist {done} of {total}"));
    }
    parts.extend(card.approval.clone());
    parts.extend(card.sla.as_ref().map(|s| s.label.clone()));
    if card.blocked.is_some() {
        parts.push("blocked".into());
    }
    if let Some(why) = &card.trending_late {
        parts.push(format!("trending late: {why}"));
    }
    if card.archived {
        parts.push("archived".into());
    }
    parts.join(", ")
}

/// One card on the board.
#[component]
pub fn Card(card: CardView, board: Board, href: String) -> impl IntoView {
    let id = card.id;
    let stage = card.stage.clone();
    let drag = Drag::new("[data-card]");
    let on_down = move |ev: PointerEvent| drag.down(&ev, board.can_work);
    let on_move = move |ev: PointerEvent| {
        let Some(at) = drag.moved(&ev) else { return };
        if at.started {
            board.menu.set(None);
        }
        board.drop_target.set(dom::stage_at(at.x).map(StageKey));
    };
    let stage_for_up = stage.clone();
    let on_up = move |ev: PointerEvent| {
        let Some((x, _)) = drag.up(&ev) else { return };
        board.drop_target.set(None);
        if let Some(target) = dom::stage_at(x) {
            if target != stage_for_up.as_str() {
                board.move_card(id, StageKey(target));
            }
        }
    };
    let on_cancel = move |_: PointerEvent| {
        drag.cancel();
        board.drop_target.set(None);
    };
    let on_click = move |ev: leptos::ev::MouseEvent| drag.click(&ev);
    let stage_for_keys = stage.clone();
    let on_key = move |ev: KeyboardEvent| {
        if !board.can_work || !ev.shift_key() || board.menu.get_untracked().is_some() {
            return;
        }
        let Some(here) = board.column(&stage_for_keys) else {
            return;
        };
        let pick = match ev.key().as_str() {
            "ArrowRight" => here.next,
            "ArrowLeft" => board.columns.with_value(|cols| {
                here.index
                    .checked_sub(1)
                    .and_then(|i| cols.get(i))
                    .map(|c| c.key.clone())
            }),
            _ => return,
        };
        ev.prevent_default();
        match pick {
            Some(to) => board.move_card(id, to),
            None => board.announcement.set("There is no stage that way.".into()),
        }
    };
    let style = move || drag.style(" rotate(1.5deg)");
    let dragging = move || drag.dragging();
    let label = spoken(&card);
    let archived = card.archived;
    let title = card.title.clone();
    let title_id = format!("card-{id}-title");
    let notice = move || board.notice.get().filter(|n| n.item == id);

    view! {
        <li
            id=format!("card-{id}")
            data-card=id.to_string()
            tabindex="0"
            aria-label=label
            style=style
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_cancel
            on:click=on_click
            on:keydown=on_key
            class="group/card relative select-none rounded-md border border-slate-200 bg-white p-3 text-sm shadow-sm \
                   focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 \
                   dark:border-slate-700 dark:bg-slate-900"
            class:shadow-lg=dragging
            class:cursor-grabbing=dragging
            class:opacity-60=archived
        >
            <div class="flex items-start gap-2">
                <a
                    id=title_id
                    href=href
                    draggable="false"
                    data-noscroll="true"
                    class="min-w-0 flex-1 break-words font-medium text-slate-900 hover:underline dark:text-slate-100"
                >
                    {card.title.clone()}
                </a>
                <Show when=move || board.can_work>
                    <span
                        data-drag-handle
                        aria-hidden="true"
                        title="Drag to another column"
                        class="cursor-grab touch-none select-none px-1 text-slate-400"
                    >
                        "⠿"
                    </span>
                </Show>
            </div>
            <Face card=card.clone()/>
            <div class="mt-2 flex items-center justify-between gap-2">
                {card.owner.clone().map(|o| view! {
                    <span class="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
                        <Avatar initials=o.initials seed=o.id.0 size="h-6 w-6 text-[10px]"/>
                        <span class="truncate">{o.name}</span>
                    </span>
                })}
                <Show when=move || board.can_work && !archived>
                    <MoveMenu id=id title=title.clone() stage=stage.clone() board=board/>
                </Show>
            </div>
            {move || notice().map(|n| view! { <Refusal notice=n board=board/> })}
        </li>
    }
}

/// The badges of a card.
#[component]
fn Face(card: CardView) -> impl IntoView {
    let due_class = if card.overdue {
        "bg-red-50 font-medium text-red-700 dark:bg-red-950 dark:text-red-300"
    } else {
        "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"
    };
    let plain = "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300";
    view! {
        <div class="mt-2 flex flex-wrap gap-1">
            <span class=format!("{BADGE} {plain}")>{card.channel.label()}</span>
            {card.campaign.map(|c| view! { <span class=format!("{BADGE} bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200")>{c}</span> })}
            {card.due.map(|d| view! {
                <span class=format!("{BADGE} {due_class}")>{if card.overdue { format!("{d} · overdue") } else { d }}</span>
            })}
            {card.checklist.map(|(done, total)| view! {
                <span class=format!("{BADGE} {plain}") title="Checklist of this stage">{format!("☑ {done}/{total}")}</span>
            })}
            {card.approval.map(|a| view! { <span class=format!("{BADGE} {plain}")>{a}</span> })}
            {card.sla.map(|s| view! { <span class=format!("{BADGE} {}", sla_class(s.level))>{s.label}</span> })}
            {card.archived.then(|| view! { <span class=format!("{BADGE} {plain}")>"Archived"</span> })}
            {card.trending_late.map(|why| {
                let label = format!("Trending late: {why}");
                view! {
                <span
                    tabindex="0"
                    data-no-drag
                    aria-label=label
                    class=format!("{BADGE} group/late relative cursor-help bg-amber-100 font-medium text-amber-900 ring-1 ring-amber-300 \
                                   focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 \
                                   dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800")
                >
                    "Trending late"
                    <span
                        role="tooltip"
                        class="invisible absolute left-0 top-full z-30 mt-1 w-64 rounded bg-slate-900 p-2 text-xs font-normal text-white shadow-lg \
                               group-hover/late:visible group-focus/late:visible dark:bg-slate-700"
                    >
                        {why}
                    </span>
                </span>
                }
            })}
            {card.blocked.map(|why| {
                let label = format!("Blocked: {why}");
                view! {
                <span
                    tabindex="0"
                    data-no-drag
                    aria-label=label
                    class=format!("{BADGE} group/blocked relative cursor-help bg-red-600 font-medium text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400")
                >
                    "Blocked"
                    <span
                        role="tooltip"
                        class="invisible absolute left-0 top-full z-30 mt-1 w-56 rounded bg-slate-900 p-2 text-xs font-normal text-white shadow-lg \
                               group-hover/blocked:visible group-focus/blocked:visible dark:bg-slate-700"
                    >
                        {why}
                    </span>
                </span>
                }
            })}
        </div>
    }
}

/// Why the card did not move: every reason, its particulars and a link to fix it.
#[component]
fn Refusal(notice: super::model::Notice, board: Board) -> impl IntoView {
    view! {
        <div
            role="alert"
            data-no-drag
            class="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-xs text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
            <div class="flex items-start justify-between gap-2">
                <p class="font-semibold">{notice.heading}</p>
                <button
                    type="button"
                    class="rounded px-1 text-red-800 hover:bg-red-100 dark:text-red-200 dark:hover:bg-red-900"
                    aria-label="Dismiss"
                    on:click=move |_| board.notice.set(None)
                >
                    "×"
                </button>
            </div>
            <ul class="mt-1 space-y-1">
                {notice.blockers.into_iter().map(|b| view! {
                    <li>
                        <span>{b.message}</span>
                        {(!b.details.is_empty()).then(|| view! {
                            <ul class="ml-4 list-disc">
                                {b.details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                            </ul>
                        })}
                        {b.fix.map(|f| view! {
                            " "
                            <a href=f.href class="font-medium underline">{f.label}</a>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}
