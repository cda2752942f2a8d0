//! The board in the browser: columns of cards held in signals, and moves that
//! show at once, are confirmed by the server, and go back when refused.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dom;
use crate::api::board::{
    board_card, move_card, Blocker, BoardNotice, BoardView, CardView, MoveResult,
};
use crate::domain::filter::BoardFilter;
use crate::domain::{ItemId, StageKey, WorkflowId};

/// A column as the browser holds it.
#[derive(Debug, Clone)]
pub struct Column {
    /// Stage key.
    pub key: StageKey,
    /// Stage name.
    pub name: String,
    /// WIP limit.
    pub wip_limit: Option<u32>,
    /// Where cards here move forward to.
    pub next: Option<StageKey>,
    /// Position on the board.
    pub index: usize,
    /// Active cards in the stage (what the WIP limit counts).
    pub count: RwSignal<u32>,
    /// Cards matching the filters.
    pub matching: RwSignal<u32>,
    /// The cards loaded so far.
    pub cards: RwSignal<Vec<CardView>>,
}

/// Why a card did not move, shown on the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The card.
    pub item: ItemId,
    /// The headline, e.g. "Can't move to Draft yet".
    pub heading: String,
    /// Every reason, with its fix.
    pub blockers: Vec<Blocker>,
}

/// Everything the board's pieces share.
#[derive(Debug, Clone, Copy)]
pub struct Board {
    /// The workflow.
    pub workflow: StoredValue<WorkflowId>,
    /// The filters the cards were loaded with.
    pub filter: StoredValue<BoardFilter>,
    /// Columns in stage order.
    pub columns: StoredValue<Vec<Column>>,
    /// Whether the viewer may move and add cards.
    pub can_work: bool,
    /// The refusal or conflict being shown, on its card.
    pub notice: RwSignal<Option<Notice>>,
    /// What screen readers hear after a move.
    pub announcement: RwSignal<String>,
    /// The column a dragged card is over.
    pub drop_target: RwSignal<Option<StageKey>>,
    /// The card whose Move menu is open.
    pub menu: RwSignal<Option<ItemId>>,
}

impl Board {
    /// The browser's board for what the server sent.
    pub fn new(view: &BoardView) -> Self {
        let columns = view
            .columns
            .iter()
            .enumerate()
            .map(|(index, c)| Column {
                key: c.key.clone(),
                name: c.name.clone(),
                wip_limit: c.wip_limit,
                next: c.next.clone(),
                index,
                count: RwSignal::new(c.count),
                matching: RwSignal::new(c.matching),
                cards: RwSignal::new(c.cards.clone()),
            })
            .collect();
        Board {
            workflow: StoredValue::new(view.workflow.clone()),
            filter: StoredValue::new(view.filter.clone()),
            columns: StoredValue::new(columns),
            can_work: view.can_work,
            notice: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            drop_target: RwSignal::new(None),
            menu: RwSignal::new(None),
        }
    }

    /// A column by stage.
    pub fn column(&self, key: &StageKey) -> Option<Column> {
        self.columns
            .with_value(|cols| cols.iter().find(|c| &c.key == key).cloned())
    }

    /// Where a card is: its column, position and current state.
    pub fn find(&self, id: ItemId) -> Option<(Column, usize, CardView)> {
        self.columns.with_value(|cols| {
            cols.iter().find_map(|col| {
                col.cards.with_untracked(|cards| {
                    cards
                        .iter()
                        .position(|c| c.id == id)
                        .map(|i| (col.clone(), i, cards[i].clone()))
                })
            })
        })
    }

    /// Where a card in `stage` can go: the next stage first, then earlier ones (going back is always allowed).
    pub fn targets(&self, stage: &StageKey) -> Vec<(StageKey, String)> {
        let Some(here) = self.column(stage) else {
            return Vec::new();
        };
        self.columns.with_value(|cols| {
            let next = here
                .next
                .as_ref()
                .and_then(|n| cols.iter().find(|c| &c.key == n));
            let back = cols.iter().take(here.index).rev();
            next.into_iter()
                .chain(back)
                .map(|c| (c.key.clone(), c.name.clone()))
                .collect()
        })
    }

    fn take(&self, id: ItemId) -> Option<(Column, usize, CardView)> {
        let found = self.find(id)?;
        found.0.cards.update(|cards| cards.retain(|c| c.id != id));
        Some(found)
    }

    /// Puts a card where the server says it is: in place if it stayed in its column, on top if it moved.
    pub fn place(&self, card: CardView) {
        let previous = self.take(card.id);
        let Some(to) = self.column(&card.stage) else {
            if let Some((from, _, _)) = previous {
                from.matching.update(|n| *n = n.saturating_sub(1));
            }
            return;
        };
        let position = match &previous {
            Some((from, i, _)) if from.key == to.key => *i,
            Some((from, _, _)) => {
                from.matching.update(|n| *n = n.saturating_sub(1));
                to.matching.update(|n| *n += 1);
                0
            }
            None => {
                to.matching.update(|n| *n += 1);
                0
            }
        };
        to.cards
            .update(|cards| cards.insert(position.min(cards.len()), card));
    }

    /// Takes a card off the board (it no longer matches the filters).
    pub fn remove(&self, id: ItemId) {
        if let Some((from, _, _)) = self.take(id) {
            from.matching.update(|n| *n = n.saturating_sub(1));
        }
    }

    /// Sets every column's count of active cards.
    pub fn set_counts(&self, counts: &BTreeMap<StageKey, u32>) {
        self.columns.with_value(|cols| {
            for col in cols {
                col.count.set(counts.get(&col.key).copied().unwrap_or(0));
            }
        });
    }

    /// Adds more cards to a column, skipping any it already has.
    pub fn append(&self, key: &StageKey, more: Vec<CardView>, matching: u32) {
        if let Some(col) = self.column(key) {
            col.cards.update(|cards| {
                for card in more {
                    if !cards.iter().any(|c| c.id == card.id) {
                        cards.push(card);
                    }
                }
            });
            col.matching.set(matching);
        }
    }

    /// Moves a card: shown at once, confirmed by the server, put back with the reasons if refused.
    pub fn move_card(self, id: ItemId, to: StageKey) {
        let (Some((from, position, card)), Some(target)) = (self.find(id), self.column(&to)) else {
            return;
        };
        if from.key == to {
            return;
        }
        self.menu.set(None);
        self.notice.set(None);
        let title = card.title.clone();
        from.cards.update(|cards| cards.retain(|c| c.id != id));
        from.count.update(|n| *n = n.saturating_sub(1));
        from.matching.update(|n| *n = n.saturating_sub(1));
        let moving = CardView {
            stage: to.clone(),
            ..card.clone()
        };
        target.cards.update(|cards| cards.insert(0, moving));
        target.count.update(|n| *n += 1);
        target.matching.update(|n| *n += 1);
        self.announcement
            .set(format!("Moving {title} to {}…", target.name));
        dom::focus_soon(format!("card-{id}"));
        let put_back = move |card: CardView| {
            target.cards.update(|cards| cards.retain(|c| c.id != id));
            target.count.update(|n| *n = n.saturating_sub(1));
            target.matching.update(|n| *n = n.saturating_sub(1));
            from.cards
                .update(|cards| cards.insert(position.min(cards.len()), card));
            from.count.update(|n| *n += 1);
            from.matching.update(|n| *n += 1);
            dom::refocus(format!("card-{id}"));
        };
        let heading = format!("Can't move to {} yet", target.name);
        spawn_local(async move {
            match move_card(id, card.version, to).await {
                Ok(MoveResult::Moved { card }) => {
                    let name = self.column(&card.stage).map(|c| c.name).unwrap_or_default();
                    self.place(card);
                    self.announcement.set(format!("Moved {title} to {name}."));
                    dom::refocus(format!("card-{id}"));
                }
                Ok(MoveResult::Refused { card, blockers }) => {
                    put_back(card);
                    let reasons: Vec<&str> = blockers.iter().map(|b| b.message.as_str()).collect();
                    self.announcement.set(format!(
                        "{title} did not move. {heading}: {}",
                        reasons.join("; ")
                    ));
                    self.notice.set(Some(Notice {
                        item: id,
                        heading,
                        blockers,
                    }));
                }
                Ok(MoveResult::Conflict {
                    message,
                    card: fresh,
                }) => {
                    put_back(card);
                    match fresh {
                        Some(fresh) => self.place(fresh),
                        None => self.remove(id),
                    }
                    self.announcement.set(message.clone());
                    let blockers = vec![Blocker {
                        message,
                        details: Vec::new(),
                        fix: None,
                    }];
                    let heading = "Reloaded: someone else changed this card".to_string();
                    self.notice.set(Some(Notice {
                        item: id,
                        heading,
                        blockers,
                    }));
                    dom::refocus(format!("card-{id}"));
                }
                Err(error) => {
                    put_back(card);
                    let blockers = vec![Blocker {
                        message: error.to_string(),
                        details: Vec::new(),
                        fix: None,
                    }];
                    self.announcement
                        .set(format!("{title} did not move: {error}"));
                    self.notice.set(Some(Notice {
                        item: id,
                        heading: error.title().to_string(),
                        blockers,
                    }));
                }
            }
        });
    }

    /// Someone changed a card: fetch it unless this board already has that version.
    pub fn heard(self, notice: BoardNotice) {
        let known = self
            .find(notice.item)
            .is_some_and(|(_, _, c)| c.version >= notice.version);
        if known {
            return;
        }
        let filter = self.filter.get_value();
        spawn_local(async move {
            if let Ok(update) = board_card(notice.item, filter).await {
                match update.card {
                    Some(card) => {
                        let newer = self
                            .find(card.id)
                            .is_none_or(|(_, _, c)| c.version < card.version);
                        if newer {
                            self.place(card);
                        }
                    }
                    None => self.remove(notice.item),
                }
                self.set_counts(&update.counts);
            }
        });
    }
}
