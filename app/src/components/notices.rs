//! Following `/api/events` in the browser, for every view that shows items live (boards,
//! the calendar). The server ends each stream after a few seconds by design and the
//! browser reconnects; each `hello` says where the notices stand, so a view that finds
//! it missed some (or lost the connection) reloads instead of guessing.

use crate::api::board::BoardNotice;

/// Follows the stream at `url` until the view goes away. `seq` is the notice number the
/// loaded view already reflects; `next_seq` gives the number after a notice (a workflow's
/// stream carries it in the notice; the all-workflows stream counts notices); `heard`
/// applies a notice; `reload` catches up after a gap.
pub fn follow(
    url: String,
    seq: u64,
    next_seq: fn(&BoardNotice, u64) -> u64,
    heard: impl Fn(BoardNotice) + Send + Sync + 'static,
    reload: impl Fn() + Send + Sync + 'static,
) {
    #[cfg(feature = "hydrate")]
    browser::follow(url, seq, next_seq, heard, reload);
    #[cfg(not(feature = "hydrate"))]
    let _ = (url, seq, next_seq, heard, reload);
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{EventSource, MessageEvent};

    use crate::api::board::BoardNotice;

    /// How long to wait before reopening a stream the browser gave up on.
    const RETRY_MS: i32 = 3000;

    struct Connection {
        source: RefCell<Option<EventSource>>,
        closed: Cell<bool>,
        last_seq: Cell<u64>,
        url: String,
        next_seq: fn(&BoardNotice, u64) -> u64,
    }

    type Heard = Rc<dyn Fn(BoardNotice)>;
    type Reload = Rc<dyn Fn()>;

    pub fn follow(
        url: String,
        seq: u64,
        next_seq: fn(&BoardNotice, u64) -> u64,
        heard: impl Fn(BoardNotice) + 'static,
        reload: impl Fn() + 'static,
    ) {
        let conn = Rc::new(Connection {
            source: RefCell::new(None),
            closed: Cell::new(false),
            last_seq: Cell::new(seq),
            url,
            next_seq,
        });
        open(&conn, Rc::new(heard), Rc::new(reload));
        let keep = StoredValue::new_local(conn);
        on_cleanup(move || {
            keep.with_value(|conn| {
                conn.closed.set(true);
                if let Some(source) = conn.source.borrow_mut().take() {
                    source.close();
                }
            });
        });
    }

    fn open(conn: &Rc<Connection>, heard: Heard, reload: Reload) {
        if conn.closed.get() {
            return;
        }
        let Ok(source) = EventSource::new(&conn.url) else {
            return;
        };
        let on_hello = {
            let (conn, reload) = (conn.clone(), reload.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
                let seq = ev
                    .data()
                    .as_string()
                    .and_then(|s| s.parse::<u64>().ok())
                    .unwrap_or(0);
                if seq != conn.last_seq.get() {
                    conn.last_seq.set(seq);
                    reload();
                }
            })
        };
        let on_item = {
            let (conn, heard) = (conn.clone(), heard.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
                let notice = ev
                    .data()
                    .as_string()
                    .and_then(|s| serde_json::from_str::<BoardNotice>(&s).ok());
                if let Some(notice) = notice {
                    conn.last_seq
                        .set((conn.next_seq)(&notice, conn.last_seq.get()));
                    heard(notice);
                }
            })
        };
        let on_resync = {
            let reload = reload.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| reload())
        };
        let on_error = {
            let conn = conn.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
                let gave_up = conn
                    .source
                    .borrow()
                    .as_ref()
                    .is_some_and(|s| s.ready_state() == EventSource::CLOSED);
                if gave_up {
                    let (conn, heard, reload) = (conn.clone(), heard.clone(), reload.clone());
                    let retry = Closure::once_into_js(move || open(&conn, heard, reload));
                    if let Some(window) = web_sys::window() {
                        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                            retry.unchecked_ref(),
                            RETRY_MS,
                        );
                    }
                }
            })
        };
        let _ = source.add_event_listener_with_callback("hello", on_hello.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("item", on_item.as_ref().unchecked_ref());
        let _ =
            source.add_event_listener_with_callback("resync", on_resync.as_ref().unchecked_ref());
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The listeners live as long as the page; a view that goes away drops its stream.
        on_hello.forget();
        on_item.forget();
        on_resync.forget();
        on_error.forget();
        if let Some(old) = conn.source.borrow_mut().replace(source) {
            old.close();
        }
    }
}
