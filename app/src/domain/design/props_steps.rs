//! The random designer steps the property test draws: indices that pick among what exists.

use proptest::prelude::*;

pub(super) const NAMES: [&str; 6] = [
    "Review",
    "Legal review",
    "",
    "  ",
    "Draft",
    "SEO & technical",
];

#[derive(Debug, Clone)]
pub(super) enum Step {
    SetName(usize),
    RevisionLimit(u32),
    AddStage {
        name: usize,
        after: Option<usize>,
    },
    Rename {
        stage: usize,
        name: usize,
    },
    Move {
        stage: usize,
        to: usize,
    },
    Up(usize),
    Down(usize),
    Remove(usize),
    Describe(usize),
    Raci {
        stage: usize,
        party: usize,
        letter: usize,
        on: bool,
    },
    Require {
        stage: usize,
        field: usize,
        on: bool,
    },
    AddLine {
        stage: usize,
        name: usize,
        optional: bool,
    },
    EditLine {
        stage: usize,
        line: usize,
        name: usize,
        optional: bool,
    },
    MoveLine {
        stage: usize,
        line: usize,
        to: usize,
    },
    RemoveLine {
        stage: usize,
        line: usize,
    },
    Sla {
        stage: usize,
        hours: Option<u32>,
        business: bool,
    },
    Escalate {
        stage: usize,
        rule: Option<(bool, Option<u32>)>,
    },
    Approval {
        stage: usize,
        policy: Option<(usize, u32, Vec<usize>)>,
    },
    Wip {
        stage: usize,
        limit: Option<u32>,
    },
    Flag {
        stage: usize,
        which: usize,
        on: bool,
    },
    Next {
        stage: usize,
        to: Option<usize>,
    },
    Changes {
        stage: usize,
        to: Option<usize>,
    },
    AddField {
        name: usize,
        kind: usize,
    },
    FieldLabel {
        field: usize,
        name: usize,
    },
    FieldKind {
        field: usize,
        kind: usize,
    },
    MoveField {
        field: usize,
        to: usize,
    },
    RemoveField(usize),
}

pub(super) fn step() -> impl Strategy<Value = Step> {
    let i = || 0usize..12;
    prop_oneof![
        1 => i().prop_map(Step::SetName),
        1 => (0u32..3).prop_map(Step::RevisionLimit),
        4 => (i(), prop::option::of(i())).prop_map(|(name, after)| Step::AddStage { name, after }),
        2 => (i(), i()).prop_map(|(stage, name)| Step::Rename { stage, name }),
        2 => (i(), i()).prop_map(|(stage, to)| Step::Move { stage, to }),
        1 => i().prop_map(Step::Up),
        1 => i().prop_map(Step::Down),
        2 => i().prop_map(Step::Remove),
        1 => i().prop_map(Step::Describe),
        2 => (i(), i(), 0usize..4, any::<bool>())
            .prop_map(|(stage, party, letter, on)| Step::Raci { stage, party, letter, on }),
        3 => (i(), i(), any::<bool>()).prop_map(|(stage, field, on)| Step::Require { stage, field, on }),
        3 => (i(), i(), any::<bool>())
            .prop_map(|(stage, name, optional)| Step::AddLine { stage, name, optional }),
        1 => (i(), i(), i(), any::<bool>())
            .prop_map(|(stage, line, name, optional)| Step::EditLine { stage, line, name, optional }),
        1 => (i(), i(), i()).prop_map(|(stage, line, to)| Step::MoveLine { stage, line, to }),
        1 => (i(), i()).prop_map(|(stage, line)| Step::RemoveLine { stage, line }),
        2 => (i(), prop::option::of(0u32..60), any::<bool>())
            .prop_map(|(stage, hours, business)| Step::Sla { stage, hours, business }),
        2 => (i(), prop::option::of((any::<bool>(), prop::option::of(0u32..30))))
            .prop_map(|(stage, rule)| Step::Escalate { stage, rule }),
        3 => (i(), prop::option::of((0usize..4, 0u32..4, prop::collection::vec(0usize..8, 0..4))))
            .prop_map(|(stage, policy)| Step::Approval { stage, policy }),
        1 => (i(), prop::option::of(0u32..4)).prop_map(|(stage, limit)| Step::Wip { stage, limit }),
        2 => (i(), 0usize..4, any::<bool>()).prop_map(|(stage, which, on)| Step::Flag { stage, which, on }),
        2 => (i(), prop::option::of(i())).prop_map(|(stage, to)| Step::Next { stage, to }),
        2 => (i(), prop::option::of(i())).prop_map(|(stage, to)| Step::Changes { stage, to }),
        3 => (i(), 0usize..13).prop_map(|(name, kind)| Step::AddField { name, kind }),
        1 => (i(), i()).prop_map(|(field, name)| Step::FieldLabel { field, name }),
        2 => (i(), 0usize..13).prop_map(|(field, kind)| Step::FieldKind { field, kind }),
        1 => (i(), i()).prop_map(|(field, to)| Step::MoveField { field, to }),
        1 => i().prop_map(Step::RemoveField),
    ]
}
