//! What the automation pages show: rules in words, the run log, previews, results, hooks
//! and intake forms.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::tags::PersonTag;
use crate::domain::automation::{EndpointId, Rule, RuleId};
use crate::domain::{CampaignId, FieldDef, ItemId, People, WorkflowDefinition, WorkflowId};

/// A rule on the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleSummary {
    /// Its id.
    pub id: RuleId,
    /// Its name.
    pub name: String,
    /// The whole rule in a sentence.
    pub sentence: String,
    /// Where it listens, in words ("Email campaign", "Every workflow").
    pub scope: String,
    /// Whether it runs.
    pub enabled: bool,
    /// Why it paused itself, if it did.
    pub paused_reason: Option<String>,
    /// Who owns it.
    pub owner: Option<PersonTag>,
    /// When it last ran (skipped evaluations aside).
    pub last_run: Option<DateTime<Utc>>,
    /// Runs in the last seven days.
    pub runs_this_week: u32,
    /// One of Baton's suggested rules.
    pub builtin: bool,
}

/// What the rule editor needs to check a rule as it is typed (the same check the server
/// makes) and to offer stages, fields, people, teams and campaigns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleContext {
    /// Every workflow's current version.
    pub workflows: Vec<WorkflowDefinition>,
    /// The team, with their teams.
    pub people: People,
    /// Campaign names.
    pub campaigns: BTreeMap<CampaignId, String>,
    /// Webhook endpoints rules may call.
    pub endpoints: BTreeMap<EndpointId, String>,
    /// Today in the workspace's time zone (where a new schedule starts counting).
    pub today: chrono::NaiveDate,
}

/// The list of rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AutomationPage {
    /// Every rule, enabled ones first.
    pub rules: Vec<RuleSummary>,
    /// Whether the viewer may change rules (managers and admins).
    pub can_edit: bool,
    /// The newest runs across rules.
    pub recent: Vec<RunView>,
    /// Signals waiting for the worker (normally none for more than a moment).
    pub waiting: u32,
}

/// One rule with its editor context and run log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleDetail {
    /// The rule.
    pub rule: Rule,
    /// It in words.
    pub summary: RuleSummary,
    /// For the editor.
    pub context: RuleContext,
    /// Its newest runs.
    pub runs: Vec<RunView>,
    /// Whether the viewer may change it.
    pub can_edit: bool,
}

/// A condition's result in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckView {
    /// The condition and its result, in words.
    pub sentence: String,
    /// Whether it held.
    pub held: bool,
}

/// An action's outcome in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    /// The action in words.
    pub action: String,
    /// done, refused or failed.
    pub outcome: String,
    /// The engine's reasons for a refusal, or why it failed.
    pub reasons: Vec<String>,
}

/// What a run did, kept in the log.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RunDetail {
    /// The trigger in words.
    pub trigger: String,
    /// Why it did nothing, if it did nothing.
    pub skipped: Option<String>,
    /// Each condition with its result.
    pub conditions: Vec<CheckView>,
    /// Each action with its outcome.
    pub steps: Vec<StepView>,
}

/// One run in a log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunView {
    /// Its id.
    pub id: i64,
    /// The rule.
    pub rule: RuleId,
    /// The rule's name.
    pub rule_name: String,
    /// When.
    pub at: DateTime<Utc>,
    /// done, refused, failed or skipped.
    pub outcome: String,
    /// One line.
    pub summary: String,
    /// The item it was about, with its title.
    pub item: Option<(ItemId, String)>,
    /// How deep in a chain of automation.
    pub depth: u32,
    /// The details.
    pub detail: RunDetail,
}

/// What a rule would have done: the replay of stored events, or a test on one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewView {
    /// What was replayed, in words ("312 changes of the last 30 days").
    pub considered: String,
    /// Each time the rule would have acted (or been refused), newest first.
    pub runs: Vec<RunView>,
    /// How many times it would have been set off but its conditions did not hold.
    pub not_met: u32,
}

/// An item's recorded results, for its Results section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultView {
    /// The metric's name as typed ("open_rate").
    pub metric: String,
    /// Its value in words ("12.5 %").
    pub value: String,
    /// The number.
    pub number: f64,
    /// When it was measured.
    pub at: DateTime<Utc>,
    /// Who recorded it, or the hook's name.
    pub by: String,
}

/// An inbound hook as admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HookView {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// What it does, in words.
    pub does: String,
    /// Whether requests must be signed.
    pub signed: bool,
    /// When it was last called.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A hook just made: its address and signing secret are shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewHook {
    /// The hook.
    pub hook: HookView,
    /// The path to post to (`/hooks/<token>`).
    pub path: String,
    /// The Standard Webhooks secret (`whsec_…`), when signing was asked for.
    pub signing_secret: Option<String>,
}

/// An intake form: what it asks, for whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntakeForm {
    /// The workflow it starts.
    pub workflow: WorkflowId,
    /// The workflow's name.
    pub name: String,
    /// The sentence above the form.
    pub intro: String,
    /// The first stage's required fields, asked on the form.
    pub fields: Vec<FieldDef>,
    /// People, for person fields.
    pub people: Vec<PersonTag>,
    /// The public address (`/forms/<token>`), when anyone with the link may submit.
    pub public_path: Option<String>,
    /// Whether the viewer may change the form's settings.
    pub can_manage: bool,
}

/// What a submitter sees after sending a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeReceipt {
    /// The new item (for signed-in submitters, a link to it).
    pub item: Option<ItemId>,
    /// What happens next, in words.
    pub message: String,
}

/// What someone typed into an intake form: raw text per field, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntakeAnswers {
    /// The request's title.
    pub title: String,
    /// Field values as typed, by field key.
    pub fields: BTreeMap<String, String>,
    /// Public forms: who is asking.
    pub name: String,
    /// Public forms: how to reach them.
    pub email: String,
    /// Left empty by people; bots fill every field (a honeypot).
    pub website: String,
}

/// Each problem of a submission, by field (`title`, `field-<key>`, `name`, `email`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// The field at fault.
    pub field: String,
    /// What is wrong, in words.
    pub message: String,
}

/// What became of a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Submitted {
    /// The request is on the board.
    Created(IntakeReceipt),
    /// Nothing was saved; every problem is listed.
    Refused {
        /// The problems.
        problems: Vec<FieldProblem>,
    },
}

/// An item's results and what automation did to it, for its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemAutomation {
    /// Results recorded, newest first.
    pub results: Vec<ResultView>,
    /// Rule runs about the item (skipped ones aside), newest first.
    pub runs: Vec<RunView>,
}
