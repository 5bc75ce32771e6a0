//! "Boston, MA", "Hyderabad, India", "Portland Oregon": the part after a comma (or the last
//! words, without one) naming where to look, read as the countries and states it names.

use groups_core::places::PlaceKind;

use super::tier::Tier;
use crate::index::{Index, Record, NO_STATE};

/// Countries and states a place must be in.
#[derive(Debug, Default)]
pub(crate) struct Within {
    countries: Vec<[u8; 2]>,
    states: Vec<u16>,
}

impl Within {
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty() && self.states.is_empty()
    }

    pub fn contains(&self, place: &Record) -> bool {
        self.countries.contains(&place.country) || (place.state != NO_STATE && self.states.contains(&place.state))
    }

    fn add(&mut self, place: &Record) {
        match place.kind {
            PlaceKind::Country => self.countries.push(place.country),
            PlaceKind::State => self.states.push(place.state),
            PlaceKind::City => {}
        }
    }
}

impl Index {
    /// The countries and states `folded` names: by a code ("ma", "usa", "deu"), else by name.
    /// With `loosely`, a name may be begun or mistyped ("Boston, Unite", "Hyderabad, Inida"),
    /// and only the best such matches count; without, it must be whole (the last words of a
    /// query without a comma, which may as well be part of a town's name).
    pub(crate) fn within(&self, folded: &str, loosely: bool) -> Within {
        let mut within = Within::default();
        let compact: String = folded.split(' ').collect();
        for &(at, _) in self.code(&compact) {
            within.add(self.record(at));
        }
        if !within.is_empty() {
            return within;
        }
        let mut best: Option<(Tier, Vec<u32>)> = None;
        let mut consider = |index: &Index, value: u64, tier: Tier| {
            let (_, places) = index.postings(value);
            for at in places.iter().map(|p| p.place()).filter(|&at| index.record(at).kind != PlaceKind::City) {
                match &mut best {
                    Some((best_tier, all)) if *best_tier == tier => all.push(at),
                    Some((best_tier, _)) if *best_tier < tier => {}
                    _ => best = Some((tier, vec![at])),
                }
            }
        };
        if loosely {
            self.matches(folded, |value, tier| consider(self, value, tier));
        } else if let Some(value) = self.names.get(folded) {
            consider(self, value, Tier::Exact);
        }
        for at in best.map(|(_, all)| all).unwrap_or_default() {
            within.add(self.record(at));
        }
        within
    }
}
