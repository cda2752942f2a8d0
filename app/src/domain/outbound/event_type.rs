//! The event types an outbound webhook (or a chat channel) can subscribe to, named as
//! Standard Webhooks payloads name them (`item.stage_changed`), and the item events and
//! notices that give rise to them.

use serde::{Deserialize, Serialize};

use crate::domain::events::EventKind;
use crate::domain::notify::NoticeKind;

/// A kind of event Baton sends out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EventType {
    /// An item was created (by hand, from a template, an intake form, a hook or a rule).
    #[serde(rename = "item.created")]
    ItemCreated,
    /// An item changed stage (forward, back, on approval, for revision, to a new version).
    #[serde(rename = "item.stage_changed")]
    ItemStageChanged,
    /// An item was given a publish, send or launch date, or its date changed.
    #[serde(rename = "item.scheduled")]
    ItemScheduled,
    /// An approver approved or requested changes.
    #[serde(rename = "approval.decided")]
    ApprovalDecided,
    /// Three quarters of a stage's SLA are used.
    #[serde(rename = "sla.reminder")]
    SlaReminder,
    /// An item was escalated.
    #[serde(rename = "sla.escalated")]
    SlaEscalated,
    /// An automation rule's "call a webhook" action.
    #[serde(rename = "automation.called")]
    AutomationCalled,
}

impl EventType {
    /// Every type, in the order the settings page lists them.
    pub const ALL: [EventType; 7] = [
        EventType::ItemCreated,
        EventType::ItemStageChanged,
        EventType::ItemScheduled,
        EventType::ApprovalDecided,
        EventType::SlaReminder,
        EventType::SlaEscalated,
        EventType::AutomationCalled,
    ];

    /// The payload's `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::ItemCreated => "item.created",
            EventType::ItemStageChanged => "item.stage_changed",
            EventType::ItemScheduled => "item.scheduled",
            EventType::ApprovalDecided => "approval.decided",
            EventType::SlaReminder => "sla.reminder",
            EventType::SlaEscalated => "sla.escalated",
            EventType::AutomationCalled => "automation.called",
        }
    }

    /// Reads a payload type back.
    pub fn parse(text: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// In words, for the settings page.
    pub fn label(self) -> &'static str {
        match self {
            EventType::ItemCreated => "An item is created",
            EventType::ItemStageChanged => "An item changes stage",
            EventType::ItemScheduled => "An item is scheduled",
            EventType::ApprovalDecided => "An approval is decided",
            EventType::SlaReminder => "A review is about to miss its SLA",
            EventType::SlaEscalated => "An item is escalated",
            EventType::AutomationCalled => "A rule calls this webhook",
        }
    }

    /// The type an item event is sent as, if any: many events (a title edited, a box
    /// ticked) are the board's business, not other systems'.
    pub fn of_event(kind: &EventKind) -> Option<EventType> {
        Some(match kind {
            EventKind::Created { .. } => EventType::ItemCreated,
            EventKind::MovedForward { .. }
            | EventKind::MovedBack { .. }
            | EventKind::AdvancedOnApproval { .. }
            | EventKind::ReturnedForRevision { .. }
            | EventKind::SentBackToBrief { .. } => EventType::ItemStageChanged,
            EventKind::MovedToVersion { from, to, .. } if from != to => EventType::ItemStageChanged,
            EventKind::ScheduleChanged { to: Some(_), .. } => EventType::ItemScheduled,
            EventKind::Approved { .. } | EventKind::ChangesRequested { .. } => {
                EventType::ApprovalDecided
            }
            EventKind::Escalated { .. } => EventType::SlaEscalated,
            _ => return None,
        })
    }

    /// The type a notice is sent as, for notices that are not item events.
    pub fn of_notice(kind: NoticeKind) -> Option<EventType> {
        (kind == NoticeKind::Reminder).then_some(EventType::SlaReminder)
    }
}

/// Reads a stored list of subscribed types (`item.created item.scheduled`); unknown words
/// are dropped, so a type retired by a later Baton does not break an endpoint.
pub fn parse_list(text: &str) -> Vec<EventType> {
    let mut types: Vec<EventType> = text
        .split_whitespace()
        .filter_map(EventType::parse)
        .collect();
    types.sort();
    types.dedup();
    types
}

/// Writes a list of types the way [`parse_list`] reads it.
pub fn write_list(types: &[EventType]) -> String {
    types
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::item::Schedule;
    use crate::domain::StageKey;

    #[test]
    fn every_type_reads_back_from_its_name() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
            assert_eq!(
                serde_json::to_value(t).unwrap(),
                t.as_str(),
                "the API names it the same"
            );
            assert!(!t.label().is_empty());
        }
        assert_eq!(EventType::parse("item.deleted"), None);
    }

    #[test]
    fn stage_changes_of_every_kind_are_one_type_and_edits_are_none() {
        let (a, b) = (StageKey::new("draft"), StageKey::new("review"));
        let moves = [
            EventKind::MovedForward {
                from: a.clone(),
                to: b.clone(),
            },
            EventKind::MovedBack {
                from: b.clone(),
                to: a.clone(),
                reason: None,
            },
            EventKind::AdvancedOnApproval {
                from: a.clone(),
                to: b.clone(),
            },
            EventKind::ReturnedForRevision {
                from: b.clone(),
                to: a.clone(),
                round: 1,
            },
            EventKind::SentBackToBrief {
                from: b.clone(),
                to: a.clone(),
                feedback: "x".into(),
            },
            EventKind::MovedToVersion {
                from_version: 1,
                to_version: 2,
                from: a.clone(),
                to: b.clone(),
            },
        ];
        for kind in &moves {
            assert_eq!(
                EventType::of_event(kind),
                Some(EventType::ItemStageChanged),
                "{kind:?}"
            );
        }
        let same_stage = EventKind::MovedToVersion {
            from_version: 1,
            to_version: 2,
            from: a.clone(),
            to: a.clone(),
        };
        assert_eq!(EventType::of_event(&same_stage), None);
        assert_eq!(
            EventType::of_event(&EventKind::TitleChanged {
                from: "a".into(),
                to: "b".into()
            }),
            None
        );
        assert_eq!(
            EventType::of_event(&EventKind::ScheduleChanged {
                from: None,
                to: None
            }),
            None
        );
        let at = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 8, 9, 0, 0).unwrap();
        let scheduled = EventKind::ScheduleChanged {
            from: None,
            to: Some(Schedule { at, all_day: false }),
        };
        assert_eq!(
            EventType::of_event(&scheduled),
            Some(EventType::ItemScheduled)
        );
        assert_eq!(
            EventType::of_event(&EventKind::ChangesRequested {
                stage: b,
                feedback: "Tighten the intro".into()
            }),
            Some(EventType::ApprovalDecided)
        );
    }

    #[test]
    fn reminders_are_sent_as_sla_reminders() {
        assert_eq!(
            EventType::of_notice(NoticeKind::Reminder),
            Some(EventType::SlaReminder)
        );
        assert_eq!(EventType::of_notice(NoticeKind::Mentioned), None);
    }

    #[test]
    fn a_stored_list_survives_unknown_and_repeated_words() {
        let types = parse_list("item.scheduled item.created item.retired item.created");
        assert_eq!(types, [EventType::ItemCreated, EventType::ItemScheduled]);
        assert_eq!(parse_list(&write_list(&types)), types);
        assert_eq!(parse_list(""), []);
    }
}
