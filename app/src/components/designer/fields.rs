//! The typed fields items of the workflow carry: label, type (a choice's options), help,
//! which stages need them; adding, reordering and removing (saying first what removal does).

use leptos::prelude::*;

use super::widgets::{ProblemsAt, DANGER_BUTTON, SECTION, SMALL_BUTTON};
use super::Draft;
use crate::components::forms::{HINT, INPUT, LABEL, SECONDARY_BUTTON};
use crate::domain::design::{field_removal, DesignEdit};
use crate::domain::limits::{SHORT, TEXT_FIELD};
use crate::domain::{FieldKey, FieldType};

/// Every field type, as the type picker lists them.
pub const TYPES: [(&str, &str); 12] = [
    ("text", "Text"),
    ("long_text", "Long text"),
    ("url", "Web address"),
    ("number", "Number"),
    ("money", "Money"),
    ("percent", "Percent"),
    ("date", "Date"),
    ("date_time", "Date and time"),
    ("person", "Person"),
    ("choice", "Choice"),
    ("yes_no", "Yes / no"),
    ("segment", "Audience segment"),
];

/// A field type's value in the type picker.
pub fn type_key(field_type: &FieldType) -> &'static str {
    match field_type {
        FieldType::Text => "text",
        FieldType::LongText => "long_text",
        FieldType::Url => "url",
        FieldType::DateTime => "date_time",
        FieldType::Number => "number",
        FieldType::Money => "money",
        FieldType::Choice { .. } => "choice",
        FieldType::Person => "person",
        FieldType::Segment => "segment",
        FieldType::Percent => "percent",
        FieldType::Date => "date",
        FieldType::YesNo => "yes_no",
    }
}

/// The type picked, keeping a choice field's options.
pub fn type_of_key(key: &str, options: Vec<String>) -> Option<FieldType> {
    Some(match key {
        "text" => FieldType::Text,
        "long_text" => FieldType::LongText,
        "url" => FieldType::Url,
        "date_time" => FieldType::DateTime,
        "number" => FieldType::Number,
        "money" => FieldType::Money,
        "choice" => FieldType::Choice { options },
        "person" => FieldType::Person,
        "segment" => FieldType::Segment,
        "percent" => FieldType::Percent,
        "date" => FieldType::Date,
        "yes_no" => FieldType::YesNo,
        _ => return None,
    })
}

/// A choice's options from a box with one per line.
pub fn options_of(raw: &str) -> Vec<String> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The fields section.
#[component]
pub fn FieldsEditor(draft: Draft) -> impl IntoView {
    let keys = move || {
        draft
            .def
            .with(|d| d.fields.iter().map(|f| f.key.clone()).collect::<Vec<_>>())
    };
    let label = RwSignal::new(String::new());
    let kind = RwSignal::new("text".to_string());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = label.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        if let Some(field_type) = type_of_key(&kind.get_untracked(), Vec::new()) {
            draft.apply(DesignEdit::AddField {
                label: text.trim().to_owned(),
                field_type,
            });
            label.set(String::new());
        }
    };
    view! {
        <section aria-labelledby="fields-heading" class=SECTION>
            <h2 id="fields-heading" class="text-lg font-semibold">"Fields"</h2>
            <p class=HINT>"What every item of this workflow records. Stages say which fields they need filled before an item may leave them."</p>
            <ProblemsAt draft path="fields"/>
            <ul class="mt-3 space-y-3">
                <For each=keys key=|k| k.clone() children=move |key| view! { <FieldRow draft key/> }/>
            </ul>
            {move || draft.def.with(|d| d.fields.is_empty()).then(|| view! { <p class="mt-2 text-sm text-slate-500">"No fields yet."</p> })}
            {draft.editable.then(|| view! {
                <form on:submit=add class="mt-4 flex flex-wrap items-end gap-2">
                    <div class="min-w-0 flex-1">
                        <label for="new-field-label" class=LABEL>"New field"</label>
                        <input id="new-field-label" type="text" class=INPUT maxlength=SHORT.to_string() placeholder="e.g. Landing page URL"
                            prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
                    </div>
                    <div>
                        <label for="new-field-type" class=LABEL>"Type"</label>
                        <select id="new-field-type" class=INPUT on:change=move |ev| kind.set(event_target_value(&ev))>
                            {TYPES.into_iter().map(|(k, l)| view! { <option value=k selected=k == "text">{l}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class=SECONDARY_BUTTON>"Add field"</button>
                </form>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn FieldRow(draft: Draft, key: FieldKey) -> impl IntoView {
    let disabled = !draft.editable;
    let id = format!("field-{key}");
    let k = StoredValue::new(key.clone());
    // Copy closures: they hold only the key's handle, the draft and signals.
    let read = move |f: fn(&crate::domain::FieldDef) -> String| {
        k.with_value(|key| draft.def.with(|d| d.field(key).map(f).unwrap_or_default()))
    };
    let path = move |part: &str| k.with_value(|key| format!("fields.{key}.{part}"));
    let initial_options =
        draft
            .def
            .with_untracked(|d| match d.field(&key).map(|f| &f.field_type) {
                Some(FieldType::Choice { options }) => options.join("\n"),
                _ => String::new(),
            });
    let options_raw = RwSignal::new(initial_options);
    let is_choice = move || read(|f| type_key(&f.field_type).to_owned()) == "choice";
    let needed_by = move || {
        k.with_value(|key| {
            draft.def.with(|d| {
                d.stages
                    .iter()
                    .filter(|s| s.required_fields.contains(key))
                    .map(|s| s.name.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let index = move || {
        k.with_value(|key| {
            draft
                .def
                .with(|d| d.fields.iter().position(|f| &f.key == key).unwrap_or(0))
        })
    };
    let count = move || draft.def.with(|d| d.fields.len());
    let confirming = RwSignal::new(false);
    let removal = move || {
        k.with_value(|key| {
            let with_value = draft
                .values_per_field
                .with_value(|v| v.get(key).copied().unwrap_or(0));
            draft.def.with(|d| field_removal(d, key, with_value).ok())
        })
    };
    let set_label = move |ev| {
        draft.apply(DesignEdit::SetFieldLabel {
            field: k.get_value(),
            label: event_target_value(&ev),
        })
    };
    let set_help = move |ev| {
        draft.apply(DesignEdit::SetFieldHelp {
            field: k.get_value(),
            help: event_target_value(&ev),
        })
    };
    let set_type = move |ev| {
        if let Some(field_type) = type_of_key(
            &event_target_value(&ev),
            options_of(&options_raw.get_untracked()),
        ) {
            draft.apply(DesignEdit::SetFieldType {
                field: k.get_value(),
                field_type,
            });
        }
    };
    let set_options = move |ev| {
        let raw = event_target_value(&ev);
        options_raw.set(raw.clone());
        draft.apply(DesignEdit::SetFieldType {
            field: k.get_value(),
            field_type: FieldType::Choice {
                options: options_of(&raw),
            },
        });
    };
    let options_id = format!("{id}-options");
    view! {
        <li class="rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <div class="grid gap-3 sm:grid-cols-2">
                <div>
                    <label for=format!("{id}-label") class=LABEL>"Label"</label>
                    <input id=format!("{id}-label") type="text" class=INPUT disabled=disabled maxlength=SHORT.to_string()
                        prop:value=move || read(|f| f.label.clone()) on:input=set_label/>
                    <ProblemsAt draft path=path("label")/>
                    <ProblemsAt draft path=format!("fields.{key}")/>
                </div>
                <div>
                    <label for=format!("{id}-type") class=LABEL>"Type"</label>
                    <select id=format!("{id}-type") class=INPUT disabled=disabled on:change=set_type>
                        {TYPES.into_iter().map(|(t, l)| view! {
                            <option value=t selected=move || read(|f| type_key(&f.field_type).to_owned()) == t>{l}</option>
                        }).collect_view()}
                    </select>
                    <ProblemsAt draft path=path("type")/>
                </div>
                <Show when=is_choice>
                    <div class="sm:col-span-2">
                        <label for=options_id.clone() class=LABEL>"Options, one per line"</label>
                        <textarea id=options_id.clone() rows="3" class=INPUT disabled=disabled
                            prop:value=move || options_raw.get() on:input=set_options></textarea>
                        <ProblemsAt draft path=path("options")/>
                    </div>
                </Show>
                <div class="sm:col-span-2">
                    <label for=format!("{id}-help") class=LABEL>"Help text"</label>
                    <input id=format!("{id}-help") type="text" class=INPUT disabled=disabled maxlength=TEXT_FIELD.to_string()
                        prop:value=move || read(|f| f.help.clone()) on:input=set_help/>
                    <ProblemsAt draft path=path("help")/>
                </div>
            </div>
            <p class="mt-2 text-xs text-slate-600 dark:text-slate-400">
                {move || {
                    let stages = needed_by();
                    if stages.is_empty() { "No stage needs it yet.".to_string() } else { format!("Needed to leave: {}", stages.join(", ")) }
                }}
            </p>
            {draft.editable.then(|| view! {
                <div class="mt-2 flex flex-wrap gap-2">
                    <button type="button" class=SMALL_BUTTON disabled=move || index() == 0
                        aria-label=move || format!("Move {} up", read(|f| f.label.clone()))
                        on:click=move |_| draft.apply(DesignEdit::MoveField { field: k.get_value(), to: index().saturating_sub(1) })>"↑ Up"</button>
                    <button type="button" class=SMALL_BUTTON disabled=move || { index() + 1 >= count() }
                        aria-label=move || format!("Move {} down", read(|f| f.label.clone()))
                        on:click=move |_| draft.apply(DesignEdit::MoveField { field: k.get_value(), to: index() + 1 })>"↓ Down"</button>
                    <button type="button" class=DANGER_BUTTON aria-expanded=move || confirming.get().to_string()
                        on:click=move |_| confirming.update(|c| *c = !*c)>"Remove field…"</button>
                </div>
            })}
            <Show when=move || confirming.get()>
                <div role="group" aria-label="Remove this field?" class="mt-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950">
                    <p class="font-semibold">"What removing it does:"</p>
                    <ul class="mt-1 list-disc pl-5">
                        {move || removal().map(|r| r.consequences.into_iter().map(|c| view! { <li>{c}</li> }).collect_view())}
                    </ul>
                    <div class="mt-2 flex gap-2">
                        <button type="button" class=DANGER_BUTTON on:click=move |_| {
                            confirming.set(false);
                            draft.apply(DesignEdit::RemoveField { field: k.get_value() });
                        }>"Remove it"</button>
                        <button type="button" class=SMALL_BUTTON on:click=move |_| confirming.set(false)>"Keep it"</button>
                    </div>
                </div>
            </Show>
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_round_trips_through_the_picker() {
        for (key, _) in TYPES {
            let field_type = type_of_key(key, vec!["A".into()]).unwrap();
            assert_eq!(type_key(&field_type), key);
        }
        assert_eq!(options_of(" Leads \n\n Sales"), ["Leads", "Sales"]);
    }
}
