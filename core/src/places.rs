//! A place of the gazetteer as the server sends it (`GET /api/places`, `/api/places/{id}`)
//! and the app reads it: a town, a US state or Canadian province, or a country, with where it
//! is and how many live there. The index and its search are the server's (`groups-places`);
//! only this shape is shared.

use serde::{Deserialize, Serialize};

crate::slug_enum! {
    /// What kind of place it is.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum PlaceKind {
        /// A town or city of 15,000 people or more (GeoNames' cities15000).
        City = ("city", "Town"),
        /// A US state (or the District of Columbia) or a Canadian province or territory.
        State = ("state", "State or province"),
        /// A country or territory with an ISO 3166-1 code.
        Country = ("country", "Country"),
    }
}

/// One place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    /// Stable across rebuilds of the index: a town's GeoNames id (`2950159`), `country:HU`, or
    /// `state:US-MA` / `state:CA-ON` (the ISO 3166-2 code).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^([0-9]{1,10}|country:[A-Z]{2}|state:[A-Z]{2}-[A-Z]{2})$"))]
    pub id: String,
    pub kind: PlaceKind,
    /// Its name as GeoNames gives it ("Munich", "Kraków"); a country's in English.
    pub name: String,
    /// The other name the query matched, as written ("München" for a query "munchen"), when it
    /// was not `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched: Option<String>,
    /// The US state or Canadian province a town is in ("Oregon"), or a state's own name; none
    /// elsewhere (the data has no other regions' names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Its postal code ("OR", "ON").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_code: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// The country's English name.
    pub country_name: String,
    /// A town's own point; for a country or state, the centre of its towns weighted by their
    /// people (where its people are, not the middle of its area).
    pub lat: f64,
    pub lon: f64,
    /// A town's people; a country's; a state's counted over its towns of 15,000 or more.
    pub population: u64,
}

/// Whether `text` is written as a place's id is (a town's GeoNames id of up to ten digits,
/// `country:HU`, `state:US-MA`): what the directory's address may carry as `near`. The
/// index may still lack it.
pub fn is_place_id(text: &str) -> bool {
    let code = |c: &str| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase());
    if let Some(country) = text.strip_prefix("country:") {
        return code(country);
    }
    if let Some(state) = text.strip_prefix("state:") {
        return state.split_once('-').is_some_and(|(country, state)| code(country) && code(state));
    }
    (1..=10).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) && text.parse::<u32>().is_ok()
}

impl Place {
    /// Whether `text` names this place whole, as a visitor who has finished typing writes it:
    /// its name or the other name matched, case and accents aside, followed or not by its
    /// state or country after a comma ("Leipzig", "munchen", "Portland, Maine"). A begun or
    /// mistyped name ("Leip", "Lepizig") is not: it may still be a group's name being typed.
    pub fn is_named_by(&self, text: &str) -> bool {
        use crate::search::fold;
        let words = |text: &str| -> String {
            fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
        };
        let name = words(text.split(',').next().unwrap_or_default());
        !name.is_empty() && (name == words(&self.name) || self.matched.as_deref().is_some_and(|m| name == words(m)))
    }

    /// A visitor's text `text` is taken as this place (the search's best for it) rather than
    /// as words to find in groups' names, when it names the place whole, or when no group's
    /// name, city or country has those words (`text_finds_groups` false): "Leipzig" is a place
    /// even though no group is there, "Berlin" too (its group comes first by distance),
    /// "OpenStack" is a search.
    pub fn is_meant_by(&self, text: &str, text_finds_groups: bool) -> bool {
        self.is_named_by(text) || !text_finds_groups
    }

    /// How a visitor tells it from its namesakes, its country named in the page's language:
    /// "Portland, Maine, United States", "Hyderabad, India", "Hungary" ("Leipzig、ドイツ" in
    /// Japanese).
    pub fn label(&self) -> String {
        let country = self.country_local_name();
        match self.kind {
            PlaceKind::Country => country.to_owned(),
            PlaceKind::State => crate::directory::once_each(&[&self.name, country]),
            PlaceKind::City => {
                crate::directory::once_each(&[&self.name, self.state.as_deref().unwrap_or_default(), country])
            }
        }
    }

    /// What follows the place's name in its label: its state and country ("Maine, United
    /// States"), for a list that shows the name apart.
    pub fn beyond_name(&self) -> String {
        match self.kind {
            PlaceKind::Country => String::new(),
            _ => crate::directory::once_each(&[self.state.as_deref().unwrap_or_default(), self.country_local_name()]),
        }
    }

    /// The country's name in the page's language (CLDR's), else the gazetteer's.
    pub fn country_local_name(&self) -> &str {
        crate::regions::country(&self.country).map_or(&self.country_name, |c| c.local_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn portland() -> Place {
        Place {
            id: "4975802".into(),
            kind: PlaceKind::City,
            name: "Portland".into(),
            matched: None,
            state: Some("Maine".into()),
            state_code: Some("ME".into()),
            country: "US".into(),
            country_name: "United States".into(),
            lat: 43.66,
            lon: -70.25,
            population: 66_215,
        }
    }

    #[test]
    fn namesakes_are_told_apart_by_state_and_country() {
        assert_eq!(portland().label(), "Portland, Maine, United States");
        let hyderabad = Place {
            name: "Hyderabad".into(),
            state: None,
            country: "IN".into(),
            country_name: "India".into(),
            ..portland()
        };
        assert_eq!(hyderabad.label(), "Hyderabad, India");
        let hungary = Place { kind: PlaceKind::Country, name: "Hungary".into(), country: "HU".into(), ..portland() };
        assert_eq!(hungary.label(), "Hungary");
        assert_eq!(portland().beyond_name(), "Maine, United States");
    }

    #[test]
    fn the_country_is_named_in_the_pages_language() {
        use groups_i18n::{catalogue::Speaking, Lang};
        let leipzig = Place { name: "Leipzig".into(), state: None, country: "DE".into(), ..portland() };
        let _japanese = Speaking::page(Lang::Ja, false);
        assert_eq!(leipzig.label(), "Leipzig、ドイツ");
        let germany = Place { kind: PlaceKind::Country, name: "Germany".into(), ..leipzig };
        assert_eq!(germany.label(), "ドイツ");
    }

    #[test]
    fn ids_are_told_from_anything_else() {
        for id in ["2950159", "1", "4294967295", "country:HU", "state:US-MA", "state:CA-ON"] {
            assert!(is_place_id(id), "{id}");
        }
        for text in [
            "",
            "4294967296",
            "12345678901",
            "+5",
            "-1",
            "51.3,12.3",
            "country:hu",
            "country:HUN",
            "state:US",
            "state:USMA",
            "berlin",
        ] {
            assert!(!is_place_id(text), "{text}");
        }
    }

    #[test]
    fn a_place_is_named_by_its_names_whole_with_or_without_where_it_is() {
        let munich = Place {
            id: "2867714".into(),
            name: "Munich".into(),
            matched: Some("München".into()),
            state: None,
            state_code: None,
            country: "DE".into(),
            country_name: "Germany".into(),
            ..portland()
        };
        for text in ["Munich", " munich ", "MÜNCHEN", "munchen", "München, Germany", "Munich, DE"] {
            assert!(munich.is_named_by(text), "{text}");
        }
        for text in ["Muni", "Munchn", "Germany", "", " , Germany", "Munich Airport"] {
            assert!(!munich.is_named_by(text), "{text}");
        }
        assert!(portland().is_named_by("Portland, Maine"));
        assert!(munich.is_meant_by("Munich", true), "a place named whole");
        assert!(munich.is_meant_by("Munchn", false), "nothing else found");
        assert!(!munich.is_meant_by("Muni", true), "a group's name being typed");
    }

    #[test]
    fn the_wire_shape_leaves_out_what_a_place_lacks() {
        let json = serde_json::to_value(Place { state: None, state_code: None, ..portland() }).unwrap();
        assert_eq!(json["kind"], "city");
        assert!(json.get("state").is_none() && json.get("matched").is_none());
        let back: Place = serde_json::from_value(json).unwrap();
        assert_eq!(back.name, "Portland");
    }
}
