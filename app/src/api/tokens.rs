//! Personal access tokens' server functions: one's own tokens (viewers too, for reading),
//! and everyone's for admins.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use crate::domain::tokens::TokenRequest;
use crate::error::AppError;

pub use crate::views::tokens::*;

/// One's own tokens, the newest first.
#[server(endpoint = "my_tokens")]
pub async fn my_tokens() -> Result<TokenList, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        let tokens = crate::service::tokens::mine(&state.db, &me.user).await?;
        Ok(TokenList {
            tokens,
            now: chrono::Utc::now(),
        })
    })
    .await
}

/// Makes a token for the signed-in person; its secret is in the answer, this once.
#[server(endpoint = "create_token", input = leptos::server_fn::codec::Json)]
pub async fn create_token(request: TokenRequest) -> Result<NewToken, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::tokens::create(&state.db, &me.user, &request, chrono::Utc::now()).await
    })
    .await
}

/// Revokes one's own token (an admin: anyone's); it stops working at once.
#[server(endpoint = "revoke_token", input = leptos::server_fn::codec::Json)]
pub async fn revoke_token(id: i64) -> Result<TokenView, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        crate::service::tokens::revoke(&state.db, &me.user, id, chrono::Utc::now()).await
    })
    .await
}

/// Everyone's tokens, the newest first (admins).
#[server(endpoint = "all_tokens")]
pub async fn all_tokens() -> Result<TokenList, AppError> {
    crate::api::serve(Access::Admin, |me, state| async move {
        let tokens = crate::service::tokens::everyone(&state.db, &me.user).await?;
        Ok(TokenList {
            tokens,
            now: chrono::Utc::now(),
        })
    })
    .await
}
