//! The "If" of a rule: groups of conditions, each group and the groups combined by "all"
//! or "any".

use leptos::prelude::*;

use super::{Editing, Problems, ROW_BUTTON, SELECT};
use crate::components::forms::{INPUT, SECONDARY_BUTTON};
use crate::domain::automation::{
    Combine, Comparison, Condition, ConditionGroup, FieldTest, MaybeOneOf, OneOf,
};
use crate::domain::{CampaignId, Channel, FieldKey, FieldValue, PersonId, Priority, StageKey};

/// The kinds a person picks from.
const KINDS: [(&str, &str); 11] = [
    ("field", "A field"),
    ("stage", "The stage"),
    ("channel", "The channel"),
    ("campaign", "The campaign"),
    ("priority", "The priority"),
    ("owner", "The owner"),
    ("owner_team", "The owner's team"),
    ("time_in_stage", "Hours in the stage"),
    ("revision_round", "The revision round"),
    ("metric_value", "The result's value"),
    ("hours_after_launch", "Hours after launch of the result"),
];

fn kind_of(condition: &Condition) -> &'static str {
    match condition {
        Condition::Field { .. } => "field",
        Condition::Stage { .. } => "stage",
        Condition::Channel { .. } => "channel",
        Condition::Campaign { .. } => "campaign",
        Condition::Priority { .. } => "priority",
        Condition::Owner { .. } => "owner",
        Condition::OwnerTeam { .. } => "owner_team",
        Condition::TimeInStage { .. } => "time_in_stage",
        Condition::RevisionRound { .. } => "revision_round",
        Condition::MetricValue { .. } => "metric_value",
        Condition::HoursAfterLaunch { .. } => "hours_after_launch",
    }
}

fn default_of(kind: &str, editing: Editing) -> Condition {
    let workflow = editing.workflow();
    match kind {
        "field" => Condition::Field {
            field: workflow
                .and_then(|w| w.fields.first().map(|f| f.key.clone()))
                .unwrap_or_default(),
            test: FieldTest::IsNotEmpty,
        },
        "stage" => Condition::Stage {
            stage: OneOf::Is(
                workflow
                    .and_then(|w| w.stages.first().map(|s| s.key.clone()))
                    .into_iter()
                    .collect(),
            ),
        },
        "channel" => Condition::Channel {
            channel: OneOf::Is(vec![Channel::Email]),
        },
        "campaign" => Condition::Campaign {
            campaign: MaybeOneOf::IsSet,
        },
        "priority" => Condition::Priority {
            op: Comparison::AtLeast,
            priority: Priority::High,
        },
        "owner" => Condition::Owner {
            owner: MaybeOneOf::IsSet,
        },
        "owner_team" => Condition::OwnerTeam {
            team: editing.teams().into_iter().next().unwrap_or_default(),
            negate: false,
        },
        "time_in_stage" => Condition::TimeInStage {
            op: Comparison::Above,
            hours: 48.0,
        },
        "revision_round" => Condition::RevisionRound {
            op: Comparison::AtLeast,
            round: 1,
        },
        "metric_value" => Condition::MetricValue {
            op: Comparison::Below,
            value: 15.0,
        },
        _ => Condition::HoursAfterLaunch {
            op: Comparison::AtMost,
            hours: 48.0,
        },
    }
}

const COMPARISONS: [(Comparison, &str); 6] = [
    (Comparison::Equal, "is"),
    (Comparison::NotEqual, "is not"),
    (Comparison::Below, "is below"),
    (Comparison::AtMost, "is at most"),
    (Comparison::Above, "is above"),
    (Comparison::AtLeast, "is at least"),
];

fn combine_select(
    id: String,
    current: Combine,
    disabled: bool,
    put: impl Fn(Combine) + 'static,
) -> impl IntoView {
    view! {
        <select id=id class=format!("{SELECT} w-auto") disabled=disabled on:change=move |ev| {
            put(if event_target_value(&ev) == "any" { Combine::Any } else { Combine::All })
        }>
            <option value="all" selected=current == Combine::All>"all of"</option>
            <option value="any" selected=current == Combine::Any>"any of"</option>
        </select>
    }
}

fn with_condition(editing: Editing, g: usize, c: usize, change: impl FnOnce(&mut Condition)) {
    editing.rule.update(|r| {
        if let Some(condition) = r
            .conditions
            .groups
            .get_mut(g)
            .and_then(|group| group.conditions.get_mut(c))
        {
            change(condition);
        }
    });
}

/// The conditions' part of the editor.
#[component]
pub fn ConditionsEditor(editing: Editing) -> impl IntoView {
    // Redrawn when groups or conditions are added, removed or change kind — not as text is typed.
    let shape = Memo::new(move |_| {
        editing.rule.with(|r| {
            r.conditions
                .groups
                .iter()
                .map(|g| g.conditions.iter().map(kind_of).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        })
    });
    let disabled = !editing.can_edit;
    let add_group = move |_| {
        editing.rule.update(|r| {
            let first = default_of("channel", editing);
            r.conditions.groups.push(ConditionGroup {
                combine: Combine::All,
                conditions: vec![first],
            })
        })
    };
    view! {
        <fieldset class="space-y-3">
            <legend class="text-base font-semibold">"If"</legend>
            {move || {
                let groups = shape.get();
                if groups.is_empty() {
                    return view! { <p class="text-sm text-slate-600 dark:text-slate-400">"No conditions: the rule acts every time it is set off."</p> }.into_any();
                }
                let top = editing.rule.with_untracked(|r| r.conditions.combine);
                view! {
                    <div class="space-y-3">
                        {(groups.len() > 1).then(|| view! {
                            <p class="flex items-center gap-2 text-sm">
                                "The rule acts when"
                                {combine_select("conditions-combine".into(), top, disabled, move |c| editing.rule.update(|r| r.conditions.combine = c))}
                                "these groups hold:"
                            </p>
                        })}
                        {groups.into_iter().enumerate().map(|(g, kinds)| view! { <Group editing g kinds/> }).collect_view()}
                    </div>
                }.into_any()
            }}
            {editing.can_edit.then(|| view! {
                <button type="button" class=SECONDARY_BUTTON on:click=add_group>"Add a condition group"</button>
            })}
        </fieldset>
    }
}

#[component]
fn Group(editing: Editing, g: usize, kinds: Vec<&'static str>) -> impl IntoView {
    let combine = editing
        .rule
        .with_untracked(|r| r.conditions.groups[g].combine);
    let disabled = !editing.can_edit;
    let count = kinds.len();
    view! {
        <div class="rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <div class="flex flex-wrap items-center justify-between gap-2 text-sm">
                <p class="flex items-center gap-2">
                    {format!("Group {}: ", g + 1)}
                    {combine_select(format!("group-{g}-combine"), combine, disabled, move |c| editing.rule.update(|r| r.conditions.groups[g].combine = c))}
                    "these conditions"
                </p>
                {editing.can_edit.then(|| view! {
                    <button type="button" class=ROW_BUTTON on:click=move |_| editing.rule.update(|r| { r.conditions.groups.remove(g); })>
                        {format!("Remove group {}", g + 1)}
                    </button>
                })}
            </div>
            <ul class="mt-2 space-y-3">
                {kinds.into_iter().enumerate().map(|(c, kind)| view! { <Row editing g c kind/> }).collect_view()}
            </ul>
            {editing.can_edit.then(|| view! {
                <button type="button" class=format!("{ROW_BUTTON} mt-2") on:click=move |_| {
                    let condition = default_of("channel", editing);
                    editing.rule.update(|r| r.conditions.groups[g].conditions.push(condition));
                }>{format!("Add a condition to group {}", g + 1)}</button>
            })}
            {(count == 0).then(|| view! { <p class="text-xs text-slate-500">"An empty group holds."</p> })}
        </div>
    }
}

#[component]
fn Row(editing: Editing, g: usize, c: usize, kind: &'static str) -> impl IntoView {
    let id = format!("condition-{g}-{c}");
    let disabled = !editing.can_edit;
    let kind_id = format!("{id}-kind");
    view! {
        <li class="grid gap-2 sm:grid-cols-[12rem_1fr_auto] sm:items-start">
            <div>
                <label for=kind_id.clone() class="sr-only">{format!("Condition {} of group {}", c + 1, g + 1)}</label>
                <select id=kind_id class=SELECT disabled=disabled on:change=move |ev| {
                    let picked = default_of(&event_target_value(&ev), editing);
                    with_condition(editing, g, c, |condition| *condition = picked);
                }>
                    {KINDS.iter().map(|(key, words)| view! { <option value=*key selected=kind == *key>{*words}</option> }).collect_view()}
                </select>
            </div>
            <div>{details(editing, g, c, id.clone())}</div>
            {editing.can_edit.then(|| view! {
                <button type="button" class=ROW_BUTTON on:click=move |_| editing.rule.update(|r| { r.conditions.groups[g].conditions.remove(c); })>
                    "Remove"
                </button>
            })}
            <div class="sm:col-span-3"><Problems editing path=format!("conditions.{g}.{c}")/></div>
        </li>
    }
}

fn comparison_select(
    id: String,
    current: Comparison,
    disabled: bool,
    put: impl Fn(Comparison) + 'static,
) -> impl IntoView {
    view! {
        <select id=id class=SELECT disabled=disabled on:change=move |ev| {
            let picked = COMPARISONS.iter().find(|(c, _)| format!("{c:?}") == event_target_value(&ev)).map(|(c, _)| *c);
            if let Some(c) = picked { put(c) }
        }>
            {COMPARISONS.iter().map(|(c, words)| {
                let key = format!("{c:?}");
                view! { <option value=key selected=*c == current>{*words}</option> }
            }).collect_view()}
        </select>
    }
}

fn number_input(
    id: String,
    label: &'static str,
    current: f64,
    disabled: bool,
    put: impl Fn(f64) + 'static,
) -> impl IntoView {
    view! {
        <label for=id.clone() class="sr-only">{label}</label>
        <input id=id type="number" step="any" class=INPUT disabled=disabled prop:value=current.to_string()
            on:input=move |ev| put(event_target_value(&ev).trim().parse::<f64>().unwrap_or(f64::NAN))/>
    }
}

fn details(editing: Editing, g: usize, c: usize, id: String) -> AnyView {
    let Some(condition) = editing.rule.with_untracked(|r| {
        r.conditions
            .groups
            .get(g)
            .and_then(|gr| gr.conditions.get(c))
            .cloned()
    }) else {
        return ().into_any();
    };
    let disabled = !editing.can_edit;
    let workflow = editing.workflow();
    let put = move |f: Box<dyn FnOnce(&mut Condition)>| with_condition(editing, g, c, f);
    let op_id = format!("{id}-op");
    let value_id = format!("{id}-value");
    match condition {
        Condition::Field { field, test } => {
            let fields = workflow.map(|w| w.fields).unwrap_or_default();
            let (test_key, value_text) = match &test {
                FieldTest::Compare { op, value } => (format!("{op:?}"), value.to_string()),
                FieldTest::Contains { text } => ("contains".into(), text.clone()),
                FieldTest::IsEmpty => ("empty".into(), String::new()),
                FieldTest::IsNotEmpty => ("filled".into(), String::new()),
            };
            let test_key = RwSignal::new(test_key);
            let value_text = RwSignal::new(value_text);
            let parse_problem = RwSignal::new(None::<String>);
            let fields_for = StoredValue::new(fields.clone());
            let rebuild = move || {
                let key = test_key.get_untracked();
                let raw = value_text.get_untracked();
                let field_key = editing.rule.with_untracked(|r| match r.conditions.groups.get(g).and_then(|gr| gr.conditions.get(c)) {
                    Some(Condition::Field { field, .. }) => field.clone(),
                    _ => FieldKey::default(),
                });
                let def = fields_for.with_value(|fs| fs.iter().find(|f| f.key == field_key).cloned());
                let test = match key.as_str() {
                    "contains" => FieldTest::Contains { text: raw },
                    "empty" => FieldTest::IsEmpty,
                    "filled" => FieldTest::IsNotEmpty,
                    op => {
                        let op = COMPARISONS.iter().find(|(c, _)| format!("{c:?}") == op).map_or(Comparison::Equal, |(c, _)| *c);
                        let value = match def.map(|d| d.parse(&raw)) {
                            Some(Ok(v)) => { parse_problem.set(None); v }
                            Some(Err(e)) => { parse_problem.set(Some(e)); FieldValue::Text(raw) }
                            None => FieldValue::Text(raw),
                        };
                        FieldTest::Compare { op, value }
                    }
                };
                with_condition(editing, g, c, |condition| {
                    if let Condition::Field { test: t, .. } = condition { *t = test }
                });
            };
            let field_id = format!("{id}-field");
            view! {
                <div class="grid gap-2 sm:grid-cols-3">
                    <div>
                        <label for=field_id.clone() class="sr-only">"Field"</label>
                        <select id=field_id class=SELECT disabled=disabled on:change=move |ev| {
                            let key = FieldKey::new(event_target_value(&ev));
                            with_condition(editing, g, c, |condition| if let Condition::Field { field, .. } = condition { *field = key });
                            rebuild();
                        }>
                            {fields.into_iter().map(|f| {
                                let selected = f.key == field;
                                view! { <option value=f.key.to_string() selected=selected>{f.label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for=op_id.clone() class="sr-only">"Test"</label>
                        <select id=op_id class=SELECT disabled=disabled on:change=move |ev| { test_key.set(event_target_value(&ev)); rebuild(); }>
                            {COMPARISONS.iter().map(|(op, words)| {
                                let key = format!("{op:?}");
                                let selected = test_key.get_untracked() == key;
                                view! { <option value=key selected=selected>{*words}</option> }
                            }).collect_view()}
                            <option value="contains" selected=test_key.get_untracked() == "contains">"contains"</option>
                            <option value="empty" selected=test_key.get_untracked() == "empty">"is empty"</option>
                            <option value="filled" selected=test_key.get_untracked() == "filled">"is not empty"</option>
                        </select>
                    </div>
                    <div>
                        <label for=value_id.clone() class="sr-only">"Value"</label>
                        <input id=value_id class=INPUT disabled=move || disabled || matches!(test_key.get().as_str(), "empty" | "filled")
                            prop:value=value_text.get_untracked()
                            on:input=move |ev| { value_text.set(event_target_value(&ev)); rebuild(); }/>
                        {move || parse_problem.get().map(|p| view! { <p class="mt-1 text-xs text-red-700 dark:text-red-300">{p}</p> })}
                    </div>
                </div>
            }.into_any()
        }
        Condition::Stage { stage } => {
            let negate = matches!(stage, OneOf::IsNot(_));
            let current = stage.values().first().cloned();
            let stages = workflow.map(|w| w.stages).unwrap_or_default();
            view! {
                <div class="grid gap-2 sm:grid-cols-2">
                    <select class=SELECT aria-label="Is or is not" disabled=disabled on:change=move |ev| {
                        let not = event_target_value(&ev) == "not";
                        put(Box::new(move |condition| if let Condition::Stage { stage } = condition {
                            let values = stage.values().to_vec();
                            *stage = if not { OneOf::IsNot(values) } else { OneOf::Is(values) };
                        }));
                    }>
                        <option value="is" selected=!negate>"is"</option>
                        <option value="not" selected=negate>"is not"</option>
                    </select>
                    <select class=SELECT aria-label="Stage" disabled=disabled on:change=move |ev| {
                        let key = StageKey::new(event_target_value(&ev));
                        put(Box::new(move |condition| if let Condition::Stage { stage } = condition {
                            *stage = match stage { OneOf::IsNot(_) => OneOf::IsNot(vec![key]), OneOf::Is(_) => OneOf::Is(vec![key]) };
                        }));
                    }>
                        {stages.into_iter().map(|s| {
                            let selected = current.as_ref() == Some(&s.key);
                            view! { <option value=s.key.to_string() selected=selected>{s.name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }.into_any()
        }
        Condition::Channel { channel } => {
            let negate = matches!(channel, OneOf::IsNot(_));
            let current = channel.values().first().copied();
            view! {
                <div class="grid gap-2 sm:grid-cols-2">
                    <select class=SELECT aria-label="Is or is not" disabled=disabled on:change=move |ev| {
                        let not = event_target_value(&ev) == "not";
                        put(Box::new(move |condition| if let Condition::Channel { channel } = condition {
                            let values = channel.values().to_vec();
                            *channel = if not { OneOf::IsNot(values) } else { OneOf::Is(values) };
                        }));
                    }>
                        <option value="is" selected=!negate>"is"</option>
                        <option value="not" selected=negate>"is not"</option>
                    </select>
                    <select class=SELECT aria-label="Channel" disabled=disabled on:change=move |ev| {
                        let Some(picked) = Channel::from_key(&event_target_value(&ev)) else { return };
                        put(Box::new(move |condition| if let Condition::Channel { channel } = condition {
                            *channel = match channel { OneOf::IsNot(_) => OneOf::IsNot(vec![picked]), OneOf::Is(_) => OneOf::Is(vec![picked]) };
                        }));
                    }>
                        {Channel::ALL.into_iter().map(|ch| view! { <option value=ch.key() selected=current == Some(ch)>{ch.label()}</option> }).collect_view()}
                    </select>
                </div>
            }.into_any()
        }
        Condition::Campaign { campaign } => {
            let campaigns = editing.context.with_value(|ctx| ctx.campaigns.clone());
            let current = match &campaign {
                MaybeOneOf::IsSet => "set".to_owned(),
                MaybeOneOf::IsNotSet => "unset".to_owned(),
                MaybeOneOf::Is(list) => list.first().map_or("set".into(), |c| format!("is-{c}")),
                MaybeOneOf::IsNot(list) => list.first().map_or("set".into(), |c| format!("not-{c}")),
            };
            view! {
                <select class=SELECT aria-label="Campaign" disabled=disabled on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let picked = match value.as_str() {
                        "unset" => MaybeOneOf::IsNotSet,
                        "set" => MaybeOneOf::IsSet,
                        other => {
                            let id = other.rsplit('-').next().and_then(|n| n.parse::<i64>().ok()).map(CampaignId);
                            match (other.starts_with("not-"), id) {
                                (true, Some(id)) => MaybeOneOf::IsNot(vec![id]),
                                (false, Some(id)) => MaybeOneOf::Is(vec![id]),
                                _ => MaybeOneOf::IsSet,
                            }
                        }
                    };
                    put(Box::new(move |condition| if let Condition::Campaign { campaign } = condition { *campaign = picked }));
                }>
                    <option value="set" selected=current == "set">"is any campaign"</option>
                    <option value="unset" selected=current == "unset">"is none"</option>
                    {campaigns.iter().map(|(id, name)| {
                        let is = format!("is-{id}");
                        let not = format!("not-{id}");
                        view! {
                            <option value=is.clone() selected=current == is>{format!("is {name}")}</option>
                            <option value=not.clone() selected=current == not>{format!("is not {name}")}</option>
                        }
                    }).collect_view()}
                </select>
            }.into_any()
        }
        Condition::Priority { op, priority } => {
            let levels = [(Priority::Low, "Low"), (Priority::Normal, "Normal"), (Priority::High, "High"), (Priority::Urgent, "Urgent")];
            view! {
                <div class="grid gap-2 sm:grid-cols-2">
                    {comparison_select(op_id, op, disabled, move |o| with_condition(editing, g, c, |cond| if let Condition::Priority { op, .. } = cond { *op = o }))}
                    <select class=SELECT aria-label="Priority" disabled=disabled on:change=move |ev| {
                        let picked = match event_target_value(&ev).as_str() { "low" => Priority::Low, "high" => Priority::High, "urgent" => Priority::Urgent, _ => Priority::Normal };
                        with_condition(editing, g, c, |cond| if let Condition::Priority { priority, .. } = cond { *priority = picked });
                    }>
                        {levels.into_iter().map(|(p, words)| view! { <option value=words.to_lowercase() selected=p == priority>{words}</option> }).collect_view()}
                    </select>
                </div>
            }.into_any()
        }
        Condition::Owner { owner } => {
            let people = editing.context.with_value(|ctx| ctx.people.persons.clone());
            let current = match &owner {
                MaybeOneOf::IsSet => "set".to_owned(),
                MaybeOneOf::IsNotSet => "unset".to_owned(),
                MaybeOneOf::Is(list) => list.first().map_or("set".into(), |p| format!("is-{p}")),
                MaybeOneOf::IsNot(list) => list.first().map_or("set".into(), |p| format!("not-{p}")),
            };
            view! {
                <select class=SELECT aria-label="Owner" disabled=disabled on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let id = value.rsplit('-').next().and_then(|n| n.parse::<i64>().ok()).map(PersonId);
                    let picked = match (value.as_str(), id) {
                        ("unset", _) => MaybeOneOf::IsNotSet,
                        (v, Some(id)) if v.starts_with("not-") => MaybeOneOf::IsNot(vec![id]),
                        (v, Some(id)) if v.starts_with("is-") => MaybeOneOf::Is(vec![id]),
                        _ => MaybeOneOf::IsSet,
                    };
                    put(Box::new(move |condition| if let Condition::Owner { owner } = condition { *owner = picked }));
                }>
                    <option value="set" selected=current == "set">"is anyone"</option>
                    <option value="unset" selected=current == "unset">"is nobody"</option>
                    {people.into_iter().map(|p| {
                        let is = format!("is-{}", p.id);
                        let not = format!("not-{}", p.id);
                        view! {
                            <option value=is.clone() selected=current == is>{format!("is {}", p.name)}</option>
                            <option value=not.clone() selected=current == not>{format!("is not {}", p.name)}</option>
                        }
                    }).collect_view()}
                </select>
            }.into_any()
        }
        Condition::OwnerTeam { team, negate } => {
            let teams = editing.teams();
            view! {
                <div class="grid gap-2 sm:grid-cols-2">
                    <select class=SELECT aria-label="In or not in" disabled=disabled on:change=move |ev| {
                        let not = event_target_value(&ev) == "not";
                        with_condition(editing, g, c, |cond| if let Condition::OwnerTeam { negate, .. } = cond { *negate = not });
                    }>
                        <option value="in" selected=!negate>"is in"</option>
                        <option value="not" selected=negate>"is not in"</option>
                    </select>
                    <select class=SELECT aria-label="Team" disabled=disabled on:change=move |ev| {
                        let picked = event_target_value(&ev);
                        with_condition(editing, g, c, |cond| if let Condition::OwnerTeam { team, .. } = cond { *team = picked });
                    }>
                        {teams.into_iter().map(|t| { let selected = t == team; let label = t.clone(); view! { <option value=t selected=selected>{label}</option> } }).collect_view()}
                    </select>
                </div>
            }.into_any()
        }
        Condition::TimeInStage { op, hours } => view! {
            <div class="grid gap-2 sm:grid-cols-2">
                {comparison_select(op_id, op, disabled, move |o| with_condition(editing, g, c, |cond| if let Condition::TimeInStage { op, .. } = cond { *op = o }))}
                {number_input(value_id, "Hours", hours, disabled, move |v| with_condition(editing, g, c, |cond| if let Condition::TimeInStage { hours, .. } = cond { *hours = v }))}
            </div>
        }.into_any(),
        Condition::RevisionRound { op, round } => view! {
            <div class="grid gap-2 sm:grid-cols-2">
                {comparison_select(op_id, op, disabled, move |o| with_condition(editing, g, c, |cond| if let Condition::RevisionRound { op, .. } = cond { *op = o }))}
                {number_input(value_id, "Round", f64::from(round), disabled, move |v| with_condition(editing, g, c, |cond| if let Condition::RevisionRound { round, .. } = cond { *round = if v.is_finite() && v >= 0.0 { v as u32 } else { 0 } }))}
            </div>
        }.into_any(),
        Condition::MetricValue { op, value } => view! {
            <div class="grid gap-2 sm:grid-cols-2">
                {comparison_select(op_id, op, disabled, move |o| with_condition(editing, g, c, |cond| if let Condition::MetricValue { op, .. } = cond { *op = o }))}
                {number_input(value_id, "Value", value, disabled, move |v| with_condition(editing, g, c, |cond| if let Condition::MetricValue { value, .. } = cond { *value = v }))}
            </div>
        }.into_any(),
        Condition::HoursAfterLaunch { op, hours } => view! {
            <div class="grid gap-2 sm:grid-cols-2">
                {comparison_select(op_id, op, disabled, move |o| with_condition(editing, g, c, |cond| if let Condition::HoursAfterLaunch { op, .. } = cond { *op = o }))}
                {number_input(value_id, "Hours", hours, disabled, move |v| with_condition(editing, g, c, |cond| if let Condition::HoursAfterLaunch { hours, .. } = cond { *hours = v }))}
            </div>
        }.into_any(),
    }
}
