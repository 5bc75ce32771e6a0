//! A Damerau-Levenshtein automaton (tantivy's `levenshtein_automata`, where a transposition
//! costs one edit: "budapset" is one typo from "budapest") walking the fst. `fst`'s own
//! Levenshtein automaton counts a transposition as two, and the adapter the automata crate
//! offers is for an older `fst`; this one is the trait's four methods.

use std::sync::OnceLock;

use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};

/// A DFA for up to `max` edits, read as an [`fst::Automaton`].
pub struct Typos<'a> {
    pub dfa: &'a DFA,
    pub max: u8,
}

impl Typos<'_> {
    /// The edits between the query and the key (or, for a prefix DFA, its closest prefix) at
    /// `state`, if within `max`.
    pub fn distance(&self, state: u32) -> Option<u8> {
        match self.dfa.distance(state) {
            Distance::Exact(d) if d <= self.max => Some(d),
            _ => None,
        }
    }
}

impl fst::Automaton for Typos<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.dfa.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        self.distance(*state).is_some()
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.dfa.transition(*state, byte)
    }
}

/// The builder for up to `max` edits (1 or 2), made once: building one takes milliseconds,
/// each DFA from it microseconds.
pub fn builder(max: u8) -> &'static LevenshteinAutomatonBuilder {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    match max {
        0 | 1 => ONE.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true)),
        _ => TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transposition_is_one_edit() {
        let dfa = builder(2).build_dfa("budapest");
        assert_eq!(dfa.eval("budapset"), Distance::Exact(1));
        assert_eq!(dfa.eval("budapest"), Distance::Exact(0));
        assert_eq!(dfa.eval("bdapset"), Distance::Exact(2));
        assert!(matches!(dfa.eval("berlin"), Distance::AtLeast(_)));
    }

    #[test]
    fn accents_count_once_after_folding() {
        // "zuerich" is how a German keyboard without ü writes Zürich: one insertion.
        assert_eq!(builder(1).build_dfa("zuerich").eval("zurich"), Distance::Exact(1));
    }
}
