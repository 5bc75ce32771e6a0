//! The groups data: `groups.json` parsed into checked [`Group`]s. A malformed record is
//! skipped with a reason (shown on the console) and the rest still show.

use std::collections::HashSet;

use serde::Deserialize;

use crate::regions::{country, Country, Region};

/// Whether a group has been confirmed official (see the official-group-process page).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
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

/// What a group's link leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    Website,
    Meetup,
    MailingList,
    Chat,
    Social,
}

impl LinkKind {
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Website => "Website",
            LinkKind::Meetup => "Meetup page",
            LinkKind::MailingList => "Mailing list",
            LinkKind::Chat => "Chat",
            LinkKind::Social => "Social media",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
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

#[derive(Deserialize)]
struct File {
    version: u32,
    groups: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    slug: String,
    name: String,
    city: String,
    country: String,
    lat: f64,
    lon: f64,
    status: Status,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    description: Option<String>,
}

/// The file format version this app reads.
pub const VERSION: u32 = 1;

/// Parses `groups.json`: the good groups in the directory's order (official first, then by
/// name), and the records skipped.
pub fn parse(json: &str) -> Result<(Vec<Group>, Vec<Skipped>), FileError> {
    let file: File = serde_json::from_str(json).map_err(|e| FileError(format!("groups.json is not valid: {e}")))?;
    if file.version != VERSION {
        return Err(FileError(format!("groups.json has version {}, this site reads version {VERSION}", file.version)));
    }
    let mut groups = Vec::with_capacity(file.groups.len());
    let mut skipped = Vec::new();
    let mut slugs = HashSet::new();
    for (index, value) in file.groups.into_iter().enumerate() {
        match check(value) {
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

/// Official groups first, then by name (case-insensitively), then by slug.
pub fn sort(groups: &mut [Group]) {
    groups.sort_by_cached_key(|g| (g.status != Status::Official, g.name.to_lowercase(), g.slug.clone()));
}

fn check(value: serde_json::Value) -> Result<Group, String> {
    let raw: Raw = serde_json::from_value(value).map_err(|e| e.to_string())?;
    let name = raw.name.trim().to_string();
    if name.is_empty() {
        return Err(format!("`{}`: missing name", raw.slug));
    }
    let valid_slug = !raw.slug.is_empty()
        && raw.slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid_slug {
        return Err(format!("`{}`: the slug may only hold lowercase letters, digits and `-`", raw.slug));
    }
    let city = raw.city.trim().to_string();
    if city.is_empty() {
        return Err(format!("`{}`: missing city", raw.slug));
    }
    let country = country(&raw.country).ok_or_else(|| format!("`{}`: unknown country `{}`", raw.slug, raw.country))?;
    if !(-90.0..=90.0).contains(&raw.lat) || !(-180.0..=180.0).contains(&raw.lon) {
        return Err(format!("`{}`: coordinates {}, {} are off the globe", raw.slug, raw.lat, raw.lon));
    }
    for link in &raw.links {
        if !(link.url.starts_with("https://") || link.url.starts_with("http://")) {
            return Err(format!("`{}`: link `{}` is not an http(s) address", raw.slug, link.url));
        }
    }
    let description = raw.description.map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
    Ok(Group { slug: raw.slug, name, city, country, lat: raw.lat, lon: raw.lon, status: raw.status, links: raw.links, description })
}

#[cfg(test)]
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
        let (groups, skipped) = parse(&file(BERLIN)).unwrap();
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
        let (groups, skipped) = parse(&file(&records)).unwrap();
        assert_eq!(groups.len(), 1);
        assert_eq!(skipped.len(), bad.len());
        assert!(skipped.iter().any(|s| s.reason.contains("duplicate slug `berlin`")));
        assert!(skipped.iter().any(|s| s.reason.contains("unknown country `XX`")));
        assert!(skipped.iter().any(|s| s.reason.contains("off the globe")));
        assert!(skipped.iter().any(|s| s.reason.contains("missing name")));
    }

    #[test]
    fn a_broken_file_is_an_error() {
        assert!(parse("not json").is_err());
        assert!(parse("{\"groups\": []}").is_err());
        assert!(parse("{\"version\": 2, \"groups\": []}").unwrap_err().0.contains("version 2"));
    }

    #[test]
    fn official_groups_come_first_then_by_name() {
        let records = [
            r#"{"slug": "z", "name": "Zeta", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "official"}"#,
            r#"{"slug": "a", "name": "alpha", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "new"}"#,
            r#"{"slug": "b", "name": "Beta", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "official"}"#,
        ]
        .join(",");
        let (groups, _) = parse(&file(&records)).unwrap();
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

    pub fn find(&self, slug: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.slug == slug)
    }
}

#[cfg(test)]
mod sample_tests {
    use super::*;

    const SAMPLE: &str = include_str!("../public/groups.json");

    #[test]
    fn the_shipped_sample_is_clean_and_covers_every_region() {
        let (groups, skipped) = parse(SAMPLE).unwrap();
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
