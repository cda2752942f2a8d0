//! Accounts: signing in, one's own profile and password, invites and roles, and the
//! accounts `baton user add` makes. The HTTP side (cookies, redirects, the sign-in
//! throttle) stays with the server functions; what is stored is decided here.

use chrono::{DateTime, Duration, Utc};

use crate::auth::{password as pw, password_problems, session, token, CurrentUser, INVITE_DAYS};
use crate::db::{self, Conn, Db};
use crate::domain::people::{checked_email, checked_name};
use crate::domain::{PersonId, Role};
use crate::error::{AppError, AppResult};
use crate::views::account::Invitation;

/// Whether anyone can sign in at all (the first admin is made on the command line).
pub async fn anyone_can_sign_in(db: &Db) -> AppResult<bool> {
    let mut conn = db.read.acquire().await?;
    Ok(db::accounts::count_with_password(&mut conn).await? > 0)
}

/// The person with this email and password, if they match; an unknown email costs as
/// much time as a wrong password, so the answer does not tell which it was.
pub async fn check_password(
    db: &Db,
    email: &str,
    password: String,
) -> AppResult<Option<CurrentUser>> {
    let found = {
        let mut conn = db.read.acquire().await?;
        db::accounts::find_login(&mut conn, email).await?
    };
    tokio::task::spawn_blocking(move || match found {
        Some((user, hash)) => pw::verify(&password, &hash).then_some(user),
        None => {
            pw::verify_nothing(&password);
            None
        }
    })
    .await
    .map_err(|_| AppError::Internal)
}

/// Starts a session for `person`, ending the one this browser had (`replacing`, a token
/// digest); returns the new session's token for the cookie.
pub async fn start_session(
    db: &Db,
    person: PersonId,
    replacing: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let mut tx = db.write.begin().await?;
    if let Some(old) = replacing {
        db::accounts::delete_session(&mut tx, old).await?;
    }
    let token = session::start(&mut tx, person, now).await?;
    tx.commit().await?;
    Ok(token)
}

/// Ends a session for good.
pub async fn end_session(db: &Db, token_hash: &str) -> AppResult<()> {
    let mut conn = db.write.acquire().await?;
    db::accounts::delete_session(&mut conn, token_hash).await?;
    Ok(())
}

/// Changes one's own name and time zone.
pub async fn update_profile(
    db: &Db,
    me: &CurrentUser,
    name: &str,
    time_zone: &str,
) -> AppResult<CurrentUser> {
    if name.trim().is_empty() {
        return Err(AppError::validation("name", "Enter your name."));
    }
    let name = checked_name(name).map_err(|m| AppError::validation("name", m))?;
    let time_zone = time_zone.trim().to_string();
    if time_zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(AppError::validation(
            "time_zone",
            format!(
                "'{}' is not a time zone Baton knows; pick one from the list, e.g. Europe/Berlin.",
                crate::domain::limits::shortened(&time_zone, 60)
            ),
        ));
    }
    let mut conn = db.write.acquire().await?;
    db::accounts::update_profile(&mut conn, me.id, &name, &time_zone).await?;
    drop(conn);
    db.team_changed();
    Ok(CurrentUser {
        name,
        time_zone,
        ..me.clone()
    })
}

/// Changes one's own password and ends every other session of that person; returns
/// how many were ended.
pub async fn change_password(
    db: &Db,
    me: &CurrentUser,
    this_session: &str,
    current: String,
    new_password: String,
) -> AppResult<u64> {
    let problems = password_problems(&new_password, &me.email);
    if !problems.is_empty() {
        return Err(AppError::validation("new_password", problems.join(" ")));
    }
    let stored = {
        let mut conn = db.read.acquire().await?;
        db::accounts::password_hash(&mut conn, me.id).await?
    };
    let (ok, hash) = tokio::task::spawn_blocking(move || {
        let ok = stored.is_some_and(|s| pw::verify(&current, &s));
        (ok, ok.then(|| pw::hash(&new_password)))
    })
    .await
    .map_err(|_| AppError::Internal)?;
    let (true, Some(hash)) = (ok, hash) else {
        return Err(AppError::validation(
            "current",
            "Your current password is not right.",
        ));
    };
    let mut tx = db.write.begin().await?;
    db::accounts::set_password_hash(&mut tx, me.id, &hash).await?;
    let ended = db::accounts::delete_other_sessions(&mut tx, me.id, this_session).await?;
    tx.commit().await?;
    Ok(ended)
}

/// Everyone with an account.
pub async fn people(db: &Db) -> AppResult<Vec<CurrentUser>> {
    let mut conn = db.read.acquire().await?;
    Ok(db::accounts::list_users(&mut conn).await?)
}

/// Invites someone; returns the one-time token of their link (`/invite/<token>`). When the
/// server sends email (`mail`), the invite is emailed too, from the same transaction.
pub async fn invite(
    db: &Db,
    by: PersonId,
    email: &str,
    name: &str,
    role: Role,
    now: DateTime<Utc>,
    mail: Option<&crate::service::mail::Links>,
) -> AppResult<String> {
    let email = checked_email(email).map_err(|m| AppError::validation("email", m))?;
    let name = checked_name(name).map_err(|m| AppError::validation("name", m))?;
    let mut tx = db.write.begin().await?;
    if db::accounts::find_login(&mut tx, &email).await?.is_some() {
        return Err(AppError::validation(
            "email",
            format!("{email} already has an account."),
        ));
    }
    let token = token::new_token();
    let expires = now + Duration::days(INVITE_DAYS);
    db::accounts::insert_invite(
        &mut tx,
        &token::digest(&token),
        &email,
        &name,
        role,
        by,
        now,
        expires,
    )
    .await?;
    if let Some(links) = mail {
        let inviter = db::accounts::user(&mut tx, by)
            .await?
            .map_or_else(|| "Your team".to_string(), |u| u.name);
        crate::service::mail::queue_invite(&mut tx, links, &email, &name, &inviter, &token, now)
            .await?;
    }
    tx.commit().await?;
    Ok(token)
}

/// What an invite link offers; expired, used and unknown links are explained.
pub async fn invitation(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<Invitation> {
    let mut conn = db.read.acquire().await?;
    let invite = usable_invite(&mut conn, token, now).await?;
    Ok(Invitation {
        email: invite.email,
        name: invite.name,
        role: db::accounts::role_of(&invite.role)?,
    })
}

async fn usable_invite(
    conn: &mut Conn,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<db::accounts::InviteRow> {
    let invite = db::accounts::find_invite(conn, &token::digest(token))
        .await?
        .ok_or_else(|| AppError::not_found("This invite link"))?;
    if invite.used_at.is_some() {
        return Err(AppError::validation(
            "token",
            "This invite link has already been used. Sign in instead, or ask an admin for a new invite.",
        ));
    }
    if invite.expires_at < now {
        return Err(AppError::validation(
            "token",
            "This invite link has expired. Ask an admin for a new one.",
        ));
    }
    Ok(invite)
}

/// Accepts an invite: sets the password and creates the account (or gives one to the
/// person the team already knows by that email), then starts a session; returns its token.
pub async fn accept_invite(
    db: &Db,
    token: &str,
    password: String,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let invite = {
        let mut conn = db.read.acquire().await?;
        usable_invite(&mut conn, token, now).await?
    };
    let problems = password_problems(&password, &invite.email);
    if !problems.is_empty() {
        return Err(AppError::validation("password", problems.join(" ")));
    }
    let hash = tokio::task::spawn_blocking(move || pw::hash(&password))
        .await
        .map_err(|_| AppError::Internal)?;
    let mut tx = db.write.begin().await?;
    // Checked again inside the write transaction: a link works exactly once.
    let invite = usable_invite(&mut tx, token, now).await?;
    let role = db::accounts::role_of(&invite.role)?;
    let person = find_or_add_person(&mut tx, &invite.name, &invite.email, role, now).await?;
    db::accounts::set_password_hash(&mut tx, person, &hash).await?;
    db::accounts::use_invite(&mut tx, &token::digest(token), now).await?;
    let session_token = session::start(&mut tx, person, now).await?;
    tx.commit().await?;
    db.team_changed();
    Ok(session_token)
}

/// Changes someone's role; the last admin cannot stop being one.
pub async fn change_role(db: &Db, person: PersonId, role: Role) -> AppResult<CurrentUser> {
    let mut tx = db.write.begin().await?;
    let target = db::accounts::user(&mut tx, person)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Person {person}")))?;
    if target.role == Role::Admin
        && role != Role::Admin
        && db::accounts::count_admins(&mut tx).await? <= 1
    {
        return Err(AppError::validation(
            "role",
            format!(
                "{} is the only admin. Make someone else an admin first, so the workspace always has one.",
                target.name
            ),
        ));
    }
    db::accounts::set_role(&mut tx, person, role).await?;
    tx.commit().await?;
    db.team_changed();
    Ok(CurrentUser { role, ..target })
}

/// What [`add_account`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// The account was made.
    Created(PersonId),
    /// Someone can already sign in with that email; nothing was changed.
    AlreadyExists,
}

/// Makes an account that can sign in at once (`baton user add`): the person is created,
/// or the team member already known by that email gets a password and the role.
pub async fn add_account(
    db: &Db,
    email: &str,
    name: &str,
    role: Role,
    password: String,
    now: DateTime<Utc>,
) -> AppResult<Added> {
    let email = checked_email(email).map_err(|m| AppError::validation("email", m))?;
    let name = checked_name(name).map_err(|m| AppError::validation("name", m))?;
    let problems = password_problems(&password, &email);
    if !problems.is_empty() {
        return Err(AppError::validation(
            "password",
            format!("That password is too weak: {}", problems.join(" ")),
        ));
    }
    let hash = tokio::task::spawn_blocking(move || pw::hash(&password))
        .await
        .map_err(|_| AppError::Internal)?;
    let mut tx = db.write.begin().await?;
    if db::accounts::find_login(&mut tx, &email).await?.is_some() {
        return Ok(Added::AlreadyExists);
    }
    let person = find_or_add_person(&mut tx, &name, &email, role, now).await?;
    db::accounts::set_role(&mut tx, person, role).await?;
    db::accounts::set_password_hash(&mut tx, person, &hash).await?;
    tx.commit().await?;
    db.team_changed();
    Ok(Added::Created(person))
}

/// The person the team knows by `email`, added with `name` and `role` when there is none.
async fn find_or_add_person(
    conn: &mut Conn,
    name: &str,
    email: &str,
    role: Role,
    now: DateTime<Utc>,
) -> Result<PersonId, sqlx::Error> {
    match db::people::find_by_email(conn, email).await? {
        Some(id) => Ok(id),
        None => db::people::insert(conn, name, email, role, &[], now).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
    }

    const GOOD: &str = "correct horse battery staple";

    #[tokio::test]
    async fn the_command_line_and_an_invite_give_an_account_to_the_same_known_person() {
        let t = testing::fresh().await;
        // Dana is on the team (named in RACIs, say) but cannot sign in yet.
        let dana = {
            let mut conn = t.db.write.acquire().await.unwrap();
            db::people::insert(
                &mut conn,
                "Dana",
                "dana@x.example",
                Role::Member,
                &[],
                now(),
            )
            .await
            .unwrap()
        };
        let added = add_account(
            &t.db,
            " Dana@X.example ",
            "Dana W",
            Role::Manager,
            GOOD.into(),
            now(),
        )
        .await
        .unwrap();
        assert_eq!(
            added,
            Added::Created(dana),
            "the known person, not a second one"
        );
        let again = add_account(
            &t.db,
            "dana@x.example",
            "Dana",
            Role::Admin,
            GOOD.into(),
            now(),
        )
        .await
        .unwrap();
        assert_eq!(again, Added::AlreadyExists);
        let signed_in = check_password(&t.db, "dana@x.example", GOOD.into())
            .await
            .unwrap()
            .unwrap();
        assert_eq!((signed_in.id, signed_in.role), (dana, Role::Manager));

        // Priya is known too; her invite gives the same person an account.
        let priya = {
            let mut conn = t.db.write.acquire().await.unwrap();
            db::people::insert(
                &mut conn,
                "Priya",
                "priya@x.example",
                Role::Member,
                &[],
                now(),
            )
            .await
            .unwrap()
        };
        let link = invite(
            &t.db,
            dana,
            "priya@x.example",
            "Priya N",
            Role::Member,
            now(),
            None,
        )
        .await
        .unwrap();
        accept_invite(&t.db, &link, GOOD.into(), now())
            .await
            .unwrap();
        let her = check_password(&t.db, "priya@x.example", GOOD.into())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(her.id, priya);
        assert_eq!(people(&t.db).await.unwrap().len(), 2, "no duplicate people");
    }

    #[tokio::test]
    async fn bad_account_details_are_refused_before_anything_is_stored() {
        let t = testing::fresh().await;
        for (email, name, password, field) in [
            ("not-an-email", "Dana", GOOD, "email"),
            ("dana@x.example", "  ", GOOD, "name"),
            ("dana@x.example", &"n".repeat(101) as &str, GOOD, "name"),
            ("dana@x.example", "Dana", "short", "password"),
        ] {
            let err = add_account(&t.db, email, name, Role::Admin, password.into(), now())
                .await
                .unwrap_err();
            assert!(
                matches!(&err, AppError::Validation { field: f, .. } if f == field),
                "{err:?}"
            );
        }
        assert!(people(&t.db).await.unwrap().is_empty());
        assert!(!anyone_can_sign_in(&t.db).await.unwrap());
    }
}
