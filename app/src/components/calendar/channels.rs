//! Channel colours and the legend that names them. Colour is never the only
//! sign: every entry also says its channel in words.

use leptos::prelude::*;

use crate::domain::{Channel, WorkflowKind};

/// The swatch of a channel (a small filled square or dot).
pub fn swatch(channel: Channel) -> &'static str {
    match channel {
        Channel::Blog => "bg-sky-500",
        Channel::Email => "bg-amber-500",
        Channel::Linkedin => "bg-blue-700",
        Channel::Instagram => "bg-pink-500",
        Channel::X => "bg-slate-900 dark:bg-slate-200",
        Channel::Facebook => "bg-indigo-500",
        Channel::Tiktok => "bg-cyan-500",
        Channel::PaidSearch => "bg-emerald-600",
        Channel::PaidSocial => "bg-purple-600",
        Channel::Other => "bg-slate-400",
    }
}

/// The left edge of an entry in its channel's colour.
pub fn edge(channel: Channel) -> &'static str {
    match channel {
        Channel::Blog => "border-l-sky-500",
        Channel::Email => "border-l-amber-500",
        Channel::Linkedin => "border-l-blue-700",
        Channel::Instagram => "border-l-pink-500",
        Channel::X => "border-l-slate-900 dark:border-l-slate-200",
        Channel::Facebook => "border-l-indigo-500",
        Channel::Tiktok => "border-l-cyan-500",
        Channel::PaidSearch => "border-l-emerald-600",
        Channel::PaidSocial => "border-l-purple-600",
        Channel::Other => "border-l-slate-400",
    }
}

/// The channel a new item of this kind of workflow most likely goes out on.
pub fn likely_channel(kind: WorkflowKind) -> Channel {
    match kind {
        WorkflowKind::Content | WorkflowKind::Seo => Channel::Blog,
        WorkflowKind::Email | WorkflowKind::Nurture => Channel::Email,
        WorkflowKind::Social => Channel::Linkedin,
        WorkflowKind::Paid => Channel::PaidSocial,
        _ => Channel::Other,
    }
}

/// Every channel with its colour.
#[component]
pub fn Legend() -> impl IntoView {
    view! {
        <ul aria-label="Channels" class="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
            {crate::domain::Channel::ALL
                .into_iter()
                .map(|c| view! {
                    <li class="flex items-center gap-1">
                        <span aria-hidden="true" class=format!("inline-block h-2.5 w-2.5 rounded-sm {}", swatch(c))></span>
                        {c.label()}
                    </li>
                })
                .collect_view()}
        </ul>
    }
}
