//! "There may already be a group for you": which existing groups are within 100 km of where a
//! new group would meet, so a would-be organiser can join one instead (never a reason to
//! refuse). Plain logic, tested natively; `nearby_list` shows them.

use groups_core::{geo::distance_km, search::fold};

use crate::directory::model::Group;

pub const NEAR_KM: f64 = 100.0;
/// More than this many is a list nobody reads; the directory has the rest.
const MAX_SHOWN: usize = 8;

/// A group near the place, with its distance.
#[derive(Clone, Debug, PartialEq)]
pub struct Near {
    pub index: usize,
    pub km: f64,
}

/// Groups within [`NEAR_KM`] of `point` (latitude, longitude) when one was picked; otherwise
/// of the city, located by the groups that already meet in a city of that name in `country`
/// (there is no geocoder: nothing leaves the site). Nearest first.
pub fn near(groups: &[Group], country: &str, city: &str, point: Option<(f64, f64)>) -> Vec<Near> {
    let centres: Vec<(f64, f64)> = match point {
        Some(p) => vec![p],
        None => {
            let city = fold(city.trim());
            if city.is_empty() {
                return Vec::new();
            }
            groups
                .iter()
                .filter(|g| g.country.code == country && g.city.as_deref().is_some_and(|c| fold(c) == city))
                .map(|g| (g.lat, g.lon))
                .collect()
        }
    };
    let mut found: Vec<Near> = groups
        .iter()
        .enumerate()
        .filter_map(|(index, g)| {
            let km =
                centres.iter().map(|&(lat, lon)| distance_km(lon, lat, g.lon, g.lat)).fold(f64::INFINITY, f64::min);
            (km <= NEAR_KM).then_some(Near { index, km })
        })
        .collect();
    found.sort_by(|a, b| a.km.total_cmp(&b.km));
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
}
