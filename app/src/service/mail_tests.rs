//! Email on a real database with the real migrations, on a controlled clock: what goes into
//! the outbox, when, folded how, and what its links do.

use chrono::{DateTime, TimeDelta, Utc};

use super::*;
use crate::domain::{Operation, Role};
use crate::service::testkit::{calendar, submitted, t0, team_with, Team};

fn links() -> Links {
    Links::new("https://baton.example/")
}

async fn team() -> Team {
    let team = team_with(crate::domain::ApprovalRule::Single, calendar(24)).await;
    // Everyone but Ed can sign in; Ed is only known to the team by name.
    let mut conn = team.db().write.acquire().await.unwrap();
    for p in [team.ann, team.bo, team.cy, team.di] {
        db::accounts::set_password_hash(&mut conn, p, "a hash")
            .await
            .unwrap();
    }
    team
}

async fn outbox(team: &Team) -> Vec<Outgoing> {
    due(team.db(), t0() + TimeDelta::days(30), 500)
        .await
        .unwrap()
}

fn to<'a>(out: &'a [Outgoing], who: &str) -> Vec<&'a Outgoing> {
    out.iter().filter(|o| o.to == who).collect()
}

async fn approve(team: &Team, by: PersonId, item: &crate::domain::Item, at: DateTime<Utc>) {
    crate::service::items::apply(
        team.db(),
        by,
        item.id,
        item.version,
        &Operation::Approve,
        at,
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn an_approval_asked_is_mailed_alone_at_once_to_approvers_with_an_account() {
    let team = team().await;
    let item = submitted(&team, "Spring launch post", t0()).await;
    assert_eq!(compose(team.db(), &links(), t0()).await.unwrap(), 2);
    let out = outbox(&team).await;
    let cy = to(&out, "cy@example.com");
    assert_eq!(cy.len(), 1, "{out:#?}");
    let m = cy[0];
    assert_eq!(m.kind, "approval_asked");
    assert!(m.subject.contains("Spring launch post"), "{}", m.subject);
    let link = format!("https://baton.example/items/{}", item.id.0);
    assert!(m.text.contains(&link) && m.html.contains(&link));
    assert!(m.text.contains("https://baton.example/unsubscribe/"));
    assert!(m
        .unsubscribe
        .as_deref()
        .is_some_and(|u| u.starts_with("https://baton.example/mail/unsubscribe/")));
    assert_eq!(to(&out, "di@example.com").len(), 1);
    // Ed has no account: nothing is mailed to him, though the bell still has it.
    assert!(to(&out, "ed@example.com").is_empty());
    // Composing again makes nothing new.
    assert_eq!(compose(team.db(), &links(), t0()).await.unwrap(), 0);
}

#[tokio::test]
async fn other_notices_wait_a_few_minutes_and_are_folded_into_one_email() {
    let team = team().await;
    let first = submitted(&team, "First post", t0()).await;
    let second = submitted(&team, "Second post", t0()).await;
    compose(team.db(), &links(), t0()).await.unwrap();
    let t1 = t0() + TimeDelta::minutes(1);
    approve(
        &team,
        team.cy,
        &crate::service::testkit::reload(&team, &first).await,
        t1,
    )
    .await;
    approve(
        &team,
        team.cy,
        &crate::service::testkit::reload(&team, &second).await,
        t1 + TimeDelta::minutes(2),
    )
    .await;

    // Four minutes after the first approval: still folding.
    compose(team.db(), &links(), t1 + TimeDelta::minutes(4))
        .await
        .unwrap();
    assert!(to(&outbox(&team).await, "ann@example.com").is_empty());

    compose(team.db(), &links(), t1 + prefs::BATCH_WINDOW)
        .await
        .unwrap();
    let out = outbox(&team).await;
    let ann = to(&out, "ann@example.com");
    assert_eq!(ann.len(), 1, "{ann:#?}");
    assert_eq!(ann[0].kind, "batch");
    assert!(ann[0].text.contains("First post") && ann[0].text.contains("Second post"));
    assert!(
        ann[0].subject.contains("(and 1 more)"),
        "{}",
        ann[0].subject
    );
}

#[tokio::test]
async fn choices_decide_and_an_unsubscribe_link_turns_its_kind_off() {
    let team = team().await;
    save_prefs(
        team.db(),
        team.di,
        &[(NoticeKind::ApprovalAsked, Delivery::Off)],
        true,
    )
    .await
    .unwrap();
    submitted(&team, "Spring launch post", t0()).await;
    compose(team.db(), &links(), t0()).await.unwrap();
    let out = outbox(&team).await;
    assert!(to(&out, "di@example.com").is_empty());
    let cy = to(&out, "cy@example.com")[0].clone();

    let page = cy
        .text
        .lines()
        .find_map(|l| l.strip_prefix("Unsubscribe from these: "))
        .unwrap();
    let raw = page.rsplit('/').next().unwrap();
    assert_eq!(
        unsubscribe_topic(team.db(), raw).await.unwrap(),
        "emails when your approval is asked"
    );
    // A changed link opens nothing.
    let forged = raw.replacen(&team.cy.0.to_string(), &team.di.0.to_string(), 1);
    assert!(unsubscribe(team.db(), &forged).await.is_err());

    unsubscribe(team.db(), raw).await.unwrap();
    unsubscribe(team.db(), raw).await.unwrap();
    let mut conn = team.db().read.acquire().await.unwrap();
    let p = db::mail::prefs(&mut conn, team.cy).await.unwrap();
    assert_eq!(p.of(NoticeKind::ApprovalAsked), Delivery::Off);
    assert_eq!(p.of(NoticeKind::Mentioned), Delivery::AtOnce);
}

#[tokio::test]
async fn the_digest_goes_once_a_working_day_after_eight_and_not_when_empty() {
    let team = team().await;
    // Everyone is in UTC. Monday 07:59: too early.
    let monday_0759 = t0() - TimeDelta::minutes(61);
    assert_eq!(digests(team.db(), &links(), monday_0759).await.unwrap(), 0);
    // 09:00 with nothing waiting on anyone: made for everyone, sent to nobody.
    assert_eq!(digests(team.db(), &links(), t0()).await.unwrap(), 0);
    assert!(outbox(&team).await.is_empty());

    // Di keeps approvals for the digest; Tuesday at 08:00 she gets one, once.
    save_prefs(
        team.db(),
        team.di,
        &[(NoticeKind::ApprovalAsked, Delivery::Digest)],
        true,
    )
    .await
    .unwrap();
    submitted(&team, "Spring launch post", t0()).await;
    compose(team.db(), &links(), t0()).await.unwrap();
    let tuesday = t0() + TimeDelta::hours(23);
    assert!(digests(team.db(), &links(), tuesday).await.unwrap() >= 2);
    assert_eq!(
        digests(team.db(), &links(), tuesday + TimeDelta::hours(1))
            .await
            .unwrap(),
        0
    );
    let out = outbox(&team).await;
    let di: Vec<_> = to(&out, "di@example.com")
        .into_iter()
        .filter(|o| o.kind == "digest")
        .collect();
    assert_eq!(di.len(), 1);
    assert!(di[0].text.contains("Waiting on you"), "{}", di[0].text);
    assert!(di[0].text.contains("Since yesterday"), "{}", di[0].text);
    assert!(di[0].text.contains("Spring launch post"));
    assert!(di[0]
        .unsubscribe
        .as_deref()
        .is_some_and(|u| u.contains("digest")));

    // Saturday: no digest.
    let saturday = t0() + TimeDelta::days(5);
    assert_eq!(digests(team.db(), &links(), saturday).await.unwrap(), 0);
}

#[tokio::test]
async fn failed_sends_follow_the_schedule_and_are_given_up_on_in_the_end() {
    let team = team().await;
    submitted(&team, "Spring launch post", t0()).await;
    compose(team.db(), &links(), t0()).await.unwrap();
    let first = due(team.db(), t0(), 1).await.unwrap().remove(0);
    record_failed(team.db(), &first, "Connection refused", false, t0())
        .await
        .unwrap();
    assert!(due(team.db(), t0() + TimeDelta::seconds(59), 10)
        .await
        .unwrap()
        .iter()
        .all(|o| o.id != first.id));
    let mut at = t0();
    for wait in mail::WAITS {
        at += wait;
        let again = due(team.db(), at, 10).await.unwrap();
        let m = again.iter().find(|o| o.id == first.id).expect("due again");
        record_failed(team.db(), m, "Connection refused", false, at)
            .await
            .unwrap();
    }
    assert!(due(team.db(), at + TimeDelta::days(2), 10)
        .await
        .unwrap()
        .iter()
        .all(|o| o.id != first.id));
    let s = status(team.db(), None, String::new(), &links(), at)
        .await
        .unwrap();
    assert_eq!(s.failed, 1);
    assert_eq!(s.last_error.as_deref(), Some("Connection refused"));
}

#[tokio::test]
async fn notices_from_before_email_was_set_up_are_not_mailed() {
    let team = team().await;
    submitted(&team, "Old post", t0()).await;
    assert_eq!(
        compose(
            team.db(),
            &links(),
            t0() + mail::STALE + TimeDelta::minutes(1)
        )
        .await
        .unwrap(),
        0
    );
    assert!(outbox(&team).await.is_empty());
}

#[tokio::test]
async fn a_reset_link_is_mailed_only_to_accounts_works_once_and_ends_every_session() {
    let team = team().await;
    let mut conn = team.db().write.acquire().await.unwrap();
    let old_session = crate::auth::session::start(&mut conn, team.ann, t0())
        .await
        .unwrap();
    drop(conn);

    request_reset(team.db(), &links(), "nobody@example.com", t0())
        .await
        .unwrap();
    request_reset(team.db(), &links(), "ed@example.com", t0())
        .await
        .unwrap();
    assert!(outbox(&team).await.is_empty());
    assert!(request_reset(team.db(), &links(), "not an address", t0())
        .await
        .is_err());

    request_reset(team.db(), &links(), "ANN@example.com", t0())
        .await
        .unwrap();
    let out = outbox(&team).await;
    assert_eq!(out.len(), 1);
    assert_eq!(
        (out[0].to.as_str(), out[0].kind.as_str()),
        ("ann@example.com", "reset")
    );
    let raw = out[0]
        .text
        .split_whitespace()
        .find_map(|w| w.strip_prefix("https://baton.example/reset/"))
        .unwrap()
        .to_string();

    assert_eq!(
        reset_details(team.db(), &raw, t0()).await.unwrap().email,
        "ann@example.com"
    );
    let weak = reset_password(team.db(), &raw, "short".into(), t0()).await;
    assert!(matches!(weak, Err(AppError::Validation { .. })));
    let late = reset_password(
        team.db(),
        &raw,
        "a long new passphrase".into(),
        t0() + RESET_VALID + TimeDelta::seconds(1),
    )
    .await;
    assert!(late.unwrap_err().to_string().contains("expired"));

    reset_password(
        team.db(),
        &raw,
        "a long new passphrase".into(),
        t0() + TimeDelta::minutes(5),
    )
    .await
    .unwrap();
    let again = reset_password(team.db(), &raw, "another long passphrase".into(), t0()).await;
    assert!(again.unwrap_err().to_string().contains("already been used"));
    let mut conn = team.db().read.acquire().await.unwrap();
    let old = db::accounts::find_session(&mut conn, &token::digest(&old_session))
        .await
        .unwrap();
    assert!(old.is_none(), "the old session must end");
    drop(conn);
    let signed = crate::service::accounts::check_password(
        team.db(),
        "ann@example.com",
        "a long new passphrase".into(),
    )
    .await
    .unwrap();
    assert_eq!(signed.map(|u| u.id), Some(team.ann));
}

#[tokio::test]
async fn reset_requests_are_throttled_per_account() {
    let team = team().await;
    for _ in 0..RESETS_PER_HOUR + 2 {
        request_reset(team.db(), &links(), "ann@example.com", t0())
            .await
            .unwrap();
    }
    assert_eq!(outbox(&team).await.len() as i64, RESETS_PER_HOUR);
}

#[tokio::test]
async fn an_invite_is_emailed_with_its_link_when_mail_is_set_up() {
    let team = team().await;
    let raw = crate::service::accounts::invite(
        team.db(),
        team.bo,
        "priya@example.com",
        "Priya",
        Role::Member,
        t0(),
        Some(&links()),
    )
    .await
    .unwrap();
    let out = outbox(&team).await;
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].subject, "Bo invites you to Baton");
    assert!(out[0]
        .text
        .contains(&format!("https://baton.example/invite/{raw}")));
}

#[tokio::test]
async fn choices_for_kinds_baton_doesnt_offer_are_refused() {
    let team = team().await;
    let too_many: Vec<(NoticeKind, Delivery)> = (0..20)
        .map(|_| (NoticeKind::Approved, Delivery::Off))
        .collect();
    assert!(save_prefs(team.db(), team.ann, &too_many, true)
        .await
        .is_err());
    let view = prefs_view(team.db(), team.ann, "ann@example.com", "UTC", true)
        .await
        .unwrap();
    assert!(view.kinds.iter().all(|k| k.delivery == Delivery::AtOnce));
    assert!(view.digest);
}

/// Takes and sends what is due through `db` until nothing is left, as one server's sender
/// does; returns the ids it handed over.
async fn drain(db: Db, now: DateTime<Utc>) -> Vec<i64> {
    let mut sent = Vec::new();
    loop {
        let taken = due(&db, now, 3).await.unwrap();
        if taken.is_empty() {
            return sent;
        }
        for m in taken {
            tokio::task::yield_now().await;
            record_sent(&db, m.id, now).await.unwrap();
            sent.push(m.id);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_database_hand_each_message_over_once() {
    let team = team().await;
    let mut queued = Vec::new();
    {
        let mut conn = team.db().write.acquire().await.unwrap();
        for n in 0..40 {
            let m = db::mail::NewMessage {
                person: None,
                to: format!("reader{n}@example.com"),
                kind: "test".into(),
                subject: format!("Message {n}"),
                text: "Hello".into(),
                html: "<p>Hello</p>".into(),
                unsubscribe: None,
            };
            queued.push(db::mail::enqueue(&mut conn, &m, t0()).await.unwrap());
        }
    }
    // A second server: its own pools on the same database.
    let url = crate::db::testing::url_of(team.db()).await;
    let other = Db::open(crate::db::connect_options(&url).unwrap())
        .await
        .unwrap();
    let now = t0() + TimeDelta::minutes(1);
    let (a, b) = tokio::join!(
        tokio::spawn(drain(team.db().clone(), now)),
        tokio::spawn(drain(other.clone(), now))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let mut all: Vec<i64> = a.iter().chain(&b).copied().collect();
    all.sort_unstable();
    assert_eq!(all, queued, "every message once: {} + {}", a.len(), b.len());
    let s = status(team.db(), None, String::new(), &links(), now)
        .await
        .unwrap();
    assert_eq!((s.pending, s.failed), (0, 0));

    // A sender that stopped holding a message: it is due again once the hold ends.
    let mut conn = team.db().write.acquire().await.unwrap();
    let m = db::mail::NewMessage {
        person: None,
        to: "late@example.com".into(),
        kind: "test".into(),
        subject: "Held".into(),
        text: "Hello".into(),
        html: "<p>Hello</p>".into(),
        unsubscribe: None,
    };
    let held = db::mail::enqueue(&mut conn, &m, now).await.unwrap();
    drop(conn);
    assert_eq!(due(&other, now, 5).await.unwrap()[0].id, held);
    assert!(due(team.db(), now + mail::CLAIM - TimeDelta::seconds(1), 5)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        due(team.db(), now + mail::CLAIM, 5).await.unwrap()[0].id,
        held
    );
    other.close().await;
}
