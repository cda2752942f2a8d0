//! Integration tests of the `baton` binary and its HTTP surface, against real
//! SQLite databases with the real migrations.

mod api;
mod authorization;
mod automation;
mod backup;
mod board;
mod calendar;
mod cli_errors;
mod common;
mod health;
mod hostile_input;
mod inbox;
mod insights;
mod mail;
mod sessions;
mod webhooks;
