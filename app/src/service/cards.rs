//! How a card looks: its badges and a refusal's fixes, worked out from the
//! engine's own functions so the board says exactly what the engine decides.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, TimeDelta, Utc};

use crate::domain::gates::entry_reasons;
use crate::domain::{
    approval_progress, leave_reasons, sla_status, CampaignId, Ctx, Item, People, PersonId, Reason,
    ReasonKind, SlaStatus, StageKey, Verdict, WorkflowDefinition, WorkingHours,
};
use crate::views::board::{Blocker, CardView, Fix, SlaBadge, SlaLevel};
use crate::views::tags::{CampaignTag, PersonTag};

/// What every card of a board is presented with.
#[derive(Debug, Clone)]
pub struct Presenter {
    /// The team directory.
    pub people: People,
    /// Campaign names.
    pub campaigns: BTreeMap<CampaignId, String>,
    /// Active cards per stage (for "the next stage is full").
    pub counts: BTreeMap<StageKey, u32>,
    /// Who is looking.
    pub viewer: PersonId,
    /// Now.
    pub now: DateTime<Utc>,
    /// The team's working hours, for business-hours SLAs.
    pub hours: WorkingHours,
}

/// A person as a tag.
pub fn person_tag(people: &People, id: PersonId) -> Option<PersonTag> {
    people.get(id).map(|p| PersonTag {
        id: p.id,
        name: p.name.clone(),
        initials: crate::auth::initials(&p.name),
        role: p.role,
    })
}

/// Everyone as tags.
pub fn person_tags(people: &People) -> Vec<PersonTag> {
    people
        .persons
        .iter()
        .filter_map(|p| person_tag(people, p.id))
        .collect()
}

/// Every campaign as tags.
pub fn campaign_tags(campaigns: &BTreeMap<CampaignId, String>) -> Vec<CampaignTag> {
    let mut tags: Vec<CampaignTag> = campaigns
        .iter()
        .map(|(id, name)| CampaignTag {
            id: *id,
            name: name.clone(),
        })
        .collect();
    tags.sort_by(|a, b| a.name.cmp(&b.name));
    tags
}

/// A duration in the largest two units that matter: "2d 3h", "5h", "20m".
pub fn span(delta: TimeDelta) -> String {
    let minutes = delta.num_minutes().max(1);
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins}m"),
        (0, h) => format!("{h}h"),
        (d, 0) => format!("{d}d"),
        (d, h) => format!("{d}d {h}h"),
    }
}

/// A date for a card: "Mar 14", with the year when it is not this year's.
pub fn short_date(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    if at.year() == now.year() {
        at.format("%b %-d").to_string()
    } else {
        at.format("%b %-d, %Y").to_string()
    }
}

impl Presenter {
    /// The card of `item`, which follows `def`.
    pub fn card(&self, item: &Item, def: &WorkflowDefinition) -> CardView {
        let stage = def.stage(&item.stage);
        let last = def.stages.last().is_some_and(|s| s.key == item.stage);
        let active = !item.is_archived() && !last;
        let checklist = stage.filter(|s| !s.checklist.is_empty()).map(|s| {
            let ticked = s
                .checklist
                .iter()
                .filter(|l| item.is_ticked(&s.key, &l.key))
                .count();
            (ticked as u32, s.checklist.len() as u32)
        });
        let approval = stage.and_then(|s| s.approval.as_ref()).map(|policy| {
            let progress = approval_progress(policy, item);
            let changes = item
                .approvals
                .values()
                .any(|d| matches!(d.verdict, Verdict::ChangesRequested { .. }));
            if changes {
                "Changes requested".to_string()
            } else if progress.satisfied {
                "Approved".to_string()
            } else if item.is_submitted() {
                format!(
                    "{} of {} approved",
                    progress.approved.len(),
                    progress.needed
                )
            } else {
                "Approval not requested yet".to_string()
            }
        });
        let sla = stage.and_then(|s| match sla_status(s, item, self.now, &self.hours) {
            SlaStatus::None => None,
            SlaStatus::OnTrack { due } => Some(SlaBadge {
                level: SlaLevel::OnTrack,
                label: format!("SLA on track, {} left", span(due - self.now)),
            }),
            SlaStatus::DueSoon { due } => Some(SlaBadge {
                level: SlaLevel::DueSoon,
                label: format!("SLA due soon, {} left", span(due - self.now)),
            }),
            SlaStatus::Breached { due } => Some(SlaBadge {
                level: SlaLevel::Breached,
                label: format!("SLA breached {} ago", span(self.now - due)),
            }),
        });
        CardView {
            id: item.id,
            version: item.version,
            title: item.title.clone(),
            stage: item.stage.clone(),
            owner: item.owner.and_then(|o| person_tag(&self.people, o)),
            due: item.due.map(|d| format!("Due {}", short_date(d, self.now))),
            overdue: active && item.due.is_some_and(|d| d < self.now),
            channel: item.channel,
            campaign: item.campaign.and_then(|c| self.campaigns.get(&c).cloned()),
            checklist,
            approval,
            sla,
            blocked: if active {
                self.blocked(item, def)
            } else {
                None
            },
            priority: item.priority,
            archived: item.is_archived(),
        }
    }

    /// What holds the card up that its owner cannot fix alone: approvers, a full next stage.
    fn blocked(&self, item: &Item, def: &WorkflowDefinition) -> Option<String> {
        let stage = def.stage(&item.stage)?;
        let actor = self
            .people
            .get(self.viewer)
            .or_else(|| self.people.persons.first())?;
        let ctx = Ctx::new(actor, &self.people, self.now).with_stage_counts(self.counts.clone());
        let mut reasons = leave_reasons(def, stage, item, &ctx);
        if let Some(next) = def.next_stage(&item.stage) {
            reasons.extend(entry_reasons(next, item, &ctx));
        }
        let held: Vec<String> = reasons
            .into_iter()
            .filter(|r| {
                matches!(
                    r.kind,
                    ReasonKind::PendingApproval { .. } | ReasonKind::WipLimit { .. }
                )
            })
            .map(|r| r.message)
            .collect();
        (!held.is_empty()).then(|| held.join("; "))
    }
}

/// Each reason of a refusal with its particulars and a link to fix it.
pub fn blockers(
    item: &Item,
    def: &WorkflowDefinition,
    people: &People,
    reasons: &[Reason],
) -> Vec<Blocker> {
    let at = |anchor: &str, label: &str| {
        Some(Fix {
            label: label.to_string(),
            href: format!("/items/{}#{anchor}", item.id),
        })
    };
    reasons
        .iter()
        .map(|reason| {
            let (details, fix) = match &reason.kind {
                ReasonKind::MissingField { field } | ReasonKind::InvalidField { field } => (
                    Vec::new(),
                    at(
                        &format!("field-{field}"),
                        &format!("Fill in {}", def.field_label(field)),
                    ),
                ),
                ReasonKind::UncheckedChecklist { stage, items } => {
                    let lines = def
                        .stage(stage)
                        .map(|s| s.checklist.as_slice())
                        .unwrap_or_default();
                    let labels = items
                        .iter()
                        .map(|key| {
                            lines
                                .iter()
                                .find(|l| &l.key == key)
                                .map_or_else(|| key.to_string(), |l| l.label.clone())
                        })
                        .collect();
                    (labels, at("checklist", "Tick the checklist"))
                }
                ReasonKind::PendingApproval { waiting_on, .. } => {
                    let names = waiting_on
                        .iter()
                        .map(|p| format!("Waiting on {}", people.name_of(*p)))
                        .collect();
                    (names, at("approvals", "See the approvals"))
                }
                ReasonKind::NotSubmitted => (Vec::new(), at("approvals", "Submit for approval")),
                ReasonKind::MissingSchedule { .. } => {
                    (Vec::new(), at("field-schedule", "Set the publish date"))
                }
                ReasonKind::MissingCampaign => {
                    (Vec::new(), at("field-campaign", "Choose a campaign"))
                }
                ReasonKind::Archived => (Vec::new(), at("archive", "Restore it")),
                _ => (Vec::new(), None),
            };
            Blocker {
                message: reason.message.clone(),
                details,
                fix,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_use_the_two_largest_units() {
        assert_eq!(span(TimeDelta::minutes(20)), "20m");
        assert_eq!(span(TimeDelta::seconds(5)), "1m");
        assert_eq!(span(TimeDelta::hours(5)), "5h");
        assert_eq!(span(TimeDelta::hours(51)), "2d 3h");
        assert_eq!(span(TimeDelta::days(3)), "3d");
    }
}
