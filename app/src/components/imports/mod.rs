//! The import pages' parts: choosing a file (read in the browser, then kept by the server
//! for its preview), the Trello mapping and the spreadsheet mapping.

pub mod csv;
pub mod trello;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[cfg(feature = "hydrate")]
use crate::api::imports::UploadRequest;
use crate::api::imports::{discard_import, ImportDone, ImportKind, UploadImport};
use crate::components::error_view::ErrorView;
use crate::components::forms::{HINT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON, SUCCESS, WARNING};
#[cfg(feature = "hydrate")]
use crate::domain::exchange::imported::check_size;
use crate::domain::exchange::imported::{file_size, MAX_FILE_BYTES};
use crate::error::AppError;

/// A file field and a button that reads the file and opens its preview.
#[component]
pub fn UploadForm(
    kind: ImportKind,
    /// The field's label.
    label: &'static str,
    /// The file types offered first.
    accept: &'static str,
    /// What the button says.
    button: &'static str,
    /// The workflow the preview should start with (a spreadsheet's).
    #[prop(optional)]
    workflow: Option<String>,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let upload = ServerAction::<UploadImport>::new();
    let problem = RwSignal::new(None::<String>);
    let reading = RwSignal::new(false);
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(done)) = upload.value().get() {
            let query = workflow
                .as_ref()
                .map(|w| format!("?workflow={w}"))
                .unwrap_or_default();
            navigate(
                &format!("/imports/{}/{}{query}", done.kind.key(), done.id),
                Default::default(),
            );
        }
    });
    let field = format!("upload-{}", kind.key());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        #[cfg(feature = "hydrate")]
        if let Some(element) = input.get_untracked() {
            read_chosen(element, kind, upload, problem, reading);
        }
    };
    let busy = move || reading.get() || upload.pending().get();
    view! {
        <form on:submit=on_submit class="mt-4 space-y-3">
            <div>
                <label for=field.clone() class=LABEL>{label}</label>
                <input
                    id=field.clone()
                    node_ref=input
                    type="file"
                    accept=accept
                    required
                    class="mt-1 block w-full text-sm file:mr-3 file:min-h-11 file:rounded-md file:border-0 file:bg-slate-100 file:px-4 file:py-2 file:text-sm file:font-medium dark:file:bg-slate-800"
                />
                <p class=HINT>{format!("Up to {} and 5,000 cards or rows.", file_size(MAX_FILE_BYTES))}</p>
            </div>
            <button type="submit" class=PRIMARY_BUTTON disabled=busy>
                {move || if busy() { "Reading…" } else { button }}
            </button>
            {move || problem.get().map(|p| view! { <p class=WARNING role="alert">{p}</p> })}
            {move || upload.value().get().and_then(Result::err).map(|error| view! { <ErrorView error/> })}
        </form>
    }
}

/// Reads the chosen file's text and sends it to be kept; a file too large is refused here,
/// before anything is sent.
#[cfg(feature = "hydrate")]
fn read_chosen(
    element: web_sys::HtmlInputElement,
    kind: ImportKind,
    upload: ServerAction<UploadImport>,
    problem: RwSignal<Option<String>>,
    reading: RwSignal<bool>,
) {
    let Some(file) = element.files().and_then(|files| files.get(0)) else {
        problem.set(Some("Choose a file first.".into()));
        return;
    };
    if let Err(message) = check_size(file.size() as usize) {
        problem.set(Some(message));
        return;
    }
    let file_name = file.name();
    reading.set(true);
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        reading.set(false);
        match text.ok().and_then(|t| t.as_string()) {
            Some(text) => {
                upload.dispatch(UploadImport {
                    request: UploadRequest {
                        kind,
                        file_name,
                        text,
                    },
                });
            }
            None => problem.set(Some(
                "The file could not be read as text: choose the exported file itself.".into(),
            )),
        }
    });
}

/// A header cell of the import pages' tables.
pub const TH: &str = "px-3 py-2 text-left font-medium";
/// A cell of the import pages' tables.
pub const TD: &str = "px-3 py-2 align-top";

/// What an import did: its message and a link to the board, or why it did nothing.
#[component]
pub fn ImportOutcome(done: Result<ImportDone, AppError>) -> impl IntoView {
    match done {
        Ok(done) => view! {
            <div class=format!("{SUCCESS} mt-4") role="status">
                <p>{done.message}</p>
                <a href=format!("/board/{}", done.workflow) class="mt-2 inline-block font-medium underline">"Open the board"</a>
            </div>
        }
        .into_any(),
        Err(error) => view! { <div class="mt-4"><ErrorView error/></div> }.into_any(),
    }
}

/// An upload that can't be previewed (gone, not the person's), with the way back.
#[component]
pub fn UploadProblem(error: AppError) -> impl IntoView {
    view! {
        <ErrorView error/>
        <p class="mt-3 text-sm"><a href="/imports" class="text-indigo-700 hover:underline dark:text-indigo-300">"← Import and export"</a></p>
    }
}

/// "Discard upload": lets the file go and returns to the import page.
#[component]
pub fn DiscardButton(upload: i64) -> impl IntoView {
    let discard = Action::new(move |_: &()| discard_import(upload));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = discard.value().get() {
            navigate("/imports", Default::default());
        }
    });
    view! {
        <button type="button" class=SECONDARY_BUTTON on:click=move |_| { discard.dispatch(()); }>
            "Discard upload"
        </button>
        {move || discard.value().get().and_then(Result::err).map(|error: AppError| view! { <ErrorView error/> })}
    }
}
