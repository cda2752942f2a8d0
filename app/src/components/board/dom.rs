//! The few things the board asks of the browser directly: which column is
//! under the pointer, keeping a dragged card under the pointer, and focus.
//! On the server these do nothing.

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;

    use crate::components::dom::document;

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
    pub fn step_menu(_menu_id: &str, _step: i32) {}
}

use crate::components::dom::focus_later;
pub use browser::*;

/// Focuses the element with this id once the page has drawn it.
pub fn focus_soon(id: String) {
    focus_later(id, false);
}

/// Gives focus back to the element with this id if a redraw took it away.
pub fn refocus(id: String) {
    focus_later(id, true);
}
