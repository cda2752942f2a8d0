//! The automation screens' pieces: the rule editor (trigger, conditions, actions, checked
//! as it is typed by the same rules the server applies), and the run log.

pub mod actions;
pub mod conditions;
pub mod editor;
pub mod hooks;
pub mod runs;
pub mod trigger;

use leptos::prelude::*;

use crate::domain::automation::{Catalog, RuleProblem};
use crate::domain::WorkflowDefinition;
use crate::views::automation::RuleContext;

/// What every part of the editor shares: the rule being edited, what it may refer to,
/// and the problems the domain finds in it.
#[derive(Clone, Copy)]
pub struct Editing {
    /// The rule as it stands in the form.
    pub rule: RwSignal<crate::domain::automation::Rule>,
    /// Workflows, people, campaigns, endpoints.
    pub context: StoredValue<RuleContext>,
    /// Every problem, by path (`trigger`, `conditions.0.1`, `actions.2.title`).
    pub problems: Memo<Vec<RuleProblem>>,
    /// The workflow the rule is scoped to, apart, so lists of stages and fields follow it
    /// without redrawing on every keystroke elsewhere.
    pub scope: Memo<Option<crate::domain::WorkflowId>>,
    /// Whether the viewer may change it.
    pub can_edit: bool,
}

impl Editing {
    /// Runs `f` with the catalog rules refer to.
    pub fn with_catalog<T>(&self, f: impl FnOnce(Catalog<'_>) -> T) -> T {
        self.context.with_value(|c| {
            f(Catalog {
                workflows: &c.workflows,
                people: &c.people,
                campaigns: &c.campaigns,
                endpoints: &c.endpoints,
            })
        })
    }

    /// The workflow the rule listens to, if it is scoped to one.
    pub fn workflow(&self) -> Option<WorkflowDefinition> {
        let scope = self.scope.get();
        self.context.with_value(|c| {
            c.workflows
                .iter()
                .find(|w| Some(&w.id) == scope.as_ref())
                .cloned()
        })
    }

    /// The problems at `path` or inside it, in words.
    pub fn problems_at(&self, path: &str) -> Vec<String> {
        self.problems.with(|all| {
            all.iter()
                .filter(|p| p.path == path || p.path.starts_with(&format!("{path}.")))
                .map(|p| p.message.clone())
                .collect()
        })
    }

    /// Every team name on the team.
    pub fn teams(&self) -> Vec<String> {
        self.context.with_value(|c| {
            let mut teams: Vec<String> = c
                .people
                .persons
                .iter()
                .flat_map(|p| p.teams.iter().cloned())
                .collect();
            teams.sort();
            teams.dedup();
            teams
        })
    }
}

/// The problems found at a path, shown next to what causes them.
#[component]
pub fn Problems(editing: Editing, path: String) -> impl IntoView {
    let messages = Memo::new(move |_| editing.problems_at(&path));
    view! {
        <Show when=move || !messages.get().is_empty()>
            <ul class="mt-1 space-y-0.5 text-xs text-red-700 dark:text-red-300">
                {move || messages.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
        </Show>
    }
}

/// A compact select for the editor.
pub const SELECT: &str =
    "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm \
    focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 \
    disabled:opacity-70 dark:border-slate-700 dark:bg-slate-950";

/// A small button that removes or moves a row.
pub const ROW_BUTTON: &str =
    "rounded px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 \
    disabled:opacity-40 dark:text-slate-300 dark:hover:bg-slate-800";
