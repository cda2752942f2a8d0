//! Random tokens for sessions and invites, stored only as digests.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand_core::RngCore;
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand_core::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored instead of the token itself.
pub fn digest(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// A keyed digest of `text` (HMAC-SHA256, URL-safe): what signs an unsubscribe link.
pub fn mac(key: &str, text: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes any key");
    mac.update(text.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Whether `tag` is `text`'s [`mac`] under `key`, compared in constant time.
pub fn mac_matches(key: &str, text: &str, tag: &str) -> bool {
    use hmac::{Hmac, Mac};
    let Ok(tag) = URL_SAFE_NO_PAD.decode(tag) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes any key");
    mac.update(text.as_bytes());
    mac.verify_slice(&tag).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_unique_and_stored_as_a_different_digest() {
        let a = new_token();
        assert_eq!(a.len(), 43);
        assert_ne!(a, new_token());
        assert_ne!(digest(&a), a);
        assert_eq!(digest(&a), digest(&a));
    }

    #[test]
    fn a_mac_matches_only_its_text_under_its_key() {
        let tag = mac("key", "7:digest");
        assert!(mac_matches("key", "7:digest", &tag));
        assert!(!mac_matches("key", "8:digest", &tag));
        assert!(!mac_matches("other", "7:digest", &tag));
        assert!(!mac_matches("key", "7:digest", "not base64 !"));
    }
}
