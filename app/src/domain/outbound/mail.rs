//! Email as pure rules: reading the SMTP address a server is given, what each message says
//! (a plain-text and an HTML part, the same words in both), and what a one-click
//! unsubscribe link turns off. The sender in the server only talks SMTP.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::domain::notify::NoticeKind;
use crate::domain::words::escape_markup as escape;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    /// TLS from the first byte (`smtps://`, port 465).
    Implicit,
    /// Plain at first, then STARTTLS, which the server must offer (`smtp://`, port 587).
    StartTls,
    /// STARTTLS when the server offers it, plain otherwise: only for a server on this
    /// machine (loopback), or when asked for with `?tls=none`.
    Opportunistic,
}

/// Where and how mail is handed over, read from `BATON_SMTP_URL`.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpTarget {
    /// Host name or address.
    pub host: String,
    /// Port (465 for `smtps`, 587 for `smtp` unless given).
    pub port: u16,
    /// How the connection is protected.
    pub tls: Tls,
    /// User name and password, when the server wants them.
    pub credentials: Option<(String, String)>,
}

impl std::fmt::Debug for SmtpTarget {
    // The password never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpTarget")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("user", &self.credentials.as_ref().map(|(u, _)| u))
            .finish()
    }
}

impl SmtpTarget {
    /// What the settings page shows: `smtp.example.com:587 (STARTTLS)`, no password.
    pub fn describe(&self) -> String {
        let tls = match self.tls {
            Tls::Implicit => "TLS",
            Tls::StartTls => "STARTTLS",
            Tls::Opportunistic => "STARTTLS if offered",
        };
        format!("{}:{} ({tls})", self.host, self.port)
    }
}

/// Reads an SMTP address: `smtp://user:pass@host:587` (STARTTLS), `smtps://host` (implicit
/// TLS), `?tls=none` for a server that offers no TLS. The problem in words when it can't.
pub fn parse_smtp_url(text: &str) -> Result<SmtpTarget, String> {
    let text = text.trim();
    let not_smtp = || {
        "is not an SMTP address; write it like smtp://user:password@smtp.example.com:587"
            .to_string()
    };
    if !text.contains("://") {
        return Err(not_smtp());
    }
    let url = Url::parse(text).map_err(|_| not_smtp())?;
    let implicit = match url.scheme() {
        "smtp" => false,
        "smtps" => true,
        other => {
            return Err(format!(
                "starts with '{other}://'; Baton speaks smtp:// (STARTTLS) and smtps:// (TLS)"
            ))
        }
    };
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or("has no host name")?
        .trim_matches(['[', ']'])
        .to_string();
    let port = url.port().unwrap_or(if implicit { 465 } else { 587 });
    let mut tls = if implicit {
        Tls::Implicit
    } else {
        Tls::StartTls
    };
    for (key, value) in url.query_pairs() {
        match (key.as_ref(), value.as_ref()) {
            ("tls", "none") if !implicit => tls = Tls::Opportunistic,
            ("tls", "required") => {}
            (key, _) => {
                return Err(format!(
                    "has a setting Baton doesn't know ('{key}'); only ?tls=none is understood"
                ))
            }
        }
    }
    if tls == Tls::StartTls && is_loopback(&host) {
        tls = Tls::Opportunistic;
    }
    let user = decoded(url.username())?;
    let credentials = match (user.is_empty(), url.password()) {
        (true, None) => None,
        (true, Some(_)) => return Err("has a password but no user name".to_string()),
        (false, password) => Some((user, decoded(password.unwrap_or_default())?)),
    };
    Ok(SmtpTarget {
        host,
        port,
        tls,
        credentials,
    })
}

fn decoded(part: &str) -> Result<String, String> {
    percent_decode(part).ok_or_else(|| "has a user name or password that isn't valid UTF-8".into())
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// What a one-click unsubscribe link turns off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Topic {
    /// These kinds of notice (one for a message sent alone; those in a batch).
    Kinds(Vec<NoticeKind>),
    /// The daily digest.
    Digest,
}

impl Topic {
    /// How the link spells it (signed along with the person).
    pub fn encode(&self) -> String {
        match self {
            Topic::Digest => "digest".to_string(),
            Topic::Kinds(kinds) => kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    /// Reads it back.
    pub fn decode(text: &str) -> Option<Topic> {
        if text == "digest" {
            return Some(Topic::Digest);
        }
        let kinds: Option<Vec<NoticeKind>> = text.split(',').map(NoticeKind::parse).collect();
        kinds.filter(|k| !k.is_empty()).map(Topic::Kinds)
    }

    /// In words, for the unsubscribe page: "emails when your approval is asked".
    pub fn describe(&self) -> String {
        match self {
            Topic::Digest => "the daily digest".to_string(),
            Topic::Kinds(kinds) => {
                let names: Vec<String> = kinds
                    .iter()
                    .map(|k| super::prefs::kind_label(*k).to_lowercase())
                    .collect();
                format!("emails when {}", names.join(", or when "))
            }
        }
    }
}

/// One thing a message tells, with the page it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What happened, in words.
    pub text: String,
    /// The full address of the item (or page) it is about.
    pub link: Option<String>,
}

/// A composed message: the subject and both parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// Subject line.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
}

/// How long after a failed attempt the next one is made; after the last, the message is
/// given up on (about 21 hours after the first try) and shown as failed to admins.
pub const WAITS: [TimeDelta; 6] = [
    TimeDelta::minutes(1),
    TimeDelta::minutes(5),
    TimeDelta::minutes(30),
    TimeDelta::hours(2),
    TimeDelta::hours(6),
    TimeDelta::hours(12),
];

/// How long a sender holds the messages it took: no other sender (another Baton server on
/// the same database) takes them meanwhile. It outlasts a whole batch of slow attempts
/// (20 at most, 30 s each); if a sender stops while holding some, they are due again when the hold ends.
pub const CLAIM: TimeDelta = TimeDelta::minutes(15);

/// When to try again after the `failed`-th failed attempt (1 for the first), or `None` to
/// give up.
pub fn next_attempt(failed: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let index = usize::try_from(failed.checked_sub(1)?).ok()?;
    WAITS.get(index).map(|wait| now + *wait)
}

/// Notices older than this when the sender first sees them (email was set up after they
/// happened) are not mailed: a day-old "approval asked" helps nobody, and turning email on
/// must not flood everyone with the past.
pub const STALE: TimeDelta = TimeDelta::hours(24);

/// Longest subject line (characters), before it is shortened with an ellipsis.
pub const SUBJECT: usize = 120;

/// A section of a message: a heading and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading ("Waiting on you").
    pub heading: String,
    /// Its lines.
    pub lines: Vec<Line>,
}

/// Puts a message together: an opening sentence, sections of lines, and a footer that says
/// why it came and how to stop it (`settings` is the notifications page's address).
pub fn letter(
    subject: &str,
    opening: &str,
    sections: &[Section],
    footer: &str,
    settings: &str,
    unsubscribe: Option<&str>,
) -> Letter {
    let subject =
        crate::domain::limits::shortened(subject.replace(['\r', '\n'], " ").trim(), SUBJECT);
    let mut text = format!("{opening}\n");
    let mut html = format!(
        "<!doctype html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937\">\
         <p>{}</p>",
        escape(opening)
    );
    for section in sections {
        if !section.heading.is_empty() {
            text.push_str(&format!("\n{}\n", section.heading));
            html.push_str(&format!(
                "<h2 style=\"font-size:1rem;margin:1.25rem 0 .25rem\">{}</h2>",
                escape(&section.heading)
            ));
        }
        html.push_str("<ul style=\"padding-left:1.25rem;margin:0\">");
        for line in &section.lines {
            match &line.link {
                Some(link) => {
                    text.push_str(&format!("- {}\n  {link}\n", line.text));
                    html.push_str(&format!(
                        "<li><a href=\"{}\">{}</a></li>",
                        escape(link),
                        escape(&line.text)
                    ));
                }
                None => {
                    text.push_str(&format!("- {}\n", line.text));
                    html.push_str(&format!("<li>{}</li>", escape(&line.text)));
                }
            }
        }
        html.push_str("</ul>");
    }
    text.push_str(&format!(
        "\n--\n{footer}\nChoose what Baton emails you: {settings}\n"
    ));
    html.push_str(&format!(
        "<p style=\"margin-top:2rem;font-size:.85rem;color:#6b7280\">{} \
         <a href=\"{}\">Choose what Baton emails you</a>",
        escape(footer),
        escape(settings)
    ));
    if let Some(url) = unsubscribe {
        text.push_str(&format!("Unsubscribe from these: {url}\n"));
        html.push_str(&format!(
            " · <a href=\"{}\">Unsubscribe from these</a>",
            escape(url)
        ));
    }
    html.push_str("</p></body></html>");
    Letter {
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_addresses_are_read_with_their_protection_and_credentials() {
        let t = parse_smtp_url("smtp://ada%40team:p%C3%A4ss@smtp.example.com").unwrap();
        assert_eq!(t.host, "smtp.example.com");
        assert_eq!(t.port, 587);
        assert_eq!(t.tls, Tls::StartTls);
        assert_eq!(
            t.credentials,
            Some(("ada@team".to_string(), "päss".to_string()))
        );
        assert!(!format!("{t:?}").contains("päss"));
        assert_eq!(t.describe(), "smtp.example.com:587 (STARTTLS)");

        let t = parse_smtp_url("smtps://mail.example.com").unwrap();
        assert_eq!((t.port, t.tls, t.credentials), (465, Tls::Implicit, None));

        // A server on this machine need not offer TLS; elsewhere only when asked.
        let t = parse_smtp_url("smtp://127.0.0.1:2525").unwrap();
        assert_eq!((t.port, t.tls), (2525, Tls::Opportunistic));
        let t = parse_smtp_url("smtp://relay.internal:25?tls=none").unwrap();
        assert_eq!(t.tls, Tls::Opportunistic);
        let t = parse_smtp_url("smtp://[::1]:25").unwrap();
        assert_eq!((t.host.as_str(), t.tls), ("::1", Tls::Opportunistic));
    }

    #[test]
    fn smtp_addresses_that_cant_work_are_refused_in_words() {
        for (bad, says) in [
            ("smtp.example.com:587", "not an SMTP address"),
            ("http://smtp.example.com", "'http://'"),
            ("smtp://", "no host"),
            ("smtp://:secret@host", "no user name"),
            ("smtp://host?auth=plain", "'auth'"),
            ("smtps://host?tls=none", "'tls'"),
        ] {
            let err = parse_smtp_url(bad).unwrap_err();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }

    #[test]
    fn failed_messages_are_retried_with_growing_waits_then_given_up() {
        let t0 = DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(next_attempt(0, t0), None);
        assert_eq!(next_attempt(1, t0), Some(t0 + TimeDelta::minutes(1)));
        assert_eq!(next_attempt(2, t0), Some(t0 + TimeDelta::minutes(5)));
        assert_eq!(next_attempt(6, t0), Some(t0 + TimeDelta::hours(12)));
        assert_eq!(next_attempt(7, t0), None);
        let total = WAITS.iter().fold(TimeDelta::zero(), |sum, w| sum + *w);
        assert!(total < TimeDelta::hours(24) && total > TimeDelta::hours(20));
    }

    #[test]
    fn unsubscribe_topics_round_trip_and_say_what_stops() {
        for topic in [
            Topic::Digest,
            Topic::Kinds(vec![NoticeKind::ApprovalAsked]),
            Topic::Kinds(vec![NoticeKind::Approved, NoticeKind::Automation]),
        ] {
            assert_eq!(Topic::decode(&topic.encode()), Some(topic));
        }
        assert_eq!(Topic::decode("approved,nonsense"), None);
        assert_eq!(Topic::decode(""), None);
        assert_eq!(
            Topic::Kinds(vec![NoticeKind::ApprovalAsked]).describe(),
            "emails when your approval is asked"
        );
    }

    #[test]
    fn a_letter_has_the_same_words_in_both_parts_and_escapes_html() {
        let l = letter(
            "Review asked:\r\n<Spring> launch",
            "Ada asks for your approval.",
            &[Section {
                heading: "Waiting on you".into(),
                lines: vec![
                    Line {
                        text: "Spring <launch> & more".into(),
                        link: Some("https://baton.example/items/7".into()),
                    },
                    Line {
                        text: "No link".into(),
                        link: None,
                    },
                ],
            }],
            "You get this because your approval is asked.",
            "https://baton.example/settings/notifications",
            Some("https://baton.example/unsubscribe/t"),
        );
        assert_eq!(l.subject, "Review asked:  <Spring> launch");
        assert!(l
            .text
            .contains("- Spring <launch> & more\n  https://baton.example/items/7"));
        assert!(l.html.contains(
            "<a href=\"https://baton.example/items/7\">Spring &lt;launch&gt; &amp; more</a>"
        ));
        assert!(l.html.contains("Waiting on you") && l.text.contains("Waiting on you"));
        assert!(l
            .text
            .contains("Unsubscribe from these: https://baton.example/unsubscribe/t"));
        assert!(!l.html.contains("<launch>"));
        let long = letter(&"x".repeat(500), "", &[], "", "", None);
        assert_eq!(long.subject.chars().count(), SUBJECT);
    }
}
