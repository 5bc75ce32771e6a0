//! The groups directory, `groups.json`: its records, the one set of rules every record meets,
//! and reading a file in which a bad record is skipped with a reason while the rest still show.
//!
//! The app reads the file with it, the server checks the file with it before it adds an
//! approved group, and `cargo test` runs it on the shipped file: a record that one of them
//! accepts, all of them accept.

use std::{collections::HashSet, fmt};

use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::{
    links::{check_link, Link},
    problem::{Problem, Subject},
    regions::{country, Country, Region},
    text::{self, TextError},
};

/// The file format version this code reads and writes.
pub const VERSION: u32 = 1;

pub use crate::limits::{CITY_MAX, DESCRIPTION_MAX, NAME_MAX, SLUG_MAX, URL_MAX};

crate::slug_enum! {
    /// Whether a group has been confirmed official (see the official-group-process page).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Status {
        Official = ("official", "Official"),
        New = ("new", "New"),
    }
}

impl Status {
    /// The status in the page's language: "Official", "New" (its `label` is English's).
    pub fn name(self) -> &'static str {
        groups_i18n::t(match self {
            Status::Official => groups_i18n::Msg::GroupOfficial,
            Status::New => groups_i18n::Msg::GroupNew,
        })
    }
}

/// A calendar month, `YYYY-MM` in JSON: when a group's details were last confirmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Month {
    /// `2015-03`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.split_once('-')?;
        if year.len() != 4 || month.len() != 2 || !year.bytes().chain(month.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (year, month) = (year.parse().ok()?, month.parse().ok()?);
        ((1..=12).contains(&month) && year >= 1970).then_some(Month { year, month })
    }

    /// The month of an RFC 3339 time (`2026-11-29T10:00:00Z` → 2026-11).
    pub fn of_time(rfc3339: &str) -> Option<Month> {
        Month::parse(rfc3339.get(..7)?)
    }

    /// "March 2015".
    pub fn label(self) -> String {
        format!("{} {}", MONTH_NAMES[usize::from(self.month - 1)], self.year)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for Month {
    type Error = String;
    fn try_from(text: String) -> Result<Month, String> {
        Month::parse(&text).ok_or_else(|| format!("`{text}` is not a month like 2015-03"))
    }
}

impl From<Month> for String {
    fn from(month: Month) -> String {
        month.to_string()
    }
}

/// One group of the directory. Every value of this type meets the rules: it is only made by
/// [`GroupRecord::check`] (which reading JSON goes through).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawRecord")]
pub struct GroupRecord {
    /// Its address: `/groups/<slug>`.
    pub slug: String,
    pub name: String,
    /// Absent for a group of a whole country or state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(serialize_with = "country_code")]
    pub country: &'static Country,
    pub lat: f64,
    pub lon: f64,
    pub status: Status,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When the group's details were last confirmed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<Month>,
}

fn country_code<S: Serializer>(country: &&'static Country, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(country.code)
}

/// A record as written in the file, before its rules are checked.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecord {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub city: Option<String>,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub status: Status,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub checked: Option<Month>,
}

impl TryFrom<RawRecord> for GroupRecord {
    type Error = String;
    fn try_from(raw: RawRecord) -> Result<GroupRecord, String> {
        GroupRecord::check(raw)
    }
}

/// Whether `slug` can be a group's address: lowercase ASCII letters, digits and single
/// hyphens between them.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= SLUG_MAX
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// A slug made from a name: "Baden-Württemberg" → `baden-wurttemberg`. Letters outside ASCII
/// lose their accents where that is simple and are dropped otherwise.
pub fn slug_from(name: &str) -> String {
    let mut slug = String::new();
    for c in crate::search::fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug.truncate(SLUG_MAX);
    slug.trim_end_matches('-').to_owned()
}

impl GroupRecord {
    /// The record as written in a file, to change and [`check`](GroupRecord::check) again.
    pub fn raw(&self) -> RawRecord {
        RawRecord {
            slug: self.slug.clone(),
            name: self.name.clone(),
            city: self.city.clone(),
            country: self.country.code.to_owned(),
            lat: self.lat,
            lon: self.lon,
            status: self.status,
            links: self.links.clone(),
            description: self.description.clone(),
            checked: self.checked,
        }
    }

    /// Checks a record's rules, trimming its texts; the message names the record by its slug.
    pub fn check(raw: RawRecord) -> Result<GroupRecord, String> {
        let slug = raw.slug.trim().to_owned();
        if !is_slug(&slug) {
            return Err(format!(
                "`{slug}`: a slug is lowercase letters and digits joined by single `-`, at most {SLUG_MAX} characters"
            ));
        }
        let problem = |subject: Subject, error: TextError| format!("`{slug}`: {}", error.problem(subject).english());
        let name = raw.name.trim().to_owned();
        text::check(&name, 1, NAME_MAX, false).map_err(|e| problem(Subject::GroupName, e))?;
        let city = raw.city.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
        if let Some(city) = &city {
            text::check(city, 1, CITY_MAX, false).map_err(|e| problem(Subject::City, e))?;
        }
        let code = raw.country.trim();
        let country = country(code)
            .ok_or_else(|| format!("`{slug}`: unknown country `{code}` (an ISO 3166-1 code such as DE)"))?;
        if !crate::geo::is_on_earth(raw.lat, raw.lon) {
            return Err(format!("`{slug}`: coordinates off the globe ({}, {})", raw.lat, raw.lon));
        }
        let mut links = Vec::with_capacity(raw.links.len());
        for link in raw.links {
            let url = link.url.trim().to_owned();
            if let Err(problem) = check_link(link.kind, &url) {
                return Err(format!(
                    "`{slug}`: the link `{}`: {}",
                    crate::text::escape_invisible(&url),
                    Problem::of_address(link.kind, &problem).english()
                ));
            }
            links.push(Link { kind: link.kind, url });
        }
        let description = raw.description.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty());
        if let Some(description) = &description {
            text::check(description, 1, DESCRIPTION_MAX, true).map_err(|e| problem(Subject::Description, e))?;
        }
        Ok(GroupRecord {
            slug,
            name,
            city,
            country,
            lat: raw.lat,
            lon: raw.lon,
            status: raw.status,
            links,
            description,
            checked: raw.checked,
        })
    }

    pub fn region(&self) -> Region {
        self.country.region
    }

    /// The group's page in the site.
    pub fn path(&self) -> String {
        crate::routes::group_href(&self.slug)
    }

    /// The group for people and screen readers: "OpenStack Berlin, Berlin, Germany".
    pub fn label(&self) -> String {
        once_each(&[&self.name, self.city.as_deref().unwrap_or_default(), self.country.name])
    }

    /// Where it meets, for people: "Berlin, Germany", or "Germany" for a country's group (and
    /// "Hong Kong" for a city that is its country).
    pub fn place(&self) -> String {
        once_each(&[self.city.as_deref().unwrap_or_default(), self.country.local_name()])
    }
}

/// `parts` joined as the page's language lists them (commas; 、 in Japanese), each said once: a part that only repeats the one before it
/// (a group named for its city, "Brazil" meeting in Brazil) read "Brazil, Brazil" aloud.
pub fn once_each(parts: &[&str]) -> String {
    let mut said: Vec<String> = Vec::new();
    let mut text = String::new();
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let folded = crate::search::fold(part);
        if said.contains(&folded) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(groups_i18n::t(groups_i18n::Msg::PlaceSeparator));
        }
        text.push_str(part);
        said.push(folded);
    }
    text
}

/// A record left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Position in the file's `groups` list (0-based).
    pub index: usize,
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "record {} skipped: {}", self.index, self.reason)
    }
}

/// Why the file as a whole cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError(pub String);

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A read directory: the good records in directory order, and those skipped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Read {
    pub groups: Vec<GroupRecord>,
    pub skipped: Vec<Skipped>,
}

#[derive(Deserialize)]
struct FileShape<'a> {
    version: Option<serde_json::Value>,
    #[serde(borrow)]
    groups: Option<Vec<&'a RawValue>>,
}

/// Reads `groups.json`: each record on its own, so one bad record costs only itself.
pub fn read(text: &str) -> Result<Read, FileError> {
    let shape: FileShape = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            FileError("groups.json does not hold an object with a version and a list of groups".into())
        } else {
            FileError(format!("groups.json is not valid JSON ({e})"))
        }
    })?;
    match shape.version {
        Some(v) if v.as_u64() == Some(u64::from(VERSION)) => {}
        Some(_) => {
            return Err(FileError(format!("groups.json is not version {VERSION}, the only one this site reads")))
        }
        None => return Err(FileError("groups.json has no version".into())),
    }
    let records = shape.groups.ok_or_else(|| FileError("groups.json has no list of groups".into()))?;
    let mut read = Read { groups: Vec::with_capacity(records.len()), skipped: Vec::new() };
    let mut slugs = HashSet::with_capacity(records.len());
    for (index, record) in records.into_iter().enumerate() {
        match serde_json::from_str::<GroupRecord>(record.get()) {
            Ok(group) if !slugs.insert(group.slug.clone()) => {
                read.skipped.push(Skipped { index, reason: format!("duplicate slug `{}`", group.slug) })
            }
            Ok(group) => read.groups.push(group),
            Err(error) => read.skipped.push(Skipped { index, reason: reason(&error) }),
        }
    }
    sort(&mut read.groups);
    Ok(read)
}

/// serde's message without its position, which is within the record and means nothing to
/// the person editing the file.
fn reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => text,
    }
}

/// The directory order: official groups first, then by name (case-insensitively), then slug.
pub fn sort(groups: &mut [GroupRecord]) {
    groups.sort_by_cached_key(|g| (g.status != Status::Official, crate::case::lowercase(&g.name), g.slug.clone()));
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    groups: &'a [GroupRecord],
}

/// The file for `groups`, as the server writes it: indented, one member a line, ending in a
/// newline, so that a change reads well in a diff.
pub fn write(groups: &[GroupRecord]) -> String {
    let mut text = serde_json::to_string_pretty(&FileOut { version: VERSION, groups }).expect("records are plain data");
    text.push('\n');
    text
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::links::LinkKind;

    fn file(records: &str) -> String {
        format!("{{\"version\": 1, \"groups\": [{records}]}}")
    }

    const BERLIN: &str = r#"{"slug": "berlin", "name": "OpenStack Berlin", "city": "Berlin", "country": "DE",
        "lat": 52.52, "lon": 13.405, "status": "official",
        "links": [{"kind": "meetup", "url": "https://example.org/openstack-berlin"}],
        "description": "Monthly talks.", "checked": "2026-11"}"#;

    #[test]
    fn a_good_record_reads() {
        let read = read(&file(BERLIN)).unwrap();
        assert!(read.skipped.is_empty());
        let g = &read.groups[0];
        assert_eq!(
            (g.slug.as_str(), g.name.as_str(), g.city.as_deref()),
            ("berlin", "OpenStack Berlin", Some("Berlin"))
        );
        assert_eq!(g.country.name, "Germany");
        assert_eq!(g.region(), Region::Europe);
        assert_eq!(g.status, Status::Official);
        assert_eq!(g.links[0].kind, LinkKind::Meetup);
        assert_eq!(g.path(), "/groups/berlin");
        assert_eq!(g.place(), "Berlin, Germany");
        assert_eq!(g.checked.unwrap().label(), "November 2026");
    }

    #[test]
    fn a_place_is_named_once() {
        let group = |name: &str, city: Option<&str>, country: &str| {
            let city = city.map_or_else(String::new, |c| format!("\"city\": \"{c}\","));
            let record = format!(
                r#"{{"slug": "g", "name": "{name}", {city} "country": "{country}", "lat": 1, "lon": 1, "status": "new"}}"#
            );
            read(&file(&record)).unwrap().groups.remove(0)
        };
        // A country's group: "Brazil", not "Brazil, Brazil".
        let brazil = group("Brazil", None, "BR");
        assert_eq!((brazil.place().as_str(), brazil.label().as_str()), ("Brazil", "Brazil"));
        // Named for its city: the city once.
        assert_eq!(group("Atlanta", Some("Atlanta"), "US").label(), "Atlanta, United States");
        // A city that is its country.
        let hong_kong = group("Hong Kong", Some("Hong Kong"), "HK");
        assert_eq!((hong_kong.place().as_str(), hong_kong.label().as_str()), ("Hong Kong", "Hong Kong"));
        assert_eq!(group("OpenStack Singapore", Some("Singapore"), "SG").place(), "Singapore");
        // Otherwise each part.
        assert_eq!(group("OpenStack Berlin", Some("Berlin"), "DE").label(), "OpenStack Berlin, Berlin, Germany");
    }

    #[test]
    fn malformed_records_are_skipped_and_the_rest_kept() {
        let bad = [
            (
                r#"{"slug": "a", "name": "A", "city": "X", "country": "DE", "lat": 95, "lon": 0, "status": "new"}"#,
                "off the globe",
            ),
            (
                r#"{"slug": "b", "name": "B", "city": "X", "country": "XX", "lat": 0, "lon": 0, "status": "new"}"#,
                "unknown country `XX`",
            ),
            (
                r#"{"slug": "c", "name": "  ", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "new"}"#,
                "Enter the group's name",
            ),
            (
                r#"{"slug": "d", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "new"}"#,
                "missing field `name`",
            ),
            (
                r#"{"slug": "e", "name": "E", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "dormant"}"#,
                "unknown variant `dormant`",
            ),
            (
                r#"{"slug": "F g", "name": "F", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "new"}"#,
                "a slug is",
            ),
            (
                r#"{"slug": "h", "name": "H", "country": "DE", "lat": 0, "lon": 0, "status": "new", "links": [{"kind": "website", "url": "javascript:alert(1)"}]}"#,
                "starting with https:// (or http://)",
            ),
            (
                r#"{"slug": "i", "name": "I", "city": "X", "country": "DE", "lat": "north", "lon": 0, "status": "new"}"#,
                "invalid type",
            ),
            (
                r#"{"slug": "j", "name": "J\u202e", "country": "DE", "lat": 0, "lon": 0, "status": "new"}"#,
                "invisible formatting",
            ),
            (
                r#"{"slug": "k", "name": "K", "country": "DE", "lat": 0, "lon": 0, "status": "new", "email": "x@example.org"}"#,
                "unknown field `email`",
            ),
            (
                r#"{"slug": "l", "name": "L", "country": "DE", "lat": 0, "lon": 0, "status": "new", "checked": "March"}"#,
                "not a month",
            ),
            (
                r#"{"slug": "m", "name": "M", "country": "DE", "lat": 0, "lon": 0, "status": "new", "links": [{"kind": "fax", "url": "https://x.org"}]}"#,
                "unknown variant `fax`",
            ),
            (
                r#"{"slug": "berlin", "name": "Another Berlin", "city": "Berlin", "country": "DE", "lat": 52.5, "lon": 13.4, "status": "new"}"#,
                "duplicate slug `berlin`",
            ),
            ("42", "invalid type"),
        ];
        let records = std::iter::once(BERLIN).chain(bad.iter().map(|(r, _)| *r)).collect::<Vec<_>>().join(",");
        let read = read(&file(&records)).unwrap();
        assert_eq!(read.groups.len(), 1);
        assert_eq!(read.skipped.len(), bad.len());
        for (skipped, (_, why)) in read.skipped.iter().zip(bad) {
            assert!(skipped.reason.contains(why), "{skipped} should say {why:?}");
            assert!(!skipped.reason.contains(" at line "), "{skipped}");
        }
    }

    #[test]
    fn a_broken_file_is_an_error() {
        assert!(read("not json").unwrap_err().0.contains("not valid JSON"));
        assert!(read("[]").unwrap_err().0.contains("does not hold an object"));
        assert!(read("{\"groups\": []}").unwrap_err().0.contains("no version"));
        assert!(read("{\"version\": 2, \"groups\": []}").unwrap_err().0.contains("not version 1"));
        assert!(read("{\"version\": 1}").unwrap_err().0.contains("no list"));
    }

    #[test]
    fn official_groups_come_first_then_by_name() {
        let records = [
            r#"{"slug": "z", "name": "Zeta", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "official"}"#,
            r#"{"slug": "a", "name": "alpha", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "new"}"#,
            r#"{"slug": "b", "name": "Beta", "city": "X", "country": "DE", "lat": 0, "lon": 0, "status": "official"}"#,
        ]
        .join(",");
        let names: Vec<_> = read(&file(&records)).unwrap().groups.into_iter().map(|g| g.name).collect();
        assert_eq!(names, ["Beta", "Zeta", "alpha"]);
    }

    #[test]
    fn written_files_read_back_the_same() {
        let records = [BERLIN, r#"{"slug": "de", "name": " Germany ", "country": "DE", "lat": 51.1, "lon": 10.4, "status": "new", "city": ""}"#].join(",");
        let first = read(&file(&records)).unwrap();
        let text = write(&first.groups);
        assert!(text.ends_with("}\n") && text.contains("\n      \"slug\": \"berlin\""), "{text}");
        assert!(
            !text.contains("\"city\": \"\"") && !text.contains("description\": null"),
            "absent values are left out: {text}"
        );
        assert_eq!(read(&text).unwrap(), first);
        assert_eq!(first.groups[1].place(), "Germany");
        assert_eq!(first.groups[1].name, "Germany", "trimmed");
    }

    #[test]
    fn months_and_slugs() {
        assert_eq!(Month::parse("2015-03"), Some(Month { year: 2015, month: 3 }));
        for bad in ["2015-3", "2015-13", "2015-00", "15-03", "2015/03", "", "2015-03-01"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        assert_eq!(Month::of_time("2026-11-29T10:00:00Z").unwrap().to_string(), "2026-11");
        assert_eq!(slug_from("Baden-Württemberg"), "baden-wurttemberg");
        assert_eq!(slug_from("Colorado (Denver Metro/South)"), "colorado-denver-metro-south");
        assert_eq!(slug_from("São Paulo"), "sao-paulo");
        assert!(is_slug("pune-india") && !is_slug("-a") && !is_slug("a--b") && !is_slug("A") && !is_slug(""));
    }
}
