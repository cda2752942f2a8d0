//! Baton's application crate: the pages and components people see, the server
//! functions they call, the shared workflow types, and (behind `ssr`) the
//! database layer. Compiled twice: with `ssr` into the `baton` server and with
//! `hydrate` into the browser bundle.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod auth;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;
pub mod views;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod state;

pub use app::{shell, App};
pub use error::{AppError, AppResult};
