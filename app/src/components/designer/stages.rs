//! The stages in board order: adding one, reordering by drag (the one drag controller) or
//! with the keyboard (move up / move down), and each stage's card.

use leptos::ev::PointerEvent;
use leptos::prelude::*;

use super::stage::StageSettings;
use super::widgets::{ProblemsAt, DANGER_BUTTON, SECTION, SMALL_BUTTON};
use super::{dom, Draft};
use crate::components::drag::Drag;
use crate::components::forms::{HINT, INPUT, LABEL, SECONDARY_BUTTON};
use crate::domain::design::{stage_removal, DesignEdit};
use crate::domain::limits::NAME;
use crate::domain::StageKey;

/// The stages section.
#[component]
pub fn StagesEditor(draft: Draft) -> impl IntoView {
    let keys = move || {
        draft
            .def
            .with(|d| d.stages.iter().map(|s| s.key.clone()).collect::<Vec<_>>())
    };
    let name = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = name.get_untracked().trim().to_owned();
        if text.is_empty() {
            return;
        }
        draft.apply(DesignEdit::AddStage {
            name: text.clone(),
            after: None,
        });
        draft
            .announcement
            .set(format!("Added the stage {text} at the end."));
        name.set(String::new());
    };
    view! {
        <section aria-labelledby="stages-heading" class=SECTION>
            <h2 id="stages-heading" class="text-lg font-semibold">"Stages"</h2>
            <p id="stages-help" class=HINT>
                {if draft.editable {
                    "In board order; the first is where new items start. Drag a stage by its handle, or use Up and Down."
                } else {
                    "In board order; the first is where new items start."
                }}
            </p>
            <p role="status" aria-live="polite" class="sr-only">{move || draft.announcement.get()}</p>
            <ProblemsAt draft path="stages"/>
            <ol class="mt-3 space-y-4" aria-describedby="stages-help">
                <For each=keys key=|k| k.clone() children=move |key| view! { <StageCard draft key/> }/>
            </ol>
            {draft.editable.then(|| view! {
                <form on:submit=add class="mt-4 flex flex-wrap items-end gap-2">
                    <div class="min-w-0 flex-1">
                        <label for="new-stage-name" class=LABEL>"New stage"</label>
                        <input id="new-stage-name" type="text" class=INPUT maxlength=NAME.to_string() placeholder="e.g. Legal review"
                            prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class=SECONDARY_BUTTON>"Add stage"</button>
                </form>
            })}
        </section>
    }
    .into_any()
}

/// One stage: its position, handle, moves and removal, and its settings.
#[component]
fn StageCard(draft: Draft, key: StageKey) -> impl IntoView {
    let k = StoredValue::new(key.clone());
    // Copy closures: they hold only the key's handle, the draft and signals.
    let index = move || k.with_value(|key| draft.def.with(|d| d.stage_index(key).unwrap_or(0)));
    let count = move || draft.def.with(|d| d.stages.len());
    let name = move || k.with_value(|key| draft.stage(key, |s| s.name.clone()).unwrap_or_default());
    let drag = Drag::new("[data-stage-card]");
    let on_down = move |ev: PointerEvent| drag.down(&ev, draft.editable);
    let on_move = move |ev: PointerEvent| {
        drag.moved(&ev);
    };
    let on_up = move |ev: PointerEvent| {
        let Some((_, y)) = drag.up(&ev) else { return };
        let Some(to) = k.with_value(|key| dom::slot_at(y, key.as_str())) else {
            return;
        };
        if to != index() {
            draft.apply(DesignEdit::MoveStage {
                stage: k.get_value(),
                to,
            });
            draft.announcement.set(format!(
                "{} moved to position {} of {}.",
                name(),
                to + 1,
                count()
            ));
        }
    };
    let on_cancel = move |_: PointerEvent| drag.cancel();
    let on_click = move |ev: leptos::ev::MouseEvent| drag.click(&ev);
    let moved = move |up: bool| {
        let at = index();
        let stage = k.get_value();
        draft.apply(if up {
            DesignEdit::MoveStageUp { stage }
        } else {
            DesignEdit::MoveStageDown { stage }
        });
        let now = index();
        if now != at {
            draft.announcement.set(format!(
                "{} moved to position {} of {}.",
                name(),
                now + 1,
                count()
            ));
        }
    };
    let confirming = RwSignal::new(false);
    let removal = move || {
        k.with_value(|key| {
            let items = draft
                .open_per_stage
                .with_value(|m| m.get(key).copied().unwrap_or(0));
            draft.def.with(|d| stage_removal(d, key, items).ok())
        })
    };
    let heading_id = format!("stage-{key}-heading");
    view! {
        <li
            data-stage-card=key.to_string()
            data-stage-slot=move || index().to_string()
            aria-labelledby=heading_id.clone()
            style=move || drag.style("")
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_cancel
            on:click=on_click
            class="rounded-lg border border-slate-300 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-950"
            class:shadow-lg=move || drag.dragging()
        >
            <div class="flex flex-wrap items-center gap-2">
                {draft.editable.then(|| view! {
                    <span data-drag-handle aria-hidden="true" title="Drag to reorder"
                        class="cursor-grab touch-none select-none px-1 text-lg text-slate-400">"⠿"</span>
                })}
                <div class="min-w-0 flex-1">
                    <h3 id=heading_id.clone() class="inline font-semibold">{move || format!("{}. {}", index() + 1, name())}</h3>
                    {move || (index() == 0).then(|| view! { <span class="ml-2 text-xs text-slate-500 dark:text-slate-400">"New items start here."</span> })}
                </div>
                {draft.editable.then(|| view! {
                    <div class="flex gap-1" data-no-drag>
                        <button type="button" class=SMALL_BUTTON disabled=move || index() == 0
                            aria-label=move || format!("Move {} up", name())
                            on:click=move |_| moved(true)>"↑ Up"</button>
                        <button type="button" class=SMALL_BUTTON disabled=move || { index() + 1 >= count() }
                            aria-label=move || format!("Move {} down", name())
                            on:click=move |_| moved(false)>"↓ Down"</button>
                        <button type="button" class=DANGER_BUTTON aria-expanded=move || confirming.get().to_string()
                            aria-label=move || format!("Remove {}…", name())
                            on:click=move |_| confirming.update(|c| *c = !*c)>"Remove…"</button>
                    </div>
                })}
            </div>
            <ProblemsAt draft path=format!("stages.{key}")/>
            <Show when=move || confirming.get()>
                <div role="group" aria-label="Remove this stage?" data-no-drag
                    class="mt-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950">
                    <p class="font-semibold">"What removing it does:"</p>
                    <ul class="mt-1 list-disc pl-5">
                        {move || removal().map(|r| r.consequences.into_iter().map(|c| view! { <li>{c}</li> }).collect_view())}
                    </ul>
                    <div class="mt-2 flex gap-2">
                        {move || removal().is_some_and(|r| r.possible).then(|| view! {
                            <button type="button" class=DANGER_BUTTON on:click=move |_| {
                                confirming.set(false);
                                draft.apply(DesignEdit::RemoveStage { stage: k.get_value() });
                            }>"Remove it"</button>
                        })}
                        <button type="button" class=SMALL_BUTTON on:click=move |_| confirming.set(false)>"Keep it"</button>
                    </div>
                </div>
            </Show>
            <div data-no-drag>
                <StageSettings draft key=key.clone()/>
            </div>
        </li>
    }
    .into_any()
}
