//! A complete, valid request for tests, here and in the server's: one place to change when
//! the request grows a field. Built only for tests and with the `fixtures` feature.

use crate::{
    consent::Consent,
    links::{Link, LinkKind},
    request::{Agreements, GroupDetails, GroupRequest, Organizer},
};

/// A request that passes every rule: a group in Leipzig with one organiser and one link.
pub fn valid_request() -> GroupRequest {
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
        consent: Some(Consent::current()),
        website: String::new(),
    }
}
