//! An item's history in words: who did what, when.

use leptos::prelude::*;

use crate::api::board::PersonTag;
use crate::domain::{words, Event, WorkflowDefinition};
pub use crate::views::activity::{describe, name_of};

/// The history, newest first.
#[component]
pub fn Activity(
    events: Vec<Event>,
    def: WorkflowDefinition,
    people: Vec<PersonTag>,
) -> impl IntoView {
    let mut events = events;
    events.reverse();
    view! {
        <ol class="space-y-2 text-sm">
            {events.into_iter().map(|e| {
                let who = name_of(&people, e.actor);
                let what = describe(&e.kind, &def, &people);
                let when = words::moment(e.at);
                view! {
                    <li class="border-l-2 border-slate-200 pl-3 dark:border-slate-700">
                        <span class="font-medium">{who}</span>" "{what}
                        <span class="block text-xs text-slate-500 dark:text-slate-400"><time datetime=e.at.to_rfc3339()>{when}</time></span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
