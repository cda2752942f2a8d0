//! The brand style guide on the settings page: banned words with their preferred wording,
//! phrases a channel's copy must include, character limits, the reading-level target and
//! the limits on exclamation marks and ALL CAPS — edited by admins, read by everyone, with
//! a box to try copy against it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::brand::{get_style_guide, save_style_guide};
use crate::components::error_view::ErrorView;
use crate::components::forms::{
    CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON, SUCCESS,
};
use crate::domain::brand::{
    check, guide_limit_problems, BannedPhrase, CharLimit, CopyField, LimitTarget, ReadingLevel,
    ReadingTarget, RequiredPhrase,
};
use crate::domain::limits::SHORT;
use crate::domain::{Channel, StyleGuide};
use crate::error::AppError;

/// A limit's target as a picker value ("x", "email_subject") and back.
pub fn target_key(target: LimitTarget) -> String {
    match target {
        LimitTarget::Channel(channel) => channel.key().to_owned(),
        LimitTarget::EmailSubject => "email_subject".to_owned(),
        LimitTarget::Preheader => "preheader".to_owned(),
    }
}

/// Reads a limit target back.
pub fn target_of(key: &str) -> Option<LimitTarget> {
    match key {
        "email_subject" => Some(LimitTarget::EmailSubject),
        "preheader" => Some(LimitTarget::Preheader),
        other => Channel::from_key(other).map(LimitTarget::Channel),
    }
}

fn target_label(target: LimitTarget) -> String {
    match target {
        LimitTarget::Channel(channel) => format!("{} post", channel.label()),
        LimitTarget::EmailSubject => "Email subject".to_owned(),
        LimitTarget::Preheader => "Email preheader".to_owned(),
    }
}

fn all_targets() -> Vec<LimitTarget> {
    Channel::ALL
        .into_iter()
        .map(LimitTarget::Channel)
        .chain([LimitTarget::EmailSubject, LimitTarget::Preheader])
        .collect()
}

/// An optional whole number from a box: empty is "no limit".
fn optional_count(raw: &str) -> Result<Option<u32>, ()> {
    let raw = raw.trim();
    if raw.is_empty() {
        Ok(None)
    } else {
        raw.parse().map(Some).map_err(|_| ())
    }
}

/// The style guide section (loads the guide itself).
#[component]
pub fn StyleGuideSection(admin: bool) -> impl IntoView {
    let stored = Resource::new(|| (), |_| get_style_guide());
    view! {
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading the style guide…"</p> }>
            {move || Suspend::new(async move {
                match stored.await {
                    Ok(guide) => view! { <StyleGuideForm guide admin/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn StyleGuideForm(guide: StyleGuide, admin: bool) -> impl IntoView {
    let guide = RwSignal::new(guide);
    let acronyms = RwSignal::new(guide.with_untracked(|g| g.acronyms.join(", ")));
    let error = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problems = Memo::new(move |_| {
        guide.with(|g| {
            let mut all = g.problems();
            all.extend(guide_limit_problems(g));
            all
        })
    });
    let disabled = !admin;
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        saved.set(String::new());
        let draft = guide.get_untracked();
        spawn_local(async move {
            match save_style_guide(draft).await {
                Ok(stored) => {
                    guide.set(stored);
                    saved.set(
                        "Style guide saved: copy fields are checked against it from now on.".into(),
                    );
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let banned_rows = move || guide.with(|g| (0..g.banned.len()).collect::<Vec<_>>());
    let required_rows = move || guide.with(|g| (0..g.required.len()).collect::<Vec<_>>());
    let limit_rows = move || guide.with(|g| (0..g.limits.len()).collect::<Vec<_>>());
    let reading_kind = move || {
        guide.with(|g| match g.reading.map(|r| r.target) {
            None => "none",
            Some(ReadingTarget::EaseAtLeast(_)) => "ease",
            Some(ReadingTarget::GradeAtMost(_)) => "grade",
        })
    };
    let reading_value = move || {
        guide.with(|g| match g.reading.map(|r| r.target) {
            Some(ReadingTarget::EaseAtLeast(v) | ReadingTarget::GradeAtMost(v)) => v.to_string(),
            None => String::new(),
        })
    };
    let count_text = move |read: fn(&StyleGuide) -> Option<u32>| {
        move || guide.with(|g| read(g).map(|n| n.to_string()).unwrap_or_default())
    };
    view! {
        <form on:submit=save class=format!("{CARD} space-y-6") aria-labelledby="brand-heading" novalidate>
            <div>
                <h2 id="brand-heading" class="text-lg font-semibold">"Brand style guide"</h2>
                <p class=HINT>"What the brand check looks for in copy fields as people type, and what a stage set to \"Brand check passes\" enforces."</p>
                {(!admin).then(|| view! { <p class=HINT>"Only admins can change the style guide."</p> })}
            </div>

            <fieldset>
                <legend class="font-semibold">"Banned words and phrases"</legend>
                <ul class="mt-2 space-y-2">
                    <For each=banned_rows key=|i| *i children=move |i| view! {
                        <li class="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
                            <div>
                                <label for=format!("banned-{i}") class=LABEL>"Don't write"</label>
                                <input id=format!("banned-{i}") type="text" class=INPUT disabled=disabled maxlength=SHORT.to_string()
                                    prop:value=move || guide.with(|g| g.banned.get(i).map(|b| b.phrase.clone()).unwrap_or_default())
                                    on:input=move |ev| guide.update(|g| if let Some(b) = g.banned.get_mut(i) { b.phrase = event_target_value(&ev) })/>
                            </div>
                            <div>
                                <label for=format!("instead-{i}") class=LABEL>"Write instead (empty: leave it out)"</label>
                                <input id=format!("instead-{i}") type="text" class=INPUT disabled=disabled maxlength=SHORT.to_string()
                                    prop:value=move || guide.with(|g| g.banned.get(i).map(|b| b.instead.clone()).unwrap_or_default())
                                    on:input=move |ev| guide.update(|g| if let Some(b) = g.banned.get_mut(i) { b.instead = event_target_value(&ev) })/>
                            </div>
                            {admin.then(|| view! {
                                <button type="button" class=SECONDARY_BUTTON on:click=move |_| guide.update(|g| { if i < g.banned.len() { g.banned.remove(i); } })>"Remove"</button>
                            })}
                        </li>
                    }/>
                </ul>
                {admin.then(|| view! {
                    <button type="button" class=format!("{SECONDARY_BUTTON} mt-2")
                        on:click=move |_| guide.update(|g| g.banned.push(BannedPhrase { phrase: String::new(), instead: String::new() }))>"Add a banned phrase"</button>
                })}
            </fieldset>

            <fieldset>
                <legend class="font-semibold">"Phrases a channel's copy must include"</legend>
                <p class=HINT>"For example a disclaimer on paid social ads."</p>
                <ul class="mt-2 space-y-2">
                    <For each=required_rows key=|i| *i children=move |i| view! {
                        <li class="grid gap-2 sm:grid-cols-[12rem_1fr_auto] sm:items-end">
                            <div>
                                <label for=format!("required-channel-{i}") class=LABEL>"Channel"</label>
                                <select id=format!("required-channel-{i}") class=INPUT disabled=disabled
                                    on:change=move |ev| {
                                        if let Some(c) = Channel::from_key(&event_target_value(&ev)) {
                                            guide.update(|g| if let Some(r) = g.required.get_mut(i) { r.channel = c });
                                        }
                                    }>
                                    {Channel::ALL.into_iter().map(|c| view! {
                                        <option value=c.key() selected=move || guide.with(|g| g.required.get(i).is_some_and(|r| r.channel == c))>{c.label()}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div>
                                <label for=format!("required-{i}") class=LABEL>"Must include"</label>
                                <input id=format!("required-{i}") type="text" class=INPUT disabled=disabled maxlength=SHORT.to_string()
                                    prop:value=move || guide.with(|g| g.required.get(i).map(|r| r.phrase.clone()).unwrap_or_default())
                                    on:input=move |ev| guide.update(|g| if let Some(r) = g.required.get_mut(i) { r.phrase = event_target_value(&ev) })/>
                            </div>
                            {admin.then(|| view! {
                                <button type="button" class=SECONDARY_BUTTON on:click=move |_| guide.update(|g| { if i < g.required.len() { g.required.remove(i); } })>"Remove"</button>
                            })}
                        </li>
                    }/>
                </ul>
                {admin.then(|| view! {
                    <button type="button" class=format!("{SECONDARY_BUTTON} mt-2")
                        on:click=move |_| guide.update(|g| g.required.push(RequiredPhrase { channel: Channel::PaidSocial, phrase: String::new() }))>"Add a required phrase"</button>
                })}
            </fieldset>

            <fieldset>
                <legend class="font-semibold">"Character limits"</legend>
                <p class=HINT>"Counted as people count characters: an emoji or a flag is one."</p>
                <ul class="mt-2 space-y-2">
                    <For each=limit_rows key=|i| *i children=move |i| view! {
                        <li class="grid gap-2 sm:grid-cols-[12rem_10rem_auto] sm:items-end">
                            <div>
                                <label for=format!("limit-target-{i}") class=LABEL>"For"</label>
                                <select id=format!("limit-target-{i}") class=INPUT disabled=disabled
                                    on:change=move |ev| {
                                        if let Some(t) = target_of(&event_target_value(&ev)) {
                                            guide.update(|g| if let Some(l) = g.limits.get_mut(i) { l.target = t });
                                        }
                                    }>
                                    {all_targets().into_iter().map(|t| view! {
                                        <option value=target_key(t) selected=move || guide.with(|g| g.limits.get(i).is_some_and(|l| l.target == t))>{target_label(t)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div>
                                <label for=format!("limit-{i}") class=LABEL>"Most characters"</label>
                                <input id=format!("limit-{i}") type="number" min="1" inputmode="numeric" class=INPUT disabled=disabled
                                    prop:value=move || guide.with(|g| g.limits.get(i).map(|l| l.max.to_string()).unwrap_or_default())
                                    on:input=move |ev| {
                                        if let Ok(max) = event_target_value(&ev).trim().parse::<u32>() {
                                            guide.update(|g| if let Some(l) = g.limits.get_mut(i) { l.max = max });
                                        }
                                    }/>
                            </div>
                            {admin.then(|| view! {
                                <button type="button" class=SECONDARY_BUTTON on:click=move |_| guide.update(|g| { if i < g.limits.len() { g.limits.remove(i); } })>"Remove"</button>
                            })}
                        </li>
                    }/>
                </ul>
                {admin.then(|| view! {
                    <button type="button" class=format!("{SECONDARY_BUTTON} mt-2")
                        on:click=move |_| guide.update(|g| g.limits.push(CharLimit { target: LimitTarget::Channel(Channel::Facebook), max: 500 }))>"Add a limit"</button>
                })}
            </fieldset>

            <fieldset class="grid gap-3 sm:grid-cols-3">
                <legend class="font-semibold">"Reading level and style"</legend>
                <div>
                    <label for="reading-kind" class=LABEL>"Reading-level target"</label>
                    <select id="reading-kind" class=INPUT disabled=disabled on:change=move |ev| {
                        let kind = event_target_value(&ev);
                        guide.update(|g| {
                            let min_words = g.reading.map_or(30, |r| r.min_words);
                            g.reading = match kind.as_str() {
                                "ease" => Some(ReadingLevel { target: ReadingTarget::EaseAtLeast(60.0), min_words }),
                                "grade" => Some(ReadingLevel { target: ReadingTarget::GradeAtMost(8.0), min_words }),
                                _ => None,
                            };
                        });
                    }>
                        <option value="none" selected=move || reading_kind() == "none">"None"</option>
                        <option value="ease" selected=move || reading_kind() == "ease">"Reading ease at least (0–100)"</option>
                        <option value="grade" selected=move || reading_kind() == "grade">"School grade at most"</option>
                    </select>
                </div>
                <div>
                    <label for="reading-value" class=LABEL>"Target"</label>
                    <input id="reading-value" type="number" step="0.5" class=INPUT disabled=move || disabled || reading_kind() == "none"
                        prop:value=reading_value
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                                guide.update(|g| if let Some(r) = &mut g.reading {
                                    r.target = match r.target {
                                        ReadingTarget::EaseAtLeast(_) => ReadingTarget::EaseAtLeast(v),
                                        ReadingTarget::GradeAtMost(_) => ReadingTarget::GradeAtMost(v),
                                    };
                                });
                            }
                        }/>
                </div>
                <div>
                    <label for="reading-words" class=LABEL>"Scored from (words)"</label>
                    <input id="reading-words" type="number" min="1" class=INPUT disabled=move || disabled || reading_kind() == "none"
                        prop:value=move || guide.with(|g| g.reading.map(|r| r.min_words.to_string()).unwrap_or_default())
                        on:input=move |ev| {
                            if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                                guide.update(|g| if let Some(r) = &mut g.reading { r.min_words = n });
                            }
                        }/>
                </div>
                <div>
                    <label for="max-exclamations" class=LABEL>"Most exclamation marks (empty: no limit)"</label>
                    <input id="max-exclamations" type="number" min="0" class=INPUT disabled=disabled
                        prop:value=count_text(|g| g.max_exclamations)
                        on:input=move |ev| if let Ok(n) = optional_count(&event_target_value(&ev)) { guide.update(|g| g.max_exclamations = n) }/>
                </div>
                <div>
                    <label for="max-caps" class=LABEL>"Most words in ALL CAPS (empty: no limit)"</label>
                    <input id="max-caps" type="number" min="0" class=INPUT disabled=disabled
                        prop:value=count_text(|g| g.max_caps_words)
                        on:input=move |ev| if let Ok(n) = optional_count(&event_target_value(&ev)) { guide.update(|g| g.max_caps_words = n) }/>
                </div>
                <div>
                    <label for="acronyms" class=LABEL>"Acronyms allowed in capitals"</label>
                    <input id="acronyms" type="text" class=INPUT disabled=disabled prop:value=move || acronyms.get()
                        on:input=move |ev| {
                            let raw = event_target_value(&ev);
                            acronyms.set(raw.clone());
                            guide.update(|g| g.acronyms = raw.split(',').map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()).collect());
                        }/>
                    <p class=HINT>"Separated by commas, e.g. SEO, ROI."</p>
                </div>
            </fieldset>

            <TryIt guide/>

            <div class="space-y-2" aria-live="polite">
                {move || (!problems.get().is_empty()).then(|| view! {
                    <ul class="list-disc pl-5 text-sm text-red-700 dark:text-red-300">
                        {problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                })}
                {move || error.get().map(|error| view! { <ErrorView error/> })}
                {move || (!saved.get().is_empty()).then(|| view! { <p role="status" class=SUCCESS>{saved.get()}</p> })}
            </div>
            {admin.then(|| view! {
                <button type="submit" class=PRIMARY_BUTTON disabled=move || busy.get() || !problems.with(Vec::is_empty)>"Save the style guide"</button>
            })}
        </form>
    }
    .into_any()
}

/// Copy checked against the guide being edited, as it would be in an item.
#[component]
fn TryIt(guide: RwSignal<StyleGuide>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let channel = RwSignal::new(Channel::Linkedin);
    let findings =
        Memo::new(move |_| guide.with(|g| check(g, channel.get(), &text.get(), CopyField::Body)));
    view! {
        <fieldset>
            <legend class="font-semibold">"Try it"</legend>
            <div class="mt-2 grid gap-3 sm:grid-cols-[12rem_1fr]">
                <div>
                    <label for="try-channel" class=LABEL>"Channel"</label>
                    <select id="try-channel" class=INPUT on:change=move |ev| if let Some(c) = Channel::from_key(&event_target_value(&ev)) { channel.set(c) }>
                        {Channel::ALL.into_iter().map(|c| view! { <option value=c.key() selected=c == Channel::Linkedin>{c.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="try-copy" class=LABEL>"Copy"</label>
                    <textarea id="try-copy" rows="3" class=INPUT aria-describedby="try-findings" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
            </div>
            <div id="try-findings" aria-live="polite" class="mt-2 text-sm">
                {move || (!text.with(|t| t.trim().is_empty())).then(|| {
                    let found = findings.get();
                    if found.is_empty() {
                        view! { <p class="text-emerald-700 dark:text-emerald-300">"Nothing to fix."</p> }.into_any()
                    } else {
                        view! { <ul class="list-disc pl-5">{found.into_iter().map(|f| view! { <li>{f.to_string()}</li> }).collect_view()}</ul> }.into_any()
                    }
                })}
            </div>
        </fieldset>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_targets_round_trip_through_the_picker() {
        for target in all_targets() {
            assert_eq!(target_of(&target_key(target)), Some(target));
        }
        assert_eq!(optional_count(" "), Ok(None));
        assert_eq!(optional_count("2"), Ok(Some(2)));
        assert!(optional_count("two").is_err());
    }
}
