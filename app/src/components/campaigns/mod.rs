//! The campaign pages' parts: the form and the timeline.

pub mod form;
pub mod timeline;
