//! The engine at work on stored data: load, apply a domain rule, save — all in
//! one short write transaction. Server functions call these after deciding who
//! is asking and whether they may; tests and the demo seed call them directly.

pub mod accounts;
pub mod automation;
pub mod board;
pub mod brand;
pub mod calendar;
pub mod campaigns;
pub mod cards;
pub mod decisions;
pub mod design;
pub mod imports;
pub mod inbox;
pub mod insights;
pub mod items;
pub mod live;
pub mod mail;
pub mod pilots;
pub mod present;
pub mod public;
pub mod sends;
pub mod sla;
pub mod tokens;
pub mod versions;
pub mod webhooks;
pub mod workflows;
pub mod workspace_export;

use crate::domain::Refusal;
use crate::error::AppError;

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        AppError::InvalidMove {
            reasons: refusal.messages(),
        }
    }
}

/// The message a person sees when someone else changed the item first.
pub const CONFLICT_MESSAGE: &str =
    "This item was changed by someone else since you opened it — reload to see their changes, then try again.";

#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;
