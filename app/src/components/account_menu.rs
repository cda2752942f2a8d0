//! The signed-in person in the header: who they are, their profile, signing out,
//! and the links only admins need.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::account::SignOut;
use crate::components::avatar::Avatar;
use crate::components::layout::NAV_LINK;
use crate::components::session::{signed_in, use_session};
use crate::domain::Role;

/// Avatar and name (a link to the profile), and the sign-out button.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let session = use_session();
    let sign_out = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if matches!(sign_out.value().get(), Some(Ok(()))) {
            session.refresh();
        }
    });
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let user = signed_in(&session.status.await)?;
                Some(view! {
                    <nav aria-label="Account" class="flex min-w-0 items-center gap-2">
                        <A
                            href="/profile"
                            attr:title="Your profile"
                            attr:class="flex min-w-0 items-center gap-2 rounded-md px-1.5 py-1 text-sm font-medium hover:bg-slate-100 aria-[current=page]:bg-indigo-50 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-indigo-950"
                        >
                            <Avatar initials=user.initials() seed=user.id.0/>
                            <span class="max-w-[7rem] truncate sm:max-w-[12rem]">{user.name.clone()}</span>
                        </A>
                        <ActionForm action=sign_out>
                            <button
                                type="submit"
                                class="whitespace-nowrap rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
                            >
                                "Sign out"
                            </button>
                        </ActionForm>
                    </nav>
                })
            })}
        </Transition>
    }
}

/// Main-navigation links only admins see.
#[component]
pub fn AdminLinks() -> impl IntoView {
    let session = use_session();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let user = signed_in(&session.status.await)?;
                (user.role == Role::Admin).then(|| view! {
                    <A href="/people" attr:class=NAV_LINK>"People"</A>
                    <A href="/settings" attr:class=NAV_LINK>"Settings"</A>
                })
            })}
        </Transition>
    }
}
