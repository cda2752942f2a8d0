//! Post-launch fixes of a delivered item: what went wrong after it went out, and which
//! stage should have caught it — the error rate on /insights, and the test of whether the
//! QA steps work.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::insights::{get_item_fixes, record_fix, ItemFixes};
use crate::components::error_view::ErrorView;
use crate::components::forms::{CARD, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON, SUCCESS};
use crate::domain::{limits, ItemId, StageKey};

/// The fixes of an item that reached its last stage, and the form to record one.
#[component]
pub fn PostLaunchFixes(id: ItemId) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    // Outside what reloads, so "Recorded" stays once the list shows the new fix.
    let saved = RwSignal::new(String::new());
    let fixes = Resource::new(move || reload.get(), move |_| get_item_fixes(id));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match fixes.await {
                    Ok(found) if found.finished || !found.fixes.is_empty() => {
                        view! { <Fixes id found reload saved/> }.into_any()
                    }
                    Ok(_) => ().into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Fixes(
    id: ItemId,
    found: ItemFixes,
    reload: RwSignal<u32>,
    saved: RwSignal<String>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let what = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let error = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        let chosen = stage.get_untracked();
        let chosen = (!chosen.is_empty()).then_some(StageKey(chosen));
        spawn_local(async move {
            match record_fix(id, what.get_untracked(), chosen).await {
                Ok(_) => {
                    what.set(String::new());
                    open.set(false);
                    saved.set("Recorded the post-launch fix.".into());
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let stages = found.stages.clone();
    view! {
        <section aria-labelledby="fixes-heading" class=CARD>
            <h3 id="fixes-heading" class="font-semibold">"Post-launch fixes"</h3>
            {if found.fixes.is_empty() {
                view! { <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"Nothing needed fixing after it went out."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-2 space-y-2 text-sm">
                        {found.fixes.into_iter().map(|f| view! {
                            <li>
                                <p>{f.what}</p>
                                <p class="text-xs text-slate-500 dark:text-slate-400">
                                    {match f.stage {
                                        Some(stage) => format!("Should have been caught in {stage} · recorded by {}, {}", f.by, f.when),
                                        None => format!("Recorded by {}, {}", f.by, f.when),
                                    }}
                                </p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {move || (!saved.get().is_empty()).then(|| view! { <p role="status" class=format!("mt-2 {SUCCESS}")>{saved.get()}</p> })}
            {found.can_record.then(|| view! {
                <Show when=move || open.get() fallback=move || view! {
                    <button type="button" class=format!("mt-3 {SECONDARY_BUTTON}") on:click=move |_| { saved.set(String::new()); open.set(true); }>
                        "Record a post-launch fix"
                    </button>
                }>
                    <form on:submit=save class="mt-3 space-y-3">
                        <div>
                            <label for="fix-what" class=LABEL>"What went wrong"</label>
                            <textarea id="fix-what" rows="2" maxlength=limits::FIX.to_string() class=INPUT
                                prop:value=move || what.get() on:input=move |ev| what.set(event_target_value(&ev))></textarea>
                        </div>
                        <div>
                            <label for="fix-stage" class=LABEL>"Which stage should have caught it"</label>
                            <select id="fix-stage" class=INPUT on:change=move |ev| stage.set(event_target_value(&ev))>
                                <option value="">"No stage in particular"</option>
                                {stages.iter().map(|(key, name)| view! { <option value=key.to_string()>{name.clone()}</option> }).collect_view()}
                            </select>
                        </div>
                        {move || error.get().map(|error| view! { <ErrorView error/> })}
                        <div class="flex gap-2">
                            <button type="submit" class=PRIMARY_BUTTON disabled=move || busy.get()>"Save the fix"</button>
                            <button type="button" class=SECONDARY_BUTTON on:click=move |_| open.set(false)>"Cancel"</button>
                        </div>
                    </form>
                </Show>
            })}
        </section>
    }
}
