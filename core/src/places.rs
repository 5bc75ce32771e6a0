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

impl Place {
    /// How a visitor tells it from its namesakes: "Portland, Maine, United States",
    /// "Hyderabad, India", "Hungary".
    pub fn label(&self) -> String {
        match self.kind {
            PlaceKind::Country => self.name.clone(),
            PlaceKind::State => format!("{}, {}", self.name, self.country_name),
            PlaceKind::City => match &self.state {
                Some(state) => format!("{}, {state}, {}", self.name, self.country_name),
                None => format!("{}, {}", self.name, self.country_name),
            },
        }
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
        let hyderabad = Place { name: "Hyderabad".into(), state: None, country_name: "India".into(), ..portland() };
        assert_eq!(hyderabad.label(), "Hyderabad, India");
        let hungary = Place { kind: PlaceKind::Country, name: "Hungary".into(), ..portland() };
        assert_eq!(hungary.label(), "Hungary");
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
