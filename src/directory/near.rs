//! The directory near a place, apart from its views: what the search suggests as the visitor
//! types (groups and places together), what choosing a place does to the filter, which place
//! Enter means, and where distances are measured from (a place of the address, or the
//! visitor's own position). Pure, tested natively; the distances and the radius are
//! `groups_core::near`'s, the server's too.

use groups_core::{
    filter::Filter,
    near::Origin,
    places::{Place, PlaceKind},
    regions::country,
};
use groups_i18n::{t, tf, tn, Msg};

use crate::{
    directory::model::Directory,
    places::{book::Known, combobox_view::Choice, location::Position},
};

/// How many groups, and how many places, the search suggests at most.
pub const GROUPS_SUGGESTED: usize = 4;
pub const PLACES_SUGGESTED: usize = 5;

/// The name the directory gives the visitor's own position, in the page's language ("your
/// location").
pub fn here_name() -> &'static str {
    t(Msg::DirectoryYourLocation)
}

/// An option of the search's popup.
#[derive(Clone, Debug, PartialEq)]
pub enum Suggested {
    /// A group (its index in the directory): choosing it opens its page.
    Group(usize),
    /// A place: choosing it lists the groups nearest to it.
    Place(Place),
}

/// The options for the text typed: the first groups it finds (`matched`, in the list's
/// order), then the places the server suggested for it.
pub fn suggested(matched: &[usize], places: &[Place]) -> Vec<Suggested> {
    matched
        .iter()
        .take(GROUPS_SUGGESTED)
        .map(|&i| Suggested::Group(i))
        .chain(places.iter().take(PLACES_SUGGESTED).cloned().map(Suggested::Place))
        .collect()
}

impl Suggested {
    /// The option as the popup shows it.
    pub fn choice(&self, directory: &Directory) -> Choice {
        match self {
            Suggested::Group(i) => {
                let group = &directory.groups[*i];
                Choice { text: group.name.clone(), detail: group.place(), section: t(Msg::DirectoryGroups) }
            }
            Suggested::Place(place) => {
                Choice { text: place.name.clone(), detail: place_detail(place), section: t(Msg::PlacePlaces) }
            }
        }
    }
}

/// What the status region says of the search's options, so that a screen reader hears how many
/// came: "1 group and 2 places suggested. Use the up and down arrows to choose one."
pub fn announcement(groups: usize, places: usize) -> String {
    let places_said = tn(Msg::PlacePlacesSuggested, places as u64, &[]);
    match (groups, places) {
        (0, 0) => t(Msg::PlaceNoSuggestions).to_owned(),
        (0, _) => places_said,
        (_, 0) => tn(Msg::DirectoryGroupsSuggested, groups as u64, &[]),
        _ => {
            let groups = tn(Msg::PlaceGroups, groups as u64, &[]);
            let places = tn(Msg::DirectoryPlacesCount, places as u64, &[]);
            tf(Msg::DirectoryBothSuggested, &[("groups", &groups), ("places", &places)])
        }
    }
}

/// What tells a place from its namesakes, beside its name: "Maine, United States", "Germany,
/// also München", "State in United States", "Country".
pub fn place_detail(place: &Place) -> String {
    let detail = match place.kind {
        PlaceKind::Country => t(Msg::PlaceACountry).to_owned(),
        PlaceKind::State => tf(Msg::PlaceStateIn, &[("country", place.country_local_name())]),
        PlaceKind::City => place.beyond_name(),
    };
    match &place.matched {
        Some(other) => tf(Msg::PlaceAlso, &[("detail", &detail), ("other", other)]),
        None => detail,
    }
}

/// The filter once `place` is chosen from `filter`: a country is the country filter (its
/// groups, as a region is); any other place orders every group by distance from it. The search
/// text goes: the field now names the place.
pub fn with_place(filter: &Filter, place: &Place) -> Filter {
    let mut next = Filter { query: String::new(), near: None, ..filter.clone() };
    match place.kind {
        PlaceKind::Country => {
            if let Some(chosen) = country(&place.country) {
                next.country = Some(chosen.code);
                next.region = Some(chosen.region);
            }
        }
        _ => next.near = Some(place.id.clone()),
    }
    next
}

/// The place Enter means for `text`, from the places suggested for it: the first that it names
/// whole, or the first at all when the words find no group (`groups_core::places`' rule, the
/// server's for the form without JavaScript).
pub fn entered<'a>(text: &str, places: &'a [Place], finds_groups: bool) -> Option<&'a Place> {
    places.iter().find(|p| p.is_named_by(text)).or_else(|| places.first().filter(|p| p.is_meant_by(text, finds_groups)))
}

/// Where distances are measured from: the place of the address, once known, else the visitor's
/// position when they asked for it; none while the place is being read or when it is unknown.
pub fn origin(place: Option<&Known>, here: Option<Position>) -> Option<Origin> {
    match place {
        Some(Known::Found(place)) => Some(Origin::of(place)),
        Some(_) => None,
        None => here.map(|h| Origin { lat: h.lat, lon: h.lon, country: h.country, name: here_name().to_owned() }),
    }
}

/// What the search field shows: the place chosen (by its label), "" while it is being read,
/// else the words typed.
pub fn field_text(filter: &Filter, place: Option<&Known>) -> String {
    match place {
        Some(Known::Found(place)) => place.label(),
        Some(_) => String::new(),
        None => filter.query.clone(),
    }
}

#[cfg(test)]
mod tests {
    use groups_core::places::PlaceKind;

    use super::*;

    fn place(id: &str, kind: PlaceKind, name: &str, country: &str, country_name: &str) -> Place {
        Place {
            id: id.into(),
            kind,
            name: name.into(),
            matched: None,
            state: None,
            state_code: None,
            country: country.into(),
            country_name: country_name.into(),
            lat: 51.34,
            lon: 12.37,
            population: 587_857,
        }
    }

    fn leipzig() -> Place {
        place("2879139", PlaceKind::City, "Leipzig", "DE", "Germany")
    }

    #[test]
    fn groups_come_first_then_places_each_at_most_a_few() {
        let places: Vec<Place> = (0..8).map(|i| place(&i.to_string(), PlaceKind::City, "X", "DE", "Germany")).collect();
        let options = suggested(&[3, 1, 4, 1, 5, 9], &places);
        assert_eq!(options.len(), GROUPS_SUGGESTED + PLACES_SUGGESTED);
        assert_eq!(options[0], Suggested::Group(3));
        assert!(matches!(options[GROUPS_SUGGESTED], Suggested::Place(_)));
        assert_eq!(suggested(&[], &[]), []);
    }

    #[test]
    fn a_place_is_told_from_its_namesakes() {
        let portland =
            Place { state: Some("Maine".into()), ..place("1", PlaceKind::City, "Portland", "US", "United States") };
        assert_eq!(place_detail(&portland), "Maine, United States");
        assert_eq!(place_detail(&leipzig()), "Germany");
        let munich =
            Place { matched: Some("München".into()), ..place("2", PlaceKind::City, "Munich", "DE", "Germany") };
        assert_eq!(place_detail(&munich), "Germany, also München");
        assert_eq!(
            place_detail(&place("state:US-MA", PlaceKind::State, "Massachusetts", "US", "United States")),
            "State in United States"
        );
        assert_eq!(place_detail(&place("country:HU", PlaceKind::Country, "Hungary", "HU", "Hungary")), "Country");
    }

    #[test]
    fn choosing_a_place_orders_by_it_and_a_country_is_the_country_filter() {
        let typed =
            Filter { query: "leip".into(), status: Some(groups_core::directory::Status::New), ..Filter::default() };
        let near = with_place(&typed, &leipzig());
        assert_eq!((near.near.as_deref(), near.query.as_str()), (Some("2879139"), ""));
        assert_eq!(near.status, typed.status, "the other filters stay");
        let hungary = with_place(&near, &place("country:HU", PlaceKind::Country, "Hungary", "HU", "Hungary"));
        assert_eq!((hungary.country, hungary.near), (Some("HU"), None));
        assert_eq!(hungary.region, Some(groups_core::regions::Region::Europe));
    }

    #[test]
    fn enter_takes_the_place_named_or_any_when_no_group_is_found() {
        let bra = place("3181554", PlaceKind::City, "Bra", "IT", "Italy");
        let brazil = place("country:BR", PlaceKind::Country, "Brazil", "BR", "Brazil");
        let places = [brazil.clone(), bra.clone()];
        assert_eq!(entered("Bra", &places, true), Some(&bra), "the one named whole, wherever it is");
        assert_eq!(entered("Braz", &places, true), None, "a group's name may be being typed");
        assert_eq!(entered("Braz", &places, false), Some(&brazil), "no group found: the best place");
        assert_eq!(entered("Leipzig", &[], false), None);
    }

    #[test]
    fn distances_are_from_the_place_else_from_the_visitor() {
        let found = Known::Found(leipzig());
        assert_eq!(
            origin(Some(&found), Some(Position { lat: 1.0, lon: 2.0, country: None })).map(|o| o.name),
            Some("Leipzig".to_owned())
        );
        assert_eq!(
            origin(Some(&Known::Asking), Some(Position { lat: 1.0, lon: 2.0, country: None })),
            None,
            "the address's place comes first"
        );
        let at = Position { lat: 52.0, lon: 13.0, country: None };
        let here = origin(None, Some(at)).unwrap();
        assert_eq!((here.lat, here.lon, here.country, here.name.as_str()), (52.0, 13.0, None, here_name()));
        let germany = groups_core::regions::country("DE");
        let in_germany = origin(None, Some(Position { country: germany, ..at })).unwrap();
        assert_eq!(in_germany.country, germany, "the country, once found, counts");
        assert_eq!(origin(None, None), None);
        let typed = Filter { query: "berl".into(), ..Filter::default() };
        assert_eq!(field_text(&typed, None), "berl");
        assert_eq!(field_text(&Filter::default(), Some(&found)), "Leipzig, Germany");
        assert_eq!(field_text(&Filter::default(), Some(&Known::Asking)), "");
    }

    #[test]
    fn the_count_of_suggestions_is_announced_in_words() {
        assert_eq!(announcement(1, 2), "1 group and 2 places suggested. Use the up and down arrows to choose one.");
        assert_eq!(announcement(2, 0), "2 groups suggested. Use the up and down arrows to choose one.");
        assert_eq!(announcement(0, 1), "1 place suggested. Use the up and down arrows to choose one.");
        assert_eq!(announcement(0, 0), "No suggestions.");
    }
}
