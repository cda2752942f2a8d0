//! The few things the board asks of the browser directly: which column is
//! under the pointer, keeping a dragged card under the pointer, and focus.
//! On the server these do nothing.

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;

    fn document() -> Option<web_sys::Document> {
        web_sys::window()?.document()
    }

    /// The stage of the column under the horizontal position `x` (viewport pixels).
    pub fn stage_at(x: f64) -> Option<String> {
        let columns = document()?.query_selector_all("[data-stage]").ok()?;
        (0..columns.length())
            .filter_map(|i| columns.item(i)?.dyn_into::<web_sys::Element>().ok())
            .find(|el| {
                let rect = el.get_bounding_client_rect();
                x >= rect.left() && x <= rect.right()
            })
            .and_then(|el| el.get_attribute("data-stage"))
    }

    fn closest(target: Option<web_sys::EventTarget>, selector: &str) -> Option<web_sys::Element> {
        target?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest(selector)
            .ok()?
    }

    /// Whether an event started on something with its own click (a button, a menu, a link out of the card).
    pub fn on_control(target: Option<web_sys::EventTarget>) -> bool {
        closest(
            target,
            "button, input, select, textarea, [role=menu], [data-no-drag]",
        )
        .is_some()
    }

    /// Whether an event started on the card's drag handle (touch drags start there).
    pub fn on_handle(target: Option<web_sys::EventTarget>) -> bool {
        closest(target, "[data-drag-handle]").is_some()
    }

    /// Sends the pointer's further events to the card, wherever the pointer goes.
    pub fn capture(target: Option<web_sys::EventTarget>, pointer: i32) {
        if let Some(card) = closest(target, "[data-card]") {
            let _ = card.set_pointer_capture(pointer);
        }
    }

    /// Focuses the element with this id once the page has drawn it, unless focus is somewhere else
    /// by then (`only_if_lost`: only when the focused element went away, e.g. a card redrawn).
    pub fn focus_later(id: String, only_if_lost: bool) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let focus = wasm_bindgen::closure::Closure::once_into_js(move || {
            let Some(doc) = document() else { return };
            let lost = doc
                .active_element()
                .is_none_or(|a| Some(a) == doc.body().map(Into::into));
            if only_if_lost && !lost {
                return;
            }
            if let Some(el) = doc.get_element_by_id(&id) {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
        let _ = window.request_animation_frame(focus.unchecked_ref());
    }

    /// Moves focus `step` items along the menu items of the menu holding the focused one.
    pub fn step_menu(menu_id: &str, step: i32) {
        let Some(doc) = document() else { return };
        let Ok(items) = doc.query_selector_all(&format!("#{menu_id} [role=menuitem]")) else {
            return;
        };
        let count = items.length() as i32;
        if count == 0 {
            return;
        }
        let active = doc.active_element();
        let current = (0..count).find(|i| {
            items
                .item(*i as u32)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                == active
        });
        let next = match current {
            Some(i) => (i + step).rem_euclid(count),
            None => 0,
        };
        if let Some(el) = items
            .item(next as u32)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    pub fn stage_at(_x: f64) -> Option<String> {
        None
    }
    pub fn on_control(_target: Option<leptos::web_sys::EventTarget>) -> bool {
        true
    }
    pub fn on_handle(_target: Option<leptos::web_sys::EventTarget>) -> bool {
        false
    }
    pub fn capture(_target: Option<leptos::web_sys::EventTarget>, _pointer: i32) {}
    pub fn focus_later(_id: String, _only_if_lost: bool) {}
    pub fn step_menu(_menu_id: &str, _step: i32) {}
}

pub use browser::*;

/// Focuses the element with this id once the page has drawn it.
pub fn focus_soon(id: String) {
    focus_later(id, false);
}

/// Gives focus back to the element with this id if a redraw took it away.
pub fn refocus(id: String) {
    focus_later(id, true);
}
