//! Moving the open items of an older version to the current one: a preview first (which
//! items change stage, where removed stages' items go, which a new gate will hold), then
//! the move, all at once.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::versions::{migrate_items, preview_migration, MigrationView, VersionEntry};
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON};
use crate::domain::design::{StageMap, UnmappedStage};
use crate::domain::{StageKey, WorkflowId};
use crate::error::AppError;

/// Versions with open items other than the current and the pilot's, each movable.
#[component]
pub fn MoveItems(
    id: WorkflowId,
    versions: Vec<VersionEntry>,
    current: u32,
    can_manage: bool,
    reload: Callback<()>,
    notice: RwSignal<String>,
) -> impl IntoView {
    let movable: Vec<(u32, u32)> = versions
        .iter()
        .filter(|v| v.open_items > 0 && !v.current && !v.pilot)
        .map(|v| (v.version, v.open_items))
        .collect();
    let chosen = RwSignal::new(None::<u32>);
    let id = StoredValue::new(id);
    view! {
        <section aria-labelledby="move-heading" class=CARD>
            <h2 id="move-heading" class="text-lg font-semibold">"Items on older versions"</h2>
            <p class=HINT>"Items keep the version they started on. Move them to the current version when you want them to follow it."</p>
            {movable.is_empty().then(|| view! { <p class="mt-2 text-sm">{format!("Every open item follows version {current} or the pilot's.")}</p> })}
            <ul class="mt-2 space-y-2">
                {movable.into_iter().map(|(version, open)| view! {
                    <li class="flex flex-wrap items-center gap-2 text-sm">
                        <span class="min-w-0 flex-1">{format!("Version {version}: {open} open {}", if open == 1 { "item" } else { "items" })}</span>
                        {can_manage.then(|| view! {
                            <button type="button" class=SECONDARY_BUTTON on:click=move |_| chosen.set(Some(version))>
                                {format!("Preview moving them to version {current}")}
                            </button>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            {move || chosen.get().map(|from| view! { <PreviewPanel id=id.get_value() from to=current reload notice close=Callback::new(move |_| chosen.set(None))/> })}
        </section>
    }
    .into_any()
}

#[component]
fn PreviewPanel(
    id: WorkflowId,
    from: u32,
    to: u32,
    reload: Callback<()>,
    notice: RwSignal<String>,
    close: Callback<()>,
) -> impl IntoView {
    let map = RwSignal::new(StageMap::new());
    let id = StoredValue::new(id);
    let preview = Resource::new(
        move || map.get(),
        move |m| preview_migration(id.get_value(), from, m),
    );
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    // Removed stages asked about so far (a chosen one leaves the preview's list, not this one).
    let removed = RwSignal::new(Vec::<UnmappedStage>::new());
    let ready = RwSignal::new(false);
    let apply = move |_| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match migrate_items(id.get_value(), from, to, map.get_untracked()).await {
                Ok(moved) => {
                    notice.set(format!(
                        "Moved {moved} {} from version {from} to version {to}.",
                        if moved == 1 { "item" } else { "items" }
                    ));
                    close.run(());
                    reload.run(());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <div role="region" aria-label=format!("Moving version {from}'s items to version {to}") class="mt-4 rounded-md border border-indigo-300 p-3 dark:border-indigo-800">
            <h3 class="font-semibold">{format!("Preview: version {from} → version {to}")}</h3>
            <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Working it out…"</p> }>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(view) => {
                            ready.set(view.preview.ready() && !view.preview.items.is_empty());
                            removed.update(|r| {
                                for u in &view.preview.unmapped {
                                    if !r.iter().any(|x| x.stage == u.stage) {
                                        r.push(u.clone());
                                    }
                                }
                            });
                            view! { <PreviewBody view map removed=removed.get_untracked()/> }.into_any()
                        }
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })}
            </Transition>
            <div class="mt-3 space-y-2" aria-live="polite">{move || error.get().map(|error| view! { <ErrorView error/> })}</div>
            <div class="mt-3 flex flex-wrap gap-2">
                <button type="button" class=PRIMARY_BUTTON disabled=move || busy.get() || !ready.get() on:click=apply>"Move these items now"</button>
                <button type="button" class=SECONDARY_BUTTON on:click=move |_| close.run(())>"Cancel"</button>
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn PreviewBody(
    view: MigrationView,
    map: RwSignal<StageMap>,
    removed: Vec<UnmappedStage>,
) -> impl IntoView {
    let MigrationView { preview, stages } = view;
    let moving = preview.moving().count();
    let blocked = preview.newly_blocked().count();
    let summary = format!(
        "{} {} move; {moving} change stage; {blocked} will be held by a new gate.",
        preview.items.len(),
        if preview.items.len() == 1 {
            "item would"
        } else {
            "items would"
        },
    );
    let stages = StoredValue::new(stages);
    view! {
        {removed.into_iter().map(|u| {
            let chosen = map.with_untracked(|m| m.get(&u.stage).cloned());
            let removed = u.stage.clone();
            let select_id = format!("map-{}", u.stage);
            view! {
                <div class="mt-2">
                    <label for=select_id.clone() class=LABEL>
                        {format!("{} was removed and holds {} {}: where do they go?", u.name, u.items, if u.items == 1 { "item" } else { "items" })}
                    </label>
                    <select id=select_id class=INPUT on:change=move |ev| {
                        let to = event_target_value(&ev);
                        if !to.is_empty() {
                            let removed = removed.clone();
                            map.update(|m: &mut BTreeMap<StageKey, StageKey>| { m.insert(removed, StageKey::new(to)); });
                        }
                    }>
                        <option value="" selected=chosen.is_none()>"Choose a stage…"</option>
                        {stages.with_value(|s| s.iter().map(|(k, n)| view! { <option value=k.to_string() selected=chosen.as_ref() == Some(k)>{n.clone()}</option> }).collect_view())}
                    </select>
                </div>
            }
        }).collect_view()}
        <p class="mt-2 text-sm font-medium">{summary}</p>
        <ul class="mt-2 space-y-2 text-sm">
            {preview.items.into_iter().map(|item| view! {
                <li>
                    <a href=format!("/items/{}", item.item) class="font-medium hover:underline">{item.title.clone()}</a>
                    <ul class="list-disc pl-5 text-slate-700 dark:text-slate-300">
                        {item.sentences().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                    </ul>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
