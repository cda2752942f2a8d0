//! Where a visitor stands, and what an invite link offers.

use serde::{Deserialize, Serialize};

use crate::auth::CurrentUser;
use crate::domain::Role;

/// Where the visitor stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthState {
    /// Nobody can sign in yet: the first admin is created on the command line.
    NoAccounts,
    /// Not signed in.
    SignedOut,
    /// Signed in as this person.
    SignedIn(CurrentUser),
}

/// What an invite link offers, shown before the invitee sets a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    /// The invitee's email (their sign-in name).
    pub email: String,
    /// Their name as the admin typed it.
    pub name: String,
    /// The role they will have.
    pub role: Role,
}
