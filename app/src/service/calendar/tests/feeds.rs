//! Subscription feeds.

use super::super::*;
use super::*;
use crate::domain::Channel;

/// The feed a calendar app gets for `token`, if any.
async fn fetch(team: &Team, token: &str, filter: &ItemFilter) -> Option<String> {
    let request = FeedRequest {
        token,
        filter,
        origin: "https://baton.example",
        host: "baton.example",
    };
    ics_feed(&team.t.db, request, now()).await.unwrap()
}

#[tokio::test]
async fn a_feed_opens_only_with_its_current_token_and_holds_every_scheduled_entry() {
    let team = team().await;
    let everything = ItemFilter::default();
    post(
        &team,
        "Launch, part 1; intro",
        "content-production",
        Channel::Blog,
        at(8, 9, 0),
    )
    .await;
    post(&team, "Send", "email-campaign", Channel::Email, at(9, 9, 0)).await;
    post(
        &team,
        "No date yet",
        "content-production",
        Channel::Blog,
        None,
    )
    .await;
    assert_eq!(fetch(&team, "nothing", &everything).await, None);

    let first = renew_feed(&team.t.db, team.sam.id, now()).await.unwrap();
    let token = first
        .path
        .trim_start_matches("/calendar.ics?token=")
        .to_string();
    assert!(token.len() >= 43, "a long random token");
    let text = fetch(&team, &token, &everything).await.expect("a feed");
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 2, "dated items only");
    assert!(text.contains("SUMMARY:Launch\\, part 1\\; intro\r\n"));
    assert!(text.contains("UID:item-1@baton.example\r\n"));
    assert!(text.contains("URL;VALUE=URI:https://baton.example/items/1\r\n"));
    let blog = ItemFilter {
        channel: Some(Channel::Blog),
        ..ItemFilter::default()
    };
    let text = fetch(&team, &token, &blog).await.expect("a feed");
    assert_eq!(
        text.matches("BEGIN:VEVENT").count(),
        1,
        "filters narrow the feed"
    );
    let status = feed_status(&team.t.db, team.sam.id).await.unwrap();
    assert_eq!(status.created_at, Some(now()));
    assert_eq!(status.last_used_at, Some(now()));

    renew_feed(&team.t.db, team.sam.id, now()).await.unwrap();
    assert_eq!(
        fetch(&team, &token, &everything).await,
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
