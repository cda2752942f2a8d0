//! Server-side sessions: a random token in an `HttpOnly` cookie, its digest in
//! the database. A new token is issued at every sign-in (no fixation), idle and
//! absolute timeouts end a session, and signing out deletes it for good.

use axum::http::{header, HeaderMap, HeaderValue};
use chrono::{DateTime, Duration, Utc};

use super::token::{digest, new_token};
use super::CurrentUser;
use crate::db::{self, Db};
use crate::domain::PersonId;

/// The session cookie's name.
pub const COOKIE: &str = "baton_session";
/// A session unused this long ends.
pub const IDLE_TIMEOUT: Duration = Duration::hours(12);
/// A session ends this long after sign-in, however busy.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::days(14);
/// Last-seen times are written at most this often, to keep reads cheap.
const TOUCH_EVERY: Duration = Duration::minutes(5);

/// A request's signed-in person, put in the request's extensions by the session layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// Who.
    pub user: CurrentUser,
    /// Their session's digest (to end it, or to keep it when ending the others).
    pub token_hash: String,
}

/// The session token a request carries, if any.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty())
}

/// Finds the live session behind `token`, ending it if it timed out.
pub async fn resolve(
    db: &Db,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<SignedIn>, sqlx::Error> {
    let token_hash = digest(token);
    let found = {
        let mut conn = db.read.acquire().await?;
        db::accounts::find_session(&mut conn, &token_hash).await?
    };
    let Some(session) = found else {
        return Ok(None);
    };
    // Most requests only read; the single write connection is taken only to
    // end or touch a session, so reads never queue behind writes.
    if now - session.last_seen_at > IDLE_TIMEOUT || now - session.created_at > ABSOLUTE_TIMEOUT {
        let mut conn = db.write.acquire().await?;
        db::accounts::delete_session(&mut conn, &token_hash).await?;
        return Ok(None);
    }
    if now - session.last_seen_at > TOUCH_EVERY {
        let mut conn = db.write.acquire().await?;
        db::accounts::touch_session(&mut conn, &token_hash, now).await?;
    }
    Ok(Some(SignedIn {
        user: session.user,
        token_hash,
    }))
}

/// Starts a session for `person`; returns the token for the cookie.
pub async fn start(
    conn: &mut crate::db::Conn,
    person: PersonId,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let token = new_token();
    db::accounts::insert_session(conn, &digest(&token), person, now).await?;
    Ok(token)
}

/// The `Set-Cookie` value that hands `token` to the browser.
pub fn cookie(token: &str, secure: bool) -> HeaderValue {
    let max_age = ABSOLUTE_TIMEOUT.num_seconds();
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .expect("a token is a valid header value")
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
    ))
    .expect("valid header value")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing;
    use crate::domain::Role;
    use chrono::TimeZone;

    async fn person(t: &testing::TestDb) -> PersonId {
        let mut conn = t.db.write.acquire().await.unwrap();
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        db::people::insert(
            &mut conn,
            "Ana Lee",
            "ana@example.com",
            Role::Member,
            &[],
            at,
        )
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn a_session_lives_while_used_and_ends_after_the_idle_or_absolute_timeout() {
        let t = testing::fresh().await;
        let ana = person(&t).await;
        let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let token = start(&mut t.db.write.acquire().await.unwrap(), ana, t0)
            .await
            .unwrap();

        let signed_in = resolve(&t.db, &token, t0 + Duration::hours(1))
            .await
            .unwrap()
            .expect("live");
        assert_eq!(signed_in.user.id, ana);
        // Used every 11 hours, it survives past the idle timeout...
        let mut now = t0;
        for _ in 0..10 {
            now += Duration::hours(11);
            assert!(
                resolve(&t.db, &token, now).await.unwrap().is_some(),
                "alive at {now}"
            );
        }
        // ...but not past the absolute one.
        let late = t0 + ABSOLUTE_TIMEOUT + Duration::minutes(1);
        assert!(resolve(&t.db, &token, late).await.unwrap().is_none());
        // Once ended, it stays ended.
        assert!(resolve(&t.db, &token, t0 + Duration::hours(2))
            .await
            .unwrap()
            .is_none());

        let idle = start(&mut t.db.write.acquire().await.unwrap(), ana, t0)
            .await
            .unwrap();
        assert!(
            resolve(&t.db, &idle, t0 + IDLE_TIMEOUT + Duration::minutes(1))
                .await
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn the_cookie_is_http_only_lax_and_secure_when_asked() {
        let plain = cookie("abc", false);
        let plain = plain.to_str().unwrap();
        assert!(
            plain.contains("HttpOnly")
                && plain.contains("SameSite=Lax")
                && !plain.contains("Secure")
        );
        assert!(cookie("abc", true).to_str().unwrap().ends_with("; Secure"));
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; baton_session=tok123"),
        );
        assert_eq!(token_from(&headers).as_deref(), Some("tok123"));
    }
}
