//! Identifiers: numeric ids for stored records, slugs for keys defined in a workflow.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! numeric_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

macro_rules! slug_key {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps a slug such as `"seo-technical"`.
            pub fn new(slug: impl Into<String>) -> Self {
                Self(slug.into())
            }

            /// The slug as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(slug: &str) -> Self {
                Self(slug.to_owned())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

numeric_id!(
    /// A person (user account) in the team directory.
    PersonId
);
numeric_id!(
    /// An item (card). The database gives it when the item is first stored.
    ItemId
);

impl ItemId {
    /// The id of an item not stored yet; storage replaces it with the one it gives.
    pub const UNSAVED: ItemId = ItemId(0);
}
numeric_id!(
    /// A campaign that groups items of several workflows.
    CampaignId
);
numeric_id!(
    /// A decision in a report's action log.
    DecisionId
);

slug_key!(
    /// A workflow definition, e.g. `"content-production"`; stored together with its version.
    WorkflowId
);
slug_key!(
    /// A stage within a workflow, stable across renames, e.g. `"review"`.
    StageKey
);
slug_key!(
    /// A field defined at workflow level, e.g. `"landing_page_url"`.
    FieldKey
);
slug_key!(
    /// An item of a stage checklist, e.g. `"alt-text"`.
    ChecklistKey
);

/// Turns a name into a slug: lowercase ASCII letters and digits joined by single dashes.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_joins_words_with_single_dashes() {
        assert_eq!(
            slugify("  Our SEO & technical flow! "),
            "our-seo-technical-flow"
        );
        assert_eq!(slugify("Q3 launch"), "q3-launch");
    }

    #[test]
    fn ids_serialize_as_plain_values() {
        assert_eq!(serde_json::to_string(&PersonId(7)).unwrap(), "7");
        assert_eq!(
            serde_json::to_string(&StageKey::new("review")).unwrap(),
            "\"review\""
        );
    }
}
