//! Inbound hooks: secret addresses the ESP, the ad platform or a form tool post to. A hook
//! records a result (which may set off a threshold rule) or creates an item. Its address is
//! shown once and stored as a digest; a wrong one is a 404 and records nothing; with a
//! signing secret, requests must carry a valid Standard Webhooks signature.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::queue::Cause;
use super::results::{self, RecordedBy, Target};
use crate::auth::{signature, token};
use crate::db::{self, hooks::HookKind, hooks::StoredHook, Db};
use crate::domain::automation::{HookId, AUTOMATION};
use crate::domain::{
    limits, CampaignId, Channel, FieldKey, FieldValue, ItemId, NewItem, PersonId, WorkflowId,
};
use crate::error::{AppError, AppResult};
use crate::views::automation::{HookView, NewHook};

fn view(hook: &StoredHook, workflow_name: impl Fn(&WorkflowId) -> String) -> HookView {
    HookView {
        id: hook.id,
        name: hook.name.clone(),
        does: match (&hook.kind, &hook.workflow) {
            (HookKind::RecordResult, _) => "Records results of items and campaigns".to_owned(),
            (HookKind::CreateItem, Some(w)) => format!("Creates items in {}", workflow_name(w)),
            (HookKind::CreateItem, None) => "Creates items".to_owned(),
        },
        signed: hook.signing_secret.is_some(),
        last_used_at: hook.last_used_at,
    }
}

/// Every hook.
pub async fn list(db: &Db) -> AppResult<Vec<HookView>> {
    let mut conn = db.read.acquire().await?;
    let defs = db.current_definitions(&mut conn).await?;
    let name = |w: &WorkflowId| {
        defs.iter()
            .find(|d| &d.id == w)
            .map_or_else(|| w.to_string(), |d| d.name.clone())
    };
    Ok(db::hooks::list(&mut conn)
        .await?
        .iter()
        .map(|h| view(h, name))
        .collect())
}

/// Makes a hook; its address (and signing secret) are in the answer, once.
pub async fn create(
    db: &Db,
    by: PersonId,
    name: &str,
    creates_in: Option<WorkflowId>,
    signed: bool,
    now: DateTime<Utc>,
) -> AppResult<NewHook> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::validation(
            "name",
            "Name the hook after what calls it, e.g. “ESP open rates”.",
        ));
    }
    limits::check("The hook's name", name, limits::NAME)
        .map_err(|m| AppError::validation("name", m))?;
    let mut tx = db.write.begin().await?;
    if let Some(workflow) = &creates_in {
        if db.current_definition(&mut tx, workflow).await?.is_none() {
            return Err(AppError::validation(
                "workflow",
                format!("There is no workflow {workflow}."),
            ));
        }
    }
    let kind = if creates_in.is_some() {
        HookKind::CreateItem
    } else {
        HookKind::RecordResult
    };
    let secret_token = token::new_token();
    let signing_secret = signed.then(signature::new_secret);
    let id = db::hooks::insert(
        &mut tx,
        name,
        &token::digest(&secret_token),
        kind,
        creates_in.as_ref(),
        signing_secret.as_deref(),
        by,
        now,
    )
    .await?;
    tx.commit().await?;
    let hook = StoredHook {
        id,
        name: name.to_owned(),
        kind,
        workflow: creates_in,
        signing_secret: signing_secret.clone(),
        created_at: now,
        last_used_at: None,
    };
    Ok(NewHook {
        hook: view(&hook, |w| w.to_string()),
        path: format!("/hooks/{secret_token}"),
        signing_secret,
    })
}

/// Stops a hook: its address answers 404 from now on.
pub async fn revoke(db: &Db, id: i64, now: DateTime<Utc>) -> AppResult<()> {
    let mut conn = db.write.acquire().await?;
    if db::hooks::revoke(&mut conn, id, now).await? {
        Ok(())
    } else {
        Err(AppError::not_found(format!("Hook {id}")))
    }
}

/// A result posted to a hook.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PostedResult {
    metric: String,
    value: f64,
    item: Option<i64>,
    campaign: Option<i64>,
    at: Option<DateTime<Utc>>,
}

/// A request posted to a creating hook.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PostedItem {
    title: String,
    #[serde(default)]
    fields: BTreeMap<String, serde_json::Value>,
    channel: Option<String>,
    campaign: Option<i64>,
    due: Option<DateTime<Utc>>,
}

/// What a hook did with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// A result was recorded.
    Recorded(i64),
    /// An item was created.
    Created(ItemId),
}

/// The signature headers of a request, as sent.
#[derive(Debug, Clone, Copy, Default)]
pub struct Signed<'a> {
    /// `webhook-id`.
    pub id: Option<&'a str>,
    /// `webhook-timestamp`.
    pub timestamp: Option<&'a str>,
    /// `webhook-signature`.
    pub signature: Option<&'a str>,
}

fn unreadable(reason: impl Into<String>) -> AppError {
    AppError::BadRequest {
        message: reason.into(),
    }
}

/// Handles a request posted to `/hooks/<token>`: `NotFound` for a token that opens
/// nothing, `BadRequest` (with the reason) for a body that is not what the hook takes.
pub async fn receive(
    db: &Db,
    secret_token: &str,
    signed: Signed<'_>,
    body: &[u8],
    now: DateTime<Utc>,
) -> AppResult<Received> {
    let hook = {
        let mut conn = db.read.acquire().await?;
        db::hooks::by_token(&mut conn, &token::digest(secret_token)).await?
    }
    .ok_or_else(|| AppError::not_found("This hook"))?;
    if let Some(secret) = &hook.signing_secret {
        signature::verify(
            secret,
            signed.id,
            signed.timestamp,
            signed.signature,
            body,
            now,
        )
        .map_err(|r| unreadable(r.message()))?;
    }
    let received = match hook.kind {
        HookKind::RecordResult => {
            let posted: PostedResult = serde_json::from_slice(body).map_err(|e| {
                unreadable(format!(
                    "The body must be JSON like {{\"metric\": \"open_rate\", \"value\": 12.5, \"item\": 42}} (or \"campaign\" instead of \"item\"): {}",
                    plain(&e)
                ))
            })?;
            let target =
                match (posted.item, posted.campaign) {
                    (Some(item), None) => Target::Item(ItemId(item)),
                    (None, Some(campaign)) => Target::Campaign(CampaignId(campaign)),
                    _ => return Err(unreadable(
                        "Name either an \"item\" or a \"campaign\" the result is for, not both.",
                    )),
                };
            let id = results::record(
                db,
                RecordedBy::Hook(HookId(hook.id)),
                target,
                &posted.metric,
                posted.value,
                posted.at.unwrap_or(now),
                now,
            )
            .await?;
            Received::Recorded(id.0)
        }
        HookKind::CreateItem => {
            let workflow = hook.workflow.clone().ok_or(AppError::Internal)?;
            let posted: PostedItem = serde_json::from_slice(body).map_err(|e| {
                unreadable(format!(
                    "The body must be JSON like {{\"title\": \"Spring webinar landing page\", \"fields\": {{…}}}}: {}",
                    plain(&e)
                ))
            })?;
            let new = new_item(db, &workflow, posted).await?;
            let outcome = crate::service::items::create_caused(
                db,
                AUTOMATION,
                Cause::Hook(HookId(hook.id)),
                &workflow,
                new,
                now,
            )
            .await?;
            Received::Created(outcome.item.id)
        }
    };
    let mut conn = db.write.acquire().await?;
    db::hooks::used(&mut conn, hook.id, now).await?;
    Ok(received)
}

/// serde's message without the line and column.
fn plain(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// The item a creating hook's request describes, its fields read by their types.
async fn new_item(db: &Db, workflow: &WorkflowId, posted: PostedItem) -> AppResult<NewItem> {
    let mut conn = db.read.acquire().await?;
    let def = db
        .current_definition(&mut conn, workflow)
        .await?
        .ok_or_else(|| AppError::not_found(format!("Workflow {workflow}")))?;
    let mut fields = BTreeMap::new();
    for (key, value) in posted.fields {
        let field = def.field(&FieldKey::new(&key)).ok_or_else(|| {
            unreadable(format!(
                "{} has no field “{}”.",
                def.name,
                limits::shortened(&key, 60)
            ))
        })?;
        let text = match &value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
            _ => {
                return Err(unreadable(format!(
                    "{} must be text, a number or true/false.",
                    field.label
                )))
            }
        };
        let parsed: FieldValue = field.parse(&text).map_err(unreadable)?;
        fields.insert(field.key.clone(), parsed);
    }
    let channel = match posted.channel {
        Some(key) => Some(Channel::from_key(key.trim()).ok_or_else(|| {
            unreadable(format!(
                "“{}” is not a channel; use one of {}.",
                limits::shortened(&key, 40),
                Channel::ALL.map(|c| c.key()).join(", ")
            ))
        })?),
        None => None,
    };
    Ok(NewItem {
        fields,
        channel: channel.unwrap_or_default(),
        campaign: posted.campaign.map(CampaignId),
        due: posted.due,
        source: crate::domain::CreationSource::Intake,
        ..NewItem::titled(&posted.title)
    })
}
