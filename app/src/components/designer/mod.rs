//! The workflow designer: a draft edited in the browser with the engine's own `DesignEdit`s,
//! every problem shown next to what causes it as the person types (the engine's `problems`
//! and `limit_problems`, in the server's words), and a save that the server checks again.
//!
//! - [`Draft`] holds the definition being edited, the log of edits (to apply them again on
//!   a version someone else saved meanwhile) and the problems.
//! - `settings` (name, kind, revision rounds), `fields`, `stages` and `stage` (one stage's
//!   settings), `approval`, `raci` (the matrix), `save` (saving, pilots and conflicts).

mod approval;
mod dom;
mod fields;
mod raci;
mod save;
mod settings;
mod stage;
mod stages;
mod widgets;

pub use raci::RaciTable;
pub use settings::kind_label;

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::domain::design::{
    apply_edit, limit_problems, problems, record, DesignEdit, LimitProblem, Problem,
};
use crate::domain::{FieldKey, People, Stage, StageKey, WorkflowDefinition};
use crate::views::designer::DesignView;

/// The draft being designed and everything the designer's parts share.
#[derive(Debug, Clone, Copy)]
pub struct Draft {
    /// The definition as edited so far.
    pub def: RwSignal<WorkflowDefinition>,
    /// The edits made since the version it started from.
    pub log: RwSignal<Vec<DesignEdit>>,
    /// The version the draft started from (`None` for a new workflow).
    pub base: RwSignal<Option<u32>>,
    /// The engine's problems with the draft, placed.
    pub problems: Memo<Vec<Problem>>,
    /// What is too long or too many.
    pub limits: Memo<Vec<LimitProblem>>,
    /// Whether the viewer may change it.
    pub editable: bool,
    /// The team with their teams.
    pub people: StoredValue<People>,
    /// Open items per stage of the version edited.
    pub open_per_stage: StoredValue<BTreeMap<StageKey, u32>>,
    /// Open items with a value per field.
    pub values_per_field: StoredValue<BTreeMap<FieldKey, u32>>,
    /// What the last keyboard or drag move did, for the live region.
    pub announcement: RwSignal<String>,
}

impl Draft {
    /// A draft of the design the server sent.
    pub fn new(view: &DesignView) -> Self {
        let def = RwSignal::new(view.definition.clone());
        Draft {
            def,
            log: RwSignal::new(Vec::new()),
            base: RwSignal::new(view.base_version),
            problems: Memo::new(move |_| def.with(problems)),
            limits: Memo::new(move |_| def.with(limit_problems)),
            editable: view.editable(),
            people: StoredValue::new(view.people.clone()),
            open_per_stage: StoredValue::new(view.open_per_stage.clone()),
            values_per_field: StoredValue::new(view.values_per_field.clone()),
            announcement: RwSignal::new(String::new()),
        }
    }

    /// Applies one edit to the draft and logs it; an edit naming something that is gone
    /// changes nothing (the page never offers one).
    pub fn apply(self, edit: DesignEdit) {
        if !self.editable {
            return;
        }
        let mut applied = false;
        self.def
            .update(|def| applied = apply_edit(def, &edit).is_ok());
        if applied {
            self.log.update(|log| record(log, edit));
        }
    }

    /// Reads something of a stage (tracked); `None` once the stage is gone.
    pub fn stage<T>(self, key: &StageKey, read: impl FnOnce(&Stage) -> T) -> Option<T> {
        self.def.with(|d| d.stage(key).map(read))
    }

    /// The messages of every problem placed exactly at `path` (tracked).
    pub fn messages_at(self, path: &str) -> Vec<String> {
        let mut out: Vec<String> = self.problems.with(|all| {
            all.iter()
                .filter(|p| p.path == path)
                .map(|p| p.message.clone())
                .collect()
        });
        self.limits.with(|all| {
            out.extend(
                all.iter()
                    .filter(|p| p.path == path)
                    .map(|p| p.message.clone()),
            )
        });
        out
    }

    /// How many problems stop the draft from saving (tracked).
    pub fn problem_count(self) -> usize {
        self.problems.with(Vec::len) + self.limits.with(Vec::len)
    }
}

/// The id of the element a problem at `path` is shown in (the summary links to it).
pub fn anchor(path: &str) -> String {
    format!("at-{}", path.replace(['.', '_'], "-"))
}

/// The whole designer for one workflow.
#[component]
pub fn Designer(view: DesignView) -> impl IntoView {
    let draft = Draft::new(&view);
    let view = StoredValue::new(view);
    view! {
        <div class="space-y-6">
            <ProblemSummary draft/>
            <settings::WorkflowSettings draft/>
            <fields::FieldsEditor draft/>
            <stages::StagesEditor draft/>
            <raci::RaciEditor draft/>
            <save::SavePanel draft view/>
        </div>
    }
    .into_any()
}

/// Every problem of the draft, each linking to where it is shown.
#[component]
fn ProblemSummary(draft: Draft) -> impl IntoView {
    let all = move || {
        let mut list: Vec<(String, String)> = draft.problems.with(|ps| {
            ps.iter()
                .map(|p| (p.path.clone(), p.message.clone()))
                .collect()
        });
        draft.limits.with(|ls| {
            list.extend(ls.iter().map(|p| (p.path.clone(), p.message.clone())));
        });
        list
    };
    view! {
        <section aria-labelledby="problems-heading" aria-live="polite"
            class=move || {
                let tone = if draft.problem_count() > 0 {
                    "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950"
                } else {
                    "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950"
                };
                format!("rounded-lg border p-4 text-sm {tone}")
            }
        >
            <h2 id="problems-heading" class="font-semibold">
                {move || match draft.problem_count() {
                    0 => "No problems: this workflow can be saved.".to_string(),
                    1 => "1 problem to fix before saving".to_string(),
                    n => format!("{n} problems to fix before saving"),
                }}
            </h2>
            <ul class="mt-1 list-disc pl-5">
                {move || all().into_iter().map(|(path, message)| view! {
                    <li><a class="underline" href=format!("#{}", anchor(&path))>{message}</a></li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
