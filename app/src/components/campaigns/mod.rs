//! The campaign pages' parts: the form, the timeline, and reports' decisions.

pub mod decisions;
pub mod form;
pub mod timeline;
