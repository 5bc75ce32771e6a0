//! The one place a free text means, for a form that sends text rather than a chosen place (the
//! directory without JavaScript): a place named whole comes first, since the visitor finished
//! typing ("Bra" is the town in Piedmont, not Brazil begun); else the search's best.

use groups_core::places::Place;

use crate::index::Index;

impl Index {
    /// The place `text` most likely means, or none when nothing matches.
    pub fn best(&self, text: &str) -> Option<Place> {
        let ranked = self.ranked(text);
        let best = ranked.iter().find(|hit| hit.tier.is_whole()).or(ranked.first())?;
        Some(self.answer(*best))
    }
}
