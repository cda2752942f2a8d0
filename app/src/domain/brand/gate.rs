//! The "brand check passes" gate: the findings on an item's copy fields as refusal reasons.

use super::super::definition::WorkflowDefinition;
use super::super::fields::FieldValue;
use super::super::ids::FieldKey;
use super::super::item::Item;
use super::super::refusal::{Reason, ReasonKind};
use super::check::{findings, missing, Finding};
use super::guide::StyleGuide;
use super::{copy_field_of, CopyField};

/// Everything the brand check finds on the copy fields of `item` (see [`copy_field_of`]),
/// each as a reason naming its field: "Ad copy: “synergy” is on the banned list — write
/// “working together”". A required phrase counts once, found in any main-copy field.
pub fn brand_reasons(guide: &StyleGuide, def: &WorkflowDefinition, item: &Item) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let mut main_copy: Vec<(&FieldKey, &str, &str)> = Vec::new();
    for field in &def.fields {
        let Some(kind) = copy_field_of(field) else {
            continue;
        };
        let Some(FieldValue::Text(text)) = item.filled(&field.key) else {
            continue;
        };
        if kind == CopyField::Body {
            main_copy.push((&field.key, &field.label, text));
        }
        for finding in findings(guide, item.channel, text, kind, false) {
            reasons.push(reason(&field.label, &field.key, &finding));
        }
    }
    if let Some((key, label, _)) = main_copy.first() {
        let texts: Vec<&str> = main_copy.iter().map(|(_, _, text)| *text).collect();
        for finding in missing(guide, item.channel, &texts) {
            reasons.push(reason(label, key, &finding));
        }
    }
    reasons
}

fn reason(label: &str, key: &FieldKey, finding: &Finding) -> Reason {
    let kind = ReasonKind::BrandCheck {
        field: key.clone(),
        rule: finding.rule,
    };
    Reason::new(kind, format!("{label}: {finding}"))
}
