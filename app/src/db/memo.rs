//! What nearly every request reads and hardly anything writes — the team directory, campaign
//! names, the working week — kept in memory for a few seconds.
//!
//! Writes made through this process forget the copy as soon as they commit
//! ([`super::Db::team_changed`]), so people see their own changes at once. Writes from
//! outside the process (`baton user add` while the server runs) show within [`FRESH_FOR`].

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a copy is trusted without being forgotten.
pub const FRESH_FOR: Duration = Duration::from_secs(5);

/// One remembered value.
#[derive(Debug)]
pub struct Memo<T> {
    state: Mutex<State<T>>,
}

#[derive(Debug)]
struct State<T> {
    value: Option<(Instant, Arc<T>)>,
    /// Counts forgets, so a read that started before a write cannot store what it read after it.
    generation: u64,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            state: Mutex::new(State {
                value: None,
                generation: 0,
            }),
        }
    }
}

impl<T> Memo<T> {
    fn lock(&self) -> std::sync::MutexGuard<'_, State<T>> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The remembered value if it is fresh, else the generation to pass to [`Memo::keep`].
    pub fn recall(&self, now: Instant) -> Result<Arc<T>, u64> {
        let state = self.lock();
        match &state.value {
            Some((at, value)) if now.duration_since(*at) < FRESH_FOR => Ok(value.clone()),
            _ => Err(state.generation),
        }
    }

    /// Remembers a value read at `generation`, unless something was forgotten since.
    pub fn keep(&self, generation: u64, value: Arc<T>, now: Instant) {
        let mut state = self.lock();
        if state.generation == generation {
            state.value = Some((now, value));
        }
    }

    /// Drops the remembered value: the next read goes to the database.
    pub fn forget(&self) {
        let mut state = self.lock();
        state.generation += 1;
        state.value = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_recalled_while_fresh_and_read_again_after() {
        let memo = Memo::default();
        let t0 = Instant::now();
        let generation = memo.recall(t0).unwrap_err();
        memo.keep(generation, Arc::new(1), t0);
        assert_eq!(*memo.recall(t0 + Duration::from_secs(1)).unwrap(), 1);
        assert!(memo.recall(t0 + FRESH_FOR).is_err());
    }

    #[test]
    fn a_read_that_raced_a_write_is_not_kept() {
        let memo = Memo::default();
        let t0 = Instant::now();
        let before_write = memo.recall(t0).unwrap_err();
        memo.forget(); // a write committed while the read was in flight
        memo.keep(before_write, Arc::new("old"), t0);
        assert!(memo.recall(t0).is_err(), "the stale read must not be kept");
        let after = memo.recall(t0).unwrap_err();
        memo.keep(after, Arc::new("new"), t0);
        assert_eq!(*memo.recall(t0).unwrap(), "new");
    }

    #[test]
    fn forgetting_drops_a_fresh_value() {
        let memo = Memo::default();
        let t0 = Instant::now();
        memo.keep(0, Arc::new(1), t0);
        memo.forget();
        assert!(memo.recall(t0).is_err());
    }
}
