//! The item's fields: title, owner, dates, channel, campaign, priority and the
//! workflow's own fields, checked by type before saving in one go.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use super::brand::BrandFindings;
use super::fields::{parse_raw, raw_of, FieldInput};
use super::Control;
use crate::api::board::Directory;
use crate::components::forms::{CARD, INPUT, LABEL, PRIMARY_BUTTON};
use crate::domain::brand::copy_field_of;
use crate::domain::{
    CampaignId, Channel, FieldDef, Item, Operation, PersonId, Priority, Schedule, StyleGuide,
    WorkflowDefinition,
};

const PRIORITIES: [Priority; 4] = [
    Priority::Low,
    Priority::Normal,
    Priority::High,
    Priority::Urgent,
];

/// A unit enum's serde name.
pub fn key_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A unit enum from its serde name.
pub fn from_key<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(key.to_owned())).ok()
}

/// Reads a `date` input as the end of that working day (17:00 UTC).
pub fn parse_due(raw: &str) -> Result<Option<chrono::DateTime<chrono::Utc>>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(17, 0, 0))
        .map(|t| Some(t.and_utc()))
        .ok_or_else(|| "Enter a date like 2026-03-14".to_string())
}

fn parse_schedule(raw: &str) -> Result<Option<Schedule>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .map(|t| {
            Some(Schedule {
                at: t.and_utc(),
                all_day: false,
            })
        })
        .map_err(|_| "Enter a date and time".to_string())
}

fn select_class() -> &'static str {
    INPUT
}

/// The fields form.
#[component]
pub fn ItemForm(
    item: Item,
    def: WorkflowDefinition,
    dir: Directory,
    control: Control,
    can_work: bool,
    /// The style guide copy fields are checked with as someone types.
    brand: StyleGuide,
) -> impl IntoView {
    let brand = StoredValue::new(brand);
    let stage = def.stage(&item.stage).cloned();
    let title = RwSignal::new(item.title.clone());
    let owner = RwSignal::new(item.owner.map(|o| o.to_string()).unwrap_or_default());
    let due = RwSignal::new(
        item.due
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    );
    let channel = RwSignal::new(item.channel.key().to_string());
    let campaign = RwSignal::new(item.campaign.map(|c| c.to_string()).unwrap_or_default());
    let priority = RwSignal::new(key_of(&item.priority));
    let schedule = RwSignal::new(
        item.schedule
            .map(|s| s.at.format("%Y-%m-%dT%H:%M").to_string())
            .unwrap_or_default(),
    );
    let problems = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let fields: Vec<(FieldDef, RwSignal<String>)> = def
        .fields
        .iter()
        .map(|f| (f.clone(), RwSignal::new(raw_of(item.fields.get(&f.key)))))
        .collect();
    let needed = |f: &FieldDef| {
        stage
            .as_ref()
            .filter(|s| s.required_fields.contains(&f.key))
            .map(|s| format!("needed to leave {}", s.name))
    };
    let problem =
        move |key: &'static str| Signal::derive(move || problems.with(|p| p.get(key).cloned()));

    let original = item.clone();
    let form_fields = fields.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found = std::collections::BTreeMap::new();
        let mut ops = Vec::new();
        let new_title = title.get_untracked().trim().to_string();
        if new_title.is_empty() {
            found.insert("title".to_string(), "Give the item a title.".to_string());
        } else if new_title != original.title {
            ops.push(Operation::Rename { title: new_title });
        }
        let mut values = std::collections::BTreeMap::new();
        for (field, raw) in &form_fields {
            match parse_raw(field, &raw.get_untracked()) {
                Ok(value) if value.as_ref() != original.filled(&field.key) => {
                    values.insert(field.key.clone(), value);
                }
                Ok(_) => {}
                Err(problem) => {
                    found.insert(format!("field-{}", field.key), problem);
                }
            }
        }
        if !values.is_empty() {
            ops.push(Operation::EditFields { values });
        }
        let new_owner = owner.get_untracked().parse::<i64>().ok().map(PersonId);
        if new_owner != original.owner {
            ops.push(Operation::SetOwner { owner: new_owner });
        }
        match parse_due(&due.get_untracked()) {
            Ok(d) if d.map(|d| d.date_naive()) != original.due.map(|o| o.date_naive()) => {
                ops.push(Operation::SetDue { due: d })
            }
            Ok(_) => {}
            Err(p) => {
                found.insert("due".into(), p);
            }
        }
        if let Some(c) = crate::domain::Channel::from_key(&channel.get_untracked())
            .filter(|c| *c != original.channel)
        {
            ops.push(Operation::SetChannel { channel: c });
        }
        let new_campaign = campaign.get_untracked().parse::<i64>().ok().map(CampaignId);
        if new_campaign != original.campaign {
            ops.push(Operation::SetCampaign {
                campaign: new_campaign,
            });
        }
        if let Some(p) =
            from_key::<Priority>(&priority.get_untracked()).filter(|p| *p != original.priority)
        {
            ops.push(Operation::SetPriority { priority: p });
        }
        match parse_schedule(&schedule.get_untracked()) {
            Ok(s) if s.map(|s| s.at) != original.schedule.map(|o| o.at) => {
                ops.push(Operation::SetSchedule { schedule: s })
            }
            Ok(_) => {}
            Err(p) => {
                found.insert("schedule".into(), p);
            }
        }
        let has_problems = !found.is_empty();
        problems.set(found);
        if has_problems {
            control.error.set(Some(crate::error::AppError::validation(
                "form",
                "Some fields need fixing; see the messages under them.",
            )));
        } else if ops.is_empty() {
            control.status.set("Nothing changed.".into());
        } else {
            control.run(ops, "Saved.");
        }
    };
    let people = dir.people.clone();
    view! {
        <section aria-labelledby="fields-heading" class=CARD>
            <h3 id="fields-heading" class="font-semibold">"Details"</h3>
            <form on:submit=save class="mt-3 grid gap-4 sm:grid-cols-2" novalidate>
                <div class="sm:col-span-2">
                    <label for="field-title" class=LABEL>"Title"</label>
                    <input id="field-title" type="text" class=INPUT disabled=!can_work prop:value=move || title.get()
                        on:input=move |ev| title.set(event_target_value(&ev))/>
                    <p class="mt-1 text-xs text-red-700 dark:text-red-300">{move || problem("title").get()}</p>
                </div>
                <div>
                    <label for="field-owner" class=LABEL>"Owner"</label>
                    <select id="field-owner" class=select_class() disabled=!can_work on:change=move |ev| owner.set(event_target_value(&ev))>
                        <option value="">"Nobody yet"</option>
                        {people.iter().filter(|p| p.role.can_work()).map(|p| {
                            let value = p.id.to_string();
                            let selected = owner.get_untracked() == value;
                            view! { <option value=value selected=selected>{p.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="field-due" class=LABEL>"Due date"</label>
                    <input id="field-due" type="date" class=INPUT disabled=!can_work prop:value=move || due.get()
                        on:input=move |ev| due.set(event_target_value(&ev))/>
                    <p class="mt-1 text-xs text-red-700 dark:text-red-300">{move || problem("due").get()}</p>
                </div>
                <div>
                    <label for="field-channel" class=LABEL>"Channel"</label>
                    <select id="field-channel" class=select_class() disabled=!can_work on:change=move |ev| channel.set(event_target_value(&ev))>
                        {crate::domain::Channel::ALL.into_iter().map(|c| {
                            let selected = channel.get_untracked() == c.key();
                            view! { <option value=c.key().to_string() selected=selected>{c.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="field-campaign" class=LABEL>"Campaign"</label>
                    <select id="field-campaign" class=select_class() disabled=!can_work on:change=move |ev| campaign.set(event_target_value(&ev))>
                        <option value="">"None"</option>
                        {dir.campaigns.iter().map(|c| {
                            let value = c.id.to_string();
                            let selected = campaign.get_untracked() == value;
                            view! { <option value=value selected=selected>{c.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="field-priority" class=LABEL>"Priority"</label>
                    <select id="field-priority" class=select_class() disabled=!can_work on:change=move |ev| priority.set(event_target_value(&ev))>
                        {PRIORITIES.into_iter().map(|p| {
                            let selected = priority.get_untracked() == key_of(&p);
                            view! { <option value=key_of(&p) selected=selected>{format!("{p:?}")}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="field-schedule" class=LABEL>"Publish / send date (UTC)"</label>
                    <input id="field-schedule" type="datetime-local" class=INPUT disabled=!can_work prop:value=move || schedule.get()
                        on:input=move |ev| schedule.set(event_target_value(&ev))/>
                    <p class="mt-1 text-xs text-red-700 dark:text-red-300">{move || problem("schedule").get()}</p>
                </div>
                {fields.into_iter().map(|(field, raw)| {
                    let key = format!("field-{}", field.key);
                    let wide = matches!(field.field_type, crate::domain::FieldType::LongText);
                    let message = Signal::derive(move || problems.with(|p| p.get(&key).cloned()));
                    let required = needed(&field);
                    let brand_id = format!("brand-{}", field.key);
                    let checked = copy_field_of(&field).map(|kind| {
                        let chosen = Signal::derive(move || Channel::from_key(&channel.get()).unwrap_or_default());
                        view! { <BrandFindings guide=brand kind channel=chosen raw id=brand_id.clone()/> }
                    });
                    let described_by = checked.is_some().then_some(brand_id.clone());
                    view! {
                        <div class=if wide { "sm:col-span-2" } else { "" }>
                            <FieldInput field raw required people=people.clone() problem=message disabled=!can_work described_by=described_by.unwrap_or_default()/>
                            {checked}
                        </div>
                    }
                }).collect_view()}
                {can_work.then(|| view! {
                    <div class="sm:col-span-2">
                        <button type="submit" class=PRIMARY_BUTTON disabled=move || control.busy.get()>"Save changes"</button>
                    </div>
                })}
            </form>
        </section>
    }
}
