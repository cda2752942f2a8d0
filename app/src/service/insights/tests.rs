//! Insights on a real database.
