//! Personal access tokens on a real SQLite database with the real migrations.

use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::db::testing;
use crate::domain::tokens::Scope;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap()
}

async fn person(db: &Db, name: &str, role: Role) -> CurrentUser {
    let mut conn = db.write.acquire().await.unwrap();
    let email = format!("{}@example.com", name.to_lowercase());
    let id = db::people::insert(&mut conn, name, &email, role, &[], now())
        .await
        .unwrap();
    db::accounts::user(&mut conn, id).await.unwrap().unwrap()
}

fn request(name: &str, scopes: Vec<Scope>) -> TokenRequest {
    TokenRequest {
        name: name.into(),
        scopes,
        days: None,
    }
}

#[tokio::test]
async fn a_token_is_shown_once_and_opens_the_api_as_its_person() {
    let t = testing::fresh().await;
    let ann = person(&t.db, "Ann", Role::Member).await;
    let made = create(
        &t.db,
        &ann,
        &request("ESP", vec![Scope::ResultsWrite]),
        now(),
    )
    .await
    .unwrap();
    assert!(made.secret.starts_with("baton_pat_"));
    assert_eq!(made.token.hint, made.secret[made.secret.len() - 4..]);
    assert_eq!(made.token.scopes, vec![Scope::Read, Scope::ResultsWrite]);
    assert_eq!(made.token.expires_at, now() + Duration::days(90));

    // Stored only as a digest: nothing in the database holds the secret.
    let mut conn = t.db.read.acquire().await.unwrap();
    let stored: Vec<String> = sqlx::query_scalar("SELECT digest || hint || name FROM api_tokens")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    assert!(stored.iter().all(|s| !s.contains(&made.secret[10..])));
    drop(conn);

    let later = now() + Duration::minutes(5);
    let bearer = authenticate(&t.db, &made.secret, later)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bearer.user.id, ann.id);
    assert!(bearer.scopes.grants(Scope::ResultsWrite));
    let listed = mine(&t.db, &ann).await.unwrap();
    assert_eq!(listed[0].last_used_at, Some(later));
}

#[tokio::test]
async fn revoked_expired_and_unknown_tokens_open_nothing() {
    let t = testing::fresh().await;
    let ann = person(&t.db, "Ann", Role::Member).await;
    let short = TokenRequest {
        days: Some(1),
        ..request("Short", vec![])
    };
    let made = create(&t.db, &ann, &short, now()).await.unwrap();
    let expired = authenticate(&t.db, &made.secret, now() + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(
        expired.unwrap_err(),
        "This token has expired. Make a new one on your profile."
    );

    let other = create(&t.db, &ann, &request("Other", vec![]), now())
        .await
        .unwrap();
    revoke(&t.db, &ann, other.token.id, now()).await.unwrap();
    let revoked = authenticate(&t.db, &other.secret, now()).await.unwrap();
    assert_eq!(revoked.unwrap_err(), "This token was revoked.");
    let again = revoke(&t.db, &ann, other.token.id, now())
        .await
        .unwrap_err();
    assert_eq!(again.status(), 409);

    let unknown = format!("baton_pat_{}", "x".repeat(43));
    assert!(authenticate(&t.db, &unknown, now()).await.unwrap().is_err());
    assert!(authenticate(&t.db, "Bearer nonsense", now())
        .await
        .unwrap()
        .is_err());
}

#[tokio::test]
async fn a_person_revokes_only_their_own_tokens_and_an_admin_anyones() {
    let t = testing::fresh().await;
    let ann = person(&t.db, "Ann", Role::Member).await;
    let bo = person(&t.db, "Bo", Role::Member).await;
    let root = person(&t.db, "Root", Role::Admin).await;
    let anns = create(&t.db, &ann, &request("Ann's", vec![]), now())
        .await
        .unwrap();

    let refused = revoke(&t.db, &bo, anns.token.id, now()).await.unwrap_err();
    assert_eq!(refused.status(), 404, "Bo can't even tell it exists");
    assert_eq!(everyone(&t.db, &bo).await.unwrap_err().status(), 403);

    let all = everyone(&t.db, &root).await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].person_name, "Ann");
    let revoked = revoke(&t.db, &root, anns.token.id, now()).await.unwrap();
    assert!(!revoked.is_open(now()));
}

#[tokio::test]
async fn a_token_asks_no_more_than_its_persons_role() {
    let t = testing::fresh().await;
    let viewer = person(&t.db, "Vi", Role::Viewer).await;
    let err = create(
        &t.db,
        &viewer,
        &request("Writer", vec![Scope::ItemsWrite]),
        now(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AppError::Validation { ref field, .. } if field == "scopes"));
    assert!(
        mine(&t.db, &viewer).await.unwrap().is_empty(),
        "nothing half-saved"
    );

    // A person who loses a role keeps the token but not the rights: the role is read anew.
    let ann = person(&t.db, "Ann", Role::Member).await;
    let made = create(
        &t.db,
        &ann,
        &request("Writer", vec![Scope::ItemsWrite]),
        now(),
    )
    .await
    .unwrap();
    let mut conn = t.db.write.acquire().await.unwrap();
    db::accounts::set_role(&mut conn, ann.id, Role::Viewer)
        .await
        .unwrap();
    drop(conn);
    let bearer = authenticate(&t.db, &made.secret, now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bearer.user.role, Role::Viewer);
    assert!(
        crate::domain::tokens::permits(&bearer.scopes, bearer.user.role, Scope::ItemsWrite)
            .is_err()
    );
}

#[tokio::test]
async fn idempotency_keys_are_claimed_once_and_kept_answers_replayed() {
    let t = testing::fresh().await;
    let ann = person(&t.db, "Ann", Role::Member).await;
    let made = create(&t.db, &ann, &request("ESP", vec![]), now())
        .await
        .unwrap();
    let id = made.token.id;
    let mut conn = t.db.write.acquire().await.unwrap();
    assert_eq!(
        db::tokens::claim_key(&mut conn, id, "k1", "POST /a", now())
            .await
            .unwrap(),
        None
    );
    let pending = db::tokens::claim_key(&mut conn, id, "k1", "POST /a", now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(pending.status, 0);
    db::tokens::keep_answer(&mut conn, id, "k1", 201, "{\"id\":7}")
        .await
        .unwrap();
    let kept = db::tokens::claim_key(&mut conn, id, "k1", "POST /a", now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((kept.status, kept.body.as_str()), (201, "{\"id\":7}"));
    drop(conn);
    assert_eq!(
        forget_old_answers(&t.db, now() + Duration::hours(25))
            .await
            .unwrap(),
        1
    );
}
