//! Live updates: the calendar listens to the same `/api/events` stream as the
//! boards, for every workflow at once. Its `hello` says how many notices there
//! have been in all, and each notice is one more.

use crate::api::board::BoardNotice;

/// Follows every change until the calendar goes away. `seq` is the count of
/// notices the loaded calendar already reflects; `heard` decides what a notice
/// means; `reload` catches up after a gap.
pub fn follow(
    seq: u64,
    heard: impl Fn(BoardNotice) + Send + Sync + 'static,
    reload: impl Fn() + Send + Sync + 'static,
) {
    crate::components::notices::follow(
        "/api/events".to_string(),
        seq,
        |_, last| last + 1,
        heard,
        reload,
    );
}
