//! `/items/<id>`: one item on its own page (the board opens the same panel in a drawer).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_view::ErrorView;
use crate::components::item::ItemDetailPanel;
use crate::domain::ItemId;
use crate::error::AppError;

/// `/items/<id>`.
#[component]
pub fn ItemPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .map(ItemId)
    });
    view! {
        <div class="mx-auto max-w-3xl">
            {move || match id.get() {
                Some(id) => view! { <ItemDetailPanel id page=true/> }.into_any(),
                None => view! { <ErrorView error=AppError::not_found("That item")/> }.into_any(),
            }}
        </div>
    }
}
