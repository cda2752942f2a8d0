//! Short names of item attributes, for sentences about rules.

use super::super::super::fields::FieldValue;
use super::super::super::item::Priority;
use super::super::metric::number_words;
use super::Names;

/// A priority's name.
pub(in super::super) fn priority(priority: Priority) -> &'static str {
    match priority {
        Priority::Low => "Low",
        Priority::Normal => "Normal",
        Priority::High => "High",
        Priority::Urgent => "Urgent",
    }
}

/// A field value in words: people by name, text in quotes, numbers without trailing zeros.
pub(in super::super) fn value(value: &FieldValue, names: &Names) -> String {
    match value {
        FieldValue::Text(text) => format!("“{}”", text.trim()),
        FieldValue::Number(n) => number_words(*n),
        FieldValue::Person(id) => names.catalog.people.name_of(*id),
        other => other.to_string(),
    }
}
