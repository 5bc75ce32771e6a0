//! The directory's filters, their URL query codec (`/groups?region=europe&q=berlin`), and
//! the one function that decides which groups are shown: on the app's map and list alike, and
//! in the server's page for readers without JavaScript.

use std::collections::HashSet;

use groups_i18n::{t, Msg};

use crate::{
    directory::{GroupRecord as Group, Status},
    near::Radius,
    places::is_place_id,
    regions::{country, Country, Region},
    search::{fold, matches_words_or},
};

/// What the visitor narrowed the directory to. Empty means every group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub region: Option<Region>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<&'static str>,
    /// The search text as typed.
    pub query: String,
    pub status: Option<Status>,
    /// Only groups with a meeting in the next [`SOON_DAYS`] days (`meets=30` in the URL).
    pub soon: bool,
    /// The place the groups are ordered by distance from: its stable id (`near=2950159`),
    /// never coordinates (see `groups_core::places`).
    pub near: Option<String>,
    /// How far from the place (`radius=100`; any distance when absent).
    pub radius: Radius,
}

/// What "meets soon" means: within this many days.
pub const SOON_DAYS: u32 = 30;

impl Filter {
    /// Where the other filters narrow the list to, for the sentences about distances ("in
    /// Europe", "in Germany"): the country chosen, else the region, by their names in the
    /// page's language.
    pub fn scope(&self) -> Option<&'static str> {
        self.country.and_then(crate::regions::country).map(|c| c.local_name()).or(self.region.map(|r| r.name()))
    }

    /// Reads the filter from query-string pairs, ignoring unknown keys and invalid values so
    /// that an old or mistyped link still opens the directory.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Filter {
        let mut filter = Filter::default();
        let mut chosen_country = None;
        for (key, value) in pairs {
            match key {
                "region" => filter.region = Region::from_slug(value),
                "country" => chosen_country = country(&value.to_ascii_uppercase()),
                "q" => filter.query = value.to_string(),
                "status" => filter.status = Status::from_slug(value),
                "meets" => filter.soon = value == SOON_DAYS.to_string(),
                "near" => filter.near = is_place_id(value).then(|| value.to_owned()),
                "radius" => filter.radius = Radius::from_slug(value).unwrap_or_default(),
                _ => {}
            }
        }
        // A country is in one region: a link naming another region for it (edited by hand,
        // or from before a move) shows the country, in its own region, not nothing.
        if let Some(c) = chosen_country {
            filter.country = Some(c.code);
            filter.region = Some(c.region);
        }
        filter
    }

    /// The query string (without `?`), keys in a fixed order, empty filters left out.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(region) = self.region {
            parts.push(format!("region={}", region.slug()));
        }
        if let Some(code) = self.country {
            parts.push(format!("country={}", code.to_ascii_lowercase()));
        }
        if !self.query.trim().is_empty() {
            parts.push(form_urlencoded::Serializer::new(String::new()).append_pair("q", &self.query).finish());
        }
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.slug()));
        }
        if self.soon {
            parts.push(format!("meets={SOON_DAYS}"));
        }
        if let Some(near) = &self.near {
            parts.push(form_urlencoded::Serializer::new(String::new()).append_pair("near", near).finish());
        }
        if self.radius != Radius::Any {
            parts.push(format!("radius={}", self.radius.slug()));
        }
        parts.join("&")
    }

    /// `/groups` with this filter.
    pub fn href(&self) -> String {
        self.href_at(&crate::routes::href(crate::routes::Page::Groups))
    }

    /// `path` with this filter (`/meetings?region=europe`).
    pub fn href_at(&self, path: &str) -> String {
        let query = self.to_query();
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        }
    }

    pub fn is_empty(&self) -> bool {
        self.region.is_none()
            && self.country.is_none()
            && self.query.trim().is_empty()
            && self.status.is_none()
            && !self.soon
            && self.near.is_none()
            && self.radius == Radius::Any
    }

    /// A matcher that folds the search text once, for use over many groups; `soon` holds the
    /// slugs of the groups that meet soon (for a filter that asks; none known: none shown).
    pub fn matcher<'a>(&'a self, soon: &'a HashSet<String>) -> Matcher<'a> {
        Matcher { filter: self, query: fold(self.query.trim()), soon }
    }
}

/// A [`Filter`] ready to test groups.
pub struct Matcher<'a> {
    filter: &'a Filter,
    query: String,
    soon: &'a HashSet<String>,
}

impl Matcher<'_> {
    /// Whether `group` is shown; `search_key` is its [`search_key`].
    pub fn matches(&self, group: &Group, search_key: &str) -> bool {
        let f = self.filter;
        f.region.is_none_or(|r| group.region() == r)
            && f.country.is_none_or(|c| group.country.code == c)
            && f.status.is_none_or(|s| group.status == s)
            && (!f.soon || self.soon.contains(&group.slug))
            && matches_words_or(search_key, &self.query, |word| {
                crate::search_terms::is_part_of(word, group.country.code)
            })
    }
}

/// The folded text a search looks in: name, city, country name, the country's code and the
/// other names it goes by ("us", "usa", "uk").
pub fn search_key(group: &Group) -> String {
    fold(&format!(
        "{} {} {} {}",
        group.name,
        group.city.as_deref().unwrap_or_default(),
        group.country.name,
        crate::search_terms::country_words(group.country.code)
    ))
}

/// Indices of the groups `filter` shows, in their order; `keys[i]` is `groups[i]`'s search key,
/// `soon` the slugs of the groups that meet soon.
pub fn apply(filter: &Filter, groups: &[Group], keys: &[String], soon: &HashSet<String>) -> Vec<usize> {
    let matcher = filter.matcher(soon);
    (0..groups.len()).filter(|&i| matcher.matches(&groups[i], &keys[i])).collect()
}

/// How many of the `shown` groups (indices into `groups`) meet soon (`soon` holds their
/// slugs): what "Meets in the next 30 days (N)" says, the groups that ticking it would show
/// with the other filters as they are. The app and the server's page count with this alone.
pub fn soon_count(shown: &[usize], groups: &[Group], soon: &HashSet<String>) -> usize {
    shown.iter().filter(|&&i| soon.contains(&groups[i].slug)).count()
}

/// Whether the words of `text` alone find any of `groups` by name, city or country (`keys[i]`
/// is `groups[i]`'s search key): when they find none, a place the text may mean is taken
/// instead (`Place::is_meant_by`).
pub fn finds_any(text: &str, groups: &[Group], keys: &[String]) -> bool {
    let search = Filter { query: text.to_owned(), ..Filter::default() };
    let none = HashSet::new();
    let matcher = search.matcher(&none);
    (0..groups.len()).any(|i| matcher.matches(&groups[i], &keys[i]))
}

/// How many groups each region has, every region included (zero too), in `Region::ALL` order.
pub fn region_counts(groups: &[Group]) -> Vec<(Region, usize)> {
    region_counts_of(groups.iter())
}

/// The same for some of the groups (those that meet soon, say).
pub fn region_counts_of<'a>(groups: impl Iterator<Item = &'a Group> + Clone) -> Vec<(Region, usize)> {
    Region::ALL.iter().map(|&r| (r, groups.clone().filter(|g| g.region() == r).count())).collect()
}

/// The countries that have at least one group, each with its count, by their names in the
/// page's language, accents aside ("Österreich" beside "Ostfriesland"): the order every list
/// of them shows, in the app and in the server's pages.
pub fn countries_with_groups<'a>(groups: impl IntoIterator<Item = &'a Group>) -> Vec<(&'static Country, usize)> {
    let mut counts: Vec<(&'static Country, usize)> = Vec::new();
    for group in groups {
        match counts.iter_mut().find(|(c, _)| c.code == group.country.code) {
            Some((_, n)) => *n += 1,
            None => counts.push((group.country, 1)),
        }
    }
    counts.sort_by_cached_key(|(c, _)| crate::search::fold(c.local_name()));
    counts
}

/// The region select's options: "All regions" with `total`, then each region with its count.
pub fn region_options(counts: &[(Region, usize)], total: usize) -> Vec<(String, String)> {
    std::iter::once((String::new(), format!("{} ({total})", t(Msg::PlaceAllRegions))))
        .chain(counts.iter().map(|(r, n)| (r.slug().to_string(), format!("{} ({n})", r.name()))))
        .collect()
}

/// The country select's options: "All countries", then those of `region` (every region when
/// none) that have groups, by name with their counts; and the one `chosen`, even without a
/// group, so that a link to it shows what it filters by.
pub fn country_options(
    countries: &[(&'static Country, usize)],
    region: Option<Region>,
    chosen: Option<&'static str>,
) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = std::iter::once((String::new(), t(Msg::PlaceAllCountries).to_owned()))
        .chain(
            countries
                .iter()
                .filter(|(c, _)| region.is_none_or(|r| c.region == r))
                .map(|(c, n)| (c.code.to_string(), format!("{} ({n})", c.local_name()))),
        )
        .collect();
    if let Some(country) = chosen.and_then(country).filter(|c| !options.iter().any(|(code, _)| code == c.code)) {
        options.push((country.code.to_string(), format!("{} (0)", country.local_name())));
    }
    options
}

/// The filter in a query string such as `location.search`.
pub fn from_query(query: &str) -> Filter {
    let pairs: Vec<_> = form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).collect();
    Filter::from_pairs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn sample() -> Vec<Group> {
        let records = [
            ("berlin", "OpenStack Berlin", "Berlin", "DE", "official"),
            ("sao-paulo", "OpenStack São Paulo", "São Paulo", "BR", "official"),
            ("munich", "Munich Cloud Meetup", "München", "DE", "new"),
            ("tokyo", "Japan OpenStack User Group", "Tokyo", "JP", "official"),
            ("nairobi", "OpenStack Kenya", "Nairobi", "KE", "new"),
        ]
        .map(|(slug, name, city, country, status)| {
            format!(r#"{{"slug":"{slug}","name":"{name}","city":"{city}","country":"{country}","lat":1,"lon":2,"status":"{status}"}}"#)
        })
        .join(",");
        crate::directory::read(&format!(r#"{{"version":1,"groups":[{records}]}}"#)).unwrap().groups
    }

    #[test]
    fn countries_by_code_and_other_names_and_places_with_their_state() {
        let records = [
            ("austin", "OpenStack Austin", "Austin", "US"),
            ("boston", "OpenStack Boston", "Boston", "US"),
            ("sydney", "OpenStack Australia", "Sydney", "AU"),
            ("vienna", "OpenStack Austria", "Vienna", "AT"),
            ("cyprus", "OpenStack Cyprus", "Nicosia", "CY"),
            ("moscow", "OpenStack Russia", "Moscow", "RU"),
            ("london", "OpenStack London", "London", "GB"),
        ]
        .map(|(slug, name, city, country)| {
            format!(r#"{{"slug":"{slug}","name":"{name}","city":"{city}","country":"{country}","lat":1,"lon":2,"status":"new"}}"#)
        })
        .join(",");
        let groups = crate::directory::read(&format!(r#"{{"version":1,"groups":[{records}]}}"#)).unwrap().groups;
        let keys: Vec<_> = groups.iter().map(search_key).collect();
        let found = |q: &str| -> Vec<String> {
            let filter = Filter { query: q.into(), ..Default::default() };
            apply(&filter, &groups, &keys, &HashSet::new()).into_iter().map(|i| groups[i].slug.clone()).collect()
        };
        assert_eq!(found("US"), ["austin", "boston"]);
        assert_eq!(found("USA"), ["austin", "boston"]);
        assert_eq!(found("Boston, MA"), ["boston"]);
        assert_eq!(found("Boston, Massachusetts"), ["boston"]);
        assert_eq!(found("UK"), ["london"]);
        assert_eq!(found("London, England"), ["london"]);
        assert_eq!(found("Aus"), ["austin", "sydney", "vienna"], "as a visitor types");
        assert!(finds_any("boston", &groups, &keys) && !finds_any("Leipzig", &groups, &keys));
    }

    fn shown(filter: &Filter) -> Vec<String> {
        let groups = sample();
        let keys: Vec<_> = groups.iter().map(search_key).collect();
        let soon: HashSet<String> = ["tokyo".to_owned()].into();
        apply(filter, &groups, &keys, &soon).into_iter().map(|i| groups[i].slug.clone()).collect()
    }

    #[test]
    fn each_filter_narrows_and_they_combine() {
        assert_eq!(shown(&Filter::default()).len(), 5);
        assert_eq!(shown(&Filter { region: Some(Region::Europe), ..Default::default() }), ["berlin", "munich"]);
        assert_eq!(shown(&Filter { country: Some("JP"), ..Default::default() }), ["tokyo"]);
        assert_eq!(shown(&Filter { status: Some(Status::New), ..Default::default() }), ["munich", "nairobi"]);
        let both = Filter { region: Some(Region::Europe), status: Some(Status::Official), ..Default::default() };
        assert_eq!(shown(&both), ["berlin"]);
        assert!(shown(&Filter { region: Some(Region::Oceania), ..Default::default() }).is_empty());
        assert_eq!(shown(&Filter { soon: true, ..Default::default() }), ["tokyo"], "groups that meet soon");
    }

    #[test]
    fn meets_soon_counts_what_the_other_filters_show() {
        let groups = sample();
        let keys: Vec<_> = groups.iter().map(search_key).collect();
        let soon: HashSet<String> = ["tokyo".to_owned(), "berlin".to_owned()].into();
        let count = |filter: &Filter| soon_count(&apply(filter, &groups, &keys, &soon), &groups, &soon);
        assert_eq!(count(&Filter::default()), 2);
        assert_eq!(count(&Filter { region: Some(Region::Europe), ..Default::default() }), 1);
        assert_eq!(count(&Filter { region: Some(Region::Africa), ..Default::default() }), 0);
        assert_eq!(count(&Filter { query: "tokyo".into(), soon: true, ..Default::default() }), 1, "ticked: as shown");
    }

    #[test]
    fn search_ignores_case_and_accents_over_name_city_and_country() {
        let q = |text: &str| shown(&Filter { query: text.into(), ..Default::default() });
        assert_eq!(q("SAO paulo"), ["sao-paulo"]);
        assert_eq!(q("munchen"), ["munich"]);
        assert_eq!(q("germany"), ["berlin", "munich"]);
        assert_eq!(q("brazil"), ["sao-paulo"]);
        assert_eq!(q("  "), shown(&Filter::default()));
        assert!(q("atlantis").is_empty());
    }

    #[test]
    fn the_query_string_round_trips() {
        let filters = [
            Filter::default(),
            Filter { region: Some(Region::LatinAmerica), ..Default::default() },
            Filter {
                region: Some(Region::Europe),
                country: Some("DE"),
                query: "São Paulo & co=1?#".into(),
                status: Some(Status::New),
                soon: true,
                near: Some("state:US-MA".into()),
                radius: Radius::Km100,
            },
            Filter { near: Some("2950159".into()), ..Default::default() },
            Filter { near: Some("country:HU".into()), radius: Radius::Km500, ..Default::default() },
            Filter { query: "100% +plus".into(), ..Default::default() },
        ];
        for filter in filters {
            let query = filter.to_query();
            assert_eq!(from_query(&query), filter, "{query}");
            assert_eq!(from_query(&format!("?{query}")), filter, "{query}");
        }
        assert_eq!(Filter::default().href(), "/groups");
        assert_eq!(Filter { region: Some(Region::Europe), ..Default::default() }.href(), "/groups?region=europe");
    }

    #[test]
    fn unknown_or_invalid_values_are_ignored() {
        let f = from_query("region=atlantis&country=xx&status=dormant&utm_source=mail&q=cloud");
        assert_eq!(f, Filter { query: "cloud".into(), ..Default::default() });
        assert_eq!(from_query("country=de").country, Some("DE"));
        assert_eq!(from_query("country=de").region, Some(Region::Europe), "a country brings its region");
        let conflict = from_query("region=asia&country=HU");
        assert_eq!((conflict.region, conflict.country), (Some(Region::Europe), Some("HU")));
        assert_eq!(from_query("q=a+b%20c").query, "a b c");
        assert_eq!(from_query("q=100%").query, "100%");
        assert_eq!(from_query("q=%zz%4").query, "%zz%4");
        let place = from_query("near=2950159&radius=250");
        assert_eq!((place.near.as_deref(), place.radius), (Some("2950159"), Radius::Km250));
        assert_eq!(place.to_query(), "near=2950159&radius=250");
        // Never coordinates nor anything else that is not a place's id; a radius not offered
        // is any distance.
        for near in ["51.34,12.37", "", "country:hu", "state:US", "12345678901", "+5", "<b>"] {
            assert_eq!(
                from_query(&format!("near={}", form_urlencoded::byte_serialize(near.as_bytes()).collect::<String>()))
                    .near,
                None,
                "{near}"
            );
        }
        assert_eq!(from_query("near=1&radius=75").radius, Radius::Any);
        assert_eq!(from_query("near=state%3AUS-MA").near.as_deref(), Some("state:US-MA"));
    }

    #[test]
    fn counts_include_every_region_and_only_countries_with_groups() {
        let groups = sample();
        let counts = region_counts(&groups);
        assert_eq!(counts.len(), Region::ALL.len());
        assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), groups.len());
        assert!(counts.contains(&(Region::Oceania, 0)));
        assert!(counts.contains(&(Region::Europe, 2)));
        let countries: Vec<_> = countries_with_groups(&groups).iter().map(|(c, n)| (c.code, *n)).collect();
        assert_eq!(countries, [("BR", 1), ("DE", 2), ("JP", 1), ("KE", 1)]);
    }
}
