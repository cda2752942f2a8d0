//! What the designer asks of the browser directly: which stage's place is under the
//! pointer when a dragged stage is dropped. On the server this does nothing.

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;

    use crate::components::dom::document;

    /// The position of the stage card under the vertical position `y` (viewport pixels):
    /// the card holding it, or the first or last card when `y` is above or below them all.
    /// The dragged card (`dragged`, its stage key) is left out: it sits under the pointer.
    pub fn slot_at(y: f64, dragged: &str) -> Option<usize> {
        let cards = document()?.query_selector_all("[data-stage-slot]").ok()?;
        let rects: Vec<(f64, f64, usize)> = (0..cards.length())
            .filter_map(|i| cards.item(i)?.dyn_into::<web_sys::Element>().ok())
            .filter(|el| el.get_attribute("data-stage-card").as_deref() != Some(dragged))
            .filter_map(|el| {
                let slot = el.get_attribute("data-stage-slot")?.parse().ok()?;
                let rect = el.get_bounding_client_rect();
                Some((rect.top(), rect.bottom(), slot))
            })
            .collect();
        super::pick(&rects, y)
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    pub fn slot_at(_y: f64, _dragged: &str) -> Option<usize> {
        None
    }
}

pub use browser::*;

/// Of the cards' (top, bottom, position), the one under `y`, else the nearest end.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn pick(rects: &[(f64, f64, usize)], y: f64) -> Option<usize> {
    if let Some((_, _, slot)) = rects
        .iter()
        .find(|(top, bottom, _)| y >= *top && y <= *bottom)
    {
        return Some(*slot);
    }
    let first = rects.iter().min_by(|a, b| a.0.total_cmp(&b.0))?;
    let last = rects.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    if y < first.0 {
        Some(first.2)
    } else if y > last.1 {
        Some(last.2)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::pick;

    #[test]
    fn a_drop_lands_on_the_card_under_the_pointer_or_the_nearest_end() {
        let cards = [(0.0, 100.0, 0), (110.0, 200.0, 1), (210.0, 300.0, 2)];
        assert_eq!(pick(&cards, 150.0), Some(1));
        assert_eq!(pick(&cards, -20.0), Some(0));
        assert_eq!(pick(&cards, 900.0), Some(2));
        assert_eq!(pick(&cards, 105.0), None, "between two cards: nowhere");
        assert_eq!(pick(&[], 10.0), None);
    }
}
