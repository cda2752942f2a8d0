//! Who is signed in, and the rules about passwords — shared by browser and server.
//! The server-only half (hashing, sessions, sign-in throttling) sits behind `ssr`.

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod rate;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod signature;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod token;

use serde::{Deserialize, Serialize};

use crate::domain::{PersonId, Role};

/// The signed-in person, as the UI knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// Their id.
    pub id: PersonId,
    /// Full name.
    pub name: String,
    /// Email (their sign-in name).
    pub email: String,
    /// What they may do in the workspace.
    pub role: Role,
    /// IANA time zone, e.g. "Europe/Berlin"; the calendar shows times in it.
    pub time_zone: String,
}

impl CurrentUser {
    /// Two letters for the avatar.
    pub fn initials(&self) -> String {
        initials(&self.name)
    }

    /// True for people who may change things (everyone but viewers).
    pub fn can_work(&self) -> bool {
        self.role.can_work()
    }
}

/// The initials of a name: first letters of the first and last word.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |w: &str| {
        w.chars()
            .next()
            .map(|c| c.to_uppercase().to_string())
            .unwrap_or_default()
    };
    match words.as_slice() {
        [] => "?".to_string(),
        [one] => first(one),
        [head, .., last] => format!("{}{}", first(head), first(last)),
    }
}

/// How long an invite link works.
pub const INVITE_DAYS: i64 = 7;

/// The shortest password Baton accepts.
pub const MIN_PASSWORD_LENGTH: usize = 12;

/// What is wrong with a new password, in words; empty when it is acceptable.
/// Length matters most (NIST SP 800-63B); composition rules are not imposed.
pub fn password_problems(password: &str, email: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let length = password.chars().count();
    if length < MIN_PASSWORD_LENGTH {
        problems.push(format!(
            "Use at least {MIN_PASSWORD_LENGTH} characters (this one has {length}); a short phrase of several words works well."
        ));
    }
    if length > 256 {
        problems.push("Use at most 256 characters.".to_string());
    }
    let lower = password.to_lowercase();
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    if local.chars().count() >= 4 && lower.contains(&local) {
        problems.push("Don't include your email address in your password.".to_string());
    }
    if password
        .chars()
        .all(|c| c == password.chars().next().unwrap_or(' '))
        && length > 0
    {
        problems.push("Don't repeat a single character.".to_string());
    }
    const COMMON: [&str; 8] = [
        "password",
        "123456",
        "qwerty",
        "letmein",
        "welcome",
        "baton",
        "marketing",
        "iloveyou",
    ];
    if COMMON
        .iter()
        .any(|c| lower.starts_with(c) && lower.len() <= c.len() + 4)
    {
        problems.push(
            "That password is too common; choose something others would not guess.".to_string(),
        );
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_first_and_last_names() {
        assert_eq!(initials("Dana Whitfield"), "DW");
        assert_eq!(initials("Maya van der Berg"), "MB");
        assert_eq!(initials("cher"), "C");
        assert_eq!(initials("  "), "?");
    }

    #[test]
    fn short_common_or_personal_passwords_are_explained() {
        assert!(password_problems("short", "a@b.c")[0].contains("at least 12"));
        assert!(!password_problems("password1234", "a@b.c").is_empty());
        assert!(
            password_problems("dana.whitfield-2026", "dana.whitfield@x.com")
                .iter()
                .any(|p| p.contains("email"))
        );
        assert!(password_problems("correct horse battery staple", "dana@x.com").is_empty());
    }
}
