//! Ticking and unticking lines of the current stage's checklist.

use super::super::definition::WorkflowDefinition;
use super::super::events::EventKind;
use super::super::ids::ChecklistKey;
use super::super::item::Tick;
use super::super::refusal::{Reason, ReasonKind};
use super::{current, Checked, Draft};

fn known_line(def: &WorkflowDefinition, d: &Draft, line: &ChecklistKey) -> Checked {
    let stage = current(def, &d.item);
    if stage.checklist.iter().any(|l| &l.key == line) {
        Ok(())
    } else {
        let message = format!("{} has no checklist line \"{line}\"", stage.name);
        Err(vec![Reason::new(
            ReasonKind::UnknownChecklistItem { item: line.clone() },
            message,
        )])
    }
}

pub(super) fn tick(def: &WorkflowDefinition, d: &mut Draft, line: &ChecklistKey) -> Checked {
    known_line(def, d, line)?;
    let stage = d.item.stage.clone();
    if !d.item.is_ticked(&stage, line) {
        let tick = Tick {
            by: d.actor,
            at: d.now,
        };
        d.item
            .checklist
            .entry(stage.clone())
            .or_default()
            .insert(line.clone(), tick);
        d.log(EventKind::ChecklistTicked {
            stage,
            line: line.clone(),
        });
    }
    Ok(())
}

pub(super) fn untick(def: &WorkflowDefinition, d: &mut Draft, line: &ChecklistKey) -> Checked {
    known_line(def, d, line)?;
    let stage = d.item.stage.clone();
    let ticks = d.item.checklist.entry(stage.clone()).or_default();
    let removed = ticks.remove(line).is_some();
    if ticks.is_empty() {
        d.item.checklist.remove(&stage);
    }
    if removed {
        d.log(EventKind::ChecklistUnticked {
            stage,
            line: line.clone(),
        });
    }
    Ok(())
}
