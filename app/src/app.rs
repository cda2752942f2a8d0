//! The HTML shell and the router: every page of Baton is reached from here.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path, SsrMode,
};

use crate::components::layout::Layout;
use crate::pages::{
    AutomationsPage, BoardPage, CalendarPage, CampaignPage, CampaignsPage, CsvImportPage,
    DesignerPage, ForgotPage, HowItRunsPage, ImportsPage, InboxPage, InsightsPage, IntakePage,
    IntegrationsPage, InvitePage, ItemPage, LoginPage, NewDesignPage, NewItemPage, NewRulePage,
    NotFound, NotificationsPage, PeoplePage, ProfilePage, PublicFormPage, ResetPage, RulePage,
    SendsPage, SettingsPage, TokensPage, TrelloImportPage, UnsubscribePage, WorkflowBoardPage,
    WorkflowPageView, WorkflowsPage,
};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy(&options);
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                // Applied before the first paint so a dark-theme user never sees a white flash.
                <script src="/theme.js"></script>
                <HashedStylesheet options=options.clone() id="leptos"/>
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
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg"/>
        <Meta name="color-scheme" content="light dark"/>
        <Title formatter=|page: String| {
            if page.is_empty() { "Baton".to_string() } else { format!("{page} · Baton") }
        }/>
        // Every page is rendered whole before it is sent (`SsrMode::Async`): its data comes from
        // the local database in milliseconds, and streaming sent the header and the page's
        // content as late fragments that browsers painted in a second pass, so the page
        // jumped as the signed-in person's menu and the content arrived.
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/board"/> } ssr=SsrMode::Async/>
                    <Route path=path!("/board") view=BoardPage ssr=SsrMode::Async/>
                    <Route path=path!("/board/:workflow") view=WorkflowBoardPage ssr=SsrMode::Async/>
                    <Route path=path!("/board/:workflow/new") view=NewItemPage ssr=SsrMode::Async/>
                    <Route path=path!("/items/:id") view=ItemPage ssr=SsrMode::Async/>
                    <Route path=path!("/calendar") view=CalendarPage ssr=SsrMode::Async/>
                    <Route path=path!("/inbox") view=InboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/campaigns") view=CampaignsPage ssr=SsrMode::Async/>
                    <Route path=path!("/campaigns/:id") view=CampaignPage ssr=SsrMode::Async/>
                    <Route path=path!("/sends") view=SendsPage ssr=SsrMode::Async/>
                    <Route path=path!("/workflows") view=WorkflowsPage ssr=SsrMode::Async/>
                    <Route path=path!("/workflows/new") view=NewDesignPage ssr=SsrMode::Async/>
                    <Route path=path!("/workflows/:id") view=WorkflowPageView ssr=SsrMode::Async/>
                    <Route path=path!("/workflows/:id/edit") view=DesignerPage ssr=SsrMode::Async/>
                    <Route path=path!("/workflows/:id/how-it-runs") view=HowItRunsPage ssr=SsrMode::Async/>
                    <Route path=path!("/insights") view=InsightsPage ssr=SsrMode::Async/>
                    <Route path=path!("/imports") view=ImportsPage ssr=SsrMode::Async/>
                    <Route path=path!("/imports/trello/:id") view=TrelloImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/imports/csv/:id") view=CsvImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/automations") view=AutomationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/automations/new") view=NewRulePage ssr=SsrMode::Async/>
                    <Route path=path!("/automations/:id") view=RulePage ssr=SsrMode::Async/>
                    <Route path=path!("/intake/:workflow") view=IntakePage ssr=SsrMode::Async/>
                    <Route path=path!("/forms/:token") view=PublicFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/people") view=PeoplePage ssr=SsrMode::Async/>
                    <Route path=path!("/profile") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/settings/integrations") view=IntegrationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/settings/tokens") view=TokensPage ssr=SsrMode::Async/>
                    <Route path=path!("/settings/notifications") view=NotificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/forgot") view=ForgotPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset/:token") view=ResetPage ssr=SsrMode::Async/>
                    <Route path=path!("/unsubscribe/:token") view=UnsubscribePage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/invite/:token") view=InvitePage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// Pages may run only their own scripts: files from Baton and the inline
/// hydration script carrying this response's nonce.
#[cfg(feature = "ssr")]
fn set_content_security_policy(options: &LeptosOptions) {
    use axum::http::{header::CONTENT_SECURITY_POLICY, HeaderValue};
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    // `cargo leptos watch` reloads the page over a websocket on its own port.
    let live_reload = match options.env {
        leptos::config::Env::DEV => format!(
            " ws://127.0.0.1:{0} ws://localhost:{0}",
            options.reload_port
        ),
        leptos::config::Env::PROD => String::new(),
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'{live_reload}; font-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        nonce.as_inner()
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
