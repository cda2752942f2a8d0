//! Personal access tokens: making one (shown once), listing, revoking, and finding the
//! person behind a token on an API request.

use chrono::{DateTime, TimeDelta, Utc};

use crate::auth::{token, CurrentUser};
use crate::db::{self, Db};
use crate::domain::tokens::{self, check_request, Scopes, TokenRequest, MAX_PER_PERSON};
use crate::domain::Role;
use crate::error::{AppError, AppResult};
use crate::views::tokens::{NewToken, TokenView};

/// Last-used times are written at most this often, so busy tokens don't make every read a write.
const TOUCH_EVERY: TimeDelta = TimeDelta::minutes(1);

/// Makes a token for `me`; the secret is in the answer and nowhere else.
pub async fn create(
    db: &Db,
    me: &CurrentUser,
    request: &TokenRequest,
    now: DateTime<Utc>,
) -> AppResult<NewToken> {
    let checked = check_request(request, me.role, now)
        .map_err(|(field, message)| AppError::validation(field, message))?;
    let secret = format!("{}{}", tokens::PREFIX, token::new_token());
    // The insert comes first, so the transaction holds the write lock from its first
    // statement; over the limit, dropping it undoes the insert.
    let mut tx = db.write.begin().await?;
    let id = db::tokens::insert(
        &mut tx,
        db::tokens::NewTokenRow {
            person: me.id,
            name: &checked.name,
            digest: &token::digest(&secret),
            hint: &tokens::hint(&secret),
            scopes: &checked.scopes,
            expires_at: checked.expires_at,
        },
        now,
    )
    .await?;
    if db::tokens::count_open(&mut tx, me.id, now).await? > MAX_PER_PERSON as i64 {
        return Err(AppError::validation(
            "name",
            format!("You have {MAX_PER_PERSON} tokens that still work, the most one person may have. Revoke one you no longer use first."),
        ));
    }
    let view = db::tokens::get(&mut tx, id)
        .await?
        .ok_or(AppError::Internal)?;
    tx.commit().await?;
    Ok(NewToken {
        secret,
        token: view,
    })
}

/// `me`'s tokens, the newest first.
pub async fn mine(db: &Db, me: &CurrentUser) -> AppResult<Vec<TokenView>> {
    let mut conn = db.read.acquire().await?;
    Ok(db::tokens::list(&mut conn, Some(me.id)).await?)
}

/// Everyone's tokens, for an admin.
pub async fn everyone(db: &Db, me: &CurrentUser) -> AppResult<Vec<TokenView>> {
    if me.role != Role::Admin {
        return Err(AppError::Forbidden {
            action: "see other people's tokens — ask an admin".into(),
        });
    }
    let mut conn = db.read.acquire().await?;
    Ok(db::tokens::list(&mut conn, None).await?)
}

/// Revokes a token: its person may revoke their own, an admin anyone's. Revoking one that is
/// already revoked changes nothing and says so.
pub async fn revoke(
    db: &Db,
    me: &CurrentUser,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<TokenView> {
    let found = {
        let mut conn = db.read.acquire().await?;
        db::tokens::get(&mut conn, id).await?
    };
    let token = match found {
        Some(t) if t.person == me.id || me.role == Role::Admin => t,
        _ => return Err(AppError::not_found(format!("Token {id}"))),
    };
    let already = || AppError::Conflict {
        message: format!("The token “{}” was already revoked.", token.name),
    };
    if token.revoked_at.is_some() {
        return Err(already());
    }
    // The update comes first, so the transaction holds the write lock from its first statement.
    let mut tx = db.write.begin().await?;
    if !db::tokens::revoke(&mut tx, id, me.id, now).await? {
        return Err(already());
    }
    let view = db::tokens::get(&mut tx, id)
        .await?
        .ok_or(AppError::Internal)?;
    tx.commit().await?;
    Ok(view)
}

/// Who a token acts for, and what it was given.
#[derive(Debug, Clone)]
pub struct Bearer {
    /// The token's number (rate limits and idempotency keys are per token).
    pub token: i64,
    /// Its person, with their role as it is now.
    pub user: CurrentUser,
    /// Its scopes.
    pub scopes: Scopes,
}

/// The person behind `secret`; `Ok(Err(why))` when it opens nothing (a 401, in words).
pub async fn authenticate(
    db: &Db,
    secret: &str,
    now: DateTime<Utc>,
) -> AppResult<Result<Bearer, &'static str>> {
    if !tokens::looks_like_token(secret) {
        return Ok(Err(
            "That is not a Baton token: tokens start with baton_pat_ and are 53 characters long.",
        ));
    }
    let found = {
        let mut conn = db.read.acquire().await?;
        db::tokens::find(&mut conn, &token::digest(secret)).await?
    };
    let Some(holder) = found else {
        return Ok(Err("This token is not known to Baton."));
    };
    if holder.token.revoked_at.is_some() {
        return Ok(Err("This token was revoked."));
    }
    if holder.token.expires_at <= now {
        return Ok(Err(
            "This token has expired. Make a new one on your profile.",
        ));
    }
    let stale = holder
        .token
        .last_used_at
        .is_none_or(|at| now - at >= TOUCH_EVERY);
    if stale {
        let mut conn = db.write.acquire().await?;
        db::tokens::touch(&mut conn, holder.token.id, now).await?;
    }
    Ok(Ok(Bearer {
        token: holder.token.id,
        scopes: Scopes::of(holder.token.scopes.iter().copied()),
        user: holder.user,
    }))
}

/// What became of an `Idempotency-Key` claimed for a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First use: answer the request, then [`keep_answer`].
    Fresh,
    /// The same request was answered before: give this answer again.
    Answered {
        /// Its status.
        status: u16,
        /// Its body.
        body: String,
    },
    /// The first request with this key is still being answered.
    InFlight,
    /// The key was used for a different request.
    Reused,
}

/// Claims `key` for the request `fingerprint` names (method, path, a digest of the body).
pub async fn claim_key(
    db: &Db,
    token: i64,
    key: &str,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> AppResult<Claim> {
    let mut conn = db.write.acquire().await?;
    let kept = db::tokens::claim_key(&mut conn, token, key, fingerprint, now).await?;
    Ok(match kept {
        None => Claim::Fresh,
        Some(kept) if kept.fingerprint != fingerprint => Claim::Reused,
        Some(kept) if kept.status == 0 => Claim::InFlight,
        Some(kept) => Claim::Answered {
            status: u16::try_from(kept.status).unwrap_or(200),
            body: kept.body,
        },
    })
}

/// Keeps the answer to a freshly claimed key. An answer that says Baton failed, or one too
/// large to keep (`None`), lets the key go instead, so a retry runs again.
pub async fn keep_answer(
    db: &Db,
    token: i64,
    key: &str,
    status: u16,
    body: Option<&str>,
) -> AppResult<()> {
    let mut conn = db.write.acquire().await?;
    match body {
        Some(body) if status < 500 => {
            db::tokens::keep_answer(&mut conn, token, key, status, body).await?
        }
        _ => db::tokens::release_key(&mut conn, token, key).await?,
    }
    Ok(())
}

/// Forgets idempotency answers older than a day (a retry comes within minutes, not days).
pub async fn forget_old_answers(db: &Db, now: DateTime<Utc>) -> AppResult<u64> {
    let mut conn = db.write.acquire().await?;
    Ok(db::tokens::forget_answers(&mut conn, now - TimeDelta::hours(24)).await?)
}

#[cfg(test)]
#[path = "token_tests.rs"]
mod tests;
