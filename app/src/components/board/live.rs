//! Live updates in the browser: an `EventSource` on `/api/events` tells the
//! board which cards changed. The stream restarts every few seconds by design;
//! a board that finds it missed notices (or lost the connection) reloads.

use super::model::Board;

/// Follows the board's workflow until the board goes away. `seq` is the number
/// of the last notice the loaded board already reflects; `reload` catches up.
pub fn follow(board: Board, seq: u64, reload: impl Fn() + Send + Sync + 'static) {
    #[cfg(feature = "hydrate")]
    browser::follow(board, seq, reload);
    #[cfg(not(feature = "hydrate"))]
    let _ = (board, seq, reload);
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{EventSource, MessageEvent};

    use super::Board;
    use crate::api::board::BoardNotice;

    /// How long to wait before reopening a stream the browser gave up on.
    const RETRY_MS: i32 = 3000;

    struct Connection {
        source: RefCell<Option<EventSource>>,
        last_seq: Cell<u64>,
        closed: Cell<bool>,
    }

    pub fn follow(board: Board, seq: u64, reload: impl Fn() + Send + Sync + 'static) {
        let url = format!("/api/events?workflow={}", board.workflow.get_value());
        let conn = Rc::new(Connection {
            source: RefCell::new(None),
            last_seq: Cell::new(seq),
            closed: Cell::new(false),
        });
        let reload = Rc::new(reload);
        open(&conn, &url, board, reload);
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

    fn open(conn: &Rc<Connection>, url: &str, board: Board, reload: Rc<dyn Fn()>) {
        if conn.closed.get() {
            return;
        }
        let Ok(source) = EventSource::new(url) else {
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
            let conn = conn.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
                let notice = ev
                    .data()
                    .as_string()
                    .and_then(|s| serde_json::from_str::<BoardNotice>(&s).ok());
                if let Some(notice) = notice {
                    conn.last_seq.set(notice.seq);
                    board.heard(notice);
                }
            })
        };
        let on_resync = {
            let reload = reload.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| reload())
        };
        let on_error = {
            let (conn, url) = (conn.clone(), url.to_string());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
                let gave_up = conn
                    .source
                    .borrow()
                    .as_ref()
                    .is_some_and(|s| s.ready_state() == EventSource::CLOSED);
                if gave_up {
                    let (conn, url, reload) = (conn.clone(), url.clone(), reload.clone());
                    let retry = Closure::once_into_js(move || open(&conn, &url, board, reload));
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
        // The listeners live as long as the page; a closed board drops its stream.
        on_hello.forget();
        on_item.forget();
        on_resync.forget();
        on_error.forget();
        if let Some(old) = conn.source.borrow_mut().replace(source) {
            old.close();
        }
    }
}
