//! Settings: the workspace time zone schedules run in, and inbound hooks — secret
//! addresses the ESP, the ad platform or a form tool post results and requests to.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::automation::{
    create_hook, get_workspace_zone, list_hooks, revoke_hook, save_workspace_zone, NewHook,
};
use crate::api::workflows::list_workflows;
use crate::components::copy_link::CopyableLink;
use crate::components::error_view::ErrorView;
use crate::components::forms::{
    CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON, SUCCESS,
};
use crate::components::time_zones::offered;
use crate::domain::{words, WorkflowId};
use crate::error::AppError;

/// The workspace's time zone.
#[component]
pub fn ZoneForm(admin: bool) -> impl IntoView {
    let zone = Resource::new(|| (), |_| get_workspace_zone());
    let picked = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = picked.get_untracked();
        spawn_local(async move {
            match save_workspace_zone(value).await {
                Ok(saved) => status.set(format!("Schedules now run in {saved} time.")),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class=format!("{CARD} max-w-xl space-y-4") on:submit=save>
            <h2 class="text-lg font-semibold">"Workspace time zone"</h2>
            <p class=HINT>"Scheduled rules (“every Monday at 09:00”) run in this time zone, with its summer time."</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let current = zone.await.unwrap_or_else(|_| "UTC".into());
                    picked.set(current.clone());
                    view! {
                        <div>
                            <label for="workspace-zone" class=LABEL>"Time zone"</label>
                            <select id="workspace-zone" class=INPUT disabled=!admin on:change=move |ev| picked.set(event_target_value(&ev))>
                                {offered(&current).into_iter().map(|z| {
                                    let selected = z == current;
                                    let label = z.replace('_', " ");
                                    view! { <option value=z selected=selected>{label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    }
                })}
            </Transition>
            <div aria-live="polite" class="space-y-2">
                {move || error.get().map(|error| view! { <ErrorView error/> })}
                {move || (!status.get().is_empty()).then(|| view! { <p role="status" class=SUCCESS>{status.get()}</p> })}
            </div>
            {admin.then(|| view! { <button type="submit" class=PRIMARY_BUTTON>"Save time zone"</button> })}
        </form>
    }
}

/// Inbound hooks (admins).
#[component]
pub fn HooksSection() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let hooks = Resource::new(move || reload.get(), |_| list_hooks());
    let workflows = Resource::new(|| (), |_| list_workflows());
    let name = RwSignal::new(String::new());
    let creates_in = RwSignal::new(String::new());
    let signed = RwSignal::new(true);
    let made = RwSignal::new(None::<NewHook>);
    let error = RwSignal::new(None::<AppError>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let workflow = Some(creates_in.get_untracked())
            .filter(|w| !w.is_empty())
            .map(WorkflowId);
        let (n, s) = (name.get_untracked(), signed.get_untracked());
        error.set(None);
        spawn_local(async move {
            match create_hook(n, workflow, s).await {
                Ok(hook) => {
                    made.set(Some(hook));
                    name.set(String::new());
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let revoke = move |id: i64| {
        spawn_local(async move {
            match revoke_hook(id).await {
                Ok(()) => reload.update(|n| *n += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class=format!("{CARD} space-y-4") aria-labelledby="hooks-heading">
            <h2 id="hooks-heading" class="text-lg font-semibold">"Inbound hooks"</h2>
            <p class=HINT>
                "A secret address other tools post JSON to. A results hook takes "
                <code>{r#"{"metric": "open_rate", "value": 12.5, "item": 42}"#}</code>
                " (or \"campaign\" instead of \"item\"); a hook that creates items takes "
                <code>{r#"{"title": "…", "fields": {…}}"#}</code>
                ". With signing on, requests carry Standard Webhooks headers signed with the hook's secret."
            </p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match hooks.await {
                        Ok(list) if list.is_empty() => view! { <p class="text-sm text-slate-600 dark:text-slate-400">"No hooks yet."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="divide-y divide-slate-200 text-sm dark:divide-slate-800" aria-label="Hooks">
                                {list.into_iter().map(|h| {
                                    let id = h.id;
                                    view! {
                                        <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                                            <span>
                                                <span class="font-medium">{h.name.clone()}</span>
                                                {format!(" — {}{}", h.does, if h.signed { ", signed" } else { "" })}
                                                <span class="block text-xs text-slate-500">{h.last_used_at.map_or_else(|| "Never called".to_owned(), |at| format!("Last called {}", words::moment(at)))}</span>
                                            </span>
                                            <button type="button" class=SECONDARY_BUTTON on:click=move |_| revoke(id)
                                                aria-label=format!("Stop the hook {}", h.name)>"Stop"</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })}
            </Transition>
            {move || made.get().map(|hook| view! {
                <div role="status" class=SUCCESS>
                    <p>"Copy the address now: Baton keeps only a digest of it and cannot show it again."</p>
                    <div class="mt-2"><CopyableLink path=hook.path.clone() label="Hook address" id="hook-address"/></div>
                    {hook.signing_secret.clone().map(|secret| view! {
                        <p class="mt-2 text-xs">"Signing secret: "<code class="break-all">{secret}</code></p>
                    })}
                </div>
            })}
            <form class="grid gap-3 sm:grid-cols-2" on:submit=add aria-label="New hook">
                <div>
                    <label for="hook-name" class=LABEL>"Name"</label>
                    <input id="hook-name" class=INPUT maxlength="100" placeholder="ESP open rates" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div>
                    <label for="hook-kind" class=LABEL>"It"</label>
                    <select id="hook-kind" class=INPUT on:change=move |ev| creates_in.set(event_target_value(&ev))>
                        <option value="">"records results"</option>
                        <Transition fallback=|| ()>
                            {move || Suspend::new(async move {
                                workflows.await.unwrap_or_default().into_iter().map(|w| view! {
                                    <option value=w.id.to_string()>{format!("creates items in {}", w.name)}</option>
                                }).collect_view()
                            })}
                        </Transition>
                    </select>
                </div>
                <label class="flex items-center gap-2 text-sm sm:col-span-2">
                    <input type="checkbox" class="h-4 w-4" prop:checked=move || signed.get() on:change=move |ev| signed.set(event_target_checked(&ev))/>
                    "Requests must be signed (Standard Webhooks)"
                </label>
                <div aria-live="polite" class="sm:col-span-2">{move || error.get().map(|error| view! { <ErrorView error/> })}</div>
                <div class="sm:col-span-2"><button type="submit" class=PRIMARY_BUTTON>"Make a hook"</button></div>
            </form>
        </section>
    }
}
