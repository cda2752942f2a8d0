//! What the metrics need to know about a workflow: its stages in board order, where work
//! starts, and each stage's WIP limit and SLA.

use super::super::definition::{Sla, WorkflowDefinition, WorkflowKind};
use super::super::ids::{StageKey, WorkflowId};
use super::words::Noun;
use serde::{Deserialize, Serialize};

/// One stage as the metrics see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStage {
    /// The stage's key.
    pub key: StageKey,
    /// Its name on the board.
    pub name: String,
    /// Most items allowed in it at once.
    pub wip_limit: Option<u32>,
    /// Time allowed in it.
    pub sla: Option<Sla>,
}

/// A workflow's stages and its start stage (a per-workflow setting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowSettings {
    /// The workflow.
    pub workflow: WorkflowId,
    /// Its name.
    pub name: String,
    /// What kind of work it organises (gives the noun of summaries).
    pub kind: WorkflowKind,
    /// Stages in board order; the last one means finished.
    pub stages: Vec<FlowStage>,
    /// Position of the stage where work starts (cycle time is counted from entering it).
    pub start: usize,
}

impl FlowSettings {
    /// The settings of a definition, starting at the second stage — or at the first when
    /// there are only two, so that starting and finishing are not the same move.
    pub fn from_definition(def: &WorkflowDefinition) -> Self {
        let stages: Vec<FlowStage> = def
            .stages
            .iter()
            .map(|s| FlowStage {
                key: s.key.clone(),
                name: s.name.clone(),
                wip_limit: s.wip_limit,
                sla: s.sla,
            })
            .collect();
        let start = usize::from(stages.len() >= 3);
        Self {
            workflow: def.id.clone(),
            name: def.name.clone(),
            kind: def.kind,
            stages,
            start,
        }
    }

    /// The same settings with work starting at `stage`; unchanged when the workflow has no
    /// such stage (a stored setting may name a stage that was since removed).
    pub fn starting_at(mut self, stage: &StageKey) -> Self {
        if let Some(position) = self.position(stage) {
            self.start = position;
        }
        self
    }

    /// Board position of a stage; `None` for a stage the workflow no longer has.
    pub fn position(&self, stage: &StageKey) -> Option<usize> {
        self.stages.iter().position(|s| &s.key == stage)
    }

    /// Position of the last (finished) stage.
    pub fn last(&self) -> Option<usize> {
        self.stages.len().checked_sub(1)
    }

    /// Whether `stage` is the last stage.
    pub fn is_last(&self, stage: &StageKey) -> bool {
        self.stages.last().is_some_and(|s| &s.key == stage)
    }

    /// Whether entering `stage` starts the work.
    pub fn starts_work(&self, stage: &StageKey) -> bool {
        self.position(stage)
            .is_some_and(|p| p >= self.start.min(self.stages.len().saturating_sub(1)))
    }

    /// What its items are called in summaries.
    pub fn noun(&self) -> Noun {
        Noun::for_kind(self.kind)
    }

    /// The stage's name, or its key for a stage the workflow no longer has.
    pub fn stage_name(&self, stage: &StageKey) -> String {
        self.stages
            .iter()
            .find(|s| &s.key == stage)
            .map_or_else(|| stage.to_string(), |s| s.name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::templates::builtin_template;
    use super::*;

    #[test]
    fn work_starts_at_the_second_stage_unless_there_are_only_two() {
        let content =
            FlowSettings::from_definition(&builtin_template(WorkflowKind::Content).unwrap());
        assert_eq!(content.stages[content.start].name, "Draft");
        assert!(!content.starts_work(&"brief".into()));
        assert!(content.starts_work(&"review".into()));
        assert!(content.is_last(&"scheduled".into()));
        let nurture =
            FlowSettings::from_definition(&builtin_template(WorkflowKind::Nurture).unwrap());
        assert_eq!(nurture.stages.len(), 2);
        assert_eq!(nurture.start, 0);
    }

    #[test]
    fn a_start_stage_the_workflow_lacks_keeps_the_default() {
        let content =
            FlowSettings::from_definition(&builtin_template(WorkflowKind::Content).unwrap());
        assert_eq!(content.clone().starting_at(&"review".into()).start, 2);
        assert_eq!(content.clone().starting_at(&"gone".into()).start, 1);
        assert_eq!(content.stage_name(&"gone".into()), "gone");
    }
}
