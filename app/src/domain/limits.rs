//! How much text Baton takes: every text a person can type has a sensible maximum,
//! checked in the engine so the browser, the server and any later API say the same.
//!
//! Lengths are counted in characters (Unicode scalar values), not bytes.

/// A card's title.
pub const TITLE: usize = 200;
/// A person's name, a team's, a campaign's or a workflow's.
pub const NAME: usize = 100;
/// An email address (RFC 5321's limit on a path).
pub const EMAIL: usize = 254;
/// A comment.
pub const COMMENT: usize = 10_000;
/// Feedback when requesting changes.
pub const FEEDBACK: usize = 10_000;
/// A reason given for a move back or an escalation.
pub const REASON: usize = 1_000;
/// What went wrong after an item went out (a post-launch fix).
pub const FIX: usize = 2_000;
/// A one-line text field (a topic, a subject line, a segment).
pub const TEXT_FIELD: usize = 1_000;
/// A multi-line text field (a brief, the copy of a post).
pub const LONG_TEXT_FIELD: usize = 20_000;
/// A web address.
pub const URL: usize = 2_000;
/// A result's metric name (open_rate, cpa, mqls).
pub const METRIC: usize = 60;
/// Anything else short: a label, a choice, a search.
pub const SHORT: usize = 200;

/// `Err` with a plain sentence when `text` is longer than `max` characters.
///
/// `what` names the text as the person knows it, capitalised ("Title", "The comment").
pub fn check(what: &str, text: &str, max: usize) -> Result<(), String> {
    let length = text.chars().count();
    if length > max {
        Err(format!(
            "{what} is too long: {} characters, and the most is {}. Shorten it and try again.",
            grouped(length),
            grouped(max)
        ))
    } else {
        Ok(())
    }
}

/// `text` cut to at most `max` characters, with "…" when something was cut: for echoing
/// back what someone typed without echoing all of it.
pub fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A count with thousands separated: 2,000,000.
pub fn grouped(n: usize) -> String {
    grouped_u64(n as u64)
}

/// [`grouped`] for counts that may not fit a `usize` in the browser (32 bits there).
pub fn grouped_u64(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_up_to_the_limit_passes_and_one_more_is_refused_in_words() {
        assert_eq!(check("Title", &"a".repeat(TITLE), TITLE), Ok(()));
        let refused = check("Title", &"a".repeat(2_000_000), TITLE).unwrap_err();
        assert_eq!(
            refused,
            "Title is too long: 2,000,000 characters, and the most is 200. Shorten it and try again."
        );
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        // 200 characters of three bytes each.
        assert_eq!(check("Title", &"€".repeat(TITLE), TITLE), Ok(()));
    }

    #[test]
    fn long_text_is_shortened_for_messages() {
        assert_eq!(shortened("Europe/Berlin", 60), "Europe/Berlin");
        let cut = shortened(&"x".repeat(500), 10);
        assert_eq!(cut.chars().count(), 10);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(10_000), "10,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
