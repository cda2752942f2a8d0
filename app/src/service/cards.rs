//! How a card looks: its badges and a refusal's fixes, worked out from the
//! engine's own functions so the board says exactly what the engine decides.

use super::present::Presenter;
use crate::domain::gates::entry_reasons;
use crate::domain::{
    approval_progress_among, leave_reasons, sla_status, words, Ctx, Item, People, Reason,
    ReasonKind, SlaStatus, Verdict, WorkflowDefinition,
};
use crate::views::board::{Blocker, CardView, Fix, SlaBadge, SlaLevel};

impl Presenter {
    /// The card of `item`, if the definition it follows was learned.
    pub fn card(&self, item: &Item) -> Option<CardView> {
        self.definition(item).map(|def| self.card_of(item, def))
    }

    /// The card of `item`, which follows `def`.
    fn card_of(&self, item: &Item, def: &WorkflowDefinition) -> CardView {
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
            let progress = approval_progress_among(policy, item, &self.people);
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
                label: format!(
                    "SLA on track, {} left",
                    words::duration_short(due - self.now)
                ),
            }),
            SlaStatus::DueSoon { due } => Some(SlaBadge {
                level: SlaLevel::DueSoon,
                label: format!(
                    "SLA due soon, {} left",
                    words::duration_short(due - self.now)
                ),
            }),
            SlaStatus::Breached { due } => Some(SlaBadge {
                level: SlaLevel::Breached,
                label: format!("SLA breached {} ago", words::duration_short(self.now - due)),
            }),
        });
        CardView {
            id: item.id,
            version: item.version,
            title: item.title.clone(),
            stage: item.stage.clone(),
            owner: item.owner.and_then(|o| self.person_tag(o)),
            due: item.due.map(|d| {
                let day = d.with_timezone(&self.zone).date_naive();
                format!("Due {}", words::day_near(day, self.today))
            }),
            overdue: active && item.due.is_some_and(|d| d < self.now),
            channel: item.channel,
            campaign: self.campaign_name(item.campaign),
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
            trending_late: if active { self.late_reason(item) } else { None },
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
