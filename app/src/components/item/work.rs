//! The work of the current stage: its checklist, its approvals (with the
//! feedback approvers gave), its RACI, and the item's comments.

use leptos::prelude::*;

use super::activity::name_of;
use super::Control;
use crate::api::board::{Directory, PersonTag};
use crate::components::forms::{CARD, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON};
use crate::domain::{
    ApprovalProgress, Event, EventKind, Item, Operation, Party, Stage, Verdict, WorkflowDefinition,
};

/// The checklist of the current stage.
#[component]
pub fn Checklist(item: Item, stage: Stage, control: Control, can_work: bool) -> impl IntoView {
    if stage.checklist.is_empty() {
        return ().into_any();
    }
    let done = stage
        .checklist
        .iter()
        .filter(|l| item.is_ticked(&stage.key, &l.key))
        .count();
    view! {
        <section id="checklist" aria-labelledby="checklist-heading" class=CARD>
            <h3 id="checklist-heading" class="font-semibold">
                {format!("{} checklist ({done} of {})", stage.name, stage.checklist.len())}
            </h3>
            <ul class="mt-2 space-y-2">
                {stage.checklist.iter().map(|line| {
                    let ticked = item.is_ticked(&stage.key, &line.key);
                    let id = format!("check-{}", line.key);
                    let key = line.key.clone();
                    let label = line.label.clone();
                    let said = label.clone();
                    view! {
                        <li class="flex items-start gap-2">
                            <input id=id.clone() type="checkbox" class="mt-0.5 h-4 w-4" checked=ticked disabled=move || !can_work || control.busy.get()
                                on:change=move |_| {
                                    let (op, done) = if ticked {
                                        (Operation::Untick { line: key.clone() }, format!("Unticked “{said}”."))
                                    } else {
                                        (Operation::Tick { line: key.clone() }, format!("Ticked “{said}”."))
                                    };
                                    control.run(vec![op], done);
                                }/>
                            <label for=id class="text-sm">
                                {label}
                                {line.optional.then(|| view! { <span class="ml-1 text-xs text-slate-500">"(optional)"</span> })}
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// The approvals of the current stage: who approves, who decided what, and the decisions
/// open to the viewer. The server resolves the approvers (teams through the directory).
#[component]
pub fn Approvals(
    item: Item,
    stage: Stage,
    progress: ApprovalProgress,
    dir: Directory,
    control: Control,
) -> impl IntoView {
    let people = dir.people.clone();
    let submitted = item.is_submitted();
    let my_turn = submitted && progress.waiting_on.contains(&dir.me) && dir.can_work;
    let feedback = RwSignal::new(String::new());
    let summary = if progress.satisfied {
        "Approved".to_string()
    } else if submitted {
        format!(
            "{} of {} approved",
            progress.approved.len(),
            progress.needed
        )
    } else {
        "Not submitted for approval yet".to_string()
    };
    view! {
        <section id="approvals" aria-labelledby="approvals-heading" class=CARD>
            <h3 id="approvals-heading" class="font-semibold">{format!("Approval of {}: {summary}", stage.name)}</h3>
            <ul class="mt-2 space-y-1 text-sm">
                {progress.approvers.iter().map(|p| {
                    let state = match item.approvals.get(p).map(|d| &d.verdict) {
                        Some(Verdict::Approved) => "approved".to_string(),
                        Some(Verdict::ChangesRequested { feedback }) => format!("asked for changes: “{feedback}”"),
                        None if progress.waiting_on.contains(p) && submitted => "to decide".to_string(),
                        None => "not asked yet".to_string(),
                    };
                    view! { <li><span class="font-medium">{name_of(&people, *p)}</span>" — "{state}</li> }
                }).collect_view()}
                {progress.unfilled_fields.iter().map(|f| view! { <li>{format!("No approver chosen yet in “{f}”")}</li> }).collect_view()}
                {progress.empty_teams.iter().map(|t| view! { <li>{format!("Nobody is in {t}, which approves this stage: add someone to the team")}</li> }).collect_view()}
            </ul>
            <div class="mt-3 flex flex-wrap items-end gap-2">
                {(!submitted && dir.can_work && !item.is_archived()).then(|| view! {
                    <button type="button" class=PRIMARY_BUTTON on:click=move |_| control.run(vec![Operation::Submit], "Submitted for approval.")>
                        "Submit for approval"
                    </button>
                })}
                {my_turn.then(|| view! {
                    <button type="button" class=PRIMARY_BUTTON on:click=move |_| control.run(vec![Operation::Approve], "Approved.")>"Approve"</button>
                    <div class="w-full">
                        <label for="feedback" class=LABEL>"Feedback for changes"</label>
                        <textarea id="feedback" rows="2" class=INPUT prop:value=move || feedback.get()
                            on:input=move |ev| feedback.set(event_target_value(&ev))></textarea>
                    </div>
                    <button type="button" class=SECONDARY_BUTTON on:click=move |_| {
                        control.run(vec![Operation::RequestChanges { feedback: feedback.get_untracked() }], "Changes requested.")
                    }>"Request changes"</button>
                })}
            </div>
        </section>
    }
    .into_any()
}

pub(super) fn parties(list: &[Party], people: &[PersonTag]) -> String {
    if list.is_empty() {
        return "—".into();
    }
    list.iter()
        .map(|p| match p {
            Party::Person(id) => name_of(people, *id),
            Party::Team(team) => team.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who is responsible, accountable, consulted and informed in the current stage.
#[component]
pub fn RaciView(stage: Stage, people: Vec<PersonTag>) -> impl IntoView {
    let rows = [
        ("Responsible", parties(&stage.raci.responsible, &people)),
        ("Accountable", parties(&stage.raci.accountable, &people)),
        ("Consulted", parties(&stage.raci.consulted, &people)),
        ("Informed", parties(&stage.raci.informed, &people)),
    ];
    view! {
        <section aria-labelledby="raci-heading" class=CARD>
            <h3 id="raci-heading" class="font-semibold">{format!("Who does what in {}", stage.name)}</h3>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">{stage.description.clone()}</p>
            <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                {rows.into_iter().map(|(role, who)| view! { <dt class="font-medium">{role}</dt><dd>{who}</dd> }).collect_view()}
            </dl>
        </section>
    }
}

/// Comments and approvers' feedback, and a box to add a comment.
#[component]
pub fn Comments(
    events: Vec<Event>,
    def: WorkflowDefinition,
    people: Vec<PersonTag>,
    control: Control,
    can_work: bool,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let notes: Vec<_> = events
        .into_iter()
        .filter_map(|e| match &e.kind {
            EventKind::Commented { text } => {
                Some((e.actor, e.at, "Comment".to_string(), text.clone()))
            }
            EventKind::ChangesRequested { stage, feedback } => {
                let name = def
                    .stage(stage)
                    .map_or_else(|| stage.to_string(), |s| s.name.clone());
                Some((
                    e.actor,
                    e.at,
                    format!("Feedback on {name}"),
                    feedback.clone(),
                ))
            }
            _ => None,
        })
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let said = text.get_untracked();
        if !said.trim().is_empty() {
            text.set(String::new());
            control.run(vec![Operation::Comment { text: said }], "Comment added.");
        }
    };
    view! {
        <section id="comments" aria-labelledby="comments-heading" class=CARD>
            <h3 id="comments-heading" class="font-semibold">"Comments and feedback"</h3>
            {notes.is_empty().then(|| view! { <p class="mt-2 text-sm text-slate-500">"No comments yet."</p> })}
            <ul class="mt-2 space-y-3 text-sm">
                {notes.into_iter().map(|(who, at, kind, body)| view! {
                    <li>
                        <p class="text-xs text-slate-500 dark:text-slate-400">
                            <span class="font-medium text-slate-700 dark:text-slate-200">{name_of(&people, who)}</span>
                            {format!(" · {kind} · {}", crate::domain::words::moment(at))}
                        </p>
                        <p class="whitespace-pre-line">{body}</p>
                    </li>
                }).collect_view()}
            </ul>
            {can_work.then(|| view! {
                <form on:submit=submit class="mt-3 space-y-2">
                    <label for="comment" class=LABEL>"Add a comment"</label>
                    <textarea id="comment" rows="2" class=INPUT prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    <button type="submit" class=SECONDARY_BUTTON>"Comment"</button>
                </form>
            })}
        </section>
    }
}
