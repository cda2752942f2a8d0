//! The API's own shapes: stable for integrators, whatever the pages' view types become.

use std::collections::BTreeMap;

use app::db::campaigns::Campaign;
use app::domain::{Item, WorkflowDefinition};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::problem::Problem;

/// The words of a unit enum as serde writes them (`snake_case` keys).
pub fn key_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A field that may be absent (leave as is), `null` (clear) or a value (set).
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// The token making the request, and its person.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// The person's id.
    pub id: i64,
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// Their role: admin, manager, member or viewer.
    pub role: String,
    /// The token's scopes.
    pub scopes: Vec<String>,
}

/// A work item (a card on a board).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiItem {
    /// Its id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// The workflow it follows.
    pub workflow: String,
    /// The version of that workflow it follows.
    pub workflow_version: u32,
    /// The key of the stage it is in.
    pub stage: String,
    /// Who owns it.
    pub owner: Option<i64>,
    /// Who works on it.
    pub assignees: Vec<i64>,
    /// When it is due.
    pub due: Option<DateTime<Utc>>,
    /// When it goes out (is published, sent, launched).
    pub scheduled_at: Option<DateTime<Utc>>,
    /// Whether it goes out some time that day rather than at `scheduled_at`.
    pub all_day: bool,
    /// Its channel: blog, email, social, paid_search, …
    pub channel: String,
    /// The campaign it belongs to.
    pub campaign: Option<i64>,
    /// low, normal, high or urgent.
    pub priority: String,
    /// The workflow's fields, by key, as plain values (text, numbers, yes/no, a person's id,
    /// days as 2026-03-14, moments in RFC 3339, money as "1200.50 EUR").
    #[schema(value_type = Object)]
    pub fields: BTreeMap<String, serde_json::Value>,
    /// The ticked checklist lines of each stage, by stage key.
    pub checklist: BTreeMap<String, Vec<String>>,
    /// How many times it was sent back for changes.
    pub revision_round: u32,
    /// When its current stage's work was submitted for approval.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Who decided on it so far in its current stage (person id → approved or changes_requested).
    pub decisions: BTreeMap<String, String>,
    /// Whether it was escalated in its current stage.
    pub escalated: bool,
    /// When it was archived.
    pub archived_at: Option<DateTime<Utc>>,
    /// When it entered its current stage.
    pub entered_stage_at: DateTime<Utc>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// +1 on every change: send it back (If-Match or `version`) to write.
    pub version: u32,
}

impl From<&Item> for ApiItem {
    fn from(item: &Item) -> Self {
        ApiItem {
            id: item.id.0,
            title: item.title.clone(),
            workflow: item.workflow_id.to_string(),
            workflow_version: item.workflow_version,
            stage: item.stage.to_string(),
            owner: item.owner.map(|p| p.0),
            assignees: item.assignees.iter().map(|p| p.0).collect(),
            due: item.due,
            scheduled_at: item.schedule.map(|s| s.at),
            all_day: item.schedule.is_some_and(|s| s.all_day),
            channel: item.channel.key().to_string(),
            campaign: item.campaign.map(|c| c.0),
            priority: key_of(&item.priority),
            fields: item
                .fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.plain()))
                .collect(),
            checklist: item
                .checklist
                .iter()
                .map(|(stage, ticks)| {
                    (
                        stage.to_string(),
                        ticks.keys().map(|k| k.to_string()).collect(),
                    )
                })
                .collect(),
            revision_round: item.revision_round,
            submitted_at: item.submitted_at,
            decisions: item
                .approvals
                .iter()
                .map(|(p, d)| (p.0.to_string(), key_of(&d.verdict)))
                .collect(),
            escalated: item.escalation.is_some(),
            archived_at: item.archived_at,
            entered_stage_at: item.entered_stage_at,
            created_at: item.created_at,
            updated_at: item.updated_at,
            version: item.version,
        }
    }
}

/// A page of items.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemList {
    /// The items, in id order.
    pub items: Vec<ApiItem>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Filters of the item list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    /// Only items following this workflow.
    pub workflow: Option<String>,
    /// Only items in this stage.
    pub stage: Option<String>,
    /// Only items this person owns.
    pub owner: Option<i64>,
    /// Only items of this campaign.
    pub campaign: Option<i64>,
    /// Only items for this channel.
    pub channel: Option<String>,
    /// Archived items too.
    pub archived: Option<bool>,
    /// Only items changed at or after this moment (RFC 3339).
    pub updated_since: Option<DateTime<Utc>>,
    /// Where the previous page ended (its `next_cursor`).
    pub cursor: Option<String>,
    /// How many items at most (1–200, 50 unless given).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
}

/// A new item.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewItemBody {
    /// The workflow it follows (it starts in the first stage).
    pub workflow: String,
    /// Its title (at most 200 characters).
    pub title: String,
    /// Who owns it; the token's person unless given.
    pub owner: Option<i64>,
    /// When it is due.
    pub due: Option<DateTime<Utc>>,
    /// When it goes out.
    pub scheduled_at: Option<DateTime<Utc>>,
    /// blog, email, social, paid_search, … (other unless given).
    pub channel: Option<String>,
    /// The campaign it belongs to.
    pub campaign: Option<i64>,
    /// low, normal, high or urgent (normal unless given).
    pub priority: Option<String>,
    /// Workflow fields by key, as plain values.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub fields: BTreeMap<String, serde_json::Value>,
}

/// Changes to an item: what is absent stays as it is, `null` clears.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditItemBody {
    /// The version last read (or send If-Match).
    pub version: Option<u32>,
    /// A new title.
    pub title: Option<String>,
    /// A new owner, or null for none.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub owner: Option<Option<i64>>,
    /// A new due moment, or null for none.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub due: Option<Option<DateTime<Utc>>>,
    /// A new moment it goes out, or null for none.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub scheduled_at: Option<Option<DateTime<Utc>>>,
    /// A new channel.
    pub channel: Option<String>,
    /// A new campaign, or null for none.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub campaign: Option<Option<i64>>,
    /// A new priority.
    pub priority: Option<String>,
    /// Fields to set (or clear with null), by key.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub fields: BTreeMap<String, serde_json::Value>,
}

/// A move to another stage.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveBody {
    /// The stage to move to (its key).
    pub stage: String,
    /// Why, for a move back (at most 1,000 characters).
    pub reason: Option<String>,
    /// The version last read (or send If-Match).
    pub version: Option<u32>,
}

/// A comment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentBody {
    /// The comment (at most 10,000 characters).
    pub text: String,
}

/// A verdict on the current stage's work.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Approve it as it is now.
    Approve,
    /// Send it back with feedback.
    RequestChanges,
}

/// A decision on an approval.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// approve or request_changes.
    pub decision: Verdict,
    /// What should change (needed with request_changes).
    pub feedback: Option<String>,
    /// The version decided on (or send If-Match): a decision on work that changed since is
    /// refused with 409.
    pub version: Option<u32>,
}

/// A result (a metric reading).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultBody {
    /// The metric: open_rate, ctr, cpa, mqls, … (at most 60 characters).
    pub metric: String,
    /// Its value.
    pub value: f64,
    /// When it was measured; now unless given.
    pub at: Option<DateTime<Utc>>,
}

/// A recorded result.
#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    /// The reading's id.
    pub id: i64,
}

/// A workflow as listed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiWorkflowSummary {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// content_production, email_campaign, custom, …
    pub kind: String,
    /// Its current version.
    pub version: u32,
    /// Its stages' names, in order.
    pub stages: Vec<String>,
}

/// A field of a workflow.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiField {
    /// Its key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// text, long_text, url, date_time, number, money, choice, person, segment, percent,
    /// date or yes_no.
    #[serde(rename = "type")]
    pub field_type: String,
    /// The options of a choice.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

/// A checklist line of a stage.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiChecklistLine {
    /// Its key.
    pub key: String,
    /// What to check.
    pub label: String,
    /// Optional lines don't block leaving the stage.
    pub optional: bool,
}

/// A stage of a workflow.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiStage {
    /// Its key.
    pub key: String,
    /// Its name.
    pub name: String,
    /// The work done in it.
    pub description: String,
    /// Fields that must be filled to leave it.
    pub required_fields: Vec<String>,
    /// Whether an item needs a date it goes out to enter it.
    pub requires_schedule: bool,
    /// Lines to tick before leaving it.
    pub checklist: Vec<ApiChecklistLine>,
    /// The sign-off needed to leave it, as the workflow keeps it.
    #[schema(value_type = Option<Object>)]
    pub approval: Option<serde_json::Value>,
    /// The time allowed in it, as the workflow keeps it.
    #[schema(value_type = Option<Object>)]
    pub sla: Option<serde_json::Value>,
    /// The most items allowed in it at once.
    pub wip_limit: Option<u32>,
}

/// A workflow's definition (its current version).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiWorkflow {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: String,
    /// This version's number.
    pub version: u32,
    /// How many times an item may be sent back before its brief is revisited.
    pub revision_limit: u32,
    /// Its fields.
    pub fields: Vec<ApiField>,
    /// Its stages, in order.
    pub stages: Vec<ApiStage>,
}

impl From<&WorkflowDefinition> for ApiWorkflow {
    fn from(def: &WorkflowDefinition) -> Self {
        use app::domain::FieldType;
        ApiWorkflow {
            id: def.id.to_string(),
            name: def.name.clone(),
            kind: key_of(&def.kind),
            version: def.version,
            revision_limit: def.revision_limit,
            fields: def
                .fields
                .iter()
                .map(|f| ApiField {
                    key: f.key.to_string(),
                    label: f.label.clone(),
                    field_type: serde_json::to_value(&f.field_type)
                        .ok()
                        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_owned))
                        .unwrap_or_default(),
                    options: match &f.field_type {
                        FieldType::Choice { options } => options.clone(),
                        _ => Vec::new(),
                    },
                })
                .collect(),
            stages: def
                .stages
                .iter()
                .map(|s| ApiStage {
                    key: s.key.to_string(),
                    name: s.name.clone(),
                    description: s.description.clone(),
                    required_fields: s.required_fields.iter().map(|f| f.to_string()).collect(),
                    requires_schedule: s.requires_schedule,
                    checklist: s
                        .checklist
                        .iter()
                        .map(|c| ApiChecklistLine {
                            key: c.key.to_string(),
                            label: c.label.clone(),
                            optional: c.optional,
                        })
                        .collect(),
                    approval: s
                        .approval
                        .as_ref()
                        .and_then(|a| serde_json::to_value(a).ok()),
                    sla: s.sla.as_ref().and_then(|a| serde_json::to_value(a).ok()),
                    wip_limit: s.wip_limit,
                })
                .collect(),
        }
    }
}

/// A goal of a campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiGoal {
    /// The metric.
    pub metric: String,
    /// at_least or at_most.
    pub sense: String,
    /// The number to reach or stay under.
    pub target: f64,
}

/// A campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiCampaign {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Its first day.
    pub starts_on: Option<NaiveDate>,
    /// Its last day.
    pub ends_on: Option<NaiveDate>,
    /// Who owns it.
    pub owner: Option<i64>,
    /// Its budget, as "12000.00 EUR".
    pub budget: Option<String>,
    /// Its goals.
    pub goals: Vec<ApiGoal>,
    /// When it was closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// +1 on every change: send it back (If-Match or `version`) to write.
    pub version: u32,
}

impl From<&Campaign> for ApiCampaign {
    fn from(c: &Campaign) -> Self {
        ApiCampaign {
            id: c.id.0,
            name: c.plan.name.clone(),
            description: c.plan.description.clone(),
            starts_on: c.plan.starts_on,
            ends_on: c.plan.ends_on,
            owner: c.plan.owner.map(|p| p.0),
            budget: c.plan.budget.as_ref().map(|m| m.to_string()),
            goals: c
                .plan
                .goals
                .iter()
                .map(|g| ApiGoal {
                    metric: g.metric.clone(),
                    sense: key_of(&g.sense),
                    target: g.target,
                })
                .collect(),
            closed_at: c.closed_at,
            version: c.version,
        }
    }
}

/// A campaign to make.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignBody {
    /// Its name (at most 100 characters, unique).
    pub name: String,
    /// What it is for.
    #[serde(default)]
    pub description: String,
    /// Its first day.
    pub starts_on: Option<NaiveDate>,
    /// Its last day.
    pub ends_on: Option<NaiveDate>,
    /// Who owns it.
    pub owner: Option<i64>,
    /// Its budget, as "12000 EUR".
    pub budget: Option<String>,
    /// Its goals, each as "mqls >= 400" or "cpa <= 45".
    #[serde(default)]
    pub goals: Vec<String>,
}

/// Changes to a campaign: what is absent stays as it is, `null` clears.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditCampaignBody {
    /// The version last read (or send If-Match).
    pub version: Option<u32>,
    /// A new name.
    pub name: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// A new first day, or null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub starts_on: Option<Option<NaiveDate>>,
    /// A new last day, or null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub ends_on: Option<Option<NaiveDate>>,
    /// A new owner, or null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub owner: Option<Option<i64>>,
    /// A new budget ("12000 EUR"), or null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub budget: Option<Option<String>>,
    /// New goals (replacing the old ones).
    pub goals: Option<Vec<String>>,
}

/// A person on the team.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiPerson {
    /// Their id.
    pub id: i64,
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// admin, manager, member or viewer.
    pub role: String,
    /// Their time zone.
    pub time_zone: String,
}

/// The period of a calendar read.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// From this moment (RFC 3339), inclusive.
    pub from: DateTime<Utc>,
    /// To this moment, exclusive; at most 400 days after `from`.
    pub to: DateTime<Utc>,
}

/// An entry of the calendar: an item going out.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarEntry {
    /// The item.
    pub item: i64,
    /// Its title.
    pub title: String,
    /// When it goes out.
    pub at: DateTime<Utc>,
    /// Whether some time that day.
    pub all_day: bool,
    /// Its channel.
    pub channel: String,
    /// Its workflow.
    pub workflow: String,
    /// Its stage.
    pub stage: String,
    /// Its campaign.
    pub campaign: Option<i64>,
}

/// Where to read the trail from.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventQuery {
    /// Events after this one (a `next_cursor`, or 0 for the start).
    pub after: Option<String>,
    /// How many at most (1–200, 100 unless given).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
}

/// An event of the activity trail.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiEvent {
    /// Its id; events are numbered in the order they happened.
    pub id: i64,
    /// The item it happened to.
    pub item: i64,
    /// Who did it.
    pub actor: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// What happened: created, moved, commented, approved, …
    pub kind: String,
    /// What happened, with its details, as the trail keeps it.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

/// A page of the trail.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventList {
    /// The events, oldest first.
    pub events: Vec<ApiEvent>,
    /// Pass as `after` for the next page; always given, so a reader can poll from it.
    pub next_cursor: String,
}

/// The problems any operation may answer with, documented once.
#[derive(utoipa::IntoResponses)]
pub enum Problems {
    /// The request could not be read.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(#[to_schema] Problem),
    /// No token, or one that opens nothing.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(#[to_schema] Problem),
    /// The token or its person may not do this.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(#[to_schema] Problem),
    /// No such thing.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(#[to_schema] Problem),
    /// Changed by someone else since it was read, or a retry while the first is answered.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(#[to_schema] Problem),
    /// The body is too large.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(#[to_schema] Problem),
    /// Input that does not fit, or an operation the workflow refuses (every reason listed).
    #[response(status = 422, content_type = "application/problem+json")]
    Unprocessable(#[to_schema] Problem),
    /// Too many requests: wait the seconds in Retry-After.
    #[response(status = 429, content_type = "application/problem+json")]
    TooMany(#[to_schema] Problem),
}

/// A checklist line to tick or untick.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TickBody {
    /// The line's key (see the workflow's stage).
    pub line: String,
    /// `true` to tick (unless given), `false` to untick.
    pub ticked: Option<bool>,
}

/// An outbound webhook or chat channel (never its signing secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiEndpoint {
    /// Its id.
    pub id: i64,
    /// webhook (signed Standard Webhooks deliveries) or chat (messages to a chat channel).
    pub kind: String,
    /// Where deliveries go; for a chat channel only its origin, since the rest of a chat
    /// address is its credential.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// The event types it receives: item.created, item.stage_changed, …
    pub events: Vec<String>,
    /// Whether deliveries go out.
    pub enabled: bool,
    /// Why Baton switched it off, if it did.
    pub disabled_reason: Option<String>,
    /// How its deliveries are going, in words.
    pub health: Option<String>,
    /// Only this workflow's items, when set.
    pub workflow: Option<String>,
}
