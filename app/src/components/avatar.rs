//! A person's initials in a circle, the same colour for the same person everywhere.

use leptos::prelude::*;

const COLOURS: [&str; 6] = [
    "bg-indigo-100 text-indigo-800 dark:bg-indigo-900 dark:text-indigo-100",
    "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
    "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
    "bg-rose-100 text-rose-800 dark:bg-rose-900 dark:text-rose-100",
    "bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-100",
    "bg-violet-100 text-violet-800 dark:bg-violet-900 dark:text-violet-100",
];

/// Initials for someone whose name is shown next to it, so screen readers skip it.
#[component]
pub fn Avatar(
    /// Two letters, from [`crate::auth::initials`].
    initials: String,
    /// Picks the colour; the person's id keeps it stable across renames.
    seed: i64,
    /// Tailwind size classes.
    #[prop(default = "h-8 w-8 text-xs")]
    size: &'static str,
) -> impl IntoView {
    let colour = COLOURS[seed.rem_euclid(COLOURS.len() as i64) as usize];
    view! {
        <span
            aria-hidden="true"
            class=format!("inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold {size} {colour}")
        >
            {initials}
        </span>
    }
}
