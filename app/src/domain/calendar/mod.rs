//! The content calendar's rules: which days a view shows, which local day and
//! time an entry falls on, whether a new date is allowed, what a status says
//! and which planning problems to warn about. Pure: callers pass `now`, the
//! viewer's time zone and the entries.
//!
//! Conventions:
//! - Weeks start on Monday.
//! - A timed entry is an instant (UTC) shown in the viewer's time zone.
//! - An all-day entry is a date, the same for everyone: it is stored as
//!   midnight UTC of that date (the team offset of [`crate::domain::Schedule`]
//!   is UTC) and placed on the UTC date of its instant.

pub mod checks;
pub mod grid;
#[cfg(feature = "ssr")]
pub mod ics;
pub mod placing;
pub mod status;
pub mod warnings;

pub use checks::{check_date, CampaignDates, DateCheck};
pub use grid::{full_date, parse_date, CalendarView, Span};
pub use placing::{place, schedule_at, today_in, Placed};
pub use status::{entry_status, EntryStatus};
pub use warnings::{planning_warnings, PlanEntry, PlanningRules, Warning, WarningKind, QUIET_DAYS};
