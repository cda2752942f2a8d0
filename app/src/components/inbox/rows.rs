//! The inbox page's list: one row per item waiting on the person, with decisions in place
//! and approval of several at once.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{countdown, use_pulse, Pulse};
use crate::api::inbox::{
    approve_many, decide, get_inbox, ApprovalView, ApproverState, InboxDecision, InboxRow,
    InboxView,
};
use crate::components::avatar::Avatar;
use crate::components::error_view::ErrorView;
use crate::components::forms::{INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON, SUCCESS};
use crate::domain::inbox::InboxReason;
use crate::domain::{ItemId, SlaStatus};
use crate::error::AppError;

/// What the list shares with every row: messages, the selection, and reloading.
#[derive(Debug, Clone, Copy)]
struct Shared {
    status: RwSignal<String>,
    error: RwSignal<Option<AppError>>,
    selected: RwSignal<BTreeSet<(ItemId, u32)>>,
    busy: RwSignal<bool>,
    reread: RwSignal<u32>,
    pulse: Pulse,
    /// Rows whose "request changes" form is open, and what was typed in them: kept here so
    /// neither is lost when the list is read again.
    asking: RwSignal<BTreeSet<ItemId>>,
    drafts: RwSignal<BTreeMap<ItemId, String>>,
}

impl Shared {
    fn done(self, message: String) {
        self.status.set(message);
        self.reread.update(|n| *n += 1);
        self.pulse.beat();
    }
}

/// The inbox: loads what waits on the person and lists it, most urgent first.
#[component]
pub fn InboxList() -> impl IntoView {
    let pulse = use_pulse();
    let shared = Shared {
        status: RwSignal::new(String::new()),
        error: RwSignal::new(None),
        selected: RwSignal::new(BTreeSet::new()),
        busy: RwSignal::new(false),
        reread: RwSignal::new(0),
        pulse,
        asking: RwSignal::new(BTreeSet::new()),
        drafts: RwSignal::new(BTreeMap::new()),
    };
    // Live changes re-read the list, except while someone is writing feedback in it: then
    // the re-read waits until they send or cancel, so the form stays as it is.
    let live = Memo::new(move |last: Option<&u32>| {
        let writing = !shared.asking.with(BTreeSet::is_empty);
        match last {
            Some(last) if writing => *last,
            _ => pulse.get(),
        }
    });
    let inbox = Resource::new(move || (live.get(), shared.reread.get()), |_| get_inbox());
    let approve_selected = move |_| {
        let chosen: Vec<(ItemId, u32)> = shared.selected.get_untracked().into_iter().collect();
        if chosen.is_empty() {
            return;
        }
        shared.busy.set(true);
        shared.error.set(None);
        spawn_local(async move {
            match approve_many(chosen).await {
                Ok(outcomes) => {
                    let approved = outcomes.iter().filter(|o| o.refused.is_none()).count();
                    let refused: Vec<String> = outcomes
                        .iter()
                        .filter_map(|o| {
                            o.refused
                                .as_ref()
                                .map(|why| format!("“{}”: {why}", o.title))
                        })
                        .collect();
                    shared.selected.set(BTreeSet::new());
                    if !refused.is_empty() {
                        shared
                            .error
                            .set(Some(AppError::InvalidMove { reasons: refused }));
                    }
                    shared.done(format!(
                        "Approved {approved} of {} selected.",
                        outcomes.len()
                    ));
                }
                Err(error) => shared.error.set(Some(error)),
            }
            shared.busy.set(false);
        });
    };
    view! {
        <div class="space-y-2" aria-live="polite">
            {move || shared.error.get().map(|error| view! { <ErrorView error/> })}
            {move || (!shared.status.get().is_empty()).then(|| view! { <p role="status" class=SUCCESS>{shared.status.get()}</p> })}
        </div>
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading your inbox…"</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                    Ok(InboxView { rows, .. }) if rows.is_empty() => view! {
                        <section class="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
                            <p class="font-medium">"Nothing waits on you."</p>
                            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                                "Approvals asked of you, work at stages you're responsible for, feedback on your items and escalations appear here."
                            </p>
                        </section>
                    }.into_any(),
                    Ok(InboxView { rows, now }) => {
                        let decidable = rows.iter().filter(|r| r.can_decide).count();
                        view! {
                            {(decidable > 1).then(|| view! {
                                <div class="mt-4 flex flex-wrap items-center gap-3">
                                    <button type="button" class=PRIMARY_BUTTON
                                        disabled=move || shared.selected.get().is_empty() || shared.busy.get()
                                        on:click=approve_selected>
                                        {move || format!("Approve selected ({})", shared.selected.get().len())}
                                    </button>
                                    <span class="text-sm text-slate-600 dark:text-slate-400">
                                        "Tick approvals to approve them together; each is still checked on its own."
                                    </span>
                                </div>
                            })}
                            <ul aria-label="Waiting on you" class="mt-4 space-y-3">
                                {rows.into_iter().map(|row| view! { <Row row now shared/> }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

fn reason_badge(reason: InboxReason) -> (&'static str, &'static str) {
    match reason {
        InboxReason::Escalated => (
            "Escalated to you",
            "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
        ),
        InboxReason::Approval => (
            "Your approval",
            "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200",
        ),
        InboxReason::ChangesRequested => (
            "Changes requested",
            "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
        ),
        InboxReason::Responsible => (
            "Your turn",
            "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
        ),
        InboxReason::TrendingLate => (
            "Trending late",
            "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
        ),
    }
}

/// The SLA in words, with how urgent it looks.
fn sla_words(sla: SlaStatus, now: DateTime<Utc>) -> Option<(String, &'static str)> {
    match sla {
        SlaStatus::None => None,
        SlaStatus::OnTrack { due } => Some((
            format!("SLA: {}", countdown(due, now)),
            "text-slate-600 dark:text-slate-400",
        )),
        SlaStatus::DueSoon { due } => Some((
            format!("SLA due soon: {}", countdown(due, now)),
            "font-medium text-amber-800 dark:text-amber-300",
        )),
        SlaStatus::Breached { due } => Some((
            format!("SLA breached: {}", countdown(due, now)),
            "font-semibold text-red-700 dark:text-red-300",
        )),
    }
}

#[component]
fn Row(row: InboxRow, now: DateTime<Utc>, shared: Shared) -> impl IntoView {
    let title_id = format!("inbox-item-{}", row.item);
    let labelled_by = title_id.clone();
    let (badge, badge_class) = reason_badge(row.reason);
    let sla = sla_words(row.sla, now);
    let work_due = match (row.sla, row.deadline) {
        (SlaStatus::None, Some(deadline)) if row.reason != InboxReason::Escalated => {
            Some(countdown(deadline, now))
        }
        _ => None,
    };
    let key = (row.item, row.version);
    let title = row.title.clone();
    view! {
        <li aria-labelledby=labelled_by class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <div class="flex flex-wrap items-start gap-3">
                {row.can_decide.then(|| {
                    let label = format!("Select “{}”", row.title);
                    view! {
                        <input type="checkbox" class="mt-1 h-4 w-4" aria-label=label
                            prop:checked=move || shared.selected.with(|s| s.contains(&key))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                shared.selected.update(|s| { if on { s.insert(key); } else { s.remove(&key); } });
                            }/>
                    }
                })}
                <div class="min-w-0 flex-1">
                    <div class="flex flex-wrap items-center gap-2">
                        <span class=format!("rounded px-1.5 py-0.5 text-xs font-medium {badge_class}")>{badge}</span>
                        <a id=title_id href=format!("/items/{}", row.item) class="font-semibold hover:underline">{row.title.clone()}</a>
                    </div>
                    <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                        {format!("{} · {}", row.workflow_name, row.stage)}
                        {row.owner.clone().map(|o| view! { " · owner "{o.name}})}
                    </p>
                    <p class="mt-1 text-sm">
                        {sla.map(|(text, class)| view! { <span class=class>{text}</span> })}
                        {work_due.map(|text| view! { <span class="text-slate-600 dark:text-slate-400">{format!("Work {}", text.to_lowercase())}</span> })}
                    </p>
                    {row.escalation.clone().map(|text| view! {
                        <p class="mt-1 text-sm font-medium text-red-700 dark:text-red-300">{text}</p>
                    })}
                    {row.late.clone().map(|text| view! {
                        <p class="mt-1 text-sm font-medium text-amber-800 dark:text-amber-300">{format!("Trending late: {text}")}</p>
                    })}
                    {row.feedback.clone().map(|(by, text)| view! {
                        <blockquote class="mt-2 border-l-4 border-amber-400 pl-3 text-sm">
                            <p class="font-medium">{format!("{by} asked for changes:")}</p>
                            <p class="whitespace-pre-line">{text}</p>
                        </blockquote>
                    })}
                    {row.approval.clone().map(|approval| view! { <Approvers approval/> })}
                </div>
            </div>
            {row.can_decide.then(|| view! { <Decision id=row.item version=row.version title shared/> })}
        </li>
    }
}

fn state_words(state: ApproverState) -> &'static str {
    match state {
        ApproverState::Approved => "approved",
        ApproverState::ChangesRequested => "asked for changes",
        ApproverState::Waiting => "to decide",
        ApproverState::Later => "after the previous approver",
        ApproverState::NotNeeded => "not needed",
    }
}

#[component]
fn Approvers(approval: ApprovalView) -> impl IntoView {
    view! {
        <div class="mt-2 text-sm">
            <p class="text-slate-600 dark:text-slate-400">
                {format!("{} · {} of {} approved", approval.policy, approval.approved, approval.needed)}
            </p>
            <ul aria-label="Approvers" class="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {approval.approvers.into_iter().map(|a| {
                    let mark = match a.state {
                        ApproverState::Approved => "✓",
                        ApproverState::ChangesRequested => "✗",
                        ApproverState::Waiting => "…",
                        ApproverState::Later | ApproverState::NotNeeded => "·",
                    };
                    view! {
                        <li class="flex items-center gap-1.5">
                            <Avatar initials=a.person.initials.clone() seed=a.person.id.0/>
                            <span>{format!("{} — {}", a.person.name, state_words(a.state))}</span>
                            <span aria-hidden="true">{mark}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// Approve, or request changes with feedback, right in the row.
#[component]
fn Decision(id: ItemId, version: u32, title: String, shared: Shared) -> impl IntoView {
    let asking = Signal::derive(move || shared.asking.with(|a| a.contains(&id)));
    let set_asking = move |on: bool| {
        shared.asking.update(|a| {
            if on {
                a.insert(id);
            } else {
                a.remove(&id);
            }
        })
    };
    let feedback = Signal::derive(move || {
        shared
            .drafts
            .with(|d| d.get(&id).cloned().unwrap_or_default())
    });
    let problem = RwSignal::new(None::<String>);
    let feedback_id = format!("feedback-{id}");
    let title = StoredValue::new(title);
    let send = move |decision: InboxDecision, said: String| {
        shared.busy.set(true);
        shared.error.set(None);
        shared.status.set(String::new());
        spawn_local(async move {
            match decide(id, version, decision).await {
                Ok(_) => {
                    shared.selected.update(|s| {
                        s.remove(&(id, version));
                    });
                    shared.drafts.update(|d| {
                        d.remove(&id);
                    });
                    shared.asking.update(|a| {
                        a.remove(&id);
                    });
                    shared.done(said);
                }
                Err(error) => shared.error.set(Some(error)),
            }
            shared.busy.set(false);
        });
    };
    let approve = move |_| {
        send(
            InboxDecision::Approve,
            format!("Approved “{}”.", title.get_value()),
        )
    };
    let request = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = feedback.get_untracked();
        if text.trim().is_empty() {
            problem.set(Some("Say what should change: feedback is required.".into()));
            return;
        }
        problem.set(None);
        send(
            InboxDecision::RequestChanges { feedback: text },
            format!("Asked for changes on “{}”.", title.get_value()),
        );
    };
    view! {
        <div class="mt-3 border-t border-slate-100 pt-3 dark:border-slate-800">
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <div class="flex flex-wrap gap-2">
                        <button type="button" class=PRIMARY_BUTTON disabled=move || shared.busy.get() on:click=approve>"Approve"</button>
                        <button type="button" class=SECONDARY_BUTTON disabled=move || shared.busy.get() on:click=move |_| set_asking(true)>"Request changes"</button>
                    </div>
                }
            >
                <form class="space-y-2" on:submit=request>
                    <label for=feedback_id.clone() class=LABEL>"Feedback"</label>
                    <textarea id=feedback_id.clone() rows="3" class=INPUT aria-required="true"
                        aria-invalid=move || problem.get().is_some().to_string()
                        placeholder="What should change, and why?"
                        prop:value=move || feedback.get()
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            shared.drafts.update(|d| { d.insert(id, text); });
                        }></textarea>
                    {move || problem.get().map(|p| view! { <p role="alert" class="text-sm text-red-700 dark:text-red-300">{p}</p> })}
                    <div class="flex flex-wrap gap-2">
                        <button type="submit" class=PRIMARY_BUTTON disabled=move || shared.busy.get()>"Request changes"</button>
                        <button type="button" class=SECONDARY_BUTTON on:click=move |_| { set_asking(false); problem.set(None); }>"Cancel"</button>
                    </div>
                </form>
            </Show>
        </div>
    }
}
