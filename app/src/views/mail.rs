//! What the notifications and integrations pages show about email, and what the password
//! reset and unsubscribe pages need.

use serde::{Deserialize, Serialize};

use crate::domain::notify::NoticeKind;
use crate::domain::outbound::Delivery;

/// One kind of notice and where it goes for the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindChoice {
    /// The kind.
    pub kind: NoticeKind,
    /// In words.
    pub label: String,
    /// Whether "at once" means alone and immediately (someone waits on the person) rather than
    /// folded with others within a few minutes.
    pub urgent: bool,
    /// The choice.
    pub delivery: Delivery,
}

/// A person's email choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPrefsView {
    /// Where their email goes.
    pub email: String,
    /// Whether this server can send email at all.
    pub mail_on: bool,
    /// Per kind.
    pub kinds: Vec<KindChoice>,
    /// Whether the daily digest is on.
    pub digest: bool,
    /// When the digest goes, in words ("08:00 on working days, Europe/Berlin").
    pub digest_when: String,
}

/// How email stands, for admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailStatusView {
    /// The SMTP server, without its password; `None` when email is not set up.
    pub server: Option<String>,
    /// The From address.
    pub from: String,
    /// The address links in emails point to.
    pub public_url: String,
    /// Waiting to go.
    pub pending: i64,
    /// Of those, being retried after a failure.
    pub retrying: i64,
    /// Given up on after every retry.
    pub failed: i64,
    /// Sent in the last 24 hours.
    pub sent_today: i64,
    /// The newest error from the SMTP server, in its words.
    pub last_error: Option<String>,
}

/// What a password reset link offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetLink {
    /// Whose password it resets.
    pub email: String,
}
