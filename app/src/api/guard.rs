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
