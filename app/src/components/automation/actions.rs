//! The "Then" of a rule: actions in order. Nothing here can tick a checklist line or
//! approve — automation never does those.

use leptos::prelude::*;

use super::{Editing, Problems, ROW_BUTTON, SELECT};
use crate::components::forms::{HINT, INPUT, SECONDARY_BUTTON};
use crate::domain::automation::{Action, Assignee, FieldSource, RaciRole, Recipient};
use crate::domain::{Channel, FieldKey, PersonId, StageKey, WorkflowId};

/// The kinds a person picks from.
const KINDS: [(&str, &str); 9] = [
    ("notify", "Notify"),
    ("assign", "Assign"),
    ("move_to", "Move to a stage"),
    ("set_field", "Set a field"),
    ("comment", "Add a comment"),
    ("submit_for_approval", "Submit for approval"),
    ("escalate", "Escalate"),
    ("create_item", "Create an item"),
    ("call_webhook", "Call a webhook"),
];

fn kind_of(action: &Action) -> &'static str {
    match action {
        Action::Notify { .. } => "notify",
        Action::Assign { .. } => "assign",
        Action::MoveTo { .. } => "move_to",
        Action::SetField { .. } => "set_field",
        Action::Comment { .. } => "comment",
        Action::SubmitForApproval => "submit_for_approval",
        Action::Escalate { .. } => "escalate",
        Action::CreateItem { .. } => "create_item",
        Action::CallWebhook { .. } => "call_webhook",
    }
}

fn default_of(kind: &str, editing: Editing) -> Action {
    let workflow = editing.workflow();
    let someone = editing
        .context
        .with_value(|c| c.people.persons.first().map(|p| p.id));
    match kind {
        "assign" => Action::Assign {
            to: match someone {
                Some(person) => Assignee::Person { person },
                None => Assignee::RoundRobin {
                    team: String::new(),
                },
            },
            keep_others: false,
        },
        "move_to" => Action::MoveTo {
            stage: workflow
                .and_then(|w| w.stages.get(1).map(|s| s.key.clone()))
                .unwrap_or_default(),
        },
        "set_field" => Action::SetField {
            field: workflow
                .and_then(|w| w.fields.first().map(|f| f.key.clone()))
                .unwrap_or_default(),
            to: Some(FieldSource::Text {
                template: String::new(),
            }),
        },
        "comment" => Action::Comment {
            text: String::new(),
        },
        "submit_for_approval" => Action::SubmitForApproval,
        "escalate" => Action::Escalate {
            reason: "Pause and escalate: {title} needs a decision".into(),
        },
        "create_item" => Action::CreateItem {
            workflow: editing
                .context
                .with_value(|c| c.workflows.first().map(|w| w.id.clone()))
                .unwrap_or_default(),
            title: "Follow-up: {title}".into(),
            values: Default::default(),
            channel: None,
            link_campaign: true,
        },
        "call_webhook" => Action::CallWebhook {
            endpoint: editing
                .context
                .with_value(|c| c.endpoints.keys().next().copied())
                .unwrap_or(crate::domain::automation::EndpointId(0)),
        },
        _ => Action::Notify {
            to: vec![Recipient::Owner],
            message: "“{title}” is in {stage}".into(),
        },
    }
}

fn with_action(editing: Editing, i: usize, change: impl FnOnce(&mut Action)) {
    editing.rule.update(|r| {
        if let Some(action) = r.actions.get_mut(i) {
            change(action);
        }
    });
}

/// The actions' part of the editor.
#[component]
pub fn ActionsEditor(editing: Editing) -> impl IntoView {
    let shape = Memo::new(move |_| {
        editing
            .rule
            .with(|r| r.actions.iter().map(kind_of).collect::<Vec<_>>())
    });
    let add = move |_| {
        let action = default_of("notify", editing);
        editing.rule.update(|r| r.actions.push(action));
    };
    view! {
        <fieldset class="space-y-3">
            <legend class="text-base font-semibold">"Then, in order"</legend>
            {move || {
                let kinds = shape.get();
                let count = kinds.len();
                if kinds.is_empty() {
                    return view! { <p class="text-sm text-slate-600 dark:text-slate-400">"No actions yet: add what the rule should do."</p> }.into_any();
                }
                view! {
                    <ol class="space-y-3">
                        {kinds.into_iter().enumerate().map(|(i, kind)| view! { <Row editing i kind count/> }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <Problems editing path="actions".to_owned()/>
            {editing.can_edit.then(|| view! {
                <button type="button" class=SECONDARY_BUTTON on:click=add>"Add an action"</button>
            })}
            <p class=HINT>"Texts can name the item: {title}, {stage}, {owner}, {assignees}, {workflow}, {channel}, {priority}, {campaign}, {date}, {field:subject_line}, and for results {metric} and {value}. If an action is refused (a gate holds), the ones after it do not run, and the run log says why."</p>
        </fieldset>
    }
}

#[component]
fn Row(editing: Editing, i: usize, kind: &'static str, count: usize) -> impl IntoView {
    let id = format!("action-{i}");
    let disabled = !editing.can_edit;
    let kind_id = format!("{id}-kind");
    let swap = move |a: usize, b: usize| editing.rule.update(|r| r.actions.swap(a, b));
    view! {
        <li class="rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <div class="flex flex-wrap items-end gap-2">
                <div class="min-w-48 flex-1">
                    <label for=kind_id.clone() class="text-xs font-medium text-slate-600 dark:text-slate-400">{format!("Action {}", i + 1)}</label>
                    <select id=kind_id class=SELECT disabled=disabled on:change=move |ev| {
                        let picked = default_of(&event_target_value(&ev), editing);
                        with_action(editing, i, |a| *a = picked);
                    }>
                        {KINDS.iter().map(|(key, words)| view! { <option value=*key selected=kind == *key>{*words}</option> }).collect_view()}
                    </select>
                </div>
                {editing.can_edit.then(|| view! {
                    <div class="flex gap-1">
                        <button type="button" class=ROW_BUTTON disabled=i == 0 on:click=move |_| swap(i, i - 1)
                            aria-label=format!("Move action {} up", i + 1)>"↑"</button>
                        <button type="button" class=ROW_BUTTON disabled=i + 1 == count on:click=move |_| swap(i, i + 1)
                            aria-label=format!("Move action {} down", i + 1)>"↓"</button>
                        <button type="button" class=ROW_BUTTON on:click=move |_| editing.rule.update(|r| { r.actions.remove(i); })
                            aria-label=format!("Remove action {}", i + 1)>"Remove"</button>
                    </div>
                })}
            </div>
            <div class="mt-2">{details(editing, i, id)}</div>
            <Problems editing path=format!("actions.{i}")/>
        </li>
    }
}

fn text_area(
    id: String,
    label: &'static str,
    current: String,
    disabled: bool,
    put: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <label for=id.clone() class="text-xs font-medium text-slate-600 dark:text-slate-400">{label}</label>
        <textarea id=id rows="2" class=INPUT disabled=disabled prop:value=current
            on:input=move |ev| put(event_target_value(&ev))></textarea>
    }
}

fn people_options(editing: Editing, current: Option<PersonId>) -> impl IntoView {
    let people = editing.context.with_value(|c| c.people.persons.clone());
    people
        .into_iter()
        .map(|p| {
            let selected = current == Some(p.id);
            view! { <option value=format!("person-{}", p.id) selected=selected>{p.name}</option> }
        })
        .collect_view()
}

fn recipient_key(r: &Recipient) -> String {
    match r {
        Recipient::Person { person } => format!("person-{person}"),
        Recipient::Team { team } => format!("team-{team}"),
        Recipient::StageRole { role } => format!("role-{role:?}"),
        Recipient::Owner => "owner".into(),
        Recipient::Assignees => "assignees".into(),
        Recipient::FieldPerson { field } => format!("field-{field}"),
    }
}

fn recipient_of(key: &str) -> Option<Recipient> {
    let role = |name: &str| match name {
        "Responsible" => Some(RaciRole::Responsible),
        "Accountable" => Some(RaciRole::Accountable),
        "Consulted" => Some(RaciRole::Consulted),
        "Informed" => Some(RaciRole::Informed),
        _ => None,
    };
    match key.split_once('-') {
        Some(("person", id)) => id.parse().ok().map(|id| Recipient::Person {
            person: PersonId(id),
        }),
        Some(("team", team)) => Some(Recipient::Team {
            team: team.to_owned(),
        }),
        Some(("role", name)) => role(name).map(|role| Recipient::StageRole { role }),
        Some(("field", field)) => Some(Recipient::FieldPerson {
            field: FieldKey::new(field),
        }),
        _ => match key {
            "owner" => Some(Recipient::Owner),
            "assignees" => Some(Recipient::Assignees),
            _ => None,
        },
    }
}

fn details(editing: Editing, i: usize, id: String) -> AnyView {
    let Some(action) = editing.rule.with_untracked(|r| r.actions.get(i).cloned()) else {
        return ().into_any();
    };
    let disabled = !editing.can_edit;
    let workflow = editing.workflow();
    match action {
        Action::Notify { to, message } => {
            let person_fields: Vec<(FieldKey, String)> = workflow
                .as_ref()
                .map(|w| w.fields.iter().filter(|f| f.field_type == crate::domain::FieldType::Person).map(|f| (f.key.clone(), f.label.clone())).collect())
                .unwrap_or_default();
            let chosen = RwSignal::new(to.iter().map(recipient_key).collect::<Vec<_>>());
            let toggle = move |key: String, on: bool| {
                chosen.update(|keys| {
                    keys.retain(|k| *k != key);
                    if on { keys.push(key) }
                });
                let recipients: Vec<Recipient> = chosen.get_untracked().iter().filter_map(|k| recipient_of(k)).collect();
                with_action(editing, i, |a| if let Action::Notify { to, .. } = a { *to = recipients });
            };
            let mut options: Vec<(String, String)> = vec![
                ("owner".into(), "The owner".into()),
                ("assignees".into(), "Whoever works on it".into()),
                ("role-Responsible".into(), "The stage's responsible people".into()),
                ("role-Accountable".into(), "The stage's accountable people".into()),
                ("role-Consulted".into(), "The stage's consulted people".into()),
                ("role-Informed".into(), "The stage's informed people".into()),
            ];
            options.extend(person_fields.into_iter().map(|(k, label)| (format!("field-{k}"), format!("The item's {label}"))));
            options.extend(editing.context.with_value(|c| c.people.persons.iter().map(|p| (format!("person-{}", p.id), p.name.clone())).collect::<Vec<_>>()));
            options.extend(editing.teams().into_iter().map(|t| (format!("team-{t}"), format!("Everyone in {t}"))));
            view! {
                <div class="space-y-2">
                    <fieldset>
                        <legend class="text-xs font-medium text-slate-600 dark:text-slate-400">"Who"</legend>
                        <div class="mt-1 flex max-h-40 flex-wrap gap-x-4 gap-y-1 overflow-y-auto">
                            {options.into_iter().map(|(key, label)| {
                                let on = to.iter().any(|r| recipient_key(r) == key);
                                let key2 = key.clone();
                                view! {
                                    <label class="flex items-center gap-1.5 text-sm">
                                        <input type="checkbox" class="h-4 w-4" disabled=disabled prop:checked=on
                                            on:change=move |ev| toggle(key2.clone(), event_target_checked(&ev))/>
                                        {label}
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                    {text_area(format!("{id}-message"), "Message", message, disabled, move |text| with_action(editing, i, |a| if let Action::Notify { message, .. } = a { *message = text }))}
                </div>
            }.into_any()
        }
        Action::Assign { to, keep_others } => {
            let (how, detail) = match &to {
                Assignee::Person { person } => ("person", format!("person-{person}")),
                Assignee::RoundRobin { team } => ("round_robin", team.clone()),
                Assignee::FewestOpen { team } => ("fewest", team.clone()),
                Assignee::FieldPerson { field } => ("field", field.to_string()),
            };
            let how = RwSignal::new(how.to_owned());
            let detail = RwSignal::new(detail);
            let rebuild = move || {
                let d = detail.get_untracked();
                let assignee = match how.get_untracked().as_str() {
                    "round_robin" => Assignee::RoundRobin { team: d },
                    "fewest" => Assignee::FewestOpen { team: d },
                    "field" => Assignee::FieldPerson { field: FieldKey::new(d) },
                    _ => Assignee::Person { person: PersonId(d.trim_start_matches("person-").parse().unwrap_or(0)) },
                };
                with_action(editing, i, |a| if let Action::Assign { to, .. } = a { *to = assignee });
            };
            let teams = editing.teams();
            let person_fields: Vec<(FieldKey, String)> = workflow
                .as_ref()
                .map(|w| w.fields.iter().filter(|f| f.field_type == crate::domain::FieldType::Person).map(|f| (f.key.clone(), f.label.clone())).collect())
                .unwrap_or_default();
            let first_team = teams.first().cloned().unwrap_or_default();
            let first_person = editing.context.with_value(|c| c.people.persons.first().map(|p| format!("person-{}", p.id))).unwrap_or_default();
            let first_field = person_fields.first().map(|(k, _)| k.to_string()).unwrap_or_default();
            view! {
                <div class="grid gap-2 sm:grid-cols-2">
                    <select class=SELECT aria-label="How to choose" disabled=disabled on:change=move |ev| {
                        let picked = event_target_value(&ev);
                        detail.set(match picked.as_str() { "round_robin" | "fewest" => first_team.clone(), "field" => first_field.clone(), _ => first_person.clone() });
                        how.set(picked);
                        rebuild();
                    }>
                        <option value="person" selected=how.get_untracked() == "person">"This person"</option>
                        <option value="round_robin" selected=how.get_untracked() == "round_robin">"Take turns in a team"</option>
                        <option value="fewest" selected=how.get_untracked() == "fewest">"Whoever in a team has the fewest open items"</option>
                        <option value="field" selected=how.get_untracked() == "field">"The person in a field of the item"</option>
                    </select>
                    {move || {
                        let current = detail.get_untracked();
                        match how.get().as_str() {
                            "round_robin" | "fewest" => view! {
                                <select class=SELECT aria-label="Team" disabled=disabled on:change=move |ev| { detail.set(event_target_value(&ev)); rebuild(); }>
                                    {editing.teams().into_iter().map(|t| { let selected = t == current; let label = t.clone(); view! { <option value=t selected=selected>{label}</option> } }).collect_view()}
                                </select>
                            }.into_any(),
                            "field" => view! {
                                <select class=SELECT aria-label="Field" disabled=disabled on:change=move |ev| { detail.set(event_target_value(&ev)); rebuild(); }>
                                    {person_fields.clone().into_iter().map(|(k, label)| { let selected = k.as_str() == current; view! { <option value=k.to_string() selected=selected>{label}</option> } }).collect_view()}
                                </select>
                            }.into_any(),
                            _ => {
                                let selected = current.trim_start_matches("person-").parse().ok().map(PersonId);
                                view! {
                                    <select class=SELECT aria-label="Person" disabled=disabled on:change=move |ev| { detail.set(event_target_value(&ev)); rebuild(); }>
                                        {people_options(editing, selected)}
                                    </select>
                                }.into_any()
                            }
                        }
                    }}
                    <label class="flex items-center gap-2 text-sm sm:col-span-2">
                        <input type="checkbox" class="h-4 w-4" disabled=disabled prop:checked=keep_others
                            on:change=move |ev| { let on = event_target_checked(&ev); with_action(editing, i, |a| if let Action::Assign { keep_others, .. } = a { *keep_others = on }); }/>
                        "Keep whoever works on it already"
                    </label>
                </div>
            }.into_any()
        }
        Action::MoveTo { stage } => {
            let stages = workflow.map(|w| w.stages).unwrap_or_default();
            view! {
                <select class=SELECT aria-label="Stage" disabled=disabled on:change=move |ev| {
                    let key = StageKey::new(event_target_value(&ev));
                    with_action(editing, i, |a| if let Action::MoveTo { stage } = a { *stage = key });
                }>
                    {stages.into_iter().map(|s| { let selected = s.key == stage; view! { <option value=s.key.to_string() selected=selected>{s.name}</option> } }).collect_view()}
                </select>
                <p class=HINT>"Through the stage's gates, as a person would: a move the gates refuse is logged with the reasons."</p>
            }.into_any()
        }
        Action::SetField { field, to } => {
            let fields = workflow.map(|w| w.fields).unwrap_or_default();
            let text = match &to {
                Some(FieldSource::Text { template }) => template.clone(),
                Some(FieldSource::Value { value }) => value.to_string(),
                _ => String::new(),
            };
            view! {
                <div class="grid gap-2 sm:grid-cols-2">
                    <select class=SELECT aria-label="Field" disabled=disabled on:change=move |ev| {
                        let key = FieldKey::new(event_target_value(&ev));
                        with_action(editing, i, |a| if let Action::SetField { field, .. } = a { *field = key });
                    }>
                        {fields.into_iter().map(|f| { let selected = f.key == field; view! { <option value=f.key.to_string() selected=selected>{f.label}</option> } }).collect_view()}
                    </select>
                    <div>
                        <label for=format!("{id}-to") class="sr-only">"To"</label>
                        <input id=format!("{id}-to") class=INPUT placeholder="New value (empty clears it)" disabled=disabled prop:value=text
                            on:input=move |ev| {
                                let template = event_target_value(&ev);
                                let source = (!template.trim().is_empty()).then_some(FieldSource::Text { template });
                                with_action(editing, i, |a| if let Action::SetField { to, .. } = a { *to = source });
                            }/>
                    </div>
                </div>
            }.into_any()
        }
        Action::Comment { text } => text_area(format!("{id}-text"), "Comment", text, disabled, move |t| with_action(editing, i, |a| if let Action::Comment { text } = a { *text = t })).into_any(),
        Action::Escalate { reason } => text_area(format!("{id}-reason"), "Why (the escalation says this)", reason, disabled, move |t| with_action(editing, i, |a| if let Action::Escalate { reason } = a { *reason = t })).into_any(),
        Action::SubmitForApproval => view! { <p class=HINT>"Asks the stage's approvers to decide; they approve, not Baton."</p> }.into_any(),
        Action::CreateItem { workflow: target, title, channel, link_campaign, .. } => {
            let workflows = editing.context.with_value(|c| c.workflows.iter().map(|w| (w.id.clone(), w.name.clone())).collect::<Vec<_>>());
            view! {
                <div class="grid gap-2 sm:grid-cols-2">
                    <select class=SELECT aria-label="In workflow" disabled=disabled on:change=move |ev| {
                        let picked = WorkflowId(event_target_value(&ev));
                        with_action(editing, i, |a| if let Action::CreateItem { workflow, .. } = a { *workflow = picked });
                    }>
                        {workflows.into_iter().map(|(w, name)| { let selected = w == target; view! { <option value=w.to_string() selected=selected>{name}</option> } }).collect_view()}
                    </select>
                    <select class=SELECT aria-label="Channel" disabled=disabled on:change=move |ev| {
                        let picked = Channel::from_key(&event_target_value(&ev));
                        with_action(editing, i, |a| if let Action::CreateItem { channel, .. } = a { *channel = picked });
                    }>
                        <option value="" selected=channel.is_none()>"The workflow's usual channel"</option>
                        {Channel::ALL.into_iter().map(|c| view! { <option value=c.key() selected=channel == Some(c)>{c.label()}</option> }).collect_view()}
                    </select>
                    <div class="sm:col-span-2">
                        <label for=format!("{id}-title") class="text-xs font-medium text-slate-600 dark:text-slate-400">"Title"</label>
                        <input id=format!("{id}-title") class=INPUT disabled=disabled prop:value=title
                            on:input=move |ev| { let t = event_target_value(&ev); with_action(editing, i, |a| if let Action::CreateItem { title, .. } = a { *title = t }); }/>
                    </div>
                    <label class="flex items-center gap-2 text-sm sm:col-span-2">
                        <input type="checkbox" class="h-4 w-4" disabled=disabled prop:checked=link_campaign
                            on:change=move |ev| { let on = event_target_checked(&ev); with_action(editing, i, |a| if let Action::CreateItem { link_campaign, .. } = a { *link_campaign = on }); }/>
                        "In the same campaign"
                    </label>
                </div>
            }.into_any()
        }
        Action::CallWebhook { endpoint } => {
            let endpoints = editing.context.with_value(|c| c.endpoints.clone());
            if endpoints.is_empty() {
                return view! { <p class=HINT>"No webhook endpoints are set up yet: an admin adds them under Settings → Integrations."</p> }.into_any();
            }
            view! {
                <select class=SELECT aria-label="Endpoint" disabled=disabled on:change=move |ev| {
                    let picked = crate::domain::automation::EndpointId(event_target_value(&ev).parse().unwrap_or(0));
                    with_action(editing, i, |a| if let Action::CallWebhook { endpoint } = a { *endpoint = picked });
                }>
                    {endpoints.into_iter().map(|(e, name)| view! { <option value=e.to_string() selected=e == endpoint>{name}</option> }).collect_view()}
                </select>
            }.into_any()
        }
    }
}
