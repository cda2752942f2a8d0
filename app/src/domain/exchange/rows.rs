//! A spreadsheet (CSV) brought in as items: the person says which column is which of
//! Baton's fields, every row is checked by the engine as the import would create it, and
//! only the rows that pass come in. The board's own export reads back in unchanged.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::super::limits::{self, shortened};
use super::super::metrics::csv::{read, restore_formula, Record};
use super::super::{
    create_imported, CampaignId, Channel, Ctx, FieldKey, FieldType, FieldValue, NewItem, People,
    PersonId, Priority, Schedule, StageKey, WorkflowDefinition, WorkflowId,
};
use super::imported::{check_size, ImportedItem, MAX_COLUMNS, MAX_ITEMS};
use super::FIELD_PREFIX;

/// Which of Baton's fields a column holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", content = "field", rename_all = "snake_case")]
pub enum Column {
    /// Not brought in.
    Leave,
    /// The item's title (one column must be).
    Title,
    /// The workflow, by id or name; empty cells use the one chosen for the import.
    Workflow,
    /// The stage, by key or name; empty cells mean the first stage.
    Stage,
    /// The owner, by email.
    Owner,
    /// The assignees, emails separated by commas, semicolons or spaces.
    Assignees,
    /// When it is due.
    Due,
    /// When it is published, sent or launched.
    ScheduledAt,
    /// Whether only the scheduled date matters (yes/no).
    AllDay,
    /// The channel, by name.
    Channel,
    /// The campaign, by name.
    Campaign,
    /// The priority (low, normal, high, urgent).
    Priority,
    /// Archived when the cell is not empty.
    Archived,
    /// A workflow field, by key.
    Field(FieldKey),
}

impl Column {
    /// What the column is called in the mapping's choices.
    pub fn label(&self, def: Option<&WorkflowDefinition>) -> String {
        match self {
            Column::Leave => "Leave out".into(),
            Column::Title => "Title".into(),
            Column::Workflow => "Workflow".into(),
            Column::Stage => "Stage".into(),
            Column::Owner => "Owner (email)".into(),
            Column::Assignees => "Assignees (emails)".into(),
            Column::Due => "Due".into(),
            Column::ScheduledAt => "Scheduled for".into(),
            Column::AllDay => "All day (yes/no)".into(),
            Column::Channel => "Channel".into(),
            Column::Campaign => "Campaign".into(),
            Column::Priority => "Priority".into(),
            Column::Archived => "Archived".into(),
            Column::Field(key) => format!(
                "Field: {}",
                def.map_or_else(|| key.to_string(), |d| d.field_label(key))
            ),
        }
    }

    /// Every choice for a column of an import into `def`.
    pub fn choices(def: &WorkflowDefinition) -> Vec<Column> {
        let mut all = vec![
            Column::Leave,
            Column::Title,
            Column::Workflow,
            Column::Stage,
            Column::Owner,
            Column::Assignees,
            Column::Due,
            Column::ScheduledAt,
            Column::AllDay,
            Column::Channel,
            Column::Campaign,
            Column::Priority,
            Column::Archived,
        ];
        all.extend(def.fields.iter().map(|f| Column::Field(f.key.clone())));
        all
    }

    /// The column a header most likely is, for `def`.
    pub fn guess(header: &str, def: &WorkflowDefinition) -> Column {
        let header = header.trim();
        if let Some(key) = header.strip_prefix(FIELD_PREFIX) {
            let key = FieldKey::new(key);
            return if def.field(&key).is_some() {
                Column::Field(key)
            } else {
                Column::Leave
            };
        }
        let plain = header.to_lowercase().replace(['_', '-'], " ");
        let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
        match plain.as_str() {
            "title" | "name" | "card name" | "task name" | "task" | "subject" => Column::Title,
            "workflow" => Column::Workflow,
            "stage" | "status" | "list" | "column" | "section" => Column::Stage,
            "owner" | "owner email" | "assignee" | "assignee email" => Column::Owner,
            "assignees" | "members" => Column::Assignees,
            "due" | "due date" | "deadline" | "due at" => Column::Due,
            "scheduled at" | "scheduled" | "publish date" | "send date" | "launch date" => {
                Column::ScheduledAt
            }
            "all day" => Column::AllDay,
            "channel" => Column::Channel,
            "campaign" => Column::Campaign,
            "priority" => Column::Priority,
            "archived" | "archived at" => Column::Archived,
            _ => def
                .fields
                .iter()
                .find(|f| f.label.to_lowercase() == plain || f.key.as_str() == header)
                .map_or(Column::Leave, |f| Column::Field(f.key.clone())),
        }
    }
}

/// A spreadsheet read: its header and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The first row's cells.
    pub headers: Vec<String>,
    /// The other rows.
    pub rows: Vec<Record>,
}

impl Sheet {
    /// Reads a CSV file, or says in a sentence why it cannot be imported.
    pub fn read(text: &str) -> Result<Sheet, String> {
        check_size(text.len())?;
        if text.contains('\0') {
            return Err("This file is not text, so it is not a CSV file: in the spreadsheet, save or download it as CSV (comma-separated values) and choose that file.".into());
        }
        let mut records = read(text).map_err(|p| {
            format!(
                "The file cannot be read as CSV at line {}: {}",
                p.line, p.message
            )
        })?;
        if records.is_empty() {
            return Err("The file has no rows: the first row names the columns, and each row after it is an item.".into());
        }
        let headers: Vec<String> = records
            .remove(0)
            .cells
            .into_iter()
            .map(|h| h.trim().to_owned())
            .collect();
        if headers.len() > MAX_COLUMNS {
            return Err(format!(
                "The file has {} columns, and an import takes at most {MAX_COLUMNS}: remove the columns you do not need.",
                headers.len()
            ));
        }
        if records.is_empty() {
            return Err("The file has a header row but no items under it.".into());
        }
        if records.len() > MAX_ITEMS {
            return Err(format!(
                "The file has {} rows, and an import takes at most {}: split it into several files.",
                limits::grouped(records.len()),
                limits::grouped(MAX_ITEMS)
            ));
        }
        Ok(Sheet {
            headers,
            rows: records,
        })
    }

    /// The suggested mapping for an import into `def`: each header's guess, the first
    /// column of each kind winning.
    pub fn suggested(&self, def: &WorkflowDefinition) -> Vec<Column> {
        let mut taken = Vec::new();
        self.headers
            .iter()
            .map(|h| {
                let guess = Column::guess(h, def);
                if guess != Column::Leave && taken.contains(&guess) {
                    return Column::Leave;
                }
                taken.push(guess.clone());
                guess
            })
            .collect()
    }
}

/// What the rows are checked against.
pub struct Lookup<'a> {
    /// Every workflow's current definition.
    pub workflows: &'a [WorkflowDefinition],
    /// The workflow of rows that do not name one.
    pub default_workflow: &'a WorkflowId,
    /// Campaign names by id.
    pub campaigns: &'a BTreeMap<CampaignId, String>,
}

/// One row, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The line it starts on in the file.
    pub line: usize,
    /// Its title cell, as read.
    pub title: String,
    /// The workflow and stage it would go to, in words, when known.
    pub lands_in: String,
    /// The item it makes and its workflow, or every reason it can't be imported.
    pub checked: Result<(WorkflowId, ImportedItem), Vec<String>>,
}

/// `Err` with a sentence when the mapping cannot be used at all: no title column, a
/// column kind given twice, or a length that does not match the header.
pub fn check_mapping(sheet: &Sheet, mapping: &[Column]) -> Result<(), String> {
    if mapping.len() != sheet.headers.len() {
        return Err(format!(
            "The mapping has {} columns and the file {}: look at the preview again.",
            mapping.len(),
            sheet.headers.len()
        ));
    }
    if !mapping.contains(&Column::Title) {
        return Err("Choose the column that holds each item's title.".into());
    }
    for (i, column) in mapping.iter().enumerate() {
        if *column != Column::Leave && mapping[..i].contains(column) {
            let first = mapping.iter().position(|c| c == column).unwrap_or(0);
            return Err(format!(
                "The columns {} and {} are both {}: choose one and leave the other out.",
                sheet.headers[first],
                sheet.headers[i],
                column.label(None)
            ));
        }
    }
    Ok(())
}

/// Checks every row as the import would create it (the engine's own checks included).
pub fn check_rows(
    sheet: &Sheet,
    mapping: &[Column],
    lookup: &Lookup<'_>,
    ctx: &Ctx<'_>,
) -> Result<Vec<Row>, String> {
    check_mapping(sheet, mapping)?;
    if !lookup
        .workflows
        .iter()
        .any(|d| &d.id == lookup.default_workflow)
    {
        return Err("Choose the workflow the items go to.".into());
    }
    Ok(sheet
        .rows
        .iter()
        .map(|record| check_row(record, mapping, lookup, ctx))
        .collect())
}

fn check_row(record: &Record, mapping: &[Column], lookup: &Lookup<'_>, ctx: &Ctx<'_>) -> Row {
    let cell = |column: &Column| -> &str {
        mapping
            .iter()
            .position(|c| c == column)
            .and_then(|i| record.cells.get(i))
            .map_or("", |c| restore_formula(c.trim()))
    };
    let title = cell(&Column::Title).to_owned();
    let mut errors = Vec::new();
    let def = workflow_of(cell(&Column::Workflow), lookup);
    let Some(def) = def else {
        return Row {
            line: record.line,
            title,
            lands_in: String::new(),
            checked: Err(vec![format!(
                "Workflow: there is no workflow “{}”",
                shortened(cell(&Column::Workflow), 60)
            )]),
        };
    };
    let stage = stage_of(cell(&Column::Stage), def);
    let lands_in = match &stage {
        Some(s) => format!("{} · {}", def.name, s.1),
        None => def.name.clone(),
    };
    if stage.is_none() {
        errors.push(format!(
            "Stage: {} has no stage “{}”",
            def.name,
            shortened(cell(&Column::Stage), 60)
        ));
    }
    let mut new = NewItem::titled(&title);
    if record.cells.len() > mapping.len() {
        errors.push(format!(
            "The row has {} cells and the header {}",
            record.cells.len(),
            mapping.len()
        ));
    }
    let owner = cell(&Column::Owner);
    if !owner.is_empty() {
        match person_by_email(owner, ctx.people) {
            Some(id) => new.owner = Some(id),
            None => errors.push(format!(
                "Owner: nobody in the team has the email {}",
                shortened(owner, 80)
            )),
        }
    }
    for email in cell(&Column::Assignees)
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        match person_by_email(email, ctx.people) {
            Some(id) => new.assignees.push(id),
            None => errors.push(format!(
                "Assignees: nobody in the team has the email {}",
                shortened(email, 80)
            )),
        }
    }
    match moment(cell(&Column::Due)) {
        Ok(due) => new.due = due.map(|(at, _)| at),
        Err(()) => errors.push(format!(
            "Due: “{}” is not a date",
            shortened(cell(&Column::Due), 40)
        )),
    }
    let all_day = match cell(&Column::AllDay).to_lowercase().as_str() {
        "" => None,
        "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        other => {
            errors.push(format!(
                "All day: “{}” is not yes or no",
                shortened(other, 20)
            ));
            None
        }
    };
    match moment(cell(&Column::ScheduledAt)) {
        Ok(at) => {
            new.schedule = at.map(|(at, date_only)| Schedule {
                at,
                all_day: all_day.unwrap_or(date_only),
            })
        }
        Err(()) => errors.push(format!(
            "Scheduled for: “{}” is not a date",
            shortened(cell(&Column::ScheduledAt), 40)
        )),
    }
    let channel = cell(&Column::Channel);
    if !channel.is_empty() {
        match Channel::ALL.into_iter().find(|c| {
            c.key().eq_ignore_ascii_case(channel) || c.label().eq_ignore_ascii_case(channel)
        }) {
            Some(c) => new.channel = c,
            None => errors.push(format!(
                "Channel: “{}” is not one of {}",
                shortened(channel, 40),
                Channel::ALL.map(|c| c.label()).join(", ")
            )),
        }
    }
    let campaign = cell(&Column::Campaign);
    if !campaign.is_empty() {
        match lookup
            .campaigns
            .iter()
            .find(|(_, name)| name.trim().eq_ignore_ascii_case(campaign))
        {
            Some((id, _)) => new.campaign = Some(*id),
            None => errors.push(format!(
                "Campaign: there is no campaign “{}”",
                shortened(campaign, 60)
            )),
        }
    }
    let priority = cell(&Column::Priority);
    if !priority.is_empty() {
        match serde_json::from_value::<Priority>(serde_json::Value::String(priority.to_lowercase()))
        {
            Ok(p) => new.priority = p,
            Err(_) => errors.push(format!(
                "Priority: “{}” is not low, normal, high or urgent",
                shortened(priority, 20)
            )),
        }
    }
    for (i, column) in mapping.iter().enumerate() {
        let Column::Field(key) = column else { continue };
        let raw = record
            .cells
            .get(i)
            .map_or("", |c| restore_formula(c.trim()));
        match field_value(def, key, raw, ctx.people) {
            Ok(Some(value)) => {
                new.fields.insert(key.clone(), value);
            }
            Ok(None) => {}
            Err(message) => errors.push(message),
        }
    }
    let imported = ImportedItem {
        new,
        stage: stage.map(|s| s.0).unwrap_or_default(),
        ticks: Vec::new(),
        archived: !cell(&Column::Archived).is_empty(),
        comments: Vec::new(),
    };
    if errors.is_empty() {
        if let Err(refusal) = create_imported(def, imported.clone(), ctx) {
            errors.extend(refusal.reasons.into_iter().map(|r| r.message));
        }
    }
    Row {
        line: record.line,
        title,
        lands_in,
        checked: if errors.is_empty() {
            Ok((def.id.clone(), imported))
        } else {
            Err(errors)
        },
    }
}

fn workflow_of<'a>(cell: &str, lookup: &Lookup<'a>) -> Option<&'a WorkflowDefinition> {
    if cell.is_empty() {
        return lookup
            .workflows
            .iter()
            .find(|d| &d.id == lookup.default_workflow);
    }
    lookup
        .workflows
        .iter()
        .find(|d| d.id.as_str() == cell || d.name.trim().eq_ignore_ascii_case(cell))
}

fn stage_of(cell: &str, def: &WorkflowDefinition) -> Option<(StageKey, String)> {
    let stage = if cell.is_empty() {
        def.first_stage()
    } else {
        def.stages
            .iter()
            .find(|s| s.key.as_str() == cell || s.name.trim().eq_ignore_ascii_case(cell))
    };
    stage.map(|s| (s.key.clone(), s.name.clone()))
}

fn person_by_email(email: &str, people: &People) -> Option<PersonId> {
    people
        .persons
        .iter()
        .find(|p| p.email.eq_ignore_ascii_case(email))
        .map(|p| p.id)
}

/// A date or a moment: RFC 3339, `2026-03-14 09:30`, or a day (`2026-03-14`, read as
/// midnight UTC and marked as date-only). `Ok(None)` for an empty cell.
fn moment(cell: &str) -> Result<Option<(DateTime<Utc>, bool)>, ()> {
    if cell.is_empty() {
        return Ok(None);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(cell) {
        return Ok(Some((t.with_timezone(&Utc), false)));
    }
    for format in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(cell, format) {
            return Ok(Some((t.and_utc(), false)));
        }
    }
    NaiveDate::parse_from_str(cell, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| Some((t.and_utc(), true)))
        .ok_or(())
}

/// A field's cell read as that field's value; people by email.
fn field_value(
    def: &WorkflowDefinition,
    key: &FieldKey,
    raw: &str,
    people: &People,
) -> Result<Option<FieldValue>, String> {
    let Some(field) = def.field(key) else {
        return Err(format!("{}: {} has no field {key}", key, def.name));
    };
    if raw.is_empty() {
        return Ok(None);
    }
    if field.field_type == FieldType::Person {
        return person_by_email(raw, people)
            .map(|id| Some(FieldValue::Person(id)))
            .ok_or_else(|| {
                format!(
                    "{}: nobody in the team has the email {}",
                    field.label,
                    shortened(raw, 80)
                )
            });
    }
    field
        .parse_input(raw)
        .map_err(|m| format!("{}: {m}", field.label))
}

#[cfg(test)]
#[path = "rows_tests.rs"]
mod tests;
