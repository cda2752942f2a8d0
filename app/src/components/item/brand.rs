//! The brand check as someone types: each finding of the style guide on a copy field, with
//! its fix, worked out in the browser by the engine's own check (no round trip).

use leptos::prelude::*;

use crate::domain::brand::{check, CopyField};
use crate::domain::{Channel, StyleGuide};

/// The findings on one copy field, updated on every keystroke.
#[component]
pub fn BrandFindings(
    /// The workspace style guide.
    guide: StoredValue<StyleGuide>,
    /// Which kind of copy the field holds (decides the character limit).
    kind: CopyField,
    /// The item's channel as chosen in the form now.
    channel: Signal<Channel>,
    /// What the field holds now.
    raw: RwSignal<String>,
    /// The element's id, so the input can point at it with `aria-describedby`.
    id: String,
) -> impl IntoView {
    let findings = Memo::new(move |_| {
        let text = raw.get();
        let channel = channel.get();
        guide.with_value(|g| check(g, channel, &text, kind))
    });
    view! {
        <div id=id aria-live="polite" class="mt-1 text-xs">
            {move || {
                if raw.with(|r| r.trim().is_empty()) {
                    return None;
                }
                let found = findings.get();
                Some(if found.is_empty() {
                    view! { <p class="text-emerald-700 dark:text-emerald-300">"Brand check: nothing to fix."</p> }.into_any()
                } else {
                    view! {
                        <div role="group" aria-label="Brand check" class="rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
                            <p class="font-semibold">{format!("Brand check: {} to fix", if found.len() == 1 { "1 thing".to_string() } else { format!("{} things", found.len()) })}</p>
                            <ul class="mt-1 list-disc pl-4">
                                {found.into_iter().map(|f| view! { <li>{f.message}" — "{f.fix}</li> }).collect_view()}
                            </ul>
                        </div>
                    }.into_any()
                })
            }}
        </div>
    }
}
