//! `/intake/<workflow>`: a workflow's request form for signed-in people (with its settings
//! for managers), and `/forms/<token>`: the same form for anyone with the public link.
//! Every problem is shown at its field; a request that goes through is on the board at once.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::automation::{
    configure_intake, get_intake_form, public_intake_form, renew_intake_link, submit_intake,
    submit_public_intake, FieldProblem, IntakeAnswers, IntakeForm, Submitted,
};
use crate::components::copy_link::CopyableLink;
use crate::components::error_view::ErrorView;
use crate::components::forms::{
    CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON, SUCCESS,
};
use crate::components::item::fields::FieldInput;
use crate::domain::WorkflowId;
use crate::error::AppError;

/// `/intake/<workflow>`.
#[component]
pub fn IntakePage() -> impl IntoView {
    let params = use_params_map();
    let workflow = Memo::new(move |_| params.read().get("workflow").unwrap_or_default());
    let form = Resource::new(move || workflow.get(), |w| get_intake_form(WorkflowId(w)));
    view! {
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading the form…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! {
                        <Title text=format!("Request: {}", form.name)/>
                        <div class="mx-auto max-w-2xl space-y-6">
                            <RequestForm form=form.clone() public_token=None/>
                            {form.can_manage.then(|| view! { <FormSettings form/> })}
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// `/forms/<token>`: no account needed.
#[component]
pub fn PublicFormPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let form = Resource::new(move || token.get(), public_intake_form);
    view! {
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading the form…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! {
                        <Title text=format!("Request: {}", form.name)/>
                        <div class="mx-auto max-w-2xl">
                            <RequestForm form public_token=Some(token.get_untracked())/>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <Title text="Request form"/><ErrorView error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RequestForm(form: IntakeForm, public_token: Option<String>) -> impl IntoView {
    let public = public_token.is_some();
    let title = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let website = RwSignal::new(String::new());
    let raws: Vec<(crate::domain::FieldDef, RwSignal<String>)> = form
        .fields
        .iter()
        .map(|f| (f.clone(), RwSignal::new(String::new())))
        .collect();
    let raws = StoredValue::new(raws);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let error = RwSignal::new(None::<AppError>);
    let done = RwSignal::new(None::<(String, Option<i64>)>);
    let busy = RwSignal::new(false);
    let problem_of = move |field: String| {
        Signal::derive(move || {
            problems.with(|all| {
                all.iter()
                    .find(|p| p.field == field)
                    .map(|p| p.message.clone())
            })
        })
    };
    let workflow = form.workflow.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let answers = IntakeAnswers {
            title: title.get_untracked(),
            fields: raws.with_value(|r| {
                r.iter()
                    .map(|(f, raw)| (f.key.to_string(), raw.get_untracked()))
                    .collect::<BTreeMap<_, _>>()
            }),
            name: name.get_untracked(),
            email: email.get_untracked(),
            website: website.get_untracked(),
        };
        let token = public_token.clone();
        let workflow = workflow.clone();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let sent = match token {
                Some(token) => submit_public_intake(token, answers).await,
                None => submit_intake(workflow, answers).await,
            };
            match sent {
                Ok(Submitted::Created(receipt)) => {
                    problems.set(Vec::new());
                    done.set(Some((receipt.message, receipt.item.map(|i| i.0))));
                }
                Ok(Submitted::Refused { problems: found }) => problems.set(found),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let general = move || {
        problems.with(|all| {
            all.iter()
                .filter(|p| p.field == "form")
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
        })
    };
    let people = form.people.clone();
    view! {
        <header class="mb-4">
            <h1 class="text-2xl font-semibold tracking-tight">{format!("Ask for: {}", form.name)}</h1>
            {(!form.intro.is_empty()).then(|| view! { <p class="mt-1 whitespace-pre-line text-sm text-slate-600 dark:text-slate-400">{form.intro.clone()}</p> })}
        </header>
        {move || match done.get() {
            Some((message, item)) => view! {
                <div role="status" class=SUCCESS>
                    <p>{message}</p>
                    {item.map(|id| view! { <p class="mt-1"><a class="font-medium underline" href=format!("/items/{id}")>"Open the request"</a></p> })}
                    <button type="button" class=format!("{SECONDARY_BUTTON} mt-2") on:click=move |_| {
                        done.set(None);
                        title.set(String::new());
                        raws.with_value(|r| r.iter().for_each(|(_, raw)| raw.set(String::new())));
                    }>"Send another request"</button>
                </div>
            }.into_any(),
            None => ().into_any(),
        }}
        <form class=format!("{CARD} space-y-4") on:submit=submit novalidate aria-label="Request" class:hidden=move || done.get().is_some()>
            <div>
                <label for="title" class=LABEL>"What do you need?"</label>
                <input id="title" class=INPUT maxlength="200" prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))
                    aria-invalid=move || if problem_of("title".into()).get().is_some() { "true" } else { "false" }/>
                {move || problem_of("title".into()).get().map(|p| view! { <p class="mt-1 text-xs text-red-700 dark:text-red-300">{p}</p> })}
            </div>
            {raws.with_value(|r| r.iter().map(|(field, raw)| {
                let problem = problem_of(format!("field-{}", field.key));
                view! { <FieldInput field=field.clone() raw=*raw required=Some("needed".into()) people=people.clone() problem/> }
            }).collect_view())}
            {public.then(|| view! {
                <div class="grid gap-4 sm:grid-cols-2">
                    <div>
                        <label for="asker-name" class=LABEL>"Your name"</label>
                        <input id="asker-name" class=INPUT autocomplete="name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                        {move || problem_of("name".into()).get().map(|p| view! { <p class="mt-1 text-xs text-red-700 dark:text-red-300">{p}</p> })}
                    </div>
                    <div>
                        <label for="asker-email" class=LABEL>"Your email"</label>
                        <input id="asker-email" type="email" class=INPUT autocomplete="email" prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev))/>
                        {move || problem_of("email".into()).get().map(|p| view! { <p class="mt-1 text-xs text-red-700 dark:text-red-300">{p}</p> })}
                    </div>
                </div>
                // People leave this empty; bots fill it in.
                <div class="absolute -left-[9999px]" aria-hidden="true">
                    <label for="website">"Website"</label>
                    <input id="website" tabindex="-1" autocomplete="off" prop:value=move || website.get() on:input=move |ev| website.set(event_target_value(&ev))/>
                </div>
            })}
            <ul class="space-y-1 text-sm text-red-700 dark:text-red-300">
                {move || general().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <div aria-live="polite">{move || error.get().map(|error| view! { <ErrorView error/> })}</div>
            <button type="submit" class=PRIMARY_BUTTON disabled=move || busy.get()>"Send the request"</button>
        </form>
    }
}

#[component]
fn FormSettings(form: IntakeForm) -> impl IntoView {
    let intro = RwSignal::new(form.intro.clone());
    let public = RwSignal::new(form.public_path.is_some());
    let path = RwSignal::new(form.public_path.clone());
    let error = RwSignal::new(None::<AppError>);
    let status = RwSignal::new(String::new());
    let workflow = StoredValue::new(form.workflow.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (on, text) = (public.get_untracked(), intro.get_untracked());
        spawn_local(async move {
            match configure_intake(workflow.get_value(), on, text).await {
                Ok(saved) => {
                    path.set(saved.public_path);
                    status.set("Form settings saved.".into());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let renew = move |_| {
        spawn_local(async move {
            match renew_intake_link(workflow.get_value()).await {
                Ok(saved) => {
                    path.set(saved.public_path);
                    public.set(true);
                    status.set("A new public link: the old one no longer works.".into());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class=format!("{CARD} space-y-4") on:submit=save aria-labelledby="form-settings">
            <h2 id="form-settings" class="text-lg font-semibold">"Form settings"</h2>
            <div>
                <label for="intro" class=LABEL>"Introduction"</label>
                <textarea id="intro" rows="3" class=INPUT prop:value=move || intro.get() on:input=move |ev| intro.set(event_target_value(&ev))></textarea>
                <p class=HINT>"Shown above the form. It asks for the first stage's required fields."</p>
            </div>
            <label class="flex items-center gap-2 text-sm">
                <input type="checkbox" class="h-4 w-4" prop:checked=move || public.get() on:change=move |ev| public.set(event_target_checked(&ev))/>
                "Anyone with the public link may send requests (no account needed)"
            </label>
            {move || path.get().map(|p| view! {
                <div class="space-y-2">
                    <CopyableLink path=p label="Public form link" id="public-form-link"/>
                    <button type="button" class=SECONDARY_BUTTON on:click=renew>"Make a new link"</button>
                </div>
            })}
            <div aria-live="polite" class="space-y-2">
                {move || error.get().map(|error| view! { <ErrorView error/> })}
                {move || (!status.get().is_empty()).then(|| view! { <p role="status" class=SUCCESS>{status.get()}</p> })}
            </div>
            <button type="submit" class=PRIMARY_BUTTON>"Save form settings"</button>
        </form>
    }
}
