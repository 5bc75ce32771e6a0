//! "There may already be a group for you": the groups a would-be organiser could join instead
//! (never a reason to refuse): those within 100 km of where the new group would meet, nearest
//! first, then those that meet for the whole country (a group without a city named for its
//! country, `groups_core::near::covers_country`), whatever the city. Where the group would
//! meet is the pin, else the point of the city as the places search found it, else the groups
//! that already meet in a city of that name. Plain logic, tested natively; `nearby_list`
//! shows them.

use groups_core::{geo::distance_km, near::covers_country, search::fold};

use crate::directory::model::Group;

pub const NEAR_KM: f64 = 100.0;
/// More than this many is a list nobody reads; the directory has the rest.
const MAX_SHOWN: usize = 8;

/// A group near the place, with its distance.
#[derive(Clone, Debug, PartialEq)]
pub struct Near {
    pub index: usize,
    pub km: f64,
    /// It meets for the whole country (shown as such rather than by its distance).
    pub covers: bool,
}

/// Groups within [`NEAR_KM`] of `point` (latitude, longitude: the pin, or the city as the
/// places search located it) when there is one; otherwise of the city, located by the groups
/// that already meet in a city of that name in `country`. Nearest first, then the groups of
/// the whole `country`.
pub fn near(groups: &[Group], country: &str, city: &str, point: Option<(f64, f64)>) -> Vec<Near> {
    let centres: Vec<(f64, f64)> = match point {
        Some(p) => vec![p],
        None => {
            let city = fold(city.trim());
            if city.is_empty() {
                Vec::new()
            } else {
                groups
                    .iter()
                    .filter(|g| g.country.code == country && g.city.as_deref().is_some_and(|c| fold(c) == city))
                    .map(|g| (g.lat, g.lon))
                    .collect()
            }
        }
    };
    let km =
        |g: &Group| centres.iter().map(|&(lat, lon)| distance_km(lon, lat, g.lon, g.lat)).fold(f64::INFINITY, f64::min);
    let whole_country = |g: &Group| g.country.code == country && covers_country(g);
    let mut found: Vec<Near> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !whole_country(g))
        .filter_map(|(index, g)| Some(km(g)).filter(|&km| km <= NEAR_KM).map(|km| Near { index, km, covers: false }))
        .collect();
    found.sort_by(|a, b| a.km.total_cmp(&b.km));
    found.extend(groups.iter().enumerate().filter(|(_, g)| whole_country(g)).map(|(index, g)| Near {
        index,
        km: km(g),
        covers: true,
    }));
    found.truncate(MAX_SHOWN);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::model::Directory;

    fn groups() -> Vec<Group> {
        let text = r#"{"version": 1, "groups": [
            {"slug": "berlin", "name": "Berlin", "city": "Berlin", "country": "DE", "lat": 52.52, "lon": 13.40, "status": "official"},
            {"slug": "potsdam", "name": "Potsdam", "city": "Potsdam", "country": "DE", "lat": 52.39, "lon": 13.06, "status": "new"},
            {"slug": "leipzig", "name": "Leipzig", "city": "Leipzig", "country": "DE", "lat": 51.34, "lon": 12.37, "status": "new"},
            {"slug": "zurich", "name": "Zürich", "city": "Zürich", "country": "CH", "lat": 47.37, "lon": 8.54, "status": "new"}
        ]}"#;
        Directory::read(text).unwrap().0.groups
    }

    fn names(found: &[Near], groups: &[Group]) -> Vec<String> {
        found.iter().map(|n| groups[n.index].slug.clone()).collect()
    }

    #[test]
    fn a_point_finds_groups_within_100_km_nearest_first() {
        let g = groups();
        // Brandenburg an der Havel: Potsdam ~33 km, Berlin ~60 km, Leipzig ~120 km.
        let found = near(&g, "DE", "", Some((52.41, 12.55)));
        assert_eq!(names(&found, &g), ["potsdam", "berlin"]);
        assert!(found[0].km < found[1].km && found[1].km <= NEAR_KM);
        assert!(near(&g, "DE", "", Some((0.0, 0.0))).is_empty());
    }

    #[test]
    fn a_known_city_is_located_by_its_groups() {
        let g = groups();
        assert_eq!(names(&near(&g, "DE", " berlin ", None), &g), ["berlin", "potsdam"]);
        assert_eq!(names(&near(&g, "CH", "zurich", None), &g), ["zurich"], "accents and case do not matter");
        assert!(near(&g, "AT", "Berlin", None).is_empty(), "the city must be in the chosen country");
        assert!(near(&g, "DE", "Hamburg", None).is_empty(), "an unknown city finds nothing");
        assert!(near(&g, "DE", "  ", None).is_empty());
    }

    /// Issue #31, defect 3: the notice appeared for US + Boston, not for Hungary + Budapest,
    /// Brazil + São Paulo or US + Cambridge (next to Boston), with the shipped directory.
    #[test]
    fn a_countrys_group_is_offered_for_any_of_its_cities_and_a_city_next_to_a_group_finds_it() {
        let shipped = Directory::read(include_str!("../../public/groups.json")).unwrap().0.groups;
        let found = |country: &str, city: &str, point| names(&near(&shipped, country, city, point), &shipped);
        assert_eq!(found("HU", "Budapest", None), ["hungary"]);
        assert_eq!(found("BR", "São Paulo", None), ["brazil"]);
        // Cambridge, Massachusetts, as the form's City suggestions locate it.
        assert_eq!(found("US", "Cambridge", Some((42.3736, -71.1097))), ["boston"]);
        assert_eq!(found("US", "Boston", None), ["boston"]);
        // Budapest's point finds Hungary's group as meeting for the whole country, not by its
        // point (the middle of Hungary, 60 km away).
        let budapest = near(&shipped, "HU", "Budapest", Some((47.498, 19.040)));
        assert_eq!((budapest.len(), budapest[0].covers), (1, true));
        // A state's group without a city is not the whole country's: Utah's is not offered in Boston.
        assert!(!found("US", "Boston", Some((42.36, -71.06))).contains(&"utah".to_owned()));
        assert_eq!(found("DE", "Leipzig", Some((51.34, 12.37))), ["germany"], "Germany's, not Baden-Württemberg's");
    }
}
