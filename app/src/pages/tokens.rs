//! `/settings/tokens` (admins): everyone's personal access tokens, to see who can reach the
//! API with what, and to revoke a token that leaked or outlived its use.

use leptos::prelude::*;
use leptos_meta::Title;

use super::PageHeader;
use crate::api::tokens::{all_tokens, RevokeToken};
use crate::components::error_view::ErrorView;
use crate::components::forms::CARD;
use crate::components::session::{signed_in, use_session};
use crate::components::tokens::TokenTable;
use crate::domain::Role;

/// `/settings/tokens`.
#[component]
pub fn TokensPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Title text="API tokens"/>
        <PageHeader
            title="API tokens"
            subtitle="Every personal access token in the workspace: whose it is, what it may do and when it was last used. A revoked token stops working at once."
        />
        <p class="mb-4 text-sm"><a href="/settings" class="text-indigo-700 hover:underline dark:text-indigo-300">"← Settings"</a></p>
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let admin = signed_in(&session.status.await).is_some_and(|u| u.role == Role::Admin);
                if admin {
                    view! { <EveryonesTokens/> }.into_any()
                } else {
                    view! {
                        <p class="text-sm text-slate-600 dark:text-slate-400">
                            "Only admins can see everyone's tokens. Your own are on "
                            <a href="/profile" class="text-indigo-700 hover:underline dark:text-indigo-300">"your profile"</a>"."
                        </p>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn EveryonesTokens() -> impl IntoView {
    let revoke = ServerAction::<RevokeToken>::new();
    let tokens = Resource::new(move || revoke.version().get(), |_| all_tokens());
    view! {
        <section class=CARD aria-label="Everyone's tokens">
            {move || revoke.value().get().and_then(Result::err).map(|error| view! { <div class="mb-3"><ErrorView error/></div> })}
            <Transition fallback=|| view! { <p class="text-sm">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(list) if list.tokens.is_empty() => view! {
                            <p class="text-sm text-slate-600 dark:text-slate-400">"Nobody has made a token yet."</p>
                        }.into_any(),
                        Ok(list) => view! { <TokenTable list revoke owners=true label="Everyone's tokens"/> }.into_any(),
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
