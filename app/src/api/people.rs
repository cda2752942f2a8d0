//! The team: who is in it, invitations, roles.

use leptos::prelude::*;

use crate::auth::CurrentUser;
use crate::domain::{PersonId, Role};
use crate::error::AppError;

/// How long an invite link works.
pub const INVITE_DAYS: i64 = 7;

/// Everyone in the workspace.
#[server(endpoint = "list_people")]
pub async fn list_people() -> Result<Vec<CurrentUser>, AppError> {
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        require(Access::SignedIn)?;
        let state = crate::state::app_state()?;
        let mut conn = state.db.read.acquire().await?;
        Ok(crate::db::accounts::list_users(&mut conn).await?)
    })
    .await
}

/// Invites someone; returns the one-time link's path (`/invite/<token>`) to send them.
#[server(endpoint = "invite_person")]
pub async fn invite_person(email: String, name: String, role: Role) -> Result<String, AppError> {
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        let me = require(Access::Admin)?;
        let email = email.trim().to_lowercase();
        let name = name.trim().to_string();
        let valid_email = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !email.contains(char::is_whitespace)
        });
        if !valid_email {
            return Err(AppError::validation(
                "email",
                "Enter an email address like dana@example.com.",
            ));
        }
        if name.is_empty() {
            return Err(AppError::validation("name", "Enter the person's name."));
        }
        let state = crate::state::app_state()?;
        let now = chrono::Utc::now();
        let mut tx = state.db.write.begin().await?;
        if crate::db::accounts::find_login(&mut tx, &email)
            .await?
            .is_some()
        {
            return Err(AppError::validation(
                "email",
                format!("{email} already has an account."),
            ));
        }
        let token = crate::auth::token::new_token();
        let expires = now + chrono::Duration::days(INVITE_DAYS);
        crate::db::accounts::insert_invite(
            &mut tx,
            &crate::auth::token::digest(&token),
            &email,
            &name,
            role,
            me.user.id,
            now,
            expires,
        )
        .await?;
        tx.commit().await?;
        Ok(format!("/invite/{token}"))
    })
    .await
}

/// Changes someone's role; the last admin cannot stop being one.
#[server(endpoint = "change_role")]
pub async fn change_role(person: PersonId, role: Role) -> Result<CurrentUser, AppError> {
    crate::api::run(async move {
        use crate::api::guard::{require, Access};
        require(Access::Admin)?;
        let state = crate::state::app_state()?;
        let mut tx = state.db.write.begin().await?;
        let target = crate::db::accounts::user(&mut tx, person)
            .await?
            .ok_or_else(|| AppError::not_found(format!("Person {person}")))?;
        if target.role == Role::Admin && role != Role::Admin && crate::db::accounts::count_admins(&mut tx).await? <= 1 {
            return Err(AppError::validation(
                "role",
                format!("{} is the only admin. Make someone else an admin first, so the workspace always has one.", target.name),
            ));
        }
        crate::db::accounts::set_role(&mut tx, person, role).await?;
        tx.commit().await?;
        state.db.team_changed();
        Ok(CurrentUser { role, ..target })
    })
    .await
}
