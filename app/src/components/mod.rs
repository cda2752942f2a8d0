//! Pieces of UI shared by several pages.

pub mod account_menu;
pub mod automation;
pub mod avatar;
pub mod board;
pub mod calendar;
pub mod campaigns;
pub mod copy_link;
pub mod designer;
pub mod dom;
pub mod drag;
pub mod error_view;
pub mod filters;
pub mod forms;
pub mod inbox;
pub mod insights;
pub mod item;
pub mod layout;
pub mod mail;
pub mod notices;
pub mod session;
pub mod style_guide;
pub mod theme;
pub mod time_zones;
pub mod tokens;
pub mod webhooks;
pub mod workflow;
