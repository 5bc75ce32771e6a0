//! The names that match a folded query, each with its [`Tier`]: whole or begun (a range of the
//! fst), with typos (a Damerau-Levenshtein DFA), begun with typos (the same DFA for prefixes).
//!
//! How many typos: none under four letters (one edit away from "ulm" is half of Europe), one
//! from four ("Rmoe", "Zuerich"), two from eight ("Tiruchirapalli" as people spell it). Begun
//! with typos only from five letters, where the visitor has typed enough for it to mean
//! something. Queries longer than [`MAX_TYPO_CHARS`] are matched without typos: a DFA grows
//! with its query, and no real name is that long and still mistyped. When the query is a
//! name whole, only one typo is sought and none in names begun: the ranking would drop those
//! far-fetched matches anyway (see `sorted` in the parent module).

use fst::{IntoStreamer, Streamer};

use super::{
    automaton::{builder, Typos},
    tier::Tier,
};
use crate::{fold::length, index::Index};

const TYPO_FROM: usize = 4;
const TWO_TYPOS_FROM: usize = 8;
const TYPO_PREFIX_FROM: usize = 5;
const TWO_TYPOS_PREFIX_FROM: usize = 9;
pub const MAX_TYPO_CHARS: usize = 32;

impl Index {
    /// Calls `each` with the fst's value of every name matching `key` (folded) and how.
    pub(crate) fn matches(&self, key: &str, mut each: impl FnMut(u64, Tier)) {
        let chars = length(key);
        if chars == 0 {
            return;
        }
        // No UTF-8 byte is 0xFF: every key beginning with `key` sorts before `key` + 0xFF.
        let mut end = key.as_bytes().to_vec();
        end.push(0xFF);
        let mut begun = self.names.range().ge(key).lt(&end).into_stream();
        while let Some((name, value)) = begun.next() {
            each(value, if name == key.as_bytes() { Tier::Exact } else { Tier::Prefix });
        }
        if !(TYPO_FROM..=MAX_TYPO_CHARS).contains(&chars) {
            return;
        }
        // A name that exists whole makes far-fetched matches moot (the ranking drops them), so
        // they are not sought: the costliest automata are skipped for most whole names.
        let whole = self.names.contains_key(key);
        let max = if chars >= TWO_TYPOS_FROM && !whole { 2 } else { 1 };
        let dfa = builder(max).build_dfa(key);
        let typos = Typos { dfa: &dfa, max };
        let mut stream = self.names.search_with_state(&typos).into_stream();
        while let Some((_, value, state)) = stream.next() {
            if let Some(d @ 1..) = typos.distance(state) {
                each(value, Tier::Typo(d));
            }
        }
        if chars < TYPO_PREFIX_FROM || whole {
            return;
        }
        let max = if chars >= TWO_TYPOS_PREFIX_FROM { 2 } else { 1 };
        let dfa = builder(max).build_prefix_dfa(key);
        let typos = Typos { dfa: &dfa, max };
        let mut stream = self.names.search_with_state(&typos).into_stream();
        while let Some((_, value, state)) = stream.next() {
            if let Some(d @ 1..) = typos.distance(state) {
                each(value, Tier::TypoPrefix(d));
            }
        }
    }
}
