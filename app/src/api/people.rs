//! The team: who is in it, invitations, roles.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use crate::auth::CurrentUser;
use crate::domain::{PersonId, Role};
use crate::error::AppError;

/// Everyone in the workspace.
#[server(endpoint = "list_people")]
pub async fn list_people() -> Result<Vec<CurrentUser>, AppError> {
    crate::api::serve(Access::SignedIn, |_, state| async move {
        crate::service::accounts::people(&state.db).await
    })
    .await
}

/// Invites someone; returns the one-time link's path (`/invite/<token>`) to send them. When
/// the server sends email, the link is emailed to them as well.
#[server(endpoint = "invite_person")]
pub async fn invite_person(email: String, name: String, role: Role) -> Result<String, AppError> {
    crate::api::serve(Access::Admin, |me, state| async move {
        let now = chrono::Utc::now();
        let links = state.settings.mail_links();
        let token = crate::service::accounts::invite(
            &state.db,
            me.user.id,
            &email,
            &name,
            role,
            now,
            links.as_ref(),
        )
        .await?;
        Ok(format!("/invite/{token}"))
    })
    .await
}

/// Changes someone's role; the last admin cannot stop being one.
#[server(endpoint = "change_role")]
pub async fn change_role(person: PersonId, role: Role) -> Result<CurrentUser, AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        crate::service::accounts::change_role(&state.db, person, role).await
    })
    .await
}
