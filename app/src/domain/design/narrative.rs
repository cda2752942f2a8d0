//! "How this workflow runs": each stage in plain English, for the printable page.

use super::super::approval::{ApprovalPolicy, ApprovalRule};
use super::super::definition::{Stage, WorkflowDefinition};
use super::super::people::People;
use super::words::{self, count, join_and, sentence};
use serde::{Deserialize, Serialize};

/// One stage, told: who does what, what they need, what done means, what comes next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageStory {
    /// The stage's name.
    pub name: String,
    /// What the stage is for (its description).
    pub purpose: String,
    /// Who does the work, who owns it, who is consulted and informed.
    pub who: String,
    /// Who signs off, if anyone.
    pub sign_off: String,
    /// What the work needs: fields, checklist lines, dates, checks, limits.
    pub needs: Vec<String>,
    /// What "done" means here.
    pub done: String,
    /// What happens next, and what triggers it.
    pub next: String,
    /// How long it should take and who hears when it takes longer, if set.
    pub timing: Option<String>,
}

/// The whole workflow, stage by stage.
pub fn how_it_runs(def: &WorkflowDefinition, people: &People) -> Vec<StageStory> {
    def.stages
        .iter()
        .enumerate()
        .map(|(i, stage)| story(def, i, stage, people))
        .collect()
}

fn story(def: &WorkflowDefinition, index: usize, stage: &Stage, people: &People) -> StageStory {
    let names = |list| join_and(&words::parties(list, people));
    let raci = &stage.raci;
    let mut who = match raci.responsible.len() {
        0 => "Nobody is named to do the work yet.".to_owned(),
        1 => format!("{} does the work.", names(&raci.responsible)),
        _ => format!("{} do the work.", names(&raci.responsible)),
    };
    let told = [
        (&raci.accountable, "owns the outcome", "own the outcome"),
        (&raci.consulted, "gives input", "give input"),
        (&raci.informed, "is kept informed", "are kept informed"),
    ];
    for (list, one, many) in told.into_iter().filter(|(list, ..)| !list.is_empty()) {
        let verb = if list.len() == 1 { one } else { many };
        who.push_str(&format!(" {} {verb}.", names(list)));
    }
    let sign_off = match &stage.approval {
        Some(policy) => sign_off(policy, def, people),
        None => "Nobody signs off: the stage is done when its work is.".to_owned(),
    };
    let mut needs = Vec::new();
    let labels: Vec<String> = stage
        .required_fields
        .iter()
        .map(|k| def.field_label(k))
        .collect();
    if !labels.is_empty() {
        needs.push(format!("Filled in: {}.", join_and(&labels)));
    }
    let lines: Vec<String> = stage
        .checklist
        .iter()
        .map(|l| {
            let optional = if l.optional { " (optional)" } else { "" };
            format!("{}{optional}", l.label)
        })
        .collect();
    if !lines.is_empty() {
        needs.push(format!("Checklist: {}.", lines.join("; ")));
    }
    if stage.requires_schedule {
        needs.push("A publish date, before an item may enter.".to_owned());
    }
    if stage.brand_check {
        needs.push("Copy that passes the brand check.".to_owned());
    }
    if stage.gate_linked_items {
        needs.push("Every other item of the campaign done.".to_owned());
    }
    if let Some(limit) = stage.wip_limit {
        needs.push(format!(
            "Room: at most {} here at once.",
            count(limit, "item", "items")
        ));
    }
    if stage.records_sends {
        needs.push("Each send recorded in the send log.".to_owned());
    }
    let last = index + 1 == def.stages.len();
    let mut parts = Vec::new();
    if !labels.is_empty() {
        parts.push("the fields are filled in".to_owned());
    }
    if stage.checklist.iter().any(|l| !l.optional) {
        parts.push("the checklist is ticked".to_owned());
    }
    if stage.brand_check {
        parts.push("the brand check passes".to_owned());
    }
    if stage.gate_linked_items {
        parts.push("the campaign's other items are done".to_owned());
    }
    if stage.approval.is_some() {
        parts.push("the sign-off is complete".to_owned());
    }
    let done = match (parts.is_empty(), last) {
        (true, true) => "This is the last stage: an item here is finished.".to_owned(),
        (true, false) => "Done when the team says so: nothing is checked.".to_owned(),
        (false, _) => format!("Done when {}.", join_and(&parts)),
    };
    StageStory {
        name: stage.name.clone(),
        purpose: stage.description.clone(),
        who: sentence(&who),
        sign_off: sentence(&sign_off),
        needs,
        done,
        next: next_step(def, stage),
        timing: timing(stage, people),
    }
}

fn sign_off(policy: &ApprovalPolicy, def: &WorkflowDefinition, people: &People) -> String {
    let approvers = words::approvers(policy, def, people);
    let list = join_and(&approvers);
    match (policy.rule, approvers.len()) {
        (_, 0) => "Sign-off is needed, but no approver is named yet.".to_owned(),
        (ApprovalRule::Single, 1) | (ApprovalRule::All, 1) | (ApprovalRule::Sequential, 1) => {
            format!("{list} signs off.")
        }
        (ApprovalRule::Single, _) => format!("Any one of {list} signs off."),
        (ApprovalRule::All, _) => format!("{list} all sign off, in any order."),
        (ApprovalRule::AtLeast { count }, m) => format!("{count} of {m} sign off: {list}."),
        (ApprovalRule::Sequential, _) => {
            format!("{} sign off, in that order.", approvers.join(", then "))
        }
    }
}

fn next_step(def: &WorkflowDefinition, stage: &Stage) -> String {
    let Some(next) = def.next_stage(&stage.key) else {
        return "Nothing comes after: this is where the work ends.".to_owned();
    };
    let mut text = if stage.approval.is_some() {
        format!(
            "When the sign-off is complete it moves on to {} by itself.",
            next.name
        )
    } else {
        format!("When it is done, someone moves it on to {}.", next.name)
    };
    if stage.approval.is_some() {
        let target = stage
            .transitions
            .on_changes_requested
            .as_ref()
            .and_then(|k| def.stage(k))
            .map_or_else(
                || format!("back to the start of {}", stage.name),
                |s| s.name.clone(),
            );
        let first = def.stages.first().map_or("", |s| s.name.as_str());
        let rounds = count(def.revision_limit, "round", "rounds");
        text.push_str(&if def.revision_limit == 0 {
            format!(" If changes are requested it goes back to {first}.")
        } else {
            format!(
                " If changes are requested it goes to {target}; after {rounds} of changes it goes back to {first}."
            )
        });
    }
    text
}

fn timing(stage: &Stage, people: &People) -> Option<String> {
    let sla = stage
        .sla
        .as_ref()
        .map(|s| format!("It should take {}.", words::sla(s)));
    let escalation = stage
        .escalation
        .as_ref()
        .map(|e| format!("It escalates {}.", words::escalation(e, people)));
    match (sla, escalation) {
        (None, None) => None,
        (a, b) => Some(a.into_iter().chain(b).collect::<Vec<_>>().join(" ")),
    }
}
