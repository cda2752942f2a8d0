//! Items as a spreadsheet: the CSV a board exports, one row per item with a column per
//! workflow field. People are written as their email and campaigns by name, the way a
//! spreadsheet reader (and an import) knows them; text people typed is defused so a
//! spreadsheet never runs it as a formula.

pub mod imported;
pub mod rows;
pub mod trello;
pub mod workspace;

use std::collections::{BTreeMap, BTreeSet};

use super::metrics::csv::{defuse_formula, CsvWriter};
use super::{CampaignId, FieldKey, FieldValue, Item, People, PersonId, WorkflowDefinition};

/// The columns every row has, before the fields.
pub const BASE_COLUMNS: [&str; 15] = [
    "id",
    "title",
    "workflow",
    "stage",
    "owner",
    "due",
    "scheduled_at",
    "all_day",
    "channel",
    "campaign",
    "priority",
    "revision_round",
    "archived_at",
    "created_at",
    "updated_at",
];

/// Field columns are named `field:<key>`, so a field can't be mistaken for a base column.
pub const FIELD_PREFIX: &str = "field:";

/// What the rows need besides the items: who is who, and the campaigns' names.
pub struct Sheet<'a> {
    /// The workflow's current definition: its fields' order.
    pub definition: &'a WorkflowDefinition,
    /// The team, for emails.
    pub people: &'a People,
    /// Campaign names by id.
    pub campaigns: &'a BTreeMap<CampaignId, String>,
}

impl Sheet<'_> {
    fn person(&self, id: PersonId) -> String {
        self.people
            .get(id)
            .map_or_else(|| format!("#{id}"), |p| p.email.clone())
    }

    fn value(&self, value: &FieldValue) -> String {
        match value {
            FieldValue::Person(id) => self.person(*id),
            FieldValue::YesNo(yes) => (if *yes { "yes" } else { "no" }).to_string(),
            other => match other.plain() {
                serde_json::Value::String(s) => defuse_formula(&s).into_owned(),
                plain => plain.to_string(),
            },
        }
    }

    /// The field columns: the workflow's fields in its order, then any others items still
    /// hold (from an older version), by key.
    fn field_keys(&self, items: &[Item]) -> Vec<FieldKey> {
        let mut keys: Vec<FieldKey> = self
            .definition
            .fields
            .iter()
            .map(|f| f.key.clone())
            .collect();
        let known: BTreeSet<FieldKey> = keys.iter().cloned().collect();
        let others: BTreeSet<FieldKey> = items
            .iter()
            .flat_map(|i| i.fields.keys())
            .filter(|k| !known.contains(*k))
            .cloned()
            .collect();
        keys.extend(others);
        keys
    }

    /// The items as CSV, with a header row.
    pub fn csv(&self, items: &[Item]) -> String {
        let keys = self.field_keys(items);
        let mut csv = CsvWriter::new();
        let header = BASE_COLUMNS
            .iter()
            .map(|c| c.to_string())
            .chain(keys.iter().map(|k| format!("{FIELD_PREFIX}{k}")));
        csv.row(header);
        let moment = |t: Option<chrono::DateTime<chrono::Utc>>| {
            t.map(|t| t.to_rfc3339()).unwrap_or_default()
        };
        for item in items {
            let mut cells = vec![
                item.id.0.to_string(),
                defuse_formula(&item.title).into_owned(),
                item.workflow_id.to_string(),
                item.stage.to_string(),
                item.owner.map(|o| self.person(o)).unwrap_or_default(),
                moment(item.due),
                moment(item.schedule.map(|s| s.at)),
                match item.schedule {
                    Some(s) if s.all_day => "yes".into(),
                    Some(_) => "no".into(),
                    None => String::new(),
                },
                item.channel.key().to_string(),
                item.campaign
                    .map(|c| {
                        self.campaigns
                            .get(&c)
                            .map(|n| defuse_formula(n).into_owned())
                            .unwrap_or_else(|| format!("#{c}"))
                    })
                    .unwrap_or_default(),
                serde_json::to_value(item.priority)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                item.revision_round.to_string(),
                moment(item.archived_at),
                item.created_at.to_rfc3339(),
                item.updated_at.to_rfc3339(),
            ];
            cells.extend(keys.iter().map(|k| {
                item.fields
                    .get(k)
                    .map(|v| self.value(v))
                    .unwrap_or_default()
            }));
            csv.row(cells);
        }
        csv.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{flow, people, sample_item, DANA, SAM};

    #[test]
    fn a_row_per_item_with_people_as_emails_and_text_defused() {
        let def = flow();
        let people = people();
        let campaigns = BTreeMap::from([(CampaignId(4), "Spring, 2026".to_string())]);
        let sheet = Sheet {
            definition: &def,
            people: &people,
            campaigns: &campaigns,
        };
        let mut item = sample_item();
        item.id = crate::domain::ItemId(12);
        item.title = "=HYPERLINK(\"x\")".into();
        item.owner = Some(SAM);
        item.campaign = Some(CampaignId(4));
        let first_field = def.fields[0].key.clone();
        item.fields
            .insert(first_field.clone(), FieldValue::Person(DANA));
        item.fields.insert(
            FieldKey::new("left_over"),
            FieldValue::Text("from version 1".into()),
        );
        let csv = sheet.csv(&[item]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        let header: Vec<&str> = lines[0].split(',').collect();
        assert_eq!(&header[..BASE_COLUMNS.len()], BASE_COLUMNS.as_slice());
        assert_eq!(header[BASE_COLUMNS.len()], format!("field:{first_field}"));
        assert_eq!(
            header.last(),
            Some(&"field:left_over"),
            "fields no longer defined come last"
        );
        let row = lines[1];
        assert!(
            row.starts_with("12,\"'=HYPERLINK(\"\"x\"\")\",flow,brief,"),
            "{row}"
        );
        assert!(row.contains(",sam@example.com,"), "{row}");
        assert!(row.contains(",\"Spring, 2026\","), "{row}");
        assert!(row.contains(",dana@example.com,"), "{row}");
        assert!(row.ends_with(",from version 1"), "{row}");
        assert_eq!(lines.len(), 3, "a header, one row, and the final line end");
    }
}
