//! The frame every page sits in: the navigation, the workspace name, who is
//! signed in, the theme switch.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::api::workspace::get_workspace;
use crate::components::account_menu::{AccountMenu, AdminLinks};
use crate::components::error_view::error_fallback;
use crate::components::inbox::{Bell, InboxBadge, Pulse};
use crate::components::session::{use_session, Session};
use crate::components::theme::ThemeSwitch;

/// The look of a link in the main navigation; the current page is highlighted.
pub const NAV_LINK: &str = "rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 \
    aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-700 \
    dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white \
    dark:aria-[current=page]:bg-indigo-950 dark:aria-[current=page]:text-indigo-200";

/// Pages for people who are not signed in: no workspace navigation there.
fn is_public_page(path: &str) -> bool {
    path == "/login" || path.starts_with("/invite/") || path.starts_with("/forms/")
}

/// The page frame: header with navigation, then the page itself.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let session = Session::provide();
    Pulse::provide(session);
    let location = use_location();
    let public_page = Memo::new(move |_| is_public_page(&location.pathname.get()));
    // Lets browser tests wait until the page reacts to clicks.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    view! {
        <div class="flex min-h-screen flex-col" data-hydrated=move || hydrated.get().then_some("true")>
            <header class="border-b border-slate-200 bg-white print:hidden dark:border-slate-800 dark:bg-slate-900">
                <div class="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
                    <a href="/board" class="flex items-center gap-2 font-semibold tracking-tight">
                        <img src="/favicon.svg" alt="" class="h-6 w-6"/>
                        <span>"Baton"</span>
                    </a>
                    <Show when=move || !public_page.get()>
                        <WorkspaceName/>
                        <nav aria-label="Main" class="order-last flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">
                            <A href="/board" attr:class=NAV_LINK>"Board"</A>
                            <A href="/calendar" attr:class=NAV_LINK>"Calendar"</A>
                            <A href="/inbox" attr:class=NAV_LINK>"Inbox"<InboxBadge/></A>
                            <A href="/campaigns" attr:class=NAV_LINK>"Campaigns"</A>
                            <A href="/workflows" attr:class=NAV_LINK>"Workflows"</A>
                            <A href="/insights" attr:class=NAV_LINK>"Insights"</A>
                            <A href="/automations" attr:class=NAV_LINK>"Automations"</A>
                            <AdminLinks/>
                        </nav>
                    </Show>
                    <div class="ml-auto flex items-center gap-2">
                        <Show when=move || !public_page.get()>
                            <Bell/>
                            <AccountMenu/>
                        </Show>
                        <ThemeSwitch/>
                    </div>
                </div>
            </header>
            <main id="main" class="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
                <ErrorBoundary fallback=error_fallback>{children()}</ErrorBoundary>
            </main>
        </div>
    }
}

/// The workspace's name, loaded from the server (again after signing in).
#[component]
fn WorkspaceName() -> impl IntoView {
    let session = use_session();
    let workspace = Resource::new(move || session.version(), |_| get_workspace());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                workspace
                    .await
                    .map(|w| {
                        view! {
                            <span class="hidden text-sm text-slate-500 sm:inline dark:text-slate-400">
                                {w.name}
                            </span>
                        }
                    })
                    .ok()
            })}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::is_public_page;

    #[test]
    fn only_sign_in_and_invites_hide_the_workspace_navigation() {
        assert!(is_public_page("/login"));
        assert!(is_public_page("/invite/abc"));
        assert!(!is_public_page("/board"));
        assert!(!is_public_page("/loginx"));
    }
}
