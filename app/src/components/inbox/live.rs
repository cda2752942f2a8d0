//! The pulse: a number that goes up whenever the signed-in person's inbox or notifications
//! may have changed, so the badge, the bell and the inbox page read them again.
//! It follows `/api/inbox-events` once the page has hydrated.

use leptos::prelude::*;

use crate::components::session::{signed_in, Session};

/// Counts "something may have changed for you" signals from the server.
#[derive(Debug, Clone, Copy)]
pub struct Pulse(RwSignal<u32>);

impl Pulse {
    /// Provides the pulse to the page; in the browser it follows the server from the moment
    /// someone is signed in.
    pub fn provide(session: Session) -> Self {
        let pulse = Pulse(RwSignal::new(0));
        provide_context(pulse);
        let following = StoredValue::new(false);
        Effect::new(move |_| {
            let signed = session
                .status
                .get()
                .is_some_and(|status| signed_in(&status).is_some());
            if signed && !following.get_value() {
                following.set_value(true);
                #[cfg(feature = "hydrate")]
                browser::follow(pulse);
            }
        });
        pulse
    }

    /// The current count (tracked).
    pub fn get(self) -> u32 {
        self.0.get()
    }

    /// Says that something changed (e.g. after the person decided on an item).
    pub fn beat(self) {
        self.0.update(|n| *n += 1);
    }
}

/// The pulse the layout provides (a still one where there is none, e.g. in isolation).
pub fn use_pulse() -> Pulse {
    use_context::<Pulse>().unwrap_or(Pulse(RwSignal::new(0)))
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;
    use std::rc::Rc;

    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{EventSource, MessageEvent};

    use super::Pulse;

    /// How long a burst of changes is gathered into one re-read.
    const GATHER_MS: i32 = 250;

    pub fn follow(pulse: Pulse) {
        // The server ends each stream after a while and the browser reconnects by itself;
        // each `hello` is a reconnection, which may have missed something.
        let Ok(source) = EventSource::new("/api/inbox-events") else {
            return;
        };
        let pending = Rc::new(Cell::new(false));
        let on_change = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
            if pending.replace(true) {
                return;
            }
            let pending = pending.clone();
            let fire = Closure::once_into_js(move || {
                pending.set(false);
                pulse.beat();
            });
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    fire.unchecked_ref(),
                    GATHER_MS,
                );
            }
        });
        let _ =
            source.add_event_listener_with_callback("changed", on_change.as_ref().unchecked_ref());
        let _ =
            source.add_event_listener_with_callback("hello", on_change.as_ref().unchecked_ref());
        // Lives as long as the page does.
        on_change.forget();
        std::mem::forget(source);
    }
}
