//! Planning one action into a step, given the item as the earlier steps left it.

use super::super::definition::WorkflowDefinition;
use super::super::fields::FieldValue;
use super::super::ids::{CampaignId, FieldKey, PersonId};
use super::super::item::Item;
use super::super::people::People;
use super::action::{Action, FieldSource};
use super::rule::Rule;
use super::signal::{MetricReading, MetricTarget, Signal};
use super::step::{ItemChange, ItemToCreate, Notification, RoundRobinTurn, Step, WebhookCall};
use super::template::{render, Fill};
use super::words::Names;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What every action of one run is planned with.
pub(super) struct Planner<'a> {
    pub rule: &'a Rule,
    pub signal: &'a Signal,
    pub names: &'a Names<'a>,
    pub def: Option<&'a WorkflowDefinition>,
    pub date: NaiveDate,
    pub open_items: &'a BTreeMap<PersonId, u32>,
}

impl Planner<'_> {
    pub(super) fn people(&self) -> &People {
        self.names.catalog.people
    }

    fn reading(&self) -> Option<&MetricReading> {
        self.signal.reading_of()
    }

    /// The campaign of the item, or of the campaign whose metric was recorded.
    fn campaign(&self, item: Option<&Item>) -> Option<CampaignId> {
        item.and_then(|i| i.campaign).or(match self.reading() {
            Some(MetricReading {
                target: MetricTarget::Campaign { campaign },
                ..
            }) => Some(*campaign),
            _ => None,
        })
    }

    fn render(
        &self,
        template: &str,
        item: Option<&Item>,
        def: Option<&WorkflowDefinition>,
    ) -> String {
        let fill = Fill {
            item,
            def,
            reading: self.reading(),
            campaign: self.campaign(item),
            rule: &self.rule.name,
            date: self.date,
        };
        render(template, &fill, self.names)
    }

    fn value(
        &self,
        def: &WorkflowDefinition,
        field: &FieldKey,
        source: &FieldSource,
        item: Option<&Item>,
    ) -> Result<Option<FieldValue>, String> {
        let Some(target) = def.field(field) else {
            return Err(format!("{} has no field “{field}”", def.name));
        };
        match source {
            FieldSource::Value { value } => Ok(Some(value.clone())),
            FieldSource::Text { template } => {
                let text = self.render(template, item, self.def);
                if text.is_empty() {
                    return Ok(None);
                }
                target.parse(&text).map(Some)
            }
            FieldSource::CopyOf { field: from } => match item {
                Some(item) => Ok(item.filled(from).cloned()),
                None => Err("This run has no item to copy from".to_owned()),
            },
        }
    }

    /// Plans one action; `Err` says why it cannot be planned.
    pub fn plan(
        &self,
        action: &Action,
        item: Option<&Item>,
        cursors: &mut BTreeMap<String, PersonId>,
    ) -> Result<(Step, Option<RoundRobinTurn>), String> {
        let change = |c: ItemChange| Ok((Step::Change(c), None));
        let with_item = || item.ok_or_else(|| "This run has no item to act on".to_owned());
        match action {
            Action::Notify { to, message } => {
                let recipients = self.recipients(to, item)?;
                let message = self.render(message, item, self.def);
                if message.is_empty() {
                    return Err("The message came out empty".to_owned());
                }
                let item = item.map(|i| i.id);
                Ok((
                    Step::Notify(Notification {
                        recipients,
                        message,
                        item,
                    }),
                    None,
                ))
            }
            Action::Assign { to, keep_others } => {
                let item = with_item()?;
                let (person, turn) = self.assignee(to, item, cursors)?;
                let mut assignees = if *keep_others {
                    item.assignees.clone()
                } else {
                    Vec::new()
                };
                if !assignees.contains(&person) {
                    assignees.push(person);
                }
                Ok((Step::Change(ItemChange::Assign { assignees }), turn))
            }
            Action::MoveTo { stage } => {
                with_item()?;
                let def = self.def.ok_or("The item's workflow is not known")?;
                if def.stage(stage).is_none() {
                    return Err(format!("{} has no stage “{stage}”", def.name));
                }
                let reason = format!("By automation: {}", self.rule.name);
                change(ItemChange::MoveTo {
                    stage: stage.clone(),
                    reason,
                })
            }
            Action::SetField { field, to } => {
                let item = with_item()?;
                let def = self.def.ok_or("The item's workflow is not known")?;
                let value = match to {
                    None if def.field(field).is_none() => {
                        return Err(format!("{} has no field “{field}”", def.name))
                    }
                    None => None,
                    Some(source) => self.value(def, field, source, Some(item))?,
                };
                change(ItemChange::SetField {
                    field: field.clone(),
                    value,
                })
            }
            Action::Comment { text } => {
                let item = with_item()?;
                change(ItemChange::Comment {
                    text: self.render(text, Some(item), self.def),
                })
            }
            Action::SubmitForApproval => {
                with_item()?;
                change(ItemChange::Submit)
            }
            Action::Escalate { reason } => {
                let item = with_item()?;
                let reason = self.render(reason, Some(item), self.def);
                change(ItemChange::Escalate {
                    reason: (!reason.is_empty()).then_some(reason),
                })
            }
            Action::CreateItem {
                workflow,
                title,
                values,
                channel,
                link_campaign,
            } => {
                let Some(target) = self.names.catalog.workflow(workflow) else {
                    return Err(format!(
                        "There is no workflow “{workflow}” to create the item in"
                    ));
                };
                let title = self.render(title, item, self.def);
                if title.is_empty() {
                    return Err("The title came out empty".to_owned());
                }
                let mut fields = BTreeMap::new();
                for (key, source) in values {
                    if let Some(value) = self.value(target, key, source, item)? {
                        fields.insert(key.clone(), value);
                    }
                }
                let known = |id: &PersonId| self.people().get(*id).is_some();
                let owner = item
                    .and_then(|i| i.owner)
                    .filter(known)
                    .or(Some(self.rule.owner).filter(known));
                let create = ItemToCreate {
                    workflow: target.id.clone(),
                    title,
                    fields,
                    channel: channel.or(item.map(|i| i.channel)).unwrap_or_default(),
                    campaign: if *link_campaign {
                        self.campaign(item)
                    } else {
                        None
                    },
                    owner,
                    from_item: item.map(|i| i.id),
                };
                Ok((Step::Create(create), None))
            }
            Action::CallWebhook { endpoint } => {
                if !self.names.catalog.endpoints.contains_key(endpoint) {
                    return Err(format!("Webhook #{endpoint} no longer exists"));
                }
                let call = WebhookCall {
                    endpoint: *endpoint,
                    rule: self.rule.id,
                    signal: self.signal.id.clone(),
                    item: item.map(|i| i.id),
                };
                Ok((Step::Webhook(call), None))
            }
        }
    }
}
