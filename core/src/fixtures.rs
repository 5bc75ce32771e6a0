//! A complete, valid request and group record for tests, here, in the app's and in the
//! server's: one place to change when either grows a field. Built only for tests and with the
//! `fixtures` feature.
//!
//! Its consent is to [`TERMS`]; the app and the server check requests against the privacy
//! page's version, so their tests give theirs (`valid_request_for`).

use crate::{
    consent::Terms,
    directory::{GroupRecord, Month, RawRecord, Status},
    links::{Link, LinkKind},
    places::{Place, PlaceKind},
    request::{Agreements, GroupDetails, GroupRequest, Organizer},
};

/// Terms for this crate's own tests.
pub const TERMS: Terms = Terms { policy_version: "2026-11-01" };

/// A request that passes every rule under [`TERMS`]: a group in Leipzig with one organiser
/// and one link.
pub fn valid_request() -> GroupRequest {
    valid_request_for(TERMS)
}

/// The same request, consenting to `terms`.
pub fn valid_request_for(terms: Terms) -> GroupRequest {
    GroupRequest {
        group: GroupDetails {
            name: "OpenStack Leipzig".into(),
            city: "Leipzig".into(),
            country: "DE".into(),
            lat: Some(51.34),
            lon: Some(12.37),
            description: "Monthly meetups about running OpenStack in Saxony.".into(),
            links: vec![Link { kind: LinkKind::Website, url: "https://example.org/leipzig".into() }],
        },
        organizers: vec![Organizer { name: "Ada Lovelace".into(), email: "ada@example.org".into() }],
        agreements: Agreements { code_of_conduct: true, non_commercial: true },
        consent: Some(terms.consent()),
        website: String::new(),
    }
}

/// A listed group's record as written, for a test to change what it is about: "OpenStack
/// <slug>" in Leipzig, new, no links, checked November 2026.
pub fn raw_group(slug: &str) -> RawRecord {
    RawRecord {
        slug: slug.into(),
        name: format!("OpenStack {slug}"),
        city: Some("Leipzig".into()),
        country: "DE".into(),
        lat: 51.34,
        lon: 12.37,
        status: Status::New,
        links: vec![],
        description: None,
        checked: Some(Month { year: 2026, month: 11 }),
    }
}

/// The record of [`raw_group`], checked.
pub fn group(slug: &str) -> GroupRecord {
    checked(raw_group(slug))
}

/// `raw`, which must pass the directory's rules.
pub fn checked(raw: RawRecord) -> GroupRecord {
    GroupRecord::check(raw).expect("a fixture passes the rules")
}

/// Leipzig as the places index answers it (GeoNames 2879139): a town with no group of its own.
pub fn leipzig() -> Place {
    Place {
        id: "2879139".into(),
        kind: PlaceKind::City,
        name: "Leipzig".into(),
        matched: None,
        state: None,
        state_code: None,
        country: "DE".into(),
        country_name: "Germany".into(),
        lat: 51.33962,
        lon: 12.37129,
        population: 587_857,
    }
}
