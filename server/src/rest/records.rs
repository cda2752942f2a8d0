//! The rest of `/api/v1`: the token itself, workflows, campaigns, people, the calendar and
//! the activity trail.

use app::domain::campaign::CampaignInput;
use app::domain::tokens::Scope;
use app::domain::{CampaignId, PersonId, WorkflowId};
use app::service::public;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;

use super::dto::*;
use super::guard::{based_on, cursor, page_limit, versioned, Caller, IdPath, JsonBody, QueryOf};
use super::problem::{ApiResult, Problem};

/// Who the token acts for, and its scopes.
#[utoipa::path(
    get, path = "/me", tag = "tokens", operation_id = "whoAmI",
    security(("token" = ["read"])),
    responses((status = 200, description = "The token's person", body = Me), Problems)
)]
pub async fn me(caller: Caller) -> ApiResult<Json<Me>> {
    caller.need(Scope::Read)?;
    let user = caller.user();
    Ok(Json(Me {
        id: user.id.0,
        name: user.name.clone(),
        email: user.email.clone(),
        role: key_of(&user.role),
        scopes: caller
            .0
            .scopes
            .iter()
            .map(|s| s.key().to_string())
            .collect(),
    }))
}

/// Every workflow, with its current version.
#[utoipa::path(
    get, path = "/workflows", tag = "workflows", operation_id = "listWorkflows",
    security(("token" = ["read"])),
    responses((status = 200, description = "The workflows", body = Vec<ApiWorkflowSummary>), Problems)
)]
pub async fn list_workflows(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<ApiWorkflowSummary>>> {
    caller.need(Scope::Read)?;
    let summaries = app::service::workflows::summaries(&state.db).await?;
    Ok(Json(
        summaries
            .into_iter()
            .map(|w| ApiWorkflowSummary {
                id: w.id.to_string(),
                name: w.name,
                kind: key_of(&w.kind),
                version: w.version,
                stages: w.stages,
            })
            .collect(),
    ))
}

/// A workflow's current definition: its stages, their gates and its fields.
#[utoipa::path(
    get, path = "/workflows/{id}", tag = "workflows", operation_id = "getWorkflow",
    params(("id" = String, Path, description = "The workflow's id")),
    security(("token" = ["read"])),
    responses((status = 200, description = "The definition", body = ApiWorkflow), Problems)
)]
pub async fn get_workflow(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<ApiWorkflow>> {
    caller.need(Scope::Read)?;
    if id.len() > app::domain::limits::SHORT {
        return Err(Problem::not_found("That workflow"));
    }
    let def = app::service::workflows::current(&state.db, &WorkflowId(id)).await?;
    Ok(Json(ApiWorkflow::from(&def)))
}

/// A campaign with its ETag.
fn campaign_response(status: StatusCode, campaign: &public::Campaign) -> Response {
    let path = format!("/api/v1/campaigns/{}", campaign.id.0);
    versioned(status, ApiCampaign::from(campaign), campaign.version, path)
}

/// Campaign writes need `items:write` and a manager's or admin's role, as on the pages.
fn may_plan(caller: &Caller) -> ApiResult<()> {
    caller.need(Scope::ItemsWrite)?;
    if !caller.user().role.can_manage() {
        return Err(Problem::forbidden(
            "Only managers and admins change campaigns; this token's person is neither.",
        ));
    }
    Ok(())
}

/// Every campaign, open ones first.
#[utoipa::path(
    get, path = "/campaigns", tag = "campaigns", operation_id = "listCampaigns",
    security(("token" = ["read"])),
    responses((status = 200, description = "The campaigns", body = Vec<ApiCampaign>), Problems)
)]
pub async fn list_campaigns(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<ApiCampaign>>> {
    caller.need(Scope::Read)?;
    let campaigns = public::campaigns(&state.db).await?;
    Ok(Json(campaigns.iter().map(ApiCampaign::from).collect()))
}

/// Makes a campaign (managers and admins).
#[utoipa::path(
    post, path = "/campaigns", tag = "campaigns", operation_id = "createCampaign",
    request_body = CampaignBody,
    params(("Idempotency-Key" = Option<String>, Header, description = "Send the same key to retry safely")),
    security(("token" = ["items:write"])),
    responses((status = 201, description = "Created", body = ApiCampaign), Problems)
)]
pub async fn create_campaign(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<CampaignBody>,
) -> ApiResult<Response> {
    may_plan(&caller)?;
    let input = CampaignInput {
        name: body.name,
        description: body.description,
        starts_on: body.starts_on,
        ends_on: body.ends_on,
        owner: body.owner.map(PersonId),
        budget: body.budget.unwrap_or_default(),
        goals: goals_text(&body.goals)?,
    };
    let now = chrono::Utc::now();
    let saved = app::service::campaigns::create(&state.db, caller.user().id, &input, now).await?;
    let campaign = public::campaign(&state.db, saved.id).await?;
    Ok(campaign_response(StatusCode::CREATED, &campaign))
}

/// Goals as the campaign form takes them: one per line.
fn goals_text(goals: &[String]) -> ApiResult<String> {
    if goals.len() > app::domain::campaign::MAX_GOALS {
        return Err(Problem::invalid(
            "goals",
            format!(
                "A campaign keeps at most {} goals.",
                app::domain::campaign::MAX_GOALS
            ),
        ));
    }
    if goals.iter().any(|g| g.contains('\n')) {
        return Err(Problem::invalid(
            "goals",
            "Each goal is one line, such as “mqls >= 400”.",
        ));
    }
    Ok(goals.join("\n"))
}

/// One campaign, with its version as ETag.
#[utoipa::path(
    get, path = "/campaigns/{id}", tag = "campaigns", operation_id = "getCampaign",
    params(("id" = i64, Path, description = "The campaign's id")),
    security(("token" = ["read"])),
    responses((status = 200, description = "The campaign", body = ApiCampaign), Problems)
)]
pub async fn get_campaign(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> ApiResult<Response> {
    caller.need(Scope::Read)?;
    let campaign = public::campaign(&state.db, CampaignId(id)).await?;
    Ok(campaign_response(StatusCode::OK, &campaign))
}

/// Changes a campaign (managers and admins). Needs the version last read.
#[utoipa::path(
    patch, path = "/campaigns/{id}", tag = "campaigns", operation_id = "editCampaign",
    params(
        ("id" = i64, Path, description = "The campaign's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read")
    ),
    request_body = EditCampaignBody,
    security(("token" = ["items:write"])),
    responses(
        (status = 200, description = "The campaign as it is now", body = ApiCampaign),
        (status = 428, description = "No version given", body = Problem, content_type = "application/problem+json"),
        Problems
    )
)]
pub async fn edit_campaign(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    headers: HeaderMap,
    JsonBody(body): JsonBody<EditCampaignBody>,
) -> ApiResult<Response> {
    may_plan(&caller)?;
    let version = based_on(&headers, body.version)?.ok_or_else(Problem::version_required)?;
    let id = CampaignId(id);
    let before = public::campaign(&state.db, id).await?;
    let mut input = app::service::campaigns::input_of(&before.plan);
    if let Some(name) = body.name {
        input.name = name;
    }
    if let Some(description) = body.description {
        input.description = description;
    }
    if let Some(starts_on) = body.starts_on {
        input.starts_on = starts_on;
    }
    if let Some(ends_on) = body.ends_on {
        input.ends_on = ends_on;
    }
    if let Some(owner) = body.owner {
        input.owner = owner.map(PersonId);
    }
    if let Some(budget) = body.budget {
        input.budget = budget.unwrap_or_default();
    }
    if let Some(goals) = body.goals {
        input.goals = goals_text(&goals)?;
    }
    let now = chrono::Utc::now();
    app::service::campaigns::update(&state.db, caller.user(), id, version, &input, now).await?;
    let campaign = public::campaign(&state.db, id).await?;
    Ok(campaign_response(StatusCode::OK, &campaign))
}

/// Records a result (a metric reading) on a campaign, e.g. its MQLs or CPA.
#[utoipa::path(
    post, path = "/campaigns/{id}/results", tag = "campaigns", operation_id = "recordCampaignResult",
    params(
        ("id" = i64, Path, description = "The campaign's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Send the same key to retry safely")
    ),
    request_body = ResultBody,
    security(("token" = ["results:write"])),
    responses((status = 201, description = "Recorded", body = Recorded), Problems)
)]
pub async fn record_campaign_result(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    JsonBody(body): JsonBody<ResultBody>,
) -> ApiResult<(StatusCode, Json<Recorded>)> {
    let target = app::service::automation::results::Target::Campaign(CampaignId(id));
    super::items::record_result(&state, &caller, target, body).await
}

/// Everyone on the team.
#[utoipa::path(
    get, path = "/people", tag = "people", operation_id = "listPeople",
    security(("token" = ["read"])),
    responses((status = 200, description = "The team", body = Vec<ApiPerson>), Problems)
)]
pub async fn list_people(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<ApiPerson>>> {
    caller.need(Scope::Read)?;
    let people = app::service::accounts::people(&state.db).await?;
    Ok(Json(
        people
            .into_iter()
            .map(|p| ApiPerson {
                id: p.id.0,
                role: key_of(&p.role),
                name: p.name,
                email: p.email,
                time_zone: p.time_zone,
            })
            .collect(),
    ))
}

/// What goes out in a period: the items scheduled in it, in time order.
#[utoipa::path(
    get, path = "/calendar", tag = "calendar", operation_id = "calendarEntries",
    params(PeriodQuery),
    security(("token" = ["read"])),
    responses((status = 200, description = "The entries", body = Vec<CalendarEntry>), Problems)
)]
pub async fn calendar_entries(
    State(state): State<AppState>,
    caller: Caller,
    QueryOf(period): QueryOf<PeriodQuery>,
) -> ApiResult<Json<Vec<CalendarEntry>>> {
    caller.need(Scope::Read)?;
    let items = public::scheduled(&state.db, period.from, period.to).await?;
    Ok(Json(
        items
            .iter()
            .filter_map(|item| {
                let schedule = item.schedule?;
                Some(CalendarEntry {
                    item: item.id.0,
                    title: item.title.clone(),
                    at: schedule.at,
                    all_day: schedule.all_day,
                    channel: item.channel.key().to_string(),
                    workflow: item.workflow_id.to_string(),
                    stage: item.stage.to_string(),
                    campaign: item.campaign.map(|c| c.0),
                })
            })
            .collect(),
    ))
}

/// The outbound webhooks and chat channels (admins): where Baton's events go.
#[utoipa::path(
    get, path = "/webhooks", tag = "webhooks", operation_id = "listWebhooks",
    security(("token" = ["admin"])),
    responses((status = 200, description = "The endpoints", body = Vec<ApiEndpoint>), Problems)
)]
pub async fn list_webhooks(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<ApiEndpoint>>> {
    caller.need(Scope::Admin)?;
    use app::domain::outbound::chat::Flavor;
    let endpoints = app::service::webhooks::list(&state.db).await?;
    Ok(Json(
        endpoints
            .into_iter()
            .map(|e| {
                let url = match e.flavor {
                    Flavor::Standard => e.url,
                    Flavor::Chat => url::Url::parse(&e.url)
                        .map(|u| u.origin().ascii_serialization())
                        .unwrap_or_default(),
                };
                ApiEndpoint {
                    id: e.id.0,
                    kind: match e.flavor {
                        Flavor::Standard => "webhook".into(),
                        Flavor::Chat => "chat".into(),
                    },
                    url,
                    description: e.description,
                    events: e.events.iter().map(|t| t.as_str().to_string()).collect(),
                    enabled: e.enabled,
                    disabled_reason: e.disabled_reason,
                    health: e.health,
                    workflow: e.workflow.map(|(id, _)| id.to_string()),
                }
            })
            .collect(),
    ))
}

/// The activity trail after a cursor, oldest first: poll with the `next_cursor` to follow
/// everything that happens.
#[utoipa::path(
    get, path = "/events", tag = "activity", operation_id = "listEvents",
    params(EventQuery),
    security(("token" = ["read"])),
    responses((status = 200, description = "A page of the trail", body = EventList), Problems)
)]
pub async fn list_events(
    State(state): State<AppState>,
    caller: Caller,
    QueryOf(query): QueryOf<EventQuery>,
) -> ApiResult<Json<EventList>> {
    caller.need(Scope::Read)?;
    let after = match query.after.as_deref().map(str::trim) {
        None | Some("") => 0,
        Some(text) => cursor(text)?,
    };
    let limit = page_limit(query.limit, 100)?;
    let events = public::events(&state.db, after, limit).await?;
    let next = events.last().map_or(after, |e| e.id);
    Ok(Json(EventList {
        events: events
            .into_iter()
            .map(|e| {
                let detail = serde_json::to_value(&e.event.kind).unwrap_or_default();
                let kind = detail
                    .get("type")
                    .or_else(|| detail.get("kind"))
                    .and_then(|k| k.as_str())
                    .map(str::to_owned)
                    .unwrap_or_else(|| key_of(&e.event.kind));
                ApiEvent {
                    id: e.id,
                    item: e.item.0,
                    actor: e.event.actor.0,
                    at: e.event.at,
                    kind,
                    detail,
                }
            })
            .collect(),
        next_cursor: next.to_string(),
    }))
}
