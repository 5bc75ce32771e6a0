//! The groups data: `groups.json` parsed into checked [`Group`]s. A malformed record is
//! skipped with a reason (shown on the console) and the rest still show.

use std::collections::HashSet;

pub use groups_core::links::LinkKind;

use crate::{
    json::Json,
    regions::{country, Country, Region},
};

/// Whether a group has been confirmed official (see the official-group-process page).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Official,
    New,
}

impl Status {
    pub const ALL: [Status; 2] = [Status::Official, Status::New];

    pub fn slug(self) -> &'static str {
        match self {
            Status::Official => "official",
            Status::New => "new",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Official => "Official",
            Status::New => "New",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    pub url: String,
}

/// One checked group.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub slug: String,
    pub name: String,
    pub city: String,
    pub country: &'static Country,
    pub lat: f64,
    pub lon: f64,
    pub status: Status,
    pub links: Vec<Link>,
    pub description: Option<String>,
}

impl Group {
    pub fn region(&self) -> Region {
        self.country.region
    }

    pub fn href(&self) -> String {
        format!("/groups/{}", self.slug)
    }
}

/// A record left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Position in the file's `groups` array (0-based).
    pub index: usize,
    pub reason: String,
}

/// Why the file as a whole could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError(pub String);

/// The file format version this app reads.
pub const VERSION: u32 = 1;

/// Reads a parsed `groups.json`: the good groups in the directory's order (official first,
/// then by name), and the records skipped.
pub fn parse(file: &Json) -> Result<(Vec<Group>, Vec<Skipped>), FileError> {
    if !matches!(file, Json::Object(_)) {
        return Err(FileError("groups.json does not hold an object".into()));
    }
    match file.get("version").and_then(Json::as_f64) {
        Some(v) if v == f64::from(VERSION) => {}
        Some(_) => return Err(FileError(format!("groups.json is not version {VERSION}, the only one this site reads"))),
        None => return Err(FileError("groups.json has no version".into())),
    }
    let records = file.get("groups").and_then(Json::as_array).ok_or_else(|| FileError("groups.json has no list of groups".into()))?;
    let mut groups = Vec::with_capacity(records.len());
    let mut skipped = Vec::new();
    let mut slugs = HashSet::new();
    for (index, record) in records.iter().enumerate() {
        match check(record) {
            Ok(group) if !slugs.insert(group.slug.clone()) => {
                skipped.push(Skipped { index, reason: format!("duplicate slug `{}`", group.slug) })
            }
            Ok(group) => groups.push(group),
            Err(reason) => skipped.push(Skipped { index, reason }),
        }
    }
    sort(&mut groups);
    Ok((groups, skipped))
}

/// Parses `groups.json` text natively (tests, benchmarks); the browser uses `JSON.parse`.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_str(text: &str) -> Result<(Vec<Group>, Vec<Skipped>), FileError> {
    let json = crate::json::from_str(text).map_err(|e| FileError(format!("groups.json is not valid JSON: {e}")))?;
    parse(&json)
}

/// Official groups first, then by name (case-insensitively), then by slug.
pub fn sort(groups: &mut [Group]) {
    groups.sort_by_cached_key(|g| (g.status != Status::Official, g.name.to_lowercase(), g.slug.clone()));
}

fn check(record: &Json) -> Result<Group, String> {
    let text = |key: &str| record.get(key).and_then(Json::as_str).map(|s| s.trim().to_string());
    let slug = text("slug").ok_or("missing slug")?;
    let valid_slug = !slug.is_empty() && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid_slug {
        return Err(format!("`{slug}`: the slug may only hold lowercase letters, digits and `-`"));
    }
    let name = text("name").filter(|n| !n.is_empty()).ok_or_else(|| format!("`{slug}`: missing name"))?;
    let city = text("city").filter(|c| !c.is_empty()).ok_or_else(|| format!("`{slug}`: missing city"))?;
    let code = text("country").unwrap_or_default();
    let country = country(&code).ok_or_else(|| format!("`{slug}`: unknown country `{code}`"))?;
    let lat = record.get("lat").and_then(Json::as_f64).filter(|v| (-90.0..=90.0).contains(v));
    let lon = record.get("lon").and_then(Json::as_f64).filter(|v| (-180.0..=180.0).contains(v));
    let (Some(lat), Some(lon)) = (lat, lon) else {
        return Err(format!("`{slug}`: coordinates missing or off the globe"));
    };
    let status = text("status").and_then(|s| Status::from_slug(&s)).ok_or_else(|| format!("`{slug}`: status must be official or new"))?;
    let mut links = Vec::new();
    match record.get("links") {
        None | Some(Json::Null) => {}
        Some(Json::Array(items)) => {
            for item in items {
                let kind = item.get("kind").and_then(Json::as_str).and_then(LinkKind::from_slug);
                let url = item.get("url").and_then(Json::as_str).filter(|u| u.starts_with("https://") || u.starts_with("http://"));
                match (kind, url) {
                    (Some(kind), Some(url)) => links.push(Link { kind, url: url.to_string() }),
                    _ => return Err(format!("`{slug}`: a link needs a known kind and an http(s) address")),
                }
            }
        }
        Some(_) => return Err(format!("`{slug}`: links must be a list")),
    }
    let description = text("description").filter(|d| !d.is_empty());
    Ok(Group { slug, name, city, country, lat, lon, status, links, description })
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

    fn file(records: &str) -> String {
        format!("{{\"version\": 1, \"groups\": [{records}]}}")
    }

    const BERLIN: &str = r#"{"slug": "berlin", "name": "OpenStack Berlin", "city": "Berlin", "country": "DE",
        "lat": 52.52, "lon": 13.405, "status": "official",
        "links": [{"kind": "meetup", "url": "https://example.org/openstack-berlin"}],
        "description": "Monthly talks."}"#;

    #[test]
    fn a_good_record_parses() {
        let (groups, skipped) = parse_str(&file(BERLIN)).unwrap();
        assert!(skipped.is_empty());
        let g = &groups[0];
        assert_eq!((g.slug.as_str(), g.name.as_str(), g.city.as_str()), ("berlin", "OpenStack Berlin", "Berlin"));
        assert_eq!(g.country.name, "Germany");
        assert_eq!(g.region(), Region::Europe);
        assert_eq!(g.status, Status::Official);
        assert_eq!(g.links[0].kind, LinkKind::Meetup);
        assert_eq!(g.href(), "/groups/berlin");
    }

    #[test]
    fn malformed_records_are_skipped_and_the_rest_kept() {
        let bad = [
            r#"{"slug": "a", "name": "A", "city": "X", "country": "DE", "lat": 95, "lon": 0, "status": "new"}"#,
            r#"{"slug": "b", "name": "B", "city": "X", "country": "XX", "lat": 0, "lon": 0, "status": "new"}"#,
            r#"{"slug": "c", "name": "  ", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "new"}"#,
            r#"{"slug": "d", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "new"}"#,
            r#"{"slug": "e", "name": "E", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "dormant"}"#,
            r#"{"slug": "F g", "name": "F", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "new"}"#,
            r#"{"slug": "h", "name": "H", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "new", "links": [{"kind": "website", "url": "javascript:alert(1)"}]}"#,
            r#"{"slug": "i", "name": "I", "city": "X", "country": "DE", "lat": "north", "lon": 0, "status": "new"}"#,
            r#"{"slug": "berlin", "name": "Another Berlin", "city": "Berlin", "country": "DE", "lat": 52.5, "lon": 13.4, "status": "new"}"#,
            "42",
        ];
        let records = std::iter::once(BERLIN).chain(bad).collect::<Vec<_>>().join(",");
        let (groups, skipped) = parse_str(&file(&records)).unwrap();
        assert_eq!(groups.len(), 1);
        assert_eq!(skipped.len(), bad.len());
        assert!(skipped.iter().any(|s| s.reason.contains("duplicate slug `berlin`")));
        assert!(skipped.iter().any(|s| s.reason.contains("unknown country `XX`")));
        assert!(skipped.iter().any(|s| s.reason.contains("off the globe")));
        assert!(skipped.iter().any(|s| s.reason.contains("missing name")));
    }

    #[test]
    fn a_broken_file_is_an_error() {
        assert!(parse_str("not json").is_err());
        assert!(parse_str("[]").is_err());
        assert!(parse_str("{\"groups\": []}").unwrap_err().0.contains("no version"));
        assert!(parse_str("{\"version\": 2, \"groups\": []}").unwrap_err().0.contains("not version 1"));
        assert!(parse_str("{\"version\": 1}").unwrap_err().0.contains("no list"));
    }

    #[test]
    fn official_groups_come_first_then_by_name() {
        let records = [
            r#"{"slug": "z", "name": "Zeta", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "official"}"#,
            r#"{"slug": "a", "name": "alpha", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "new"}"#,
            r#"{"slug": "b", "name": "Beta", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "official"}"#,
        ]
        .join(",");
        let (groups, _) = parse_str(&file(&records)).unwrap();
        let names: Vec<_> = groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Beta", "Zeta", "alpha"]);
    }
}

/// The loaded directory: groups in display order with their search keys, ready to filter.
#[derive(Debug, Default)]
pub struct Directory {
    pub groups: Vec<Group>,
    /// `keys[i]` is the folded search text of `groups[i]`, computed once at load.
    pub keys: Vec<String>,
}

impl Directory {
    pub fn new(groups: Vec<Group>) -> Self {
        let keys = groups.iter().map(crate::filter::search_key).collect();
        Directory { groups, keys }
    }

    /// The position of the group with `slug` in `groups`.
    pub fn index_of(&self, slug: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.slug == slug)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod sample_tests {
    use super::*;

    const SAMPLE: &str = include_str!("../public/groups.json");

    #[test]
    fn the_shipped_sample_is_clean_and_covers_every_region() {
        let (groups, skipped) = parse_str(SAMPLE).unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        assert!((90..=130).contains(&groups.len()), "{} groups", groups.len());
        for region in Region::ALL {
            assert!(groups.iter().any(|g| g.region() == region), "no group in {region}");
        }
    }

    #[test]
    fn the_sample_holds_no_personal_data() {
        assert!(!SAMPLE.contains('@'), "an email address in groups.json");
    }
}
