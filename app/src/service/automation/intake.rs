//! Intake forms: a workflow's first stage as a form, at its own address. Signed-in people
//! can always use it; when a manager turns the public link on, anyone with it can (other
//! departments asking for work). A submission becomes an item in the first stage, its
//! source recorded as intake, and sets off the rules that wait for new items.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::queue::Cause;
use crate::auth::{token, CurrentUser};
use crate::db::{self, Db};
use crate::domain::automation::AUTOMATION;
use crate::domain::{
    self, limits, FieldKey, IntakeSubmission, Operation, WorkflowDefinition, WorkflowId,
};
use crate::error::{AppError, AppResult};
use crate::service::present::person_tags;
use crate::views::automation::{FieldProblem, IntakeAnswers, IntakeForm, IntakeReceipt, Submitted};

async fn workflow_of(
    db: &Db,
    workflow: &WorkflowId,
) -> AppResult<std::sync::Arc<WorkflowDefinition>> {
    let mut conn = db.read.acquire().await?;
    db.current_definition(&mut conn, workflow)
        .await?
        .ok_or_else(|| AppError::not_found(format!("The form of {workflow}")))
}

/// The form of `workflow`; `can_manage` shows its settings.
pub async fn form(db: &Db, workflow: &WorkflowId, can_manage: bool) -> AppResult<IntakeForm> {
    let def = workflow_of(db, workflow).await?;
    let mut conn = db.read.acquire().await?;
    let settings = db::hooks::form(&mut conn, workflow).await?;
    let people = db.directory(&mut conn).await?;
    let (token, intro) = settings.unwrap_or_default();
    Ok(IntakeForm {
        workflow: def.id.clone(),
        name: def.name.clone(),
        intro: if intro.is_empty() {
            def.first_stage()
                .map(|s| s.description.clone())
                .unwrap_or_default()
        } else {
            intro
        },
        fields: asked(&def),
        people: person_tags(&people),
        public_path: token.filter(|_| can_manage).map(|t| format!("/forms/{t}")),
        can_manage,
    })
}

/// The form a public link opens, or `None`.
pub async fn public_form(db: &Db, token: &str) -> AppResult<Option<IntakeForm>> {
    let workflow = {
        let mut conn = db.read.acquire().await?;
        db::hooks::form_by_token(&mut conn, token).await?
    };
    match workflow {
        Some(workflow) => Ok(Some(IntakeForm {
            people: Vec::new(),
            ..form(db, &workflow, false).await?
        })),
        None => Ok(None),
    }
}

/// The workflow a public link opens.
pub async fn public_workflow(db: &Db, token: &str) -> AppResult<Option<WorkflowId>> {
    let mut conn = db.read.acquire().await?;
    Ok(db::hooks::form_by_token(&mut conn, token).await?)
}

/// The fields a form asks: the first stage's required ones.
fn asked(def: &WorkflowDefinition) -> Vec<domain::FieldDef> {
    def.first_stage()
        .map(|s| {
            s.required_fields
                .iter()
                .filter_map(|k| def.field(k).cloned())
                .collect()
        })
        .unwrap_or_default()
}

/// Saves a form's sentence, and turns its public link on (a new one each time) or off.
pub async fn configure(
    db: &Db,
    workflow: &WorkflowId,
    public: bool,
    intro: &str,
    now: DateTime<Utc>,
) -> AppResult<IntakeForm> {
    let intro = intro.trim();
    limits::check("The form's introduction", intro, limits::COMMENT)
        .map_err(|m| AppError::validation("intro", m))?;
    workflow_of(db, workflow).await?;
    let token = public.then(token::new_token);
    let mut conn = db.write.acquire().await?;
    let current = db::hooks::form(&mut conn, workflow).await?;
    // Keep the link that is out there unless it is being turned on now.
    let token = match (public, current.and_then(|(t, _)| t)) {
        (true, Some(existing)) => Some(existing),
        _ => token,
    };
    db::hooks::save_form(&mut conn, workflow, token.as_deref(), intro, now).await?;
    drop(conn);
    form(db, workflow, true).await
}

/// Turns a form's public link into a new one (the old one stops working).
pub async fn renew_link(
    db: &Db,
    workflow: &WorkflowId,
    now: DateTime<Utc>,
) -> AppResult<IntakeForm> {
    let mut conn = db.write.acquire().await?;
    let intro = db::hooks::form(&mut conn, workflow)
        .await?
        .map(|(_, intro)| intro)
        .unwrap_or_default();
    db::hooks::save_form(&mut conn, workflow, Some(&token::new_token()), &intro, now).await?;
    drop(conn);
    form(db, workflow, true).await
}

/// Reads a submission against the form: every problem by field, or what to create.
fn read(
    def: &WorkflowDefinition,
    answers: &IntakeAnswers,
    public: bool,
) -> Result<IntakeSubmission, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut problem = |field: &str, message: String| {
        problems.push(FieldProblem {
            field: field.to_owned(),
            message,
        })
    };
    let title = answers.title.trim();
    if title.is_empty() {
        problem("title", "Say in a few words what you need.".into());
    } else if let Err(m) = limits::check("The title", title, limits::TITLE) {
        problem("title", m);
    }
    if public {
        match domain::people::checked_name(&answers.name) {
            Ok(_) => {}
            Err(_) if answers.name.trim().is_empty() => problem(
                "name",
                "Enter your name, so the team knows who asks.".into(),
            ),
            Err(m) => problem("name", m),
        }
        if let Err(m) = domain::people::checked_email(&answers.email) {
            problem("email", m);
        }
    }
    let mut fields = BTreeMap::new();
    for field in asked(def) {
        let raw = answers
            .fields
            .get(field.key.as_str())
            .map(String::as_str)
            .unwrap_or_default();
        match field.parse_input(raw) {
            Ok(Some(value)) => {
                fields.insert(field.key.clone(), value);
            }
            Ok(None) => problem(
                &format!("field-{}", field.key),
                format!("Required: {}", field.label),
            ),
            Err(m) => problem(&format!("field-{}", field.key), m),
        }
    }
    for key in answers.fields.keys() {
        if def.field(&FieldKey::new(key)).is_none() {
            problem(
                "form",
                format!(
                    "{} has no field “{}”.",
                    def.name,
                    limits::shortened(key, 60)
                ),
            );
        }
    }
    if problems.is_empty() {
        Ok(IntakeSubmission {
            title: title.to_owned(),
            fields,
        })
    } else {
        Err(problems)
    }
}

/// Creates the item a submission asks for. `by` is the signed-in submitter; a public one
/// (`None`) is recorded by name and email in the item's activity, and nothing they typed
/// is ever shown as anything but text.
pub async fn submit(
    db: &Db,
    workflow: &WorkflowId,
    by: Option<&CurrentUser>,
    answers: &IntakeAnswers,
    now: DateTime<Utc>,
) -> AppResult<(Submitted, Option<domain::Item>)> {
    let def = workflow_of(db, workflow).await?;
    if !answers.website.is_empty() {
        // A bot filled the hidden field: answer as if it worked, keep nothing.
        let receipt = IntakeReceipt {
            item: None,
            message: "Thanks — your request was sent to the team.".into(),
        };
        return Ok((Submitted::Created(receipt), None));
    }
    let intake = match read(&def, answers, by.is_none()) {
        Ok(intake) => intake,
        Err(problems) => return Ok((Submitted::Refused { problems }, None)),
    };
    // Viewers (sales, other departments) may ask for work but not do it: Baton files
    // their request, as it does a public one, and says who asked.
    let worker = by.filter(|u| u.can_work()).map(|u| u.id);
    let actor = worker.unwrap_or(AUTOMATION);
    let new = domain::NewItem {
        owner: worker,
        fields: intake.fields,
        source: domain::CreationSource::Intake,
        ..domain::NewItem::titled(&intake.title)
    };
    let outcome =
        match crate::service::items::create_caused(db, actor, Cause::Person, workflow, new, now)
            .await
        {
            Ok(outcome) => outcome,
            Err(AppError::InvalidMove { reasons }) => {
                let problems = reasons
                    .into_iter()
                    .map(|message| FieldProblem {
                        field: "form".into(),
                        message,
                    })
                    .collect();
                return Ok((Submitted::Refused { problems }, None));
            }
            Err(other) => return Err(other),
        };
    let mut item = outcome.item;
    let asked_by = match by {
        Some(user) if !user.can_work() => Some(format!(
            "Requested through the intake form by {} <{}>.",
            user.name, user.email
        )),
        Some(_) => None,
        None => Some(format!(
            "Requested through the public form by {} <{}>.",
            answers.name.trim(),
            answers.email.trim().to_lowercase()
        )),
    };
    if let Some(text) = asked_by {
        item = crate::service::items::apply(
            db,
            AUTOMATION,
            item.id,
            item.version,
            &Operation::Comment { text },
            now,
        )
        .await?
        .item;
    }
    let receipt = IntakeReceipt {
        item: by.map(|_| item.id),
        message: format!(
            "Thanks — “{}” is on the {} board, in {}.",
            limits::shortened(&item.title, 80),
            def.name,
            def.first_stage()
                .map_or("the first stage", |s| s.name.as_str())
        ),
    };
    Ok((Submitted::Created(receipt), Some(item)))
}
