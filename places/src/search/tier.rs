//! How well a name matched, and what that costs a place against a bigger one.
//!
//! A place's score is the tens-logarithm of its people (up to the biggest towns') less its
//! match's penalty: a town must have about 30 times the people of another that matches exactly
//! to pass it on a prefix (1.5), about 300 times to pass it with a typo (2.5). So "Portland"
//! puts Oregon's (650,000) before Maine's (66,000); "ber" offers Berlin before Bern; "San"
//! offers Santiago (4.8 million) before San in Mali (66,000), whose whole name it is; and
//! "budapset" still finds Budapest, since nothing bears that name. A town's other names count
//! for less begun or mistyped, and a state for less than a town of its name.

use groups_core::places::PlaceKind;

use crate::index::Record;

/// How a name matched the query, ordered best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tier {
    /// The whole name.
    Exact,
    /// An abbreviation or code, whole ("USA", "UK").
    Code,
    /// The name begins with the query: the visitor is typing it.
    Prefix,
    /// The whole name, with this many typos.
    Typo(u8),
    /// The name begins with something this many typos from the query.
    TypoPrefix(u8),
}

impl Tier {
    pub fn penalty(self) -> f64 {
        [0.0, 0.5, 1.5, 2.5, 3.0, 4.0, 4.5][usize::from(self.rank())]
    }

    /// Its place in the order, best first: one typo begun comes before two in the whole name.
    fn rank(self) -> u8 {
        match self {
            Tier::Exact => 0,
            Tier::Code => 1,
            Tier::Prefix => 2,
            Tier::Typo(0 | 1) => 3,
            Tier::TypoPrefix(0 | 1) => 4,
            Tier::Typo(_) => 5,
            Tier::TypoPrefix(_) => 6,
        }
    }

    /// Whether the query named the place whole: what a form that sends text chooses first.
    pub fn is_whole(self) -> bool {
        matches!(self, Tier::Exact | Tier::Code)
    }

    /// Two typos, or one in a name begun: worth offering only when nothing matched better.
    pub fn is_far_fetched(self) -> bool {
        matches!(self, Tier::TypoPrefix(_) | Tier::Typo(2..))
    }
}

impl Ord for Tier {
    fn cmp(&self, other: &Tier) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank()).then_with(|| match (self, other) {
            (Tier::Typo(a), Tier::Typo(b)) | (Tier::TypoPrefix(a), Tier::TypoPrefix(b)) => a.cmp(b),
            _ => std::cmp::Ordering::Equal,
        })
    }
}

impl PartialOrd for Tier {
    fn partial_cmp(&self, other: &Tier) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Past the biggest towns, more people make a place no likelier to be meant: China does not
/// outrank every match of "ch".
const PEOPLE_COUNTED: u32 = 20_000_000;
/// A town's other name begun or mistyped: GeoNames lists many no one writes ("Muskav").
const OTHER_NAME: f64 = 1.0;
/// A state is coarser than a town of its name: "New York" is the city first.
const STATE: f64 = 0.5;

/// The score of `place` for a match of `tier`, on one of its `other_name`s or its own.
pub(crate) fn score(place: &Record, tier: Tier, other_name: bool) -> f64 {
    let mut score = people(place.population) - tier.penalty();
    if other_name && tier != Tier::Exact {
        score -= OTHER_NAME;
    }
    if place.kind == PlaceKind::State {
        score -= STATE;
    }
    score
}

fn people(population: u32) -> f64 {
    (f64::from(population.min(PEOPLE_COUNTED)) + 1.0).log10()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn town(population: u32) -> Record {
        Record {
            id: crate::PlaceId::City(1),
            kind: PlaceKind::City,
            name: String::new(),
            country: *b"DE",
            state: crate::index::NO_STATE,
            lat: 0.0,
            lon: 0.0,
            population,
        }
    }

    #[test]
    fn a_close_match_of_a_small_town_can_lose_to_a_far_bigger_one() {
        let score = |people, tier| score(&town(people), tier, false);
        assert!(score(66_000, Tier::Exact) < score(4_800_000, Tier::Prefix));
        assert!(score(134_000, Tier::Exact) > score(3_400_000, Tier::Prefix), "Bern whole beats Berlin typed so far");
        assert!(score(600_000, Tier::Exact) > score(10_000_000, Tier::Typo(1)));
    }

    #[test]
    fn other_names_count_for_less_unless_whole_and_states_for_less_than_towns() {
        let moscow = town(10_000_000);
        assert!(score(&moscow, Tier::Prefix, true) < score(&town(1_800_000), Tier::Prefix, false));
        assert_eq!(score(&moscow, Tier::Exact, true), score(&moscow, Tier::Exact, false));
        let new_york_state = Record { kind: PlaceKind::State, ..town(27_000_000) };
        assert!(score(&new_york_state, Tier::Exact, false) < score(&town(8_800_000), Tier::Exact, true));
    }

    #[test]
    fn people_count_up_to_the_biggest_towns() {
        assert_eq!(score(&town(1_400_000_000), Tier::Exact, false), score(&town(20_000_000), Tier::Exact, false));
    }

    #[test]
    fn tiers_are_ordered_by_their_penalties() {
        let tiers = [
            Tier::Exact,
            Tier::Code,
            Tier::Prefix,
            Tier::Typo(1),
            Tier::TypoPrefix(1),
            Tier::Typo(2),
            Tier::TypoPrefix(2),
        ];
        assert!(tiers.windows(2).all(|w| w[0] < w[1] && w[0].penalty() < w[1].penalty()));
    }
}
