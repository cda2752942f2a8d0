//! The view types the browser and the server share: what server functions send
//! and take, worked out on the server by `service` and shown by `pages` and
//! `components`. They sit below `service` so no lower layer reaches up into `api`.

pub mod account;
pub mod activity;
pub mod automation;
pub mod board;
pub mod calendar;
pub mod campaigns;
pub mod designer;
pub mod imports;
pub mod inbox;
pub mod insights;
pub mod items;
pub mod mail;
pub mod tags;
pub mod tokens;
pub mod webhooks;
pub mod workflows;
pub mod workspace;
