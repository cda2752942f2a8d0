//! The workspace style guide the brand check enforces.

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use leptos::prelude::*;

use crate::domain::StyleGuide;
use crate::error::AppError;

/// The style guide (everyone reads it: the item form checks copy with it).
#[server(endpoint = "get_style_guide")]
pub async fn get_style_guide() -> Result<StyleGuide, AppError> {
    crate::api::serve(Access::SignedIn, |_, state| async move {
        crate::service::brand::style_guide(&state.db).await
    })
    .await
}

/// Saves the style guide (admins); returns it as stored.
#[server(endpoint = "save_style_guide", input = leptos::server_fn::codec::Json)]
pub async fn save_style_guide(guide: StyleGuide) -> Result<StyleGuide, AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        crate::service::brand::save_style_guide(&state.db, &guide).await
    })
    .await
}
