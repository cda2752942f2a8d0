//! One stage's settings: name and description, the fields it needs, its checklist, SLA and
//! escalation, approval, WIP limit, its gates and where items go from it.

use leptos::prelude::*;

use super::approval::{ApprovalEditor, PartyPicker};
use super::widgets::{whole_number, ProblemsAt, Switch, DANGER_BUTTON, SMALL_BUTTON};
use super::Draft;
use crate::components::forms::{HINT, INPUT, LABEL};
use crate::domain::design::DesignEdit;
use crate::domain::limits::{NAME, SHORT, TEXT_FIELD};
use crate::domain::{ChecklistKey, EscalationRule, Sla, StageKey};

const GROUP: &str = "border-t border-slate-200 pt-3 dark:border-slate-800";

/// The settings of the stage `key`.
#[component]
pub fn StageSettings(draft: Draft, key: StageKey) -> impl IntoView {
    let disabled = !draft.editable;
    let id = format!("st-{key}");
    let k = StoredValue::new(key.clone());
    let path = move |part: &str| k.with_value(|key| format!("stages.{key}.{part}"));
    let name = move || k.with_value(|key| draft.stage(key, |s| s.name.clone()).unwrap_or_default());
    let description = move || {
        k.with_value(|key| {
            draft
                .stage(key, |s| s.description.clone())
                .unwrap_or_default()
        })
    };
    let rename = move |ev| {
        draft.apply(DesignEdit::RenameStage {
            stage: k.get_value(),
            name: event_target_value(&ev),
        })
    };
    let describe = move |ev| {
        draft.apply(DesignEdit::SetDescription {
            stage: k.get_value(),
            description: event_target_value(&ev),
        })
    };
    let flag = move |read: fn(&crate::domain::Stage) -> bool| {
        Signal::derive(move || k.with_value(|key| draft.stage(key, read).unwrap_or(false)))
    };
    let set = move |make: fn(StageKey, bool) -> DesignEdit| {
        Callback::new(move |on: bool| draft.apply(make(k.get_value(), on)))
    };
    let wip_raw = RwSignal::new(draft.def.with_untracked(|d| {
        d.stage(&key)
            .and_then(|s| s.wip_limit)
            .map(|n| n.to_string())
            .unwrap_or_default()
    }));
    let wip_problem = RwSignal::new(None::<String>);
    let set_wip = move |ev| {
        let raw = event_target_value(&ev);
        wip_raw.set(raw.clone());
        match whole_number(&raw, "The WIP limit") {
            Ok(limit) => {
                wip_problem.set(None);
                draft.apply(DesignEdit::SetWipLimit {
                    stage: k.get_value(),
                    limit,
                });
            }
            Err(p) => wip_problem.set(Some(p)),
        }
    };
    view! {
        <div class="mt-3 space-y-4">
            <div class="grid gap-3 sm:grid-cols-2">
                <div>
                    <label for=format!("{id}-name") class=LABEL>"Stage name"</label>
                    <input id=format!("{id}-name") type="text" class=INPUT disabled=disabled maxlength=NAME.to_string()
                        prop:value=name on:input=rename/>
                    <ProblemsAt draft path=path("name")/>
                </div>
                <div>
                    <label for=format!("{id}-description") class=LABEL>"What is done here"</label>
                    <input id=format!("{id}-description") type="text" class=INPUT disabled=disabled maxlength=TEXT_FIELD.to_string()
                        prop:value=description on:input=describe/>
                    <ProblemsAt draft path=path("description")/>
                </div>
            </div>
            <RequiredFields draft key=key.clone()/>
            <Checklist draft key=key.clone()/>
            <Timing draft key=key.clone()/>
            <div class=GROUP>
                <ApprovalEditor draft key=key.clone()/>
            </div>
            <fieldset class=GROUP>
                <legend class="text-sm font-semibold">"Gates and limits"</legend>
                <div class="mt-2 grid gap-2 sm:grid-cols-2">
                    <div>
                        <label for=format!("{id}-wip") class=LABEL>"WIP limit (empty for none)"</label>
                        <input id=format!("{id}-wip") type="number" min="1" inputmode="numeric" class=INPUT disabled=disabled
                            prop:value=move || wip_raw.get() on:input=set_wip/>
                        <p class="mt-1 text-xs text-red-700 dark:text-red-300">{move || wip_problem.get()}</p>
                        <ProblemsAt draft path=path("wip_limit")/>
                    </div>
                    <div class="space-y-1.5">
                        <Switch id=format!("{id}-schedule") label="Needs a publish date to enter"
                            checked=flag(|s| s.requires_schedule) on_change=set(|stage, on| DesignEdit::SetRequiresSchedule { stage, on }) disabled=disabled/>
                        <Switch id=format!("{id}-sends") label="Keeps a send log"
                            checked=flag(|s| s.records_sends) on_change=set(|stage, on| DesignEdit::SetRecordsSends { stage, on }) disabled=disabled/>
                        <Switch id=format!("{id}-brand") label="Brand check passes to leave"
                            checked=flag(|s| s.brand_check) on_change=set(|stage, on| DesignEdit::SetBrandCheck { stage, on }) disabled=disabled/>
                        <Switch id=format!("{id}-linked") label="Waits for the campaign's other items"
                            checked=flag(|s| s.gate_linked_items) on_change=set(|stage, on| DesignEdit::SetGateLinkedItems { stage, on }) disabled=disabled/>
                    </div>
                </div>
            </fieldset>
            <Transitions draft key=key.clone()/>
        </div>
    }
    .into_any()
}

/// The workflow's fields, ticked where this stage needs them.
#[component]
fn RequiredFields(draft: Draft, key: StageKey) -> impl IntoView {
    let k = StoredValue::new(key.clone());
    let fields = move || {
        draft.def.with(|d| {
            d.fields
                .iter()
                .map(|f| (f.key.clone(), f.label.clone()))
                .collect::<Vec<_>>()
        })
    };
    let path = format!("stages.{key}.required_fields");
    view! {
        <fieldset class=GROUP>
            <legend class="text-sm font-semibold">"Fields needed to leave"</legend>
            {move || fields().is_empty().then(|| view! { <p class=HINT>"Add fields above to require them here."</p> })}
            <div class="mt-2 flex flex-wrap gap-x-4 gap-y-1.5">
                {move || fields().into_iter().map(|(field, label)| {
                    let f = StoredValue::new(field);
                    let checked = Signal::derive(move || k.with_value(|key| f.with_value(|field| draft.stage(key, |s| s.required_fields.contains(field)).unwrap_or(false))));
                    let on_change = Callback::new(move |required: bool| draft.apply(DesignEdit::SetRequired { stage: k.get_value(), field: f.get_value(), required }));
                    let id = k.with_value(|key| format!("st-{key}-req-{}", f.with_value(|f| f.to_string())));
                    view! { <Switch id=id label=label checked on_change disabled=!draft.editable/> }
                }).collect_view()}
            </div>
            <ProblemsAt draft path=path/>
        </fieldset>
    }
    .into_any()
}

/// The stage's checklist lines.
#[component]
fn Checklist(draft: Draft, key: StageKey) -> impl IntoView {
    let k = StoredValue::new(key.clone());
    let lines = move || {
        k.with_value(|key| {
            draft
                .stage(key, |s| {
                    s.checklist
                        .iter()
                        .map(|l| l.key.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let label = RwSignal::new(String::new());
    let optional = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = label.get_untracked().trim().to_owned();
        if text.is_empty() {
            return;
        }
        draft.apply(DesignEdit::AddChecklistLine {
            stage: k.get_value(),
            label: text,
            optional: optional.get_untracked(),
        });
        label.set(String::new());
        optional.set(false);
    };
    let new_id = format!("st-{key}-new-line");
    view! {
        <div class=GROUP>
            <h4 class="text-sm font-semibold">"Checklist"</h4>
            <ul class="mt-2 space-y-2">
                <For each=lines key=|l| l.clone() children=move |line| view! { <Line draft stage=k.get_value() line/> }/>
            </ul>
            <ProblemsAt draft path=format!("stages.{key}.checklist")/>
            {draft.editable.then(|| view! {
                <form on:submit=add class="mt-2 flex flex-wrap items-end gap-2">
                    <div class="min-w-0 flex-1">
                        <label for=new_id.clone() class=LABEL>"New checklist line"</label>
                        <input id=new_id.clone() type="text" class=INPUT maxlength=SHORT.to_string() placeholder="e.g. Alt text on every image"
                            prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
                    </div>
                    <label class="flex items-center gap-1.5 pb-2 text-sm">
                        <input type="checkbox" class="h-4 w-4" prop:checked=move || optional.get() on:change=move |ev| optional.set(event_target_checked(&ev))/>
                        "Optional"
                    </label>
                    <button type="submit" class=SMALL_BUTTON>"Add line"</button>
                </form>
            })}
        </div>
    }
    .into_any()
}

#[component]
fn Line(draft: Draft, stage: StageKey, line: ChecklistKey) -> impl IntoView {
    let (s, l) = (
        StoredValue::new(stage.clone()),
        StoredValue::new(line.clone()),
    );
    let read = move || {
        s.with_value(|s| {
            l.with_value(|l| {
                draft
                    .stage(s, |st| {
                        st.checklist
                            .iter()
                            .find(|x| &x.key == l)
                            .map(|x| (x.label.clone(), x.optional))
                    })
                    .flatten()
                    .unwrap_or_default()
            })
        })
    };
    let id = format!("st-{stage}-line-{line}");
    let set_label = move |ev| {
        let (_, optional) = read();
        draft.apply(DesignEdit::EditChecklistLine {
            stage: s.get_value(),
            line: l.get_value(),
            label: event_target_value(&ev),
            optional,
        });
    };
    let set_optional = move |ev| {
        let (label, _) = read();
        draft.apply(DesignEdit::EditChecklistLine {
            stage: s.get_value(),
            line: l.get_value(),
            label,
            optional: event_target_checked(&ev),
        });
    };
    let remove = move |_| {
        draft.apply(DesignEdit::RemoveChecklistLine {
            stage: s.get_value(),
            line: l.get_value(),
        })
    };
    view! {
        <li class="flex flex-wrap items-center gap-2">
            <label for=id.clone() class="sr-only">{move || format!("Checklist line {}", read().0)}</label>
            <input id=id.clone() type="text" class=format!("{INPUT} mt-0 min-w-0 flex-1") disabled=!draft.editable maxlength=SHORT.to_string()
                prop:value=move || read().0 on:input=set_label/>
            <label class="flex items-center gap-1.5 text-sm">
                <input type="checkbox" class="h-4 w-4" disabled=!draft.editable prop:checked=move || read().1 on:change=set_optional/>
                "Optional"
            </label>
            {draft.editable.then(|| view! { <button type="button" class=DANGER_BUTTON aria-label=move || format!("Remove the line {}", read().0) on:click=remove>"Remove"</button> })}
            <div class="w-full"><ProblemsAt draft path=format!("stages.{stage}.checklist.{line}")/></div>
        </li>
    }
    .into_any()
}

/// The SLA and the escalation.
#[component]
fn Timing(draft: Draft, key: StageKey) -> impl IntoView {
    let disabled = !draft.editable;
    let id = format!("st-{key}");
    let k = StoredValue::new(key.clone());
    let initial = draft
        .def
        .with_untracked(|d| d.stage(&key).and_then(|s| s.sla));
    let hours = RwSignal::new(initial.map(|s| s.hours.to_string()).unwrap_or_default());
    let business = RwSignal::new(initial.is_some_and(|s| s.business_hours));
    let problem = RwSignal::new(None::<String>);
    let commit = move || match whole_number(&hours.get_untracked(), "The SLA") {
        Ok(h) => {
            problem.set(None);
            let sla = h.map(|hours| Sla {
                hours,
                business_hours: business.get_untracked(),
            });
            draft.apply(DesignEdit::SetSla {
                stage: k.get_value(),
                sla,
            });
        }
        Err(p) => problem.set(Some(p)),
    };
    let escalation =
        move || k.with_value(|key| draft.stage(key, |s| s.escalation.clone()).flatten());
    let initial_after = draft.def.with_untracked(|d| {
        d.stage(&key)
            .and_then(|s| s.escalation.as_ref())
            .and_then(|e| e.after_hours)
            .map(|h| h.to_string())
            .unwrap_or_default()
    });
    let after = RwSignal::new(initial_after);
    let after_problem = RwSignal::new(None::<String>);
    let toggle_escalation = Callback::new(move |on: bool| {
        let rule = on.then(|| EscalationRule {
            to: Vec::new(),
            after_hours: whole_number(&after.get_untracked(), "").ok().flatten(),
        });
        draft.apply(DesignEdit::SetEscalation {
            stage: k.get_value(),
            escalation: rule,
        });
    });
    let set_after = move |ev| {
        let raw = event_target_value(&ev);
        after.set(raw.clone());
        match whole_number(&raw, "The escalation delay") {
            Ok(after_hours) => {
                after_problem.set(None);
                let mut rule = escalation().unwrap_or_default();
                rule.after_hours = after_hours;
                draft.apply(DesignEdit::SetEscalation {
                    stage: k.get_value(),
                    escalation: Some(rule),
                });
            }
            Err(p) => after_problem.set(Some(p)),
        }
    };
    let targets = Signal::derive(move || escalation().map(|e| e.to).unwrap_or_default());
    let set_targets = Callback::new(move |to: Vec<crate::domain::Party>| {
        let mut rule = escalation().unwrap_or_default();
        rule.to = to;
        draft.apply(DesignEdit::SetEscalation {
            stage: k.get_value(),
            escalation: Some(rule),
        });
    });
    let has_escalation = Signal::derive(move || escalation().is_some());
    let (after_id, to_id) = (format!("{id}-after"), format!("{id}-escalate-to"));
    view! {
        <fieldset class=GROUP>
            <legend class="text-sm font-semibold">"Time allowed"</legend>
            <div class="mt-2 grid gap-3 sm:grid-cols-2">
                <div>
                    <label for=format!("{id}-sla") class=LABEL>"SLA in hours (empty for none)"</label>
                    <input id=format!("{id}-sla") type="number" min="1" inputmode="numeric" class=INPUT disabled=disabled
                        prop:value=move || hours.get()
                        on:input=move |ev| { hours.set(event_target_value(&ev)); commit(); }/>
                    <p class="mt-1 text-xs text-red-700 dark:text-red-300">{move || problem.get()}</p>
                    <ProblemsAt draft path=format!("stages.{key}.sla")/>
                </div>
                <div class="sm:pt-6">
                    <Switch id=format!("{id}-business") label="Count business hours only" checked=business
                        on_change=Callback::new(move |on| { business.set(on); commit(); }) disabled=disabled/>
                </div>
            </div>
            <div class="mt-3 space-y-2">
                <Switch id=format!("{id}-escalate") label="Escalate when an item waits too long" checked=has_escalation on_change=toggle_escalation disabled=disabled/>
                <Show when=move || has_escalation.get()>
                    <div class="grid gap-3 sm:grid-cols-2">
                        <div>
                            <label for=after_id.clone() class=LABEL>"After how many hours (empty: when the SLA runs out)"</label>
                            <input id=after_id.clone() type="number" min="1" inputmode="numeric" class=INPUT disabled=disabled
                                prop:value=move || after.get() on:input=set_after/>
                            <p class="mt-1 text-xs text-red-700 dark:text-red-300">{move || after_problem.get()}</p>
                        </div>
                        <div>
                            <PartyPicker draft id=to_id.clone() label="To whom (empty: the accountable people)" parties=targets on_change=set_targets/>
                        </div>
                    </div>
                </Show>
                <ProblemsAt draft path=format!("stages.{key}.escalation")/>
            </div>
        </fieldset>
    }
    .into_any()
}

/// Where approved items and "changes requested" go.
#[component]
fn Transitions(draft: Draft, key: StageKey) -> impl IntoView {
    let disabled = !draft.editable;
    let id = format!("st-{key}");
    let k = StoredValue::new(key.clone());
    let others = move || {
        k.with_value(|key| {
            draft.def.with(|d| {
                d.stages
                    .iter()
                    .filter(|s| &s.key != key)
                    .map(|s| (s.key.clone(), s.name.clone()))
                    .collect::<Vec<_>>()
            })
        })
    };
    let next =
        move || k.with_value(|key| draft.stage(key, |s| s.transitions.next.clone()).flatten());
    let back = move || {
        k.with_value(|key| {
            draft
                .stage(key, |s| s.transitions.on_changes_requested.clone())
                .flatten()
        })
    };
    let set_next = move |ev| {
        let v = event_target_value(&ev);
        let next = (!v.is_empty()).then(|| StageKey::new(v));
        draft.apply(DesignEdit::SetNext {
            stage: k.get_value(),
            next,
        });
    };
    let set_back = move |ev| {
        let v = event_target_value(&ev);
        let target = (!v.is_empty()).then(|| StageKey::new(v));
        draft.apply(DesignEdit::SetOnChangesRequested {
            stage: k.get_value(),
            target,
        });
    };
    view! {
        <fieldset class=GROUP>
            <legend class="text-sm font-semibold">"Where items go"</legend>
            <div class="mt-2 grid gap-3 sm:grid-cols-2">
                <div>
                    <label for=format!("{id}-next") class=LABEL>"When done or approved"</label>
                    <select id=format!("{id}-next") class=INPUT disabled=disabled on:change=set_next>
                        <option value="" selected=move || next().is_none()>"The following stage"</option>
                        {move || others().into_iter().map(|(to, n)| {
                            let value = to.to_string();
                            view! { <option value=value selected=move || next().as_ref() == Some(&to)>{n}</option> }
                        }).collect_view()}
                    </select>
                    <ProblemsAt draft path=format!("stages.{key}.transitions.next")/>
                </div>
                <div>
                    <label for=format!("{id}-back") class=LABEL>"When changes are requested"</label>
                    <select id=format!("{id}-back") class=INPUT disabled=disabled on:change=set_back>
                        <option value="" selected=move || back().is_none()>"Back to the start of this stage"</option>
                        {move || others().into_iter().map(|(to, n)| {
                            let value = to.to_string();
                            view! { <option value=value selected=move || back().as_ref() == Some(&to)>{n}</option> }
                        }).collect_view()}
                    </select>
                    <ProblemsAt draft path=format!("stages.{key}.transitions.on_changes_requested")/>
                </div>
            </div>
        </fieldset>
    }
    .into_any()
}
