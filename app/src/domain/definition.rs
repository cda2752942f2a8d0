//! Workflow definitions: ordered stages with their gates, owners and transitions.

use super::approval::ApprovalPolicy;
use super::fields::FieldDef;
use super::ids::{slugify, ChecklistKey, FieldKey, StageKey, WorkflowId};
use super::people::Party;
use serde::{Deserialize, Serialize};

/// What kind of marketing work a workflow organises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowKind {
    /// Blog posts, articles, guides.
    Content,
    /// Paid media campaigns.
    Paid,
    /// Email campaigns.
    Email,
    /// Social posts.
    Social,
    /// Campaign reporting.
    Reporting,
    /// Search engine optimisation.
    Seo,
    /// Lead nurturing.
    Nurture,
    /// A campaign spanning several channels.
    IntegratedCampaign,
    /// A team's own workflow.
    Custom,
}

/// Who is responsible, accountable, consulted and informed for a stage.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Raci {
    /// Does the work.
    pub responsible: Vec<Party>,
    /// Owns the outcome; default escalation target.
    pub accountable: Vec<Party>,
    /// Gives input.
    pub consulted: Vec<Party>,
    /// Kept up to date.
    pub informed: Vec<Party>,
}

/// One line of a stage checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// Stable key.
    pub key: ChecklistKey,
    /// What to check, e.g. "UTM parameters correct".
    pub label: String,
    /// Optional lines do not block leaving the stage.
    pub optional: bool,
}

/// How long a stage should take, counted from when an item enters it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sla {
    /// Allowed hours.
    pub hours: u32,
    /// Count only working hours (see `WorkingHours`) instead of calendar hours.
    pub business_hours: bool,
}

/// Who is alerted when an item sits too long in a stage.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EscalationRule {
    /// Escalate to these parties; empty means the stage's accountable parties.
    pub to: Vec<Party>,
    /// Escalate after this many hours in the stage; `None` means at the SLA.
    pub after_hours: Option<u32>,
}

/// Where an item goes from a stage.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Transitions {
    /// The forward ("approved") stage; `None` means the following stage in order.
    pub next: Option<StageKey>,
    /// Where "changes requested" sends the item; `None` means back to the start of this stage.
    /// Once the revision limit is used up the item goes back to the first (brief) stage instead.
    pub on_changes_requested: Option<StageKey>,
}

/// A step of a workflow and the gate that must be passed to leave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// Stable key (slug).
    pub key: StageKey,
    /// Name shown on the board.
    pub name: String,
    /// The work done in this stage.
    pub description: String,
    /// Who does what.
    pub raci: Raci,
    /// Workflow fields that must be filled (and valid) to leave this stage.
    pub required_fields: Vec<FieldKey>,
    /// An item may only enter this stage once its publish/send/launch date is set.
    pub requires_schedule: bool,
    /// Lines that must be ticked to leave (unless optional).
    pub checklist: Vec<ChecklistItem>,
    /// Time allowed in the stage.
    pub sla: Option<Sla>,
    /// Who is alerted when the item sits too long.
    pub escalation: Option<EscalationRule>,
    /// Sign-off needed to leave.
    pub approval: Option<ApprovalPolicy>,
    /// Most items allowed in this stage at once.
    pub wip_limit: Option<u32>,
    /// Where the item goes next.
    pub transitions: Transitions,
    /// Leaving requires every other item linked to the same campaign to be done.
    pub gate_linked_items: bool,
    /// Sends may be recorded in the send log while an item is in this stage.
    pub records_sends: bool,
    /// Leaving requires the brand check to pass on the item's copy fields.
    #[serde(default)]
    pub brand_check: bool,
}

impl Stage {
    /// A stage with no gates, owners or limits.
    pub fn new(key: &str, name: &str, description: &str) -> Self {
        Self {
            key: StageKey::new(key),
            name: name.to_owned(),
            description: description.to_owned(),
            raci: Raci::default(),
            required_fields: Vec::new(),
            requires_schedule: false,
            checklist: Vec::new(),
            sla: None,
            escalation: None,
            approval: None,
            wip_limit: None,
            transitions: Transitions::default(),
            gate_linked_items: false,
            records_sends: false,
            brand_check: false,
        }
    }
}

/// What a workflow's finished work leaves behind: the brief's fourth component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// A published post, page or article: its address.
    PublishedUrl,
    /// A live campaign or ad set: where it runs.
    LiveCampaign,
    /// A sent email: its segment and how many it reached.
    SentEmail,
    /// A completed report: where it is.
    Report,
    /// Leads handed to sales: how many.
    LeadsHandedOff,
}

impl OutcomeKind {
    /// Every kind, in the order pickers list them.
    pub const ALL: [OutcomeKind; 5] = [
        OutcomeKind::PublishedUrl,
        OutcomeKind::LiveCampaign,
        OutcomeKind::SentEmail,
        OutcomeKind::Report,
        OutcomeKind::LeadsHandedOff,
    ];

    /// "A published URL".
    pub fn label(self) -> &'static str {
        match self {
            OutcomeKind::PublishedUrl => "A published URL",
            OutcomeKind::LiveCampaign => "A live campaign",
            OutcomeKind::SentEmail => "A sent email",
            OutcomeKind::Report => "A completed report",
            OutcomeKind::LeadsHandedOff => "Leads handed to sales",
        }
    }

    /// Whether the outcome is an address (the post, the campaign, the report).
    pub fn needs_url(self) -> bool {
        matches!(
            self,
            OutcomeKind::PublishedUrl | OutcomeKind::LiveCampaign | OutcomeKind::Report
        )
    }

    /// Whether the outcome is a count (recipients reached, leads handed over).
    pub fn needs_count(self) -> bool {
        matches!(self, OutcomeKind::SentEmail | OutcomeKind::LeadsHandedOff)
    }
}

/// What a workflow asks for when an item reaches its last stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeSpec {
    /// What the outcome is.
    pub kind: OutcomeKind,
    /// Whether the last stage can't be reached without it.
    pub required: bool,
}

/// A workflow: ordered stages plus the fields its items carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowDefinition {
    /// Slug id; items record it together with `version`.
    pub id: WorkflowId,
    /// Name shown to people.
    pub name: String,
    /// What kind of work it organises.
    pub kind: WorkflowKind,
    /// Incremented by the caller whenever a saved definition changes.
    pub version: u32,
    /// The built-in workflow this one was copied from.
    pub based_on: Option<WorkflowId>,
    /// How many "changes requested" rounds an item gets before it goes back to the brief.
    pub revision_limit: u32,
    /// Fields available on every item of this workflow.
    pub fields: Vec<FieldDef>,
    /// Stages in board order; the first is the brief/intake stage.
    pub stages: Vec<Stage>,
    /// What finished work leaves behind, asked for at the last stage.
    #[serde(default)]
    pub outcome: Option<OutcomeSpec>,
}

/// The revision limit used unless a definition says otherwise.
pub const DEFAULT_REVISION_LIMIT: u32 = 1;

impl WorkflowDefinition {
    /// Looks up a stage by key.
    pub fn stage(&self, key: &StageKey) -> Option<&Stage> {
        self.stages.iter().find(|s| &s.key == key)
    }

    /// Board position of a stage.
    pub fn stage_index(&self, key: &StageKey) -> Option<usize> {
        self.stages.iter().position(|s| &s.key == key)
    }

    /// The first (brief) stage.
    pub fn first_stage(&self) -> Option<&Stage> {
        self.stages.first()
    }

    /// The stage an item moves to when it passes the gate of `key`; `None` for the last stage.
    pub fn next_stage(&self, key: &StageKey) -> Option<&Stage> {
        let stage = self.stage(key)?;
        match &stage.transitions.next {
            Some(next) => self.stage(next),
            None => self.stages.get(self.stage_index(key)? + 1),
        }
    }

    /// Looks up a field definition by key.
    pub fn field(&self, key: &FieldKey) -> Option<&FieldDef> {
        self.fields.iter().find(|f| &f.key == key)
    }

    /// The field's label, or its key when it is not defined.
    pub fn field_label(&self, key: &FieldKey) -> String {
        self.field(key)
            .map_or_else(|| key.to_string(), |f| f.label.clone())
    }

    /// A team's own copy of this workflow under a new name, ready to be changed and validated.
    pub fn copy_as(&self, name: &str) -> WorkflowDefinition {
        WorkflowDefinition {
            outcome: self.outcome,
            id: WorkflowId::new(slugify(name)),
            name: name.trim().to_owned(),
            kind: WorkflowKind::Custom,
            version: 1,
            based_on: Some(self.id.clone()),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three_stages() -> WorkflowDefinition {
        let mut review = Stage::new("review", "Review", "");
        review.transitions.next = Some("publish".into());
        WorkflowDefinition {
            outcome: None,
            id: "flow".into(),
            name: "Flow".into(),
            kind: WorkflowKind::Content,
            version: 3,
            based_on: None,
            revision_limit: DEFAULT_REVISION_LIMIT,
            fields: vec![],
            stages: vec![
                Stage::new("draft", "Draft", ""),
                review,
                Stage::new("fix", "Fix", ""),
                Stage::new("publish", "Publish", ""),
            ],
        }
    }

    #[test]
    fn next_stage_follows_order_unless_a_transition_says_otherwise() {
        let def = three_stages();
        assert_eq!(def.next_stage(&"draft".into()).unwrap().name, "Review");
        assert_eq!(def.next_stage(&"review".into()).unwrap().name, "Publish");
        assert!(def.next_stage(&"publish".into()).is_none());
    }

    #[test]
    fn copy_as_gives_a_custom_version_one_copy() {
        let copy = three_stages().copy_as("Our blog flow");
        assert_eq!(copy.id.as_str(), "our-blog-flow");
        assert_eq!(copy.kind, WorkflowKind::Custom);
        assert_eq!(copy.version, 1);
        assert_eq!(copy.based_on, Some("flow".into()));
        assert_eq!(copy.stages, three_stages().stages);
    }
}
