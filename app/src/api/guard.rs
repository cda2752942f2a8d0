//! Who is asking, and may they: the first lines of every server function.
//! The UI hides what a person may not do; these checks are what actually stops them.

use leptos::prelude::use_context;

use crate::auth::session::SignedIn;
use crate::domain::Role;
use crate::error::{AppError, AppResult};

/// The least a caller must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone signed in, viewers included: reading.
    SignedIn,
    /// Members, managers and admins: working on items.
    Worker,
    /// Managers and admins: workflows.
    Manager,
    /// Admins: people and settings.
    Admin,
}

impl Access {
    fn allows(self, role: Role) -> bool {
        match self {
            Access::SignedIn => true,
            Access::Worker => role.can_work(),
            Access::Manager => role.can_manage(),
            Access::Admin => role == Role::Admin,
        }
    }

    fn refusal(self) -> AppError {
        let action = match self {
            Access::SignedIn => "do this",
            Access::Worker => "change anything here — viewers can look but not edit",
            Access::Manager => "change workflows or campaigns — ask a manager or an admin",
            Access::Admin => "manage people and settings — ask an admin",
        };
        AppError::Forbidden {
            action: action.to_string(),
        }
    }
}

/// The signed-in person of this request, if any.
pub fn signed_in_opt() -> Option<SignedIn> {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<SignedIn>().cloned())
}

/// The address the request came from, when the server knows it.
pub fn client_address() -> Option<std::net::IpAddr> {
    use_context::<axum::http::request::Parts>()?
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
}

/// Whether the request comes from a phone, by what the browser says of itself: Chromium's
/// `Sec-CH-UA-Mobile: ?1` (sent with every request), or "Mobi" in the user agent, which
/// phones' browsers put there and tablets' and desktops' do not. Pages whose layout differs
/// on a phone use it to render the phone's layout on the server, so it does not change
/// under the reader's eyes once the page has loaded.
pub fn from_a_phone() -> bool {
    use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
        says_phone(header("sec-ch-ua-mobile"), header("user-agent"))
    })
}

fn says_phone(mobile_hint: Option<&str>, user_agent: Option<&str>) -> bool {
    match mobile_hint.map(str::trim) {
        Some("?1") => true,
        Some("?0") => false,
        _ => user_agent.is_some_and(|ua| ua.contains("Mobi")),
    }
}

/// The signed-in person, if they have at least `access`: 401 when signed out, 403 when not allowed.
pub fn require(access: Access) -> AppResult<SignedIn> {
    let signed_in = signed_in_opt().ok_or(AppError::Unauthorized)?;
    if access.allows(signed_in.user.role) {
        Ok(signed_in)
    } else {
        Err(access.refusal())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_told_apart_from_tablets_and_desktops() {
        let pixel = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        let ipad = "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/604.1";
        let desktop = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
        assert!(says_phone(None, Some(pixel)));
        assert!(says_phone(None, Some(iphone)));
        assert!(!says_phone(None, Some(ipad)));
        assert!(!says_phone(None, Some(desktop)));
        assert!(!says_phone(None, None));
        // Chromium's own hint wins over the user agent, either way.
        assert!(says_phone(Some("?1"), Some(desktop)));
        assert!(!says_phone(Some("?0"), Some(pixel)));
        assert!(says_phone(Some("nonsense"), Some(pixel)));
    }

    #[test]
    fn each_role_gets_exactly_its_access() {
        use Access::*;
        let table = [
            (Role::Viewer, [true, false, false, false]),
            (Role::Member, [true, true, false, false]),
            (Role::Manager, [true, true, true, false]),
            (Role::Admin, [true, true, true, true]),
        ];
        for (role, expected) in table {
            let got = [SignedIn, Worker, Manager, Admin].map(|a| a.allows(role));
            assert_eq!(got, expected, "{role:?}");
        }
    }
}
