//! Subscription feeds.

use super::super::*;
use super::*;
use crate::domain::Channel;

#[tokio::test]
async fn a_feed_opens_only_with_its_current_token_and_holds_every_scheduled_entry() {
    let team = team().await;
    post(
        &team,
        "Launch, part 1; intro",
        "content-production",
        Channel::Blog,
        at(8, 9, 0),
    )
    .await;
    post(
        &team,
        "No date yet",
        "content-production",
        Channel::Blog,
        None,
    )
    .await;
    let request = |token: &'static str| FeedRequest {
        token,
        filter: Box::leak(Box::new(CalendarFilter::default())),
        origin: "https://baton.example",
        host: "baton.example",
    };
    assert_eq!(
        ics_feed(&team.t.db, request("nothing"), now())
            .await
            .unwrap(),
        None
    );
    let first = renew_feed(&team.t.db, team.sam.id, now()).await.unwrap();
    let token: &'static str = Box::leak(
        first
            .path
            .trim_start_matches("/calendar.ics?token=")
            .to_string()
            .into_boxed_str(),
    );
    assert!(token.len() >= 43);
    let text = ics_feed(&team.t.db, request(token), now())
        .await
        .unwrap()
        .expect("a feed");
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
    assert!(text.contains("SUMMARY:Launch\\, part 1\\; intro\r\n"));
    assert!(text.contains("UID:item-1@baton.example\r\n"));
    assert!(feed_status(&team.t.db, team.sam.id)
        .await
        .unwrap()
        .last_used_at
        .is_some());

    renew_feed(&team.t.db, team.sam.id, now()).await.unwrap();
    assert_eq!(
        ics_feed(&team.t.db, request(token), now()).await.unwrap(),
        None,
        "regenerating ends the old address"
    );
    revoke_feed(&team.t.db, team.sam.id).await.unwrap();
    assert_eq!(
        feed_status(&team.t.db, team.sam.id)
            .await
            .unwrap()
            .created_at,
        None
    );
}
