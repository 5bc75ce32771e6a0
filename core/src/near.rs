//! Groups near a place: the radius a visitor chooses (`radius=` in the address), each group's
//! distance from the place (a great circle, `geo::distance_km`), the order nearest first, and
//! what to say when no group is near. One set of rules for the app (which measures in the
//! browser: the visitor's own position never leaves it) and the server's page for readers
//! without JavaScript.
//!
//! A group without a city whose name is its country's ("Hungary", "UK") meets for the whole
//! country: it is near every place of that country, whatever its point says (the point of such
//! a group is the middle of the country, which may be hundreds of kilometres from anyone).

use groups_i18n::{t, tf, tn, Msg};

use crate::{
    directory::GroupRecord as Group, geo::distance_km, regions::Country, search::fold, search_terms::country_words,
};

crate::slug_enum! {
    /// How far from the place a group may meet to be listed.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub enum Radius {
        Km50 = ("50", "Within 50 km"),
        Km100 = ("100", "Within 100 km"),
        Km250 = ("250", "Within 250 km"),
        Km500 = ("500", "Within 500 km"),
        /// Every group, nearest first (not written in the address).
        #[default]
        Any = ("any", "Any distance"),
    }
}

/// With "any distance", the distance beyond which no group counts as near.
pub const NEAR_ENOUGH_KM: f64 = 250.0;

/// How many of the nearest groups are shown when none is within the radius.
pub const NEAREST_SHOWN: usize = 3;

impl Radius {
    /// The radius in kilometres; `None` for any distance.
    pub fn km(self) -> Option<f64> {
        match self {
            Radius::Km50 => Some(50.0),
            Radius::Km100 => Some(100.0),
            Radius::Km250 => Some(250.0),
            Radius::Km500 => Some(500.0),
            Radius::Any => None,
        }
    }

    /// The radius in the page's language: "Within 50 km", "Any distance" (its `label` is
    /// English's).
    pub fn name(self) -> String {
        match self.km() {
            Some(km) => tf(Msg::PlaceWithin, &[("distance", &format_km(km))]),
            None => t(Msg::PlaceAnyDistance).to_owned(),
        }
    }

    /// The distance within which a group is near: the radius, or [`NEAR_ENOUGH_KM`].
    pub fn reach_km(self) -> f64 {
        self.km().unwrap_or(NEAR_ENOUGH_KM)
    }
}

/// Where distances are measured from.
#[derive(Clone, Debug, PartialEq)]
pub struct Origin {
    pub lat: f64,
    pub lon: f64,
    /// The country the place is in (none for the visitor's own position: the browser does not
    /// say which country that is, and nobody is asked).
    pub country: Option<&'static Country>,
    /// The place for people: "Leipzig", "your location".
    pub name: String,
}

impl Origin {
    /// Distances from `place`.
    pub fn of(place: &crate::places::Place) -> Origin {
        Origin {
            lat: place.lat,
            lon: place.lon,
            country: crate::regions::country(&place.country),
            name: place.name.clone(),
        }
    }
}

/// How far a group is from the origin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Distance {
    pub km: f64,
    /// The group meets for the whole country the origin is in.
    pub covers: bool,
}

impl Distance {
    /// What the order and the radius go by: a group of the whole country is as near as can be.
    pub fn key(self) -> f64 {
        if self.covers {
            0.0
        } else {
            self.km
        }
    }

    /// For people, in the page's language: "85 km away", "less than 1 km away", "for all of
    /// Germany".
    pub fn text(self, group: &Group) -> String {
        if self.covers {
            tf(Msg::PlaceWholeCountry, &[("country", group.country.local_name())])
        } else {
            tf(Msg::PlaceAway, &[("distance", &format_km(self.km))])
        }
    }
}

/// A distance for people, in the page's language: "less than 1 km", "85 km", "1,234 km".
pub fn format_km(km: f64) -> String {
    if km < 1.0 {
        return t(Msg::PlaceLessThanOneKm).to_owned();
    }
    tn(Msg::PlaceKm, km.round() as u64, &[])
}

/// The distance of `group` from `origin`.
pub fn distance(group: &Group, origin: &Origin) -> Distance {
    Distance {
        km: distance_km(origin.lon, origin.lat, group.lon, group.lat),
        covers: origin.country.is_some_and(|c| c.code == group.country.code) && covers_country(group),
    }
}

/// The groups `shown` (indices into `groups`), nearest to `origin` first, each with its
/// distance; equally near, the directory's order.
pub fn order(groups: &[Group], shown: &[usize], origin: &Origin) -> Vec<(usize, Distance)> {
    let mut ordered: Vec<(usize, Distance)> = shown.iter().map(|&i| (i, distance(&groups[i], origin))).collect();
    ordered.sort_by(|a, b| a.1.key().total_cmp(&b.1.key()).then(a.1.km.total_cmp(&b.1.km)).then(a.0.cmp(&b.0)));
    ordered
}

/// What the list shows for a place: the groups within the radius, or, when none is near, the
/// nearest few (with any distance, every group: the nearest come first anyway).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listed {
    pub groups: Vec<(usize, Distance)>,
    /// No group is within the radius (with any distance, within [`NEAR_ENOUGH_KM`]).
    pub none_near: bool,
    /// Groups are near only as groups of the whole country (Germany's, for Leipzig): none
    /// meets within reach of the place itself, so a group there may still start. The first
    /// such group.
    pub country_wide_only: Option<usize>,
}

/// The list for `ordered` (from [`order`]) and `radius`.
pub fn listed(ordered: Vec<(usize, Distance)>, radius: Radius) -> Listed {
    let none_near = ordered.first().is_none_or(|(_, d)| d.key() > radius.reach_km());
    let mut within = ordered.iter().take_while(|(_, d)| d.key() <= radius.reach_km());
    let country_wide_only = match within.clone().next() {
        Some(&(first, _)) if within.all(|(_, d)| d.covers) => Some(first),
        _ => None,
    };
    let groups = match radius.km() {
        None => ordered,
        Some(_) if none_near => ordered.into_iter().take(NEAREST_SHOWN).collect(),
        Some(km) => ordered.into_iter().take_while(|(_, d)| d.key() <= km).collect(),
    };
    Listed { groups, none_near, country_wide_only }
}

/// What the directory says above a list where no group meets near the place: none at all
/// ([`none_near_line`]), or only the whole country's ("Only the group for all of Germany
/// meets near Leipzig: none within 250 km of it yet."); nothing when a group is near.
pub fn wanting_line(
    listed: &Listed,
    groups: &[Group],
    radius: Radius,
    scope: Option<&str>,
    origin: &str,
) -> Option<String> {
    if listed.none_near {
        return Some(none_near_line(radius, scope, origin));
    }
    listed.country_wide_only.map(|group| {
        let (country, distance) = (groups[group].country.local_name(), format_km(radius.reach_km()));
        tf(Msg::DirectoryOnlyCountryWide, &[("country", country), ("origin", origin), ("distance", &distance)])
    })
}

/// What the directory says of a list ordered by distance: how many it shows, of how many,
/// within what, nearest to where. `scope` names the other filters' place ("Europe",
/// "Germany"), when chosen.
pub fn summary(listed: &Listed, total: usize, scope: Option<&str>, radius: Radius, origin: &str) -> String {
    let n = listed.groups.len();
    let shown = groups_i18n::catalogue::number_as(Msg::DirectorySomeNearestFirst, n as u64);
    let said = |msg: Msg, count: usize, scope: &str| {
        tn(msg, count as u64, &[("origin", origin), ("scope", scope), ("shown", shown.as_str())])
    };
    match (radius.km(), scope) {
        (Some(_), scope) if listed.none_near && n > 0 => match scope {
            Some(scope) => said(Msg::DirectoryNearestIn, n, scope),
            None => said(Msg::DirectoryNearest, n, ""),
        },
        (_, Some(scope)) if n == 0 => tf(Msg::DirectoryNoMatchIn, &[("scope", scope)]),
        _ if n == 0 => t(Msg::DirectoryNoMatch).to_owned(),
        (None, _) if n == 1 && total == 1 => tf(Msg::DirectoryTheOneGroup, &[("origin", origin)]),
        (None, _) if n == total => said(Msg::DirectoryAllNearestFirst, total, ""),
        (None, Some(scope)) => said(Msg::DirectorySomeInNearestFirst, total, scope),
        (None, None) => said(Msg::DirectorySomeNearestFirst, total, ""),
        (Some(km), scope) => {
            let distance = format_km(km);
            let values = [("origin", origin), ("scope", scope.unwrap_or_default()), ("distance", distance.as_str())];
            tn(if scope.is_some() { Msg::DirectoryWithinIn } else { Msg::DirectoryWithin }, n as u64, &values)
        }
    }
}

/// "No group within 250 km of Leipzig yet", with the other filters' place when chosen.
pub fn none_near_line(radius: Radius, scope: Option<&str>, origin: &str) -> String {
    let distance = format_km(radius.reach_km());
    match scope {
        Some(scope) => tf(Msg::DirectoryNoneNearIn, &[("scope", scope), ("distance", &distance), ("origin", origin)]),
        None => tf(Msg::DirectoryNoneNear, &[("distance", &distance), ("origin", origin)]),
    }
}

/// The new-group form with `place` (a place's id) for where the group will meet: the
/// directory's "Start a group in Leipzig".
pub fn start_href(place: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new()).append_pair("near", place).finish();
    format!("{}?{query}", crate::routes::href(crate::routes::Page::NewGroup))
}

/// Whether `group` meets for its whole country: it has no city and its name is its
/// country's, by the country's English name, code or other names ("Hungary", "UK", "UAE",
/// "Czech Republic", "OpenStack Germany"), a doubled letter mistyped or not ("Phillipines").
/// A group of a state or a city without its city given ("Utah", "Baden-Württemberg") is not.
pub fn covers_country(group: &Group) -> bool {
    if group.city.is_some() {
        return false;
    }
    covers(&group.name, group.country)
}

/// How far from a position the middle of a country may be for the position to be in it (the
/// far corners of Russia, Canada or the United States from their middles).
pub const COUNTRY_REACH_KM: f64 = 5_000.0;

/// The countries the visitor's own position may be in that matter: those of the groups that
/// meet for a whole country ([`covers_country`]) within [`COUNTRY_REACH_KM`], nearest first,
/// each once. Their shapes say which holds the position (`country_shape`): only these few are
/// fetched, and then only when the visitor asks for their location.
pub fn countries_to_look_in(groups: &[Group], lat: f64, lon: f64) -> Vec<&'static Country> {
    let mut near: Vec<(f64, &'static Country)> = groups
        .iter()
        .filter(|g| covers_country(g))
        .map(|g| (distance_km(lon, lat, g.lon, g.lat), g.country))
        .filter(|(km, _)| *km <= COUNTRY_REACH_KM)
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut countries: Vec<&'static Country> = Vec::new();
    for (_, country) in near {
        if !countries.iter().any(|c| c.code == country.code) {
            countries.push(country);
        }
    }
    countries
}

/// Whether a group called `name` in `country` is named for the whole country.
pub fn covers(name: &str, country: &Country) -> bool {
    /// Words that say what a group is, not where.
    const GENERIC: &[&str] = &["openstack", "user", "users", "group", "groups", "meetup", "community", "the", "of"];
    let words = |text: &str| -> Vec<String> {
        fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(squeeze).collect::<Vec<_>>()
    };
    let own: Vec<String> = words(name).into_iter().filter(|w| !GENERIC.contains(&w.as_str())).collect();
    let country_words: Vec<String> =
        words(country.name).into_iter().chain(words(&country_words(country.code))).collect();
    !own.is_empty() && own.iter().all(|w| country_words.contains(w))
}

/// A word with its doubled letters written once: "phillipines" and "philippines" compare equal.
fn squeeze(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::regions::country;

    fn groups() -> Vec<Group> {
        let records = [
            ("berlin", "OpenStack Berlin", Some("Berlin"), "DE", 52.52, 13.405),
            ("potsdam", "Potsdam", Some("Potsdam"), "DE", 52.39, 13.06),
            ("germany", "Germany", None, "DE", 51.1657, 10.4515),
            ("baden", "Baden-Württemberg", None, "DE", 48.78, 9.18),
            ("prague", "Praha", Some("Praha"), "CZ", 50.076, 14.438),
            ("tokyo", "Tokyo", Some("Tokyo"), "JP", 35.69, 139.69),
        ]
        .map(|(slug, name, city, code, lat, lon)| {
            let city = city.map(|c| format!(r#""city":"{c}","#)).unwrap_or_default();
            format!(
                r#"{{"slug":"{slug}","name":"{name}",{city}"country":"{code}","lat":{lat},"lon":{lon},"status":"new"}}"#
            )
        })
        .join(",");
        crate::directory::read(&format!(r#"{{"version":1,"groups":[{records}]}}"#)).unwrap().groups
    }

    fn leipzig() -> Origin {
        Origin { lat: 51.34, lon: 12.37, country: country("DE"), name: "Leipzig".into() }
    }

    fn slugs(groups: &[Group], listed: &[(usize, Distance)]) -> Vec<String> {
        listed.iter().map(|(i, _)| groups[*i].slug.clone()).collect()
    }

    #[test]
    fn the_radius_is_read_and_written_as_the_address_has_it() {
        assert_eq!(Radius::from_slug("100"), Some(Radius::Km100));
        assert_eq!(Radius::from_slug("any"), Some(Radius::Any));
        assert_eq!(Radius::from_slug("75"), None);
        assert_eq!(Radius::Km250.km(), Some(250.0));
        assert_eq!(Radius::Any.km(), None);
        assert_eq!(Radius::Any.reach_km(), NEAR_ENOUGH_KM);
        assert_eq!(Radius::default(), Radius::Any);
        assert_eq!(Radius::Km50.label(), "Within 50 km");
    }

    #[test]
    fn distances_are_written_for_people() {
        assert_eq!(format_km(0.4), "less than 1 km");
        assert_eq!(format_km(84.6), "85 km");
        assert_eq!(format_km(999.4), "999 km");
        assert_eq!(format_km(1234.0), "1,234 km");
        assert_eq!(format_km(12_345_678.0), "12,345,678 km");
    }

    #[test]
    fn groups_come_nearest_first_and_a_whole_country_group_is_near_every_place_of_it() {
        let g = groups();
        let all: Vec<usize> = (0..g.len()).collect();
        let ordered = order(&g, &all, &leipzig());
        assert_eq!(slugs(&g, &ordered), ["germany", "potsdam", "berlin", "prague", "baden", "tokyo"]);
        let (germany, distance) = ordered[0];
        assert!(distance.covers && distance.km > 100.0, "{distance:?}");
        assert_eq!(distance.text(&g[germany]), "for all of Germany");
        let (berlin, distance) = ordered[2];
        assert!(!distance.covers && (145.0..155.0).contains(&distance.km), "{distance:?}");
        assert_eq!(distance.text(&g[berlin]), "149 km away");
        // Seen from Prague, Germany's group is only as near as its point.
        let prague = Origin { lat: 50.08, lon: 14.44, country: country("CZ"), name: "Prague".into() };
        let from_prague = order(&g, &all, &prague);
        assert_eq!(slugs(&g, &from_prague)[..3], ["prague", "potsdam", "berlin"]);
        assert!(!from_prague.iter().any(|(_, d)| d.covers));
        // The visitor's own position before its country is known: distances only.
        let here = Origin { country: None, name: "your location".into(), ..leipzig() };
        assert_eq!(slugs(&g, &order(&g, &all, &here))[0], "potsdam");
    }

    #[test]
    fn a_position_is_looked_for_in_the_countries_whole_country_groups_meet_for_nearest_first() {
        let g = groups();
        let names = |lat, lon| -> Vec<&str> { countries_to_look_in(&g, lat, lon).iter().map(|c| c.code).collect() };
        assert_eq!(names(51.34, 12.37), ["DE"], "Leipzig: Germany's group (Baden-Württemberg is a state's)");
        assert_eq!(names(35.69, 139.69), Vec::<&str>::new(), "Tokyo: no group there meets for all of Japan");
        let mut more = g.clone();
        more.extend(crate::directory::read(
            r#"{"version":1,"groups":[
                {"slug":"czechia","name":"Czech Republic","country":"CZ","lat":49.8,"lon":15.5,"status":"new"},
                {"slug":"germany-too","name":"OpenStack Germany","country":"DE","lat":51.0,"lon":10.0,"status":"new"}]}"#,
        ).unwrap().groups);
        let codes: Vec<&str> = countries_to_look_in(&more, 50.08, 14.44).iter().map(|c| c.code).collect();
        assert_eq!(codes, ["CZ", "DE"], "from Prague: each country once, nearest first");
    }

    #[test]
    fn the_radius_narrows_the_list_and_a_place_with_no_group_near_lists_the_nearest_three() {
        let g = groups();
        let all: Vec<usize> = (0..g.len()).collect();
        let from = |origin: &Origin, radius| listed(order(&g, &all, origin), radius);
        let leipzig = from(&leipzig(), Radius::Km250);
        assert!(!leipzig.none_near);
        assert_eq!(slugs(&g, &leipzig.groups), ["germany", "potsdam", "berlin", "prague"]);
        let reykjavik = Origin { lat: 64.15, lon: -21.94, country: country("IS"), name: "Reykjavík".into() };
        let far = from(&reykjavik, Radius::Km500);
        assert!(far.none_near);
        assert_eq!(far.groups.len(), NEAREST_SHOWN);
        let any = from(&reykjavik, Radius::Any);
        assert!(any.none_near, "with any distance, none within 250 km is none near");
        assert_eq!(any.groups.len(), g.len(), "with any distance every group is listed");
        let near_potsdam = Origin { lat: 52.40, lon: 13.07, country: None, name: "your location".into() };
        assert_eq!(slugs(&g, &from(&near_potsdam, Radius::Km50).groups), ["potsdam", "berlin"]);
        assert!(!listed(Vec::new(), Radius::Any).groups.iter().any(|_| true));
        assert!(listed(Vec::new(), Radius::Any).none_near, "no group at all is none near");
    }

    #[test]
    fn a_place_near_only_its_countrys_own_group_is_still_wanting_one() {
        let g = groups();
        let all: Vec<usize> = (0..g.len()).collect();
        let from = |origin: &Origin, radius| listed(order(&g, &all, origin), radius);
        // Leipzig: Potsdam is 120 km away, within 250 km but not 100.
        let within_100 = from(&leipzig(), Radius::Km100);
        assert!(!within_100.none_near);
        assert_eq!(within_100.country_wide_only.map(|i| g[i].slug.as_str()), Some("germany"));
        assert_eq!(
            wanting_line(&within_100, &g, Radius::Km100, None, "Leipzig").as_deref(),
            Some("Only the group for all of Germany meets near Leipzig: none within 100 km of it yet.")
        );
        let within_250 = from(&leipzig(), Radius::Km250);
        assert_eq!(within_250.country_wide_only, None, "Potsdam's group is near");
        assert_eq!(wanting_line(&within_250, &g, Radius::Km250, None, "Leipzig"), None);
        // Far from every group: the plain answer.
        let reykjavik = Origin { lat: 64.15, lon: -21.94, country: country("IS"), name: "Reykjavík".into() };
        let far = from(&reykjavik, Radius::Km500);
        assert_eq!(
            wanting_line(&far, &g, Radius::Km500, None, "Reykjavík").as_deref(),
            Some("No group within 500 km of Reykjavík yet.")
        );
    }

    #[test]
    fn what_the_list_says() {
        let g = groups();
        let all: Vec<usize> = (0..g.len()).collect();
        let list = |radius| listed(order(&g, &all, &leipzig()), radius);
        assert_eq!(
            summary(&list(Radius::Any), 6, None, Radius::Any, "Leipzig"),
            "Showing all 6 groups, nearest to Leipzig first."
        );
        assert_eq!(
            summary(&list(Radius::Km100), 9, Some("Europe"), Radius::Km100, "Leipzig"),
            "Showing 1 group in Europe within 100 km of Leipzig, nearest first."
        );
        let far = Listed { groups: list(Radius::Any).groups[..3].to_vec(), none_near: true, country_wide_only: None };
        assert_eq!(summary(&far, 9, None, Radius::Km50, "Leipzig"), "Showing the 3 groups nearest to Leipzig.");
        assert_eq!(
            summary(
                &Listed {
                    groups: all.iter().map(|&i| (i, Distance { km: 1.0, covers: false })).take(2).collect(),
                    none_near: false,
                    country_wide_only: None,
                },
                6,
                None,
                Radius::Any,
                "your location"
            ),
            "Showing 2 of 6 groups, nearest to your location first."
        );
        assert_eq!(
            summary(&Listed::default(), 6, Some("Japan"), Radius::Km50, "Leipzig"),
            "No group in Japan matches these filters."
        );
        assert_eq!(none_near_line(Radius::Any, None, "Leipzig"), "No group within 250 km of Leipzig yet.");
        assert_eq!(
            none_near_line(Radius::Km50, Some("Europe"), "Leipzig"),
            "No group in Europe within 50 km of Leipzig yet."
        );
    }

    #[test]
    fn the_way_to_start_a_group_names_the_place_by_its_id() {
        assert_eq!(start_href("2879139"), "/new-group?near=2879139");
        assert_eq!(start_href("state:US-MA"), "/new-group?near=state%3AUS-MA");
    }

    #[test]
    fn a_group_named_for_its_country_covers_it() {
        let named = |name: &str, code: &str| covers(name, country(code).unwrap());
        for (name, code) in [
            ("Hungary", "HU"),
            ("UK", "GB"),
            ("UAE", "AE"),
            ("Czech Republic", "CZ"),
            ("South Korea", "KR"),
            ("Phillipines", "PH"),
            ("OpenStack Germany", "DE"),
            ("OpenStack Users of America", "US"),
        ] {
            assert!(named(name, code), "{name}");
        }
        for (name, code) in [
            ("Baden-Württemberg", "DE"),
            ("Utah", "US"),
            ("Colorado (Northern)", "US"),
            ("Nordics (Scandinavia)", "NO"),
            ("OpenStack", "DE"),
            ("Hungary", "AT"),
        ] {
            assert!(!named(name, code), "{name}");
        }
        let g = groups();
        let slug = |s: &str| g.iter().find(|g| g.slug == s).unwrap();
        assert!(covers_country(slug("germany")));
        assert!(!covers_country(slug("berlin")) && !covers_country(slug("baden")));
    }
}
