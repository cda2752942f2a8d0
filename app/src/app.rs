//! The HTML shell and the router: every page of Baton is reached from here.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path,
};

use crate::components::layout::Layout;
use crate::pages::{BoardPage, CalendarPage, InboxPage, NotFound};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                // Applied before the first paint so a dark-theme user never sees a white flash.
                <script src="/theme.js"></script>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
                <App/>
            </body>
        </html>
    }
}

/// The application: layout, routes and the pages behind them.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Stylesheet id="leptos" href="/pkg/baton.css"/>
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg"/>
        <Meta name="color-scheme" content="light dark"/>
        <Title formatter=|page: String| {
            if page.is_empty() { "Baton".to_string() } else { format!("{page} · Baton") }
        }/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/board"/> }/>
                    <Route path=path!("/board") view=BoardPage/>
                    <Route path=path!("/calendar") view=CalendarPage/>
                    <Route path=path!("/inbox") view=InboxPage/>
                </Routes>
            </Layout>
        </Router>
    }
}
