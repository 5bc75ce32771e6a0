//! Building a long view in parts, one task each: the first part at once, every next one in a
//! task of its own right after. Built in one go, the new-group form was one long task in which
//! a slow phone could answer nothing (Lighthouse's total blocking time); in parts, the browser
//! gets a turn between them. The directory draws its filters, map and list so too.
//!
//! While parts are still to come, [`InTurn::busy`] says so (for `aria-busy`): the takeover of
//! a pre-rendered page waits for it, so a visitor who opens the page directly sees it whole.

use std::time::Duration;

use leptos::prelude::*;

/// How many parts of a view are built so far.
#[derive(Clone, Copy)]
pub struct InTurn {
    built: RwSignal<usize>,
    parts: usize,
}

impl InTurn {
    /// `parts` parts, the first built now and the others in the tasks that follow.
    pub fn new(parts: usize) -> InTurn {
        let turn = InTurn { built: RwSignal::new(1), parts };
        turn.next();
        turn
    }

    fn next(self) {
        if self.built.get_untracked() >= self.parts {
            return;
        }
        set_timeout(
            move || {
                // Gone (the visitor left the page before it was whole): nothing more to build.
                if self.built.try_update(|n| *n += 1).is_some() {
                    self.next();
                }
            },
            Duration::ZERO,
        );
    }

    /// Whether part `index` (from 0) is built, for `<Show when>` (which memoises it: a part,
    /// once built, is not built again when the next one comes).
    pub fn part(self, index: usize) -> impl Fn() -> bool + Send + Sync + Copy + 'static {
        move || self.built.get() > index
    }

    /// `aria-busy`'s value: `"true"` while parts are to come, absent after.
    pub fn busy(self) -> impl Fn() -> Option<&'static str> + Send + Sync + Copy + 'static {
        move || (self.built.get() < self.parts).then_some("true")
    }
}
