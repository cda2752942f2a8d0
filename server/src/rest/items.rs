//! `/api/v1/items`: items read a page at a time, and changed through the same engine
//! operations as the board (so the same gates, approvals and reasons).

use std::collections::BTreeMap;

use app::domain::filter::ItemFilter;
use app::domain::tokens::Scope;
use app::domain::{
    CampaignId, Channel, FieldKey, FieldValue, Item, ItemId, NewItem, Operation, PersonId,
    Priority, Schedule, StageKey, WorkflowDefinition, WorkflowId,
};
use app::service::automation::results::Target;
use app::service::public;
use app::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;

use super::dto::*;
use super::guard::{based_on, cursor, page_limit, versioned, Caller, IdPath, JsonBody, QueryOf};
use super::problem::{ApiResult, Problem};

/// An item with its ETag.
fn item_response(status: StatusCode, item: &Item) -> Response {
    let path = format!("/api/v1/items/{}", item.id.0);
    versioned(status, ApiItem::from(item), item.version, path)
}

fn channel(text: &str) -> ApiResult<Channel> {
    Channel::from_key(text.trim()).ok_or_else(|| {
        let keys: Vec<&str> = Channel::ALL.iter().map(|c| c.key()).collect();
        Problem::invalid(
            "channel",
            format!(
                "“{}” is not a channel; use one of: {}.",
                app::domain::limits::shortened(text, 40),
                keys.join(", ")
            ),
        )
    })
}

fn priority(text: &str) -> ApiResult<Priority> {
    serde_json::from_value(serde_json::Value::String(text.trim().to_string())).map_err(|_| {
        Problem::invalid(
            "priority",
            "The priority is one of: low, normal, high, urgent.",
        )
    })
}

/// Reads plain field values against the workflow's fields: every key must be one of them.
fn fields(
    def: &WorkflowDefinition,
    given: &BTreeMap<String, serde_json::Value>,
) -> ApiResult<BTreeMap<FieldKey, Option<FieldValue>>> {
    let mut out = BTreeMap::new();
    for (key, value) in given {
        let Some(field) = def.fields.iter().find(|f| f.key.as_str() == key) else {
            let keys: Vec<&str> = def.fields.iter().map(|f| f.key.as_str()).collect();
            return Err(Problem::invalid(
                "fields",
                format!(
                    "“{}” is not a field of {}; its fields are: {}.",
                    app::domain::limits::shortened(key, 60),
                    def.name,
                    if keys.is_empty() {
                        "none".to_string()
                    } else {
                        keys.join(", ")
                    }
                ),
            ));
        };
        let value = field
            .from_plain(value)
            .map_err(|message| Problem::invalid(&format!("fields.{key}"), message))?;
        out.insert(field.key.clone(), value);
    }
    Ok(out)
}

/// The operations applied together, all or nothing, to an item last seen at `version`
/// (its current version when none is given); boards are told.
async fn apply(
    state: &AppState,
    caller: &Caller,
    id: ItemId,
    version: Option<u32>,
    operations: Vec<Operation>,
) -> ApiResult<Item> {
    let version = match version {
        Some(v) => v,
        None => public::item(&state.db, id).await?.version,
    };
    let now = chrono::Utc::now();
    let outcome =
        app::service::items::try_apply(&state.db, caller.user().id, id, version, &operations, now)
            .await??;
    state.live.item_changed(&outcome.item);
    Ok(outcome.item)
}

/// Items matching the filters, a page at a time in id order.
#[utoipa::path(
    get, path = "/items", tag = "items", operation_id = "listItems",
    params(ItemQuery),
    security(("token" = ["read"])),
    responses((status = 200, description = "A page of items", body = ItemList), Problems)
)]
pub async fn list_items(
    State(state): State<AppState>,
    caller: Caller,
    QueryOf(query): QueryOf<ItemQuery>,
) -> ApiResult<Json<ItemList>> {
    caller.need(Scope::Read)?;
    let filter = ItemFilter {
        channel: query.channel.as_deref().map(channel).transpose()?,
        campaign: query.campaign.map(CampaignId),
        workflow: query.workflow.map(WorkflowId),
        owner: query.owner.map(PersonId),
    };
    let limit = page_limit(query.limit, 50)?;
    let page = public::ItemPage {
        filter,
        stage: query.stage.map(StageKey),
        include_archived: query.archived.unwrap_or(false),
        updated_since: query.updated_since,
        after: query.cursor.as_deref().map(cursor).transpose()?.map(ItemId),
        limit,
    };
    let (items, next) = public::items(&state.db, &page).await?;
    Ok(Json(ItemList {
        items: items.iter().map(ApiItem::from).collect(),
        next_cursor: next.map(|id| id.0.to_string()),
    }))
}

/// Creates an item in the first stage of a workflow.
#[utoipa::path(
    post, path = "/items", tag = "items", operation_id = "createItem",
    request_body = NewItemBody,
    params(("Idempotency-Key" = Option<String>, Header, description = "Send the same key to retry safely")),
    security(("token" = ["items:write"])),
    responses(
        (status = 201, description = "Created", body = ApiItem,
         headers(("ETag" = String, description = "The item's version"), ("Location" = String, description = "Where it is"))),
        Problems
    )
)]
pub async fn create_item(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<NewItemBody>,
) -> ApiResult<Response> {
    caller.need(Scope::ItemsWrite)?;
    let workflow = WorkflowId(body.workflow.trim().to_string());
    let def = app::service::workflows::current(&state.db, &workflow).await?;
    let values = fields(&def, &body.fields)?
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
    let owner = body.owner.map(PersonId).unwrap_or(caller.user().id);
    let new = NewItem {
        owner: Some(owner),
        assignees: vec![owner],
        fields: values,
        due: body.due,
        schedule: body.scheduled_at.map(|at| Schedule { at, all_day: false }),
        channel: body
            .channel
            .as_deref()
            .map(channel)
            .transpose()?
            .unwrap_or_default(),
        campaign: body.campaign.map(CampaignId),
        priority: body
            .priority
            .as_deref()
            .map(priority)
            .transpose()?
            .unwrap_or_default(),
        ..NewItem::titled(&body.title)
    };
    let now = chrono::Utc::now();
    let item = app::service::items::create(&state.db, caller.user().id, &workflow, new, now)
        .await?
        .item;
    state.live.item_changed(&item);
    Ok(item_response(StatusCode::CREATED, &item))
}

/// One item, with its version as ETag.
#[utoipa::path(
    get, path = "/items/{id}", tag = "items", operation_id = "getItem",
    params(("id" = i64, Path, description = "The item's id")),
    security(("token" = ["read"])),
    responses((status = 200, description = "The item", body = ApiItem,
        headers(("ETag" = String, description = "Its version, for If-Match"))), Problems)
)]
pub async fn get_item(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> ApiResult<Response> {
    caller.need(Scope::Read)?;
    let item = public::item(&state.db, ItemId(id)).await?;
    Ok(item_response(StatusCode::OK, &item))
}

/// Changes an item's title, owner, dates, channel, campaign, priority or fields, all or
/// nothing. Needs the version last read (`If-Match` or `version`); a stale one is a 409.
#[utoipa::path(
    patch, path = "/items/{id}", tag = "items", operation_id = "editItem",
    params(
        ("id" = i64, Path, description = "The item's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read")
    ),
    request_body = EditItemBody,
    security(("token" = ["items:write"])),
    responses(
        (status = 200, description = "The item as it is now", body = ApiItem),
        (status = 428, description = "No version given", body = Problem, content_type = "application/problem+json"),
        Problems
    )
)]
pub async fn edit_item(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    headers: HeaderMap,
    JsonBody(body): JsonBody<EditItemBody>,
) -> ApiResult<Response> {
    caller.need(Scope::ItemsWrite)?;
    let version = based_on(&headers, body.version)?.ok_or_else(Problem::version_required)?;
    let item = public::item(&state.db, ItemId(id)).await?;
    let mut ops = Vec::new();
    if let Some(title) = body.title {
        ops.push(Operation::Rename { title });
    }
    if let Some(owner) = body.owner {
        ops.push(Operation::SetOwner {
            owner: owner.map(PersonId),
        });
    }
    if let Some(due) = body.due {
        ops.push(Operation::SetDue { due });
    }
    if let Some(at) = body.scheduled_at {
        let all_day = item.schedule.is_some_and(|s| s.all_day);
        ops.push(Operation::SetSchedule {
            schedule: at.map(|at| Schedule { at, all_day }),
        });
    }
    if let Some(text) = body.channel {
        ops.push(Operation::SetChannel {
            channel: channel(&text)?,
        });
    }
    if let Some(campaign) = body.campaign {
        ops.push(Operation::SetCampaign {
            campaign: campaign.map(CampaignId),
        });
    }
    if let Some(text) = body.priority {
        ops.push(Operation::SetPriority {
            priority: priority(&text)?,
        });
    }
    if !body.fields.is_empty() {
        let def = public::definition_of(&state.db, &item).await?;
        ops.push(Operation::EditFields {
            values: fields(&def, &body.fields)?,
        });
    }
    if ops.is_empty() {
        return Err(Problem::bad_request("Nothing to change: send at least one of title, owner, due, scheduled_at, channel, campaign, priority, fields."));
    }
    let item = apply(&state, &caller, ItemId(id), Some(version), ops).await?;
    Ok(item_response(StatusCode::OK, &item))
}

/// Moves an item to another stage: forward only through the stage's gates (required
/// fields, checklist, approval, …), back always (with a reason).
#[utoipa::path(
    post, path = "/items/{id}/move", tag = "items", operation_id = "moveItem",
    params(
        ("id" = i64, Path, description = "The item's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read")
    ),
    request_body = MoveBody,
    security(("token" = ["items:write"])),
    responses((status = 200, description = "Moved", body = ApiItem), Problems)
)]
pub async fn move_item(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    headers: HeaderMap,
    JsonBody(body): JsonBody<MoveBody>,
) -> ApiResult<Response> {
    caller.need(Scope::ItemsWrite)?;
    let version = based_on(&headers, body.version)?;
    let op = Operation::MoveTo {
        stage: StageKey(body.stage.trim().to_string()),
        reason: body.reason.filter(|r| !r.trim().is_empty()),
    };
    let item = apply(&state, &caller, ItemId(id), version, vec![op]).await?;
    Ok(item_response(StatusCode::OK, &item))
}

/// Adds a comment to an item's activity.
#[utoipa::path(
    post, path = "/items/{id}/comments", tag = "items", operation_id = "commentOnItem",
    params(("id" = i64, Path, description = "The item's id")),
    request_body = CommentBody,
    security(("token" = ["items:write"])),
    responses((status = 201, description = "Commented", body = ApiItem), Problems)
)]
pub async fn comment_item(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    JsonBody(body): JsonBody<CommentBody>,
) -> ApiResult<Response> {
    caller.need(Scope::ItemsWrite)?;
    let op = Operation::Comment { text: body.text };
    let item = apply(&state, &caller, ItemId(id), None, vec![op]).await?;
    Ok(item_response(StatusCode::CREATED, &item))
}

/// Approves the current stage's work, or sends it back with feedback. Only an approver
/// of the stage may, in their turn.
#[utoipa::path(
    post, path = "/items/{id}/decision", tag = "items", operation_id = "decideOnItem",
    params(
        ("id" = i64, Path, description = "The item's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the version decided on")
    ),
    request_body = DecisionBody,
    security(("token" = ["items:write"])),
    responses((status = 200, description = "Decided", body = ApiItem), Problems)
)]
pub async fn decide_item(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    headers: HeaderMap,
    JsonBody(body): JsonBody<DecisionBody>,
) -> ApiResult<Response> {
    caller.need(Scope::ItemsWrite)?;
    let version = based_on(&headers, body.version)?;
    let op = match body.decision {
        Verdict::Approve => Operation::Approve,
        Verdict::RequestChanges => Operation::RequestChanges {
            feedback: body.feedback.unwrap_or_default(),
        },
    };
    let item = apply(&state, &caller, ItemId(id), version, vec![op]).await?;
    Ok(item_response(StatusCode::OK, &item))
}

/// Records a result (a metric reading) on an item; automation rules hear of it.
#[utoipa::path(
    post, path = "/items/{id}/results", tag = "items", operation_id = "recordItemResult",
    params(
        ("id" = i64, Path, description = "The item's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Send the same key to retry safely")
    ),
    request_body = ResultBody,
    security(("token" = ["results:write"])),
    responses((status = 201, description = "Recorded", body = Recorded), Problems)
)]
pub async fn record_item_result(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    JsonBody(body): JsonBody<ResultBody>,
) -> ApiResult<(StatusCode, Json<Recorded>)> {
    record_result(&state, &caller, Target::Item(ItemId(id)), body).await
}

/// Records a result on an item or a campaign as the token's person; rules hear of it.
pub(super) async fn record_result(
    state: &AppState,
    caller: &Caller,
    target: Target,
    body: ResultBody,
) -> ApiResult<(StatusCode, Json<Recorded>)> {
    caller.need(Scope::ResultsWrite)?;
    use app::service::automation::results::{record, RecordedBy};
    let now = chrono::Utc::now();
    let reading = record(
        &state.db,
        RecordedBy::Person(caller.user().id),
        target,
        &body.metric,
        body.value,
        body.at.unwrap_or(now),
        now,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Recorded { id: reading.0 })))
}

/// Submits the current stage's work for approval (the stage's approvers are told).
#[utoipa::path(
    post, path = "/items/{id}/submit", tag = "items", operation_id = "submitItem",
    params(
        ("id" = i64, Path, description = "The item's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the version submitted")
    ),
    security(("token" = ["items:write"])),
    responses((status = 200, description = "Submitted", body = ApiItem), Problems)
)]
pub async fn submit_item(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    headers: HeaderMap,
) -> ApiResult<Response> {
    caller.need(Scope::ItemsWrite)?;
    let version = based_on(&headers, None)?;
    let item = apply(
        &state,
        &caller,
        ItemId(id),
        version,
        vec![Operation::Submit],
    )
    .await?;
    Ok(item_response(StatusCode::OK, &item))
}

/// Ticks (or unticks) a line of the current stage's checklist.
#[utoipa::path(
    post, path = "/items/{id}/checklist", tag = "items", operation_id = "tickChecklist",
    params(("id" = i64, Path, description = "The item's id")),
    request_body = TickBody,
    security(("token" = ["items:write"])),
    responses((status = 200, description = "Ticked or unticked", body = ApiItem), Problems)
)]
pub async fn tick_item(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    JsonBody(body): JsonBody<TickBody>,
) -> ApiResult<Response> {
    caller.need(Scope::ItemsWrite)?;
    let line = app::domain::ChecklistKey(body.line.trim().to_string());
    let op = if body.ticked.unwrap_or(true) {
        Operation::Tick { line }
    } else {
        Operation::Untick { line }
    };
    let item = apply(&state, &caller, ItemId(id), None, vec![op]).await?;
    Ok(item_response(StatusCode::OK, &item))
}
