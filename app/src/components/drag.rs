//! Dragging a card or a calendar entry with mouse or touch: the one controller both use.
//!
//! A press becomes a drag once the pointer has travelled [`DRAG_THRESHOLD`] pixels (so a
//! click stays a click); touch drags start only on the drag handle (so a finger can still
//! scroll the page); presses on a control (a button, a field, a menu) never drag; and the
//! click that ends a drag is swallowed, so dropping a card does not also open it. What is
//! under the pointer, and what a drop does, is the caller's.

use leptos::ev::{MouseEvent, PointerEvent};
use leptos::prelude::*;

use super::dom;

/// Pixels the pointer must travel before a press becomes a drag.
pub const DRAG_THRESHOLD: f64 = 6.0;

/// One draggable element's drag state.
#[derive(Debug, Clone, Copy)]
pub struct Drag {
    /// The element that follows the pointer (pointer capture goes to it), e.g. `[data-card]`.
    selector: &'static str,
    press: StoredValue<Option<(f64, f64)>>,
    offset: RwSignal<Option<(f64, f64)>>,
    just_dragged: StoredValue<bool>,
}

/// Where the pointer is during a drag.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pointer {
    /// Viewport x.
    pub x: f64,
    /// Viewport y.
    pub y: f64,
    /// True on the move that turned the press into a drag.
    pub started: bool,
}

impl Drag {
    /// A controller for the element matching `selector` that holds the pressed target.
    pub fn new(selector: &'static str) -> Self {
        Drag {
            selector,
            press: StoredValue::new(None),
            offset: RwSignal::new(None),
            just_dragged: StoredValue::new(false),
        }
    }

    /// A pointer went down; it may become a drag if `allowed` (the person may move things).
    pub fn down(&self, ev: &PointerEvent, allowed: bool) {
        if !allowed || ev.button() != 0 || dom::on_control(ev.target()) {
            return;
        }
        if ev.pointer_type() == "touch" && !dom::on_handle(ev.target()) {
            return;
        }
        self.press
            .set_value(Some((f64::from(ev.client_x()), f64::from(ev.client_y()))));
    }

    /// The pointer moved: where it is, once the press has become a drag.
    pub fn moved(&self, ev: &PointerEvent) -> Option<Pointer> {
        let (x0, y0) = self.press.get_value()?;
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let (dx, dy) = (x - x0, y - y0);
        let started = self.offset.get_untracked().is_none();
        if started {
            if dx.hypot(dy) < DRAG_THRESHOLD {
                return None;
            }
            dom::capture(ev.target(), ev.pointer_id(), self.selector);
        }
        ev.prevent_default();
        self.offset.set(Some((dx, dy)));
        Some(Pointer { x, y, started })
    }

    /// The pointer went up: where, if it ended a drag (the drop).
    pub fn up(&self, ev: &PointerEvent) -> Option<(f64, f64)> {
        self.press.set_value(None);
        self.offset.get_untracked()?;
        self.offset.set(None);
        self.just_dragged.set_value(true);
        Some((f64::from(ev.client_x()), f64::from(ev.client_y())))
    }

    /// The browser took the pointer away (a scroll, a system gesture): no drop.
    pub fn cancel(&self) {
        self.press.set_value(None);
        self.offset.set(None);
    }

    /// Swallows the click that ends a drag.
    pub fn click(&self, ev: &MouseEvent) {
        if self.just_dragged.get_value() {
            self.just_dragged.set_value(false);
            ev.prevent_default();
            ev.stop_propagation();
        }
    }

    /// Whether a drag is under way (tracked, for classes).
    pub fn dragging(&self) -> bool {
        self.offset.get().is_some()
    }

    /// The style that keeps the element under the pointer, with `extra` transforms (tracked).
    pub fn style(&self, extra: &str) -> String {
        match self.offset.get() {
            Some((dx, dy)) => format!(
                "transform: translate({dx}px, {dy}px){extra}; position: relative; z-index: 40;"
            ),
            None => String::new(),
        }
    }
}
