//! The diff in words of one stage kept between two versions.

use super::super::definition::{Stage, WorkflowDefinition};
use super::super::ids::StageKey;
use super::super::people::{Party, People};
use super::diff::Change;
use super::place::{Place, StagePart};
use super::raci::RaciLetter;
use super::words::{self, join_and};

/// The changes of `before` (in `old`) to `after` (in `new`), each starting with the stage's
/// new name: "Review: SLA 48 h → 24 h".
pub(super) fn stage_changes(
    old: &WorkflowDefinition,
    new: &WorkflowDefinition,
    before: &Stage,
    after: &Stage,
    people: &People,
) -> Vec<Change> {
    let key = &after.key;
    let name = &after.name;
    let mut out = Vec::new();
    let mut say = |part, text: String| out.push(Change::new(Place::stage(key, part), text));
    if before.description != after.description {
        say(
            StagePart::Description,
            format!("{name}: description changed"),
        );
    }
    for letter in RaciLetter::ALL {
        let (was, now) = (letter.of(&before.raci), letter.of(&after.raci));
        let gained: Vec<Party> = now.iter().filter(|p| !was.contains(p)).cloned().collect();
        let lost: Vec<Party> = was.iter().filter(|p| !now.contains(p)).cloned().collect();
        if !gained.is_empty() {
            let who = join_and(&words::parties(&gained, people));
            say(
                StagePart::Raci,
                format!("{name}: {who} now {}", letter.word()),
            );
        }
        if !lost.is_empty() {
            let who = join_and(&words::parties(&lost, people));
            say(
                StagePart::Raci,
                format!("{name}: {who} no longer {}", letter.word()),
            );
        }
    }
    for field in after
        .required_fields
        .iter()
        .filter(|f| !before.required_fields.contains(f))
    {
        let label = new.field_label(field);
        say(
            StagePart::RequiredFields,
            format!("Field “{label}” now required in {name}"),
        );
    }
    for field in before
        .required_fields
        .iter()
        .filter(|f| !after.required_fields.contains(f))
    {
        let label = new
            .field(field)
            .map_or_else(|| old.field_label(field), |f| f.label.clone());
        say(
            StagePart::RequiredFields,
            format!("Field “{label}” no longer required in {name}"),
        );
    }
    for line in &after.checklist {
        let place = Place::ChecklistLine {
            stage: key.clone(),
            line: line.key.clone(),
        };
        let optional = if line.optional { " (optional)" } else { "" };
        match before.checklist.iter().find(|l| l.key == line.key) {
            None => out.push(Change::new(
                place,
                format!("{name}: new checklist line “{}”{optional}", line.label),
            )),
            Some(was) => {
                if was.label != line.label {
                    out.push(Change::new(
                        place.clone(),
                        format!(
                            "{name}: checklist line “{}” now reads “{}”",
                            was.label, line.label
                        ),
                    ));
                }
                if was.optional != line.optional {
                    let now = if line.optional {
                        "optional"
                    } else {
                        "required"
                    };
                    out.push(Change::new(
                        place,
                        format!("{name}: checklist line “{}” now {now}", line.label),
                    ));
                }
            }
        }
    }
    let mut say = |part, text: String| out.push(Change::new(Place::stage(key, part), text));
    for line in before
        .checklist
        .iter()
        .filter(|l| !after.checklist.iter().any(|n| n.key == l.key))
    {
        say(
            StagePart::Checklist,
            format!("{name}: checklist line “{}” removed", line.label),
        );
    }
    match (&before.sla, &after.sla) {
        (Some(a), Some(b)) if a != b => say(
            StagePart::Sla,
            format!("{name}: SLA {} → {}", words::sla(a), words::sla(b)),
        ),
        (None, Some(b)) => say(
            StagePart::Sla,
            format!("{name}: SLA set to {}", words::sla(b)),
        ),
        (Some(a), None) => say(
            StagePart::Sla,
            format!("{name}: SLA removed (was {})", words::sla(a)),
        ),
        _ => {}
    }
    match (&before.escalation, &after.escalation) {
        (Some(a), Some(b)) if a != b => say(
            StagePart::Escalation,
            format!(
                "{name}: escalates {} (was {})",
                words::escalation(b, people),
                words::escalation(a, people)
            ),
        ),
        (None, Some(b)) => say(
            StagePart::Escalation,
            format!("{name}: now escalates {}", words::escalation(b, people)),
        ),
        (Some(_), None) => say(
            StagePart::Escalation,
            format!("{name}: no longer escalates"),
        ),
        _ => {}
    }
    match (&before.approval, &after.approval) {
        (Some(a), Some(b)) => {
            if words::rule(a) != words::rule(b) {
                say(
                    StagePart::Approval,
                    format!("{name}: approval {} → {}", words::rule(a), words::rule(b)),
                );
            }
            let (was, now) = (
                words::approvers(a, old, people),
                words::approvers(b, new, people),
            );
            if was != now {
                say(
                    StagePart::Approval,
                    format!("{name}: approvers {} → {}", join_and(&was), join_and(&now)),
                );
            }
        }
        (None, Some(b)) => say(
            StagePart::Approval,
            format!(
                "{name}: now needs approval ({}: {})",
                words::rule(b),
                join_and(&words::approvers(b, new, people))
            ),
        ),
        (Some(_), None) => say(
            StagePart::Approval,
            format!("{name}: no longer needs approval"),
        ),
        (None, None) => {}
    }
    match (before.wip_limit, after.wip_limit) {
        (Some(a), Some(b)) if a != b => {
            say(StagePart::WipLimit, format!("{name}: WIP limit {a} → {b}"))
        }
        (None, Some(b)) => say(StagePart::WipLimit, format!("{name}: WIP limit set to {b}")),
        (Some(a), None) => say(
            StagePart::WipLimit,
            format!("{name}: WIP limit removed (was {a})"),
        ),
        _ => {}
    }
    let flags: [(bool, bool, StagePart, &str); 4] = [
        (
            before.requires_schedule,
            after.requires_schedule,
            StagePart::RequiresSchedule,
            "needs a publish date",
        ),
        (
            before.records_sends,
            after.records_sends,
            StagePart::RecordsSends,
            "keeps a send log",
        ),
        (
            before.brand_check,
            after.brand_check,
            StagePart::BrandCheck,
            "requires the brand check to pass",
        ),
        (
            before.gate_linked_items,
            after.gate_linked_items,
            StagePart::LinkedItems,
            "waits for the campaign's linked items",
        ),
    ];
    for (was, now, part, what) in flags {
        if was != now {
            let when = if now { "now" } else { "no longer" };
            say(part, format!("{name}: {when} {what}"));
        }
    }
    let target = |def: &WorkflowDefinition, t: &Option<StageKey>, default: &str| {
        t.as_ref()
            .map_or_else(|| default.to_owned(), |k| words::stage_name(def, k))
    };
    let (was, now) = (&before.transitions, &after.transitions);
    if was.next != now.next {
        say(
            StagePart::Next,
            format!(
                "{name}: when done, goes to {} (was {})",
                target(new, &now.next, "the next stage"),
                target(old, &was.next, "the next stage")
            ),
        );
    }
    if was.on_changes_requested != now.on_changes_requested {
        let start = format!("the start of {name}");
        say(
            StagePart::OnChangesRequested,
            format!(
                "{name}: changes requested go to {} (was {})",
                target(new, &now.on_changes_requested, &start),
                target(old, &was.on_changes_requested, &start)
            ),
        );
    }
    out
}
