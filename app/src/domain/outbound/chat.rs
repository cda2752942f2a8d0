//! Chat channels as pure rules: an endpoint can be a Slack-compatible incoming webhook
//! (Slack, Mattermost and Rocket.Chat read the same JSON) instead of a signed Standard
//! Webhooks receiver. Deliveries are queued the same way; at sending, the event's envelope
//! becomes a chat message (a plain-text fallback plus blocks), at most one a second per
//! channel, waiting as long as a 429 asks.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// What kind of receiver an endpoint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flavor {
    /// A signed Standard Webhooks delivery of the event's JSON.
    #[default]
    Standard,
    /// A chat message to an incoming-webhook URL.
    Chat,
}

impl Flavor {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Flavor::Standard => "standard",
            Flavor::Chat => "chat",
        }
    }

    /// Reads the stored word back (anything unknown is a standard webhook).
    pub fn parse(text: &str) -> Flavor {
        if text == "chat" {
            Flavor::Chat
        } else {
            Flavor::Standard
        }
    }

    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            Flavor::Standard => "Signed webhook",
            Flavor::Chat => "Chat channel",
        }
    }
}

/// The least time between two messages to one chat URL (Slack's limit for incoming webhooks).
pub const SPACING: TimeDelta = TimeDelta::seconds(1);
/// How long to wait after a 429 that names no time.
pub const DEFAULT_BACKOFF: TimeDelta = TimeDelta::seconds(30);
/// The longest a 429's Retry-After is followed.
pub const MAX_BACKOFF: TimeDelta = TimeDelta::hours(1);

/// How long to wait after a 429 with this `Retry-After` (seconds; dates are not used).
pub fn backoff(retry_after: Option<&str>) -> TimeDelta {
    retry_after
        .and_then(|v| v.trim().parse::<i64>().ok())
        .map_or(DEFAULT_BACKOFF, |s| {
            TimeDelta::seconds(s).clamp(SPACING, MAX_BACKOFF)
        })
}

/// Escapes text for Slack's mrkdwn (`&`, `<`, `>`).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn humanize(key: &str) -> String {
    let spaced = key.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The chat message for a delivery's body (a Standard Webhooks envelope: `type`, `data`);
/// links point under `base` (`https://baton.example.com`).
pub fn message(envelope: &Value, base: &str) -> Value {
    let kind = envelope["type"].as_str().unwrap_or_default();
    let data = &envelope["data"];
    let item = &data["item"];
    let title = item["title"].as_str().unwrap_or("An item");
    let link = item["path"]
        .as_str()
        .map(|p| format!("{}{p}", base.trim_end_matches('/')));
    let named = match &link {
        Some(url) => format!("*<{url}|{}>*", escape(title)),
        None => format!("*{}*", escape(title)),
    };
    let stage = humanize(item["stage"].as_str().unwrap_or_default());
    let workflow = humanize(item["workflow"].as_str().unwrap_or_default());
    let event = data["event"]["kind"]["type"].as_str().unwrap_or_default();
    let (markdown, plain) = match kind {
        "item.created" => (
            format!("New in {workflow}: {named}"),
            format!("New in {workflow}: {title}"),
        ),
        "item.stage_changed" => (
            format!("{named} moved to {stage}"),
            format!("{title} moved to {stage}"),
        ),
        "item.scheduled" => {
            let when = item["schedule"].as_str().unwrap_or("a new date");
            (
                format!("{named} is scheduled for {when}"),
                format!("{title} is scheduled for {when}"),
            )
        }
        "approval.decided" if event == "changes_requested" => (
            format!("Changes requested on {named} in {stage}"),
            format!("Changes requested on {title} in {stage}"),
        ),
        "approval.decided" => (
            format!("{named} was approved in {stage}"),
            format!("{title} was approved in {stage}"),
        ),
        "sla.reminder" => (
            format!(":hourglass: {named} is close to missing its review SLA in {stage}"),
            format!("{title} is close to missing its review SLA in {stage}"),
        ),
        "sla.escalated" => (
            format!(":rotating_light: {named} was escalated in {stage}"),
            format!("{title} was escalated in {stage}"),
        ),
        "baton.test" => {
            let text = "A test message from Baton: this channel gets the events you chose.";
            (text.to_string(), text.to_string())
        }
        other => {
            let said = data["message"].as_str().unwrap_or(other);
            match link {
                Some(_) => (
                    format!("{}: {named}", escape(said)),
                    format!("{said}: {title}"),
                ),
                None => (escape(said), said.to_string()),
            }
        }
    };
    json!({
        "text": plain,
        "blocks": [
            { "type": "section", "text": { "type": "mrkdwn", "text": markdown } },
            { "type": "context", "elements": [ { "type": "mrkdwn", "text": format!("Baton · {kind}") } ] },
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope(kind: &str, data: Value) -> Value {
        json!({ "type": kind, "timestamp": "2026-12-01T09:00:00Z", "data": data })
    }

    fn item() -> Value {
        json!({ "id": 7, "title": "Spring <launch> & more", "workflow": "content-production",
                "stage": "seo-technical", "path": "/items/7" })
    }

    #[test]
    fn a_stage_change_reads_as_a_sentence_with_a_link_and_a_plain_fallback() {
        let m = message(
            &envelope("item.stage_changed", json!({ "item": item(), "event": {} })),
            "https://baton.example/",
        );
        assert_eq!(m["text"], "Spring <launch> & more moved to Seo technical");
        assert_eq!(
            m["blocks"][0]["text"]["text"],
            "*<https://baton.example/items/7|Spring &lt;launch&gt; &amp; more>* moved to Seo technical"
        );
        assert_eq!(
            m["blocks"][1]["elements"][0]["text"],
            "Baton · item.stage_changed"
        );
    }

    #[test]
    fn decisions_reminders_tests_and_rule_calls_each_say_what_happened() {
        let decided = |t: &str| {
            message(
                &envelope(
                    "approval.decided",
                    json!({ "item": item(), "event": { "kind": { "type": t } } }),
                ),
                "https://b",
            )["text"]
                .as_str()
                .unwrap()
                .to_string()
        };
        assert!(decided("approved").contains("was approved"));
        assert!(decided("changes_requested").starts_with("Changes requested"));
        let test = message(&envelope("baton.test", json!({})), "https://b");
        assert!(test["text"].as_str().unwrap().starts_with("A test message"));
        let called = message(
            &envelope(
                "automation.called",
                json!({ "message": "Launch day", "item": item() }),
            ),
            "https://b",
        );
        assert_eq!(called["text"], "Launch day: Spring <launch> & more");
    }

    #[test]
    fn a_429_waits_as_long_as_it_asks_within_bounds() {
        assert_eq!(backoff(Some("5")), TimeDelta::seconds(5));
        assert_eq!(backoff(Some("0")), SPACING);
        assert_eq!(backoff(Some("86400")), MAX_BACKOFF);
        assert_eq!(
            backoff(Some("Wed, 21 Oct 2026 07:28:00 GMT")),
            DEFAULT_BACKOFF
        );
        assert_eq!(backoff(None), DEFAULT_BACKOFF);
        assert_eq!(Flavor::parse(Flavor::Chat.as_str()), Flavor::Chat);
        assert_eq!(Flavor::parse("anything"), Flavor::Standard);
    }
}
