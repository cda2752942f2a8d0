//! Typed inputs for workflow fields: the right control per field type, and the
//! engine's own parsing, so a wrong value is explained before anything is sent.

use leptos::prelude::*;

use crate::api::board::PersonTag;
use crate::components::forms::{HINT, INPUT, LABEL};
use crate::domain::{FieldDef, FieldType, FieldValue};

/// What an input shows for a stored value.
pub fn raw_of(value: Option<&FieldValue>) -> String {
    match value {
        None => String::new(),
        Some(FieldValue::DateTime(at)) => at.format("%Y-%m-%dT%H:%M").to_string(),
        Some(FieldValue::Person(id)) => id.to_string(),
        Some(FieldValue::Percent(n)) => n.to_string(),
        Some(other) => other.to_string(),
    }
}

/// Reads an input back: empty is "no value", anything else must fit the field's type.
pub fn parse_raw(field: &FieldDef, raw: &str) -> Result<Option<FieldValue>, String> {
    field.parse_input(raw)
}

/// One field with its label, help, the input that fits its type, and its problem if any.
#[component]
pub fn FieldInput(
    field: FieldDef,
    raw: RwSignal<String>,
    /// E.g. "needed to leave Brief".
    required: Option<String>,
    people: Vec<PersonTag>,
    problem: Signal<Option<String>>,
    #[prop(optional)] disabled: bool,
    /// Another element that describes the input (the brand check's findings).
    #[prop(optional)]
    described_by: Option<String>,
) -> impl IntoView {
    let id = format!("field-{}", field.key);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = match described_by.filter(|more| !more.is_empty()) {
        Some(more) => format!("{hint_id} {error_id} {more}"),
        None => format!("{hint_id} {error_id}"),
    };
    let set = move |ev| raw.set(event_target_value(&ev));
    let invalid = move || {
        if problem.get().is_some() {
            "true"
        } else {
            "false"
        }
    };
    let input = match &field.field_type {
        FieldType::LongText => view! {
            <textarea id=id.clone() rows="3" class=INPUT disabled=disabled aria-describedby=described.clone()
                aria-invalid=invalid prop:value=move || raw.get() on:input=set></textarea>
        }
        .into_any(),
        FieldType::Choice { options } => {
            let options = options.clone();
            view! {
                <select id=id.clone() class=INPUT disabled=disabled aria-describedby=described.clone()
                    aria-invalid=invalid on:change=set prop:value=move || raw.get()>
                    <option value="">"—"</option>
                    {options.into_iter().map(|o| view! { <option value=o.clone() selected=raw.get_untracked() == o>{o.clone()}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
        FieldType::Person => view! {
            <select id=id.clone() class=INPUT disabled=disabled aria-describedby=described.clone()
                aria-invalid=invalid on:change=set prop:value=move || raw.get()>
                <option value="">"—"</option>
                {people.into_iter().map(|p| {
                    let value = p.id.to_string();
                    let selected = raw.get_untracked() == value;
                    view! { <option value=value selected=selected>{p.name}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        FieldType::Percent => view! {
            <div class="relative">
                <input id=id.clone() type="number" step="any" class=INPUT disabled=disabled inputmode="decimal"
                    aria-describedby=described.clone() aria-invalid=invalid
                    prop:value=move || raw.get() on:input=set/>
                <span aria-hidden="true" class="pointer-events-none absolute inset-y-0 right-8 mt-1 flex items-center text-sm text-slate-500 dark:text-slate-400">"%"</span>
            </div>
        }
        .into_any(),
        FieldType::Date => view! {
            <input id=id.clone() type="date" class=INPUT disabled=disabled
                aria-describedby=described.clone() aria-invalid=invalid
                prop:value=move || raw.get() on:input=set/>
        }
        .into_any(),
        FieldType::YesNo => {
            let yes = move || raw.with(|r| r.trim().eq_ignore_ascii_case("yes"));
            view! {
                <div class="mt-2 flex items-center gap-2 text-sm">
                    <input id=id.clone() type="checkbox" class="h-4 w-4" disabled=disabled
                        aria-describedby=described.clone() aria-invalid=invalid
                        prop:checked=yes
                        on:change=move |ev| raw.set(if event_target_checked(&ev) { "Yes" } else { "No" }.to_string())/>
                    <span aria-hidden="true">{move || if yes() { "Yes" } else if raw.with(|r| r.trim().is_empty()) { "Not answered yet" } else { "No" }}</span>
                </div>
            }
            .into_any()
        }
        other => {
            let kind = match other {
                FieldType::Url => "url",
                FieldType::DateTime => "datetime-local",
                FieldType::Number => "number",
                _ => "text",
            };
            let placeholder = match other {
                FieldType::Url => "https://…",
                FieldType::Money => "1200.50 EUR",
                _ => "",
            };
            view! {
                <input id=id.clone() type=kind class=INPUT disabled=disabled placeholder=placeholder step="any"
                    aria-describedby=described.clone() aria-invalid=invalid
                    prop:value=move || raw.get() on:input=set/>
            }
            .into_any()
        }
    };
    view! {
        <div>
            <label for=id class=LABEL>
                {field.label.clone()}
                {required.map(|r| view! { " "<span class="ml-1 text-xs font-normal text-amber-700 dark:text-amber-300">{format!("({r})")}</span> })}
            </label>
            {input}
            <p id=hint_id class=HINT>{field.help.clone()}</p>
            <p id=error_id class="mt-1 text-xs text-red-700 dark:text-red-300">{move || problem.get()}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(field_type: FieldType) -> FieldDef {
        FieldDef {
            key: "x".into(),
            label: "Landing page".into(),
            field_type,
            help: String::new(),
        }
    }

    #[test]
    fn inputs_are_read_by_type_and_explain_what_is_wrong() {
        assert_eq!(parse_raw(&def(FieldType::Url), "  "), Ok(None));
        assert!(parse_raw(&def(FieldType::Url), "example.com")
            .unwrap_err()
            .contains("http"));
        let at = parse_raw(&def(FieldType::DateTime), "2026-03-14T10:00")
            .unwrap()
            .unwrap();
        assert_eq!(raw_of(Some(&at)), "2026-03-14T10:00");
        assert_eq!(
            parse_raw(&def(FieldType::Number), "1,200").unwrap(),
            Some(FieldValue::Number(1200.0))
        );
    }

    #[test]
    fn percent_date_and_yes_no_round_trip_through_their_inputs() {
        let percent = parse_raw(&def(FieldType::Percent), "2.5").unwrap().unwrap();
        assert_eq!(percent, FieldValue::Percent(2.5));
        assert_eq!(raw_of(Some(&percent)), "2.5");
        let day = parse_raw(&def(FieldType::Date), "2026-03-14")
            .unwrap()
            .unwrap();
        assert_eq!(raw_of(Some(&day)), "2026-03-14");
        let yes = parse_raw(&def(FieldType::YesNo), "Yes").unwrap().unwrap();
        assert_eq!(yes, FieldValue::YesNo(true));
        assert_eq!(raw_of(Some(&yes)), "Yes");
        assert_eq!(
            parse_raw(&def(FieldType::YesNo), "No").unwrap(),
            Some(FieldValue::YesNo(false))
        );
        assert_eq!(parse_raw(&def(FieldType::YesNo), "").unwrap(), None);
    }
}
