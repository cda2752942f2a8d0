//! The campaign form: new on `/campaigns`, edit on `/campaigns/<id>` (managers and admins).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::campaigns::{create_campaign, update_campaign, CampaignSaved};
use crate::components::error_view::ErrorView;
use crate::components::forms::{HINT, INPUT, LABEL, PRIMARY_BUTTON};
use crate::domain::campaign::{CampaignInput, DESCRIPTION};
use crate::domain::{limits, CampaignId, PersonId};
use crate::error::AppError;
use crate::views::tags::PersonTag;

/// Which campaign the form saves: a new one, or one last seen at a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saving {
    /// A new campaign.
    New,
    /// An existing one.
    Existing(CampaignId, u32),
}

/// The form; `saved` hears what the save answered.
#[component]
pub fn CampaignForm(
    start: CampaignInput,
    saving: Saving,
    people: Vec<PersonTag>,
    #[prop(into)] saved: Callback<CampaignSaved>,
) -> impl IntoView {
    let name = RwSignal::new(start.name);
    let description = RwSignal::new(start.description);
    let starts_on = RwSignal::new(start.starts_on.map(|d| d.to_string()).unwrap_or_default());
    let ends_on = RwSignal::new(start.ends_on.map(|d| d.to_string()).unwrap_or_default());
    let owner = RwSignal::new(start.owner);
    let budget = RwSignal::new(start.budget);
    let goals = RwSignal::new(start.goals);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let prefix = match saving {
        Saving::New => "new-campaign".to_owned(),
        Saving::Existing(id, _) => format!("campaign-{id}"),
    };
    let id_of = {
        let prefix = prefix.clone();
        move |field: &str| format!("{prefix}-{field}")
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let day = |text: String| chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        let input = CampaignInput {
            name: name.get_untracked(),
            description: description.get_untracked(),
            starts_on: day(starts_on.get_untracked()),
            ends_on: day(ends_on.get_untracked()),
            owner: owner.get_untracked(),
            budget: budget.get_untracked(),
            goals: goals.get_untracked(),
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let answer = match saving {
                Saving::New => create_campaign(input).await,
                Saving::Existing(id, version) => update_campaign(id, version, input).await,
            };
            match answer {
                Ok(done) => saved.run(done),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let label = match saving {
        Saving::New => "Create campaign",
        Saving::Existing(..) => "Save changes",
    };
    let form_label = match saving {
        Saving::New => "New campaign",
        Saving::Existing(..) => "Edit campaign",
    };
    view! {
        <form class="grid gap-3 sm:grid-cols-2" on:submit=submit aria-label=form_label>
            <div class="sm:col-span-2">
                <label for=id_of("name") class=LABEL>"Name"</label>
                <input id=id_of("name") class=INPUT required maxlength=limits::NAME.to_string()
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="sm:col-span-2">
                <label for=id_of("description") class=LABEL>"What it is for"</label>
                <textarea id=id_of("description") class=INPUT rows="2" maxlength=DESCRIPTION.to_string()
                    prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </div>
            <div>
                <label for=id_of("starts") class=LABEL>"Starts"</label>
                <input id=id_of("starts") type="date" class=INPUT
                    prop:value=move || starts_on.get() on:input=move |ev| starts_on.set(event_target_value(&ev))/>
            </div>
            <div>
                <label for=id_of("ends") class=LABEL>"Ends"</label>
                <input id=id_of("ends") type="date" class=INPUT
                    prop:value=move || ends_on.get() on:input=move |ev| ends_on.set(event_target_value(&ev))/>
            </div>
            <div>
                <label for=id_of("owner") class=LABEL>"Owner"</label>
                <select id=id_of("owner") class=INPUT on:change=move |ev| {
                    owner.set(event_target_value(&ev).parse::<i64>().ok().map(PersonId));
                }>
                    <option value="" selected=move || owner.get().is_none()>"Nobody yet"</option>
                    {people.into_iter().filter(|p| p.role.can_work()).map(|p| {
                        let id = p.id;
                        view! { <option value=id.0.to_string() selected=move || owner.get() == Some(id)>{p.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for=id_of("budget") class=LABEL>"Budget"</label>
                <input id=id_of("budget") class=INPUT placeholder="12000 EUR" maxlength=limits::SHORT.to_string()
                    aria-describedby=id_of("budget-hint")
                    prop:value=move || budget.get() on:input=move |ev| budget.set(event_target_value(&ev))/>
                <p id=id_of("budget-hint") class=HINT>"An amount and a currency code; empty for none."</p>
            </div>
            <div class="sm:col-span-2">
                <label for=id_of("goals") class=LABEL>"Goals"</label>
                <textarea id=id_of("goals") class=INPUT rows="3" placeholder="mqls >= 400\ncpa <= 45"
                    aria-describedby=id_of("goals-hint")
                    prop:value=move || goals.get() on:input=move |ev| goals.set(event_target_value(&ev))></textarea>
                <p id=id_of("goals-hint") class=HINT>"One per line: a result's name, at least (>=) or at most (<=), and a number. Results recorded under that name on the campaign or its items count towards it."</p>
            </div>
            <div class="sm:col-span-2" aria-live="polite">{move || error.get().map(|error| view! { <ErrorView error/> })}</div>
            <div class="sm:col-span-2">
                <button type="submit" class=PRIMARY_BUTTON disabled=move || busy.get()>{label}</button>
            </div>
        </form>
    }
}
