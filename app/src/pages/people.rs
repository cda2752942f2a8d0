use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

use super::PageHeader;
use crate::api::people::{list_people, ChangeRole, InvitePerson};
use crate::auth::CurrentUser;
use crate::auth::INVITE_DAYS;
use crate::components::avatar::Avatar;
use crate::components::copy_link::CopyableLink;
use crate::components::error_view::ErrorView;
use crate::components::forms::{
    role_description, role_from_key, role_key, role_label, CARD, INPUT, LABEL, PRIMARY_BUTTON,
    ROLES, SUCCESS,
};
use crate::components::session::{signed_in, use_session};
use crate::domain::Role;

/// `/people`: everyone in the workspace; admins also invite people and change roles.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let session = use_session();
    let people = Resource::new(move || session.version(), |_| list_people());
    // Made here, outside the redrawn part, so a refresh keeps what was typed and the last link.
    let invite = ServerAction::<InvitePerson>::new();
    let draft = InviteDraft::new();
    view! {
        <Title text="People"/>
        <PageHeader title="People" subtitle="Everyone in the workspace and what they may do."/>
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let me = signed_in(&session.status.await);
                let is_admin = me.as_ref().is_some_and(|u| u.role == Role::Admin);
                let my_id = me.map(|u| u.id);
                match people.await {
                    Ok(list) => Either::Left(view! {
                        <div class="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
                            <section class=CARD aria-labelledby="people-heading">
                                <h2 id="people-heading" class="text-lg font-semibold">
                                    {format!("Team ({})", list.len())}
                                </h2>
                                <ul class="mt-4 divide-y divide-slate-200 dark:divide-slate-800">
                                    {list
                                        .into_iter()
                                        .map(|person| {
                                            let is_me = Some(person.id) == my_id;
                                            view! { <PersonRow person editable=is_admin is_me/> }
                                        })
                                        .collect_view()}
                                </ul>
                                {(!is_admin).then(|| view! {
                                    <p class="mt-4 text-sm text-slate-600 dark:text-slate-400">
                                        "Only admins can invite people or change roles."
                                    </p>
                                })}
                            </section>
                            {is_admin.then(|| view! { <InviteForm action=invite draft/> })}
                            <RoleLegend/>
                        </div>
                    }),
                    Err(error) => Either::Right(view! { <ErrorView error/> }),
                }
            })}
        </Transition>
    }
}

/// One person; for admins, with a role picker that saves on change.
#[component]
fn PersonRow(person: CurrentUser, editable: bool, is_me: bool) -> impl IntoView {
    let session = use_session();
    let saved = RwSignal::new(person.role);
    let change = ServerAction::<ChangeRole>::new();
    Effect::new(move |_| match change.value().get() {
        Some(Ok(updated)) => {
            saved.set(updated.role);
            if is_me {
                session.refresh();
            }
        }
        // Puts the picker back on the role the person still has.
        Some(Err(_)) => saved.notify(),
        None => {}
    });
    let id = person.id;
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(role) = role_from_key(&event_target_value(&ev)) {
            change.dispatch(ChangeRole { person: id, role });
        }
    };
    let name = person.name.clone();
    view! {
        <li class="py-3">
            <div class="flex flex-wrap items-center gap-3">
                <Avatar initials=person.initials() seed=id.0 size="h-10 w-10 text-sm"/>
                <div class="min-w-0 flex-1">
                    <p class="truncate text-sm font-medium">
                        {person.name.clone()}
                        {is_me.then(|| view! { <span class="ml-1 font-normal text-slate-500 dark:text-slate-400">"(you)"</span> })}
                    </p>
                    <p class="truncate text-sm text-slate-600 dark:text-slate-400">{person.email.clone()}</p>
                </div>
                {if editable {
                    Either::Left(view! {
                        <select
                            aria-label=format!("Role of {name}")
                            on:change=on_change
                            prop:value=move || role_key(saved.get())
                            disabled=move || change.pending().get()
                            class="w-auto rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
                        >
                            {ROLES
                                .into_iter()
                                .map(|role| view! {
                                    <option value=role_key(role) selected=role == person.role>{role_label(role)}</option>
                                })
                                .collect_view()}
                        </select>
                    })
                } else {
                    Either::Right(view! {
                        <span class="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                            {role_label(person.role)}
                        </span>
                    })
                }}
            </div>
            {move || change.value().get().and_then(Result::err).map(|error| view! {
                <div class="mt-2"><ErrorView error/></div>
            })}
        </li>
    }
}

/// What the admin has typed into the invite form so far.
#[derive(Debug, Clone, Copy)]
struct InviteDraft {
    email: RwSignal<String>,
    name: RwSignal<String>,
    role: RwSignal<Role>,
    /// Name and email of the last invite sent, for its confirmation.
    sent: RwSignal<Option<(String, String)>>,
}

impl InviteDraft {
    fn new() -> Self {
        InviteDraft {
            email: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            role: RwSignal::new(Role::Member),
            sent: RwSignal::new(None),
        }
    }
}

/// Creates an invite link for someone new and shows it, ready to send.
#[component]
fn InviteForm(action: ServerAction<InvitePerson>, draft: InviteDraft) -> impl IntoView {
    let pending = action.pending();
    Effect::new(move |_| {
        if let Some(input) = action.input().get() {
            draft.sent.set(Some((
                input.name.trim().to_string(),
                input.email.trim().to_lowercase(),
            )));
        }
    });
    Effect::new(move |previous: Option<usize>| {
        let version = action.version().get();
        // Only a new success empties the form, not a redraw showing an old one.
        if previous.is_some_and(|p| p != version)
            && matches!(action.value().get_untracked(), Some(Ok(_)))
        {
            draft.email.set(String::new());
            draft.name.set(String::new());
            draft.role.set(Role::Member);
        }
        version
    });
    view! {
        <section class=CARD aria-labelledby="invite-heading">
            <h2 id="invite-heading" class="text-lg font-semibold">"Invite someone"</h2>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                {format!("Baton makes a one-time link for them to set a password. It works for {INVITE_DAYS} days; send it however your team talks.")}
            </p>
            <ActionForm action>
                <div class="mt-5 space-y-4">
                    <div>
                        <label for="invite-email" class=LABEL>"Email"</label>
                        <input id="invite-email" name="email" type="email" required autocomplete="off" bind:value=draft.email class=INPUT/>
                    </div>
                    <div>
                        <label for="invite-name" class=LABEL>"Name"</label>
                        <input id="invite-name" name="name" type="text" required autocomplete="off" bind:value=draft.name class=INPUT/>
                    </div>
                    <div>
                        <label for="invite-role" class=LABEL>"Role"</label>
                        <select
                            id="invite-role"
                            name="role"
                            class=INPUT
                            prop:value=move || role_key(draft.role.get())
                            on:change=move |ev| {
                                if let Some(role) = role_from_key(&event_target_value(&ev)) {
                                    draft.role.set(role);
                                }
                            }
                        >
                            {ROLES
                                .into_iter()
                                .map(|role| view! {
                                    <option value=role_key(role) selected=role == draft.role.get_untracked()>{role_label(role)}</option>
                                })
                                .collect_view()}
                        </select>
                    </div>
                    {move || action.value().get().and_then(Result::err).map(|error| view! { <ErrorView error/> })}
                    <button type="submit" class=PRIMARY_BUTTON disabled=move || pending.get()>"Create invite link"</button>
                </div>
            </ActionForm>
            {move || action.value().get().and_then(Result::ok).map(|path| {
                let who = draft
                    .sent
                    .get_untracked()
                    .map(|(name, email)| format!("Invite link for {name} ({email}) created."))
                    .unwrap_or_else(|| "Invite link created.".to_string());
                view! {
                    <div class=format!("{SUCCESS} mt-5")>
                        <p role="status" class="mb-3 font-medium">{who}</p>
                        <CopyableLink path label="Invite link" id="invite-link"/>
                        <p class="mt-2 text-xs">"When this Baton sends email, the link is emailed to them too; otherwise send it yourself. It works once, for a week."</p>
                    </div>
                }
            })}
        </section>
    }
}

/// What each role may do.
#[component]
fn RoleLegend() -> impl IntoView {
    view! {
        <section class="text-sm text-slate-600 lg:col-start-2 dark:text-slate-400" aria-labelledby="roles-heading">
            <h2 id="roles-heading" class="font-medium text-slate-800 dark:text-slate-200">"Roles"</h2>
            <dl class="mt-2 space-y-1">
                {ROLES
                    .into_iter()
                    .map(|role| view! {
                        <div class="flex gap-2">
                            <dt class="w-20 shrink-0 font-medium">{role_label(role)}</dt>
                            <dd>{role_description(role)}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
            <p class="mt-2">"Approvals come from each stage's approver list, not from the role."</p>
        </section>
    }
}
