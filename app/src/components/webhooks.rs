//! Outbound webhooks on the integrations page (admins): endpoints with the events they
//! receive, their secret shown once, test events, rotation, and each one's delivery log.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::webhooks::{
    create_endpoint, endpoint_deliveries, list_endpoints, remove_endpoint, replay_delivery,
    rotate_endpoint_secret, send_test_event, switch_endpoint, DeliveryView, EndpointInput,
    EndpointSecret, EndpointView,
};
use crate::api::workflows::list_workflows;
use crate::components::error_view::ErrorView;
use crate::components::forms::{
    CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON, SUCCESS,
};
use crate::domain::automation::EndpointId;
use crate::domain::outbound::chat::Flavor;
use crate::domain::outbound::EventType;
use crate::domain::{limits, words, WorkflowId};
use crate::error::AppError;

/// Outbound webhooks: the list, the form that adds one, and the secret of the newest.
#[component]
pub fn WebhooksSection() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let endpoints = Resource::new(move || reload.get(), |_| list_endpoints());
    let url = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let events = RwSignal::new(vec![EventType::ItemCreated, EventType::ItemStageChanged]);
    let secret = RwSignal::new(None::<EndpointSecret>);
    let error = RwSignal::new(None::<AppError>);
    let flavor = RwSignal::new(Flavor::Standard);
    let workflow = RwSignal::new(None::<WorkflowId>);
    let workflows = Resource::new(|| (), |_| list_workflows());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = EndpointInput {
            url: url.get_untracked(),
            description: description.get_untracked(),
            events: events.get_untracked(),
            flavor: flavor.get_untracked(),
            workflow: workflow.get_untracked(),
        };
        error.set(None);
        spawn_local(async move {
            match create_endpoint(input).await {
                Ok(made) => {
                    secret.set(Some(made));
                    url.set(String::new());
                    description.set(String::new());
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class=format!("{CARD} space-y-4") aria-labelledby="webhooks-heading">
            <h2 id="webhooks-heading" class="text-lg font-semibold">"Webhooks and chat channels"</h2>
            <p class=HINT>
                "Baton posts JSON to these addresses when something happens, signed the Standard Webhooks way "
                "(webhook-id, webhook-timestamp and webhook-signature headers) with the endpoint's secret. "
                "A chat channel (a Slack, Mattermost or Rocket.Chat incoming-webhook URL) gets a message instead, at most one a second, waiting when the chat asks. "
                "A failed delivery is tried again after 5 seconds, 5 minutes, 30 minutes, 2, 5, 10 and 10 hours; "
                "an endpoint that answers 410 Gone, or fails for three days, is switched off and admins are told."
            </p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match endpoints.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="text-sm text-slate-600 dark:text-slate-400">"No webhooks yet."</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="space-y-3" aria-label="Webhook endpoints">
                                {list.into_iter().map(|e| view! { <Endpoint endpoint=e reload secret error/> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })}
            </Transition>
            {move || secret.get().map(|made| if made.endpoint.flavor == Flavor::Chat {
                view! {
                    <div role="status" class=SUCCESS>
                        <p>{format!("The chat channel {} is added. Send it a test event to see a message arrive.", made.endpoint.url)}</p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <div role="status" class=SUCCESS>
                        <p>{format!("The signing secret of {}: copy it now, it is shown only this once.", made.endpoint.url)}</p>
                        <p class="mt-2"><code class="break-all" aria-label="Signing secret">{made.secret.clone()}</code></p>
                    </div>
                }.into_any()
            })}
            <form class="grid gap-3 sm:grid-cols-2" on:submit=add aria-label="New webhook">
                <fieldset class="sm:col-span-2">
                    <legend class=LABEL>"What it is"</legend>
                    <div class="mt-1 flex flex-wrap gap-4 text-sm">
                        {[(Flavor::Standard, "A signed webhook (Standard Webhooks)"), (Flavor::Chat, "A chat channel (Slack, Mattermost, Rocket.Chat)")]
                            .into_iter()
                            .map(|(f, label)| view! {
                                <label class="flex items-center gap-2">
                                    <input type="radio" name="webhook-flavor" class="h-4 w-4"
                                        prop:checked=move || flavor.get() == f
                                        on:change=move |_| flavor.set(f)/>
                                    {label}
                                </label>
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <div class="sm:col-span-2">
                    <label for="webhook-workflow" class=LABEL>"Which items"</label>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            let list = workflows.await.unwrap_or_default();
                            view! {
                                <select id="webhook-workflow" class=INPUT
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        workflow.set((!v.is_empty()).then(|| WorkflowId::new(v)));
                                    }>
                                    <option value="" selected=move || workflow.get().is_none()>"Every workflow"</option>
                                    {list.into_iter().map(|w| {
                                        let id = w.id.clone();
                                        view! {
                                            <option value=w.id.to_string() selected=move || workflow.get().as_ref() == Some(&id)>{format!("Only {}", w.name)}</option>
                                        }
                                    }).collect_view()}
                                </select>
                            }
                        })}
                    </Transition>
                </div>
                <div class="sm:col-span-2">
                    <label for="webhook-url" class=LABEL>"Address"</label>
                    <input id="webhook-url" type="url" class=INPUT maxlength=limits::URL.to_string() placeholder="https://crm.example.com/hooks/baton"
                        prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
                </div>
                <div class="sm:col-span-2">
                    <label for="webhook-description" class=LABEL>"What it is for"</label>
                    <input id="webhook-description" class=INPUT maxlength=limits::SHORT.to_string() placeholder="CRM: new campaign content"
                        prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))/>
                </div>
                <fieldset class="sm:col-span-2">
                    <legend class=LABEL>"Events it receives"</legend>
                    <div class="mt-1 grid gap-1 sm:grid-cols-2">
                        {EventType::ALL.into_iter().map(|t| view! {
                            <label class="flex items-center gap-2 text-sm">
                                <input type="checkbox" class="h-4 w-4"
                                    prop:checked=move || events.with(|e| e.contains(&t))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        events.update(|e| {
                                            e.retain(|x| *x != t);
                                            if on { e.push(t); }
                                        });
                                    }/>
                                {t.label()}<span class="text-xs text-slate-500">{format!(" ({})", t.as_str())}</span>
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
                <div aria-live="polite" class="sm:col-span-2">{move || error.get().map(|error| view! { <ErrorView error/> })}</div>
                <div class="sm:col-span-2"><button type="submit" class=PRIMARY_BUTTON>"Add the webhook"</button></div>
            </form>
        </section>
    }
}

/// One endpoint with its actions and, when opened, its delivery log.
#[component]
fn Endpoint(
    endpoint: EndpointView,
    reload: RwSignal<u32>,
    secret: RwSignal<Option<EndpointSecret>>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let id = endpoint.id;
    let log_open = RwSignal::new(false);
    let log_reload = RwSignal::new(0u32);
    let confirm_remove = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let enabled = endpoint.enabled;
    let run = move |what: &'static str| {
        error.set(None);
        spawn_local(async move {
            let done = match what {
                "test" => send_test_event(id).await.map(|()| {
                    log_open.set(true);
                    log_reload.update(|n| *n += 1);
                    "A test event is on its way.".to_owned()
                }),
                "switch" => switch_endpoint(id, !enabled).await.map(|_| {
                    reload.update(|n| *n += 1);
                    String::new()
                }),
                "rotate" => rotate_endpoint_secret(id).await.map(|made| {
                    secret.set(Some(made));
                    "A new secret signs from now on; the old one goes on signing for 24 hours."
                        .to_owned()
                }),
                _ => remove_endpoint(id).await.map(|()| {
                    reload.update(|n| *n += 1);
                    String::new()
                }),
            };
            match done {
                Ok(message) => status.set(message),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let events: Vec<&'static str> = endpoint.events.iter().map(|t| t.as_str()).collect();
    let name = if endpoint.description.is_empty() {
        endpoint.url.clone()
    } else {
        endpoint.description.clone()
    };
    view! {
        <li class="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800" aria-label=format!("Webhook {name}")>
            <div class="flex flex-wrap items-start justify-between gap-2">
                <div class="min-w-0">
                    <p class="font-medium break-all">{endpoint.url.clone()}</p>
                    {(!endpoint.description.is_empty()).then(|| view! { <p class="text-slate-600 dark:text-slate-400">{endpoint.description.clone()}</p> })}
                    <p class="text-xs text-slate-500">
                        {format!("{} · ", endpoint.flavor.label())}
                        {endpoint.workflow.as_ref().map_or_else(|| "every workflow".to_owned(), |(_, name)| format!("only {name}"))}
                        {format!(" · {}", events.join(", "))}
                    </p>
                    <p class="text-xs">
                        {if enabled {
                            view! { <span class="text-emerald-700 dark:text-emerald-300">"On"</span> }.into_any()
                        } else {
                            view! { <span class="text-red-700 dark:text-red-300">{format!("Off{}", endpoint.disabled_reason.as_ref().map(|r| format!(" — {r}")).unwrap_or_default())}</span> }.into_any()
                        }}
                        {endpoint.health.clone().map(|h| view! { <span class="text-amber-700 dark:text-amber-300">{format!(" · {h}")}</span> })}
                        {endpoint.previous_secret_until.map(|until| view! { <span class="text-slate-500">{format!(" · the previous secret signs until {}", words::moment(until))}</span> })}
                    </p>
                </div>
                <div class="flex flex-wrap gap-2">
                    {enabled.then(|| view! { <button type="button" class=SECONDARY_BUTTON on:click=move |_| run("test")>"Send a test event"</button> })}
                    <button type="button" class=SECONDARY_BUTTON on:click=move |_| run("switch")>{if enabled { "Switch off" } else { "Switch on" }}</button>
                    {(endpoint.flavor == Flavor::Standard).then(|| view! {
                        <button type="button" class=SECONDARY_BUTTON on:click=move |_| run("rotate")>"Rotate the secret"</button>
                    })}
                    <button type="button" class=SECONDARY_BUTTON aria-expanded=move || log_open.get().to_string()
                        on:click=move |_| log_open.update(|o| *o = !*o)>"Delivery log"</button>
                    {move || if confirm_remove.get() {
                        view! {
                            <span class="flex items-center gap-2">
                                "Remove it? Pending deliveries are dropped."
                                <button type="button" class=SECONDARY_BUTTON on:click=move |_| run("remove")>"Remove"</button>
                                <button type="button" class=SECONDARY_BUTTON on:click=move |_| confirm_remove.set(false)>"Keep"</button>
                            </span>
                        }.into_any()
                    } else {
                        view! { <button type="button" class=SECONDARY_BUTTON on:click=move |_| confirm_remove.set(true)>"Remove…"</button> }.into_any()
                    }}
                </div>
            </div>
            <p role="status" class="text-xs text-slate-600 dark:text-slate-400">{move || status.get()}</p>
            {move || log_open.get().then(|| view! { <DeliveryLog id reload=log_reload error/> })}
        </li>
    }
}

/// An endpoint's latest deliveries, each with its attempts.
#[component]
fn DeliveryLog(
    id: EndpointId,
    reload: RwSignal<u32>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let log = Resource::new(move || reload.get(), move |_| endpoint_deliveries(id));
    let replay = move |delivery: i64| {
        spawn_local(async move {
            match replay_delivery(delivery).await {
                Ok(()) => reload.update(|n| *n += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="mt-3 space-y-2" aria-label="Delivery log">
            <div class="flex items-center justify-between">
                <h3 class="font-medium">"Delivery log"</h3>
                <button type="button" class=SECONDARY_BUTTON on:click=move |_| reload.update(|n| *n += 1)>"Refresh"</button>
            </div>
            <Transition fallback=|| view! { <p class=HINT>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match log.await {
                        Ok(list) if list.is_empty() => view! { <p class=HINT>"Nothing sent yet."</p> }.into_any(),
                        Ok(list) => view! {
                            <div class="overflow-x-auto">
                                <table class="w-full text-left text-xs">
                                    <thead>
                                        <tr class="text-slate-500">
                                            <th scope="col" class="py-1 pr-3">"Event"</th>
                                            <th scope="col" class="py-1 pr-3">"Queued"</th>
                                            <th scope="col" class="py-1 pr-3">"State"</th>
                                            <th scope="col" class="py-1 pr-3">"Attempts"</th>
                                            <th scope="col" class="py-1"><span class="sr-only">"Actions"</span></th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list.into_iter().map(|d| delivery_row(d, replay)).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

fn delivery_row(d: DeliveryView, replay: impl Fn(i64) + Copy + 'static) -> impl IntoView {
    let id = d.id;
    let attempts: Vec<String> = d
        .attempts
        .iter()
        .map(|a| {
            let answer = a
                .status
                .map_or_else(|| "no answer".to_owned(), |s| s.to_string());
            let error = a
                .error
                .as_ref()
                .filter(|_| a.status.is_none())
                .map(|e| format!(" ({e})"))
                .unwrap_or_default();
            format!("#{} {answer}{error} · {} ms", a.attempt, a.duration_ms)
        })
        .collect();
    let next = d
        .next_attempt_at
        .map(|at| format!("next {}", words::moment(at)));
    view! {
        <tr class="border-t border-slate-200 align-top dark:border-slate-800">
            <td class="py-1 pr-3"><code>{d.event_type.clone()}</code>{d.replay_of.map(|of| format!(" (replay of #{of})"))}</td>
            <td class="py-1 pr-3">{words::moment(d.created_at)}</td>
            <td class="py-1 pr-3">{d.state.clone()}{next.map(|n| format!(", {n}"))}</td>
            <td class="py-1 pr-3">{attempts.join("; ")}</td>
            <td class="py-1">
                {d.can_replay.then(|| view! {
                    <button type="button" class=SECONDARY_BUTTON on:click=move |_| replay(id)>"Send again"</button>
                })}
            </td>
        </tr>
    }
}
