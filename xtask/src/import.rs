//! `cargo xtask import-2015`: the shipped directory, `public/groups.json`, made from the real
//! list of OpenStack user groups as the old portal last published it
//! (`data/openstack-groups-2015.json`: groups.json of openstack-infra/groups-static-pages as
//! of 2015-03-03, public facts only, organisers' names and addresses left out at the source).
//!
//! Nothing is invented: names are the published titles, places and links are as published.
//! The few changes are listed in [`CORRECTIONS`] and [`LEFT_OUT`] with their reasons, and
//! links that are not web addresses (Twitter handles, IRC channels, mail addresses) are left
//! out, as the directory shows only http and https links. Every group was listed by the
//! official portal, so each is `official`, and `checked` is the month of the snapshot.

use anyhow::{bail, Context, Result};
use groups_core::{
    directory::{self, GroupRecord, Month, RawRecord, Status},
    links::{is_web_address, Link, LinkKind},
};
use serde::Deserialize;

use crate::paths;

const SOURCE: &str = "data/openstack-groups-2015.json";
const TARGET: &str = "public/groups.json";
/// When the old portal's list was last published.
const CHECKED: Month = Month { year: 2015, month: 3 };

/// Published records that are plainly wrong, by title: what changes and why.
const CORRECTIONS: &[(&str, Correction)] = &[
    // Its coordinates are Nicosia's, its title Cyprus; DZ (Algeria) was a typing slip.
    ("Cyprus", Correction::Country("CY")),
    // No coordinates were published; OC is Orange County, California.
    ("Orange County", Correction::Place(33.7175, -117.8311)),
    // These eleven were published at the centre of the United States (37.0902, -95.7129), a
    // placeholder for "somewhere in the US"; each is put at the place its title names.
    ("Cincinnati", Correction::Place(39.1031, -84.5120)),
    ("Colorado (Northern)", Correction::Place(40.5853, -105.0844)),
    ("Columbus", Correction::Place(39.9612, -82.9988)),
    ("Connecticut", Correction::Place(41.6032, -73.0877)),
    ("Dallas Fort Worth", Correction::Place(32.7767, -96.7970)),
    ("Florida", Correction::Place(27.6648, -81.5158)),
    ("Indiana", Correction::Place(40.2672, -86.1349)),
    ("Kentucky", Correction::Place(37.8393, -84.2700)),
    ("Michigan", Correction::Place(44.3148, -85.6024)),
    ("Minnesota", Correction::Place(46.7296, -94.6859)),
    ("North Carolina", Correction::Place(35.7596, -79.0193)),
];

/// Published records the directory cannot show, by title, and why.
const LEFT_OUT: &[(&str, &str)] = &[
    // A group for a whole continent, published with no country and at 0°, 0° (in the Gulf of
    // Guinea); every group of the directory belongs to one country. Its only link was a
    // Google+ community, a service closed in 2019.
    ("Africa", "no country"),
];

/// `location` values that name no city (the group's state or continent): left out, so the
/// group shows as meeting in its country.
const NOT_CITIES: &[&str] = &["Utah", "Africa"];

enum Correction {
    Country(&'static str),
    Place(f64, f64),
}

#[derive(Deserialize)]
struct Source {
    groups: Vec<Published>,
}

#[derive(Deserialize)]
struct Published {
    title: String,
    country: String,
    location: String,
    lat: String,
    lng: String,
    links: Vec<PublishedLink>,
}

#[derive(Deserialize)]
struct PublishedLink {
    kind: String,
    value: String,
}

/// Writes `public/groups.json` from the 2015 list.
pub fn import() -> Result<()> {
    let text = std::fs::read_to_string(paths::root().join(SOURCE)).with_context(|| format!("reading {SOURCE}"))?;
    let groups = convert(&text)?;
    std::fs::write(paths::root().join(TARGET), directory::write(&groups))
        .with_context(|| format!("writing {TARGET}"))?;
    eprintln!("xtask: wrote {TARGET}: {} groups", groups.len());
    Ok(())
}

/// The directory's records for the published list, in directory order.
pub fn convert(text: &str) -> Result<Vec<GroupRecord>> {
    let source: Source = serde_json::from_str(text).context("the 2015 list is not what it should be")?;
    let mut groups = Vec::new();
    for published in source.groups {
        if LEFT_OUT.iter().any(|(title, _)| *title == published.title) {
            continue;
        }
        groups.push(record(published)?);
    }
    let text = directory::write(&groups);
    let read = directory::read(&text).map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(skipped) = read.skipped.first() {
        bail!("the converted directory has a bad record: {skipped}");
    }
    Ok(read.groups)
}

fn record(published: Published) -> Result<GroupRecord> {
    let title = published.title.trim().to_owned();
    let correction = CORRECTIONS.iter().find(|(t, _)| *t == title).map(|(_, c)| c);
    let country = match correction {
        Some(Correction::Country(code)) => (*code).to_owned(),
        _ => published.country,
    };
    let (lat, lon) = match correction {
        Some(Correction::Place(lat, lon)) => (*lat, *lon),
        _ => {
            let parse = |v: &str| v.trim().parse::<f64>().with_context(|| format!("{title}: coordinate `{v}`"));
            (round(parse(&published.lat)?), round(parse(&published.lng)?))
        }
    };
    let location = published.location.trim();
    let city = (!location.is_empty() && !NOT_CITIES.contains(&location)).then(|| location.to_owned());
    let mut links: Vec<Link> = Vec::new();
    for link in published.links {
        // A value is its first word: one was published as "<address> Archives".
        let url = link.value.split_whitespace().next().unwrap_or_default().to_owned();
        if !is_web_address(&url) || links.iter().any(|l| l.url == url) {
            continue;
        }
        links.push(Link { kind: kind(&link.kind, &url), url });
    }
    let raw = RawRecord {
        slug: directory::slug_from(&title),
        name: title.clone(),
        city,
        country,
        lat,
        lon,
        status: Status::Official,
        links,
        description: None,
        checked: Some(CHECKED),
    };
    GroupRecord::check(raw).map_err(|e| anyhow::anyhow!("{title}: {e}"))
}

/// Sites whose pages are a group's social media.
const SOCIAL_SITES: &[&str] = &[
    "twitter.com",
    "x.com",
    "linkedin.com",
    "facebook.com",
    "plus.google.com",
    "weibo.com",
    "slideshare.net",
    "xing.com",
    "youtube.com",
];

/// What a link of the old portal leads to, in the directory's kinds. The old kinds were
/// chosen by hand and are often wrong (Switzerland's own site was filed under "twitter",
/// Egypt's mailing list under "meetup"), so a link's site decides where it is known, and the
/// old kind only where it is not; a social kind on an unknown site is a website.
fn kind(old: &str, url: &str) -> LinkKind {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or_default().to_ascii_lowercase();
    let on = |site: &str| host == site || host.ends_with(&format!(".{site}"));
    if on("meetup.com") {
        LinkKind::Meetup
    } else if on("groups.google.com") || on("googlegroups.com") || host.starts_with("lists.") {
        LinkKind::MailingList
    } else if SOCIAL_SITES.iter().any(|site| on(site)) {
        LinkKind::Social
    } else {
        match old {
            "mailing-list" | "ml" | "google-groups" | "google-group" => LinkKind::MailingList,
            "irc" => LinkKind::Chat,
            // website, blog, forum, and a "meetup" or social kind on another site
            _ => LinkKind::Website,
        }
    }
}

/// Four decimals: about 10 m, far finer than a city.
fn round(degrees: f64) -> f64 {
    (degrees * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use groups_core::regions::Region;

    use super::*;

    #[test]
    fn a_link_is_of_the_kind_its_site_says() {
        assert_eq!(kind("twitter", "http://openstack.ch/"), LinkKind::Website);
        assert_eq!(kind("twitter", "https://twitter.com/OpenStackCH"), LinkKind::Social);
        assert_eq!(kind("meetup", "http://groups.google.com/group/egypt-openstack-user-group"), LinkKind::MailingList);
        assert_eq!(kind("meetup", "https://www.xing.com/net/openstack-germany/"), LinkKind::Social);
        assert_eq!(kind("website", "http://www.meetup.com/openstack-ch/"), LinkKind::Meetup);
        assert_eq!(kind("irc", "http://webchat.freenode.net/?channels=openstack-br"), LinkKind::Chat);
        assert_eq!(kind("blog", "http://blog.example.org"), LinkKind::Website);
    }

    fn converted() -> Vec<GroupRecord> {
        convert(&std::fs::read_to_string(paths::root().join(SOURCE)).unwrap()).unwrap()
    }

    #[test]
    fn every_published_group_but_one_is_shipped_and_nothing_else() {
        let groups = converted();
        assert_eq!(groups.len(), 81, "82 published, Africa left out");
        let shipped = directory::read(&std::fs::read_to_string(paths::root().join(TARGET)).unwrap()).unwrap();
        assert!(shipped.skipped.is_empty());
        for group in &converted() {
            assert!(shipped.groups.iter().any(|g| g.slug == group.slug), "{} is not in {TARGET}", group.slug);
        }
        assert!(groups
            .iter()
            .all(|g| g.description.is_none() && g.status == Status::Official && g.checked == Some(CHECKED)));
        for region in Region::ALL {
            assert!(groups.iter().any(|g| g.region() == region), "no group in {region}");
        }
    }

    #[test]
    fn links_are_web_addresses_of_the_right_kind() {
        let groups = converted();
        let canada = groups.iter().find(|g| g.slug == "canada").unwrap();
        assert_eq!(canada.city, None);
        assert_eq!(canada.links.iter().filter(|l| l.kind == LinkKind::MailingList).count(), 2);
        assert!(canada.links.iter().all(|l| l.url.starts_with("http")), "no handles or IRC channels");
        let singapore = groups.iter().find(|g| g.slug == "singapore").unwrap();
        assert!(singapore.links.iter().any(|l| l.url == "http://openstack-sg.org"), "published with a leading space");
        assert!(groups.iter().flat_map(|g| &g.links).all(|l| !l.url.contains('@')));
    }

    #[test]
    fn corrections_are_applied() {
        let groups = converted();
        let find = |slug: &str| groups.iter().find(|g| g.slug == slug).unwrap();
        assert_eq!(find("cyprus").country.code, "CY");
        assert_eq!((find("cincinnati").lat, find("cincinnati").lon), (39.1031, -84.5120));
        assert_eq!(find("austin").city.as_deref(), Some("Austin, TX"));
        assert_eq!(find("utah").city, None);
        assert_eq!(find("baden-wurttemberg").name, "Baden-Württemberg");
        let placeholder = groups.iter().filter(|g| (g.lat, g.lon) == (37.0902, -95.7129)).count();
        assert_eq!(placeholder, 0, "no group left at the placeholder");
    }
}
