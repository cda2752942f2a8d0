//! A link or a secret to hand to someone: shown in full, with a button that copies it.

use leptos::html::Input;
use leptos::prelude::*;

use super::forms::{INPUT, LABEL, SECONDARY_BUTTON};

/// Shows `origin + path` in a read-only field and copies it on request.
#[component]
pub fn CopyableLink(
    /// A path on this server, e.g. `/invite/abc`.
    path: String,
    /// The field's label.
    label: &'static str,
    /// The field's id (one per page).
    id: &'static str,
) -> impl IntoView {
    let text = format!("{}{path}", browser::origin());
    view! { <CopyableText text label id button="Copy link"/> }
}

/// Shows `text` in a read-only field and copies it on request; when the browser won't
/// copy, the text is selected for the person to copy themselves.
#[component]
pub fn CopyableText(
    /// What to show and copy.
    text: String,
    /// The field's label.
    label: &'static str,
    /// The field's id (one per page).
    id: &'static str,
    /// What the copy button says.
    button: &'static str,
    /// A `data-testid` for the field, for tests that read what it holds.
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let field = NodeRef::<Input>::new();
    let select_all = move || {
        if let Some(input) = field.get_untracked() {
            input.select();
        }
    };
    let copy = {
        let text = text.clone();
        move |_| {
            copied.set(None);
            browser::copy(&text, move |ok| {
                if !ok {
                    select_all();
                }
                copied.set(Some(ok));
            });
        }
    };
    view! {
        <label for=id class=LABEL>{label}</label>
        <div class="mt-1 flex flex-col gap-2 sm:flex-row">
            <input
                id=id
                node_ref=field
                type="text"
                readonly
                value=text
                data-testid=testid
                on:focus=move |_| select_all()
                class=format!("{INPUT} mt-0 font-mono text-xs")
            />
            <button type="button" on:click=copy class=format!("{SECONDARY_BUTTON} shrink-0")>
                {button}
            </button>
        </div>
        <p aria-live="polite" class="mt-1 min-h-5 text-xs text-slate-600 dark:text-slate-400">
            {move || match copied.get() {
                Some(true) => "Copied to the clipboard.",
                Some(false) => "Your browser did not allow copying: the text is selected, press Ctrl+C (⌘C on a Mac).",
                None => "",
            }}
        </p>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// The promise `navigator.clipboard.writeText` returns.
        type ClipboardWrite;

        #[wasm_bindgen(catch, js_namespace = ["navigator", "clipboard"], js_name = writeText)]
        fn write_text(text: &str) -> Result<ClipboardWrite, JsValue>;

        #[wasm_bindgen(method)]
        fn then(this: &ClipboardWrite, resolved: &JsValue, rejected: &JsValue);
    }

    /// `https://host:port` of the page, as the person's browser reached it.
    pub fn origin() -> String {
        let url = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.url().ok())
            .unwrap_or_default();
        super::origin_of(&url).to_string()
    }

    /// Copies `text`, then says whether that worked. The clipboard is missing on
    /// pages not served over HTTPS or localhost, and may refuse without permission.
    pub fn copy(text: &str, done: impl Fn(bool) + Copy + 'static) {
        match write_text(text) {
            Ok(promise) => {
                let resolved = Closure::once_into_js(move |_: JsValue| done(true));
                let rejected = Closure::once_into_js(move |_: JsValue| done(false));
                promise.then(&resolved, &rejected);
            }
            Err(_) => done(false),
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    pub fn origin() -> String {
        String::new()
    }

    pub fn copy(_text: &str, done: impl Fn(bool) + Copy + 'static) {
        done(false);
    }
}

/// The `scheme://host:port` part of an absolute URL.
pub fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
    match url[after_scheme..].find('/') {
        Some(end) => &url[..after_scheme + end],
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn the_origin_is_everything_before_the_path() {
        assert_eq!(
            origin_of("http://127.0.0.1:3000/people?x=1"),
            "http://127.0.0.1:3000"
        );
        assert_eq!(origin_of("https://baton.example"), "https://baton.example");
    }
}
