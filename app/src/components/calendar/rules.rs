//! The planning rules, which admins tune from the calendar.

use leptos::prelude::*;

use super::model::{CalendarUi, Notice, Tone};
use crate::api::calendar::SavePlanningRules;
use crate::components::error_view::ErrorView;
use crate::components::forms::{HINT, INPUT, LABEL, SECONDARY_BUTTON};
use crate::domain::calendar::PlanningRules;

/// The "Planning rules" form (shown to admins only; the server refuses others).
#[component]
pub fn RulesForm(
    rules: PlanningRules,
    /// Where to say it worked.
    ui: CalendarUi,
    /// Loads the calendar again with the new rules.
    reload: Callback<()>,
) -> impl IntoView {
    let save = ServerAction::<SavePlanningRules>::new();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            ui.tell(Notice {
                tone: Tone::Done,
                text: format!(
                    "Planning rules saved: over-contact within {} days, at most {} posts per platform a day.",
                    saved.over_contact_days, saved.max_posts_per_platform_day
                ),
                details: Vec::new(),
                link: None,
            });
            reload.run(());
        }
    });
    let (over_lo, over_hi) = PlanningRules::OVER_CONTACT_RANGE;
    let (posts_lo, posts_hi) = PlanningRules::MAX_POSTS_RANGE;
    view! {
        // Open or closed is the page's, so a reload after saving keeps the form in view.
        <details
            prop:open=move || ui.rules_open.get()
            class="rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900"
        >
            <summary
                class="cursor-pointer font-semibold"
                on:click=move |ev| {
                    ev.prevent_default();
                    ui.rules_open.update(|open| *open = !*open);
                }
            >
                "Planning rules"
            </summary>
            <ActionForm action=save>
                <div class="mt-3 space-y-3">
                    <div>
                        <label for="rule-over-contact" class=LABEL>"Over-contact window (days)"</label>
                        <input id="rule-over-contact" name="over_contact_days" type="number" required
                            min=over_lo max=over_hi value=rules.over_contact_days class=INPUT aria-describedby="rule-over-contact-hint"/>
                        <p id="rule-over-contact-hint" class=HINT>"Warn when one segment gets two emails within this many days."</p>
                    </div>
                    <div>
                        <label for="rule-max-posts" class=LABEL>"Most posts per platform per day"</label>
                        <input id="rule-max-posts" name="max_posts_per_platform_day" type="number" required
                            min=posts_lo max=posts_hi value=rules.max_posts_per_platform_day class=INPUT aria-describedby="rule-max-posts-hint"/>
                        <p id="rule-max-posts-hint" class=HINT>"Warn when one social platform has more posts than this on a day."</p>
                    </div>
                    {move || save.value().get().and_then(Result::err).map(|error| view! { <ErrorView error/> })}
                    <button type="submit" class=SECONDARY_BUTTON disabled=move || save.pending().get()>"Save rules"</button>
                </div>
            </ActionForm>
        </details>
    }
}
