//! The calendar in the browser: entries per day held in signals, and moves
//! that show at once, are confirmed by the server, and go back when refused.

use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dom;
use crate::api::calendar::{reschedule_item, CalendarData, DayView, EntryView};
use crate::domain::calendar::full_date;
use crate::domain::ItemId;

/// How a message after a change is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// It worked.
    Done,
    /// It worked, but mind this.
    Warning,
    /// It did not work.
    Error,
}

/// What happened after a change, shown above the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// How to show it.
    pub tone: Tone,
    /// What happened.
    pub text: String,
    /// Details, e.g. warnings.
    pub details: Vec<String>,
    /// A link to what changed.
    pub link: Option<(String, String)>,
}

/// What the page keeps while the calendar's data is reloaded: open dialogs and messages.
#[derive(Debug, Clone, Copy)]
pub struct CalendarUi {
    /// The entry whose reschedule dialog is open.
    pub moving: RwSignal<Option<EntryView>>,
    /// The day whose "new item" form is open.
    pub creating: RwSignal<Option<NaiveDate>>,
    /// The message about the last change.
    pub notice: RwSignal<Option<Notice>>,
    /// The entry moved last, to focus again if a reload redraws it.
    pub last_moved: RwSignal<Option<ItemId>>,
    /// Whether the planning rules form is open.
    pub rules_open: RwSignal<bool>,
}

impl CalendarUi {
    /// Nothing open, nothing said.
    pub fn new() -> Self {
        CalendarUi {
            moving: RwSignal::new(None),
            creating: RwSignal::new(None),
            notice: RwSignal::new(None),
            last_moved: RwSignal::new(None),
            rules_open: RwSignal::new(false),
        }
    }

    /// Shows (and so announces) a message.
    pub fn tell(&self, notice: Notice) {
        self.notice.set(Some(notice));
    }
}

impl Default for CalendarUi {
    fn default() -> Self {
        Self::new()
    }
}

/// One day as the browser holds it.
#[derive(Debug, Clone)]
pub struct Day {
    /// What the server said about the day.
    pub view: DayView,
    /// Its entries, changed by moves.
    pub entries: RwSignal<Vec<EntryView>>,
}

/// Where a dragged entry is over: a day, and in the week view a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The day.
    pub date: NaiveDate,
    /// What the slot says about the time.
    pub slot: Slot,
}

/// The time a drop asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Keep the entry's own time (a day of the month, the agenda).
    Keep,
    /// All day.
    AllDay,
    /// This time.
    At(NaiveTime),
}

impl Target {
    /// Reads a spot from the page.
    pub fn from_spot(spot: &dom::Spot) -> Option<Target> {
        let date = NaiveDate::parse_from_str(&spot.date, "%Y-%m-%d").ok()?;
        let slot = match spot.slot.as_deref() {
            None => Slot::Keep,
            Some("all-day") => Slot::AllDay,
            Some(time) => Slot::At(NaiveTime::parse_from_str(time, "%H:%M").ok()?),
        };
        Some(Target { date, slot })
    }

    /// The time an entry gets when dropped here.
    pub fn time_for(&self, entry: &EntryView) -> Option<NaiveTime> {
        match self.slot {
            Slot::Keep => entry.time,
            Slot::AllDay => None,
            Slot::At(time) => Some(time),
        }
    }
}

/// Everything the calendar's pieces share.
#[derive(Debug, Clone, Copy)]
pub struct Cal {
    /// The days shown.
    pub days: StoredValue<Vec<Day>>,
    /// Items without a date.
    pub tray: RwSignal<Vec<EntryView>>,
    /// Today, for the viewer.
    pub today: NaiveDate,
    /// Whether the viewer may move and add entries.
    pub can_work: bool,
    /// Where a dragged entry is.
    pub target: RwSignal<Option<Target>>,
    /// Entries this calendar is moving right now (their live notices are its own).
    pub pending: StoredValue<Vec<ItemId>>,
    /// The page's dialogs and messages.
    pub ui: CalendarUi,
}

impl Cal {
    /// The browser's calendar for what the server sent.
    pub fn new(data: &CalendarData, ui: CalendarUi) -> Self {
        let days = data
            .days
            .iter()
            .map(|d| Day {
                view: d.clone(),
                entries: RwSignal::new(d.entries.clone()),
            })
            .collect();
        Cal {
            days: StoredValue::new(days),
            tray: RwSignal::new(data.unscheduled.clone()),
            today: data.today,
            can_work: data.can_work,
            target: RwSignal::new(None),
            pending: StoredValue::new(Vec::new()),
            ui,
        }
    }

    /// The day shown for a date.
    pub fn day(&self, date: NaiveDate) -> Option<Day> {
        self.days
            .with_value(|days| days.iter().find(|d| d.view.date == date).cloned())
    }

    /// Whether a live notice about `id` at `version` tells this calendar
    /// nothing new: it shows that version already, or is moving the entry itself.
    pub fn knows(&self, id: ItemId, version: u32) -> bool {
        self.pending.with_value(|p| p.contains(&id))
            || self.version_of(id).is_some_and(|v| v >= version)
    }

    /// The version of an entry this calendar shows, if it shows it.
    pub fn version_of(&self, id: ItemId) -> Option<u32> {
        let in_days = self.days.with_value(|days| {
            days.iter().find_map(|d| {
                d.entries
                    .with_untracked(|es| es.iter().find(|e| e.id == id).map(|e| e.version))
            })
        });
        in_days.or_else(|| {
            self.tray
                .with_untracked(|es| es.iter().find(|e| e.id == id).map(|e| e.version))
        })
    }

    /// Takes an entry off its day or the tray; says where it was.
    fn take(&self, id: ItemId) -> Option<(Option<NaiveDate>, usize, EntryView)> {
        let from_day = self.days.with_value(|days| {
            days.iter().find_map(|d| {
                let at = d
                    .entries
                    .with_untracked(|es| es.iter().position(|e| e.id == id))?;
                let mut taken = None;
                d.entries.update(|es| taken = Some(es.remove(at)));
                taken.map(|e| (Some(d.view.date), at, e))
            })
        });
        from_day.or_else(|| {
            let at = self
                .tray
                .with_untracked(|es| es.iter().position(|e| e.id == id))?;
            let mut taken = None;
            self.tray.update(|es| taken = Some(es.remove(at)));
            taken.map(|e| (None, at, e))
        })
    }

    /// Puts an entry on its day (if shown), in time order.
    fn put(&self, entry: EntryView) {
        if let Some(day) = entry.date.and_then(|d| self.day(d)) {
            day.entries.update(|es| {
                let at = es
                    .iter()
                    .position(|e| (e.time, &e.title) > (entry.time, &entry.title))
                    .unwrap_or(es.len());
                es.insert(at, entry);
            });
        }
    }

    /// Puts an entry back where it was before a move.
    fn restore(&self, from: Option<NaiveDate>, at: usize, entry: EntryView) {
        let _ = self.take(entry.id);
        match from.and_then(|d| self.day(d)) {
            Some(day) => day.entries.update(|es| es.insert(at.min(es.len()), entry)),
            None => self.tray.update(|es| es.insert(at.min(es.len()), entry)),
        }
    }

    /// Moves an entry to `date` at `time` (`None`: all day): shown at once,
    /// confirmed by the server, put back with the reason if refused.
    pub fn reschedule(self, entry: EntryView, date: NaiveDate, time: Option<NaiveTime>) {
        if entry.date == Some(date) && entry.time == time {
            return;
        }
        let Some((from, at, current)) = self.take(entry.id) else {
            return;
        };
        let id = current.id;
        let title = current.title.clone();
        self.put(EntryView {
            date: Some(date),
            time,
            ..current.clone()
        });
        self.ui.moving.set(None);
        self.ui.last_moved.set(Some(id));
        self.pending.update_value(|p| p.push(id));
        let when = full_date(date);
        spawn_local(async move {
            let answer = reschedule_item(id, current.version, date, time).await;
            self.pending.update_value(|p| p.retain(|p| *p != id));
            match answer {
                Ok(done) => {
                    let _ = self.take(id);
                    self.put(done.entry);
                    let tone = if done.warnings.is_empty() {
                        Tone::Done
                    } else {
                        Tone::Warning
                    };
                    self.ui.tell(Notice {
                        tone,
                        text: format!("Moved {title} to {when}."),
                        details: done.warnings,
                        link: None,
                    });
                    dom::focus_later(format!("entry-{id}"), true);
                }
                Err(error) => {
                    self.restore(from, at, current);
                    self.ui.tell(Notice {
                        tone: Tone::Error,
                        text: format!("{title} did not move: {error}"),
                        details: Vec::new(),
                        link: None,
                    });
                    dom::focus_later(format!("entry-{id}"), true);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(time: Option<NaiveTime>) -> EntryView {
        EntryView {
            id: ItemId(1),
            version: 1,
            title: "Post".into(),
            channel: crate::domain::Channel::Blog,
            owner: None,
            workflow: "Content".into(),
            campaign: None,
            status: "Draft".into(),
            risk: None,
            date: None,
            time,
            trending_late: None,
        }
    }

    #[test]
    fn a_drop_keeps_the_time_on_a_day_and_takes_the_slot_in_the_week() {
        let spot = |slot: Option<&str>| dom::Spot {
            date: "2026-12-07".into(),
            slot: slot.map(str::to_owned),
        };
        let nine = NaiveTime::from_hms_opt(9, 30, 0);
        let day = Target::from_spot(&spot(None)).unwrap();
        assert_eq!(day.date, NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
        assert_eq!(day.time_for(&entry(nine)), nine);
        assert_eq!(
            day.time_for(&entry(None)),
            None,
            "a tray item lands all day"
        );
        let slot = Target::from_spot(&spot(Some("14:00"))).unwrap();
        assert_eq!(
            slot.time_for(&entry(nine)),
            NaiveTime::from_hms_opt(14, 0, 0)
        );
        let all_day = Target::from_spot(&spot(Some("all-day"))).unwrap();
        assert_eq!(all_day.time_for(&entry(nine)), None);
        let bad = dom::Spot {
            date: "someday".into(),
            slot: None,
        };
        assert_eq!(Target::from_spot(&bad), None);
    }
}
