//! A running pilot: whose new items try it, how it compares with the baseline, and promoting
//! it to everyone or dropping it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::versions::{end_pilot, PilotInfo};
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, PRIMARY_BUTTON, SECONDARY_BUTTON};
use crate::domain::design::{PilotComparison, Side};
use crate::domain::{words, WorkflowId};
use crate::error::AppError;

/// The pilot and its comparison.
#[component]
pub fn PilotSection(
    id: WorkflowId,
    pilot: PilotInfo,
    comparison: Option<PilotComparison>,
    can_manage: bool,
    reload: Callback<()>,
    /// Where the page says what happened.
    notice: RwSignal<String>,
) -> impl IntoView {
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let id = StoredValue::new(id);
    let version = pilot.version;
    let decide = move |promote: bool| {
        busy.set(true);
        spawn_local(async move {
            match end_pilot(id.get_value(), version, promote).await {
                Ok(message) => {
                    notice.set(message);
                    reload.run(());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="pilot-heading" class=CARD>
            <h2 id="pilot-heading" class="text-lg font-semibold">{format!("Pilot of version {}", pilot.version)}</h2>
            <p class="mt-1 text-sm">
                {format!(
                    "New items of {} get version {}; everyone else's get version {}. Started by {} on {}.",
                    pilot.group_words, pilot.version, pilot.baseline_version, pilot.started_by, words::moment(pilot.started_at)
                )}
            </p>
            {comparison.map(|c| view! {
                <p class="mt-3 text-sm font-medium">{c.summary.clone()}</p>
                <div class="mt-2 overflow-x-auto">
                    <table class="min-w-full text-sm">
                        <caption class="sr-only">"The pilot beside the current version, on items finished since the pilot started"</caption>
                        <thead>
                            <tr class="border-b border-slate-300 text-left dark:border-slate-700">
                                <th scope="col" class="p-2">"Measure"</th>
                                <th scope="col" class="p-2">{format!("Pilot ({} finished)", c.pilot_finished)}</th>
                                <th scope="col" class="p-2">{format!("Current version ({} finished)", c.baseline_finished)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {c.rows.into_iter().map(|r| {
                                let mark = |side: Side| if r.better == Some(side) { " (better)" } else { "" };
                                view! {
                                    <tr class="border-b border-slate-200 dark:border-slate-800">
                                        <th scope="row" class="p-2 text-left font-medium">{r.measure.clone()}</th>
                                        <td class="p-2">{format!("{}{}", r.pilot, mark(Side::Pilot))}</td>
                                        <td class="p-2">{format!("{}{}", r.baseline, mark(Side::Baseline))}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="mt-1 text-xs text-slate-500 dark:text-slate-400">"Items finished since the pilot started, counted as Insights counts them: cycle time from the start stage to the last, in calendar days; on time against the planned or due date."</p>
            })}
            <div class="mt-3 space-y-2" aria-live="polite">
                {move || error.get().map(|error| view! { <ErrorView error/> })}
            </div>
            {can_manage.then(|| view! {
                <div class="mt-3 flex flex-wrap gap-2">
                    <button type="button" class=PRIMARY_BUTTON disabled=move || busy.get() on:click=move |_| decide(true)>"Promote to everyone"</button>
                    <button type="button" class=SECONDARY_BUTTON disabled=move || busy.get() on:click=move |_| decide(false)>"Drop the pilot"</button>
                </div>
            })}
        </section>
    }
    .into_any()
}
