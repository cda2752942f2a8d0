//! The filter selects the board and the calendar share: channel, campaign,
//! workflow (where a view spans workflows) and owner, written the same way in both.

use leptos::prelude::*;

use crate::components::forms::LABEL;
use crate::domain::filter::ItemFilter;
use crate::domain::{CampaignId, Channel, PersonId, WorkflowId};
use crate::views::calendar::WorkflowTag;
use crate::views::tags::{CampaignTag, PersonTag};

/// A compact select for filter bars.
pub const SELECT: &str =
    "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm \
    focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 \
    dark:border-slate-700 dark:bg-slate-950";

fn selected(on: bool) -> Option<&'static str> {
    on.then_some("")
}

/// Channel, campaign, workflow and owner selects; each change reports the whole new filter.
#[component]
pub fn FacetSelects(
    /// Prefix of the selects' ids, so two bars on one page don't clash.
    id_prefix: &'static str,
    /// The filter shown.
    filter: ItemFilter,
    /// Everyone, for the owner select.
    people: Vec<PersonTag>,
    /// Every campaign.
    campaigns: Vec<CampaignTag>,
    /// Workflows to choose from; `None` leaves the workflow select out (a board is one workflow).
    #[prop(optional)]
    workflows: Option<Vec<WorkflowTag>>,
    /// Called with the changed filter.
    on_change: Callback<ItemFilter>,
) -> impl IntoView {
    let change = move |edit: Box<dyn FnOnce(&mut ItemFilter)>, current: &ItemFilter| {
        let mut next = current.clone();
        edit(&mut next);
        on_change.run(next);
    };
    let id = move |what: &str| format!("{id_prefix}-{what}");
    let (f1, f2, f3, f4) = (
        filter.clone(),
        filter.clone(),
        filter.clone(),
        filter.clone(),
    );
    let workflow_select = workflows.map(|workflows| {
        view! {
            <div>
                <label for=id("workflow") class=LABEL>"Workflow"</label>
                <select id=id("workflow") class=SELECT on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let workflow = (!value.is_empty()).then_some(WorkflowId(value));
                    change(Box::new(move |f| f.workflow = workflow), &f3);
                }>
                    <option value="" selected=selected(filter.workflow.is_none())>"Any workflow"</option>
                    {workflows.into_iter().map(|w| view! {
                        <option value=w.id.to_string() selected=selected(filter.workflow.as_ref() == Some(&w.id))>{w.name}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    });
    view! {
        <div>
            <label for=id("channel") class=LABEL>"Channel"</label>
            <select id=id("channel") class=SELECT on:change=move |ev| {
                let channel = Channel::from_key(&event_target_value(&ev));
                change(Box::new(move |f| f.channel = channel), &f1);
            }>
                <option value="" selected=selected(filter.channel.is_none())>"Any channel"</option>
                {Channel::ALL.into_iter().map(|c| view! {
                    <option value=c.key() selected=selected(filter.channel == Some(c))>{c.label()}</option>
                }).collect_view()}
            </select>
        </div>
        <div>
            <label for=id("campaign") class=LABEL>"Campaign"</label>
            <select id=id("campaign") class=SELECT on:change=move |ev| {
                let campaign = event_target_value(&ev).parse::<i64>().ok().map(CampaignId);
                change(Box::new(move |f| f.campaign = campaign), &f2);
            }>
                <option value="" selected=selected(filter.campaign.is_none())>"Any campaign"</option>
                {campaigns.into_iter().map(|c| view! {
                    <option value=c.id.to_string() selected=selected(filter.campaign == Some(c.id))>{c.name}</option>
                }).collect_view()}
            </select>
        </div>
        {workflow_select}
        <div>
            <label for=id("owner") class=LABEL>"Owner"</label>
            <select id=id("owner") class=SELECT on:change=move |ev| {
                let owner = event_target_value(&ev).parse::<i64>().ok().map(PersonId);
                change(Box::new(move |f| f.owner = owner), &f4);
            }>
                <option value="" selected=selected(filter.owner.is_none())>"Anyone"</option>
                {people.into_iter().map(|p| view! {
                    <option value=p.id.to_string() selected=selected(filter.owner == Some(p.id))>{p.name}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
