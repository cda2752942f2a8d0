//! A stage's approval step — single, all of, N of M or sequential; approvers as people,
//! teams or a person field of the item — and the picker of people and teams the escalation
//! uses too.

use leptos::prelude::*;

use super::widgets::{whole_number, ProblemsAt, Switch, SMALL_BUTTON};
use super::Draft;
use crate::components::forms::{INPUT, LABEL};
use crate::domain::design::DesignEdit;
use crate::domain::{
    ApprovalPolicy, ApprovalRule, ApproverRef, FieldType, Party, People, PersonId, StageKey,
};

/// Every team of the directory, once each, by name.
pub fn teams_of(people: &People) -> Vec<String> {
    let mut teams: Vec<String> = Vec::new();
    for team in people.persons.iter().flat_map(|p| &p.teams) {
        if !teams.iter().any(|t| t.eq_ignore_ascii_case(team.trim())) {
            teams.push(team.trim().to_owned());
        }
    }
    teams.sort_by_key(|t| t.to_lowercase());
    teams
}

/// An approver as a picker value ("p:12", "t:Design", "f:reviewer") and back.
pub fn approver_value(approver: &ApproverRef) -> String {
    match approver {
        ApproverRef::Person(id) => format!("p:{id}"),
        ApproverRef::Team(team) => format!("t:{team}"),
        ApproverRef::Field(key) => format!("f:{key}"),
    }
}

/// Reads a picker value back.
pub fn approver_of(value: &str) -> Option<ApproverRef> {
    let (kind, rest) = value.split_once(':')?;
    match kind {
        "p" => rest
            .parse()
            .ok()
            .map(|id| ApproverRef::Person(PersonId(id))),
        "t" => Some(ApproverRef::Team(rest.to_owned())),
        "f" => Some(ApproverRef::Field(rest.into())),
        _ => None,
    }
}

fn rule_key(rule: ApprovalRule) -> &'static str {
    match rule {
        ApprovalRule::Single => "single",
        ApprovalRule::All => "all",
        ApprovalRule::AtLeast { .. } => "at_least",
        ApprovalRule::Sequential => "sequential",
    }
}

/// The approval step of stage `key`.
#[component]
pub fn ApprovalEditor(draft: Draft, key: StageKey) -> impl IntoView {
    let disabled = !draft.editable;
    let id = format!("st-{key}-approval");
    let k = StoredValue::new(key.clone());
    // Copy closures: they hold only the key's handle, the draft and signals.
    let policy = move || k.with_value(|key| draft.stage(key, |s| s.approval.clone()).flatten());
    let set = move |approval: Option<ApprovalPolicy>| {
        draft.apply(DesignEdit::SetApproval {
            stage: k.get_value(),
            approval,
        })
    };
    let has = Signal::derive(move || policy().is_some());
    let toggle = Callback::new(move |on: bool| {
        if on && policy().is_none() {
            set(Some(ApprovalPolicy {
                rule: ApprovalRule::Single,
                approvers: Vec::new(),
            }));
        } else if !on {
            set(None);
        }
    });
    let initial_n = draft.def.with_untracked(|d| {
        match d
            .stage(&key)
            .and_then(|s| s.approval.as_ref())
            .map(|p| p.rule)
        {
            Some(ApprovalRule::AtLeast { count }) => count.to_string(),
            _ => "2".to_owned(),
        }
    });
    let n_raw = RwSignal::new(initial_n);
    let n_problem = RwSignal::new(None::<String>);
    let set_rule = move |ev| {
        let Some(mut current) = policy() else { return };
        let count = whole_number(&n_raw.get_untracked(), "")
            .ok()
            .flatten()
            .unwrap_or(2);
        current.rule = match event_target_value(&ev).as_str() {
            "all" => ApprovalRule::All,
            "at_least" => ApprovalRule::AtLeast { count },
            "sequential" => ApprovalRule::Sequential,
            _ => ApprovalRule::Single,
        };
        set(Some(current));
    };
    let set_n = move |ev| {
        let raw = event_target_value(&ev);
        n_raw.set(raw.clone());
        match whole_number(&raw, "The number of approvals") {
            Ok(n) => {
                n_problem.set(None);
                if let Some(mut current) = policy() {
                    current.rule = ApprovalRule::AtLeast {
                        count: n.unwrap_or(0),
                    };
                    set(Some(current));
                }
            }
            Err(e) => n_problem.set(Some(e)),
        }
    };
    let add = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        reset_select(&ev);
        let (Some(approver), Some(mut current)) = (approver_of(&value), policy()) else {
            return;
        };
        if !current.approvers.contains(&approver) {
            current.approvers.push(approver);
            set(Some(current));
        }
    };
    let person_fields = move || {
        draft.def.with(|d| {
            d.fields
                .iter()
                .filter(|f| f.field_type == FieldType::Person)
                .map(|f| (f.key.clone(), f.label.clone()))
                .collect::<Vec<_>>()
        })
    };
    let people = draft.people.get_value();
    let teams = StoredValue::new(teams_of(&people));
    let workers: StoredValue<Vec<(PersonId, String)>> = StoredValue::new(
        people
            .persons
            .iter()
            .filter(|p| p.role.can_work())
            .map(|p| (p.id, p.name.clone()))
            .collect(),
    );
    let (rule_id, n_id, add_id) = (
        StoredValue::new(format!("{id}-rule")),
        StoredValue::new(format!("{id}-n")),
        StoredValue::new(format!("{id}-add")),
    );
    let is_at_least =
        move || policy().is_some_and(|p| matches!(p.rule, ApprovalRule::AtLeast { .. }));
    view! {
        <div class="space-y-2">
            <h4 class="text-sm font-semibold">"Sign-off"</h4>
            <Switch id=format!("{id}-on") label="Needs approval to leave" checked=has on_change=toggle disabled=disabled/>
            <Show when=move || has.get()>
                <div class="grid gap-3 sm:grid-cols-2">
                    <div>
                        <label for=rule_id.get_value() class=LABEL>"Who must approve"</label>
                        <select id=rule_id.get_value() class=INPUT disabled=disabled on:change=set_rule>
                            {[("single", "Any one approver"), ("all", "All of them, any order"), ("at_least", "N of them"), ("sequential", "All of them, in order")]
                                .into_iter()
                                .map(|(r, l)| view! { <option value=r selected=move || policy().is_some_and(|p| rule_key(p.rule) == r)>{l}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <Show when=is_at_least>
                        <div>
                            <label for=n_id.get_value() class=LABEL>"How many approvals (N)"</label>
                            <input id=n_id.get_value() type="number" min="1" inputmode="numeric" class=INPUT disabled=disabled
                                prop:value=move || n_raw.get() on:input=set_n/>
                            <p class="mt-1 text-xs text-red-700 dark:text-red-300">{move || n_problem.get()}</p>
                        </div>
                    </Show>
                </div>
                <ApproverList draft key=k.get_value() policy=Signal::derive(policy)/>
                {(!disabled).then(|| view! {
                    <div>
                        <label for=add_id.get_value() class=LABEL>"Add an approver"</label>
                        <select id=add_id.get_value() class=INPUT on:change=add>
                            <option value="" selected>"Choose a person, a team or a field…"</option>
                            <optgroup label="People">
                                {workers.with_value(|w| w.iter().map(|(id, name)| view! { <option value=approver_value(&ApproverRef::Person(*id))>{name.clone()}</option> }).collect_view())}
                            </optgroup>
                            <optgroup label="Teams (anyone in it)">
                                {teams.with_value(|t| t.iter().map(|t| view! { <option value=approver_value(&ApproverRef::Team(t.clone()))>{t.clone()}</option> }).collect_view())}
                            </optgroup>
                            <optgroup label="A person field of the item">
                                {move || person_fields().into_iter().map(|(f, l)| view! { <option value=approver_value(&ApproverRef::Field(f))>{format!("The item's {l}")}</option> }).collect_view()}
                            </optgroup>
                        </select>
                    </div>
                })}
            </Show>
            <ProblemsAt draft path=format!("stages.{key}.approval")/>
        </div>
    }
    .into_any()
}

/// Puts a select back on its first option.
pub fn reset_select(ev: &leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(select) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        {
            select.set_selected_index(0);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

#[component]
fn ApproverList(
    draft: Draft,
    key: StageKey,
    policy: Signal<Option<ApprovalPolicy>>,
) -> impl IntoView {
    let people = draft.people.get_value();
    let name = move |approver: &ApproverRef| match approver {
        ApproverRef::Person(id) => people.name_of(*id),
        ApproverRef::Team(team) => format!("Anyone in {team}"),
        ApproverRef::Field(field) => format!(
            "The item's {}",
            draft.def.with_untracked(|d| d.field_label(field))
        ),
    };
    let change = move |update: &dyn Fn(&mut Vec<ApproverRef>)| {
        if let Some(mut current) = policy.get_untracked() {
            update(&mut current.approvers);
            draft.apply(DesignEdit::SetApproval {
                stage: key.clone(),
                approval: Some(current),
            });
        }
    };
    let change = StoredValue::new(change);
    view! {
        <ol class="space-y-1 text-sm" aria-label="Approvers">
            {move || {
                let approvers = policy.get().map(|p| p.approvers).unwrap_or_default();
                let last = approvers.len().saturating_sub(1);
                approvers.into_iter().enumerate().map(|(i, approver)| {
                    let who = name(&approver);
                    let (up, down, remove) = (who.clone(), who.clone(), who.clone());
                    view! {
                        <li class="flex flex-wrap items-center gap-2">
                            <span class="min-w-0 flex-1">{format!("{}. {who}", i + 1)}</span>
                            {draft.editable.then(|| view! {
                                <button type="button" class=SMALL_BUTTON disabled=i == 0 aria-label=format!("Move {up} earlier")
                                    on:click=move |_| change.with_value(|c| c(&|list| list.swap(i, i.saturating_sub(1))))>"↑"</button>
                                <button type="button" class=SMALL_BUTTON disabled=i == last aria-label=format!("Move {down} later")
                                    on:click=move |_| change.with_value(|c| c(&|list| list.swap(i, i + 1)))>"↓"</button>
                                <button type="button" class=SMALL_BUTTON aria-label=format!("Remove {remove} as an approver")
                                    on:click=move |_| change.with_value(|c| c(&|list| { list.remove(i); }))>"Remove"</button>
                            })}
                        </li>
                    }
                }).collect_view()
            }}
        </ol>
    }
    .into_any()
}

/// Chosen people and teams, with a picker to add more: for escalation targets.
#[component]
pub fn PartyPicker(
    draft: Draft,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    parties: Signal<Vec<Party>>,
    on_change: Callback<Vec<Party>>,
) -> impl IntoView {
    let people = draft.people.get_value();
    let teams = teams_of(&people);
    let workers: Vec<(PersonId, String)> = people
        .persons
        .iter()
        .map(|p| (p.id, p.name.clone()))
        .collect();
    let directory = StoredValue::new(people);
    let add = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let party = match approver_of(&value) {
            Some(ApproverRef::Person(id)) => Party::Person(id),
            Some(ApproverRef::Team(team)) => Party::Team(team),
            _ => return,
        };
        let mut list = parties.get_untracked();
        if !list.contains(&party) {
            list.push(party);
            on_change.run(list);
        }
        reset_select(&ev);
    };
    view! {
        <div>
            <label for=id.clone() class=LABEL>{label}</label>
            <ul class="mt-1 flex flex-wrap gap-1 text-xs">
                {move || parties.get().into_iter().map(|party| {
                    let name = directory.with_value(|p| party.describe(p));
                    let gone = party.clone();
                    view! {
                        <li class="flex items-center gap-1 rounded bg-slate-200 px-1.5 py-0.5 dark:bg-slate-800">
                            {name.clone()}
                            {draft.editable.then(|| view! {
                                <button type="button" aria-label=format!("Remove {name}") class="font-bold"
                                    on:click=move |_| on_change.run(parties.get_untracked().into_iter().filter(|p| *p != gone).collect())>"×"</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {draft.editable.then(|| view! {
                <select id=id class=INPUT on:change=add>
                    <option value="" selected>"Add a person or a team…"</option>
                    <optgroup label="People">
                        {workers.iter().map(|(id, name)| view! { <option value=format!("p:{id}")>{name.clone()}</option> }).collect_view()}
                    </optgroup>
                    <optgroup label="Teams">
                        {teams.iter().map(|t| view! { <option value=format!("t:{t}")>{t.clone()}</option> }).collect_view()}
                    </optgroup>
                </select>
            })}
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approvers_round_trip_through_picker_values() {
        for approver in [
            ApproverRef::Person(PersonId(4)),
            ApproverRef::Team("Legal: EU".into()),
            ApproverRef::Field("reviewer".into()),
        ] {
            assert_eq!(approver_of(&approver_value(&approver)), Some(approver));
        }
        assert_eq!(approver_of("x:1"), None);
    }
}
