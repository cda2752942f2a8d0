//! Automation's server functions: rules, their runs, previews and trials; results recorded
//! on items; inbound hooks; intake forms (signed in, and public); the workspace time zone.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::guard::Access;
use crate::domain::automation::{Rule, RuleId};
use crate::domain::{ItemId, WorkflowId};
use crate::error::AppError;

pub use crate::views::automation::*;

/// The rules with the newest runs (of one outcome: done, refused, failed, skipped).
#[server(endpoint = "get_automations", input = leptos::server_fn::codec::Json)]
pub async fn get_automations(outcome: Option<String>) -> Result<AutomationPage, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::automation::rules::page(&state.db, me.user.role, outcome.as_deref(), now)
            .await
    })
    .await
}

/// One rule with its run log.
#[server(endpoint = "get_rule", input = leptos::server_fn::codec::Json)]
pub async fn get_rule(id: RuleId, outcome: Option<String>) -> Result<RuleDetail, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::automation::rules::detail(
            &state.db,
            me.user.role,
            id,
            outcome.as_deref(),
            now,
        )
        .await
    })
    .await
}

/// What the editor of a new rule needs.
#[server(endpoint = "get_rule_context")]
pub async fn get_rule_context() -> Result<RuleContext, AppError> {
    crate::api::serve(Access::SignedIn, |_, state| async move {
        crate::service::automation::rules::context(&state.db, chrono::Utc::now()).await
    })
    .await
}

/// Saves a rule (id 0: a new one); refused with every problem when it is not valid.
#[server(endpoint = "save_rule", input = leptos::server_fn::codec::Json)]
pub async fn save_rule(rule: Rule) -> Result<Rule, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        crate::service::automation::rules::save(&state.db, me.user.id, rule, chrono::Utc::now())
            .await
    })
    .await
}

/// Switches a rule on or off.
#[server(endpoint = "switch_rule", input = leptos::server_fn::codec::Json)]
pub async fn switch_rule(id: RuleId, version: u32, on: bool) -> Result<Rule, AppError> {
    crate::api::serve(Access::Manager, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::automation::rules::switch(&state.db, me.user.id, id, version, on, now).await
    })
    .await
}

/// Archives a rule: it stops; its runs stay in the log.
#[server(endpoint = "archive_rule", input = leptos::server_fn::codec::Json)]
pub async fn archive_rule(id: RuleId) -> Result<(), AppError> {
    crate::api::serve(Access::Manager, |_, state| async move {
        crate::service::automation::rules::archive(&state.db, id, chrono::Utc::now()).await
    })
    .await
}

/// What a rule would have done over the last 30 days (nothing is applied).
#[server(endpoint = "preview_rule", input = leptos::server_fn::codec::Json)]
pub async fn preview_rule(rule: Rule) -> Result<PreviewView, AppError> {
    crate::api::serve(Access::Manager, |_, state| async move {
        crate::service::automation::rules::preview(&state.db, &rule, chrono::Utc::now()).await
    })
    .await
}

/// What a rule would do for one item now (nothing is applied).
#[server(endpoint = "try_rule", input = leptos::server_fn::codec::Json)]
pub async fn try_rule(rule: Rule, item: ItemId) -> Result<RunView, AppError> {
    crate::api::serve(Access::Manager, |_, state| async move {
        crate::service::automation::rules::try_on_item(&state.db, &rule, item, chrono::Utc::now())
            .await
    })
    .await
}

/// An item's results and the automation runs about it.
#[server(endpoint = "get_item_automation", input = leptos::server_fn::codec::Json)]
pub async fn get_item_automation(item: ItemId) -> Result<ItemAutomation, AppError> {
    crate::api::serve(Access::SignedIn, |_, state| async move {
        crate::service::automation::results::item_automation(&state.db, item).await
    })
    .await
}

/// Records a result of an item (e.g. open_rate 12.5, measured `at`, default now).
#[server(endpoint = "record_result", input = leptos::server_fn::codec::Json)]
pub async fn record_result(
    item: ItemId,
    metric: String,
    value: f64,
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<ItemAutomation, AppError> {
    crate::api::serve(Access::Worker, |me, state| async move {
        use crate::service::automation::results::{record, RecordedBy, Target};
        let now = chrono::Utc::now();
        let by = RecordedBy::Person(me.user.id);
        record(
            &state.db,
            by,
            Target::Item(item),
            &metric,
            value,
            at.unwrap_or(now),
            now,
        )
        .await?;
        crate::service::automation::results::item_automation(&state.db, item).await
    })
    .await
}

/// Every inbound hook.
#[server(endpoint = "list_hooks")]
pub async fn list_hooks() -> Result<Vec<HookView>, AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        crate::service::automation::hooks::list(&state.db).await
    })
    .await
}

/// Makes an inbound hook: it records results, or (with a workflow) creates items there.
#[server(endpoint = "create_hook", input = leptos::server_fn::codec::Json)]
pub async fn create_hook(
    name: String,
    workflow: Option<WorkflowId>,
    signed: bool,
) -> Result<NewHook, AppError> {
    crate::api::serve(Access::Admin, |me, state| async move {
        let now = chrono::Utc::now();
        crate::service::automation::hooks::create(
            &state.db, me.user.id, &name, workflow, signed, now,
        )
        .await
    })
    .await
}

/// Stops an inbound hook.
#[server(endpoint = "revoke_hook", input = leptos::server_fn::codec::Json)]
pub async fn revoke_hook(id: i64) -> Result<(), AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        crate::service::automation::hooks::revoke(&state.db, id, chrono::Utc::now()).await
    })
    .await
}

/// A workflow's intake form, for signed-in people.
#[server(endpoint = "get_intake_form", input = leptos::server_fn::codec::Json)]
pub async fn get_intake_form(workflow: WorkflowId) -> Result<IntakeForm, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        let manager = matches!(
            me.user.role,
            crate::domain::Role::Manager | crate::domain::Role::Admin
        );
        crate::service::automation::intake::form(&state.db, &workflow, manager).await
    })
    .await
}

/// Sends an intake form as the signed-in person.
#[server(endpoint = "submit_intake", input = leptos::server_fn::codec::Json)]
pub async fn submit_intake(
    workflow: WorkflowId,
    answers: IntakeAnswers,
) -> Result<Submitted, AppError> {
    crate::api::serve(Access::SignedIn, |me, state| async move {
        let now = chrono::Utc::now();
        let (submitted, item) = crate::service::automation::intake::submit(
            &state.db,
            &workflow,
            Some(&me.user),
            &answers,
            now,
        )
        .await?;
        if let Some(item) = item {
            state.live.item_changed(&item);
        }
        Ok(submitted)
    })
    .await
}

/// Saves a form's introduction and turns its public link on or off.
#[server(endpoint = "configure_intake", input = leptos::server_fn::codec::Json)]
pub async fn configure_intake(
    workflow: WorkflowId,
    public: bool,
    intro: String,
) -> Result<IntakeForm, AppError> {
    crate::api::serve(Access::Manager, |_, state| async move {
        crate::service::automation::intake::configure(
            &state.db,
            &workflow,
            public,
            &intro,
            chrono::Utc::now(),
        )
        .await
    })
    .await
}

/// Replaces a form's public link with a new one (the old one stops working).
#[server(endpoint = "renew_intake_link", input = leptos::server_fn::codec::Json)]
pub async fn renew_intake_link(workflow: WorkflowId) -> Result<IntakeForm, AppError> {
    crate::api::serve(Access::Manager, |_, state| async move {
        crate::service::automation::intake::renew_link(&state.db, &workflow, chrono::Utc::now())
            .await
    })
    .await
}

/// The form a public link opens (no account needed).
#[server(endpoint = "public_intake_form", input = leptos::server_fn::codec::Json)]
pub async fn public_intake_form(token: String) -> Result<IntakeForm, AppError> {
    crate::api::run(async move {
        let state = crate::state::app_state()?;
        crate::service::automation::intake::public_form(&state.db, &token)
            .await?
            .ok_or_else(|| AppError::not_found("This form"))
    })
    .await
}

/// Sends a public form (no account needed; a few per address every ten minutes).
#[server(endpoint = "submit_public_intake", input = leptos::server_fn::codec::Json)]
pub async fn submit_public_intake(
    token: String,
    answers: IntakeAnswers,
) -> Result<Submitted, AppError> {
    crate::api::run(async move {
        let state = crate::state::app_state()?;
        let now = chrono::Utc::now();
        let workflow = crate::service::automation::intake::public_workflow(&state.db, &token)
            .await?
            .ok_or_else(|| AppError::not_found("This form"))?;
        let address = crate::api::guard::client_address()
            .map_or_else(|| "unknown".to_owned(), |a| a.to_string());
        if let Err(until) = state.intake_limit.hit(&address, now) {
            let minutes = (until - now).num_minutes() + 1;
            return Err(AppError::validation(
                "form",
                format!("Too many requests from here just now; try again in {minutes} minutes."),
            ));
        }
        let (submitted, item) =
            crate::service::automation::intake::submit(&state.db, &workflow, None, &answers, now)
                .await?;
        if let Some(item) = item {
            state.live.item_changed(&item);
        }
        Ok(submitted)
    })
    .await
}

/// The workspace's time zone, which schedules are read in.
#[server(endpoint = "get_workspace_zone")]
pub async fn get_workspace_zone() -> Result<String, AppError> {
    crate::api::serve(Access::SignedIn, |_, state| async move {
        crate::service::automation::rules::workspace_zone(&state.db).await
    })
    .await
}

/// Changes the workspace's time zone (admins).
#[server(endpoint = "save_workspace_zone")]
pub async fn save_workspace_zone(zone: String) -> Result<String, AppError> {
    crate::api::serve(Access::Admin, |_, state| async move {
        crate::service::automation::rules::save_workspace_zone(&state.db, &zone).await
    })
    .await
}
