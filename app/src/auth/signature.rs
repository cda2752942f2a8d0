//! Standard Webhooks signatures (standardwebhooks.com): `webhook-id`, `webhook-timestamp`
//! and `webhook-signature` headers, the signature being `v1,` + base64 of an HMAC-SHA256 of
//! `id.timestamp.body` keyed with the secret's bytes. Used to check what is posted to an
//! inbound hook, and to sign what Baton sends out.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, TimeDelta, Utc};
use hmac::{Hmac, Mac};
use rand_core::RngCore;
use sha2::Sha256;

/// How old (or how far ahead) a signed request's timestamp may be.
pub const TOLERANCE: TimeDelta = TimeDelta::minutes(5);

/// A new secret: `whsec_` + base64 of 32 random bytes.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand_core::OsRng.fill_bytes(&mut bytes);
    format!("whsec_{}", STANDARD.encode(bytes))
}

fn key_of(secret: &str) -> Option<Vec<u8>> {
    STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap_or(secret))
        .ok()
}

/// The signature header value for a message: `v1,<base64>`.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Option<String> {
    let mut mac = Hmac::<Sha256>::new_from_slice(&key_of(secret)?).ok()?;
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    Some(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// Why a signed request was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejected {
    /// A header is missing or unreadable.
    MissingHeaders,
    /// The timestamp is too old or too far ahead.
    Stale,
    /// No signature matches.
    BadSignature,
}

impl Rejected {
    /// In words, for the caller.
    pub fn message(self) -> &'static str {
        match self {
            Rejected::MissingHeaders => "This hook needs webhook-id, webhook-timestamp and webhook-signature headers (Standard Webhooks).",
            Rejected::Stale => "The webhook-timestamp is more than 5 minutes away from now.",
            Rejected::BadSignature => "The webhook-signature does not match the body.",
        }
    }
}

/// Checks a request against the secret, in constant time per signature.
pub fn verify(
    secret: &str,
    id: Option<&str>,
    timestamp: Option<&str>,
    signatures: Option<&str>,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<(), Rejected> {
    let (Some(id), Some(timestamp), Some(signatures)) = (id, timestamp, signatures) else {
        return Err(Rejected::MissingHeaders);
    };
    let timestamp: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| Rejected::MissingHeaders)?;
    let sent = DateTime::<Utc>::from_timestamp(timestamp, 0).ok_or(Rejected::MissingHeaders)?;
    if (now - sent).abs() > TOLERANCE {
        return Err(Rejected::Stale);
    }
    let key = key_of(secret).ok_or(Rejected::BadSignature)?;
    for candidate in signatures.split_whitespace() {
        let Some(encoded) = candidate.strip_prefix("v1,") else {
            continue;
        };
        let Ok(given) = STANDARD.decode(encoded) else {
            continue;
        };
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&key) else {
            continue;
        };
        mac.update(format!("{id}.{timestamp}.").as_bytes());
        mac.update(body);
        if mac.verify_slice(&given).is_ok() {
            return Ok(());
        }
    }
    Err(Rejected::BadSignature)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The example of the Standard Webhooks specification (its README's test vector).
    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: i64 = 1614265330;
    const BODY: &[u8] = br#"{"test": 2432232314}"#;

    #[test]
    fn the_specifications_example_signs_and_verifies() {
        let signature = sign(SECRET, ID, TIMESTAMP, BODY).unwrap();
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        let at = DateTime::<Utc>::from_timestamp(TIMESTAMP, 0).unwrap();
        let header = format!("v1,bm9ub3NlbnNl {signature}");
        assert_eq!(
            verify(
                SECRET,
                Some(ID),
                Some("1614265330"),
                Some(&header),
                BODY,
                at
            ),
            Ok(())
        );
    }

    #[test]
    fn a_tampered_body_an_old_timestamp_or_no_headers_are_refused() {
        let at = DateTime::<Utc>::from_timestamp(TIMESTAMP, 0).unwrap();
        let signature = sign(SECRET, ID, TIMESTAMP, BODY).unwrap();
        let ts = TIMESTAMP.to_string();
        assert_eq!(
            verify(
                SECRET,
                Some(ID),
                Some(&ts),
                Some(&signature),
                b"{\"test\": 1}",
                at
            ),
            Err(Rejected::BadSignature)
        );
        assert_eq!(
            verify(
                SECRET,
                Some(ID),
                Some(&ts),
                Some(&signature),
                BODY,
                at + TimeDelta::minutes(6)
            ),
            Err(Rejected::Stale)
        );
        assert_eq!(
            verify(SECRET, None, Some(&ts), Some(&signature), BODY, at),
            Err(Rejected::MissingHeaders)
        );
        assert!(new_secret().starts_with("whsec_"));
    }
}
