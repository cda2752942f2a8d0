//! Message templates: text that names facts of the run in braces, e.g.
//! "Open rate of {title} is {value}" or "Subject: {field:subject_line}".
//!
//! Placeholders: `{title}`, `{stage}`, `{workflow}`, `{owner}`, `{assignees}`, `{channel}`,
//! `{priority}`, `{campaign}`, `{field:<key>}`, `{metric}`, `{value}`, `{rule}` and
//! `{date}`; `{{` and `}}` write a brace.

use super::super::definition::WorkflowDefinition;
use super::super::ids::{CampaignId, FieldKey};
use super::super::item::Item;
use super::signal::MetricReading;
use super::words::{labels, Names};
use chrono::NaiveDate;

/// A fact a template can name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placeholder {
    /// The item's title.
    Title,
    /// The item's current stage.
    Stage,
    /// The item's workflow.
    Workflow,
    /// The item's owner.
    Owner,
    /// The item's assignees.
    Assignees,
    /// The item's channel.
    Channel,
    /// The item's priority.
    Priority,
    /// The campaign of the item (or of the campaign's metric).
    Campaign,
    /// A field of the item.
    Field(FieldKey),
    /// The metric measured.
    Metric,
    /// The value measured.
    Value,
    /// The rule's name.
    Rule,
    /// The date of the run (the slot's date for a schedule), in the workspace's time zone.
    Date,
}

/// Every placeholder name, for messages about unknown ones.
pub const PLACEHOLDERS: &str = "{title}, {stage}, {workflow}, {owner}, {assignees}, {channel}, \
{priority}, {campaign}, {field:<key>}, {metric}, {value}, {rule}, {date}";

impl Placeholder {
    fn read(name: &str) -> Option<Self> {
        let name = name.trim();
        if let Some(key) = name.strip_prefix("field:") {
            let key = key.trim();
            return (!key.is_empty()).then(|| Placeholder::Field(FieldKey::new(key)));
        }
        Some(match name {
            "title" => Placeholder::Title,
            "stage" => Placeholder::Stage,
            "workflow" => Placeholder::Workflow,
            "owner" => Placeholder::Owner,
            "assignees" => Placeholder::Assignees,
            "channel" => Placeholder::Channel,
            "priority" => Placeholder::Priority,
            "campaign" => Placeholder::Campaign,
            "metric" => Placeholder::Metric,
            "value" => Placeholder::Value,
            "rule" => Placeholder::Rule,
            "date" => Placeholder::Date,
            _ => return None,
        })
    }

    /// Whether it names something of the item.
    pub fn needs_item(&self) -> bool {
        !matches!(
            self,
            Placeholder::Metric
                | Placeholder::Value
                | Placeholder::Rule
                | Placeholder::Date
                | Placeholder::Campaign
        )
    }
}

/// A piece of a template.
enum Piece<'t> {
    Text(&'t str),
    Fact(Placeholder),
}

fn pieces(template: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push(Piece::Text(&rest[..i]));
        let brace = &rest[i..i + 1];
        let after = &rest[i + 1..];
        if after.starts_with(brace) {
            out.push(Piece::Text(brace));
            rest = &after[1..];
        } else if brace == "}" {
            return Err("A } has no opening { (write }} for a brace)".to_owned());
        } else {
            let Some(end) = after.find('}') else {
                return Err("A { has no closing } (write {{ for a brace)".to_owned());
            };
            let name = &after[..end];
            let fact = Placeholder::read(name).ok_or_else(|| {
                format!("{{{name}}} is not something a message can name (use {PLACEHOLDERS})")
            })?;
            out.push(Piece::Fact(fact));
            rest = &after[end + 1..];
        }
    }
    out.push(Piece::Text(rest));
    Ok(out)
}

/// The placeholders a template uses, or why it cannot be read.
pub fn placeholders(template: &str) -> Result<Vec<Placeholder>, String> {
    Ok(pieces(template)?
        .into_iter()
        .filter_map(|p| match p {
            Piece::Fact(f) => Some(f),
            Piece::Text(_) => None,
        })
        .collect())
}

/// The facts a template is filled with.
pub(super) struct Fill<'a> {
    pub item: Option<&'a Item>,
    pub def: Option<&'a WorkflowDefinition>,
    pub reading: Option<&'a MetricReading>,
    pub campaign: Option<CampaignId>,
    pub rule: &'a str,
    pub date: NaiveDate,
}

fn fact(fact: &Placeholder, fill: &Fill, names: &Names) -> Option<String> {
    let people = names.catalog.people;
    let item = fill.item;
    Some(match fact {
        Placeholder::Title => item?.title.clone(),
        Placeholder::Stage => names.stage(&item?.stage),
        Placeholder::Workflow => fill.def.map_or_else(
            || {
                names
                    .catalog
                    .workflow_name(&item.map(|i| i.workflow_id.clone()).unwrap_or_default())
            },
            |d| d.name.clone(),
        ),
        Placeholder::Owner => item?
            .owner
            .map_or_else(|| "nobody".to_owned(), |o| people.name_of(o)),
        Placeholder::Assignees => match &item?.assignees {
            list if list.is_empty() => "nobody".to_owned(),
            list => people.names_of(list),
        },
        Placeholder::Channel => item?.channel.label().to_owned(),
        Placeholder::Priority => labels::priority(item?.priority).to_owned(),
        Placeholder::Campaign => fill.campaign.map_or_else(
            || "no campaign".to_owned(),
            |c| names.catalog.campaign_name(c),
        ),
        Placeholder::Field(key) => item?.filled(key).map_or_else(String::new, |v| match v {
            super::super::fields::FieldValue::Text(t) => t.clone(),
            other => labels::value(other, names),
        }),
        Placeholder::Metric => fill.reading?.metric.words(),
        Placeholder::Value => {
            let reading = fill.reading?;
            reading.metric.value_words(reading.value)
        }
        Placeholder::Rule => fill.rule.to_owned(),
        Placeholder::Date => fill.date.format("%-d %B %Y").to_string(),
    })
}

/// Fills a template; a fact the run does not have (no item, nothing measured) is left as
/// written, so the gap shows.
pub(super) fn render(template: &str, fill: &Fill, names: &Names) -> String {
    let Ok(pieces) = pieces(template) else {
        return template.to_owned();
    };
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Fact(f) => match fact(&f, fill, names) {
                Some(value) => out.push_str(&value),
                None => {
                    out.push('{');
                    out.push_str(&match &f {
                        Placeholder::Field(key) => format!("field:{key}"),
                        other => format!("{other:?}").to_lowercase(),
                    });
                    out.push('}');
                }
            },
        }
    }
    out.trim().to_owned()
}
