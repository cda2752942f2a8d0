//! `/unsubscribe/:token`: the page an email's "Unsubscribe from these" opens. It asks before
//! it changes anything (link checkers open every link), then turns those emails off.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::mail::{unsubscribe_details, Unsubscribe};
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, PRIMARY_BUTTON, SUCCESS};

/// `/unsubscribe/:token`.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let details = Resource::new(token, unsubscribe_details);
    let stop = ServerAction::<Unsubscribe>::new();
    let pending = stop.pending();
    view! {
        <Title text="Unsubscribe"/>
        <div class="mx-auto w-full max-w-md py-4 sm:py-12">
            <Suspense fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match details.await {
                        Ok(what) => view! {
                            <div class=CARD>
                                <h1 class="text-xl font-semibold tracking-tight">"Unsubscribe"</h1>
                                {move || match stop.value().get() {
                                    Some(Ok(done)) => view! {
                                        <p class=format!("{SUCCESS} mt-3") role="status">{format!("Done: Baton no longer sends you {done}. You still see them in Baton's bell.")}</p>
                                        <p class="mt-3 text-sm"><a href="/settings/notifications" class="text-indigo-700 hover:underline dark:text-indigo-300">"Choose what Baton emails you"</a></p>
                                    }.into_any(),
                                    other => view! {
                                        <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">{format!("Stop {what}?")}</p>
                                        {other.and_then(Result::err).map(|error| view! { <ErrorView error/> })}
                                        <ActionForm action=stop>
                                            <input type="hidden" name="token" value=token()/>
                                            <button type="submit" class=format!("{PRIMARY_BUTTON} mt-4") disabled=move || pending.get()>"Unsubscribe"</button>
                                        </ActionForm>
                                    }.into_any(),
                                }}
                            </div>
                        }.into_any(),
                        Err(error) => view! {
                            <div class=CARD>
                                <h1 class="mb-4 text-xl font-semibold tracking-tight">"This unsubscribe link can't be used"</h1>
                                <ErrorView error/>
                                <p class="mt-3 text-sm"><a href="/settings/notifications" class="text-indigo-700 hover:underline dark:text-indigo-300">"Choose what Baton emails you"</a>" (after signing in)."</p>
                            </div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
