//! Live updates: the board follows its workflow's `/api/events` stream, whose
//! notices are numbered per workflow.

use leptos::prelude::*;

use super::model::Board;

/// Follows the board's workflow until the board goes away. `seq` is the number
/// of the last notice the loaded board already reflects; `reload` catches up.
pub fn follow(board: Board, seq: u64, reload: impl Fn() + Send + Sync + 'static) {
    let url = format!("/api/events?workflow={}", board.workflow.get_value());
    crate::components::notices::follow(
        url,
        seq,
        |notice, _| notice.seq,
        move |notice| board.heard(notice),
        reload,
    );
}
