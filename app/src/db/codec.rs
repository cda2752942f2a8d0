//! Conversions between domain values and the columns that store them.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A unit-like enum (channel, priority, role, kind) as the text it is stored as.
pub fn enum_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => panic!("not a unit enum: {other:?}"),
    }
}

/// Reads back a unit-like enum stored by [`enum_text`].
pub fn text_enum<T: DeserializeOwned>(text: &str) -> Result<T, sqlx::Error> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(decode_error)
}

/// A value stored as a JSON document.
pub fn json_text<T: Serialize>(value: &T) -> Result<String, sqlx::Error> {
    serde_json::to_string(value).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// Reads back a JSON document stored by [`json_text`].
pub fn text_json<T: DeserializeOwned>(text: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(text).map_err(decode_error)
}

fn decode_error(e: serde_json::Error) -> sqlx::Error {
    sqlx::Error::Decode(Box::new(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Channel, Priority};

    #[test]
    fn enums_are_stored_as_their_snake_case_names() {
        assert_eq!(enum_text(&Channel::PaidSocial), "paid_social");
        assert_eq!(text_enum::<Priority>("urgent").unwrap(), Priority::Urgent);
        assert!(text_enum::<Priority>("whenever").is_err());
    }
}
