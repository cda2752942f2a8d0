//! `/board/<workflow>/new`: the full "new item" form, asking up front for what
//! the first stage needs before the item can move on.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::board::{board_directory, create_card, NewCard};
use crate::api::workflows::get_workflow;
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, INPUT, LABEL, PRIMARY_BUTTON};
use crate::components::item::{parse_raw, FieldInput};
use crate::domain::{CampaignId, FieldDef, PersonId, WorkflowId};
use crate::error::AppError;

/// `/board/<workflow>/new`.
#[component]
pub fn NewItemPage() -> impl IntoView {
    let params = use_params_map();
    let workflow =
        Memo::new(move |_| WorkflowId(params.read().get("workflow").unwrap_or_default()));
    let def = Resource::new(move || workflow.get(), get_workflow);
    let dir = Resource::new(|| (), |_| board_directory());
    view! {
        <Title text="New item"/>
        <div class="mx-auto max-w-3xl">
            <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match (def.await, dir.await) {
                        (Ok(def), Ok(dir)) if dir.can_work => view! { <NewItemForm def dir/> }.into_any(),
                        (Ok(_), Ok(_)) => {
                            let error = AppError::Forbidden { action: "add items — viewers can look but not edit".into() };
                            view! { <ErrorView error/> }.into_any()
                        }
                        (Err(error), _) | (_, Err(error)) => view! { <ErrorView error/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn NewItemForm(
    def: crate::domain::WorkflowDefinition,
    dir: crate::api::board::Directory,
) -> impl IntoView {
    let navigate = use_navigate();
    let first = def.first_stage().cloned();
    let wanted: Vec<FieldDef> = first
        .as_ref()
        .map(|s| {
            s.required_fields
                .iter()
                .filter_map(|k| def.field(k).cloned())
                .collect()
        })
        .unwrap_or_default();
    let stage_name = first.as_ref().map(|s| s.name.clone()).unwrap_or_default();
    let title = RwSignal::new(String::new());
    let owner = RwSignal::new(dir.me.to_string());
    let due = RwSignal::new(String::new());
    let channel = RwSignal::new(crate::domain::Channel::default().key().to_string());
    let campaign = RwSignal::new(String::new());
    let problems = RwSignal::new(BTreeMap::<String, String>::new());
    let error = RwSignal::new(None::<AppError>);
    let saving = RwSignal::new(false);
    let inputs: Vec<(FieldDef, RwSignal<String>)> = wanted
        .iter()
        .map(|f| (f.clone(), RwSignal::new(String::new())))
        .collect();
    let workflow = def.id.clone();
    let submit = {
        let inputs = inputs.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut found = BTreeMap::new();
            let mut card = NewCard {
                title: title.get_untracked().trim().to_string(),
                ..NewCard::default()
            };
            if card.title.is_empty() {
                found.insert("title".to_string(), "Give the item a title.".to_string());
            }
            for (field, raw) in &inputs {
                match parse_raw(field, &raw.get_untracked()) {
                    Ok(Some(value)) => {
                        card.fields.insert(field.key.clone(), value);
                    }
                    Ok(None) => {}
                    Err(p) => {
                        found.insert(format!("field-{}", field.key), p);
                    }
                }
            }
            card.owner = owner.get_untracked().parse::<i64>().ok().map(PersonId);
            card.campaign = campaign.get_untracked().parse::<i64>().ok().map(CampaignId);
            card.channel =
                crate::domain::Channel::from_key(&channel.get_untracked()).unwrap_or_default();
            match crate::components::item::parse_due(&due.get_untracked()) {
                Ok(d) => card.due = d,
                Err(p) => {
                    found.insert("due".into(), p);
                }
            }
            let bad = !found.is_empty();
            problems.set(found);
            if bad {
                return;
            }
            saving.set(true);
            let (workflow, navigate) = (workflow.clone(), navigate.clone());
            spawn_local(async move {
                match create_card(workflow.clone(), card).await {
                    Ok(id) => navigate(&format!("/board/{workflow}?item={id}"), Default::default()),
                    Err(e) => error.set(Some(e)),
                }
                saving.set(false);
            });
        }
    };
    let problem =
        move |key: String| Signal::derive(move || problems.with(|p| p.get(&key).cloned()));
    view! {
        <p class="text-sm"><a href=format!("/board/{}", def.id) class="text-indigo-700 hover:underline dark:text-indigo-300">{def.name.clone()}</a></p>
        <h1 class="text-2xl font-semibold tracking-tight">"New item"</h1>
        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {format!("It starts in {stage_name}. The fields marked as needed must be filled before it can leave {stage_name}; you can also add them later.")}
        </p>
        {move || error.get().map(|error| view! { <div class="mt-3"><ErrorView error/></div> })}
        <form on:submit=submit class=format!("{CARD} mt-4 grid gap-4 sm:grid-cols-2") novalidate>
            <div class="sm:col-span-2">
                <label for="field-title" class=LABEL>"Title"</label>
                <input id="field-title" type="text" class=INPUT required prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                <p class="mt-1 text-xs text-red-700 dark:text-red-300">{move || problem("title".into()).get()}</p>
            </div>
            <div>
                <label for="field-owner" class=LABEL>"Owner"</label>
                <select id="field-owner" class=INPUT on:change=move |ev| owner.set(event_target_value(&ev))>
                    <option value="">"Nobody yet"</option>
                    {dir.people.iter().filter(|p| p.role.can_work()).map(|p| view! {
                        <option value=p.id.to_string() selected=p.id == dir.me>{p.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="field-due" class=LABEL>"Due date"</label>
                <input id="field-due" type="date" class=INPUT on:input=move |ev| due.set(event_target_value(&ev))/>
                <p class="mt-1 text-xs text-red-700 dark:text-red-300">{move || problem("due".into()).get()}</p>
            </div>
            <div>
                <label for="field-channel" class=LABEL>"Channel"</label>
                <select id="field-channel" class=INPUT on:change=move |ev| channel.set(event_target_value(&ev))>
                    {crate::domain::Channel::ALL.into_iter().map(|c| view! { <option value=c.key().to_string() selected=c == Default::default()>{c.label()}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label for="field-campaign" class=LABEL>"Campaign"</label>
                <select id="field-campaign" class=INPUT on:change=move |ev| campaign.set(event_target_value(&ev))>
                    <option value="">"None"</option>
                    {dir.campaigns.iter().map(|c| view! { <option value=c.id.to_string()>{c.name.clone()}</option> }).collect_view()}
                </select>
            </div>
            {inputs.into_iter().map(|(field, raw)| {
                let message = problem(format!("field-{}", field.key));
                let required = Some(format!("needed to leave {stage_name}"));
                view! { <div class="sm:col-span-2"><FieldInput field raw required people=dir.people.clone() problem=message/></div> }
            }).collect_view()}
            <div class="sm:col-span-2">
                <button type="submit" class=PRIMARY_BUTTON disabled=move || saving.get()>"Create item"</button>
            </div>
        </form>
    }
}
