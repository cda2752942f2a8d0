//! The designer's log of edits: what a manager changed since the page loaded, kept so the
//! draft can be applied again on top of a version someone else saved meanwhile.

use super::super::definition::WorkflowDefinition;
use super::apply::apply_edit;
use super::edits::{DesignEdit, EditError};
use serde_json::Value;

/// The setting an edit sets, when setting it again replaces it (typing into a name sets it
/// once per keystroke): its kind and the stage, field, line or party it names.
fn setting(edit: &DesignEdit) -> Option<Value> {
    use DesignEdit::*;
    let mut value = serde_json::to_value(edit).ok()?;
    let fields = value.as_object_mut()?;
    let keep: &[&str] = match edit {
        SetName { .. } | SetKind { .. } | SetRevisionLimit { .. } | SetOutcome { .. } => &[],
        RenameStage { .. }
        | SetDescription { .. }
        | SetRaci { .. }
        | SetSla { .. }
        | SetEscalation { .. }
        | SetApproval { .. }
        | SetWipLimit { .. }
        | SetRequiresSchedule { .. }
        | SetRecordsSends { .. }
        | SetBrandCheck { .. }
        | SetGateLinkedItems { .. }
        | SetNext { .. }
        | SetOnChangesRequested { .. } => &["stage"],
        SetRequired { .. } => &["stage", "field"],
        SetRaciLetter { .. } => &["stage", "party", "letter"],
        EditChecklistLine { .. } => &["stage", "line"],
        SetFieldLabel { .. } | SetFieldHelp { .. } | SetFieldType { .. } => &["field"],
        _ => return None,
    };
    fields.retain(|k, _| k == "edit" || keep.contains(&k.as_str()));
    Some(value)
}

/// Adds `edit` to the log; when it sets the same setting as the edit before it, it
/// replaces that one, so a name typed letter by letter is one edit.
pub fn record(log: &mut Vec<DesignEdit>, edit: DesignEdit) {
    let same = setting(&edit).is_some()
        && log
            .last()
            .is_some_and(|last| setting(last) == setting(&edit));
    if same {
        log.pop();
    }
    log.push(edit);
}

/// Applies the log to `def` (another version than it was made on): every edit that still
/// fits is applied; the ones naming a stage, field or line that is gone come back with why.
pub fn reapply(def: &mut WorkflowDefinition, log: &[DesignEdit]) -> Vec<(DesignEdit, EditError)> {
    log.iter()
        .filter_map(|edit| {
            apply_edit(def, edit)
                .err()
                .map(|error| (edit.clone(), error))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::super::definition::Stage;
    use super::super::blank_workflow;
    use super::*;

    #[test]
    fn typing_a_name_is_one_edit_and_other_settings_are_kept() {
        let mut log = Vec::new();
        for name in ["R", "Re", "Rev"] {
            record(
                &mut log,
                DesignEdit::RenameStage {
                    stage: "review".into(),
                    name: name.into(),
                },
            );
        }
        record(
            &mut log,
            DesignEdit::RenameStage {
                stage: "brief".into(),
                name: "B".into(),
            },
        );
        for _ in 0..2 {
            record(
                &mut log,
                DesignEdit::AddStage {
                    name: "QA".into(),
                    after: None,
                },
            );
        }
        assert_eq!(log.len(), 4, "{log:?}");
        assert_eq!(
            log[0],
            DesignEdit::RenameStage {
                stage: "review".into(),
                name: "Rev".into()
            }
        );
    }

    #[test]
    fn a_draft_is_applied_again_on_someone_elses_version() {
        let mut theirs = blank_workflow("Launch");
        theirs.stages = vec![
            Stage::new("brief", "Brief", ""),
            Stage::new("review", "Peer review", ""),
        ];
        let log = vec![
            DesignEdit::SetName {
                name: "Launches".into(),
            },
            DesignEdit::RenameStage {
                stage: "gone".into(),
                name: "Legal".into(),
            },
            DesignEdit::AddStage {
                name: "Publish".into(),
                after: None,
            },
        ];
        let failed = reapply(&mut theirs, &log);
        assert_eq!(theirs.name, "Launches");
        assert_eq!(theirs.stages.len(), 3);
        assert_eq!(theirs.stages[1].name, "Peer review");
        assert_eq!(failed.len(), 1);
        assert_eq!(
            failed[0].1.to_string(),
            "There is no stage \"gone\" in this workflow"
        );
    }
}
