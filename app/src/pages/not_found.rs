use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any address Baton does not know, with a 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found"/>
        <div class="mx-auto max-w-md py-16 text-center">
            <p class="text-sm font-semibold text-indigo-600 dark:text-indigo-400">"404"</p>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight">"Page not found"</h1>
            <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">
                "There is nothing at this address. It may have moved, or the link may be mistyped."
            </p>
            <a
                href="/board"
                class="mt-6 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
            >
                "Go to the board"
            </a>
        </div>
    }
}
