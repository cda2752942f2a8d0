//! Personal access tokens on the profile page: make one (its secret shown this once), see
//! one's tokens and revoke them; and the table of tokens the admins' page shares.

use leptos::prelude::*;

use crate::api::tokens::{my_tokens, CreateToken, NewToken, RevokeToken, TokenList, TokenView};
use crate::components::copy_link::CopyableText;
use crate::components::error_view::ErrorView;
use crate::components::forms::{
    CARD, HINT, INPUT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON, WARNING,
};
use crate::components::session::{signed_in, use_session};
use crate::domain::tokens::{permits, Scope, Scopes, TokenRequest, DEFAULT_DAYS, MAX_DAYS};
use crate::domain::{limits, words, Role};
use crate::error::AppError;
use crate::views::tokens::TokenState;

const LINK: &str = "font-medium text-indigo-700 hover:underline dark:text-indigo-300";

/// The "API tokens" card of the profile page.
#[component]
pub fn ApiTokensSection() -> impl IntoView {
    let session = use_session();
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| my_tokens(),
    );
    // Kept here, not in the form: the form is redrawn when the session is refreshed.
    let draft = TokenDraft {
        name: RwSignal::new(String::new()),
        scopes: RwSignal::new(Vec::new()),
        days: RwSignal::new(DEFAULT_DAYS),
    };
    // The secret lives only in this signal: a reload, or revoking the token, forgets it.
    let shown = RwSignal::new(None::<NewToken>);
    Effect::new(move |_| {
        if let Some(Ok(made)) = create.value().get() {
            shown.set(Some(made));
            draft.clear();
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(gone)) = revoke.value().get() {
            if shown.with_untracked(|s| s.as_ref().is_some_and(|m| m.token.id == gone.id)) {
                shown.set(None);
            }
        }
    });
    view! {
        // min-w-0: a grid item otherwise grows to its table's width and the page scrolls sideways.
        <section class=format!("{CARD} min-w-0 lg:col-span-2") aria-labelledby="tokens-heading">
            <h2 id="tokens-heading" class="text-lg font-semibold">"API tokens"</h2>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                "A token lets a script or another tool use Baton's API as you, and never for more than your role allows. Send it in the header "
                <code class="font-mono text-xs">"Authorization: Bearer <token>"</code>
                " with requests to "<code class="font-mono text-xs">"/api/v1"</code>". The "
                <a href="/api/docs" rel="external" class=LINK>"API reference"</a>
                " says what each request needs; tools that read OpenAPI can start from "
                <a href="/api/v1/openapi.json" rel="external" class=LINK>"/api/v1/openapi.json"</a>"."
            </p>
            <Transition fallback=|| view! { <p class="mt-3 text-sm">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    signed_in(&session.status.await).map(|user| view! { <NewTokenForm role=user.role create draft/> })
                })}
            </Transition>
            {move || shown.get().map(|made| view! {
                <div class=format!("{WARNING} mt-4")>
                    <p class="mb-2 font-semibold">
                        {format!("Your new token “{}”. Copy it now: it will not be shown again, as Baton keeps only a fingerprint of it.", made.token.name)}
                    </p>
                    <CopyableText text=made.secret label="Your new token" id="new-token" button="Copy token" testid="new-token"/>
                </div>
            })}
            <h3 class="mt-6 text-base font-semibold">"Your tokens"</h3>
            {move || revoke.value().get().and_then(Result::err).map(|error| view! { <div class="mt-3"><ErrorView error/></div> })}
            <Transition fallback=|| view! { <p class="mt-3 text-sm">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(list) if list.tokens.is_empty() => view! {
                            <p class="mt-2 text-sm text-slate-600 dark:text-slate-400">"You have no tokens yet."</p>
                        }.into_any(),
                        Ok(list) => view! { <TokenTable list revoke owners=false label="Your tokens"/> }.into_any(),
                        Err(error) => view! { <div class="mt-3"><ErrorView error/></div> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// What the form holds until the token is made.
#[derive(Debug, Clone, Copy)]
struct TokenDraft {
    name: RwSignal<String>,
    scopes: RwSignal<Vec<Scope>>,
    days: RwSignal<u32>,
}

impl TokenDraft {
    fn clear(self) {
        self.name.set(String::new());
        self.scopes.set(Vec::new());
        self.days.set(DEFAULT_DAYS);
    }
}

#[component]
fn NewTokenForm(role: Role, create: ServerAction<CreateToken>, draft: TokenDraft) -> impl IntoView {
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateToken {
            request: TokenRequest {
                name: draft.name.get_untracked(),
                scopes: draft.scopes.get_untracked(),
                days: Some(draft.days.get_untracked()),
            },
        });
    };
    // Which field the server's refusal names, so that field is marked.
    let at_fault = move |name: &'static str| {
        move || {
            create.value().with(
                |v| matches!(v, Some(Err(AppError::Validation { field, .. })) if field == name),
            )
        }
    };
    let mut choices = vec![7, 30, DEFAULT_DAYS, 180, MAX_DAYS];
    choices.sort_unstable();
    choices.dedup();
    view! {
        <form class="mt-4 space-y-4" aria-label="New token" on:submit=submit>
            <div>
                <label for="token-name" class=LABEL>"Token name"</label>
                <input id="token-name" type="text" class=INPUT required maxlength=limits::NAME.to_string()
                    aria-describedby="token-name-hint" aria-invalid=move || at_fault("name")().to_string()
                    prop:value=move || draft.name.get() on:input=move |ev| draft.name.set(event_target_value(&ev))/>
                <p id="token-name-hint" class=HINT>"What uses it, so you know which to revoke: “ESP open rates”, “Reporting script”."</p>
            </div>
            <fieldset>
                <legend class=LABEL>"What it may do"</legend>
                <ul class="mt-2 space-y-2">
                    {Scope::ALL.into_iter().map(|scope| scope_choice(scope, role, draft.scopes)).collect_view()}
                </ul>
            </fieldset>
            <div>
                <label for="token-days" class=LABEL>"Expires after"</label>
                <select id="token-days" class=format!("{INPUT} sm:w-48") aria-describedby="token-days-hint"
                    aria-invalid=move || at_fault("days")().to_string()
                    on:change=move |ev| draft.days.set(event_target_value(&ev).parse().unwrap_or(DEFAULT_DAYS))>
                    {choices.into_iter().map(|days| view! {
                        <option value=days.to_string() selected=move || draft.days.get() == days>{format!("{days} days")}</option>
                    }).collect_view()}
                </select>
                <p id="token-days-hint" class=HINT>{format!("At most {MAX_DAYS} days. The list below says when each token runs out; make a new one before it does.")}</p>
            </div>
            <div aria-live="polite">{move || create.value().get().and_then(Result::err).map(|error| view! { <ErrorView error/> })}</div>
            <button type="submit" class=PRIMARY_BUTTON disabled=move || create.pending().get()>"Create token"</button>
        </form>
    }
}

/// One scope's checkbox: `read` is always on; a scope the role cannot use says why not;
/// `admin` includes the others.
fn scope_choice(scope: Scope, role: Role, chosen: RwSignal<Vec<Scope>>) -> impl IntoView {
    let id = format!("token-scope-{}", scope.key().replace(':', "-"));
    let note_id = format!("{id}-note");
    let usable = permits(&Scopes::of([scope]), role, scope).is_ok();
    let implied = move || {
        !matches!(scope, Scope::Read | Scope::Admin) && chosen.with(|c| c.contains(&Scope::Admin))
    };
    let note = move || match scope {
        Scope::Read => "Every token can read what you can read.",
        Scope::Admin if !usable => "Only admins can give a token admin rights.",
        _ if !usable => "Viewers can look but not change anything, so their tokens can't either.",
        _ if implied() => "Included in admin.",
        _ => "",
    };
    view! {
        <li class="flex items-start gap-2">
            <input type="checkbox" id=id.clone() class="mt-0.5 h-4 w-4" aria-describedby=note_id.clone()
                disabled=move || scope == Scope::Read || !usable || implied()
                // The attribute for the page as served, the property once it runs.
                checked=scope == Scope::Read
                prop:checked=move || scope == Scope::Read || implied() || chosen.with(|c| c.contains(&scope))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    chosen.update(|c| {
                        c.retain(|s| *s != scope);
                        if on { c.push(scope); }
                    });
                }/>
            <div class="text-sm">
                <label for=id class=(!usable).then_some("text-slate-500 dark:text-slate-400")>
                    <code class="font-mono text-xs">{scope.key()}</code>{format!(" — {}", scope.describe())}
                </label>
                <p id=note_id class="text-xs text-slate-500 dark:text-slate-400">{note}</p>
            </div>
        </li>
    }
}

/// Tokens in a table, a Revoke button on each that still works; `owners` adds whose each is.
#[component]
pub fn TokenTable(
    /// The tokens, with the server's clock.
    list: TokenList,
    /// Revokes one; the caller reloads the list when it has.
    revoke: ServerAction<RevokeToken>,
    /// Whether to show each token's person (the admins' list).
    owners: bool,
    /// The table's accessible name.
    label: &'static str,
) -> impl IntoView {
    let now = list.now;
    view! {
        <div class="mt-2 overflow-x-auto">
            <table class="w-full text-left text-sm" aria-label=label>
                <thead>
                    <tr class="text-xs text-slate-500">
                        {owners.then(|| view! { <th scope="col" class="py-1 pr-3">"Person"</th> })}
                        <th scope="col" class="py-1 pr-3">"Name"</th>
                        <th scope="col" class="py-1 pr-3">"Scopes"</th>
                        <th scope="col" class="py-1 pr-3">"Created"</th>
                        <th scope="col" class="py-1 pr-3">"Expires"</th>
                        <th scope="col" class="py-1 pr-3">"Last used"</th>
                        <th scope="col" class="py-1 pr-3">"Status"</th>
                        <th scope="col" class="py-1"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {list.tokens.into_iter().map(|token| token_row(token, now, revoke, owners)).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn token_row(
    token: TokenView,
    now: chrono::DateTime<chrono::Utc>,
    revoke: ServerAction<RevokeToken>,
    owners: bool,
) -> impl IntoView {
    let id = token.id;
    let state = token.state(now);
    let scopes: Vec<&str> = token.scopes.iter().map(|s| s.key()).collect();
    let revoke_name = if owners {
        format!("Revoke {} ({})", token.name, token.person_name)
    } else {
        format!("Revoke {}", token.name)
    };
    let status = match (state, token.revoked_at) {
        (TokenState::Revoked, Some(at)) => format!("revoked {}", words::day(at.date_naive())),
        _ => state.label().to_string(),
    };
    let status_class = match state {
        TokenState::Active => "text-emerald-700 dark:text-emerald-300",
        TokenState::Expired => "text-amber-700 dark:text-amber-300",
        TokenState::Revoked => "text-red-700 dark:text-red-300",
    };
    view! {
        <tr class="border-t border-slate-200 align-top dark:border-slate-800">
            {owners.then(|| view! { <td class="py-2 pr-3">{token.person_name.clone()}</td> })}
            <td class="py-2 pr-3">
                <span class="font-medium">{token.name.clone()}</span>
                " "<code class="font-mono text-xs text-slate-500">{format!("…{}", token.hint)}</code>
            </td>
            <td class="py-2 pr-3 font-mono text-xs">{scopes.join(", ")}</td>
            <td class="py-2 pr-3">{words::day(token.created_at.date_naive())}</td>
            <td class="py-2 pr-3">{words::day(token.expires_at.date_naive())}</td>
            <td class="py-2 pr-3">{token.last_used_at.map_or_else(|| "never".to_string(), words::moment)}</td>
            <td class=format!("py-2 pr-3 {status_class}")>{status}</td>
            <td class="py-2">
                {(state == TokenState::Active).then(|| view! {
                    <button type="button" class=SECONDARY_BUTTON aria-label=revoke_name
                        disabled=move || revoke.pending().get()
                        on:click=move |_| { revoke.dispatch(RevokeToken { id }); }>
                        "Revoke"
                    </button>
                })}
            </td>
        </tr>
    }
}
