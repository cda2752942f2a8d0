//! The "When" of a rule: which kind of happening, and its particulars.

use leptos::prelude::*;

use super::{Editing, Problems, SELECT};
use crate::components::forms::{HINT, INPUT, LABEL};
use crate::domain::automation::{
    ApprovalOutcome, Bound, CreatedVia, Recurrence, Threshold, Trigger,
};
use crate::domain::{FieldKey, StageKey};

/// The kinds a person picks from, with their words.
pub const KINDS: [(&str, &str); 14] = [
    ("entered_stage", "An item enters a stage"),
    ("left_stage", "An item leaves a stage"),
    ("item_created", "An item is created"),
    ("field_changed", "A field changes"),
    ("approval_decided", "An approval is decided"),
    ("checklist_completed", "A stage's checklist is complete"),
    ("due_within", "An item is due within some hours"),
    ("overdue_by", "An item is overdue by some hours"),
    ("after_publish", "Some hours after an item is published"),
    ("sla_reminder", "An SLA reminder goes out"),
    ("sla_breached", "An SLA is breached"),
    ("schedule", "On a schedule"),
    ("metric_crossed", "A result crosses a threshold"),
    (
        "metric_crossed_launch",
        "A result crosses a threshold soon after launch",
    ),
];

/// The kind of a trigger, as [`KINDS`] names it.
pub fn kind_of(trigger: &Trigger) -> &'static str {
    match trigger {
        Trigger::EnteredStage { .. } => "entered_stage",
        Trigger::LeftStage { .. } => "left_stage",
        Trigger::ItemCreated { .. } => "item_created",
        Trigger::FieldChanged { .. } => "field_changed",
        Trigger::ApprovalDecided { .. } => "approval_decided",
        Trigger::ChecklistCompleted { .. } => "checklist_completed",
        Trigger::DueWithin { .. } => "due_within",
        Trigger::OverdueBy { .. } => "overdue_by",
        Trigger::AfterPublish { .. } => "after_publish",
        Trigger::SlaReminder { .. } => "sla_reminder",
        Trigger::SlaBreached { .. } => "sla_breached",
        Trigger::Schedule { .. } => "schedule",
        Trigger::MetricCrossed(t) if t.within_hours_of_launch.is_some() => "metric_crossed_launch",
        Trigger::MetricCrossed(_) => "metric_crossed",
    }
}

/// A trigger of `kind` with everyday defaults.
pub fn default_of(kind: &str, today: chrono::NaiveDate) -> Trigger {
    let threshold = |within| {
        Trigger::MetricCrossed(Threshold {
            metric: "open_rate".into(),
            bound: Bound::Below,
            value: 15.0,
            within_hours_of_launch: within,
        })
    };
    match kind {
        "left_stage" => Trigger::LeftStage { stage: None },
        "item_created" => Trigger::ItemCreated { via: None },
        "field_changed" => Trigger::FieldChanged { field: None },
        "approval_decided" => Trigger::ApprovalDecided { outcome: None },
        "checklist_completed" => Trigger::ChecklistCompleted { stage: None },
        "due_within" => Trigger::DueWithin { hours: 24 },
        "overdue_by" => Trigger::OverdueBy { hours: 24 },
        "after_publish" => Trigger::AfterPublish { hours: 48 },
        "sla_reminder" => Trigger::SlaReminder { stage: None },
        "sla_breached" => Trigger::SlaBreached { stage: None },
        "schedule" => Trigger::Schedule {
            recurrence: Recurrence::parse("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0")
                .expect("a valid schedule"),
            starts: today.and_time(chrono::NaiveTime::MIN),
            for_each_item: false,
        },
        "metric_crossed" => threshold(None),
        "metric_crossed_launch" => threshold(Some(48)),
        _ => Trigger::EnteredStage { stage: None },
    }
}

/// Common schedules, in RRULE text and words.
const SCHEDULES: [(&str, &str); 4] = [
    (
        "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
        "Every Monday at 09:00",
    ),
    (
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1;BYHOUR=9;BYMINUTE=0",
        "The first working day of each month at 09:00",
    ),
    (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
        "Every 2 weeks on Monday at 09:00",
    ),
    ("FREQ=DAILY;BYHOUR=8;BYMINUTE=30", "Every day at 08:30"),
];

fn set(editing: Editing, change: impl FnOnce(&mut Trigger)) {
    editing.rule.update(|r| change(&mut r.trigger));
}

/// The trigger's part of the editor.
#[component]
pub fn TriggerEditor(editing: Editing, today: chrono::NaiveDate) -> impl IntoView {
    let kind = Memo::new(move |_| editing.rule.with(|r| kind_of(&r.trigger)));
    let disabled = !editing.can_edit;
    view! {
        <fieldset class="space-y-3">
            <legend class="text-base font-semibold">"When"</legend>
            <div>
                <label for="trigger-kind" class=LABEL>"What sets it off"</label>
                <select id="trigger-kind" class=SELECT disabled=disabled on:change=move |ev| {
                    let picked = event_target_value(&ev);
                    editing.rule.update(|r| r.trigger = default_of(&picked, today));
                }>
                    {KINDS.iter().map(|(key, words)| view! {
                        <option value=*key selected=move || kind.get() == *key>{*words}</option>
                    }).collect_view()}
                </select>
            </div>
            {move || details(editing, kind.get())}
            <Problems editing path="trigger".to_owned()/>
        </fieldset>
    }
}

fn stage_select(
    editing: Editing,
    id: &'static str,
    label: &'static str,
    current: Option<StageKey>,
    put: fn(&mut Trigger, Option<StageKey>),
) -> AnyView {
    let stages = editing.workflow().map(|w| w.stages).unwrap_or_default();
    view! {
        <div>
            <label for=id class=LABEL>{label}</label>
            <select id=id class=SELECT disabled=!editing.can_edit on:change=move |ev| {
                let value = event_target_value(&ev);
                let stage = (!value.is_empty()).then(|| StageKey::new(value));
                set(editing, |t| put(t, stage));
            }>
                <option value="" selected=current.is_none()>"Any stage"</option>
                {stages.into_iter().map(|s| {
                    let selected = current.as_ref() == Some(&s.key);
                    view! { <option value=s.key.to_string() selected=selected>{s.name}</option> }
                }).collect_view()}
            </select>
            {editing.workflow().is_none().then(|| view! { <p class=HINT>"Pick one workflow above to choose a stage."</p> })}
        </div>
    }
    .into_any()
}

fn hours_input(
    editing: Editing,
    label: &'static str,
    current: u32,
    put: fn(&mut Trigger, u32),
) -> AnyView {
    view! {
        <div>
            <label for="trigger-hours" class=LABEL>{label}</label>
            <input id="trigger-hours" type="number" min="1" max="8760" class=INPUT disabled=!editing.can_edit
                prop:value=current.to_string()
                on:input=move |ev| {
                    let hours = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                    set(editing, |t| put(t, hours));
                }/>
        </div>
    }
    .into_any()
}

fn details(editing: Editing, kind: &'static str) -> AnyView {
    let trigger = editing.rule.with_untracked(|r| r.trigger.clone());
    let disabled = !editing.can_edit;
    match trigger {
        Trigger::EnteredStage { stage } => {
            stage_select(editing, "trigger-stage", "Stage", stage, |t, s| {
                if let Trigger::EnteredStage { stage } = t {
                    *stage = s
                }
            })
        }
        Trigger::LeftStage { stage } => {
            stage_select(editing, "trigger-stage", "Stage", stage, |t, s| {
                if let Trigger::LeftStage { stage } = t {
                    *stage = s
                }
            })
        }
        Trigger::ChecklistCompleted { stage } => {
            stage_select(editing, "trigger-stage", "Stage", stage, |t, s| {
                if let Trigger::ChecklistCompleted { stage } = t {
                    *stage = s
                }
            })
        }
        Trigger::SlaReminder { stage } => {
            stage_select(editing, "trigger-stage", "Stage", stage, |t, s| {
                if let Trigger::SlaReminder { stage } = t {
                    *stage = s
                }
            })
        }
        Trigger::SlaBreached { stage } => {
            stage_select(editing, "trigger-stage", "Stage", stage, |t, s| {
                if let Trigger::SlaBreached { stage } = t {
                    *stage = s
                }
            })
        }
        Trigger::DueWithin { hours } => {
            hours_input(editing, "Hours before it is due", hours, |t, h| {
                if let Trigger::DueWithin { hours } = t {
                    *hours = h
                }
            })
        }
        Trigger::OverdueBy { hours } => {
            hours_input(editing, "Hours past its due date", hours, |t, h| {
                if let Trigger::OverdueBy { hours } = t {
                    *hours = h
                }
            })
        }
        Trigger::AfterPublish { hours } => {
            hours_input(editing, "Hours after its publish date", hours, |t, h| {
                if let Trigger::AfterPublish { hours } = t {
                    *hours = h
                }
            })
        }
        Trigger::ItemCreated { via } => {
            let options = [
                ("", "Any way"),
                ("manual", "By hand"),
                ("template", "From a template"),
                ("intake", "From an intake form"),
                ("hook", "Through a hook"),
                ("automation", "By a rule"),
            ];
            let current = via
                .map(|v| {
                    serde_json::to_value(v)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                })
                .unwrap_or_default();
            view! {
                <div>
                    <label for="trigger-via" class=LABEL>"Created how"</label>
                    <select id="trigger-via" class=SELECT disabled=disabled on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let via: Option<CreatedVia> = serde_json::from_value(serde_json::Value::String(value)).ok();
                        set(editing, |t| if let Trigger::ItemCreated { via: v } = t { *v = via });
                    }>
                        {options.into_iter().map(|(key, words)| view! {
                            <option value=key selected=current == key>{words}</option>
                        }).collect_view()}
                    </select>
                </div>
            }
            .into_any()
        }
        Trigger::FieldChanged { field } => {
            let fields = editing.workflow().map(|w| w.fields).unwrap_or_default();
            view! {
                <div>
                    <label for="trigger-field" class=LABEL>"Field"</label>
                    <select id="trigger-field" class=SELECT disabled=disabled on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let picked = (!value.is_empty()).then(|| FieldKey::new(value));
                        set(editing, |t| if let Trigger::FieldChanged { field } = t { *field = picked });
                    }>
                        <option value="" selected=field.is_none()>"Any field"</option>
                        {fields.into_iter().map(|f| {
                            let selected = field.as_ref() == Some(&f.key);
                            view! { <option value=f.key.to_string() selected=selected>{f.label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }
            .into_any()
        }
        Trigger::ApprovalDecided { outcome } => {
            let current = match outcome {
                None => "",
                Some(ApprovalOutcome::Approved) => "approved",
                Some(ApprovalOutcome::ChangesRequested) => "changes_requested",
            };
            view! {
                <div>
                    <label for="trigger-outcome" class=LABEL>"Decision"</label>
                    <select id="trigger-outcome" class=SELECT disabled=disabled on:change=move |ev| {
                        let picked = match event_target_value(&ev).as_str() {
                            "approved" => Some(ApprovalOutcome::Approved),
                            "changes_requested" => Some(ApprovalOutcome::ChangesRequested),
                            _ => None,
                        };
                        set(editing, |t| if let Trigger::ApprovalDecided { outcome } = t { *outcome = picked });
                    }>
                        <option value="" selected=current.is_empty()>"Either"</option>
                        <option value="approved" selected=current == "approved">"Approved (every approval it needs)"</option>
                        <option value="changes_requested" selected=current == "changes_requested">"Changes requested"</option>
                    </select>
                </div>
            }
            .into_any()
        }
        Trigger::Schedule {
            recurrence,
            starts,
            for_each_item,
        } => {
            let text = RwSignal::new(recurrence.to_string());
            let problem = RwSignal::new(None::<String>);
            let words = RwSignal::new(recurrence.to_words());
            let apply = move |value: String| {
                text.set(value.clone());
                match Recurrence::parse(&value) {
                    Ok(parsed) => {
                        problem.set(None);
                        words.set(parsed.to_words());
                        set(editing, |t| {
                            if let Trigger::Schedule { recurrence, .. } = t {
                                *recurrence = parsed
                            }
                        });
                    }
                    Err(e) => problem.set(Some(e.to_string())),
                }
            };
            view! {
                <div class="space-y-3">
                    <div>
                        <label for="trigger-rrule" class=LABEL>"Schedule (RRULE)"</label>
                        <input id="trigger-rrule" class=INPUT disabled=disabled prop:value=move || text.get()
                            on:input=move |ev| apply(event_target_value(&ev))/>
                        <p class=HINT>{move || match problem.get() {
                            Some(p) => p,
                            None => format!("Runs {} in the workspace's time zone.", words.get()),
                        }}</p>
                        <div class="mt-2 flex flex-wrap gap-2">
                            {SCHEDULES.iter().map(|(rule, label)| {
                                let rule = (*rule).to_owned();
                                view! {
                                    <button type="button" class="rounded-full border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                                        disabled=disabled on:click=move |_| apply(rule.clone())>{*label}</button>
                                }
                            }).collect_view()}
                        </div>
                    </div>
                    <div>
                        <label for="trigger-starts" class=LABEL>"Counting from"</label>
                        <input id="trigger-starts" type="date" class=INPUT disabled=disabled
                            prop:value=starts.date().format("%Y-%m-%d").to_string()
                            on:input=move |ev| {
                                if let Ok(day) = chrono::NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                                    set(editing, |t| if let Trigger::Schedule { starts, .. } = t { *starts = day.and_time(chrono::NaiveTime::MIN) });
                                }
                            }/>
                        <p class=HINT>"Schedules every 2 weeks count their weeks from this day."</p>
                    </div>
                    <label class="flex items-center gap-2 text-sm">
                        <input type="checkbox" class="h-4 w-4" disabled=disabled prop:checked=for_each_item
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                set(editing, |t| if let Trigger::Schedule { for_each_item, .. } = t { *for_each_item = on });
                            }/>
                        "Once for each active item of the workflow (up to 500)"
                    </label>
                </div>
            }
            .into_any()
        }
        Trigger::MetricCrossed(threshold) => {
            let launch = kind == "metric_crossed_launch";
            let bound = match threshold.bound {
                Bound::Below => "below",
                Bound::AtMost => "at_most",
                Bound::Above => "above",
                Bound::AtLeast => "at_least",
            };
            view! {
                <div class="grid gap-3 sm:grid-cols-3">
                    <div>
                        <label for="trigger-metric" class=LABEL>"Result"</label>
                        <input id="trigger-metric" class=INPUT disabled=disabled list="known-metrics"
                            prop:value=threshold.metric.as_str().to_owned()
                            on:input=move |ev| {
                                let name = event_target_value(&ev);
                                set(editing, |t| if let Trigger::MetricCrossed(th) = t { th.metric = name.as_str().into() });
                            }/>
                        <datalist id="known-metrics">
                            {["open_rate", "click_rate", "ctr", "cpa", "cpc", "unsubscribe_rate", "bounce_rate", "conversion_rate", "lead_score"]
                                .into_iter().map(|m| view! { <option value=m/> }).collect_view()}
                        </datalist>
                    </div>
                    <div>
                        <label for="trigger-bound" class=LABEL>"Crosses"</label>
                        <select id="trigger-bound" class=SELECT disabled=disabled on:change=move |ev| {
                            let picked = match event_target_value(&ev).as_str() {
                                "at_most" => Bound::AtMost,
                                "above" => Bound::Above,
                                "at_least" => Bound::AtLeast,
                                _ => Bound::Below,
                            };
                            set(editing, |t| if let Trigger::MetricCrossed(th) = t { th.bound = picked });
                        }>
                            {[("below", "below"), ("at_most", "to at most"), ("above", "above"), ("at_least", "to at least")].into_iter().map(|(key, words)| view! {
                                <option value=key selected=bound == key>{words}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="trigger-value" class=LABEL>"Threshold"</label>
                        <input id="trigger-value" type="number" step="any" class=INPUT disabled=disabled
                            prop:value=threshold.value.to_string()
                            on:input=move |ev| {
                                let value = event_target_value(&ev).trim().parse::<f64>().unwrap_or(f64::NAN);
                                set(editing, |t| if let Trigger::MetricCrossed(th) = t { th.value = value });
                            }/>
                    </div>
                    {launch.then(|| view! {
                        <div class="sm:col-span-3">
                            <label for="trigger-window" class=LABEL>"Within this many hours of launch"</label>
                            <input id="trigger-window" type="number" min="1" class=INPUT disabled=disabled
                                prop:value=threshold.within_hours_of_launch.unwrap_or(48).to_string()
                                on:input=move |ev| {
                                    let hours = event_target_value(&ev).trim().parse::<u32>().ok();
                                    set(editing, |t| if let Trigger::MetricCrossed(th) = t { th.within_hours_of_launch = hours });
                                }/>
                        </div>
                    })}
                    <p class=format!("{HINT} sm:col-span-3")>"Percentages are recorded as numbers: 15 means 15 %. The rule runs when a new result crosses the threshold, not each time one is recorded beyond it."</p>
                </div>
            }
            .into_any()
        }
    }
}
