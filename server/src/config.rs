//! Configuration, from the environment variables the ecosystem already uses.

use std::net::SocketAddr;

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
        Ok(Config {
            database_url,
            site_addr,
            secure_cookies: flag(&lookup, "BATON_SECURE_COOKIES")?,
            webhooks_allow_private: flag(&lookup, "BATON_WEBHOOKS_ALLOW_PRIVATE")?,
        })
    }
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
    fn a_site_addr_without_a_port_is_refused() {
        let err = Config::from_env(env(&[("LEPTOS_SITE_ADDR", "localhost")])).unwrap_err();
        assert!(err.to_string().contains("LEPTOS_SITE_ADDR"), "{err}");
    }
}
