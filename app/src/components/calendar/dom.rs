//! What the calendar asks of the browser directly: the day (and time slot)
//! under the pointer, pointer capture, focus, and whether the screen is a
//! phone's. On the server these do nothing.

/// Where an entry would land: a day, and in the week view a slot of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    /// `2026-12-07`.
    pub date: String,
    /// `all-day` or `14:00`, when dropped on a slot of the week view.
    pub slot: Option<String>,
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;

    use super::Spot;
    use crate::components::dom::{closest, document};

    fn elements(selector: &str) -> Vec<web_sys::Element> {
        let Some(list) = document().and_then(|d| d.query_selector_all(selector).ok()) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
            .collect()
    }

    /// The drop spot under the viewport point `(x, y)`: the smallest one holding it.
    pub fn spot_at(x: f64, y: f64) -> Option<Spot> {
        elements("[data-drop-date]")
            .into_iter()
            .filter_map(|el| {
                let r = el.get_bounding_client_rect();
                let inside = x >= r.left() && x <= r.right() && y >= r.top() && y <= r.bottom();
                inside.then(|| (r.width() * r.height(), el))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .and_then(|(_, el)| {
                Some(Spot {
                    date: el.get_attribute("data-drop-date")?,
                    slot: el.get_attribute("data-drop-slot"),
                })
            })
    }

    /// Whether an event started inside an entry (so a click on it is not a click on its day).
    pub fn on_entry(target: Option<web_sys::EventTarget>) -> bool {
        closest(target, "[data-entry], a, button, input, select").is_some()
    }

    /// Whether the window is as narrow as a phone's.
    pub fn is_narrow() -> bool {
        web_sys::window()
            .and_then(|w| w.match_media("(max-width: 639px)").ok().flatten())
            .is_some_and(|m| m.matches())
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    use super::Spot;

    pub fn spot_at(_x: f64, _y: f64) -> Option<Spot> {
        None
    }
    pub fn on_entry(_target: Option<leptos::web_sys::EventTarget>) -> bool {
        true
    }
    pub fn is_narrow() -> bool {
        false
    }
}

pub use crate::components::dom::focus_later;
pub use browser::*;
