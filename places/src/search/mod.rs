//! A query to places, best first: folded ([`crate::fold`]), split into a name and where to look
//! ([`qualifier`]), matched whole, begun or mistyped ([`candidates`]), and ranked by people and
//! how well they matched ([`tier`]).

mod automaton;
mod candidates;
mod qualifier;
pub mod tier;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use groups_core::places::Place;

use crate::{
    fold::{fold, length},
    index::Index,
};
use qualifier::Within;
use tier::{score, Tier};

/// The most places one search returns.
pub const MAX_LIMIT: usize = 50;
/// Fewer letters than this find nothing: one letter is a twenty-sixth of the world.
pub const MIN_CHARS: usize = 2;
/// A query is read up to this many characters once folded (no place's name is longer).
pub const MAX_CHARS: usize = 64;
/// "Portland Oregon", "Boston United States": at most this many last words are tried as where
/// to look.
const MAX_QUALIFIER_WORDS: usize = 3;

/// A place found, with how.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    pub place: u32,
    pub tier: Tier,
    pub score: f64,
    /// Its people: of two places that score the same, the bigger first.
    pub population: u32,
    /// The fst's value of the name that matched (none for a code).
    pub name: Option<u64>,
}

impl Index {
    /// The places `query` may mean, best first, at most `limit` (and [`MAX_LIMIT`]).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Place> {
        self.ranked(query).into_iter().take(limit.min(MAX_LIMIT)).map(|hit| self.answer(hit)).collect()
    }

    pub(crate) fn answer(&self, hit: Hit) -> Place {
        let spelling = hit.name.map(|value| self.postings(value).0.spelling.as_str());
        self.place(hit.place, spelling)
    }

    /// Every place `query` may mean, best first.
    pub(crate) fn ranked(&self, query: &str) -> Vec<Hit> {
        if let Some((name, place)) = query.rsplit_once(',') {
            let name = clip(fold(name));
            if length(&name) >= MIN_CHARS {
                let within = self.within(&clip(fold(place)), true);
                if !within.is_empty() {
                    let hits = self.hits(&name, Some(&within));
                    if !hits.is_empty() {
                        return sorted(hits);
                    }
                }
                // Somewhere the index does not know ("Munich, Bavaria"), or nothing of that
                // name there: the name alone.
                return self.plain(&name);
            }
        }
        self.plain(&clip(fold(query)))
    }

    /// A query without a comma: the name as typed, an abbreviation, and its last words as
    /// where to look ("Boston MA").
    fn plain(&self, folded: &str) -> Vec<Hit> {
        if length(folded) < MIN_CHARS {
            return Vec::new();
        }
        let mut hits = self.hits(folded, None);
        let compact: String = folded.split(' ').collect();
        for &(at, whole) in self.code(&compact) {
            if whole {
                let record = self.record(at);
                let score = score(record, Tier::Code, false);
                keep(&mut hits, Hit { place: at, tier: Tier::Code, score, population: record.population, name: None });
            }
        }
        let spaces: Vec<usize> = folded.match_indices(' ').map(|(i, _)| i).collect();
        for &space in spaces.iter().rev().take(MAX_QUALIFIER_WORDS) {
            let (name, place) = (&folded[..space], &folded[space + 1..]);
            let within = self.within(place, false);
            if !within.is_empty() && length(name) >= MIN_CHARS {
                for (_, hit) in self.hits(name, Some(&within)) {
                    keep(&mut hits, hit);
                }
            }
        }
        sorted(hits)
    }

    /// The places whose names match `folded`, each with its best match, in `within` if given.
    fn hits(&self, folded: &str, within: Option<&Within>) -> HashMap<u32, Hit> {
        let mut hits = HashMap::new();
        self.matches(folded, |value, tier| {
            let (_, places) = self.postings(value);
            for posting in places {
                let record = self.record(posting.place());
                if within.is_none_or(|w| w.contains(record)) {
                    let score = score(record, tier, posting.is_other_name());
                    let (place, population) = (posting.place(), record.population);
                    keep(&mut hits, Hit { place, tier, score, population, name: Some(value) });
                }
            }
        });
        hits
    }
}

/// Keeps a place's best hit.
fn keep(hits: &mut HashMap<u32, Hit>, hit: Hit) {
    hits.entry(hit.place)
        .and_modify(|kept| {
            if (hit.score, std::cmp::Reverse(hit.tier)) > (kept.score, std::cmp::Reverse(kept.tier)) {
                *kept = hit;
            }
        })
        .or_insert(hit);
}

/// Best first: by score, then by the better match, the more people, and the id (the index's
/// order) so that equal places always come in one order. When a place was named whole, the far-fetched
/// matches go (two typos, or begun with a typo: "Paris" is not "Pakis-tan" mistyped).
fn sorted(hits: HashMap<u32, Hit>) -> Vec<Hit> {
    let mut hits: Vec<Hit> = hits.into_values().collect();
    if hits.iter().any(|hit| hit.tier.is_whole()) {
        hits.retain(|hit| !hit.tier.is_far_fetched());
    }
    hits.sort_by(|a, b| {
        (b.score.total_cmp(&a.score))
            .then(a.tier.cmp(&b.tier))
            .then(b.population.cmp(&a.population))
            .then(a.place.cmp(&b.place))
    });
    hits
}

/// At most [`MAX_CHARS`] characters.
fn clip(mut folded: String) -> String {
    if let Some((at, _)) = folded.char_indices().nth(MAX_CHARS) {
        folded.truncate(at);
        folded.truncate(folded.trim_end().len());
    }
    folded
}
