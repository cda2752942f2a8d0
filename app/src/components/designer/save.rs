//! Saving the draft as a new version — for everyone, or first for a pilot group — and what
//! happens when someone else saved first: nothing is lost; the draft's edits can be applied
//! again on top of their version.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::widgets::SECTION;
use super::Draft;
use crate::api::designer::{get_design, save_design};
use crate::components::error_view::ErrorView;
use crate::components::forms::{HINT, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON, SUCCESS};
use crate::domain::design::{reapply, PilotGroup};
use crate::domain::{CampaignId, PersonId};
use crate::error::AppError;
use crate::views::designer::DesignView;

/// The pilot group the form describes, or why it is not complete yet.
pub fn group_of(
    kind: &str,
    team: &str,
    campaign: &str,
    people: &[PersonId],
) -> Result<PilotGroup, String> {
    match kind {
        "team" if !team.trim().is_empty() => Ok(PilotGroup::Team(team.trim().to_owned())),
        "team" => Err("Choose the team whose new items try this version.".into()),
        "campaign" => campaign
            .parse::<i64>()
            .map(|id| PilotGroup::Campaign(CampaignId(id)))
            .map_err(|_| "Choose the campaign whose new items try this version.".into()),
        _ if !people.is_empty() => Ok(PilotGroup::People(people.to_vec())),
        _ => Err("Choose at least one person whose new items try this version.".into()),
    }
}

/// The save section.
#[component]
pub fn SavePanel(draft: Draft, view: StoredValue<DesignView>) -> impl IntoView {
    let navigate = use_navigate();
    let error = RwSignal::new(None::<AppError>);
    let status = RwSignal::new(String::new());
    let skipped = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let pilot_running = RwSignal::new(view.with_value(|v| v.pilot.is_some()));
    let is_new = view.with_value(|v| v.base_version.is_none());
    let mode = RwSignal::new("current".to_string());
    let kind = RwSignal::new("team".to_string());
    let team = RwSignal::new(String::new());
    let campaign = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<PersonId>::new());
    let id = view.with_value(|v| v.definition.id.clone());
    let conflict = move || matches!(error.get(), Some(AppError::Conflict { .. }));
    let unsaved = move || draft.log.with(|log| log.len());

    let save = move |_| {
        let pilot = if mode.get_untracked() == "pilot" && !pilot_running.get_untracked() {
            match group_of(
                &kind.get_untracked(),
                &team.get_untracked(),
                &campaign.get_untracked(),
                &chosen.get_untracked(),
            ) {
                Ok(group) => Some(group),
                Err(message) => {
                    error.set(Some(AppError::validation("pilot", message)));
                    return;
                }
            }
        } else {
            None
        };
        let piloting = pilot.is_some();
        let (definition, base) = (draft.def.get_untracked(), draft.base.get_untracked());
        busy.set(true);
        error.set(None);
        status.set(String::new());
        let navigate = navigate.clone();
        spawn_local(async move {
            match save_design(definition, base, pilot).await {
                Ok(saved) if base.is_none() => {
                    navigate(&format!("/workflows/{}/edit", saved.id), Default::default());
                }
                Ok(saved) => {
                    draft.base.set(Some(saved.version));
                    draft.log.set(Vec::new());
                    skipped.set(Vec::new());
                    if piloting {
                        pilot_running.set(true);
                    }
                    status.set(saved.message);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let reload = move |again: bool| {
        let id = id.clone();
        busy.set(true);
        spawn_local(async move {
            match get_design(id).await {
                Ok(fresh) => {
                    let mut def = fresh.definition;
                    let failed = if again {
                        reapply(&mut def, &draft.log.get_untracked())
                    } else {
                        draft.log.set(Vec::new());
                        Vec::new()
                    };
                    draft.def.set(def);
                    draft.base.set(fresh.base_version);
                    pilot_running.set(fresh.pilot.is_some());
                    skipped.set(failed.iter().map(|(_, why)| why.to_string()).collect());
                    error.set(None);
                    status.set(match (again, fresh.base_version) {
                        (true, Some(v)) => format!("Loaded version {v} and applied your changes to it again: look them over, then save."),
                        (_, Some(v)) => format!("Loaded version {v}; your changes are gone."),
                        _ => String::new(),
                    });
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let reload_again = reload.clone();
    let campaigns = StoredValue::new(view.with_value(|v| v.campaigns.clone()));
    let (teams, workers) = view.with_value(|v| {
        let workers: Vec<(PersonId, String)> = v
            .people
            .persons
            .iter()
            .filter(|p| p.role.can_work())
            .map(|p| (p.id, p.name.clone()))
            .collect();
        (
            StoredValue::new(super::approval::teams_of(&v.people)),
            StoredValue::new(workers),
        )
    });
    let running_words = view.with_value(|v| {
        v.pilot.as_ref().map(|p| {
            format!(
                "A pilot is running: version {} with {}. Saving updates the pilot's version; everyone else stays on version {} until it is promoted.",
                p.version, p.group_words, v.current_version
            )
        })
    });
    if !draft.editable {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="save-heading" class=SECTION>
            <h2 id="save-heading" class="text-lg font-semibold">"Save"</h2>
            <p class=HINT>
                {move || match (is_new, unsaved()) {
                    (true, _) => "Nothing is stored until you save; the first save makes version 1.".to_string(),
                    (false, 0) => "No unsaved changes.".to_string(),
                    (false, 1) => "1 unsaved change.".to_string(),
                    (false, n) => format!("{n} unsaved changes."),
                }}
                " Items in flight keep the version they started on until you move them."
            </p>
            {running_words.map(|w| view! { <p class="mt-2 text-sm">{w}</p> })}
            {(!is_new).then(|| view! {
                <Show when=move || !pilot_running.get()>
                    <fieldset class="mt-3 space-y-2">
                        <legend class="text-sm font-semibold">"Who gets the new version"</legend>
                        <label class="flex items-center gap-2 text-sm">
                            <input type="radio" name="save-mode" value="current" prop:checked=move || mode.get() == "current"
                                on:change=move |_| mode.set("current".into())/>
                            "Everyone's new items"
                        </label>
                        <label class="flex items-center gap-2 text-sm">
                            <input type="radio" name="save-mode" value="pilot" prop:checked=move || mode.get() == "pilot"
                                on:change=move |_| mode.set("pilot".into())/>
                            "First a pilot group's new items; everyone else stays on the current version"
                        </label>
                        <Show when=move || mode.get() == "pilot">
                            <div class="grid gap-3 pl-6 sm:grid-cols-2">
                                <div>
                                    <label for="pilot-kind" class=LABEL>"Pilot group"</label>
                                    <select id="pilot-kind" class=INPUT on:change=move |ev| kind.set(event_target_value(&ev))>
                                        <option value="team" selected=move || kind.get() == "team">"A team"</option>
                                        <option value="campaign" selected=move || kind.get() == "campaign">"A campaign"</option>
                                        <option value="people" selected=move || kind.get() == "people">"Chosen people"</option>
                                    </select>
                                </div>
                                <Show when=move || kind.get() == "team">
                                    <div>
                                        <label for="pilot-team" class=LABEL>"Team"</label>
                                        <select id="pilot-team" class=INPUT on:change=move |ev| team.set(event_target_value(&ev))>
                                            <option value="">"Choose a team…"</option>
                                            {teams.with_value(|teams| teams.iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view())}
                                        </select>
                                    </div>
                                </Show>
                                <Show when=move || kind.get() == "campaign">
                                    <div>
                                        <label for="pilot-campaign" class=LABEL>"Campaign"</label>
                                        <select id="pilot-campaign" class=INPUT on:change=move |ev| campaign.set(event_target_value(&ev))>
                                            <option value="">"Choose a campaign…"</option>
                                            {campaigns.with_value(|cs| cs.iter().map(|c| view! { <option value=c.id.to_string()>{c.name.clone()}</option> }).collect_view())}
                                        </select>
                                    </div>
                                </Show>
                                <Show when=move || kind.get() == "people">
                                    <fieldset class="sm:col-span-2">
                                        <legend class=LABEL>"People"</legend>
                                        <div class="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                                            {workers.with_value(|workers| workers.iter().map(|(id, name)| {
                                                let id = *id;
                                                view! {
                                                    <label class="flex items-center gap-1.5 text-sm">
                                                        <input type="checkbox" class="h-4 w-4" prop:checked=move || chosen.with(|c| c.contains(&id))
                                                            on:change=move |ev| {
                                                                let on = event_target_checked(&ev);
                                                                chosen.update(|c| { c.retain(|x| *x != id); if on { c.push(id); } });
                                                            }/>
                                                        {name.clone()}
                                                    </label>
                                                }
                                            }).collect_view())}
                                        </div>
                                    </fieldset>
                                </Show>
                            </div>
                        </Show>
                    </fieldset>
                </Show>
            })}
            <div class="mt-3 space-y-2" aria-live="polite">
                {move || error.get().map(|error| view! { <ErrorView error/> })}
                <Show when=conflict>
                    <div class="flex flex-wrap gap-2">
                        <button type="button" class=PRIMARY_BUTTON disabled=move || busy.get() on:click={let r = reload_again.clone(); move |_| r(true)}>
                            "Reload their version and apply my changes again"
                        </button>
                        <button type="button" class=SECONDARY_BUTTON disabled=move || busy.get() on:click={let r = reload.clone(); move |_| r(false)}>
                            "Reload and drop my changes"
                        </button>
                    </div>
                </Show>
                {move || (!skipped.get().is_empty()).then(|| view! {
                    <div role="note" class="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
                        <p class="font-semibold">"Some of your changes no longer fit their version and were left out:"</p>
                        <ul class="list-disc pl-5">{skipped.get().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                    </div>
                })}
                {move || (!status.get().is_empty()).then(|| view! { <p role="status" class=SUCCESS>{status.get()}</p> })}
            </div>
            <div class="mt-3 flex flex-wrap items-center gap-3">
                <button type="button" class=PRIMARY_BUTTON on:click=save
                    disabled=move || { busy.get() || draft.problem_count() > 0 || (!is_new && unsaved() == 0) }>
                    {if is_new { "Save the workflow" } else { "Save as a new version" }}
                </button>
                {move || (draft.problem_count() > 0).then(|| view! { <span class="text-sm text-amber-800 dark:text-amber-200">"Fix the problems listed at the top first."</span> })}
                {(!is_new).then(|| {
                    let href = view.with_value(|v| format!("/workflows/{}", v.definition.id));
                    view! { <a href=href class="text-sm text-indigo-700 hover:underline dark:text-indigo-300">"Versions, pilot and moving items"</a> }
                })}
            </div>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pilot_group_needs_its_choice() {
        assert_eq!(
            group_of("team", " Design ", "", &[]),
            Ok(PilotGroup::Team("Design".into()))
        );
        assert!(group_of("team", "", "", &[]).is_err());
        assert_eq!(
            group_of("campaign", "", "3", &[]),
            Ok(PilotGroup::Campaign(CampaignId(3)))
        );
        assert!(group_of("people", "", "", &[]).is_err());
        assert_eq!(
            group_of("people", "", "", &[PersonId(2)]),
            Ok(PilotGroup::People(vec![PersonId(2)]))
        );
    }
}
