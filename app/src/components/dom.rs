//! What every view that drags or moves focus asks of the browser: the element an event
//! started in, pointer capture, and focus once the page has drawn. On the server these do
//! nothing.

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;

    /// The page's document.
    pub fn document() -> Option<web_sys::Document> {
        web_sys::window()?.document()
    }

    /// The element matching `selector` that holds the event's target, if any.
    pub fn closest(
        target: Option<web_sys::EventTarget>,
        selector: &str,
    ) -> Option<web_sys::Element> {
        target?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest(selector)
            .ok()?
    }

    /// Whether an event started on something with its own click (a button, a field, a menu),
    /// where a press must not start a drag.
    pub fn on_control(target: Option<web_sys::EventTarget>) -> bool {
        closest(
            target,
            "button, input, select, textarea, [role=menu], [data-no-drag]",
        )
        .is_some()
    }

    /// Whether an event started on a drag handle (touch drags start there).
    pub fn on_handle(target: Option<web_sys::EventTarget>) -> bool {
        closest(target, "[data-drag-handle]").is_some()
    }

    /// Whether the event started in a form field, where keys like Escape belong to the field.
    pub fn in_field(target: Option<web_sys::EventTarget>) -> bool {
        closest(target, "input, textarea, select, [contenteditable]").is_some()
    }

    /// The width in pixels of the element matching `selector` that holds the target.
    pub fn width_of(target: Option<web_sys::EventTarget>, selector: &str) -> Option<f64> {
        closest(target, selector).map(|el| el.get_bounding_client_rect().width())
    }

    /// Sends the pointer's further events to the element matching `selector` that holds the
    /// target (a dragged card or entry), wherever the pointer goes.
    pub fn capture(target: Option<web_sys::EventTarget>, pointer: i32, selector: &str) {
        if let Some(el) = closest(target, selector) {
            let _ = el.set_pointer_capture(pointer);
        }
    }

    /// Focuses the element with this id once the page has drawn it; with `only_if_lost`,
    /// only when focus went nowhere (the focused element was redrawn).
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
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    pub fn capture(_target: Option<leptos::web_sys::EventTarget>, _pointer: i32, _selector: &str) {}
    pub fn focus_later(_id: String, _only_if_lost: bool) {}
    pub fn width_of(_target: Option<leptos::web_sys::EventTarget>, _selector: &str) -> Option<f64> {
        None
    }
    pub fn in_field(_target: Option<leptos::web_sys::EventTarget>) -> bool {
        false
    }
    pub fn on_control(_target: Option<leptos::web_sys::EventTarget>) -> bool {
        true
    }
    pub fn on_handle(_target: Option<leptos::web_sys::EventTarget>) -> bool {
        false
    }
}

pub use browser::*;
