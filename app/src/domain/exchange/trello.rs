//! A Trello board, as Trello's "Export as JSON" writes it, brought in as a Baton workflow:
//! each list the person keeps becomes a stage (or joins another list's), labels become the
//! channel or tags, members become the owner and assignees, checklists become the stage's
//! checklist with the done lines ticked, and comments stay with their authors and dates.
//!
//! Reading, suggesting a mapping and planning the import are plain functions, so the
//! preview and the import can never disagree.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::super::design::{blank_workflow, MAX_LINES, MAX_STAGES};
use super::super::ids::slugify;
use super::super::limits::{self, shortened};
use super::super::{
    Channel, ChecklistItem, ChecklistKey, FieldDef, FieldKey, FieldType, FieldValue, NewItem,
    People, PersonId, Stage, StageKey, WorkflowDefinition,
};
use super::imported::{check_size, ImportedComment, ImportedItem, MAX_COMMENTS, MAX_ITEMS};

/// The board as the export has it; everything Baton does not use is ignored.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Board {
    /// The board's name.
    #[serde(default)]
    pub name: String,
    /// Its lists, archived ones included.
    pub lists: Vec<List>,
    /// Its cards, archived ones included.
    pub cards: Vec<Card>,
    /// Its labels.
    #[serde(default)]
    pub labels: Vec<Label>,
    /// The cards' checklists.
    #[serde(default)]
    pub checklists: Vec<Checklist>,
    /// The board's members.
    #[serde(default)]
    pub members: Vec<Member>,
    /// What happened on the board; Baton keeps the comments.
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// A list (a column).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct List {
    /// Trello's id.
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Archived on Trello.
    #[serde(default)]
    pub closed: bool,
    /// Its place on the board (lower is further left).
    #[serde(default)]
    pub pos: f64,
}

/// A label.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Label {
    /// Trello's id.
    pub id: String,
    /// Its name; Trello allows a label that is only a colour.
    #[serde(default)]
    pub name: String,
    /// Its colour ("green"), if any.
    #[serde(default)]
    pub color: Option<String>,
}

impl Label {
    /// What people call it: its name, or its colour when it has none.
    pub fn title(&self) -> String {
        let name = self.name.trim();
        if !name.is_empty() {
            return name.to_owned();
        }
        match self.color.as_deref().map(str::trim) {
            Some(color) if !color.is_empty() => color.to_owned(),
            _ => "Unnamed label".to_owned(),
        }
    }
}

/// A card.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    /// Trello's id.
    pub id: String,
    /// Its title.
    #[serde(default)]
    pub name: String,
    /// Its description (Markdown).
    #[serde(default)]
    pub desc: String,
    /// Archived on Trello.
    #[serde(default)]
    pub closed: bool,
    /// The list it is in.
    pub id_list: String,
    /// Its labels.
    #[serde(default)]
    pub id_labels: Vec<String>,
    /// Its members, in the order Trello lists them.
    #[serde(default)]
    pub id_members: Vec<String>,
    /// When it is due.
    #[serde(default)]
    pub due: Option<DateTime<Utc>>,
    /// Its place in the list.
    #[serde(default)]
    pub pos: f64,
}

/// A checklist on a card.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Checklist {
    /// Trello's id.
    pub id: String,
    /// Its name ("Checklist", "QA").
    #[serde(default)]
    pub name: String,
    /// The card it is on.
    pub id_card: String,
    /// Its place on the card.
    #[serde(default)]
    pub pos: f64,
    /// Its lines.
    #[serde(default)]
    pub check_items: Vec<CheckItem>,
}

/// A line of a checklist.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CheckItem {
    /// What to do.
    #[serde(default)]
    pub name: String,
    /// `complete` or `incomplete`.
    #[serde(default)]
    pub state: String,
    /// Its place in the checklist.
    #[serde(default)]
    pub pos: f64,
}

/// A member of the board. Trello's export usually has no email; some do.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    /// Trello's id.
    pub id: String,
    /// Their full name.
    #[serde(default)]
    pub full_name: String,
    /// Their Trello username.
    #[serde(default)]
    pub username: String,
    /// Their email, when the export has it.
    #[serde(default)]
    pub email: Option<String>,
}

impl Member {
    /// What people call them: the full name, or the username.
    pub fn title(&self) -> String {
        if self.full_name.trim().is_empty() {
            self.username.trim().to_owned()
        } else {
            self.full_name.trim().to_owned()
        }
    }
}

/// Something that happened on the board; only comments (`commentCard`) are read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// What kind of action.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// When.
    pub date: Option<DateTime<Utc>>,
    /// Who.
    #[serde(default)]
    pub id_member_creator: Option<String>,
    /// Who, as the export names them (for people who have left the board).
    #[serde(default)]
    pub member_creator: Option<ActionMember>,
    /// What.
    #[serde(default)]
    pub data: ActionData,
}

/// The author of an action, as the action names them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionMember {
    /// Their full name.
    #[serde(default)]
    pub full_name: String,
}

/// An action's details.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ActionData {
    /// A comment's text.
    #[serde(default)]
    pub text: Option<String>,
    /// The card it is about.
    #[serde(default)]
    pub card: Option<CardRef>,
}

/// A card an action names.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CardRef {
    /// Trello's id of the card.
    pub id: String,
}

impl Action {
    fn comment(&self) -> Option<(&str, &str, DateTime<Utc>)> {
        if self.kind != "commentCard" {
            return None;
        }
        let card = self.data.card.as_ref()?;
        Some((card.id.as_str(), self.data.text.as_deref()?, self.date?))
    }
}

impl Board {
    /// Reads a Trello export, or says in a sentence why it is not one.
    pub fn read(text: &str) -> Result<Board, String> {
        check_size(text.len())?;
        let value: serde_json::Value = serde_json::from_str(text).map_err(|_| {
            "This file is not JSON, so it is not a Trello export: on Trello, open the board's menu → Print, export and share → Export as JSON, and choose the file it saves.".to_string()
        })?;
        let looks_like_board = value.get("lists").is_some_and(|v| v.is_array())
            && value.get("cards").is_some_and(|v| v.is_array());
        if !looks_like_board {
            return Err("This JSON file is not a Trello board export: it has no lists and cards. On Trello, open the board's menu → Print, export and share → Export as JSON.".into());
        }
        let board: Board = serde_json::from_value(value).map_err(|e| {
            format!("This Trello export is damaged or in a format Baton does not know ({e}): export the board again.")
        })?;
        if board.cards.len() > MAX_ITEMS {
            return Err(format!(
                "The board has {} cards, and an import takes at most {}: archive or move some cards on Trello and export again.",
                limits::grouped(board.cards.len()),
                limits::grouped(MAX_ITEMS)
            ));
        }
        let comments = board
            .actions
            .iter()
            .filter(|a| a.comment().is_some())
            .count();
        if comments > MAX_COMMENTS {
            return Err(format!(
                "The board has {} comments, and an import takes at most {}.",
                limits::grouped(comments),
                limits::grouped(MAX_COMMENTS)
            ));
        }
        Ok(board)
    }

    /// The lists left to right.
    pub fn lists_in_order(&self) -> Vec<&List> {
        let mut lists: Vec<&List> = self.lists.iter().collect();
        lists.sort_by(|a, b| a.pos.total_cmp(&b.pos));
        lists
    }

    /// How many cards each list, label and member has, by Trello id.
    pub fn card_counts(&self) -> BTreeMap<&str, usize> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for card in &self.cards {
            *counts.entry(card.id_list.as_str()).or_default() += 1;
            for id in card.id_labels.iter().chain(&card.id_members) {
                *counts.entry(id.as_str()).or_default() += 1;
            }
        }
        counts
    }
}

/// What becomes of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", content = "list", rename_all = "snake_case")]
pub enum ListPlan {
    /// It becomes a stage of its own.
    Stage,
    /// Its cards join another list's stage.
    Into(String),
    /// It and its cards stay behind.
    Leave,
}

/// What becomes of a label on the cards that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", content = "channel", rename_all = "snake_case")]
pub enum LabelPlan {
    /// It sets the item's channel.
    Channel(Channel),
    /// It is kept as a tag in the item's Labels field.
    Tag,
    /// It is dropped.
    Leave,
}

/// The person's choices for one board. Anything the mapping does not name gets the
/// suggestion ([`Mapping::suggested`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    /// The new workflow's name.
    pub workflow_name: String,
    /// Per list id.
    pub lists: BTreeMap<String, ListPlan>,
    /// Per label id.
    pub labels: BTreeMap<String, LabelPlan>,
    /// Per member id: the Baton person they are, or nobody.
    pub members: BTreeMap<String, Option<PersonId>>,
    /// Bring archived cards in, archived; otherwise they stay behind.
    pub archived_cards: bool,
}

impl Mapping {
    /// What Baton suggests: every open list a stage, archived lists left behind, labels
    /// named like a channel as that channel and the rest as tags, members matched to the
    /// team by email and then by name.
    pub fn suggested(board: &Board, people: &People) -> Mapping {
        let name = board.name.trim();
        let workflow_name = if name.is_empty() {
            "Trello board".to_owned()
        } else {
            shortened(name, limits::NAME)
        };
        let lists = board
            .lists
            .iter()
            .map(|l| {
                let plan = if l.closed {
                    ListPlan::Leave
                } else {
                    ListPlan::Stage
                };
                (l.id.clone(), plan)
            })
            .collect();
        let labels = board
            .labels
            .iter()
            .map(|l| {
                let plan = channel_named(&l.title()).map_or(LabelPlan::Tag, LabelPlan::Channel);
                (l.id.clone(), plan)
            })
            .collect();
        let members = board
            .members
            .iter()
            .map(|m| (m.id.clone(), person_for(m, people)))
            .collect();
        Mapping {
            workflow_name,
            lists,
            labels,
            members,
            archived_cards: false,
        }
    }

    /// This mapping with anything it does not name filled in from the suggestion, and
    /// anything naming what the board does not have dropped.
    pub fn completed(&self, board: &Board, people: &People) -> Mapping {
        let mut full = Mapping::suggested(board, people);
        full.workflow_name = self.workflow_name.clone();
        full.archived_cards = self.archived_cards;
        for (id, plan) in &self.lists {
            if let Some(slot) = full.lists.get_mut(id) {
                *slot = plan.clone();
            }
        }
        for (id, plan) in &self.labels {
            if let Some(slot) = full.labels.get_mut(id) {
                *slot = plan.clone();
            }
        }
        for (id, person) in &self.members {
            if let Some(slot) = full.members.get_mut(id) {
                *slot = *person;
            }
        }
        full
    }
}

/// The channel a label's name stands for ("Email", "linkedin", "Paid social").
fn channel_named(name: &str) -> Option<Channel> {
    let wanted = name.trim().to_lowercase();
    Channel::ALL.iter().copied().find(|c| {
        c.label().to_lowercase() == wanted || c.key().replace('_', " ") == wanted.replace('_', " ")
    })
}

/// The team member a Trello member is: the one with their email, or else the only one
/// with their full name.
fn person_for(member: &Member, people: &People) -> Option<PersonId> {
    if let Some(email) = member.email.as_deref().map(str::trim) {
        if let Some(p) = people
            .persons
            .iter()
            .find(|p| p.email.eq_ignore_ascii_case(email))
        {
            return Some(p.id);
        }
    }
    let name = member.full_name.trim();
    if name.is_empty() {
        return None;
    }
    let mut same = people
        .persons
        .iter()
        .filter(|p| p.name.trim().eq_ignore_ascii_case(name));
    match (same.next(), same.next()) {
        (Some(p), None) => Some(p.id),
        _ => None,
    }
}

/// The description's field on an imported workflow.
pub const DESCRIPTION: &str = "description";
/// The tags' field on an imported workflow.
pub const LABELS: &str = "labels";

/// What an import would do: the workflow it makes and the items it brings in.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The new workflow (its id is a suggestion; storage finds a free one).
    pub definition: WorkflowDefinition,
    /// The items, in board order.
    pub items: Vec<ImportedItem>,
    /// The list each item came from, by position in `items`.
    pub from_list: Vec<String>,
    /// Cards that stay behind (in lists left behind, or archived).
    pub left_out: usize,
    /// Comments kept under the importer's name because their author is not mapped.
    pub comments_unmatched: usize,
    /// What was changed to fit (a title cut short), in sentences.
    pub warnings: Vec<String>,
}

/// Plans the import of `board` under `mapping` (completed with suggestions) for `people`.
/// `Err` says in a sentence why the mapping cannot be imported.
pub fn plan(board: &Board, mapping: &Mapping, people: &People) -> Result<Plan, String> {
    let mapping = mapping.completed(board, people);
    let name = mapping.workflow_name.trim();
    if name.is_empty() {
        return Err("Give the new workflow a name.".into());
    }
    limits::check("The workflow's name", name, limits::NAME)?;
    let stage_of = stages_of(board, &mapping)?;
    let mut def = blank_workflow(name);
    let mut keys = BTreeSet::new();
    for list in board.lists_in_order() {
        if stage_of.get(list.id.as_str()) == Some(&list.id.as_str()) {
            let key = unique_key(&slug_or(&list.name, "stage"), &mut keys);
            let title = list.name.trim();
            let title = if title.is_empty() {
                "Untitled list"
            } else {
                title
            };
            let mut stage = Stage::new(&key, &shortened(title, limits::NAME), "");
            stage.description = format!("The Trello list {}.", shortened(title, limits::NAME));
            def.stages.push(stage);
        }
    }
    if def.stages.len() > MAX_STAGES {
        return Err(format!(
            "That makes {} stages, and a workflow has at most {}: leave some lists behind or put them into others.",
            def.stages.len(),
            MAX_STAGES
        ));
    }
    let uses_tags = mapping.labels.values().any(|p| *p == LabelPlan::Tag);
    def.fields.push(FieldDef {
        key: FieldKey::new(DESCRIPTION),
        label: "Description".into(),
        field_type: FieldType::LongText,
        help: "The card's description on Trello.".into(),
    });
    if uses_tags {
        def.fields.push(FieldDef {
            key: FieldKey::new(LABELS),
            label: "Labels".into(),
            field_type: FieldType::Text,
            help: "The card's Trello labels.".into(),
        });
    }
    // The stage of each list that becomes one, by list id.
    let stage_keys: BTreeMap<&str, StageKey> = board
        .lists_in_order()
        .into_iter()
        .filter(|l| stage_of.get(l.id.as_str()) == Some(&l.id.as_str()))
        .zip(def.stages.iter().map(|s| s.key.clone()))
        .map(|(l, k)| (l.id.as_str(), k))
        .collect();
    let mut warnings = Warnings::default();
    let list_rank: BTreeMap<&str, usize> = board
        .lists_in_order()
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.as_str(), i))
        .collect();
    let mut cards: Vec<&Card> = board.cards.iter().collect();
    cards.sort_by(|a, b| {
        let rank = |c: &Card| list_rank.get(c.id_list.as_str()).copied();
        rank(a).cmp(&rank(b)).then(a.pos.total_cmp(&b.pos))
    });
    let checklists = checklists_by_card(board);
    let comments = comments_by_card(board);
    let member_names: BTreeMap<&str, String> = board
        .members
        .iter()
        .map(|m| (m.id.as_str(), m.title()))
        .collect();
    let labels: BTreeMap<&str, &Label> = board.labels.iter().map(|l| (l.id.as_str(), l)).collect();
    let mut items = Vec::new();
    let mut from_list = Vec::new();
    let mut left_out = 0;
    let mut comments_unmatched = 0;
    // Checklist lines per stage, by label, in the order they first appear.
    let mut lines: BTreeMap<StageKey, Vec<(ChecklistKey, String)>> = BTreeMap::new();
    for card in cards {
        let home = stage_of
            .get(card.id_list.as_str())
            .and_then(|l| stage_keys.get(l));
        let Some(stage) = home.filter(|_| !card.closed || mapping.archived_cards) else {
            left_out += 1;
            continue;
        };
        let title = card_title(card, &mut warnings);
        let mut new = NewItem::titled(&title);
        let members: Vec<PersonId> = card
            .id_members
            .iter()
            .filter_map(|m| mapping.members.get(m).copied().flatten())
            .collect();
        new.owner = members.first().copied();
        new.assignees = members.iter().skip(1).copied().collect();
        new.due = card.due;
        let mut tags = Vec::new();
        let mut channel = None;
        for id in &card.id_labels {
            match (mapping.labels.get(id), labels.get(id.as_str())) {
                (Some(LabelPlan::Channel(c)), _) => channel = channel.or(Some(*c)),
                (Some(LabelPlan::Tag), Some(label)) => tags.push(label.title()),
                _ => {}
            }
        }
        new.channel = channel.unwrap_or_default();
        if !card.desc.trim().is_empty() {
            let desc = cut(
                &card.desc,
                limits::LONG_TEXT_FIELD,
                &title,
                "description",
                &mut warnings,
            );
            new.fields
                .insert(FieldKey::new(DESCRIPTION), FieldValue::Text(desc));
        }
        if !tags.is_empty() {
            let tags = cut(
                &tags.join(", "),
                limits::TEXT_FIELD,
                &title,
                "labels",
                &mut warnings,
            );
            new.fields
                .insert(FieldKey::new(LABELS), FieldValue::Text(tags));
        }
        let stage_lines = lines.entry(stage.clone()).or_default();
        let mut ticks = Vec::new();
        for (checklist, line) in checklists.get(card.id.as_str()).into_iter().flatten() {
            let label = line_label(&checklist.name, &line.name);
            let key = match stage_lines.iter().find(|(_, l)| *l == label) {
                Some((key, _)) => Some(key.clone()),
                None if stage_lines.len() < MAX_LINES => {
                    let mut taken: BTreeSet<String> =
                        stage_lines.iter().map(|(k, _)| k.to_string()).collect();
                    let key = ChecklistKey::new(unique_key(&slug_or(&label, "line"), &mut taken));
                    stage_lines.push((key.clone(), label.clone()));
                    Some(key)
                }
                None => {
                    warnings.push(format!(
                        "“{}”: the checklist line “{label}” is left out, as its stage already has {} lines",
                        shortened(&title, 60),
                        MAX_LINES
                    ));
                    None
                }
            };
            if let Some(key) = key.filter(|_| line.state == "complete") {
                if !ticks.contains(&key) {
                    ticks.push(key);
                }
            }
        }
        let mut kept = Vec::new();
        for (author, text, at) in comments.get(card.id.as_str()).into_iter().flatten() {
            let person = author.and_then(|a| mapping.members.get(a).copied().flatten());
            let text = match person {
                Some(_) => text.trim().to_owned(),
                None => {
                    comments_unmatched += 1;
                    let who = author
                        .and_then(|a| member_names.get(a).cloned())
                        .unwrap_or_else(|| "someone".into());
                    format!("{who} wrote on Trello: {}", text.trim())
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            let text = cut(&text, limits::COMMENT, &title, "comment", &mut warnings);
            kept.push(ImportedComment {
                author: person,
                at: *at,
                text,
            });
        }
        items.push(ImportedItem {
            new,
            stage: stage.clone(),
            ticks,
            archived: card.closed,
            comments: kept,
        });
        from_list.push(card.id_list.clone());
    }
    for stage in &mut def.stages {
        if let Some(stage_lines) = lines.remove(&stage.key) {
            stage.checklist = stage_lines
                .into_iter()
                .map(|(key, label)| ChecklistItem {
                    key,
                    label,
                    // Each card had its own checklist: a line one card had must not hold
                    // back the cards that never had it.
                    optional: true,
                })
                .collect();
        }
    }
    Ok(Plan {
        definition: def,
        items,
        from_list,
        left_out,
        comments_unmatched,
        warnings: warnings.into_sentences(),
    })
}

/// For each list, the list whose stage its cards go to (itself when it becomes one);
/// lists left behind are absent.
fn stages_of<'a>(
    board: &'a Board,
    mapping: &'a Mapping,
) -> Result<BTreeMap<&'a str, &'a str>, String> {
    let names: BTreeMap<&str, &str> = board
        .lists
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str()))
        .collect();
    let mut stage_of = BTreeMap::new();
    for list in &board.lists {
        match mapping.lists.get(&list.id) {
            Some(ListPlan::Stage) => {
                stage_of.insert(list.id.as_str(), list.id.as_str());
            }
            Some(ListPlan::Into(other)) => match mapping.lists.get(other) {
                Some(ListPlan::Stage) => {
                    stage_of.insert(list.id.as_str(), other.as_str());
                }
                _ => {
                    return Err(format!(
                        "The list {} goes into {}, which does not become a stage itself: make {} a stage, or choose another list.",
                        list.name.trim(),
                        names.get(other.as_str()).map_or("a list that is not on the board", |n| n.trim()),
                        names.get(other.as_str()).map_or("it", |n| n.trim()),
                    ))
                }
            },
            Some(ListPlan::Leave) | None => {}
        }
    }
    if stage_of.is_empty() {
        return Err("Choose at least one list to become a stage.".into());
    }
    Ok(stage_of)
}

/// Each card's checklist lines, checklists and lines in their order on the card.
fn checklists_by_card(board: &Board) -> BTreeMap<&str, Vec<(&Checklist, &CheckItem)>> {
    let mut lists: Vec<&Checklist> = board.checklists.iter().collect();
    lists.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut by_card: BTreeMap<&str, Vec<(&Checklist, &CheckItem)>> = BTreeMap::new();
    for checklist in lists {
        let mut lines: Vec<&CheckItem> = checklist
            .check_items
            .iter()
            .filter(|l| !l.name.trim().is_empty())
            .collect();
        lines.sort_by(|a, b| a.pos.total_cmp(&b.pos));
        by_card
            .entry(checklist.id_card.as_str())
            .or_default()
            .extend(lines.into_iter().map(|l| (checklist, l)));
    }
    by_card
}

/// A comment's author (Trello id), text and date.
type Comment<'a> = (Option<&'a str>, &'a str, DateTime<Utc>);

/// Each card's comments, oldest first.
fn comments_by_card(board: &Board) -> BTreeMap<&str, Vec<Comment<'_>>> {
    let mut by_card: BTreeMap<&str, Vec<Comment<'_>>> = BTreeMap::new();
    for action in &board.actions {
        if let Some((card, text, at)) = action.comment() {
            by_card
                .entry(card)
                .or_default()
                .push((action.id_member_creator.as_deref(), text, at));
        }
    }
    for comments in by_card.values_mut() {
        comments.sort_by_key(|c| c.2);
    }
    by_card
}

/// A checklist line's label: the line, after its checklist's name when that says more
/// than "Checklist".
fn line_label(checklist: &str, line: &str) -> String {
    let checklist = checklist.trim();
    let line = line.trim();
    let label = if checklist.is_empty() || checklist.eq_ignore_ascii_case("checklist") {
        line.to_owned()
    } else {
        format!("{checklist}: {line}")
    };
    shortened(&label, limits::SHORT)
}

fn card_title(card: &Card, warnings: &mut Warnings) -> String {
    let name = card.name.trim();
    if name.is_empty() {
        return "Untitled card".into();
    }
    if name.chars().count() > limits::TITLE {
        warnings.push(format!(
            "“{}”: the title is cut to {} characters",
            shortened(name, 60),
            limits::TITLE
        ));
        return shortened(name, limits::TITLE);
    }
    name.to_owned()
}

fn cut(text: &str, max: usize, title: &str, what: &str, warnings: &mut Warnings) -> String {
    let text = text.trim();
    if text.chars().count() > max {
        warnings.push(format!(
            "“{}”: the {what} is cut to {} characters",
            shortened(title, 60),
            limits::grouped(max)
        ));
    }
    shortened(text, max)
}

fn slug_or(name: &str, fallback: &str) -> String {
    let slug = slugify(name);
    let slug: String = slug.chars().take(40).collect();
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        fallback.to_owned()
    } else {
        slug
    }
}

fn unique_key(base: &str, taken: &mut BTreeSet<String>) -> String {
    let mut key = base.to_owned();
    let mut n = 2;
    while taken.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(key.clone());
    key
}

/// Sentences about what was changed to fit, at most 50 of them with a count of the rest.
#[derive(Default)]
struct Warnings {
    shown: Vec<String>,
    more: usize,
}

impl Warnings {
    fn push(&mut self, sentence: String) {
        if self.shown.len() < 50 {
            self.shown.push(sentence);
        } else {
            self.more += 1;
        }
    }

    fn into_sentences(mut self) -> Vec<String> {
        if self.more > 0 {
            self.shown
                .push(format!("and {} more like these", self.more));
        }
        self.shown
    }
}

#[cfg(test)]
#[path = "trello_tests.rs"]
mod tests;
