//! The Kanban board: columns of cards, moved by drag and drop or the keyboard,
//! updated live when someone else changes a card.

mod card;
mod column;
mod dom;
mod filters;
mod live;
mod model;
mod move_menu;

pub use filters::FilterBar;
pub use model::Board;

use leptos::prelude::*;

use crate::api::board::BoardView;
use crate::domain::filter::board_href;
use column::StageColumn;

/// The columns of a loaded board, and the live region that announces moves.
#[component]
pub fn BoardColumns(
    view: BoardView,
    /// Loads the board again (after missed live updates).
    reload: Callback<()>,
) -> impl IntoView {
    let board = Board::new(&view);
    let seq = view.seq;
    Effect::new(move |_| live::follow(board, seq, move || reload.run(())));
    let base = board_href(&view.workflow, &view.filter);
    let joiner = if base.contains('?') { '&' } else { '?' };
    let card_href = Callback::new(move |id: i64| format!("{base}{joiner}item={id}"));
    let columns = board.columns.get_value();
    view! {
        <p class="sr-only" role="status" aria-live="polite" aria-atomic="true">{move || board.announcement.get()}</p>
        <div class="-mx-4 overflow-x-auto px-4 pb-4" data-board-ready="true">
            <div class="flex items-start gap-3">
                {columns
                    .into_iter()
                    .map(|column| {
                        let first = column.index == 0;
                        view! { <StageColumn column board first card_href/> }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}
