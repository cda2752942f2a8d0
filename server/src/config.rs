//! Configuration, from the environment variables the ecosystem already uses.

use std::net::SocketAddr;

use app::domain::outbound::mail::{parse_smtp_url, SmtpTarget};

use crate::startup::StartupError;

/// Where the database is when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/baton.db";
/// Where Baton listens when `LEPTOS_SITE_ADDR` is not set.
pub const DEFAULT_SITE_ADDR: &str = "127.0.0.1:3000";

/// Baton's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `DATABASE_URL`: a `sqlite:` URL.
    pub database_url: String,
    /// `LEPTOS_SITE_ADDR`: the address and port to listen on.
    pub site_addr: SocketAddr,
    /// `BATON_SECURE_COOKIES`: mark cookies `Secure`; set it when Baton is served over HTTPS.
    pub secure_cookies: bool,
    /// `BATON_WEBHOOKS_ALLOW_PRIVATE`: let webhooks go to loopback, private and link-local
    /// addresses (tests, or a receiver on the same network). Off, Baton cannot be turned into
    /// a scanner of its own network.
    pub webhooks_allow_private: bool,
    /// `BATON_SMTP_URL`: the SMTP server email goes through; without it Baton sends none.
    pub smtp: Option<SmtpTarget>,
    /// `BATON_MAIL_FROM`: the From address of every email (needed with `BATON_SMTP_URL`).
    pub mail_from: Option<String>,
    /// `BATON_PUBLIC_URL`: the address people reach Baton at, for links in emails and feeds.
    pub public_url: Option<String>,
    /// `BATON_API_RATE_LIMIT`: requests one API token may make a minute (600 unless set).
    pub api_requests_per_minute: Option<u32>,
}

impl Config {
    /// Reads the settings through `lookup` (the process environment, or a map in tests).
    pub fn from_env(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, StartupError> {
        let database_url = lookup("DATABASE_URL")
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string());
        if !database_url.starts_with("sqlite:") {
            let scheme = database_url
                .split(':')
                .next()
                .unwrap_or_default()
                .to_string();
            return Err(StartupError::UnsupportedDatabase { scheme });
        }
        let addr = lookup("LEPTOS_SITE_ADDR")
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_SITE_ADDR.to_string());
        let site_addr = addr.trim().parse().map_err(|_| StartupError::BadSiteAddr {
            value: addr.clone(),
        })?;
        let smtp = match set(&lookup, "BATON_SMTP_URL") {
            Some(text) => Some(
                parse_smtp_url(&text).map_err(|reason| StartupError::BadMail {
                    name: "BATON_SMTP_URL",
                    reason,
                })?,
            ),
            None => None,
        };
        let mail_from = match (set(&lookup, "BATON_MAIL_FROM"), smtp.is_some()) {
            (Some(from), _) => {
                from.parse::<lettre::message::Mailbox>()
                    .map_err(|_| StartupError::BadMail {
                        name: "BATON_MAIL_FROM",
                        reason: format!(
                            "is '{from}', which is not an email address; write it like \
                             Baton <baton@example.com>"
                        ),
                    })?;
                Some(from)
            }
            (None, true) => {
                return Err(StartupError::BadMail {
                    name: "BATON_MAIL_FROM",
                    reason: "is not set, but BATON_SMTP_URL is: set it to the address emails \
                             come from, like Baton <baton@example.com>"
                        .to_string(),
                })
            }
            (None, false) => None,
        };
        let public_url = match set(&lookup, "BATON_PUBLIC_URL") {
            Some(text) => Some(public_url(&text)?),
            None => None,
        };
        let api_requests_per_minute = match set(&lookup, "BATON_API_RATE_LIMIT") {
            None => None,
            Some(text) => Some(
                text.parse::<u32>()
                    .ok()
                    .filter(|n| (1..=1_000_000).contains(n))
                    .ok_or(StartupError::BadSetting {
                        name: "BATON_API_RATE_LIMIT",
                        value: text.clone(),
                        expected: "a number of requests a minute from 1 to 1000000",
                    })?,
            ),
        };
        Ok(Config {
            api_requests_per_minute,
            database_url,
            site_addr,
            secure_cookies: flag(&lookup, "BATON_SECURE_COOKIES")?,
            webhooks_allow_private: flag(&lookup, "BATON_WEBHOOKS_ALLOW_PRIVATE")?,
            smtp,
            mail_from,
            public_url,
        })
    }
}

/// A setting's value, when it is set to something.
fn set(lookup: &impl Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    lookup(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Reads `BATON_PUBLIC_URL`: an http(s) address with a host; a trailing slash is dropped.
fn public_url(text: &str) -> Result<String, StartupError> {
    let bad = |reason: &str| StartupError::BadMail {
        name: "BATON_PUBLIC_URL",
        reason: format!("is '{text}', which {reason}; write it like https://baton.example.com"),
    };
    let url = url::Url::parse(text).map_err(|_| bad("is not a web address"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(bad("is not an http:// or https:// address"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("has a query or fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// A true/false setting; unset or empty is false.
fn flag(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
) -> Result<bool, StartupError> {
    match lookup(name).as_deref().map(str::trim) {
        None | Some("") | Some("false") | Some("0") => Ok(false),
        Some("true") | Some("1") => Ok(true),
        Some(other) => Err(StartupError::BadSetting {
            name,
            value: other.to_string(),
            expected: "true or false",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    #[test]
    fn defaults_are_a_local_sqlite_file_and_port_3000() {
        let c = Config::from_env(env(&[])).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
    }

    #[test]
    fn a_postgres_url_is_refused_with_its_scheme_named() {
        let err = Config::from_env(env(&[("DATABASE_URL", "postgres://db/baton")])).unwrap_err();
        assert!(err.to_string().contains("postgres"), "{err}");
    }

    #[test]
    fn email_is_off_unless_an_smtp_server_is_given_and_then_needs_a_from_address() {
        let c = Config::from_env(env(&[])).unwrap();
        assert_eq!((c.smtp, c.mail_from, c.public_url), (None, None, None));

        let c = Config::from_env(env(&[
            ("BATON_SMTP_URL", "smtp://ada:pw@smtp.example.com"),
            ("BATON_MAIL_FROM", "Baton <baton@example.com>"),
            ("BATON_PUBLIC_URL", "https://baton.example.com/"),
        ]))
        .unwrap();
        assert_eq!(c.smtp.unwrap().port, 587);
        assert_eq!(c.public_url.as_deref(), Some("https://baton.example.com"));

        let err = Config::from_env(env(&[("BATON_SMTP_URL", "smtp://smtp.example.com")]))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("BATON_MAIL_FROM is not set"), "{err}");
    }

    #[test]
    fn bad_mail_settings_are_refused_with_the_setting_named() {
        for (pairs, says) in [
            (
                vec![("BATON_SMTP_URL", "mail.example.com:25")],
                "BATON_SMTP_URL is not an SMTP address",
            ),
            (
                vec![
                    ("BATON_SMTP_URL", "smtp://h"),
                    ("BATON_MAIL_FROM", "not an address"),
                ],
                "BATON_MAIL_FROM is 'not an address'",
            ),
            (
                vec![("BATON_PUBLIC_URL", "ftp://x")],
                "BATON_PUBLIC_URL is 'ftp://x'",
            ),
            (
                vec![("BATON_PUBLIC_URL", "baton.example")],
                "not a web address",
            ),
        ] {
            let err = Config::from_env(env(&pairs)).unwrap_err().to_string();
            assert!(err.contains(says), "{err}");
        }
    }

    #[test]
    fn a_site_addr_without_a_port_is_refused() {
        let err = Config::from_env(env(&[("LEPTOS_SITE_ADDR", "localhost")])).unwrap_err();
        assert!(err.to_string().contains("LEPTOS_SITE_ADDR"), "{err}");
    }
}
