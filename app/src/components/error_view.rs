//! One way to show an error, wherever it happens: server functions, pages, routes.

use leptos::prelude::*;

use crate::error::AppError;

/// Shows one error: a headline and what to do about it.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    let reasons = match &error {
        AppError::InvalidMove { reasons } => reasons.clone(),
        _ => Vec::new(),
    };
    let message = if reasons.is_empty() {
        error.to_string()
    } else {
        String::new()
    };
    view! {
        <div
            role="alert"
            class="rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
            <p class="font-semibold">{error.title()}</p>
            <Show when={
                let has_message = !message.is_empty();
                move || has_message
            }>
                <p class="mt-1 text-sm">{message.clone()}</p>
            </Show>
            <ul class="mt-1 list-disc pl-5 text-sm">
                {reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// Fallback for an `ErrorBoundary`: shows every error it caught through [`ErrorView`].
pub fn error_fallback(errors: ArcRwSignal<Errors>) -> impl IntoView {
    view! {
        <div class="space-y-3">
            {move || {
                errors
                    .get()
                    .into_iter()
                    .map(|(_, err)| {
                        let error = err
                            .downcast_ref::<AppError>()
                            .cloned()
                            .unwrap_or(AppError::Internal);
                        view! { <ErrorView error/> }
                    })
                    .collect_view()
            }}
        </div>
    }
}
